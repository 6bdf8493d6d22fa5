"""The May analysis: «Анализ работы … за 2025/2026 учебный год», in the phrasing of such reports:
one section of the report per function, kept together because they share its phrasing."""

from __future__ import annotations

import re

from ..archive.issued import Issue
from ..figures.association import Figures, compute
from ..model import (
    Fulfilment,
    Meeting,
    MeetingStatus,
    Participation,
    Result,
    Summary,
    Workbook,
)
from ..russian.lists import (
    EVENT_KIND_WORDS,
    FULFILMENT_WORDS,
    MEETING_STATUS_WORDS,
    done_word,
    guest_mark,
    level_genitive,
)
from ..russian.talks import quoted, talk_of
from ..russian.text import (
    NBSP,
    count,
    date_numeric,
    lower_months,
    number,
    people_count,
    percent,
    plural,
    sentence,
    share,
    singular,
    strip_numbering,
    surname_first,
    typography,
)
from .chart import BarChart
from .common import alphabetical, cancelled, head_signature, in_period, signer_title
from .kinds import Document, DocumentKind

_CANCELLED = MEETING_STATUS_WORDS[MeetingStatus.CANCELLED].said
_MOVED = MEETING_STATUS_WORDS[MeetingStatus.MOVED].said
FIRST_SUMMARY_SECTION = 7  # after «6. Посещаемость заседаний»


def meetings_word(n: int) -> str:
    return count(n, "заседание", "заседания", "заседаний")


def talks_word(n: int) -> str:
    return count(n, "выступление", "выступления", "выступлений")


def analysis_document(workbook: Workbook) -> Document | None:
    """The analysis, once at least one meeting was held; interim while meetings remain."""
    figures = compute(workbook)
    if not figures.held or figures.as_of is None:
        return None
    association = workbook.association
    year = association.year
    context = {
        "title": typography(f"Анализ работы {association.name}"),
        "year": year.label,
        "as_of": f"по состоянию на {date_numeric(figures.as_of)}" if figures.interim else "",
        **_theme(workbook, figures),
        **_members(figures),
        **_meetings(figures, workbook),
        **_talks(figures, workbook),
        **_participation(figures, workbook),
        **_attendance(figures),
        **_summary(workbook),
        "signer_title": signer_title(association),
        "signer": head_signature(association),
    }
    kind = "промежуточный" if figures.interim else ""
    return Document(
        kind=DocumentKind.ANALYSIS,
        filename=f"Анализ работы за {year.folder} учебный год"
                 + (f" на {date_numeric(figures.as_of)}" if figures.interim else "") + ".docx",
        context=context,
        title=f"Анализ работы {association.name} за {year.label} учебный год"
              + (f" ({kind}, на {date_numeric(figures.as_of)})" if kind else ""),
        date=figures.as_of,
        issue=Issue(f"анализ|{year.folder}|{figures.as_of.isoformat()}"),
    )


def analysis_documents(workbook: Workbook) -> list[Document]:
    document = analysis_document(workbook)
    return [document] if document else []


def _theme(workbook: Workbook, figures: Figures) -> dict:
    association = workbook.association
    theme = association.theme.rstrip(". ")
    tasks = figures.tasks
    judged = any(t.fulfilment for t in tasks)
    rows = [{"number": str(i), "text": typography(sentence(t.text)),
             "result": typography(_fulfilment(t.fulfilment, t.comment))}
            for i, t in enumerate(tasks, start=1)]
    summary = ""
    if judged:
        done = figures.tasks_by_fulfilment
        # Every value but the fully done only when there is any.
        parts = [FULFILMENT_WORDS[f].count.format(done=done_word(done[f]), n=done[f])
                 for f in Fulfilment if f is Fulfilment.DONE or done[f]]
        total = len(tasks)
        summary = f"Из {total} {plural(total, 'задачи', 'задач', 'задач')} " + ", ".join(parts) \
            + "."
    return {
        "theme_sentence": typography(
            f"В {association.year.label} учебном году {association.name} работало над "
            f"методической темой «{theme}»."),
        "tasks_intro": f"Для её реализации были поставлены "
                       f"{count(len(tasks), 'задача', 'задачи', 'задач')}:" if tasks else "",
        "tasks_table": rows if judged else [],
        "tasks_list": [] if judged else [f"{r['number']}. {r['text']}" for r in rows],
        "tasks_summary": summary,
    }


