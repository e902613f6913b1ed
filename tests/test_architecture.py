"""The import law of the README ("Who may import whom") and STYLE.md: the layers of `tracker/`, one package each.

    cli -> usecases -> {extract, store, rendering} -> rules -> domain, errors   (lang: words, for extract/rendering)

| layer (path)                 | may import (besides the standard library and itself)                    |
|------------------------------|--------------------------------------------------------------------------|
| tracker/domain.py, errors.py | nothing                                                                  |
| tracker/lang/                | nothing (tomllib): the language packs, data only                         |
| tracker/rules/               | domain                                                                   |
| tracker/extract/             | domain, errors, lang; pycountry; dateutil.relativedelta in extract/dates |
| tracker/formats/             | domain, errors; pypdfium2, docx, lxml, selectolax, charset_normalizer,   |
|                              | icalendar (formats/ics.py): each only inside the function that reads     |
| tracker/store/               | domain, errors, rules; sqlalchemy, sqlmodel (its only importer);         |
|                              | psycopg (writer: COPY on PostgreSQL, inside a function)                  |
| tracker/rendering/           | domain, errors, lang, rules; rich (report_text, inside functions),       |
|                              | pycountry (calendar, inside functions)                                   |
| tracker/usecases/            | domain, errors, lang, rules, extract, store, rendering; platformdirs,    |
|                              | pycountry                                                                 |
| tracker/quick.py             | domain, errors, lang, rules, store, rendering, usecases (no library): at |
|                              | module level only errors: status and search without Typer                |
| tracker/cli/                 | anything; typer (its only importer), rich (inside functions); at module  |
|                              | level of cli/__init__ only typer, errors, rules.vocabulary and quick     |
| tracker/__main__.py          | cli (the only importer of tracker.cli from outside it) and quick         |

Imports are read with `ast`, including those inside functions (they run at call time, but they still bind the layers).
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def walk(tree: ast.AST, into_functions: bool):
    """ast.walk, optionally without descending into function bodies (imports run at call time there)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if into_functions or not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))


