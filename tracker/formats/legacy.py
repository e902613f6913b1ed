"""Word 97-2003 .doc: no maintained Python reader exists, so an installed converter is run on it (antiword, else
catdoc: both Debian packages); without one the message names them."""

from __future__ import annotations

import shutil
import subprocess
import tempfile

from tracker.formats import Decoded, FormatError

CONVERTERS = (("antiword", ["antiword", "-w", "0", "-m", "UTF-8.txt"]), ("catdoc", ["catdoc", "-w", "-d", "utf-8"]))
TIMEOUT = 60  # seconds: a converter stuck on a hostile file is stopped


def converter() -> tuple[str, list[str]] | None:
    """The first converter installed: its name and command line (the file's path goes last)."""
    for name, command in CONVERTERS:
        if shutil.which(name):
            return name, command
    return None


def read(data: bytes, name: str) -> Decoded:
    if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" not in data:
        raise FormatError(name, "doc", "an old Office (OLE) file that is not a Word document")
    found = converter()
    if found is None:
        raise FormatError(name, "doc", "a Word 97-2003 document needs antiword or catdoc installed "
                                       "(apt-get install antiword), or save it as .docx")
    tool, command = found
    with tempfile.NamedTemporaryFile(suffix=".doc") as file:
        file.write(data)
        file.flush()
        try:
            done = subprocess.run([*command, file.name], capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise FormatError(name, "doc", f"{tool} took over {TIMEOUT} s") from None
    text = done.stdout.decode("utf-8", errors="replace")
    if done.returncode != 0 or not text.strip():
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise FormatError(name, "doc", f"{tool} could not read it ({reason[0] if reason else 'no text'})")
    return Decoded(text, "doc")
