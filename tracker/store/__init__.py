"""The relational store: the only package that imports sqlmodel and sqlalchemy.

`open_store(url)` gives the `Store` use cases take (engine: transactions, schema check, dispose); `tables`
defines rows, `migrations` versions the schema, `writer` stores extractions, `consolidate` merges one
meeting's facts across documents, `queries` reads reports.
"""

from __future__ import annotations


def __getattr__(name: str):
    # `from tracker.store import open_store` without loading SQLAlchemy for modules that need none (rows)
    if name in ("Store", "open_store"):
        from tracker.store import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'tracker.store' has no attribute {name!r}")