def imports_of(source: str, module: str, is_package: bool = False, into_functions: bool = True) -> set[str]:
    """Every module `source` imports (absolute names), at any depth of the tree unless told otherwise."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in walk(ast.parse(source), into_functions):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            # `from tracker.extract import decisions` imports the submodule tracker.extract.decisions
            found.update(f"{prefix}.{alias.name}" for alias in node.names if alias.name != "*")
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and (getattr(node.func, "attr", None) == "import_module" or getattr(node.func, "id", None) == "__import__")):
            found.add(node.args[0].value)
    return found


def package_modules() -> dict[Path, set[str]]:
    return {path: imports_of(path.read_text("utf-8"), module_name(path), path.name == "__init__.py")
            for path in sorted(PACKAGE.rglob("*.py"))}


def top(name: str) -> str:
    return name.split(".")[0]


def is_stdlib(name: str) -> bool:
    return top(name) in STDLIB


def under(path: Path, part: str) -> bool:
    return path.relative_to(PACKAGE).as_posix().startswith(part)


def within(name: str, module: str) -> bool:
    """`name` is `module` or something inside it (tracker.domain.Slot is within tracker.domain)."""
    return name == module or name.startswith(module + ".")


def violations(rule, paths: set[Path] | None = None) -> list[str]:
    """'tracker/x.py imports y' for every import the rule(path, name) refuses, in `paths` or everywhere."""
    return [f"{p.relative_to(PACKAGE.parent)} imports {name}"
            for p, names in package_modules().items() if paths is None or p in paths
            for name in sorted(names) if not rule(p, name)]


# ---------------------------------------------------------------- the reader itself

def test_import_reader_sees_absolute_relative_nested_and_dynamic_imports():
    source = (
        "import json\n"
        "from tracker.extract import decisions as d\n"
        "from . import slots\n"
        "from ..domain import Slot\n"
        "def f():\n"
        "    import sqlalchemy.orm\n"
        "    importlib.import_module('typer')\n"
    )
    found = imports_of(source, "tracker.extract.pipeline")
    assert {"json", "tracker.extract.decisions", "tracker.extract.slots", "tracker.domain",
            "sqlalchemy.orm", "typer"} <= found
    module_level = imports_of(source, "tracker.extract.pipeline", into_functions=False)
    assert "json" in module_level and "sqlalchemy.orm" not in module_level and "typer" not in module_level


def test_the_walk_finds_the_package():
    modules = {module_name(p) for p in package_modules()}
    assert {"tracker.cli", "tracker.domain", "tracker.extract.pipeline", "tracker.extract.normalize"} <= modules
    assert "tracker.extract.normalize" in package_modules()[PACKAGE / "extract" / "pipeline.py"]
    assert "tracker/extract/slots.py imports re" in violations(lambda _p, n: n != "re")


# ---------------------------------------------------------------- the layers

# a module's layer is the first part of its path under tracker/ (domain.py -> "domain")
LAYERS = ("domain", "errors", "lang", "rules", "extract", "formats", "store", "rendering", "usecases", "quick", "cli",
          "__main__")
INTERNAL = {  # layer -> the other layers it may import
    "domain": set(), "errors": set(), "lang": set(),
    "rules": {"domain"},
    "extract": {"domain", "errors", "lang"},
    "formats": {"domain", "errors"},
    "store": {"domain", "errors", "rules"},
    "rendering": {"domain", "errors", "lang", "rules"},
    "usecases": {"domain", "errors", "lang", "rules", "extract", "formats", "store", "rendering"},
    "quick": {"domain", "errors", "lang", "rules", "store", "rendering", "usecases"},
    "cli": {"domain", "errors", "lang", "rules", "extract", "formats", "store", "rendering", "usecases", "quick"},
    "__main__": {"cli", "quick"},
}
THIRD_PARTY = {  # layer -> the libraries it may import
    "extract": {"pycountry", "dateutil"}, "store": {"sqlalchemy", "sqlmodel", "psycopg"}, "rendering": {"rich", "pycountry"},
    # formats: the only readers of PDF (pypdfium2), Word (python-docx, and lxml for its footnotes part), web pages
    # (selectolax), legacy encodings (charset_normalizer) and, with rendering/calendar.py, iCalendar
    "lang": {"opencc"},  # its character tables only (lang.variant_folds, inside the function)
    "formats": {"pypdfium2", "docx", "lxml", "selectolax", "charset_normalizer", "icalendar"},
    "usecases": {"platformdirs", "pycountry"}, "cli": {"typer", "rich"},
}


def layer(path: Path) -> str:
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py")


def imported_layer(name: str) -> str | None:
    """The layer of an imported tracker module (tracker.store.fills -> store); "" for the package itself."""
    parts = name.split(".")
    return (parts[1] if len(parts) > 1 else "") if parts[0] == "tracker" else None


def layer_allows(path: Path, name: str) -> bool:
    """The law: a module may import the standard library, its own layer, the layers below it and its libraries."""
    own = layer(path)
    if is_stdlib(name):
        return True
    target = imported_layer(name)
    if target is None:
        if top(name) == "dateutil":  # date arithmetic of the date grammar; the parser for dates people type
            return ((own == "extract" and under(path, "extract/dates/") and within(name, "dateutil.relativedelta"))
                    or (path == PACKAGE / "usecases" / "typed_dates.py" and within(name, "dateutil.parser")))
        return top(name) in THIRD_PARTY.get(own, set())
    return target in ("", own) or target in INTERNAL[own] or name == "tracker.__version__"


def test_every_module_has_a_layer():
    assert {layer(p) for p in package_modules()} - {"__init__"} <= set(LAYERS)
    assert {"rules", "extract", "store", "rendering", "usecases", "cli"} <= {layer(p) for p in package_modules()}


def test_every_import_follows_the_layers():
    assert violations(lambda p, n: layer(p) == "__init__" or layer_allows(p, n)) == []


@pytest.mark.parametrize(("path", "name"), [
    ("extract/slots.py", "tracker.store.fills"), ("extract/slots.py", "tracker.rules.ids"),
    ("rules/ids.py", "tracker.store"), ("rules/overlay.py", "tracker.extract.pipeline"),
    ("rules/overlay.py", "sqlalchemy"), ("store/fills.py", "tracker.rendering.reports"),
    ("store/queries.py", "tracker.usecases.services"), ("store/fills.py", "typer"),
    ("rendering/reports.py", "tracker.store.queries"), ("rendering/calendar.py", "tracker.usecases.exporting"),
    ("usecases/services.py", "typer"), ("usecases/services.py", "tracker.cli"), ("usecases/fill.py", "rich"),
    ("extract/meetings/read.py", "dateutil.relativedelta"), ("domain.py", "tracker.rules"),
    ("lang/__init__.py", "tracker.domain"),
])
def test_the_law_refuses_an_import_against_the_layers(path, name):
    assert not layer_allows(PACKAGE / path, name)


@pytest.mark.parametrize(("path", "name"), [
    ("cli/__init__.py", "tracker.usecases.services"), ("usecases/exporting.py", "tracker.rendering.calendar"),
    ("store/fills.py", "tracker.rules.overlay"), ("extract/dates/resolve.py", "dateutil.relativedelta"),
    ("rendering/report_text.py", "rich.table"), ("__main__.py", "tracker.cli"),
])
def test_the_law_lets_the_layers_below_be_imported(path, name):
    assert layer_allows(PACKAGE / path, name)


def test_a_violating_module_is_named(tmp_path):
    """What the law says about a real file: a rule that refuses store imports from rules names the module."""
    source = "from tracker.store import fills\n"
    names = imports_of(source, "tracker.rules.bad")
    assert [n for n in sorted(names) if not layer_allows(PACKAGE / "rules" / "bad.py", n)] == [
        "tracker.store", "tracker.store.fills"]


def only(library: str, where) -> list[str]:
    return violations(lambda p, n: top(n) != library or where(p))


def test_only_the_cli_imports_typer():
    assert only("typer", lambda p: layer(p) == "cli") == []


def test_only_the_store_imports_the_orm():
    assert only("sqlalchemy", lambda p: layer(p) == "store") == []
    assert only("sqlmodel", lambda p: layer(p) == "store") == []


def test_only_the_calendar_writer_and_reader_may_import_icalendar():
    assert only("icalendar", lambda p: p in (PACKAGE / "rendering" / "calendar.py", PACKAGE / "formats" / "ics.py")) == []


FORMAT_LIBRARIES = ("pypdfium2", "docx", "selectolax", "charset_normalizer", "lxml")


def test_only_the_formats_layer_reads_pdf_word_html_and_encodings():
    for library in FORMAT_LIBRARIES:
        assert only(library, lambda p: layer(p) == "formats") == [], library


def test_the_format_libraries_are_imported_only_inside_functions():
    """`import tracker.formats` (and so ingest and the CLI) loads none of them: a text file never pays for PDF."""
    for path in sorted((PACKAGE / "formats").rglob("*.py")):
        top_level = imports_of(path.read_text("utf-8"), module_name(path), path.name == "__init__.py",
                               into_functions=False)
        assert not {top(n) for n in top_level} & {*FORMAT_LIBRARIES, "icalendar"}, path


def test_rich_only_in_terminal_renderers_and_only_inside_functions():
    allowed = {PACKAGE / "rendering" / "report_text.py", PACKAGE / "cli" / "__init__.py",
               PACKAGE / "cli" / "prompts.py"}
    assert only("rich", lambda p: p in allowed) == []
    for path in allowed:
        top_level = imports_of(path.read_text("utf-8"), module_name(path), path.name == "__init__.py",
                               into_functions=False)
        assert not any(top(n) == "rich" for n in top_level), path


def test_nothing_below_the_cli_imports_it():
    assert violations(lambda p, n: layer(p) in ("cli", "__main__") or not within(n, "tracker.cli")) == []


def test_the_cli_defers_everything_but_typer_errors_and_the_vocabulary_to_its_commands():
    cli = PACKAGE / "cli" / "__init__.py"
    module_level = imports_of(cli.read_text("utf-8"), "tracker.cli", is_package=True, into_functions=False)
    refused = sorted(n for n in module_level
                     if not (is_stdlib(n) or top(n) == "typer" or within(n, "tracker.errors")
                             or within(n, "tracker.rules.vocabulary") or within(n, "tracker.quick")))
    assert refused == []


def test_the_entry_point_and_quick_load_nothing_but_the_standard_library_and_errors_at_import():
    """`tracker status` and `tracker search` start in tracker/__main__.py and tracker/quick.py: whatever they
    import at module level every command pays for before it knows which one it is."""
    for path, name in ((PACKAGE / "__main__.py", "tracker.__main__"), (PACKAGE / "quick.py", "tracker.quick")):
        module_level = imports_of(path.read_text("utf-8"), name, into_functions=False)
        assert sorted(n for n in module_level if not (is_stdlib(n) or within(n, "tracker.errors"))) == [], path


def test_the_store_reads_status_and_search_need_import_no_sqlalchemy():
    """store.lite answers status and search on SQLite through sqlite3: it, and what it imports (engine,
    migrations, records), must not load SQLAlchemy when imported (tests/test_startup.py checks a whole run)."""
    assert loaded_after("import tracker.store.lite, tracker.store.engine, tracker.store.migrations, "
                        "tracker.store.records, tracker.quick, tracker.__main__") == "[]"


def test_settings_are_the_only_user_of_platformdirs():
    assert only("platformdirs", lambda p: p == PACKAGE / "usecases" / "settings.py") == []


def test_every_third_party_import_is_installed():
    missing = sorted({top(name) for names in package_modules().values() for name in names
                      if not is_stdlib(name) and top(name) != "tracker" and importlib.util.find_spec(top(name)) is None})
    assert missing == []


# ---------------------------------------------------------------- lazy loading

def loaded_after(statement: str) -> str:
    probe = (f"{statement}; import sys; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('sqlalchemy','sqlmodel','icalendar','pycountry','pypdfium2','docx','selectolax','charset_normalizer')))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_importing_the_cli_loads_no_heavy_library():
    assert loaded_after("import tracker.cli") == "[]"


def test_importing_the_pure_layers_loads_no_heavy_library():
    assert loaded_after("import tracker.extract.pipeline, tracker.rendering.extraction, tracker.usecases.ingest, "
                        "tracker.formats, tracker.formats.text, tracker.usecases.documents, "
                        "tracker.rules.consolidate, tracker.rules.overlay") == "[]"


def test_importing_services_and_reports_loads_no_orm():
    assert loaded_after("import tracker.usecases.services, tracker.rendering.reports, tracker.rendering.report_text, "
                        "tracker.usecases.settings") == "[]"


def test_typed_dates_import_only_stdlib_domain_dateutil_and_the_date_grammar():
    path = PACKAGE / "usecases" / "typed_dates.py"

    def allowed(_path: Path, name: str) -> bool:
        return (is_stdlib(name) or within(name, "dateutil.parser")
                or any(within(name, m) for m in ("tracker.domain", "tracker.extract.dates", "tracker.lang")))

    assert violations(allowed, {path}) == []
    top_level = imports_of(path.read_text("utf-8"), "tracker.usecases.typed_dates", into_functions=False)
    assert not any(top(n) == "dateutil" for n in top_level)  # `tracker status` without --as-of never loads it


# ---------------------------------------------------------------- language packs (tracker/lang/)

LANGUAGE_CODES = {"zh", "en", "fr", "es", "ru", "ar"}
FLAG_NAMES = {"lang", "zh", "en", "language", "han"}
SCRIPT_FLAGS = {"zh", "han"}  # a flag naming a language or script family, set once and threaded through calls


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def _code_strings(path: Path) -> list[str]:
    """The string constants of a module's code; docstrings (which quote examples) left out."""
    tree = ast.parse(path.read_text("utf-8"))
    docs = _docstrings(tree)
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def language_flags(source: str) -> list[str]:
    """What in `source` decides by language code: a comparison with a code ("zh", "en", …), a code passed
    to a call (lexicon("zh")), a parameter named lang/zh/en/language/han, a variable or attribute named zh,
    or a script flag set and read (`han = …`, `w.han`): a per-script procedure is a strategy chosen once
    (act_scripts.act_script, dates.FAMILIES), not a flag threaded through calls. A module named han
    (dates/han.py) is no flag."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            for part in (node.left, *node.comparators):
                codes = [c.value for c in ast.walk(part) if isinstance(c, ast.Constant) and c.value in LANGUAGE_CODES]
                found += [f"line {node.lineno}: compares with {c!r}" for c in codes]
        elif isinstance(node, ast.Call):
            found += [f"line {node.lineno}: passes {a.value!r}" for a in node.args
                      if isinstance(a, ast.Constant) and a.value in LANGUAGE_CODES]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            args = node.args
            found += [f"line {node.lineno}: parameter {a.arg}" for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)
                      if a.arg in FLAG_NAMES]
        elif (isinstance(node, ast.Name) and (node.id == "zh" or node.id in SCRIPT_FLAGS and isinstance(node.ctx, ast.Store))
              or isinstance(node, ast.Attribute) and node.attr in SCRIPT_FLAGS):
            found.append(f"line {node.lineno}: a {getattr(node, 'id', getattr(node, 'attr', ''))} flag")
    return found


def test_the_language_flag_finder_sees_comparisons_calls_parameters_and_flags():
    source = ("def f(text, lang):\n"
              "    zh = lang == 'zh'\n"
              "    if self.zh or 'en' in (x,):\n"
              "        lexicon('fr')\n")
    found = language_flags(source)
    assert any("parameter lang" in f for f in found)
    assert any("compares with 'zh'" in f for f in found) and any("compares with 'en'" in f for f in found)
    assert any("passes 'fr'" in f for f in found)
    assert sum("zh flag" in f for f in found) >= 2
    assert language_flags("def f(text, lex):\n    return lex.spaced and lex.script\n") == []
    han = language_flags("han = lex.script == 'han'\nif w.han:\n    pass\ndef g(text, han):\n    pass\n")
    assert any("han flag" in f for f in han) and sum("han" in f for f in han) >= 3
    assert language_flags("from tracker.extract.dates import han, latin\nFAMILIES = {'han': han}\n") == []


def test_no_extractor_decides_by_language_code():
    """Extraction asks its pack (words, script procedures), never which language it is reading."""
    found = {str(p.relative_to(PACKAGE)): flags for p in sorted((PACKAGE / "extract").rglob("*.py"))
             if (flags := language_flags(p.read_text("utf-8")))}
    assert found == {}


def _whole_words(words: list[str], strings: list[str]) -> list[str]:
    import re

    return sorted({w for s in strings for w in words if re.search(rf"(?<![\w.]){re.escape(w)}(?![\w])", s)})


def test_month_names_and_honorifics_live_only_in_the_language_packs():
    """lang/ is the only place a word list lives: no module outside it holds a month table (a string naming
    two months or more: an example date in a message is fine) or names an honorific."""
    from tracker.lang import available, lexicon

    packs = [lexicon(code) for code in available()]
    months = sorted({m for lex in packs for m in lex.month_names} - {"mai", "mars"})  # also other words
    # (titles that are also posts, 大使 in 常驻代表兼大使, and the one-letter M. are left out)
    honorifics = sorted({h for lex in packs for h in lex.honorifics}
                        - {"大使", "教授", "博士", "Ambassador", "Judge", "Sir", "Professor", "M.", "Me", "Dr"})
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if under(path, "lang/"):
            continue
        strings = _code_strings(path)
        words = [*_whole_words(honorifics, strings),
                 *(f"months in {s[:40]!r}" for s in strings if len(_whole_words(months, [s])) >= 2)]
        if words:
            found[str(path.relative_to(PACKAGE))] = words
    assert found == {}


# a word as a language writes it: letters (Latin, Han, …) with a space, hyphen or apostrophe between them
WORD_LITERAL = __import__("re").compile(r"^[^\W\d_]{2,}(?:[ '’\-][^\W\d_]+)*$")
# Literal collections of words under tracker/extract/ that are no vocabulary, keyed (module, first word) -> why.
# Everything else that reads words from a text takes them from a pack (tracker/lang/*.toml).
WORD_LIST_ALLOWED = {
    ("dates/latin.py", "dmy"): "the grammar's own pattern kinds, not words of a text",
    ("dates/latin.py", "weekday"): "groups of the grammar's start words (their words come from the pack)",
    ("dates/resolve.py", "early"): "part codes the packs' [dates] parts map their words to",
    ("decisions.py", "day"): "DateSpan precisions",
    ("mentions.py", "bare"): "meeting kinds",
    ("slots.py", "start"): "slot fields and kinds",
    ("symbols.py", "CCM"): "treaty codes (CCW, BWC: the same in every language)",
    ("symbols.py", "Rev"): "document symbol parts (Rev, Add, Corr: the same in every language)",
    ("meetings/model.py", "day"): "DateSpan precisions",
    ("meetings/finish.py", "note"): "document kinds",
}


def word_lists(source: str) -> list[tuple[int, list[str]]]:
    """(line, words) of each tuple, list or set literal, or dict literal's keys, holding three or more string
    literals that read as words ("said", "President-elect", 主席); `__slots__` are names, not words."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__slots__" for t in node.targets):
            node.value.slots = True  # mark: skipped below
        items = (node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set)
                 else [k for k in node.keys if k is not None] if isinstance(node, ast.Dict) else None)
        if items is None or getattr(node, "slots", False):
            continue
        words = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str) and WORD_LITERAL.match(i.value)]
        if len(words) >= 3:
            found.append((node.lineno, words))
    return found


