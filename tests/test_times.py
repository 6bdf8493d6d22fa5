"""The register's time, written one way (archive.times) and read by a person one way: the
journal and the pages show «20.05.2026 14:03»."""

from __future__ import annotations

import datetime as dt

from generator.archive.times import parse_written, readable, written, written_day, written_now


def test_the_registers_time_is_written_and_read_back():
    moment = dt.datetime(2026, 5, 20, 14, 3, 11)
    assert written(moment) == "2026-05-20 14:03:11"
    assert parse_written(written(moment)) == moment
    assert readable(written(moment)) == "20.05.2026 14:03"
    assert written_day(written(moment)) == dt.date(2026, 5, 20)
    now = parse_written(written_now())
    assert now is not None and abs(now - dt.datetime.now()) < dt.timedelta(seconds=5)


def test_a_time_edited_by_hand_is_shown_as_typed_and_gives_no_moment():
    for typed in ("", "вчера", "20.05.2026", "2026-05-20"):
        assert parse_written(typed) is None
        assert readable(typed) == typed
    assert written_day("2026-05-20") == dt.date(2026, 5, 20)  # the day alone is enough
    assert written_day("вчера") is None
