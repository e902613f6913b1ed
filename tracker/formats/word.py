"""Word .docx: paragraphs and tables in body order, numbered lists with their numbers, footnotes at the end,
read with python-docx after the archive itself is checked (a zip bomb is refused before anything is inflated)."""

from __future__ import annotations

import io
import zipfile

from tracker.formats import Decoded, FormatError

MAX_UNCOMPRESSED = 64 * 1024 * 1024  # a long report's document.xml is a few MB; a bomb declares gigabytes
MAX_ENTRIES = 10_000
MAX_RATIO = 200  # XML compresses 10 to 30 times; a member inflating 200 times over is built to
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_archive(data: bytes, name: str) -> None:
    """Refuse what is no Word document or would inflate beyond the limits. Python's zipfile stops reading a
    member at the size its header declares, so the declared sizes bound what python-docx can inflate."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FormatError(name, "docx", f"broken ZIP archive ({exc})") from None
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise FormatError(name, "docx", "a ZIP archive that is not a Word document (no word/document.xml)")
    if len(members) > MAX_ENTRIES:
        raise FormatError(name, "docx", f"{len(members)} files inside (the limit is {MAX_ENTRIES})")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise FormatError(name, "docx", f"inflates to {total / 2**20:.0f} MB (the limit is "
                                        f"{MAX_UNCOMPRESSED // 2**20} MB): a zip bomb?")
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise FormatError(name, "docx", f"{m.filename} inflates {m.file_size // max(m.compress_size, 1)} times "
                                            "over: a zip bomb?")


def read(data: bytes, name: str) -> Decoded:
    check_archive(data, name)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise FormatError(name, "docx", f"broken Word document ({exc})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and friends: the library raises no common class
        raise FormatError(name, "docx", f"broken Word document ({type(exc).__name__})") from None
    numbers = _Numbering(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == W + "p":
            lines.append(numbers.prefix(block) + _text(block))
        elif block.tag == W + "tbl":
            lines.append("")
            for row in block.iter(W + "tr"):
                cells = [" ".join(_text(p) for p in cell.iter(W + "p")).strip() for cell in row.iter(W + "tc")]
                lines.append("    ".join(c for c in cells if c))
            lines.append("")
    notes = _footnotes(document)
    if notes:
        lines += ["", *notes]
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise FormatError(name, "docx", "no text in it")
    return Decoded(text + "\n", "docx")


def _text(paragraph) -> str:
    """A paragraph's text: its runs, tabs and breaks as the reader sees them, footnote marks left out."""
    out = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr"):
        out.append(node.text or "" if node.tag == W + "t" else "\t" if node.tag == W + "tab" else "\n")
    return "".join(out)


class _Numbering:
    """The number Word shows before a numbered paragraph (it is not in the text): 1., (a), (i), •."""

    FORMATS = {"decimal": lambda n: f"{n}.", "lowerLetter": lambda n: f"({chr(96 + (n - 1) % 26 + 1)})",
               "upperLetter": lambda n: f"{chr(64 + (n - 1) % 26 + 1)}.", "lowerRoman": lambda n: f"({_roman(n)})",
               "upperRoman": lambda n: f"{_roman(n).upper()}.", "bullet": lambda n: "•"}

    def __init__(self, document) -> None:
        self.kinds: dict[tuple[str, str], str] = {}
        self.counts: dict[tuple[str, str], int] = {}
        # a style that numbers its paragraphs ("List Number"): style id -> its numPr
        self.styles = {s.get(W + "styleId"): s.find(f"{W}pPr/{W}numPr") for s in document.styles.element.iter(W + "style")}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(W + "abstractNumId"): {lvl.get(W + "ilvl"): lvl.find(W + "numFmt").get(W + "val")
                                                 for lvl in a.iter(W + "lvl") if lvl.find(W + "numFmt") is not None}
                    for a in root.iter(W + "abstractNum")}
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            for level, kind in abstract.get(ref.get(W + "val") if ref is not None else None, {}).items():
                self.kinds[(num.get(W + "numId"), level)] = kind

    def prefix(self, paragraph) -> str:
        props = paragraph.find(f"{W}pPr/{W}numPr")
        if props is None:
            style = paragraph.find(f"{W}pPr/{W}pStyle")
            props = self.styles.get(style.get(W + "val")) if style is not None else None
        if props is None:
            return ""
        num, level = props.find(W + "numId"), props.find(W + "ilvl")
        key = (num.get(W + "val") if num is not None else "", level.get(W + "val") if level is not None else "0")
        kind = self.kinds.get(key)
        if kind not in self.FORMATS:
            return ""
        self.counts[key] = self.counts.get(key, 0) + 1
        for other in [k for k in self.counts if k[0] == key[0] and k[1] > key[1]]:
            del self.counts[other]  # a deeper list starts again under its next parent item
        return self.FORMATS[kind](self.counts[key]) + " "


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _footnotes(document) -> list[str]:
    """The footnotes' text, each with its number, from the footnotes part python-docx leaves unread."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            from lxml import etree

            try:
                root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
            except etree.XMLSyntaxError:
                return []
            notes = []
            for note in root.iter(W + "footnote"):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join(_text(p) for p in note.iter(W + "p")).strip()
                if text:
                    notes.append(f"{note.get(W + 'id')} {text}")
            return notes
    return []
