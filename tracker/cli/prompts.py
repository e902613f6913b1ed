"""The interactive walk through open slots, like `git add -p`: one blank at a time, in its decision's text.

The walk talks to a `Terminal` (show markup, ask a line); `RichTerminal` is the real one, tests pass
their own. Filling goes through `tracker.usecases.fill`, so the walk checks and records exactly as `tracker fill
SLOT VALUE` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from tracker.domain import printable
from tracker.errors import ConflictError, UsageError

HELP = """\
  a value   fill the slot (12, 12日, 黎巴嫩, Lebanon, LB, CCM/MSP/2010/4, …)
  #N        take suggestion N (a bare N works too, except in date slots, where it is a day)
  s         skip this slot (Enter too)
  b         back to the previous slot
  u         undo the last fill of this walk
  q         quit; what was filled stays
  ?         this help"""
PROMPT = "value, #n, s, b, u, q, ? > "
MERGE_PROMPT = "m keep mine, t keep theirs > "


class Terminal(Protocol):
    def show(self, markup: str) -> None: ...

    def ask(self, prompt: str) -> str | None:
        """A line the person typed, or None at end of input."""


class RichTerminal:
    """The real terminal: rich markup out, one line in."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(highlight=False)

    def show(self, markup: str) -> None:
        self.console.print(markup, soft_wrap=True)  # the terminal wraps; no newlines inside the text

    def ask(self, prompt: str) -> str | None:
        try:
            return self.console.input(prompt)
        except EOFError:
            return None


@dataclass
class WalkSummary:
    filled: list[tuple[str, str]] = field(default_factory=list)  # (slot, value) still in place at the end
    skipped: set[str] = field(default_factory=set)
    left_open: int = 0


def _escape(text: str) -> str:
    """Text for rich markup: control characters shown as `\\x1b` (a value may be anyone's), markup escaped."""
    from rich.markup import escape

    return escape(printable(text))


def render(view, position: int, total: int) -> str:
    """The decision with the slot highlighted, what the slot sets, and the suggestions."""
    e = _escape
    head = (f"[bold]({position}/{total}) decision {e(view.decision_number or '?')}[/] [dim]{e(view.decision or '')}[/]"
            if view.decision else f"[bold]({position}/{total})[/]")
    lines = [head, f"{e(view.before)}[bold reverse yellow]{e(view.blank)}[/]{e(view.after)}",
             f"[cyan]{e(view.id.rsplit('-', 1)[-1])}[/] · {e(view.kind)} · sets the [bold]{e(view.describes)}[/]"
             f" [dim](wants {e(view.wants)})[/]"]
    if view.fill is not None:
        lines.append(f"now filled with [green]{e(view.fill)}[/]")
    for n, s in enumerate(view.suggestions, 1):
        lines.append(f"  [bold]#{n}[/] {e(s.value)}  [dim]{e(s.why)}[/]")
    return "\n".join(lines)


def _suggestion(view, answer: str):
    text = answer[1:] if answer.startswith("#") else answer
    if not text.isdigit() or (not answer.startswith("#") and view.kind == "date"):
        return None
    n = int(text)
    return view.suggestions[n - 1].value if 1 <= n <= len(view.suggestions) else None


def _merge(store, terminal: Terminal, slot_id: str, value: str, by: str):
    """Someone filled the slot between the display and the answer: show their value and ask whose to keep.

    Keeping mine is again a compare-and-set, on their value just shown; anything but `m` keeps theirs."""
    from tracker.usecases import fill

    while True:
        theirs = fill.view(store, slot_id).fill
        last = (fill.history(store, slot_id) or [None])[-1]
        who = last.by if last is not None else "someone"
        now = "emptied it" if theirs is None else f"filled it with [bold]{_escape(theirs)}[/]"
        terminal.show(f"[red]conflict:[/] {_escape(who)} {now} while you were typing "
                      f"[bold]{_escape(value)}[/]")
        answer = terminal.ask(MERGE_PROMPT)
        if answer is None or answer.strip() != "m":
            terminal.show(f"[yellow]kept theirs:[/] {_escape(slot_id.rsplit('-', 1)[-1])} "
                          f"{'left empty' if theirs is None else '= ' + _escape(theirs)}")
            return None
        try:
            return fill.fill_slot(store, slot_id, value, by, expected=theirs)
        except UsageError as exc:
            terminal.show(f"[red]{_escape(exc.message)}[/]")
            return None
        except ConflictError:
            continue  # changed once more: show the newest value and ask again


def walk(store, slot_ids: list[str], terminal: Terminal, by: str) -> WalkSummary:
    """Visit the slots in order until the end or `q`; returns what was filled."""
    from tracker.usecases import fill

    summary = WalkSummary()
    done: list[tuple[str, str]] = []  # the undo stack: (slot, value it was given)
    i = 0
    if not slot_ids:
        terminal.show("no open slots here")
        return summary
    while 0 <= i < len(slot_ids):
        view = fill.view(store, slot_ids[i])
        terminal.show(render(view, i + 1, len(slot_ids)))
        while True:
            answer = terminal.ask(PROMPT)
            answer = "q" if answer is None else answer.strip()
            if answer == "?":
                terminal.show(_escape(HELP))
                continue
            break
        if answer == "q":
            break
        if answer in ("s", ""):
            summary.skipped.add(slot_ids[i])
            i += 1
            continue
        if answer == "b":
            if i == 0:
                terminal.show("[dim]already at the first slot[/]")
            i = max(0, i - 1)
            continue
        if answer == "u":
            if not done:
                terminal.show("[dim]nothing to undo[/]")
                continue
            slot, value = done.pop()
            try:
                fill.unfill_slot(store, slot, by, expected=value)
                terminal.show(f"[yellow]undone:[/] {_escape(slot.rsplit('-', 1)[-1])} was {_escape(value)}")
            except (UsageError, ConflictError) as exc:
                terminal.show(f"[red]cannot undo:[/] {_escape(exc.message)}")
            i = slot_ids.index(slot) if slot in slot_ids else i
            continue
        value = _suggestion(view, answer) or answer
        try:  # compare-and-set on the value shown: someone who filled it meanwhile is never overwritten unasked
            result = fill.fill_slot(store, slot_ids[i], value, by, expected=view.fill)
        except UsageError as exc:
            terminal.show(f"[red]{_escape(exc.message)}[/]")
            continue
        except ConflictError:
            result = _merge(store, terminal, slot_ids[i], value, by)
            if result is None:  # theirs kept
                summary.skipped.add(slot_ids[i])
                i += 1
                continue
        done.append((result.slot, result.value))
        terminal.show(f"[green]filled[/] {_escape(result.slot.rsplit('-', 1)[-1])} = [bold]{_escape(result.value)}"
                      f"[/] [dim]({_escape(result.note)})[/]")
        for warning in result.warnings:
            terminal.show(f"[yellow]warning:[/] {_escape(warning)}")
        i += 1
    summary.filled = done
    summary.left_open = len([s for s in slot_ids if s not in {d[0] for d in done}])
    terminal.show(f"{len(done)} filled in this walk, {summary.left_open} left open")
    return summary
