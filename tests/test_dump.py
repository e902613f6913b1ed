"""`tracker dump` and `tracker restore`: what people authored survives a trip through a file, on SQLite and
PostgreSQL; restore refuses a store that is not empty and a file that is not a dump."""

from __future__ import annotations

import json

import pytest
from conftest import _fresh_postgres_database
from helpers import SEEDS, cli

SLOTS = {"start": "12", "city": "贝鲁特", "country": "黎巴嫩"}


def fresh(db_url: str, request, tmp_path) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'restored.db'}"
    return _fresh_postgres_database(request.getfixturevalue("postgres_server"))


def authored(db_url: str) -> None:
    """Fills, a refill, an unfill and a decision, through the commands people use."""
    assert cli(db_url, "ingest", str(SEEDS)).returncode == 0
    slots = {s["field"]: s["id"] for s in json.loads(cli(db_url, "slots", "--json").stdout)["slots"]}
    for field, value in SLOTS.items():
        assert cli(db_url, "fill", slots[field], value, "--by", "ann").returncode == 0, field
    assert cli(db_url, "fill", slots["start"], "13", "--by", "bob").returncode == 0
    assert cli(db_url, "unfill", slots["country"], "--by", "bob").returncode == 0
    proposed = json.loads(cli(db_url, "decisions", "--json", "--status", "proposed").stdout)["decisions"]
    assert cli(db_url, "decide", proposed[0]["id"], "adopted", "--by", "ann").returncode == 0


def test_dump_restore_reingest_dump_is_identical(db_url, request, tmp_path):
    authored(db_url)
    first = cli(db_url, "dump", "-o", str(tmp_path / "dump.jsonl"))
    assert first.returncode == 0 and first.stdout == "", first.stderr
    text = (tmp_path / "dump.jsonl").read_text("utf-8")
    assert cli(db_url, "dump").stdout == text  # stdout and -o agree
    records = [json.loads(line) for line in text.splitlines()]
    kinds = [r["type"] for r in records]
    assert kinds[0] == "header" and kinds[-1] == "end" and kinds.count("document") == 2
    assert kinds.count("fill") == 2 and kinds.count("fill_event") == 5 and kinds.count("decision_state") == 1
    assert {r["value"] for r in records if r["type"] == "fill"} == {"13", "贝鲁特"}

    other = fresh(db_url, request, tmp_path)
    restored = cli(other, "restore", str(tmp_path / "dump.jsonl"))
    assert restored.returncode == 0, restored.stderr
    assert "2 fill, 5 fill_event" in restored.stdout and "tracker ingest" in restored.stdout
    assert cli(other, "ingest", str(SEEDS)).returncode == 0
    assert cli(other, "dump").stdout == text
    history = json.loads(cli(other, "history", "--json").stdout)["history"]
    assert [(e["action"], e["new"], e["by"]) for e in history] == [
        ("fill", "12", "ann"), ("fill", "贝鲁特", "ann"), ("fill", "黎巴嫩", "ann"), ("fill", "13", "bob"),
        ("unfill", None, "bob"), ("decide", "adopted", "ann")]  # decide is in the history too (issue 15)

    again = cli(other, "restore", str(tmp_path / "dump.jsonl"))
    assert again.returncode == 4 and again.stderr.startswith("tracker: the database is not empty")
    assert len(again.stderr.splitlines()) == 1


HEADER = '{"format": "tracker-dump", "type": "header", "version": 2}\n'


@pytest.mark.parametrize("content, says", [
    ("", "no header"),
    ('{"type": "fill"}\n', "starts with its header"),
    (HEADER + "not json\n", ":2: not a JSON line"),
    (HEADER + '{"type": "fill", "slot_key": "k"}\n', ":2: a fill record lacks"),
    (HEADER + '{"type": "spaceship"}\n', "unknown record type"),
    ('{"format": "tracker-dump", "type": "header", "version": 9}\n', "not a tracker dump of version 2"),
])
def test_restore_refuses_what_is_not_a_dump_and_writes_nothing(content, says, tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    (tmp_path / "dump.jsonl").write_text(content, "utf-8")
    proc = cli(url, "restore", str(tmp_path / "dump.jsonl"))
    assert proc.returncode == 3 and says in proc.stderr and len(proc.stderr.splitlines()) == 1, proc.stderr
    assert [json.loads(line)["type"] for line in cli(url, "dump").stdout.splitlines()] == ["header", "end"]


def test_restore_of_a_missing_file_is_an_input_error(tmp_path):
    proc = cli(f"sqlite:///{tmp_path / 'db.sqlite'}", "restore", str(tmp_path / "nowhere.jsonl"))
    assert proc.returncode == 3 and "no such file" in proc.stderr
