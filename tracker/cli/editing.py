"""`tracker edit ID`: a walk over the fields of one record, correcting as it goes.

It talks to the same `Terminal` as the fill walk (`tracker.cli.prompts`: show markup, ask a line), so tests
script it and a better line editor there serves both. Every answer goes through
`tracker.usecases.corrections`, checked and recorded exactly as `tracker set` / `tracker unset` do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.cli.prompts import Terminal, _escape
from tracker.errors import ConflictError, UsageError

HELP = """\
  a value   correct the field (checked like a fill: a date, a country, a city, a status, …)
  Enter     keep the field as it is
  -         return the field to what the documents say
  b         back to the previous field
  q         quit; what was corrected stays
  ?         this help"""
PROMPT = "value, Enter keeps, - documents', b, q, ? > "


@dataclass
class EditSummary:
    changed: list[tuple[str, str | None]] = field(default_factory=list)  # (field, value now; None: documents')


def _line(rec, name: str) -> str:
    from tracker.usecases.corrections import shown

    now, said = shown(rec, name), rec.documents.get(name)
    text = f"[bold]{_escape(name)}[/]: {_escape(now) if now is not None else '[dim](none)[/]'}"
    if name in rec.corrected:
        text += f"  [yellow]corrected[/] [dim](the documents say {_escape(said or '(nothing)')})[/]"
    return text


def edit(store, ident: str, terminal: Terminal, by: str) -> EditSummary:
    """Visit each field of the record until the end or `q`; returns what changed."""
    from tracker.usecases import corrections

    summary = EditSummary()
    rec = corrections.record(store, ident)
    names = corrections.FIELDS[rec.kind]
    terminal.show(f"[bold]{_escape(rec.kind)} {_escape(ident)}[/] [dim]({len(names)} fields; ? for help)[/]")
    i = 0
    while 0 <= i < len(names):
        name = names[i]
        terminal.show(_line(rec, name))
        answer = terminal.ask(PROMPT)
        answer = "q" if answer is None else answer.strip()
        if answer == "?":
            terminal.show(_escape(HELP))
            continue
        if answer == "q":
            break
        if answer == "":
            i += 1
            continue
        if answer == "b":
            i = max(0, i - 1)
            continue
        try:
            if answer == "-":
                change = corrections.unset_field(store, ident, name, by)
            else:
                change = corrections.set_field(store, ident, name, answer, by, expected=rec.corrected.get(name))
        except (UsageError, ConflictError) as exc:  # shown beside the field, which is asked again
            terminal.show(f"[red]{_escape(exc.message)}[/]")
            rec = corrections.record(store, ident)
            continue
        summary.changed.append((name, change.new))
        terminal.show(f"[green]{'corrected' if change.new is not None else 'back to the documents'}[/] "
                      f"{_escape(name)} = [bold]{_escape(change.shown or '(nothing)')}[/]")
        rec = corrections.record(store, ident)
        i += 1
    terminal.show(f"{len(summary.changed)} field(s) changed")
    return summary
