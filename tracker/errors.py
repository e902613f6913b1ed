"""The one error hierarchy: every failure the user can cause has a class and an exit code; and `redacted`,
which keeps the database password out of every message."""

from __future__ import annotations

import re

# The password of a URL, `postgresql://user:secret@host/db`: after `scheme://user:` up to the LAST `@` before
# a space. SQLAlchemy, which reads `--db`, takes slashes and colons into the password (`user:pa/ss@host`), where
# urllib.parse would stop at the `/` and show the rest (and it refuses `[::1` without its `]` outright); an
# unencoded `@` in a password (`user:p@ss@host`) is covered too. A space ends it: messages quote URLs in text.
_USERINFO_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:)\S*@")
# a password given as a query parameter, which psycopg accepts too: `postgresql://user@host/db?password=secret`
_QUERY_PASSWORD = re.compile(r"(?P<head>\b(?:ssl)?pass(?:word|wd)=)[^&\s]*", re.IGNORECASE)


def redacted(text: str) -> str:
    """`text` with the password of every URL in it shown as `***`: `postgresql://user:***@host/db`.

    Every message that can carry the database URL passes through here: the store's own errors, the CLI's one
    handler (for any error text at all), the feed's log.
    """
    text = _USERINFO_PASSWORD.sub(r"\g<head>***@", text)
    return _QUERY_PASSWORD.sub(r"\g<head>***", text)


class TrackerError(Exception):
    """Base class; `exit_code` is what the process returns (see README, exit codes)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(TrackerError):
    """Bad arguments, unknown ids or commands."""

    exit_code = 2


class InputError(TrackerError):
    """A document that cannot be read as text: missing, unreadable, binary, undecodable, too big."""

    exit_code = 3


class StoreError(TrackerError):
    """The database is unreachable, locked or of an unknown schema version."""

    exit_code = 4


class ConflictError(TrackerError):
    """Someone else changed the same record first."""

    exit_code = 5
