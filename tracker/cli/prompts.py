"""The interactive walk through open slots, like `git add -p`: one blank at a time, in its decision's text.

The walk talks to a `Terminal` (show markup, ask a line); `RichTerminal` is the real one, tests pass
their own. Filling goes through `tracker.usecases.fill`, so the walk checks and records exactly as `tracker fill
SLOT VALUE` does.

Line editing is GNU readline's (the standard library's `readline`, loaded only here): arrow keys, Home/End, Ctrl-R,
the person's own ~/.inputrc, Tab completing the slot's suggestions, and a history of the values typed in earlier
walks (in the platformdirs state directory). Another walk (`tracker edit`) can use the same three pieces: a
`Terminal`, `ask` with `error` and `choices`, and `WalkSummary.line()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tracker.domain import printable
from tracker.errors import ConflictError, UsageError

HELP = """\
  a value   fill the slot (12, 12日, 黎巴嫩, Lebanon, LB, CCM/MSP/2010/4, …); ← → edit, ↑ ↓ earlier values
  Tab       complete one of the suggestions
  #N        take suggestion N (a bare N works too, except in date slots, where it is a day)
  s         skip this slot (Enter too)
  b         back to the previous slot
  u         undo the last fill of this walk
  d         show the whole decision again
  q         quit (Ctrl-C and Ctrl-D too); what was filled stays
  ?         this help"""
PROMPT = "value, #n, s, b, u, q, ? > "
MERGE_PROMPT = "m keep mine, t keep theirs > "
COMMANDS = frozenset({"s", "", "b", "u", "d", "q", "?"})
HISTORY_LINES = 500  # values kept for ↑ across walks


class Terminal(Protocol):
    def show(self, markup: str) -> None: ...

    def ask(self, prompt: str, *, error: str | None = None, choices: Sequence[str] = ()) -> str | None:
        """A line the person typed, or None at end of input (Ctrl-D); Ctrl-C raises KeyboardInterrupt.

        `error` (markup) is shown on the line right above the prompt, where the eye already is; `choices` are
        what Tab completes."""

    def remember(self, value: str) -> None:
        """Keep a value for ↑ (in this walk and the next ones)."""


class RichTerminal:
    """The real terminal: rich markup out, one line in through readline (when the platform has it)."""

    def __init__(self, history_file: Path | None = None) -> None:
        from rich.console import Console

        self.console = Console(highlight=False)
        self.history_file = history_file
        self.choices: Sequence[str] = ()
        self.readline = _readline()
        if self.readline is not None:
            rl = self.readline
            rl.set_auto_history(False)  # only values go into the history, not s, b, q
            rl.set_completer_delims("")  # complete the whole line: suggestions hold spaces (Palais des Nations)
            rl.set_completer(self._complete)
            libedit = "libedit" in (rl.__doc__ or "")  # macOS's Python: another binding syntax
            rl.parse_and_bind("bind ^I rl_complete" if libedit else "tab: complete")
            if history_file is not None:
                try:
                    rl.read_history_file(history_file)
                except OSError:  # none yet, or unreadable: the walk works without it
                    pass

    def _complete(self, text: str, state: int) -> str | None:
        matches = [c for c in self.choices if c.casefold().startswith(text.casefold())]
        return matches[state] if state < len(matches) else None

    def show(self, markup: str) -> None:
        self.console.print(markup, soft_wrap=True)  # the terminal wraps; no newlines inside the text

    def ask(self, prompt: str, *, error: str | None = None, choices: Sequence[str] = ()) -> str | None:
        if error:
            self.show(error)
        self.choices = [printable(c) for c in choices]
        try:
            return input(prompt)  # the prompt given to readline, which redraws it while the line is edited
        except EOFError:
            self.console.print()
            return None
        except KeyboardInterrupt:
            self.console.print()  # the summary starts on a line of its own, not after ^C
            raise

    def remember(self, value: str) -> None:
        if self.readline is None or not value.strip():
            return
        rl = self.readline
        n = rl.get_current_history_length()
        if n == 0 or rl.get_history_item(n) != value:
            rl.add_history(value)

    def close(self) -> None:
        """Write the history file (at most HISTORY_LINES values); a file that cannot be written costs only it."""
        if self.readline is None or self.history_file is None:
            return
        try:
            self.history_file.parent.mkdir(parents=True, exist_ok=True)
            self.readline.set_history_length(HISTORY_LINES)
            self.readline.write_history_file(self.history_file)
        except OSError:
            pass


def _readline():
    """The readline module, or None where Python has none (Windows): then input() reads plain lines."""
    try:
        import readline
    except ImportError:
        return None
    return readline


@dataclass
class WalkSummary:
    filled: list[tuple[str, str]] = field(default_factory=list)  # (slot, value) still in place at the end
    skipped: set[str] = field(default_factory=set)  # passed over and still open
    left_open: int = 0  # open at the end, skipped ones included
    interrupted: bool = False  # ended by Ctrl-C

    def line(self) -> str:
        """What the walk did, said once at its end however it ends (q, Ctrl-C, Ctrl-D, the last slot)."""
        return (f"{len(self.filled)} filled in this walk, {len(self.skipped)} skipped, {self.left_open} left open"
                + (" (interrupted)" if self.interrupted else ""))


def _escape(text: str) -> str:
    """Text for rich markup: control characters shown as `\\x1b` (a value may be anyone's), markup escaped."""
    from rich.markup import escape

    return escape(printable(text))


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def render(view, position: int, total: int, whole: bool = True) -> str:
    """The decision with the slot highlighted, what the slot sets, and the suggestions.

    `whole=False` (the walk's next slot in the decision just shown) gives the words around the blank only."""
    e = _escape
    head = (f"[bold]({position}/{total}) decision {e(view.decision_number or '?')}[/] [dim]{e(view.decision or '')}[/]"
            if view.decision else f"[bold]({position}/{total})[/]")
    if whole:
        text = f"{e(view.before)}[bold reverse yellow]{e(view.blank)}[/]{e(view.after)}"
    else:
        head = f"[bold]({position}/{total})[/] [dim]same decision[/]"
        before, after = _squeeze(view.before), _squeeze(view.after)
        text = (("…" if len(before) > CONTEXT else "") + e(before[-CONTEXT:]) +
                f"[bold reverse yellow]{e(view.blank)}[/]" + e(after[:CONTEXT]) + ("…" if len(after) > CONTEXT else ""))
    lines = [head, text,
             f"[cyan]{e(view.id.rsplit('-', 1)[-1])}[/] · {e(view.kind)} · sets the [bold]{e(view.describes)}[/]"
             f" [dim](wants {e(view.wants)})[/]"]
    if view.fill is not None:
        lines.append(f"now filled with [green]{e(view.fill)}[/]")
    for n, s in enumerate(view.suggestions, 1):
        lines.append(f"  [bold]#{n}[/] {e(s.value)}  [dim]{e(s.why)}[/]")
    return "\n".join(lines)


CONTEXT = 40  # characters either side of the blank when the decision is not shown whole


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
    """Visit the slots in order until the end, `q`, Ctrl-D or Ctrl-C; returns (and shows) what was done."""
    summary = WalkSummary()
    done: list[tuple[str, str]] = []  # the undo stack: (slot, value it was given)
    if not slot_ids:
        terminal.show("no open slots here")
        return summary
    try:
        _visit(store, slot_ids, terminal, by, summary, done)
    except KeyboardInterrupt:  # Ctrl-C: what was filled stays, and the walk says so
        summary.interrupted = True
    summary.filled = done
    filled = {d[0] for d in done}
    summary.skipped -= filled
    summary.left_open = len([s for s in slot_ids if s not in filled])
    terminal.show(summary.line())
    return summary


def _visit(store, slot_ids: list[str], terminal: Terminal, by: str, summary: WalkSummary,
           done: list[tuple[str, str]]) -> None:
    from tracker.usecases import fill

    remember = getattr(terminal, "remember", lambda _value: None)
    i = 0
    shown_decision: str | None = None  # the decision shown whole last; its next slots show only their words
    while 0 <= i < len(slot_ids):
        view = fill.view(store, slot_ids[i])
        whole = view.decision is None or view.decision != shown_decision
        terminal.show(render(view, i + 1, len(slot_ids), whole))
        shown_decision = view.decision
        choices = [s.value for s in view.suggestions]
        error = None
        while True:  # asked again, with the error right above the prompt, until a value goes in or a key moves on
            answer = terminal.ask(PROMPT, error=error, choices=choices)
            answer = "q" if answer is None else answer.strip()
            error = None
            if answer == "?":
                terminal.show(_escape(HELP))
                continue
            if answer == "d":
                terminal.show(render(view, i + 1, len(slot_ids)))
                continue
            if answer == "u" and not done:
                error = "[dim]nothing to undo[/]"
                continue
            if answer in COMMANDS:
                break
            remember(answer)
            value = _suggestion(view, answer) or answer
            try:  # compare-and-set on the value shown: someone who filled it meanwhile is never overwritten unasked
                result = fill.fill_slot(store, slot_ids[i], value, by, expected=view.fill)
            except UsageError as exc:
                error = f"[red]✗ {_escape(exc.message)}[/] [dim](↑ brings back what you typed)[/]"
                continue
            except ConflictError:
                result = _merge(store, terminal, slot_ids[i], value, by)
                if result is None:  # theirs kept
                    answer = "s"
                    break
            done.append((result.slot, result.value))
            terminal.show(f"[green]filled[/] {_escape(result.slot.rsplit('-', 1)[-1])} = [bold]"
                          f"{_escape(result.value)}[/] [dim]({_escape(result.note)})[/]")
            for warning in result.warnings:
                terminal.show(f"[yellow]warning:[/] {_escape(warning)}")
            answer = None
            break
        if answer == "q":
            return
        if answer in ("s", ""):
            summary.skipped.add(slot_ids[i])
        if answer == "b":
            if i == 0:
                terminal.show("[dim]already at the first slot[/]")
            i = max(0, i - 1)
            continue
        if answer == "u":
            slot, value = done.pop()
            try:
                fill.unfill_slot(store, slot, by, expected=value)
                terminal.show(f"[yellow]undone:[/] {_escape(slot.rsplit('-', 1)[-1])} was {_escape(value)}")
            except (UsageError, ConflictError) as exc:
                terminal.show(f"[red]cannot undo:[/] {_escape(exc.message)}")
            i = slot_ids.index(slot) if slot in slot_ids else i
            continue
        i += 1
