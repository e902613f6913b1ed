"""The command line: parse, call one function, render, exit. Heavy imports stay inside commands."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tracker.errors import TrackerError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Track meetings, decisions and unfilled blanks in treaty-meeting documents.")


class Format(StrEnum):
    json = "json"
    text = "text"


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="A document (UTF-8, UTF-16 or GB18030 text).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="json (SCHEMA.md) or text.")] = Format.text,
) -> None:
    """Extract meetings, decisions, slots, topics and people from one document."""
    from tracker.extract.pipeline import extract as run
    from tracker.ingest import read_document
    from tracker.render import extraction_json, extraction_text

    result = run(read_document(path))
    typer.echo(extraction_json(result) if format is Format.json else extraction_text(result), nl=format is Format.json)


@app.command()
def version() -> None:
    """Print the version."""
    from tracker import __version__

    typer.echo(__version__)


def main() -> None:
    """Entry point: one handler turns every TrackerError into a one-line message and its exit code."""
    try:
        app(standalone_mode=False)
    except TrackerError as exc:
        typer.echo(f"tracker: {exc.message}", err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("tracker: aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("tracker: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # click's usage errors (typer may vendor click, so duck-type them)
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(2 if exc.exit_code not in (0, 1) else exc.exit_code or 2)
        if type(exc).__name__ == "Exit" and hasattr(exc, "exit_code"):
            sys.exit(exc.exit_code)
        raise
