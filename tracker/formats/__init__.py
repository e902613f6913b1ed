"""FORMATS: the bytes of a document as people have it (text, PDF, Word, a web page, a calendar file) -> its text.

Pure like extract/: bytes in, a `Decoded` out (the text, where each page starts, the format's name), or a
`FormatError` (exit 3) saying why not. The format is told by content (magic bytes, then the first characters
of the text), never by the file name alone. The libraries that read each format are imported inside the
functions that use them: importing this package costs nothing.

| format    | told by                               | read with                                              |
| text      | anything else that decodes            | UTF-8 fast path, UTF-16, then charset-normalizer       |
| pdf       | `%PDF-` in the first KB               | pypdfium2 (text layer; page headers and footers dropped) |
| docx      | a ZIP holding word/document.xml       | python-docx (size of the archive checked first)        |
| doc       | an OLE file holding a WordDocument    | antiword or catdoc when installed, else a message      |
| html      | `<!doctype html`, `<html`, `<head`, `<body` | selectolax (main text, title, links to symbols)  |
| ics       | `BEGIN:VCALENDAR`                     | icalendar (events -> meetings, in usecases)            |
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.errors import InputError

NAMES = {"text": "text", "pdf": "PDF", "docx": "DOCX", "doc": "DOC", "html": "HTML", "ics": "iCalendar"}
# signatures of files that are no document at all, with the name the message gives them
OTHER_MAGIC = ((b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
               (b"\x7fELF", "ELF executable"), (b"\x1f\x8b", "gzip archive"), (b"7z\xbc\xaf", "7-Zip archive"),
               (b"Rar!", "RAR archive"), (b"SQLite format 3\x00", "SQLite database"))
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class FormatError(InputError):
    """A document of a known format that cannot be read: encrypted, scanned, broken, too big inside."""

    def __init__(self, name: str, format: str, reason: str) -> None:
        super().__init__(f"{name}: {NAMES.get(format, format)}: {reason}")
        self.format = format


@dataclass(frozen=True)
class Decoded:
    """A document's text and what its format tells beside it.

    page_starts: the offset in `text` where each page begins (PDF only; empty otherwise), so a fact's offset
    finds its page. title: the page title of a web page. links: the document symbols a web page links to.
    """

    text: str
    format: str = "text"
    page_starts: tuple[int, ...] = ()
    title: str | None = None
    links: tuple[str, ...] = field(default_factory=tuple)

    @property
    def format_name(self) -> str:
        return NAMES.get(self.format, self.format)


def sniff(data: bytes) -> str:
    """The format of a document's bytes: pdf, docx, doc, html, ics or text (refusing what is no document)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return "docx"  # word.read checks it is a Word document and not any ZIP
    if data.startswith(OLE_MAGIC):
        return "doc"
    for magic, what in OTHER_MAGIC:
        if data.startswith(magic):
            raise InputError(f"not a text document (binary file: {what})")
    return "text"


def read(data: bytes, name: str = "input") -> Decoded:
    """A document's bytes -> Decoded, by its content; an InputError (exit 3) when it cannot be read."""
    from tracker.formats import text as plain

    try:
        kind = sniff(data)
    except InputError as exc:
        raise InputError(f"{name}: {exc.message}") from None
    if kind == "pdf":
        from tracker.formats import pdf

        return pdf.read(data, name)
    if kind == "docx":
        from tracker.formats import word

        return word.read(data, name)
    if kind == "doc":
        from tracker.formats import legacy

        return legacy.read(data, name)
    if plain.looks_like_html(data):
        from tracker.formats import web

        return web.read(data, name)
    text = plain.decode_document(data, name)
    if plain.looks_like_calendar(text):
        return Decoded(text, "ics")
    return Decoded(text)
