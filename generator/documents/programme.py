"""The programme of a meeting: what the head sends to schools before it — the date (or the
planned period), the place or the platform, and the agenda with the speakers and their
positions."""

from __future__ import annotations

from ..model import Meeting, MeetingStatus, Workbook
from ..russian.text import NBSP, date_numeric, strip_numbering, typography
from .common import head_signature, online, signer_title, unbroken_hyphens, venue
from .kinds import Document, DocumentKind
from .speakers import nominative, speakers


def programme_document(workbook: Workbook, meeting: Meeting) -> Document:
    association = workbook.association
    when = f" от {date_numeric(meeting.date)}" if meeting.date else ""
    rows = []
    for number, item in enumerate(meeting.items, start=1):
        who = speakers(item, association)
        people = [nominative(p, association) for p in who.people] + \
            [typography(other) for other in who.others]
        rows.append({"number": str(number),
                     "content": typography(strip_numbering(item.text).rstrip(".")),
                     "speakers": "; ".join(people)})
    context = {
        "organisation": typography(association.organisation),
        "association": typography(association.full_name or association.name),
        # «Программа заседания № 1 РМО …»: the same order as the registration sheet's heading.
        "heading": unbroken_hyphens(
            typography(f"заседания №{NBSP}{meeting.number} {association.name}")),
        "when": date_numeric(meeting.date) if meeting.date else
        typography(meeting.period.lower()),
        "when_label": "Дата проведения" if meeting.date else "Срок проведения",
        "venue_label": "Форма проведения" if online(meeting) else "Место проведения",
        "venue": venue(meeting),
        "rows": rows,
        "signer_title": signer_title(association),
        "signer": head_signature(association),
    }
    return Document(
        kind=DocumentKind.PROGRAMME,
        filename=f"Программа заседания № {meeting.number}{when}.docx",
        context=context,
        title=f"Программа заседания № {meeting.number} {association.name}{when}",
        date=meeting.date or association.year.first_day,
        meeting=meeting.number,
    )


def programme_documents(workbook: Workbook) -> list[Document]:
    """A programme for every meeting that is not cancelled and has something on its agenda."""
    return [programme_document(workbook, meeting) for meeting in workbook.meetings
            if meeting.status is not MeetingStatus.CANCELLED and meeting.items]
