"""Tables of a README as plain-text grids, with positions and line numbers.

Markdown tables come from cmark-gfm (`cmarkgfm`), GitHub's own parser, so a table is
what GitHub renders as one: escaped pipes, pipes in code spans, no outer pipes, ragged
rows, inline HTML in cells, tables in lists and blockquotes, never inside code fences.
Its source positions give each cell's line. Where cmarkgfm has no wheel, markdown-it-py
(pure Python, about 10x slower on a large card, same rules for every table a card
prints) reads them instead. Raw HTML `<table>` blocks come from the standard library's
HTML parser, with rowspan and colspan expanded. Tables are numbered in document order,
markdown and HTML together, from 1.

This module knows nothing of benchmarks or models: extraction reads the grids.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from .frontmatter import readable_body

if TYPE_CHECKING:
    from markdown_it.token import Token

# "cmark-gfm": GitHub's parser, through cmarkgfm; "markdown-it": markdown-it-py, the fallback.
Parser = Literal["cmark-gfm", "markdown-it"]

_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HTML_HEADING_RE = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.I | re.S)
_TAG_RE = re.compile(r"<[^>]+>")

# Cells longer than this are cut: no score cell is this long, and it bounds the work
# on hostile input (one cell of megabytes).
MAX_CELL_CHARS = 2000
MAX_COLUMNS = 512


@dataclass(frozen=True)
class Cell:
    text: str  # plain text; line breaks from <br> kept as "\n"
    line: int  # 1-based line in the file where the cell's row starts
    header: bool = False  # a <th> or a markdown header cell
    # True for the copies a rowspan/colspan makes of one source cell.
    spanned: bool = False
    # The source cell's colspan (copies included), so readers can tell a wide label.
    colspan: int = 1
    bold: bool = False


@dataclass
class Table:
    index: int  # 1-based, document order, markdown and HTML together
    kind: Literal["markdown", "html"]
    line: int  # first line of the table
    end_line: int
    rows: list[list[Cell]]  # rectangular: every row has `width` cells
    header_rows: int  # leading rows that are headers
    heading: str = ""  # nearest heading above the table
    context: str = ""  # text between that heading and the table (captions, notes), trimmed
    after: str = ""  # a few lines of text after the table (footnotes)
    notes: list[str] = field(default_factory=list)  # raw lines just below and above, for footnotes
    headings: list[str] = field(default_factory=list)  # heading path, outermost first
    lead: str = ""  # the line of text right above the table, as written (links kept)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    @property
    def header(self) -> list[list[Cell]]:
        return self.rows[: self.header_rows]

    @property
    def body(self) -> list[list[Cell]]:
        return self.rows[self.header_rows :]


@dataclass
class Document:
    tables: list[Table]
    body_offset: int  # lines of front matter before the body (already counted in Cell.line)
    headings: list[tuple[int, int, str]] = field(
        default_factory=list
    )  # (1-based line, level, text)
    warnings: list[str] = field(default_factory=list)


def default_parser() -> Parser:
    """cmark-gfm when its wheel is installed, else markdown-it-py."""
    try:
        import cmarkgfm  # noqa: F401
    except ImportError:
        return "markdown-it"
    return "cmark-gfm"


@dataclass
class _Blocks:
    """What a markdown parser tells us: its tables, headings and code ranges."""

    tables: list[Table]
    headings: list[tuple[int, int, str]]  # (0-based line, level, text)
    fenced: list[tuple[int, int]]  # 0-based [start, end) line ranges of code


def parse_document(text: str, parser: Parser | None = None) -> Document:
    """Every table in a README, in document order (`parser`: default_parser())."""
    readable = readable_body(text)
    offset = readable.offset
    body = readable.text.replace("\r\n", "\n").replace("\r", "\n")
    lines = body.split("\n")
    if (parser or default_parser()) == "cmark-gfm":
        blocks = _cmark_blocks(body)
    else:
        blocks = _markdown_it_blocks(body)
    fenced, headings = blocks.fenced, blocks.headings

    html_tables = list(_html_tables(body, fenced))
    # An HTML table's lines are not markdown; drop markdown "tables" inside them.
    html_ranges = [(t.line - 1, t.end_line) for t in html_tables]
    markdown_tables = [
        t for t in blocks.tables if not any(a <= t.line - 1 < b for a, b in html_ranges)
    ]
    headings.extend(_html_headings(body, fenced))
    headings.sort()

    tables = sorted(markdown_tables + html_tables, key=lambda t: t.line)
    for number, table in enumerate(tables, start=1):
        table.index = number
        _attach_context(table, lines, headings, tables)
    return Document(
        tables=tables,
        body_offset=offset,
        headings=[(line + 1, lvl, text) for line, lvl, text in headings],
    )


# --- cmark-gfm -----------------------------------------------------------------------
#
# cmarkgfm's bindings render HTML (they expose no node walker), so we ask for HTML with
# source positions (`data-sourcepos="line:col-line:col"` on every block, row and cell)
# and raw HTML passed through, and read back only the tags cmark itself wrote: the
# author's own HTML never carries data-sourcepos, code is escaped, and cmark writes
# each table row and cell on lines of their own.

_CMARK_BLOCK_RE = re.compile(
    r'<table data-sourcepos="(\d+):\d+-(\d+):\d+">\n(.*?)</t(?:head|body)>\n</table>\n'
    r'|<h([1-6]) data-sourcepos="(\d+):[^"]*">(.*?)</h\4>\n'
    r'|<pre data-sourcepos="(\d+):\d+-(\d+):\d+"',
    re.S,
)
_CMARK_CELL_RE = re.compile(
    r'<tr data-sourcepos="(\d+):[^"]*">\n|<t([hd])(?: align="\w+")? data-sourcepos="(\d+):[^"]*">'
)


# cmark-gfm registers its extensions once per process, in C, without a lock, and cffi lets
# go of the GIL for the call: two threads of a batch parsing their first cards at once can
# both register the table extension, and the second registration aborts the process ("flag
# initialization error in cmark_register_node_flag"). One thread parses at a time.
_CMARK_LOCK = threading.Lock()


def _cmark_blocks(body: str) -> _Blocks:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    options = Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_UNSAFE
    with _CMARK_LOCK:
        try:
            rendered = cmarkgfm.markdown_to_html_with_extensions(body, options, ["table"])
        except UnicodeEncodeError:  # a lone surrogate: not text a file can hold
            clean = body.encode("utf-8", "replace").decode("utf-8")
            rendered = cmarkgfm.markdown_to_html_with_extensions(clean, options, ["table"])
    blocks = _Blocks(tables=[], headings=[], fenced=[])
    for match in _CMARK_BLOCK_RE.finditer(rendered):
        if match.group(1):
            table = _cmark_table(match.group(3), int(match.group(1)), int(match.group(2)))
            if table is not None:
                blocks.tables.append(table)
        elif match.group(4):
            text = _html_inline_text(match.group(6))[0].strip()
            blocks.headings.append((int(match.group(5)) - 1, int(match.group(4)), text))
        else:
            blocks.fenced.append((int(match.group(7)) - 1, int(match.group(8))))
    return blocks


def _gfm_table(rows: list[list[Cell]], header_rows: int, first_line: int, last_line: int) -> Table:
    """A GFM table as either parser read it; `index` is set once the document is walked."""
    return Table(
        index=0,
        kind="markdown",
        line=first_line,
        end_line=last_line,
        rows=_rectangular(rows),
        header_rows=header_rows,
    )


def _cmark_table(inner: str, first_line: int, last_line: int) -> Table | None:
    rows: list[list[Cell]] = []
    header_rows = 0
    row_line = first_line
    marks = list(_CMARK_CELL_RE.finditer(inner))
    for k, mark in enumerate(marks):
        if mark.group(1):
            row_line = int(mark.group(1))
            rows.append([])
            continue
        if not rows or len(rows[-1]) >= MAX_COLUMNS:
            continue
        kind = mark.group(2)
        end = marks[k + 1].start() if k + 1 < len(marks) else len(inner)
        content = inner[mark.end() : end]
        content = content[: content.rfind(f"</t{kind}>\n")]
        text, bold = _html_inline_text(content)
        line = int(mark.group(3)) or row_line  # a cell cmark adds to a short row: "5:0-5:0"
        rows[-1].append(Cell(text=text, line=line, header=kind == "h", bold=bold))
        if kind == "h" and len(rows[-1]) == 1:
            header_rows += 1
    rows = [row for row in rows if row]
    if not rows:
        return None
    # A table that interrupts a paragraph gets the paragraph's first line as its start
    # (and its header row's); the header is always the line before the delimiter row.
    header_line = rows[1][0].line - 2 if len(rows) > 1 else last_line - 1
    if header_rows == 1 and header_line > first_line:
        rows[0] = [replace(c, line=header_line) for c in rows[0]]
        first_line = header_line
    return _gfm_table(rows, header_rows, first_line, last_line)


_INLINE_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>|<!--.*?-->|<[?!][^>]*>", re.S)


def _html_inline_text(fragment: str) -> tuple[str, bool]:
    """Plain text of cmark's HTML for one cell or heading, as `_inline_text_and_bold` reads
    markdown-it's tokens: markup removed, <br> kept as a line break, <sup>1</sup> as [1]."""
    if "<" not in fragment:  # plain text, as most cells are
        return _clean_text(_unescaped(fragment).replace("\n", " ")), False
    parts: list[str] = []
    bold_chars = 0
    strong = 0
    pos = 0
    for tag in _INLINE_TAG_RE.finditer(fragment):
        if tag.start() > pos:
            text = _unescaped(fragment[pos : tag.start()]).replace("\n", " ")
            parts.append(text)
            if strong:
                bold_chars += len(text.strip())
        pos = tag.end()
        name = (tag.group(2) or "").lower()
        closing = bool(tag.group(1))
        if name == "br":
            parts.append("\n")
        elif name == "sup":
            parts.append("]" if closing else "[")  # a footnote mark: GSM8K<sup>1</sup> -> GSM8K[1]
        elif name in ("b", "strong"):
            strong = max(0, strong + (-1 if closing else 1))
    if pos < len(fragment):
        text = _unescaped(fragment[pos:]).replace("\n", " ")
        parts.append(text)
        if strong:
            bold_chars += len(text.strip())
    text = _clean_text("".join(parts))
    visible = len("".join(text.split()))
    return text, bool(visible) and bold_chars >= visible * 0.6