def _fulfilment(value: Fulfilment | None, comment: str) -> str:
    if value is None:
        return "–"
    return value.value + (f" ({comment})" if comment else "")


def _members(figures: Figures) -> dict:
    n = len(figures.members)
    institutions = figures.institutions
    positions = ", ".join(f"{typography(name)}{NBSP}– {people_count(k)}"
                          for name, k in figures.by_position)
    return {
        "members_sentence": f"В состав объединения входит {people_count(n)} из {institutions} "
                            f"{plural(institutions, 'учреждения', 'учреждений', 'учреждений')}."
        if singular(n) else
        f"В состав объединения входят {people_count(n)} из {institutions} "
        f"{plural(institutions, 'учреждения', 'учреждений', 'учреждений')}.",
        "positions_sentence": f"По должностям: {positions}." if positions else "",
    }


def _short(meeting: Meeting) -> str:
    """The items of a meeting for the table: talk titles in quotes, each cut to a line or two."""
    topics = []
    for item in meeting.items:
        if not item.given:
            continue
        # Whole, never cut with «…»: an auditor compares the table with the minutes.
        if item.speakers:
            found = talk_of(item)
            # A consultation «по …» has no title to quote.
            topics.append(found.topic if found.subject else quoted(found.topic))
        else:
            topics.append(typography(strip_numbering(item.text)).rstrip("."))
    return "\n".join(f"{i}. {t}" for i, t in enumerate(topics, start=1))


def _meetings(figures: Figures, workbook: Workbook) -> dict:
    notes = []
    for meeting in figures.cancelled:
        period = typography(lower_months(meeting.period))
        notes.append(f"Заседание №{NBSP}{meeting.number} ({period}) {_CANCELLED}"
                     + cancelled(meeting.reason) + ".")
    for meeting in figures.moved:
        when = f" и проведено {date_numeric(meeting.date)}" if meeting.date else ""
        notes.append(f"Заседание №{NBSP}{meeting.number} {_MOVED}{when}"
                     + (f": {typography(meeting.reason)}" if meeting.reason else "") + ".")
    rows = [{
        "number": str(r.meeting.number),
        # The protocol's number beside the plan's when a cancellation shifted them.
        "date": date_numeric(r.date) + (
            f"\n(протокол №{NBSP}{workbook.protocol_number(r.meeting)})"
            if workbook.protocol_number(r.meeting) != r.meeting.number else ""),
        "content": _short(r.meeting),
        "present": f"{r.present} из {r.members}",
        "guests": str(r.guests) if r.guests else "–",
        "share": percent(r.share),
    } for r in figures.meetings]
    chart = BarChart(
        title="Посещаемость заседаний, % членов РМО",
        series="Присутствовало, %",
        categories=tuple(f"№{NBSP}{r.meeting.number} ({date_numeric(r.date)})"
                         for r in figures.meetings),
        values=tuple(r.share for r in figures.meetings),
        maximum=100,
    )
    return {
        "meetings_sentence": f"Запланировано {meetings_word(figures.planned)}, проведено "
                             f"{figures.held} ({percent(figures.held_share)}).",
        "meetings_table": rows,
        "attendance_sentence": "Средняя посещаемость заседаний составила "
                               f"{percent(figures.average_attendance)}.",
        "meetings_notes": notes,
        "attendance_chart": chart,
    }