def test_the_word_list_finder_sees_tuples_lists_sets_and_dict_keys():
    source = ("ROLES = ('said', 'noted', 'spoke')\n"
              "X = ['主席', '代表', '各位']\n"
              "Y = {'President-elect': 1, 'Chair': 2, \"on behalf of\": 3}\n"
              "Z = {'a', 'b', 'c', 'd'}\n"  # one letter each: codes, not words
              "W = ('2014', '3', 'x')\n"
              "class C:\n    __slots__ = ('starts', 'targets', 'length')\n")
    assert [line for line, _ in word_lists(source)] == [1, 2, 3]


def test_no_word_list_lives_in_an_extractor():
    """lang/ is the only place a word list lives: a literal collection of words under tracker/extract/ is
    vocabulary typed into code, unless it is one of the allowed code names above."""
    found = []
    for path in sorted((PACKAGE / "extract").rglob("*.py")):
        module = path.relative_to(PACKAGE / "extract").as_posix()
        for line, words in word_lists(path.read_text("utf-8")):
            if (module, words[0]) not in WORD_LIST_ALLOWED:
                found.append(f"{module}:{line}: {words[:6]}")
    assert found == []


def _alternations(pattern: str) -> list[list[str]]:
    """The alternatives of each group of a regex (or a piece of one, as an f-string holds it) and of its top
    level: "a(?:b|c)|d" -> [["b", "c"], ["a(?:b|c)", "d"]]. Escapes and character classes are kept whole."""
    out, stack, i, in_class = [], [[""]], 0, False

    def add(text: str) -> None:
        for alts in stack:
            alts[-1] += text

    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            add(pattern[i:i + 2])
            i += 2
        elif in_class or c == "[":
            in_class = c != "]" if in_class else True
            add(c)
            if c == "[" and pattern[i + 1:i + 2] == "]":  # a ] right after [ is a member
                add("]")
                i += 1
            i += 1
        elif c == "(":
            add(c)
            opening = __import__("re").match(r"\((?:\?(?:P<\w+>|<?[=!]|[:>]|[aiLmsux-]+:))?", pattern[i:])
            stack.append([""])
            i += len(opening.group())
        elif c == ")" and len(stack) > 1:
            out.append(stack.pop())
            add(c)
            i += 1
        elif c == "|":
            for alts in stack[:-1]:
                alts[-1] += c
            stack[-1].append("")
            i += 1
        else:
            add(c)
            i += 1
    return out + stack