# --- markdown-it-py (the fallback) ---------------------------------------------------


def _markdown_it_blocks(body: str) -> _Blocks:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = md.parse(body)
    blocks = _Blocks(tables=[], headings=[], fenced=[])
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type in ("fence", "code_block") and token.map:
            blocks.fenced.append((token.map[0], token.map[1]))
        elif token.type == "heading_open" and token.map:
            level = int(token.tag[1])
            blocks.headings.append((token.map[0], level, _inline_text(tokens[i + 1]).strip()))
        elif token.type == "table_open":
            end = _matching_close(tokens, i, "table_open", "table_close")
            table = _markdown_table(tokens[i : end + 1])
            if table is not None:
                blocks.tables.append(table)
            i = end
        i += 1
    return blocks


def _matching_close(tokens: list[Token], start: int, open_type: str, close_type: str) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        if tokens[j].type == open_type:
            depth += 1
        elif tokens[j].type == close_type:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def _markdown_table(tokens: list[Token]) -> Table | None:
    rows: list[list[Cell]] = []
    header_rows = 0
    current: list[Cell] | None = None
    row_line = 0
    in_head = False
    for token in tokens:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            current = []
            row_line = (token.map[0] + 1) if token.map else row_line
        elif token.type == "tr_close" and current is not None:
            rows.append(current)
            if in_head:
                header_rows += 1
            current = None
        elif token.type == "inline" and current is not None and len(current) < MAX_COLUMNS:
            text, bold = _inline_text_and_bold(token)
            line = (token.map[0] + 1) if token.map else row_line
            current.append(Cell(text=text, line=line, header=in_head, bold=bold))
    if not rows:
        return None
    first_line = tokens[0].map[0] + 1 if tokens[0].map else rows[0][0].line
    last_line = tokens[0].map[1] if tokens[0].map else rows[-1][0].line
    return _gfm_table(rows, header_rows, first_line, last_line)


