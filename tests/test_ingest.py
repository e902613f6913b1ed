"""`tracker ingest`: paths, directories and globs; bad files among good ones; encodings; exit codes."""

from __future__ import annotations

import codecs

import pytest
from helpers import MSP2_A, MSP2_B, cli, write

from tracker.errors import InputError
from tracker.ingest import decode, expand_paths
from tracker.store import tables as t
from tracker.store.engine import transaction
from tracker.store.queries import count

ZH = "缔约国第三次会议将于2012年9月10日至14日在瑞士日内瓦举行。\n"


def test_one_bad_file_among_good_ones_exits_3_and_stores_the_good(db_url, tmp_path):
    folder = tmp_path / "docs"
    write(folder, "a.txt", MSP2_A)
    write(folder, "sub/b.txt", MSP2_B)
    write(folder, "bad.txt", b"%PDF-1.7\n binary")
    proc = cli(db_url, "ingest", str(folder))
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout.strip() == "2 new, 0 updated, 0 unchanged, 1 failed"
    assert "bad.txt" in proc.stderr and "binary" in proc.stderr and "Traceback" not in proc.stderr
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
    files, missing = expand_paths([str(tmp_path)])
    assert sorted(p.name for p in files) == ["a.txt", "b.txt", "d.md"] and missing == []
    files, missing = expand_paths([str(tmp_path / "**" / "*.txt"), str(tmp_path / "*.nothing")])
    assert sorted(p.name for p in files) == ["a.txt", "b.txt"]
    assert missing == [(str(tmp_path / "*.nothing"), "no file matches")]


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + ZH.encode("utf-8"), ZH.encode("utf-16"), ZH.encode("utf-16-le"), ZH.encode("utf-16-be"),
    ZH.encode("gb18030"), ("第三次会议" * 50).encode("utf-16-le"),
], ids=["utf-8 BOM", "utf-16 BOM", "utf-16-le", "utf-16-be", "gb18030", "utf-16-le without any ASCII"])
def test_encodings_decode(data):
    assert "第三次会议" in decode(data)


@pytest.mark.parametrize("data", [bytes(64), b"SQLite format 3\x00" + bytes(100), bytes(range(256)) * 4],
                         ids=["NULs", "database page", "all bytes"])
def test_nul_heavy_binary_is_refused(data):
    with pytest.raises(InputError, match="binary"):
        decode(data)