def _talks(figures: Figures, workbook: Workbook) -> dict:
    given = len(figures.talks_given)
    lines = []
    for talk in figures.talks_given:
        names = ", ".join(surname_first(p.name) + guest_mark(p) for p in talk.item.speakers)
        title = talk.topic if talk_of(talk.item).subject else quoted(talk.topic)
        lines.append(typography(f"{names} – {title}."))
    missed = []
    for talk in figures.talks_missed:
        names = ", ".join(surname_first(p.name) for p in talk.item.speakers)
        meeting = talk.meeting
        when = f"от {date_numeric(meeting.date)}" if meeting.date else \
            in_period(lower_months(meeting.period))
        why = f" {_CANCELLED}" if meeting.status is MeetingStatus.CANCELLED else \
            ("" if meeting.held else " не проведено")
        if meeting.held and meeting.date:  # the talk was withdrawn at a meeting held
            when = (f"снято с повестки заседания {date_numeric(meeting.date)}, протокол "
                    f"№{NBSP}{workbook.protocol_number(meeting)}")
            missed.append(typography(f"{names} – {quoted(talk.topic)} ({when})."))
            continue
        missed.append(typography(f"{names} – {quoted(talk.topic)} "
                                 f"(заседание №{NBSP}{meeting.number} {when}{why})."
                                 .replace(" )", ")")))
    members = len(figures.members)
    speakers = len(figures.speakers)
    return {
        "talks_sentence": f"Запланировано {talks_word(figures.talks_planned)}, проведено "
                          f"{given} ({percent(figures.talks_share)})."
        if figures.talks_planned else "Выступления в повестке не запланированы.",
        "speakers_sentence": (
            f"{'Выступил' if singular(speakers) else 'Выступили'} {speakers} из {members} "
            f"{plural(members, 'члена', 'членов', 'членов')} РМО "
            f"({percent(figures.speakers_share)})."),
        "talks": lines,
        "talks_missed": missed,
    }


def _no_participation(workbook: Workbook) -> str:
    """Without the sheet «Участие» nothing is known: the report never says nothing happened."""
    if not workbook.participation_entered:
        return "Сведения об участии членов РМО в мероприятиях вне заседаний не внесены."
    return "Участие членов РМО в мероприятиях вне заседаний не отмечено."


def _participation(figures: Figures, workbook: Workbook) -> dict:
    entries = len(figures.participation)
    members = len(figures.members)
    by_kind = [{"kind": EVENT_KIND_WORDS[k].plural, "entries": str(n), "people": str(p)}
               for k, n, p in figures.by_kind]
    by_level = [{"level": lv.value, "entries": str(n)} for lv, n in figures.by_level]
    results = []
    for p in figures.high_results:
        results.append(typography(f"{surname_first(p.person.name)} – {_achievement(p)}."))
    courses = [{"name": typography(surname_first(p.person.name)), "event": typography(p.event),
                "hours": number(p.hours) if p.hours else "–"} for p in figures.courses]
    chart = BarChart(
        title="Участие в мероприятиях по уровням",
        series="Число участий",
        categories=tuple(lv.value for lv, _ in figures.by_level),
        values=tuple(n for _, n in figures.by_level),
    )
    # Surname first, alphabetically, one to a line: names for the head's attention.
    inactive = [typography(surname_first(p.name)) for p in alphabetical(figures.inactive)]
    listing = [{"number": str(i), "name": typography(surname_first(p.person.name)),
                "event": typography(p.event) + (f" ({typography(p.date)})" if p.date else ""),
                "kind": f"{p.kind.value}, {p.level.value}",
                "result": p.result.value if p.result else "–"}
               for i, p in enumerate(figures.participation, start=1)]
    return {
        "participation_list": listing,
        "participation_sentence": (
            f"Члены РМО приняли участие в {figures.events} "
            f"{plural(figures.events, 'мероприятии', 'мероприятиях', 'мероприятиях')} "
            f"вне заседаний ({count(entries, 'участие', 'участия', 'участий')}). "
            f"Число участников{NBSP}– {figures.participants} из {members} "
            f"{plural(members, 'члена', 'членов', 'членов')} РМО "
            f"({percent(share(figures.participants, members))})."
            if entries else _no_participation(workbook)),
        "by_kind": by_kind,
        "by_level": by_level,
        "level_chart": chart if by_level else "",
        "results": results,
        "courses": courses,
        "courses_sentence": (
            f"Прошли курсы повышения квалификации: "
            f"{people_count(len({p.person.name for p in figures.courses}))}, всего "
            f"{number(figures.course_hours)}{NBSP}"
            f"{plural(int(figures.course_hours), 'час', 'часа', 'часов')}."
            if courses else ""),
        "inactive_sentence": (
            ("Не выступали на заседаниях и не участвовали в мероприятиях:"
             if workbook.participation_entered else "Не выступали на заседаниях:")
            if inactive
            else "Каждый член РМО выступил на заседании или участвовал в мероприятиях."),
        "inactive": inactive,
    }


