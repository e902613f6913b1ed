"""One typed Settings object built once: where the database is. Standard library and platformdirs only."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_DB = "TRACKER_DB"


@dataclass(frozen=True)
class Settings:
    """`db_url` is an SQLAlchemy-style URL: sqlite:///path or postgresql://user@host/db."""

    db_url: str


def default_db_url() -> str:
    """sqlite:///<user data dir>/tracker.db, creating the directory."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("tracker"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'tracker.db'}"


def load_settings(db: str | None = None, environ: dict[str, str] | None = None) -> Settings:
    """`--db` first, then TRACKER_DB, then the default file. A bare path means an SQLite file."""
    env = os.environ if environ is None else environ
    url = db or env.get(ENV_DB) or default_db_url()
    if "://" not in url:
        path = Path(url).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path.resolve()}"
    return Settings(db_url=url)
