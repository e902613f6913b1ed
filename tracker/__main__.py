"""The `tracker` command (its console script) and `python -m tracker`.

`tracker status` and `tracker search` with plain arguments run in `tracker.quick`, which loads neither Typer nor
SQLAlchemy on an SQLite store; everything else, and any argument `quick.parse` does not take, goes to the Typer
app (`tracker.cli.main`), which answers it as it always did.
"""

import sys


def main() -> None:
    from tracker import quick

    plan = quick.parse(sys.argv[1:])
    if plan is None:
        from tracker.cli import main as typer_main

        typer_main()
    else:
        quick.run(plan)


if __name__ == "__main__":
    main()
