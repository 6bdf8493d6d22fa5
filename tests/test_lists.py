"""The word forms of the closed lists: one table per list serves the workbook's reader and the
documents alike, and no value is left without its forms."""

from __future__ import annotations

from generator.model import (
    EventKind,
    Fulfilment,
    Level,
    MeetingStatus,
    MemberStatus,
    Person,
    Sex,
)
from generator.russian.lists import (
    EVENT_KIND_WORDS,
    FULFILMENT_WORDS,
    LEVEL_WORDS,
    MEETING_STATUS_WORDS,
    done_word,
    guest_mark,
    level_genitive,
)
from generator.workbook import contract


def test_every_value_the_documents_print_has_its_forms():
    assert set(EVENT_KIND_WORDS) == set(EventKind)
    assert set(LEVEL_WORDS) == set(Level)
    assert set(FULFILMENT_WORDS) == set(Fulfilment)
    assert set(MEETING_STATUS_WORDS) == {MeetingStatus.CANCELLED, MeetingStatus.MOVED}


def test_the_reader_accepts_the_spellings_of_the_table():
    assert contract.LEVEL.match("Областной") is Level.REGIONAL
    assert contract.EVENT_KIND.match("курсы ПК") is EventKind.COURSES
    assert contract.MEETING_STATUS.split("отменена: карантин") == (MeetingStatus.CANCELLED,
                                                                   "карантин")
    assert contract.FULFILMENT.split("выполнено частично, не всё") == (Fulfilment.PARTLY,
                                                                      "не всё")
    for kind, words in EVENT_KIND_WORDS.items():
        assert contract.EVENT_KIND.synonyms.get(kind, ()) == words.also


def test_the_documents_forms():
    assert level_genitive(Level.REGIONAL, EventKind.CONFERENCE) == "региональной"
    assert level_genitive(Level.FEDERAL, EventKind.CONTEST) == "всероссийского"
    assert level_genitive(Level.SCHOOL, EventKind.COURSES) == "школьных"
    assert (done_word(1), done_word(3), done_word(21)) == ("выполнена", "выполнено",
                                                           "выполнена")
    guest = Person("Ким А.В.", "библиотекарь", "СОШ № 1", MemberStatus.GUEST)
    assert guest_mark(guest) == " (приглашённый участник)"
    assert guest_mark(Person("Ким А.В.", "", "", MemberStatus.GUEST, Sex.FEMALE)) == \
        " (приглашённая)"
    assert guest_mark(Person("Ким А.В.", "", "")) == ""
