"""The bad-input corpus: each hostile file, how to make it, and what tracker must do with it.

Files are generated (nothing large is committed): `python tests/bad_inputs/corpus.py DIR` writes them
to DIR for poking at by hand; tests/test_bad_inputs.py builds them in a temp dir. The README's table
"Bad input" lists the same cases.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ZH = "缔约国第二次会议将于2011年9月12日至16日在贝鲁特举行。\n会议决定任命[……]担任主席。\n"
EN = ("CCM/MSP/2011/1\n\nThe Second Meeting of States Parties will be held in Beirut from 12 to 16 September 2011."
      "\n\n1. The Meeting decided to appoint [...] as President.\n")
ONE_LINE_EN = "The Meeting decided to hold the Second Meeting of States Parties in Geneva from 12 to 16 September 2011 [...]; "
ONE_LINE_ZH = "缔约国第二次会议将于2011年9月12日至16日在日内瓦举行，会议决定任命[……]担任主席，"
MB = 1024 * 1024
# terminal escapes inside a decision: clear screen, set the window title, BEL, a one-byte CSI, a bidi override
CONTROLS = "\x1b[2J\x1b]0;pwned\x07\x9b31m\u202e"
HOSTILE = ("CCM/MSP/2011/7\n\nThe Second Meeting of States Parties will be held in Beirut from 12 to 16 September "
           f"2011.\n\n1. The Meeting decided to appoint {CONTROLS}[...]{CONTROLS} as President.\n")


def _png() -> bytes:
    ihdr = b"IHDR" + (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + len(ihdr[4:]).to_bytes(4, "big") + ihdr + zlib.crc32(ihdr).to_bytes(4, "big")


def _zip() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("doc.txt", EN)
    return buf.getvalue()


def _line(unit: str, size: int) -> bytes:
    """One line of `size` UTF-8 bytes at most, made of `unit` repeated."""
    data = (unit * (size // len(unit.encode("utf-8")) + 1)).encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore").encode("utf-8")


@dataclass(frozen=True)
class Case:
    name: str  # the file's name
    make: Callable[[], bytes]
    outcome: str  # "error": one line on stderr, exit 3, no rows; "extract": extracted (exit 0)
    says: str = ""  # a piece of the error message
    seconds: float = 20  # a bound on `tracker extract` (wall time of the whole process)


CASES = [
    Case("empty.txt", lambda: b"", "error", "empty document"),
    Case("blank.txt", lambda: b" \r\n\t\n", "error", "empty document"),
    Case("report.pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type/Catalog>> endobj\n%%EOF\n", "error",
         "PDF: broken"),
    Case("logo.png", _png, "error", "binary"),
    Case("bundle.zip", _zip, "error", "not a Word document"),
    Case("invalid-utf8.txt", lambda: EN.encode("utf-8")[:60] + b"\xff\xfe\xc3\x28\x80" + EN.encode("utf-8")[60:],
         "error", "not UTF-8, UTF-16, GB18030, Big5 or Windows-1252"),
    Case("bom-only.txt", lambda: b"\xef\xbb\xbf", "error", "empty document"),
    Case("bom-then-invalid.txt", lambda: b"\xef\xbb\xbf" + EN.encode("utf-8")[:60] + b"\xff" + EN.encode("utf-8")[60:],
         "error", "broken UTF-8 text after its byte order mark"),
    Case("latin1.txt", lambda: EN.replace("2011/1", "2011/4").replace("Beirut", "Montréal").encode("latin-1"),
         "extract"),
    Case("cp1252.txt", lambda: EN.replace("2011/1", "2011/5").replace("[...]", "“[...]”").encode("cp1252"), "extract"),
    Case("big5.txt", lambda: "締約國第二次會議將於2011年9月12日至16日在貝魯特舉行。\n".encode("big5"), "extract"),
    Case("utf16le-no-bom.txt", lambda: ZH.encode("utf-16-le"), "extract"),
    Case("utf16be-no-bom.txt", lambda: EN.replace("2011/1", "2011/2").encode("utf-16-be"), "extract"),
    Case("gb18030.txt", lambda: ZH.encode("gb18030"), "extract"),
    Case("mixed-crlf-cr.txt", lambda: EN.replace("2011/1", "2011/3").replace("\n\n", "\r\n\r\n").replace("\n", "\r").encode("utf-8"), "extract"),
    Case("traditional.txt", lambda: "締約國第二次會議將於2011年9月12日至16日在貝魯特舉行。\n會議決定任命[……]擔任主席。\n"
         .encode(), "extract"),
    Case("placeholders-10000.txt", lambda: ("1. The Meeting decided to appoint "
                                            + " and ".join(["[...]"] * 10_000) + " as President.\n").encode("utf-8"),
         "extract", seconds=10),
    Case("placeholders-10000-zh.txt", lambda: ("会议决定任命" + "、".join(["[……]"] * 10_000) + "担任主席。\n").encode(),
         "extract", seconds=10),
    Case("unbalanced.txt", lambda: ("1. The Meeting decided [[[ to appoint [... as President ]]] of ((( the "
                                    "[ Meeting 【【 《《 “ [……\n2. ]]]] )) 》》 】 ” ……]\n" * 200).encode("utf-8"),
         "extract"),
    Case("control-chars.txt", lambda: HOSTILE.encode("utf-8"), "extract"),
    Case("one-line-1mb.txt", lambda: _line(ONE_LINE_EN, MB), "extract", seconds=10),
    Case("one-line-1mb-zh.txt", lambda: _line(ONE_LINE_ZH, MB), "extract", seconds=10),
    Case("too-large.txt", lambda: b"x" * (16 * MB + 1), "error", "too large"),
]

# `make stress` only: written in a temp dir, never committed
FIFTY_MB = Case("fifty-mb.txt", lambda: (EN * (50 * MB // len(EN) + 1)).encode("utf-8")[:50 * MB], "error",
                "too large", seconds=10)


def write(folder: Path, cases: list[Case] = CASES) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for case in cases:
        paths[case.name] = folder / case.name
        paths[case.name].write_bytes(case.make())
    return paths


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")).values():
        print(path)
