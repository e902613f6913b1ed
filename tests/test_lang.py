"""Language packs (tracker/lang/*.toml) and what extraction reads with them."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from tracker.extract.pipeline import extract
from tracker.lang import available, lexicon

EXTRACT = Path(__file__).resolve().parents[1] / "tracker" / "extract"


@pytest.mark.parametrize(("name", "ordinal"), [
    ("Twenty-sixth Meeting of States Parties", 26),
    ("Thirty-first Meeting of States Parties", 31),
    ("Twelfth Meeting of States Parties", 12),
    ("Fortieth Meeting of States Parties", 40),
    ("21st Meeting of States Parties", 21),
])
def test_english_ordinals_from_units_and_tens(name: str, ordinal: int) -> None:
    text = f"The {name} will be held in Geneva from 3 to 14 November 2025."
    meetings = extract(text).meetings
    assert [(m.kind, m.ordinal) for m in meetings] == [("meeting_of_states_parties", ordinal)]


def test_ordinals_are_generated() -> None:
    en = lexicon("en")
    assert en.ordinals["twenty-sixth"] == 26
    assert en.ordinals["thirty-first"] == 31
    assert en.ordinals["ninety-ninth"] == 99
    assert en.ordinals["eleventh"] == 11


def test_every_pack_loads_once() -> None:
    for code in available():
        assert lexicon(code) is lexicon(code)
        assert lexicon(code).code == code
    assert {"en", "zh"} <= set(available())


# ---------------------------------------------------------------- a language added as data

FRENCH = (
    "Réunion des États parties\n\n"
    "1. La troisième Réunion des États parties se tiendra à Genève du 3 au 14 novembre 2025. "
    "M. Dupont (France) présidera la Réunion des États parties.\n"
)


def test_a_french_pack_reads_a_french_text_with_no_extractor_change(tmp_path):
    """tracker/lang/fr.toml alone (months, weekdays, range words "du … au …", honorifics, a few meeting
    names) lets `tracker extract` read a range and a person from French text."""
    from typer.testing import CliRunner

    from tracker.cli import app

    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, "utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["document"]["language"] == "fr"
    assert out["diagnostics"] == []  # a language with a pack is not "read with the English rules"
    [meeting] = out["meetings"]
    assert (meeting["kind"], meeting["ordinal"]) == ("meeting_of_states_parties", 3)
    assert (meeting["start"], meeting["end"], meeting["precision"]) == ("2025-11-03", "2025-11-14", "day")
    assert FRENCH[meeting["source"][0]["start"]:meeting["source"][0]["end"]] == "troisième Réunion des États parties"
    [person] = out["people"]
    assert (person["name"], person["honorific"], person["country"]) == ("Dupont", "M.", "FR")


def test_the_french_range_is_one_span():
    from tracker.extract.dates import find_dates

    text = "du 3 au 14 novembre 2025"
    [span] = find_dates(text, lexicon("fr"))
    assert (span.begin, span.stop, str(span.start), str(span.end), span.precision) == (0, len(text), "2025-11-03",
                                                                                        "2025-11-14", "day")


def code_strings(path: Path) -> list[str]:
    """The string constants of a module's code (docstrings, which may quote examples, left out)."""
    tree = ast.parse(path.read_text("utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_no_extractor_knows_a_french_word():
    """French lives in its pack: no module under tracker/extract/ names a French month, honorific or meeting."""
    words = [*lexicon("fr").month_names, "Mme", "Réunion", "parties"]
    for path in EXTRACT.rglob("*.py"):
        found = [w for s in code_strings(path) for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", s)]
        assert found == [], path