def _inline_text(token: Token) -> str:
    return _inline_text_and_bold(token)[0]


def _inline_text_and_bold(token: Token) -> tuple[str, bool]:
    """Plain text of an inline token: markup removed, <br> kept as a line break."""
    parts: list[str] = []
    bold_chars = 0
    strong = 0
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
            if strong:
                bold_chars += len(child.content.strip())
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong = max(0, strong - 1)
        elif kind == "html_inline":
            tag = child.content.lower()
            if re.match(r"<br\b", tag):
                parts.append("\n")
            elif re.match(r"<sup\b", tag):
                parts.append("[")  # a superscript is a footnote mark: GSM8K<sup>1</sup> -> GSM8K[1]
            elif re.match(r"</sup\b", tag):
                parts.append("]")
            elif re.match(r"</?(b|strong)\b", tag):
                strong += -1 if tag.startswith("</") else 1
                strong = max(0, strong)
        elif kind == "image":
            continue  # an image is not text; its alt text is not a score
    text = _clean_text("".join(parts))
    visible = len("".join(text.split()))
    return text, bool(visible) and bold_chars >= visible * 0.6


_RUN_OF_SPACES_RE = re.compile(r"[ \t\f\v]+")


def _clean_text(text: str) -> str:
    text = _unescaped(text)
    if "\u00a0" in text or "\u200b" in text:
        text = text.replace("\u00a0", " ").replace("\u200b", "")
    if "\n" not in text:  # one line, as almost every cell is
        return _RUN_OF_SPACES_RE.sub(" ", text).strip()[:MAX_CELL_CHARS]
    lines = [_RUN_OF_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    # Drop empty lines made by <br> at the start or end of a cell.
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    text = "\n".join(lines)
    return text[:MAX_CELL_CHARS]


def _rectangular(rows: list[list[Cell]]) -> list[list[Cell]]:
    width = max((len(r) for r in rows), default=0)
    out = []
    for row in rows:
        if len(row) < width:
            line = row[0].line if row else 0
            row = row + [Cell(text="", line=line) for _ in range(width - len(row))]
        out.append(row)
    return out


# --- HTML ------------------------------------------------------------------------------


_TABLE_OPEN_RE = re.compile(r"<table\b", re.I)
_TABLE_TAG_RE = re.compile(r"<(/?)table\b[^>]*>", re.I)


def _html_tables(body: str, fenced: list[tuple[int, int]]):
    line_starts = [0]
    for m in re.finditer("\n", body):
        line_starts.append(m.end())

    def line_of(pos: int) -> int:  # 0-based
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    # A table inside an HTML comment is not shown: GitHub and the Hub render nothing of it.
    comments = [
        m.span()
        for m in _HTML_COMMENT_RE.finditer(body)
        if not any(a <= line_of(m.start()) < b for a, b in fenced)
    ]
    pos = 0
    while True:
        match = _TABLE_OPEN_RE.search(body, pos)
        if not match:
            return
        start = match.start()
        start_line = line_of(start)
        hidden = next((b for a, b in comments if a < start < b), None)
        if hidden is not None:
            pos = hidden
            continue
        if any(a <= start_line < b for a, b in fenced):
            pos = match.end()
            continue
        # Find the matching </table>, allowing nested tables; unbalanced runs to the end.
        depth = 0
        end = len(body)
        for tag in _TABLE_TAG_RE.finditer(body, start):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        fragment = body[start:end]
        table = _parse_html_table(fragment, start_line + 1, line_of(max(start, end - 1)) + 1)
        if table is not None:
            yield table
        pos = end


_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)

