"""Each query `tracker status` runs, with SQLite's plan for it and its median time, on a store of your choice.

    python bench/status_bench.py sqlite:////tmp/tracker-lists-bench/lists-100000.db [--as-of 2000-01-01]

(`bench/lists_bench.py` builds that store.) The statements are the ones `usecases.services.status` sends,
caught as they go; each is then run again through plain sqlite3, five times, after `EXPLAIN QUERY PLAN`.
A `SCAN <table>` without `COVERING INDEX` in a count is a regression: status should read indexes only.
Prints; never asserts.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from datetime import date


def statements(url: str, as_of: date) -> list[tuple[str, tuple]]:
    from sqlalchemy import event

    from tracker.store import open_store
    from tracker.usecases import services

    caught: list[tuple[str, tuple]] = []
    with open_store(url) as store:
        store.ensure_current()
        event.listen(store.engine, "before_cursor_execute",
                     lambda conn, cursor, sql, params, context, many: caught.append((sql, tuple(params))))
        services.status(store, as_of)
    return [(sql, params) for sql, params in caught if sql.lstrip().upper().startswith("SELECT")
            and "schema_version" not in sql and "sqlite_master" not in sql]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2000, 1, 1))
    args = parser.parse_args()
    db = sqlite3.connect(args.url.removeprefix("sqlite:///"))
    total = 0.0
    for sql, params in statements(args.url, args.as_of):
        times = []
        for _ in range(5):
            began = time.perf_counter()
            db.execute(sql, params).fetchall()
            times.append(time.perf_counter() - began)
        median = statistics.median(times) * 1000
        total += median
        print(f"{median:8.1f} ms  {' '.join(sql.split())[:110]}")
        for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params):
            print(f"{'':13}{row[3]}")
    print(f"{total:8.1f} ms  all of status' queries (medians summed)")


if __name__ == "__main__":
    main()
