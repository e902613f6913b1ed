"""Web pages: the main text of a meeting page or a document published as HTML, read with selectolax (the Lexbor
HTML5 parser). Navigation, scripts, styles, forms and menus are dropped; headings stand as paragraphs of their
own, list items keep a number or bullet, table rows a line each; the page's title is the first line unless the
text opens with it; a link to a document symbol keeps the symbol beside its words."""

from __future__ import annotations

import codecs
import re
from urllib.parse import unquote, urlsplit

from tracker.formats import Decoded, FormatError
from tracker.formats import text as plain

# never main text: code, styling, navigation, page furniture, forms
DROPPED = ("script, style, noscript, template, iframe, object, svg, canvas, nav, header, footer, aside, form, "
           "button, select, dialog, [role=navigation], [role=banner], [role=contentinfo], [role=search], "
           "[aria-hidden=true], [hidden]")
# menus, breadcrumbs and sidebars named by their class or id (`<div class="main-menu">`, `id="breadcrumb"`)
FURNITURE = re.compile(r"(?:^|[\s_-])(?:menu|navbar|nav|breadcrumbs?|sidebar|cookies?|skip-link|share|social)"
                       r"(?:$|[\s_-])", re.IGNORECASE)
BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "table",
          "tbody", "thead", "tfoot", "tr", "figure", "figcaption", "address", "center", "caption"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CELLS = {"td", "th"}
# `<meta charset="big5">`, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# a UN document symbol in a link's address: /CCM/MSP/2011/5, /A/RES/67/58, CCW/GGE.1/2023/CRP.1
SYMBOL_IN_URL = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,8}(?:\.\d+)?(?:/[A-Za-z0-9.()\-]+){1,6}/[A-Za-z0-9.()\-]*\d"
                           r"[A-Za-z0-9.()\-]*)")


def read(data: bytes, name: str) -> Decoded:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_decoded(data, name))
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node is not None else None
    for node in tree.css(DROPPED):
        node.decompose()
    for node in tree.css("[class], [id]"):
        if FURNITURE.search(node.attributes.get("class") or "") or FURNITURE.search(node.attributes.get("id") or ""):
            node.decompose()
    root = tree.css_first("main, [role=main], article") or tree.body
    walker = _Walker()
    if root is not None:
        walker.walk(root)
    body = walker.text()
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n\n{body}"
    if not body.strip():
        raise FormatError(name, "html", "no text in its main part")
    return Decoded(body, "html", title=title or None, links=tuple(dict.fromkeys(walker.links)))


def _decoded(data: bytes, name: str) -> str:
    """The page's text in the charset its <meta> declares, else as any text file is decoded."""
    found = META_CHARSET.search(data[:4096])
    if found:
        try:
            encoding = codecs.lookup(found.group(1).decode("ascii")).name
            if encoding in ("gb2312", "gbk"):
                encoding = "gb18030"  # pages labelled GB2312 use GBK characters
            return data.decode(encoding).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return plain.decode_document(data, name)


class _Walker:
    """Block elements -> lines; inline text joined; links to document symbols noted."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.line: list[str] = []
        self.links: list[str] = []

    def flush(self, blank: bool = False) -> None:
        text = " ".join("".join(self.line).split())
        if text:
            self.lines.append(text)
        if blank and self.lines and self.lines[-1]:
            self.lines.append("")
        self.line = []

    def walk(self, node, depth: int = 0) -> None:
        if depth > 200:  # a page nested deeper than any real one is read no further down
            return
        tag = node.tag
        if tag == "-text":
            self.line.append(node.text_content or "")
            return
        if tag == "br":
            self.flush()
            return
        if tag in HEADINGS:
            self.flush(blank=True)
            self._children(node, depth)
            self.flush(blank=True)
            return
        if tag in ("ul", "ol"):
            self.flush()
            number = 0
            for child in node.iter():
                if child.tag == "li":
                    number += 1
                    self.line.append(f"{number}. " if tag == "ol" else "• ")
                    self._children(child, depth)
                    self.flush()
                else:
                    self.walk(child, depth + 1)
            self.flush(blank=True)
            return
        if tag in CELLS:
            self._children(node, depth)
            self.line.append("    ")
            return
        if tag == "a":
            before = len("".join(self.line))
            self._children(node, depth)
            words = "".join(self.line)[before:]
            symbol = _symbol(node.attributes.get("href") or "")
            if symbol:
                self.links.append(symbol)
                if symbol not in words:
                    self.line.append(f" ({symbol})")
            return
        block = tag in BLOCKS
        if block:
            self.flush(blank=tag in ("p", "blockquote", "table", "pre"))
        self._children(node, depth)
        if block:
            self.flush(blank=tag in ("p", "blockquote", "table", "pre"))

    def _children(self, node, depth: int) -> None:
        for child in node.iter(include_text=True):
            self.walk(child, depth + 1)

    def text(self) -> str:
        self.flush()
        return "\n".join(self.lines).strip("\n") + "\n"


def _symbol(href: str) -> str | None:
    """The document symbol a link's address names (https://undocs.org/CCM/MSP/2011/5 -> CCM/MSP/2011/5)."""
    if not href:
        return None
    parts = urlsplit(href)
    found = SYMBOL_IN_URL.search(unquote(parts.path + ("?" + parts.query if parts.query else "")))
    return found.group(1) if found else None