# One HTML tag or comment: a quoted attribute value may hold ">".
_HTML_TOKEN_RE = re.compile(
    r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S
)
_HTML_ATTR_RE = re.compile(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _feed_html(builder: _TableBuilder, fragment: str) -> None:
    """Tags, attributes and text of a table's HTML, in order, with each tag's line.

    Cards' tables need only tags, `colspan`/`rowspan` and text with character references
    read; a regular expression does that in a fraction of html.parser's time (it is most
    of a large card's cost otherwise). Text that is not a tag, a stray `<` included, stays
    text, as html.parser leaves it."""
    pos, line = 0, 1
    for match in _HTML_TOKEN_RE.finditer(fragment):
        start = match.start()
        if start > pos:
            builder.handle_data(_unescaped(fragment[pos:start]))
            line += fragment.count("\n", pos, start)
        builder.line = line
        pos = match.end()
        closing, tag, rest = match.groups()
        if tag is not None:
            if closing:
                builder.handle_endtag(tag)
            else:
                attrs = (
                    [
                        (
                            m.group(1).lower(),
                            next((g for g in m.groups()[1:] if g is not None), None),
                        )
                        for m in _HTML_ATTR_RE.finditer(rest)
                    ]
                    if rest and not rest.isspace()
                    else []
                )
                if rest.rstrip().endswith("/"):
                    builder.handle_startendtag(tag, attrs)
                else:
                    builder.handle_starttag(tag, attrs)
        line += fragment.count("\n", start, pos)
    if pos < len(fragment):
        builder.handle_data(_unescaped(fragment[pos:]))


def _unescaped(text: str) -> str:
    """Character references read; most cells have none, and unescape is not free."""
    return html.unescape(text) if "&" in text else text


class _TableBuilder:
    """Collects the rows of the outermost table; nested tables become text of their cell."""

    def __init__(self, first_line: int):
        self.first_line = first_line
        self.line = 1  # the current tag's line within the table's HTML
        self.rows: list[list[dict]] = []
        self.row_in_head: list[bool] = []
        self.depth = 0
        self.in_thead = False
        self.cell: dict | None = None
        self.row: list[dict] | None = None
        self.strong = 0
        self.skip = 0  # inside <script>/<style>

    def _line(self) -> int:
        return self.first_line + self.line - 1

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag == "table":
            self.depth += 1
            if self.depth > 1 and self.cell is not None:
                self.cell["parts"].append(" ")
            return
        if self.depth != 1:
            if tag == "br" and self.cell is not None:
                self.cell["parts"].append("\n")
            return
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "thead":
            self.in_thead = True
        elif tag == "tr":
            self._close_row()
            self.row = []
            self.row_line = self._line()
        elif tag in ("td", "th"):
            if self.row is None:
                self.row = []
                self.row_line = self._line()
            self._close_cell()
            attributes = dict(attrs)
            self.cell = {
                "parts": [],
                "header": tag == "th",
                "colspan": _span(attributes.get("colspan")),
                "rowspan": _span(attributes.get("rowspan")),
                "line": self._line(),
                "bold_chars": 0,
            }
        elif self.cell is not None and (
            tag == "br" or (tag in ("p", "div", "li") and self.cell["parts"])
        ):
            self.cell["parts"].append("\n")
        elif tag in ("b", "strong"):
            self.strong += 1
        elif tag == "sup" and self.cell is not None:
            self.cell["parts"].append("[")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() in ("td", "th", "tr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag == "table":
            if self.depth == 1:
                self._close_row()
            self.depth = max(0, self.depth - 1)
            return
        if self.depth != 1:
            return
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "thead":
            self._close_row()
            self.in_thead = False
        elif tag == "tr":
            self._close_row()
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag in ("b", "strong"):
            self.strong = max(0, self.strong - 1)
        elif tag == "sup" and self.cell is not None:
            self.cell["parts"].append("]")

    def handle_data(self, data):
        if self.cell is not None and self.depth >= 1 and not self.skip:
            self.cell["parts"].append(data)
            if self.strong:
                self.cell["bold_chars"] += len(data.strip())

    def _close_cell(self):
        if self.cell is not None and self.row is not None:
            self.row.append(self.cell)
        self.cell = None

    def _close_row(self):
        self._close_cell()
        if self.row is not None:
            if self.row:
                self.rows.append(self.row)
                self.row_in_head.append(self.in_thead)
            self.row = None


def _span(value: str | None) -> int:
    if value is None:  # most cells: no span (an exception per cell costs)
        return 1
    try:
        return max(1, min(int(str(value).strip().strip('"')), MAX_COLUMNS))
    except (TypeError, ValueError):
        return 1


def _parse_html_table(fragment: str, first_line: int, last_line: int) -> Table | None:
    builder = _TableBuilder(first_line)
    _feed_html(builder, fragment)
    builder._close_row()
    raw_rows = builder.rows
    if not raw_rows:
        return None
    grid = _expand_spans(raw_rows)
    # Header rows: leading rows marked <thead>, or made only of <th> cells.
    header_rows = 0
    for k, row in enumerate(raw_rows):
        in_head = builder.row_in_head[k]
        all_th = all(c["header"] for c in row)
        if in_head or all_th:
            header_rows += 1
        else:
            break
    if header_rows == 0 and len(grid) > 1:
        header_rows = 1  # header cells written as <td>: the first row is the header
    if header_rows >= len(grid):
        header_rows = min(header_rows, max(1, len(grid) - 1)) if len(grid) > 1 else len(grid)
    for r in range(header_rows):
        grid[r] = [Cell(c.text, c.line, True, c.spanned, c.colspan, c.bold) for c in grid[r]]
    return Table(
        index=0,
        kind="html",
        line=first_line,
        end_line=last_line,
        rows=grid,
        header_rows=header_rows,
    )


def _expand_spans(raw_rows: list[list[dict]]) -> list[list[Cell]]:
    """A rectangular grid: a spanning cell is copied into every position it covers.

    A rowspan is ignored when the rows below already fill the table's width with
    cells of their own: cards write `rowspan="2"` on a header with no second header
    row, and honouring it would shift every value one column to the right.
    """
    width = max(sum(c["colspan"] for c in row) for row in raw_rows)
    width = min(width, MAX_COLUMNS)
    grid: list[list[Cell]] = []
    pending: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows left)
    for row in raw_rows:
        own = sum(c["colspan"] for c in row)
        if own >= width:
            pending = {}
        line = row[0]["line"] if row else 0
        out: list[Cell | None] = [None] * width
        for col, (cell, left) in list(pending.items()):
            if col < width:
                out[col] = Cell(cell.text, cell.line, cell.header, True, cell.colspan, cell.bold)
            if left <= 1:
                del pending[col]
            else:
                pending[col] = (cell, left - 1)
        col = 0
        for raw in row:
            while col < width and out[col] is not None:
                col += 1
            if col >= width:
                break
            text = _clean_text("".join(raw["parts"]))
            visible = len("".join(text.split()))
            bold = bool(visible) and raw["bold_chars"] >= visible * 0.6
            cell = Cell(text, raw["line"], raw["header"], False, raw["colspan"], bold)
            for k in range(raw["colspan"]):
                if col + k >= width:
                    break
                copy = (
                    cell if k == 0 else Cell(text, cell.line, cell.header, True, cell.colspan, bold)
                )
                out[col + k] = copy
                if raw["rowspan"] > 1:
                    pending[col + k] = (copy, raw["rowspan"] - 1)
            col += raw["colspan"]
        grid.append([c if c is not None else Cell("", line) for c in out])
    return grid


def _html_headings(body: str, fenced: list[tuple[int, int]]):
    for match in _HTML_HEADING_RE.finditer(body):
        line0 = body.count("\n", 0, match.start())
        if any(a <= line0 < b for a, b in fenced):
            continue
        text = _clean_text(_TAG_RE.sub(" ", match.group(2))).replace("\n", " ")
        yield (line0, int(match.group(1)), text)


# --- context ---------------------------------------------------------------------------


def _attach_context(
    table: Table, lines: list[str], headings: list[tuple[int, int, str]], tables: list[Table]
) -> None:
    """Heading path above the table, text between the heading and the table, text after it."""
    start0 = table.line - 1
    above = [h for h in headings if h[0] < start0]
    path: list[tuple[int, str]] = []
    for _, level, text in above:
        if not text.strip():
            continue  # an empty heading ("##" over a table) closes no section
        while path and path[-1][0] >= level:
            path.pop()
        path.append((level, text))
    table.headings = [text for _, text in path]
    table.heading = path[-1][1] if path else ""
    heading_line = above[-1][0] if above else -1
    # Text between the heading (or the previous table) and this table.
    previous_end = max((t.end_line for t in tables if t.end_line <= start0), default=-1)
    begin = max(heading_line + 1, previous_end, start0 - 12, 0)
    context_lines = [
        _plain_line(ln)
        for ln in lines[begin:start0]
        if ln.strip() and not ln.lstrip().startswith("|")
    ]
    table.context = " ".join(x for x in context_lines if x)[-600:]
    following: list[str] = []
    for ln in lines[table.end_line : table.end_line + 12]:
        if _HEADING_RE.match(ln) or re.match(r"\s*<table\b", ln, re.I):
            break
        if ln.strip():
            following.append(_plain_line(ln))
    table.after = " ".join(x for x in following if x)[:1500]
    raw_after = []
    for ln in lines[table.end_line : table.end_line + 15]:
        if _HEADING_RE.match(ln) or re.match(r"\s*(<table\b|\|)", ln, re.I):
            break
        raw_after.append(ln)
    raw_before = [
        ln for ln in lines[begin:start0] if ln.strip() and not ln.lstrip().startswith("|")
    ]
    table.notes = [ln.strip() for ln in raw_before[-6:] + raw_after if ln.strip()][:30]
    table.lead = raw_before[-1].strip() if raw_before else ""


def _plain_line(line: str) -> str:
    line = _TAG_RE.sub(" ", line)
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", line)
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    # Emphasis marks go; an underscore inside a word ("NanoBEIR_mean") is part of a name.
    line = re.sub(r"[*`>#]+|(?<!\w)_+|_+(?!\w)", " ", line)
    return re.sub(r"\s+", " ", html.unescape(line)).strip()
