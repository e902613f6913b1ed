"""`tracker ingest`: paths, directories and globs; bad files among good ones; encodings; exit codes."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from helpers import MSP2_A, MSP2_B, cli, transaction, write

from tracker.errors import InputError
from tracker.formats.text import decode, decode_document
from tracker.store import tables as t
from tracker.store.queries import count
from tracker.usecases.ingest import expand_paths

ZH = "缔约国第三次会议将于2012年9月10日至14日在瑞士日内瓦举行。\n"


def test_one_bad_file_among_good_ones_exits_3_and_stores_the_good(db_url, tmp_path):
    folder = tmp_path / "docs"
    write(folder, "a.txt", MSP2_A)
    write(folder, "sub/b.txt", MSP2_B)
    write(folder, "bad.txt", b"%PDF-1.7\n binary")
    proc = cli(db_url, "ingest", str(folder))
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout.strip() == "2 new, 0 updated, 0 unchanged, 1 failed"
    assert "bad.txt: PDF: broken" in proc.stderr and "Traceback" not in proc.stderr
    with transaction(db_url) as conn:
        assert count(conn, t.DocumentRow) == 2 and count(conn, t.DocumentTextRow) == 2


def test_second_ingest_says_nothing_changed(db_url, tmp_path):
    write(tmp_path, "a.txt", MSP2_A)
    assert cli(db_url, "ingest", str(tmp_path / "a.txt")).returncode == 0
    proc = cli(db_url, "ingest", str(tmp_path / "a.txt"))
    assert proc.returncode == 0
    assert proc.stdout.strip() == "0 new, 0 updated, 1 unchanged, 0 failed (nothing changed)"


def test_missing_path_is_a_failure_with_its_reason(db_url, tmp_path):
    proc = cli(db_url, "ingest", str(tmp_path / "nowhere.txt"))
    assert proc.returncode == 3
    assert "nowhere.txt" in proc.stderr and "no such file" in proc.stderr


def test_directories_recurse_globs_match_and_hidden_files_are_skipped(tmp_path):
    write(tmp_path, "a.txt", "x")
    write(tmp_path, "deep/er/b.txt", "x")
    write(tmp_path, ".hidden/c.txt", "x")
    write(tmp_path, "d.md", "x")
    files, missing, _ = expand_paths([str(tmp_path)])
    assert sorted(Path(p).name for p in files) == ["a.txt", "b.txt", "d.md"] and missing == []
    files, missing, _ = expand_paths([str(tmp_path / "**" / "*.txt"), str(tmp_path / "*.nothing")])
    assert sorted(Path(p).name for p in files) == ["a.txt", "b.txt"]
    assert missing == [(str(tmp_path / "*.nothing"), "no file matches")]


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + ZH.encode("utf-8"), ZH.encode("utf-16"), ZH.encode("utf-16-le"), ZH.encode("utf-16-be"),
    ZH.encode("gb18030"), ("第三次会议" * 50).encode("utf-16-le"),
], ids=["utf-8 BOM", "utf-16 BOM", "utf-16-le", "utf-16-be", "gb18030", "utf-16-le without any ASCII"])
def test_encodings_decode(data):
    assert "第三次会议" in decode(data)


LATIN = "The Meeting will be held in Montréal, at the Palais des Nations in Genève, from 12 to 16 September 2011.\n"


@pytest.mark.parametrize("data, text", [
    (LATIN.encode("latin-1"), LATIN),
    ("The “Second Meeting” of States Parties in Côte d’Ivoire – Zürich, Montréal.\n".encode("cp1252"),
     "The “Second Meeting” of States Parties in Côte d’Ivoire – Zürich, Montréal.\n"),
    ("La Réunion des États parties décide de créer un comité élu à Genève.\n".encode("cp1252"),
     "La Réunion des États parties décide de créer un comité élu à Genève.\n"),
    ("The CCM缔约国会议 in Geneva 日内瓦, 2011年9月.\n".encode("gb18030"), "The CCM缔约国会议 in Geneva 日内瓦, 2011年9月.\n"),
], ids=["latin-1 English", "cp1252 quotes", "cp1252 French", "gb18030 with English"])
def test_latin_text_is_not_read_as_gb18030(data, text):
    assert decode(data) == text


@pytest.mark.parametrize("data", [
    b"The Second Meeting of States Parties will be held in Beirut\xff\xfe\xc3\x28\x80 x\n",
    bytes(range(0x80, 0x100)) * 8,
], ids=["stray bytes", "high bytes"])
def test_text_that_is_neither_chinese_nor_latin_is_refused(data):
    with pytest.raises(InputError, match="not UTF-8, UTF-16, GB18030, Big5 or Windows-1252 text"):
        decode(data)


@pytest.mark.parametrize("data", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF8 + b" \r\n"],
                         ids=["utf-8 BOM", "utf-16 BOM", "BOM and blanks"])
def test_a_byte_order_mark_alone_is_an_empty_document(data):
    with pytest.raises(InputError, match="empty document"):
        decode_document(data, "bom.txt")


def test_a_byte_order_mark_before_broken_utf8_is_an_input_error():
    with pytest.raises(InputError, match="bad.txt: broken UTF-8 text after its byte order mark"):
        decode(codecs.BOM_UTF8 + b"abc\xff def", "bad.txt")


@pytest.mark.parametrize("data", [bytes(64), b"SQLite format 3\x00" + bytes(100), bytes(range(256)) * 4],
                         ids=["NULs", "database page", "all bytes"])
def test_nul_heavy_binary_is_refused(data):
    with pytest.raises(InputError, match="binary"):
        decode(data)


def _no_symbol(city: str) -> str:
    """A document without a UN symbol (so it is keyed by its file), with one blank to fill."""
    return (f"The Second Meeting of States Parties to the Convention on Cluster Munitions will be held in {city} "
            "from 12 to 16 September 2011.\n\n1. The Meeting decided to appoint [...] as President.\n")


def _documents(db_url: str, docs: Path) -> dict[str, str]:
    """Stored documents' keys by their path under docs."""
    proc = cli(db_url, "documents", "--json")
    assert proc.returncode == 0, proc.stderr
    return {Path(d["path"]).relative_to(docs).as_posix(): d["key"] for d in json.loads(proc.stdout)["documents"]}


