"""Dates people type (issue 13): python-dateutil reads them for `--from`, `--to`, `--as-of` and date fills.

Both forms: the reader itself (`tracker.usecases.typed_dates.read_day`), and the commands in-process through the one
error handler (`tracker.cli.main`), on a store with the seeds in it.
"""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from helpers import SEEDS, main_in_process

from tracker.usecases.typed_dates import in_range, read_day

SEPT_12 = date(2011, 9, 12)


# ---------------------------------------------------------------- the reader

@pytest.mark.parametrize("typed", ["12 Sept 2011", "2011-09-12", "12/9/2011", "Sept 12, 2011", "12 September 2011",
                                   "September 12th, 2011", "12.9.2011", "12-09-2011", "2011/9/12", "20110912",
                                   "12/9/11", "Monday 12 September 2011", "  12 sept 2011 ", "１２/９/２０１１",
                                   "2011年9月12日"])
def test_the_forms_people_type_name_one_day(typed):
    assert read_day(typed) == SEPT_12


def test_a_numeric_date_is_day_first_unless_it_begins_with_its_year():
    assert read_day("3/4/2011") == date(2011, 4, 3)  # 3 April, as UN documents write it, not 4 March
    assert read_day("2011-04-03") == date(2011, 4, 3)  # ISO stays ISO (dateutil's dayfirst alone reads 3 Dec)
    assert read_day("13/12/2011") == date(2011, 12, 13)


@pytest.mark.parametrize("typed", ["tomorrow", "next week", "32/13/2011", "2011-02-30", "Sept 2011", "2011", "12",
                                   "Monday", "12-16 September 2011", "12 Sept 2011 10:00", "", "   ", "1e5",
                                   "99999999999999999999", "the twelfth", "2011年9月"])
def test_nonsense_and_parts_of_a_date_are_not_a_day(typed):
    assert read_day(typed) is None


def test_a_missing_year_is_taken_from_the_context_when_there_is_one():
    assert read_day("12 September") is None
    assert read_day("12 September", year=2011) == SEPT_12
    assert read_day("9月12日", year=2011) == SEPT_12
    assert read_day("29 Feb", year=2011) is None and read_day("29 Feb", year=2012) == date(2012, 2, 29)


def test_a_meetings_day_lies_between_1900_and_2199():
    assert in_range(date(1900, 1, 1)) and in_range(date(2199, 12, 31))
    assert not in_range(date(1899, 12, 31)) and not in_range(date(2200, 1, 1))
    assert read_day("9999-12-31") == date(9999, 12, 31)  # a date, refused by the range check, not the reader


# ---------------------------------------------------------------- the commands

@pytest.fixture
def seeded(tmp_path, monkeypatch, capsys) -> str:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    shutil.copytree(SEEDS, tmp_path / "docs")
    code, _out, err = main_in_process(monkeypatch, capsys, "--db", url, "ingest", str(tmp_path / "docs"))
    assert code == 0, err
    return url


@pytest.mark.parametrize("typed", ["1 Nov 2010", "1/11/2010", "Nov 1, 2010", "2010-11-01"])
def test_status_as_of_takes_the_forms_people_type(seeded, monkeypatch, capsys, typed):
    code, out, err = main_in_process(monkeypatch, capsys, "--db", seeded, "status", "--as-of", typed, "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["as_of"] == "2010-11-01"


def test_list_and_calendar_filters_take_the_forms_people_type(seeded, monkeypatch, capsys):
    def ids(*args: str) -> list[str]:
        code, out, err = main_in_process(monkeypatch, capsys, "--db", seeded, "meetings", "--json", *args)
        assert (code, err) == (0, "")
        return [m["id"] for m in json.loads(out)["meetings"]]

    assert ids("--from", "1/9/2011", "--to", "Sept 30, 2011") == ids("--from", "2011-09-01", "--to", "2011-09-30")
    assert "ccm-msp-2" in ids("--from", "1/9/2011", "--to", "Sept 30, 2011")
    code, typed, _ = main_in_process(monkeypatch, capsys, "--db", seeded, "export", "ics", "--from", "1 Sept 2011",
                                     "--dtstamp", "2010-11-01T00:00:00Z")
    code_iso, iso, _ = main_in_process(monkeypatch, capsys, "--db", seeded, "export", "ics", "--from", "2011-09-01",
                                       "--dtstamp", "2010-11-01T00:00:00Z")
    assert code == code_iso == 0 and typed == iso and "ccm-msp-2@tracker" in typed


@pytest.mark.parametrize("args, says", [
    (["status", "--as-of", "tomorrow"], "--as-of: 'tomorrow' is not a date (2011-09-12, 12 Sept 2011"),
    (["status", "--as-of", "32/13/2011"], "--as-of: '32/13/2011' is not a date"),
    (["meetings", "--from", "Sept 2011"], "--from: 'Sept 2011' is not a date"),
    (["export", "ics", "--to", "12 Sept 2011 10:00"], "--to: '12 Sept 2011 10:00' is not a date"),
    (["status", "--as-of", "9999-12-31"], "--as-of: 9999-12-31 is not a meeting's day (the years 1900 to 2199)"),
])
def test_nonsense_dates_are_one_usage_error_line(seeded, monkeypatch, capsys, args, says):
    code, out, err = main_in_process(monkeypatch, capsys, "--db", seeded, *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"tracker: {says}") and err.count("\n") == 1


@pytest.mark.parametrize("typed", ["12/9/2011", "12 Sept 2011", "Sept 12, 2011", "2011-09-12"])
def test_a_date_fill_takes_the_forms_people_type_day_first(seeded, monkeypatch, capsys, typed):
    slot = "001-fdd4221b5f7012ca-s5"  # the start day of the second meeting: 2011年9月[……]至
    code, out, err = main_in_process(monkeypatch, capsys, "--db", seeded, "fill", slot, typed, "--by", "ann")
    assert (code, err) == (0, ""), err
    assert out.startswith(f"{slot} = 12 (12 Sep 2011;")
    _, shown, _ = main_in_process(monkeypatch, capsys, "--db", seeded, "show", "ccm-msp-2", "--json")
    assert json.loads(shown)["record"]["start"] == "2011-09-12"


@pytest.mark.parametrize("typed, says", [("tomorrow", "'tomorrow' is not a day"),
                                         ("32/13/2011", "'32/13/2011' is not a day"),
                                         ("12/9/2200", "12 Sep 2200: a meeting date lies between 1900 and 2199")])
def test_a_nonsense_date_fill_is_one_usage_error_line(seeded, monkeypatch, capsys, typed, says):
    code, out, err = main_in_process(monkeypatch, capsys, "--db", seeded, "fill", "001-fdd4221b5f7012ca-s5", typed)
    assert (code, out) == (2, "")
    assert err.startswith(f"tracker: {says}") and err.count("\n") == 1


def test_the_help_says_numeric_dates_are_day_first(monkeypatch, capsys):
    for command in (["status"], ["meetings"], ["export", "ics"]):
        code, out, _ = main_in_process(monkeypatch, capsys, *command, "--help")
        words = " ".join(out.replace("│", " ").split())  # rich wraps the help inside a box
        assert code == 0 and "12/9/2011 is 12 September: day first" in words, command
