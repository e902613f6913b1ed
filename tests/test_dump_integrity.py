"""Backups that can be trusted (issue 10, item 3), on SQLite and PostgreSQL:

- `dump -o` replaces the previous dump all at once: on a full disk the old file stays byte for byte;
- a dump checks itself (an end line with the count of each record type and the sha256 of every line before
  it), so a cut-short, damaged or edited dump is refused with exit 3 and writes nothing;
- every field is checked for the type and shape `tracker dump` writes, so nothing a restore accepts can
  make a later `tracker ingest` crash;
- restore streams the file: a dump over 16 MB (the limit for one document) restores.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import _fresh_postgres_database
from helpers import SEEDS, TRACKER, cli, write
from test_dump import authored, fresh

from tracker.errors import InputError
from tracker.store import open_store
from tracker.usecases import services


def encode(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def with_end_line(records: list[dict]) -> str:
    """The records as a dump with a correct end line, as an editor who knows the format would write it."""
    body = "".join(encode(r) for r in records)
    counts = Counter(r["type"] for r in records[1:])
    return body + encode({"type": "end", "records": dict(counts), "sha256": hashlib.sha256(body.encode()).hexdigest()})


def is_empty(url: str) -> bool:
    """Nothing but the header and the end line in a dump of the store: restore wrote nothing."""
    kinds = [json.loads(line)["type"] for line in cli(url, "dump").stdout.splitlines()]
    return kinds == ["header", "end"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def dumped(request, tmp_path_factory) -> list[str]:
    """A real dump's lines, made once per backend: two documents, fills, a refill, an unfill, a decision,
    meeting revisions."""
    folder = tmp_path_factory.mktemp("source")
    url = (f"sqlite:///{folder / 'source.db'}" if request.param == "sqlite"
           else _fresh_postgres_database(request.getfixturevalue("postgres_server")))
    authored(url)
    proc = cli(url, "dump", "-o", str(folder / "dump.jsonl"))
    assert proc.returncode == 0, proc.stderr
    return (folder / "dump.jsonl").read_text("utf-8").splitlines(keepends=True)


@pytest.fixture
def other(dumped, request, tmp_path) -> str:
    """An empty database on the backend the dump came from."""
    if request.node.callspec.params["dumped"] == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.db'}"
    return _fresh_postgres_database(request.getfixturevalue("postgres_server"))


def refused(url: str, path: Path, text: str, says: str) -> None:
    path.write_text(text, "utf-8")
    proc = cli(url, "restore", str(path))
    assert proc.returncode == 3, (proc.returncode, proc.stderr)
    assert says in proc.stderr and len(proc.stderr.splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert is_empty(url)


# ---------------------------------------------------------------- the end line

def test_a_dump_ends_with_the_count_of_each_type_and_the_sha256_of_the_lines_before(dumped):
    *body, last = dumped
    end = json.loads(last)
    assert json.loads(body[0]) == {"format": "tracker-dump", "type": "header", "version": 2}
    assert end["type"] == "end"
    assert end["sha256"] == hashlib.sha256("".join(body).encode("utf-8")).hexdigest()
    counted = Counter(json.loads(line)["type"] for line in body[1:])
    assert {k: n for k, n in end["records"].items() if n} == dict(counted)
    assert end["records"]["fill"] == 2 and end["records"]["fill_event"] == 5


@pytest.mark.parametrize("cut", ["end line", "half the lines", "mid-line"])
def test_a_cut_short_dump_is_refused_and_writes_nothing(cut, dumped, other, tmp_path):
    text = "".join({"end line": dumped[:-1], "half the lines": dumped[:len(dumped) // 2]}.get(cut, dumped))
    if cut == "mid-line":
        text = text[:len(text) - len(dumped[-1]) - 40]  # inside the last record
    refused(other, tmp_path / "cut.jsonl", text, "no end line: the dump is cut short")


def test_a_damaged_dump_is_refused_by_its_checksum(dumped, other, tmp_path):
    damaged = "".join(dumped).replace('"贝鲁特"', '"日内瓦"', 1)
    refused(other, tmp_path / "damaged.jsonl", damaged, "checksum does not match")


def test_a_dump_with_a_record_removed_and_the_checksum_redone_is_refused_by_its_counts(dumped, other, tmp_path):
    records = [json.loads(line) for line in dumped[:-1]]
    last_event = max(i for i, r in enumerate(records) if r["type"] == "fill_event")
    body = "".join(encode(r) for i, r in enumerate(records) if i != last_event)
    end = json.loads(dumped[-1])  # the original counts, a checksum that fits the shorter body
    end["sha256"] = hashlib.sha256(body.encode()).hexdigest()
    refused(other, tmp_path / "short.jsonl", body + encode(end), "the end line counts")
    said = cli(other, "restore", str(tmp_path / "short.jsonl")).stderr
    assert "counts 1 change_event, 1 decision_state, 2 document, 2 fill, 5 fill_event" in said and "holds" in said
    assert "4 fill_event" in said.split("holds")[1]


def test_a_line_after_the_end_line_is_refused(dumped, other, tmp_path):
    refused(other, tmp_path / "more.jsonl", "".join(dumped) + dumped[3], "a line after the end line")


def test_a_version_1_dump_has_no_end_line_and_is_refused_unless_unchecked(dumped, other, tmp_path):
    old = dumped[:-1]
    old[0] = '{"format": "tracker-dump", "type": "header", "version": 1}\n'
    refused(other, tmp_path / "v1.jsonl", "".join(old), "version 1 dump has no end line")
    proc = cli(other, "restore", "--unchecked", str(tmp_path / "v1.jsonl"))
    assert proc.returncode == 0 and "2 fill, 5 fill_event" in proc.stdout, proc.stderr


# ---------------------------------------------------------------- every field checked

def _set(records: list[dict], kind: str, field: str, value, where: dict | None = None) -> list[dict]:
    """The records with the first `kind` record (matching `where`) given field=value."""
    out = [dict(r) for r in records]
    target = next(r for r in out if r["type"] == kind and all(r.get(k) == v for k, v in (where or {}).items()))
    target[field] = value
    return out


# tampered fields, each with a correct end line. The first ones were accepted before and then made every
# later `tracker ingest` fail with a traceback (a start date that is not a date, or one whose arithmetic
# overflows); the others were accepted and stored as garbage, or refused by the database as exit 4.
TAMPERED = [
    ("fill_value", "value", "tomorrow", {"field": "start"}, "start value 'tomorrow' is not an ISO date"),
    ("fill_value", "value", "9999-12-31", {"field": "start"}, "start value 9999-12-31 is outside"),
    ("fill_value", "field", "spaceship", {}, "field 'spaceship' is not one of"),
    ("fill_value", "slot_key", "nobody|city|x|[...]|1", {}, "fill_value record for a slot that has no fill"),
    ("meeting_revision", "revision", 10**30, {}, "revision must be a whole number"),
    ("meeting_revision", "revision", "abc", {}, "revision must be a whole number"),
    ("document", "sha256", 5, {}, "sha256 5 is not 64 lowercase hex digits"),
    ("document", "key", "a|b", {}, "is not a document key"),
    ("fill", "slot_key", "garbage", {}, "slot_key 'garbage' is not document|kind|context|blank|occurrence"),
    ("fill", "value", [1], {}, "value must be a string"),
    ("fill", "value", 12, {}, "value must be a string"),
    ("fill", "filled_at", None, {}, "filled_at None is not an ISO date and time"),
    ("fill", "filled_at", "2011-09-01T10:00:00", {}, "filled_at 2011-09-01T10:00:00 must carry a UTC offset"),
    ("fill_event", "at", "2011-09-01T10:00:00+02:00", {}, "must not carry a UTC offset"),
    ("fill", "old_value", "a\x00b", {}, "old_value contains a NUL character"),
    ("fill_event", "action", "explode", {}, "action 'explode' is not fill or unfill"),
    ("decision_state", "status", "banana", {}, "status 'banana' is not one of"),
]


@pytest.mark.parametrize("kind, field, value, where, says", TAMPERED, ids=[f"{k}.{f}={v!r:.12}" for k, f, v, *_ in
                                                                             TAMPERED])
def test_a_tampered_record_is_refused_and_writes_nothing(kind, field, value, where, says, dumped, other, tmp_path):
    records = _set([json.loads(line) for line in dumped[:-1]], kind, field, value, where)
    refused(other, tmp_path / "tampered.jsonl", with_end_line(records), says)


def test_a_second_fill_for_one_slot_is_refused(dumped, other, tmp_path):
    records = [json.loads(line) for line in dumped[:-1]]
    fill = next(i for i, r in enumerate(records) if r["type"] == "fill")
    refused(other, tmp_path / "twice.jsonl", with_end_line(records[:fill + 1] + records[fill:]),
            "a second fill record for")


def test_an_edited_but_well_formed_dump_restores_and_ingest_still_works(dumped, other, tmp_path):
    """The checks refuse what would break the store, not what a person may legitimately edit."""
    records = _set([json.loads(line) for line in dumped[:-1]], "fill", "filled_by", "carol")
    (tmp_path / "edited.jsonl").write_text(with_end_line(records), "utf-8")
    assert cli(other, "restore", str(tmp_path / "edited.jsonl")).returncode == 0
    assert cli(other, "ingest", str(SEEDS)).returncode == 0
    assert {f["by"] for f in json.loads(cli(other, "history", "--json").stdout)["history"]} >= {"ann", "bob"}


def test_a_fill_whose_document_is_gone_survives_a_dump(db_url, request, tmp_path):
    """A document re-ingested under a new key (it gained a symbol) leaves its fill without a listed document:
    a dump of that store is legitimate and must restore, so "fill for an unlisted document" is not refused."""
    doc = write(tmp_path / "docs", "msp.txt", "The Second Meeting of States Parties to the Convention on Cluster "
                "Munitions will be held in Beirut from 12 to 16 September 2011.\n\n1. The Meeting decided to "
                "appoint [...] as President.\n")
    assert cli(db_url, "ingest", str(doc)).returncode == 0
    slot = json.loads(cli(db_url, "slots", "--json").stdout)["slots"][0]["id"]
    assert cli(db_url, "fill", slot, "Jane Doe", "--by", "ann").returncode == 0
    doc.write_text("CCM/MSP/2011/1\n\n" + doc.read_text("utf-8"), "utf-8")
    assert cli(db_url, "ingest", str(doc)).returncode == 0
    text = cli(db_url, "dump").stdout
    fill = next(json.loads(line) for line in text.splitlines() if '"type": "fill"' in line)
    listed = {json.loads(line)["key"] for line in text.splitlines() if '"type": "document"' in line}
    assert fill["slot_key"].split("|")[0] not in listed
    (tmp_path / "dump.jsonl").write_text(text, "utf-8")
    other = fresh(db_url, request, tmp_path)
    proc = cli(other, "restore", str(tmp_path / "dump.jsonl"))
    assert proc.returncode == 0 and "1 fill" in proc.stdout, proc.stderr
    assert cli(other, "dump").stdout.count('"type": "fill"') == 1


# ---------------------------------------------------------------- any size

def big_dump(target_bytes: int) -> tuple[str, Counter]:
    """A dump of a store with many fills and their events, written in the format `tracker dump` uses."""
    records: list[dict] = [{"type": "header", "format": "tracker-dump", "version": 2}]
    documents = [f"doc-{d:04d}" for d in range(200)]
    records += [{"type": "document", "key": k, "path": f"/corpus/{k}.txt",
                 "sha256": hashlib.sha256(k.encode()).hexdigest()} for k in documents]
    context = "会议决定于2011年9月在下列地点举行缔约国第二次会议 the meeting shall be held at " * 3
    n = target_bytes // 1500 + 1  # a fill and its event take about 1500 bytes
    keys = [f"{documents[i % 200]}|city|{context}|[……]|{i + 1:06d}" for i in range(n)]
    fills, events = [], []
    for i, key in enumerate(keys):
        value = f"贝鲁特 {i:06d} " + "Beirut International Exhibition and Leisure Center " * 3
        at = f"2011-09-01T00:00:00.{i + 1:06d}"  # as isoformat writes it: never .000000; n stays below a million
        fills.append({"type": "fill", "slot_key": key, "slot_id": f"{documents[i % 200]}-s{i}", "value": value,
                      "filled_by": "ann", "filled_at": at + "+00:00", "old_value": None})
        events.append({"type": "fill_event", "slot_key": key, "slot_id": f"{documents[i % 200]}-s{i}",
                       "action": "fill", "old_value": None, "new_value": value, "typed": value, "filled_by": "ann",
                       "at": at})
    records += sorted(fills, key=lambda r: r["slot_key"]) + events
    return with_end_line(records), Counter(r["type"] for r in records[1:])


def test_a_dump_over_16_mb_restores_and_dumps_again_line_for_line(db_url, tmp_path):
    """The streaming (over the 16 MB a document may have) is the restore's, whatever the database: proven on
    SQLite; on PostgreSQL the same path writes its thousands of rows from a 2 MB dump."""
    big = db_url.startswith("sqlite")
    text, counts = big_dump((17 if big else 2) * 1024 * 1024)
    path = tmp_path / "big.jsonl"
    path.write_text(text, "utf-8")
    assert path.stat().st_size > (16 if big else 2) * 1024 * 1024
    started = time.monotonic()
    proc = cli(db_url, "restore", str(path))
    took = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    assert f"{counts['fill']} fill, {counts['fill_event']} fill_event" in proc.stdout
    out = cli(db_url, "dump", "-o", str(tmp_path / "again.jsonl"))
    assert out.returncode == 0, out.stderr
    # documents come back by ingesting them again, so until then the store's dump lacks only them
    again = (tmp_path / "again.jsonl").read_text("utf-8").splitlines()
    written = [line for line in text.splitlines() if '"type": "document"' not in line]
    assert again[:-1] == written[:-1] and len(again) == counts["fill"] + counts["fill_event"] + 2
    print(f"restored {path.stat().st_size / 2**20:.1f} MB ({counts['fill']} fills) in {took:.1f} s")


# ---------------------------------------------------------------- dump -o is atomic

def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_dump_to_a_full_disk_keeps_the_previous_dump(db_url, tmp_path):
    """A real full disk: a 256 KB tmpfs holding the old dump and a filler that takes every free block."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.decode().strip()}); see the in-process test below")
    try:
        old = disk / "dump.jsonl"
        assert cli(db_url, "dump", "-o", str(old)).returncode == 0  # an empty store: a short dump
        before = old.read_bytes()
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"x" * free)
        authored(db_url)
        # now the dump is ~ 6 KB: it fits neither beside the old one nor in the 4 KB block the old one frees
        proc = cli(db_url, "dump", "-o", str(old))
        assert old.read_bytes() == before, f"the previous dump is now {len(old.read_bytes())} bytes"
        assert leftovers(disk, {"dump.jsonl", "filler"}) == []
        assert proc.returncode == 3, (proc.returncode, proc.stderr)
        assert "No space left on device" in proc.stderr and len(proc.stderr.splitlines()) == 1, proc.stderr
        assert "previous file is unchanged" in proc.stderr
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_dump_that_fails_at_fsync_keeps_the_previous_dump_and_leaves_no_temp_file(tmp_path, monkeypatch):
    """The same promise in-process, where no tmpfs can be mounted: the disk fills up as the data is synced."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    store = open_store(url)
    out = tmp_path / "out"
    out.mkdir()
    old = out / "dump.jsonl"
    old.write_bytes(b"the previous dump\n")

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError, match="No space left on device.*previous file is unchanged"):
        services.write_dump(store, old)
    assert old.read_bytes() == b"the previous dump\n"
    assert leftovers(out, {"dump.jsonl"}) == []
    monkeypatch.undo()
    services.write_dump(store, old)
    assert old.read_text("utf-8").startswith('{"format": "tracker-dump"') and leftovers(out, {"dump.jsonl"}) == []


def test_dump_keeps_the_file_mode_of_the_dump_it_replaces(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    old = tmp_path / "dump.jsonl"
    old.write_text("old\n")
    old.chmod(0o640)
    assert cli(url, "dump", "-o", str(old)).returncode == 0
    assert old.stat().st_mode & 0o777 == 0o640 and old.read_text().startswith("{")


# ---------------------------------------------------------------- what is not a file

def test_restore_from_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "dump.fifo"
    os.mkfifo(fifo)
    proc = subprocess.run([str(TRACKER), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}", "restore", str(fifo)],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 3 and "not a regular file" in proc.stderr, proc.stderr
