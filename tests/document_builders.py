"""Documents in the formats people have, built at test time from a text: PDF (reportlab, with its CID fonts for
Chinese), DOCX (python-docx), HTML (by hand). Nothing here is a real document."""

from __future__ import annotations

import html
import io
import re

HEADER = "CCM/MSP/2010/5"
FOOTER = "GE.10-64213"


def _font(text: str) -> str:
    """Helvetica for Latin text; the Adobe CID font STSong-Light (shipped with reportlab) when Han is in it."""
    if any("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in text):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"
    return "Helvetica"


def _wrapped(line: str, font: str, size: float, width: float) -> list[str]:
    """A line cut into pieces that fit the width, at spaces where there are spaces, else anywhere (Chinese)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(line, font, size) <= width:
        return [line]  # drawn as written, runs of spaces included (a masthead's gap before the symbol)
    out, current = [], ""
    for token in (line.split(" ") if " " in line.strip() else list(line)):
        joiner = " " if " " in line.strip() and current else ""
        if current and stringWidth(current + joiner + token, font, size) > width:
            out.append(current)
            current = token
        else:
            current += joiner + token
    out.append(current)
    return out


def pdf_bytes(text: str, header: str = HEADER, footer: str = FOOTER, lines_per_page: int = 40,
              encrypt: str | None = None, size: float = 10.5) -> bytes:
    """The text laid out on A4 pages as the UN prints them: the job number at the foot of the first page, the
    symbol as running header from the second page on, the page number at every foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _font(text + header)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, invariant=1)
    width, height = A4
    lines = [piece for line in text.replace("\t", " ").split("\n") for piece in _wrapped(line.rstrip(), font, size, width - 144)]
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    for number, page in enumerate(pages, 1):
        pdf.setFont(font, 9)
        if number > 1:  # the first page has the symbol in its masthead, which is the text's first line
            pdf.drawString(72, height - 40, header)
        else:
            pdf.drawString(72, 30, footer)
        pdf.drawRightString(width - 72, 30, str(number))
        pdf.setFont(font, size)
        y = height - 72
        for line in page:
            pdf.drawString(72, y, line)
            y -= size * 1.6
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    """A page with only shapes on it, as a scan without OCR has no text layer."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for i in range(20):
        pdf.rect(72, 72 + i * 30, 300, 12, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs: lines joined until a blank line."""
    out, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append(" ".join(current) if " " in "".join(current) else "".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def docx_bytes(text: str, table: list[list[str]] | None = None) -> bytes:
    """Each line of the text a paragraph (a line that is a numbered item stays plain text), optionally a table."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line.rstrip())
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_bytes(text: str, title: str = "Meeting page") -> bytes:
    """A web page around the text: navigation, a script, a style and a menu that must not reach the text."""
    # a line laid out in columns (a cover's "United Nations      CCW/MSP/2012/SR.3") is one element per column
    body = "\n".join("".join(f"<p>{html.escape(cell)}</p>" for cell in re.split(r"\s{6,}", line.strip()))
                     if line.strip() else "" for line in text.split("\n"))
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body {{ font-family: sans-serif; }} .x {{ content: "[...]"; }}</style>
<script>var blank = "[……]"; document.write("CCM/MSP/2010/……");</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/meetings">Meetings [...]</a></li></ul></nav>
<header><div class="menu">Menu | Search | Login</div></header>
<main><article>
{body}
</article></main>
<footer>Copyright United Nations. <a href="/privacy">Privacy</a></footer>
<script>trackPage("[...]");</script>
</body></html>"""
    return page.encode("utf-8")