def _slot(db_url: str, key: str) -> dict:
    proc = cli(db_url, "slots", "--json", "--document", key)
    assert proc.returncode == 0, proc.stderr
    (slot,) = json.loads(proc.stdout)["slots"]
    return slot


def test_same_file_names_in_two_folders_stay_two_documents_with_their_own_fills(db_url, tmp_path):
    docs = tmp_path / "docs"
    for folder, cities in (("a", ("Beirut", "Oslo")), ("b", ("Geneva", "Vientiane"))):
        for name, city in zip(("001.txt", "002.txt"), cities, strict=True):
            write(docs / folder, name, _no_symbol(city))
    proc = cli(db_url, "ingest", str(docs))
    assert (proc.returncode, proc.stdout.strip()) == (0, "4 new, 0 updated, 0 unchanged, 0 failed"), proc.stderr
    keys = _documents(db_url, docs)
    assert sorted(keys) == ["a/001.txt", "a/002.txt", "b/001.txt", "b/002.txt"] and len(set(keys.values())) == 4
    assert cli(db_url, "ingest", str(docs)).stdout.strip() == "0 new, 0 updated, 4 unchanged, 0 failed (nothing changed)"
    assert _documents(db_url, docs) == keys

    slot = _slot(db_url, keys["a/001.txt"])
    assert cli(db_url, "fill", slot["id"], "Jane Doe", "--by", "t").returncode == 0
    write(docs / "a", "001.txt", _no_symbol("Beirut") + "\n2. The Meeting took note.\n")  # both change
    write(docs / "b", "001.txt", _no_symbol("Geneva") + "\n2. The Meeting closed.\n")
    proc = cli(db_url, "ingest", str(docs))
    assert proc.stdout.strip() == "0 new, 2 updated, 2 unchanged, 0 failed", proc.stderr
    assert _documents(db_url, docs) == keys
    assert _slot(db_url, keys["a/001.txt"])["fill"] == "Jane Doe"
    assert _slot(db_url, keys["b/001.txt"])["fill"] is None


def test_file_names_that_slug_alike_get_distinct_keys(db_url, tmp_path):
    docs = tmp_path / "docs"
    write(docs, "!!!.txt", _no_symbol("Beirut"))
    write(docs, "???.txt", _no_symbol("Oslo"))
    proc = cli(db_url, "ingest", str(docs))
    assert (proc.returncode, proc.stdout.strip()) == (0, "2 new, 0 updated, 0 unchanged, 0 failed"), proc.stderr
    assert len(set(_documents(db_url, docs).values())) == 2


def test_a_key_stored_before_keeps_its_document_and_fill(db_url, tmp_path):
    """A database from before path-unique keys: b/001.txt holds the bare key `001`; it keeps it."""
    docs = tmp_path / "docs"
    write(docs / "b", "001.txt", _no_symbol("Geneva"))
    assert cli(db_url, "ingest", str(docs / "b" / "001.txt")).returncode == 0
    assert _documents(db_url, docs) == {"b/001.txt": "001"}
    assert cli(db_url, "fill", "001-s1", "Jane Doe", "--by", "t").returncode == 0
    write(docs / "a", "001.txt", _no_symbol("Beirut"))
    write(docs / "b", "001.txt", _no_symbol("Geneva") + "\n2. The Meeting closed.\n")
    proc = cli(db_url, "ingest", str(docs / "a" / "001.txt"), str(docs / "b" / "001.txt"))
    assert proc.stdout.strip() == "1 new, 1 updated, 0 unchanged, 0 failed", proc.stderr
    keys = _documents(db_url, docs)
    assert keys["b/001.txt"] == "001" and keys["a/001.txt"].startswith("001-")
    assert _slot(db_url, "001")["fill"] == "Jane Doe" and _slot(db_url, keys["a/001.txt"])["fill"] is None


def test_a_document_ingested_from_another_directory_keeps_its_key(db_url, tmp_path, monkeypatch):
    """Stored paths are as typed: seen from elsewhere the stored path names no file, so no other file holds
    the stem and the changed document replaces the stored one under its key, its fill kept."""
    docs = tmp_path / "docs"
    write(docs, "001.txt", _no_symbol("Geneva"))
    monkeypatch.chdir(tmp_path)
    assert cli(db_url, "ingest", "docs/001.txt").returncode == 0
    assert cli(db_url, "fill", "001-s1", "Jane Doe", "--by", "t").returncode == 0
    write(docs, "001.txt", _no_symbol("Geneva") + "\n2. The Meeting closed.\n")
    monkeypatch.chdir(docs)
    proc = cli(db_url, "ingest", "001.txt")
    assert proc.stdout.strip() == "0 new, 1 updated, 0 unchanged, 0 failed", proc.stderr
    assert _slot(db_url, "001")["fill"] == "Jane Doe"
