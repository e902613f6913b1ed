"""Conventions of the command line (issue 15): `--version`; the config file (database, name, calendar) and its
precedence, shown by `tracker config`; a broken config file is one line and exit 2; shell completion with ids from
the store (nothing, and no traceback, without one); unknown ids and filter values are usage errors saying
"did you mean …" or naming the valid values."""

from __future__ import annotations

import shutil

import pytest
from helpers import SEEDS, cli, tracker

from tracker import __version__
from tracker.usecases import services

DOC = "001-fdd4221b5f7012ca"
NOBODY = {"TRACKER_DB": None, "TRACKER_USER": None, "TRACKER_CALENDAR": None}


@pytest.fixture
def seeded(store, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    services.ingest_paths(store, [str(folder)])
    return store


def one_line_usage_error(ran, *words: str) -> None:
    assert ran.returncode == 2, (ran.stdout, ran.stderr)
    assert len(ran.stderr.splitlines()) == 1 and ran.stderr.startswith("tracker: "), ran.stderr
    assert "Traceback" not in ran.stderr
    for word in words:
        assert word in ran.stderr, ran.stderr


def test_version_option():
    ran = tracker("--version")
    assert (ran.returncode, ran.stdout) == (0, f"tracker {__version__}\n")


# ---------------------------------------------------------------- the config file

def write_config(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    return path


def test_config_file_settings_are_used_and_shown_with_option_over_env_over_file(tmp_path):
    db = tmp_path / "from-config.db"
    config = write_config(tmp_path, f'db = "{db}"\nby = "carol"\ncalendar = "Treaty meetings"\n')
    env = {**NOBODY, "TRACKER_CONFIG": str(config)}
    shown = tracker("config", env=env)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == f"config file  {config}"
    assert f"sqlite:///{db}  (config file)" in lines[1] and "carol  (config file)" in lines[2]
    assert "Treaty meetings  (config file)" in lines[3]

    assert tracker("ingest", str(SEEDS), env=env).returncode == 0  # into the config file's database
    assert db.is_file()
    assert tracker("fill", f"{DOC}-s5", "12", env=env).returncode == 0
    assert tracker("fill", f"{DOC}-s6", "16", env={**env, "TRACKER_USER": "dave"}).returncode == 0
    assert tracker("fill", f"{DOC}-s7", "LB", "--by", "erin", env={**env, "TRACKER_USER": "dave"}).returncode == 0
    history = tracker("history", "--json", env=env).stdout
    assert [e.split('"by": ')[1].split('"')[1] for e in history.split("\n") if '"by"' in e] == [
        "carol", "dave", "erin"]  # file, then env over file, then the option over both
    ics = tracker("export", "ics", "--dtstamp", "2011-01-01T00:00:00", env=env).stdout
    assert "X-WR-CALNAME:Treaty meetings" in ics
    ics = tracker("export", "ics", env={**env, "TRACKER_CALENDAR": "Mine"}).stdout
    assert "X-WR-CALNAME:Mine" in ics

    other = tmp_path / "other.db"
    shown = tracker("config", env={**env, "TRACKER_DB": str(other), "TRACKER_USER": "dave"}).stdout.splitlines()
    assert f"sqlite:///{other}  ($TRACKER_DB)" in shown[1] and "dave  ($TRACKER_USER)" in shown[2]
    shown = tracker("--db", str(tmp_path / "flag.db"), "config", env={**env, "TRACKER_DB": str(other)})
    assert "flag.db  (--db)" in shown.stdout.splitlines()[1]


def test_without_a_config_file_the_defaults_are_shown_and_nothing_is_created(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    shown = tracker("config", env={**NOBODY, "TRACKER_CONFIG": str(tmp_path / "none.toml")})
    assert shown.returncode == 0, shown.stderr
    assert "(none; create it" in shown.stdout and "(your login)  (default)" in shown.stdout
    assert "tracker  (default)" in shown.stdout and "tracker.db  (default)" in shown.stdout
    assert not (tmp_path / "data").exists()  # showing the default database does not make its folder


def test_a_database_password_in_the_config_file_is_not_shown(tmp_path):
    config = write_config(tmp_path, 'db = "postgresql://ann:s3cret@localhost:1/x"\n')
    shown = tracker("config", env={**NOBODY, "TRACKER_CONFIG": str(config)})
    assert shown.returncode == 0 and "s3cret" not in shown.stdout and "ann:***@localhost" in shown.stdout


@pytest.mark.parametrize(("text", "words"), [
    ('db = "x.db\n', ["not TOML", "line 1"]),
    ('dbb = "x.db"\n', ["unknown setting 'dbb'", "did you mean db?", "db, by, calendar"]),
    ("by = 7\n", ["by must be a non-empty string"]),
    ('calendar = ""\n', ["calendar must be a non-empty string"]),
    (b"by = '\xff'\n", ["cannot read it"]),
])
def test_a_broken_config_file_is_one_line_naming_it_and_exit_2(tmp_path, text, words):
    config = tmp_path / "config.toml"
    config.write_bytes(text if isinstance(text, bytes) else text.encode())
    env = {**NOBODY, "TRACKER_CONFIG": str(config)}
    for command in (["config"], ["meetings"], ["fill", f"{DOC}-s5", "12"]):
        ran = tracker(*command, env=env)
        one_line_usage_error(ran, f"config file {config}", *words)


def test_a_config_path_that_is_a_folder_is_a_usage_error(tmp_path):
    one_line_usage_error(tracker("meetings", env={**NOBODY, "TRACKER_CONFIG": str(tmp_path)}),
                         "cannot read it")


# ---------------------------------------------------------------- shell completion (Typer's)

def complete(*words: str, env: dict | None = None) -> list[str]:
    """What bash completion offers after `tracker WORDS` (the last word being typed)."""
    line = ["tracker", *words]
    ran = tracker(env={"_TRACKER_COMPLETE": "complete_bash", "COMP_WORDS": " ".join(line),
                       "COMP_CWORD": str(len(line) - 1), **(env or {})})
    assert ran.returncode == 0 and ran.stderr == "", ran.stderr
    return ran.stdout.split()


def test_completion_offers_ids_instruments_and_statuses_from_the_store(seeded):
    url = seeded.url
    assert complete("--db", url, "show", "ccm-msp") == ["ccm-msp-1", "ccm-msp-2"]
    assert complete("--db", url, "decide", f"{DOC}-d") == [f"{DOC}-d{n}" for n in range(1, 8)]
    assert complete("--db", url, "fill", f"{DOC}-s") == [f"{DOC}-s{n}" for n in range(1, 9)]
    assert complete("--db", url, "fill", "--meeting", "ccm-msp-") == ["ccm-msp-1", "ccm-msp-2"]
    assert complete("--db", url, "slots", "--document", "001") == [DOC]
    assert complete("--db", url, "meetings", "--instrument", "CC") == ["CCM", "CCW"]
    assert complete("--db", url, "decisions", "--status", "ad") == ["adopted"]
    assert complete("--db", url, "show", "no-such-thing") == []
    assert complete("--db", url, "show", "ccm_msp") == []  # `_` is no LIKE wildcard here


def test_completion_without_a_store_offers_nothing_and_creates_nothing(tmp_path):
    missing = tmp_path / "none" / "tracker.db"
    assert complete("--db", str(missing), "show", "ccm") == []
    assert not missing.parent.exists()
    config = write_config(tmp_path, "not toml at all")
    assert complete("show", "ccm", env={"TRACKER_CONFIG": str(config)}) == []  # a broken config: nothing either


def test_completion_gives_up_on_a_silent_server_within_a_tab(tmp_path):
    """A server that accepts and never answers: a command waits its 5 s connect timeout, a Tab only 1 s."""
    import socket
    import time

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"postgresql://nobody@127.0.0.1:{silent.getsockname()[1]}/db"
        started = time.monotonic()
        assert complete("--db", url, "show", "ccm", env={"TRACKER_CONFIG": str(tmp_path / "none.toml")}) == []
        assert time.monotonic() - started < 4  # 5 s and more before: the shell hung that long


# ---------------------------------------------------------------- unknown ids and filter values

def test_unknown_ids_say_did_you_mean(seeded):
    url = seeded.url
    one_line_usage_error(cli(url, "show", "ccm-msp2"), "did you mean ccm-msp-2")
    one_line_usage_error(cli(url, "fill", f"{DOC}-s33", "12"), f"no slot '{DOC}-s33'", f"{DOC}-s3")
    one_line_usage_error(cli(url, "decide", f"{DOC}-d77", "adopted"), f"did you mean {DOC}-d7")
    one_line_usage_error(cli(url, "history", f"{DOC}-s9"), f"with id '{DOC}-s9'", "did you mean")
    assert cli(url, "history", f"{DOC}-s1").returncode == 0  # a slot nobody filled yet: an empty history
    one_line_usage_error(cli(url, "fill", "--meeting", "ccm-msp3"), "no meeting 'ccm-msp3'", "ccm-msp-2")
    one_line_usage_error(cli(url, "slots", "--document", DOC[:-1]), f"did you mean {DOC}?")
    far = cli(url, "show", "zzzzzzzz")
    one_line_usage_error(far)
    assert "did you mean" not in far.stderr  # nothing close: no guess


def test_unknown_filter_values_name_the_valid_ones(seeded):
    url = seeded.url
    one_line_usage_error(cli(url, "meetings", "--instrument", "CMM"), "did you mean CCM?", "APMBC, CCM, CCW")
    one_line_usage_error(cli(url, "decisions", "--instrument", "XYZ"), "APMBC, CCM, CCW")
    one_line_usage_error(cli(url, "export", "ics", "--instrument", "ccx"), "APMBC, CCM, CCW")
    one_line_usage_error(cli(url, "decisions", "--status", "adoptd"), "did you mean adopted?")
    one_line_usage_error(cli(url, "people", "--status", "chiar"), "no role 'chiar'", "did you mean chair?")
    assert "阿克拉姆" in cli(url, "people", "--status", "chair").stdout
    assert cli(url, "meetings", "--instrument", "ccm").returncode == 0  # case is no difference
    assert cli(url, "meetings", "--instrument", "ccm", "--json").stdout.count('"id"') == 5


def test_in_a_large_store_did_you_mean_reads_only_the_ids_near_the_typed_one(seeded):
    """Past `limit` ids, the candidates are those of the typed id's document (its part up to the last `-`)."""
    from tracker.store import names

    with seeded.snapshot() as conn:
        everything = names.near_ids(conn, ("slot", "decision"), f"{DOC}-s33")
        assert len(everything) == 20  # a small store: all of them (5 + 7 decisions, 8 slots)
        near = names.near_ids(conn, ("slot", "decision", "meeting"), f"{DOC}-s33", limit=10)
        assert near and all(n.startswith(f"{DOC}-") for n in near) and len(near) <= 10
        assert names.near_ids(conn, ("meeting",), "ccm-msp9", limit=3) == ["ccm-intersessional-2011", "ccm-msp-1",
                                                                             "ccm-msp-2"]


def test_tab_in_a_real_bash_completes_ids_from_the_store(seeded, tmp_path):
    """Typer's bash script, sourced in an interactive bash in a pseudo-terminal: Tab Tab lists the ids."""
    import os

    pexpect = pytest.importorskip("pexpect")
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    from helpers import TRACKER

    script = tmp_path / "tracker-completion.sh"
    made = tracker(env={"_TRACKER_COMPLETE": "source_bash"})
    assert made.returncode == 0 and "_tracker_completion" in made.stdout, made.stderr
    script.write_text(made.stdout)
    env = {"PATH": f"{TRACKER.parent}{os.pathsep}{os.environ['PATH']}", "TERM": "dumb", "HOME": str(tmp_path),
           "TRACKER_DB": seeded.url, "TRACKER_CONFIG": str(tmp_path / "none.toml"), "PS1": "$ "}
    child = pexpect.spawn(bash, ["--norc", "--noprofile", "-i"], env=env, encoding="utf-8", timeout=60,
                          dimensions=(40, 200))
    child.expect_exact("$ ")
    child.sendline(f"source {script}")
    child.expect_exact("$ ")
    child.send("tracker show ccm-msp-\t\t")
    child.expect("ccm-msp-1")
    child.expect("ccm-msp-2")
    child.send("\x03")
    child.expect_exact("$ ")
    child.send(f"tracker decide {DOC}-d7 \t\t")
    child.expect("adopted")
    child.send("\x03")
    child.expect_exact("$ ")
    child.sendline("exit")
    child.expect(pexpect.EOF)
