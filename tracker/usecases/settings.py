"""One typed Settings object built once: the database, who is typing, the calendar's name, and where each came
from. Standard library and platformdirs only.

Each setting is taken from the first of: its command-line option, its environment variable, the config file
(TOML in the platformdirs config directory, or the file $TRACKER_CONFIG names), the default. A config file that
cannot be read, is not TOML, or holds an unknown key or a value that is not text is a usage error naming the file
(exit 2): a setting silently ignored would send fills to another database.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import UsageError

ENV_DB = "TRACKER_DB"
ENV_USER = "TRACKER_USER"
ENV_CALENDAR = "TRACKER_CALENDAR"
ENV_CONFIG = "TRACKER_CONFIG"
APP = "tracker"
# key in the config file -> (environment variable, what it is)
KEYS = {"db": (ENV_DB, "database URL (sqlite:///file.db, postgresql://user@host/db) or a file path"),
        "by": (ENV_USER, "your name, recorded with fills and decisions (--by)"),
        "calendar": (ENV_CALENDAR, "the calendar's name in exported .ics files (X-WR-CALNAME)")}
DEFAULT_CALENDAR = "tracker"


@dataclass(frozen=True)
class Settings:
    """`db_url` is an SQLAlchemy-style URL: sqlite:///path or postgresql://user@host/db.

    `by` is None when neither option, environment nor file names anyone (the login is used then);
    `sources` says where each setting came from: an option, an environment variable, the file, the default."""

    db_url: str
    by: str | None = None
    calendar: str = DEFAULT_CALENDAR
    config_path: Path | None = None
    sources: Mapping[str, str] | None = None


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """$TRACKER_CONFIG, else config.toml in the user config directory (~/.config/tracker on Linux)."""
    from platformdirs import user_config_dir

    env = os.environ if environ is None else environ
    return Path(env.get(ENV_CONFIG) or Path(user_config_dir(APP)) / "config.toml").expanduser()


def history_path() -> Path:
    """Where the fill walk keeps the values typed for ↑ (the user state directory)."""
    from platformdirs import user_state_dir

    return Path(user_state_dir(APP)) / "walk_history"


def default_db_url(create: bool = True) -> str:
    """sqlite:///<user data dir>/tracker.db, creating the directory unless told not to."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir(APP))
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'tracker.db'}"


def read_config(path: Path) -> dict[str, str]:
    """The settings a config file holds ({} when there is no file); UsageError (one line) when it is broken."""
    try:
        with path.open("rb") as stream:
            source = stream.read().decode()  # as tomllib.load reads it
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"config file {path}: cannot read it ({reason})") from None
    import tomllib  # only when there is a file: every command reads settings, few people keep one

    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"config file {path}: not TOML ({exc}); fix it or remove it") from None
    for key, value in data.items():
        if key not in KEYS:
            import difflib

            near = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"did you mean {near[0]}? " if near else ""
            raise UsageError(f"config file {path}: unknown setting {key!r}; {hint}the settings are "
                             f"{', '.join(KEYS)}")
        if not isinstance(value, str) or not value.strip():
            raise UsageError(f"config file {path}: {key} must be a non-empty string in quotes, e.g. "
                             f"{key} = \"…\"")
    return data


def load_settings(db: str | None = None, environ: Mapping[str, str] | None = None, *, by: str | None = None,
                  create: bool = True) -> Settings:
    """Option, then environment, then config file, then default. A bare path means an SQLite file.

    `create=False` (for `tracker config` and completion) makes no directory on the way."""
    env = os.environ if environ is None else environ
    path = config_path(env)
    file = read_config(path)
    sources: dict[str, str] = {}

    def pick(key: str, option: str | None, flag: str) -> str | None:
        name = KEYS[key][0]
        for value, source in ((option, flag), (env.get(name), f"${name}"), (file.get(key), "config file")):
            if value:
                sources[key] = source
                return value
        sources[key] = "default"
        return None

    url = pick("db", db, "--db") or default_db_url(create)
    if "://" not in url:
        path_db = Path(url).expanduser()
        if create:
            path_db.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path_db.resolve()}"
    who = pick("by", by, "--by")
    calendar = pick("calendar", None, "") or DEFAULT_CALENDAR
    return Settings(db_url=url, by=who, calendar=calendar, config_path=path, sources=sources)
