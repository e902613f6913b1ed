"""The one error hierarchy: every failure the user can cause has a class and an exit code."""

from __future__ import annotations


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