# an alternative that reads as a word once the regex's spacing and word boundaries are left out: a Latin word
# of two letters or more ("Chairman", "programme of work") or a run of Han characters (请, 任命)
REGEX_WORD = __import__("re").compile(r"^(?:[^\W\d_]{2,}|[\u3400-\u9fff]+)(?:[ '’\-][^\W\d_]+)*$")


def _as_word(alternative: str) -> str:
    import re

    return re.sub(r"\\s[+*]?|\\ | \+", " ", alternative).replace("\\b", "").replace("\\-", "-")


def regex_word_lists(source: str) -> list[tuple[int, list[str]]]:
    """(line, words) of each alternation inside a string literal (a regex or a piece of one) with three or more
    alternatives that read as words ("(?:President|Chair|Chairman)", r"^.*(?:请|由|和)"): words typed into a
    regex instead of a pack. Docstrings, which quote examples, are left out."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            for alternatives in _alternations(node.value):
                words = [w for w in map(_as_word, alternatives) if REGEX_WORD.match(w)]
                if len(words) >= 3:
                    found.append((node.lineno, words))
    return sorted(found)


def test_the_regex_word_finder_sees_words_in_groups_pieces_and_the_top_level():
    source = ('''X = re.compile(r"(?:President|Chairperson|Chair)\\s*:\\s*$")\n'''
              '''Y = r"^.*(?:请|由|和|任命)"\n'''
              '''Z = rf"{a}\\s+(?:of|for|to)\\b"\n'''  # a piece of an f-string
              '''W = r"Distr|General\\s+Assembly|United\\s+Nations"\n'''  # the top level, words across \\s+
              '''def f():\n    "Docstrings quote examples: (?:said|noted|stated)."\n'''
              '''A = r"(?:\\d+|[a-z]|[ivx]+)[.)]"\n'''  # no words: grammar
              '''B = r"(?:GE|NY|V)\\.\\d{2}"\n'''  # codes of one or two capitals... and one letter
              '''C = r"(?:of|to)\\s+the"\n'''  # two words: below the bar
              '''D = r"[(（](?:a|b|c)[)）]"\n''')  # one letter each
    assert [(line, words[0]) for line, words in regex_word_lists(source)] == [
        (1, "President"), (2, "请"), (3, "of"), (4, "Distr")]


def test_no_words_live_in_an_extractor_regex():
    """lang/ is the only place a word list lives, inside a regex too: an alternation of three or more words in
    a string under tracker/extract/ is vocabulary typed into code, unless it is one of the allowed code names
    above. (Single grammar words, "of" in "\\s+of\\s+", stay in code: the grammar's shape.)"""
    found = []
    for path in sorted((PACKAGE / "extract").rglob("*.py")):
        module = path.relative_to(PACKAGE / "extract").as_posix()
        for line, words in regex_word_lists(path.read_text("utf-8")):
            if (module, words[0]) not in WORD_LIST_ALLOWED:
                found.append(f"{module}:{line}: {words[:6]}")
    assert found == []
