"""Golden files: the JSON of `tracker extract` for whole documents, compared byte for byte.

Every document of `tests/corpus/`, `seeds/` and a fixed sample of 200 generated bench documents
(`bench/extract_bench.py`, its default seed) has its expected JSON under `tests/golden/extract/`.
An intended change of extraction is recorded with `pytest tests/test_golden.py --update-golden`
and reviewed in the diff; any other change fails here, naming the documents that moved.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tracker.extract.pipeline import extract
from tracker.rendering.extraction import extraction_json
from tracker.usecases.ingest import read_document

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "extract"
BENCH_SAMPLE = 200


def _bench_generator():
    spec = importlib.util.spec_from_file_location("extract_bench", ROOT / "bench" / "extract_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench_docs(tmp_path_factory) -> list[Path]:
    bench = _bench_generator()
    return bench.generate(tmp_path_factory.mktemp("bench"), BENCH_SAMPLE, 20110627)


def _documents(bench_docs: list[Path]) -> dict[str, Path]:
    docs = {f"corpus/{p.stem}": p for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))}
    docs.update({f"seeds/{p.stem}": p for p in sorted((ROOT / "seeds").glob("*.txt"))})
    docs.update({f"bench/{p.stem}": p for p in bench_docs})
    return docs


def test_extraction_matches_golden_files(bench_docs, request):
    update = request.config.getoption("--update-golden")
    moved, missing = [], []
    for name, path in _documents(bench_docs).items():
        got = extraction_json(extract(read_document(path))) + "\n"
        golden = GOLDEN / f"{name}.json"
        if update:
            golden.parent.mkdir(parents=True, exist_ok=True)
            if not golden.exists() or golden.read_text("utf-8") != got:
                golden.write_text(got, "utf-8")
            continue
        if not golden.exists():
            missing.append(name)
        elif golden.read_text("utf-8") != got:
            moved.append(name)
    assert not missing, f"no golden file for {missing}; run pytest tests/test_golden.py --update-golden"
    assert not moved, f"extraction changed for {len(moved)} documents: {moved[:20]}; " \
                      "if intended: pytest tests/test_golden.py --update-golden and review the diff"


def test_golden_files_have_their_documents(bench_docs):
    expected = {f"{name}.json" for name in _documents(bench_docs)}
    present = {str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*.json")}
    assert present == expected, sorted(present ^ expected)