def _result(result: Result | None) -> str:
    return result.value if result else ""


def _achievement(p: Participation) -> str:
    """«призёр муниципального конкурса «Лучший школьный библиотекарь»»."""
    words = EVENT_KIND_WORDS[p.kind]
    stem, genitive = words.stem, words.genitive
    level = level_genitive(p.level, p.kind)
    event = typography(p.event).strip().rstrip(".")
    match = re.match(rf"^{stem}\w*\s*«(?P<title>.+)»$", event, re.IGNORECASE)
    if match:
        title = match["title"]
    elif stem.lower() not in event.lower():
        title = event.strip("«»")
    else:
        # «Конкурс методических разработок»: the kind with its complement, no title to quote.
        rest = re.match(rf"^{stem}\w*\s+(?P<rest>[а-яё].*)$", event, re.IGNORECASE)
        if rest:
            return f"{_result(p.result)} {level} {genitive} {rest['rest']}"
        return f"{_result(p.result)}: {event} ({p.level.value} уровень)"
    return f"{_result(p.result)} {level} {genitive} {quoted(title)}"


def _attendance(figures: Figures) -> dict:
    rows = [{"name": typography(surname_first(a.person.name)),
             "institution": typography(a.person.institution),
             "attended": f"{a.attended} из {a.held}", "share": percent(a.share)}
            for a in figures.by_member]
    institutions = [{"institution": typography(i.institution), "members": str(i.members),
                     "attended": f"{i.attended} из {i.possible}", "share": percent(i.share)}
                    for i in figures.by_institution]
    missed = [a for a in figures.by_member if a.attended < a.held]
    counts = {a.held - a.attended for a in missed}
    most = max(counts, default=0)
    # «Больше всех» only when someone stands out: more than one meeting, more than others.
    stands_out = most >= 2 and (len(counts) > 1 or len(missed) < len(figures.by_member))
    leaders = [a for a in missed if a.held - a.attended == most]
    listed = leaders if stands_out else missed
    names = ", ".join(f"{surname_first(a.person.name)} ({a.held - a.attended} из {a.held})"
                      for a in listed)
    if not missed:
        sentence_ = "Все члены РМО посетили все проведённые заседания."
    elif stands_out:
        sentence_ = f"Больше всего пропусков: {names}."
    else:
        sentence_ = f"Пропустили заседания: {names}."
    return {
        "member_rows": rows,
        "institution_rows": institutions,
        "missed_sentence": sentence_,
    }


def _summary(workbook: Workbook) -> dict:
    """The head's own words, in sections numbered on after the computed ones (1–6)."""
    def items(section: Summary) -> list[str]:
        return [typography(sentence(t)) for t in workbook.summary.get(section, ())]

    sections = [(section.value, items(section)) for section in Summary]
    numbered = [{"title": f"{i}. {title}", "lines": found}
                for i, (title, found) in enumerate(((t, f) for t, f in sections if f),
                                                   start=FIRST_SUMMARY_SECTION)]
    if not workbook.summary_entered:
        # Without the sheet «Итоги» nothing is known: said so, never left out in silence.
        return {"summary_sections": [{"title": f"{FIRST_SUMMARY_SECTION}. Выводы",
                                      "lines": ["Итоги года не внесены."]}]}
    return {"summary_sections": numbered}


