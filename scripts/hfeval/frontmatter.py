"""README front matter and YAML text surgery that keeps what it does not touch.

PyYAML can read a card but cannot write one back without losing its comments, its
key order quirks and its formatting; huggingface_hub's own round trip also drops
unknown keys. So edits here are made on the text: we find the nodes we need with
`yaml.compose` (which knows where each node starts and ends), insert or replace only
those spans, and the caller checks the result by parsing it again.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any, TypeGuard

import yaml

from .errors import InputError, UserNote

# What front matter is, decided here and nowhere else (extraction, reading and publishing
# all split through `split_front_matter`): the block huggingface_hub recognises
# (repocard.REGEX_YAML_BLOCK, copied as `_HUB_YAML_BLOCK`), so that what we call front
# matter is what the Hub library calls metadata, with two tolerances for reading, each
# settled on writing:
# - a byte-order mark before it is read past (the Hub reads no metadata after one:
#   huggingface_hub's `\s` is not U+FEFF); a card we write goes without it;
# - a closing `---` followed by a lone "\r" (old Mac line endings) is read as a close (the
#   Hub wants "\n", "\r\n" or the end of the file there); a card we write must be one the
#   Hub reads, so such a card is refused (`HiddenFrontMatter`), with that reason.
# Leading blank lines are kept in `opening`, so that existing front matter is never taken
# for body text (where its last line would read as a setext heading).
_BREAK = r"(?:\r\n|\r|\n)"
_YAML_BLOCK = re.compile(rf"^(\ufeff?\s*---{_BREAK})([\S\s]*?)({_BREAK}---[ \t]*(?:{_BREAK}|$))")
# "---\n---\n": an empty block, which the regex above does not match.
_EMPTY_BLOCK = re.compile(rf"^(\ufeff?\s*---{_BREAK})(---[ \t]*(?:{_BREAK}|$))")
_OPENING = re.compile(rf"^\ufeff?\s*---[ \t]*(?:{_BREAK}|$)")
_LINE_BREAK_RE = re.compile(_BREAK)
# huggingface_hub's repocard.REGEX_YAML_BLOCK (tests/test_guards_input.py checks the copy).
_HUB_YAML_BLOCK = re.compile(
    r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))"
)
BYTE_ORDER_MARK = "\ufeff"


class FrontMatterError(InputError):
    """The README's front matter cannot be read, or cannot be merged into without changing what
    we do not own: someone must fix it by hand. A caller can tell it from other unreadable input
    by its type (e.g. to suggest printing results without merging)."""


class UnclosedFrontMatter(FrontMatterError):
    """The README starts with a `---` line and never closes it: not a card we can edit."""


class HiddenFrontMatter(FrontMatterError):
    """Front matter the Hub would not read as metadata (old Mac line endings): results
    written into it would never show, so we do not write it."""


CR_ONLY_REASON = (
    "README.md has CR-only line endings (classic Mac), with which the Hub reads no metadata "
    "from it; save it with LF or CRLF line endings and run again"
)
BYTE_ORDER_MARK_NOTE = (
    "README.md starts with a byte-order mark, which hides its metadata from the Hub: "
    "the card is written without it"
)


@dataclass(frozen=True)
class FrontMatter:
    """A README cut into its parts; `opening + yaml_text + closing + body` is the original text."""

    opening: str  # "---\n" (with any leading whitespace), "" when there is no front matter
    yaml_text: str  # the YAML, ending with its line break when non-empty
    closing: str  # "---\n" (or "---" at the end of the file), "" when there is no front matter
    body: str  # everything after the closing line, byte for byte
    newline: str  # the line break the file uses: "\n", "\r\n" or "\r"

    @property
    def present(self) -> bool:
        return bool(self.opening)

    @property
    def byte_order_mark(self) -> bool:
        """Does the README start with a byte-order mark (which the Hub does not read past)?"""
        return self.opening.startswith(BYTE_ORDER_MARK) or self.body.startswith(BYTE_ORDER_MARK)

    @property
    def hidden_from_hub(self) -> bool:
        """Is this front matter invisible to the Hub for its line endings (a closing `---`
        followed by a lone "\r")? A byte-order mark is not counted: writing drops it."""
        return self.closing.endswith("\r")

    def with_yaml(self, yaml_text: str) -> str:
        """The whole README with new YAML, adding the `---` lines when there were none.

        The front matter starts the file, as the Hub reads it: a byte-order mark is
        dropped. Raises `HiddenFrontMatter` when the Hub would still read no metadata
        from the result (a card with CR-only line endings)."""
        opening = self.opening.removeprefix(BYTE_ORDER_MARK)
        if not yaml_text:
            if not self.present:
                return self.body  # nothing to write: the card as it is
            # Keep an empty block rather than deleting the user's delimiters.
            return self._told(opening + self.closing + self.body)
        if not yaml_text.endswith(("\n", "\r")):
            yaml_text += self.newline
        if self.present:
            text = opening + yaml_text + self.closing + self.body
        else:
            body = self.body.removeprefix(BYTE_ORDER_MARK)
            text = "---" + self.newline + yaml_text + "---" + self.newline + body
        if not _HUB_YAML_BLOCK.match(text):
            # The one way our block can miss the Hub's: a lone "\r" after the closing `---`.
            raise HiddenFrontMatter(CR_ONLY_REASON)
        return self._told(text)

    def _told(self, text: str) -> str:
        """`text`, once the user is told about a byte-order mark it goes without."""
        if self.byte_order_mark:
            warnings.warn(BYTE_ORDER_MARK_NOTE, UserNote, stacklevel=3)
        return text


def detect_newline(text: str) -> str:
    for candidate in ("\r\n", "\n", "\r"):
        if candidate in text:
            return candidate
    return "\n"


def split_front_matter(text: str) -> FrontMatter:
    """Cut a README into front matter and body; a `---` opening without a closing line is an error."""
    newline = detect_newline(text)
    match = _EMPTY_BLOCK.match(text)
    if match:
        return FrontMatter(match.group(1), "", match.group(2), text[match.end() :], newline)
    match = _YAML_BLOCK.match(text)
    if match:
        # Move the line break before the closing `---` into the YAML so the YAML ends with one.
        closing_block = match.group(3)
        lead = 2 if closing_block.startswith("\r\n") else 1
        yaml_text = match.group(2) + closing_block[:lead]
        return FrontMatter(
            match.group(1), yaml_text, closing_block[lead:], text[match.end() :], newline
        )
    if _OPENING.match(text):
        raise UnclosedFrontMatter(
            "README front matter starts with '---' but has no closing '---' line"
        )
    return FrontMatter("", "", "", text, newline)


class HiddenMetadata(StrEnum):
    """Why the Hub reads no metadata from front matter we read; the value is the words."""

    BYTE_ORDER_MARK = BYTE_ORDER_MARK_NOTE  # settled by writing: the card goes without it
    CR_ONLY = CR_ONLY_REASON  # not settled: a write is refused (HiddenFrontMatter)

    @property
    def settled_by_writing(self) -> bool:
        return self is HiddenMetadata.BYTE_ORDER_MARK


def hidden_metadata(text: str) -> HiddenMetadata | None:
    """Why the Hub reads no metadata from this README's front matter, or None (it reads it,
    or there is none, or it is never closed: reported elsewhere)."""
    try:
        front = split_front_matter(text)
    except UnclosedFrontMatter:
        return None
    if not front.present:
        return None
    if front.hidden_from_hub:
        return HiddenMetadata.CR_ONLY
    if front.byte_order_mark:
        return HiddenMetadata.BYTE_ORDER_MARK
    return None


@dataclass(frozen=True)
class ReadableBody:
    """A README as extraction reads it: the body, with line numbers still those of the file."""

    text: str  # front matter (and a byte-order mark) replaced by as many empty lines
    offset: int  # how many lines the front matter took
    yaml_text: str | None  # None when there is no front matter (or it is never closed)
    unclosed: bool = False  # a `---` opening with no closing line: read as body text
    yaml_line: int = 0  # 1-based line of the file where the YAML starts (0: no YAML)


def readable_body(text: str) -> ReadableBody:
    """The body of a README for reading its tables, split by `split_front_matter`.

    An opening `---` that is never closed is read as body text (its tables still count);
    publishing refuses such a card (`UnclosedFrontMatter`), and `unclosed` says why.
    """
    try:
        front = split_front_matter(text)
    except UnclosedFrontMatter:
        return ReadableBody(text.removeprefix("\ufeff"), 0, None, unclosed=True)
    if not front.present:
        return ReadableBody(front.body.removeprefix("\ufeff"), 0, None)
    block = front.opening + front.yaml_text + front.closing
    n_lines = len(_LINE_BREAK_RE.findall(block))
    yaml_line = len(_LINE_BREAK_RE.findall(front.opening)) + 1
    return ReadableBody("\n" * n_lines + front.body, n_lines, front.yaml_text, yaml_line=yaml_line)


def load_mapping(yaml_text: str, what: str = "README front matter") -> dict:
    """Parse front matter that must be a mapping (or empty); anything else is a FrontMatterError."""
    try:
        data = load_yaml(yaml_text) if yaml_text.strip() else None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"{what} is not valid YAML: {_one_line(exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"{what} is not a YAML mapping (found {type(data).__name__})")
    return data


# libyaml's C loader and dumper when PyYAML has them: ten times faster on large cards.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_yaml(text: str):
    """yaml.safe_load, through libyaml when available.

    libyaml parses and composes; building the Python values from the nodes is done here
    for the plain tags (str, int, float, bool, null, timestamp, seq, map), twice as fast
    as PyYAML's generator-based constructor on a large model-index. Anything else (merge
    keys, sets, binary, recursive anchors, unhashable keys) goes to yaml.load, so the
    values and the errors are PyYAML's own.
    """
    node = yaml.compose(text, Loader=SafeLoader)
    if node is None:
        return None
    try:
        return _construct(node, {})
    except _NotPlainData:
        return yaml.load(text, Loader=SafeLoader)


_TAG = "tag:yaml.org,2002:"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {
    _TAG + "int": _CONSTRUCTOR.construct_yaml_int,
    _TAG + "float": _CONSTRUCTOR.construct_yaml_float,
    _TAG + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _TAG + "null": _CONSTRUCTOR.construct_yaml_null,
    _TAG + "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


def _construct(node: yaml.Node, memo: dict):
    """The value of one node as SafeConstructor builds it; an alias is the same object."""
    key = id(node)
    if key in memo:
        if memo[key] is _IN_PROGRESS:
            raise _NotPlainData  # a recursive anchor: PyYAML builds it lazily
        return memo[key]
    tag = node.tag
    value: Any
    if isinstance(node, yaml.ScalarNode):
        if tag == _TAG + "str":
            return node.value
        build = _SCALAR_TAGS.get(tag)
        if build is None:
            raise _NotPlainData
        value = build(node)
    elif isinstance(node, yaml.SequenceNode) and tag == _TAG + "seq":
        memo[key] = _IN_PROGRESS
        value = [_construct(item, memo) for item in node.value]
    elif isinstance(node, yaml.MappingNode) and tag == _TAG + "map":
        memo[key] = _IN_PROGRESS
        value = {}
        for key_node, value_node in node.value:
            if key_node.tag in (_TAG + "merge", _TAG + "value"):
                raise _NotPlainData
            item_key = _construct(key_node, memo)
            if not isinstance(item_key, str | int | float | bool | type(None)):
                raise _NotPlainData  # PyYAML's error (unhashable key) or its tuple keys
            value[item_key] = _construct(value_node, memo)
    else:
        raise _NotPlainData
    memo[key] = value
    return value


_IN_PROGRESS = object()


def dump_yaml(data, **kwargs) -> str:
    """yaml.safe_dump, through libyaml when available."""
    if not kwargs.get("default_flow_style") and set(kwargs) <= _BLOCK_OPTIONS:
        text = block_yaml(data, SafeDumper, indent_sequences=False, **kwargs)
        if text is not None:
            return text
    return yaml.dump(data, Dumper=SafeDumper, **kwargs)


# --- block YAML without PyYAML's representer ----------------------------------------------
#
# PyYAML represents every node in Python (libyaml only emits), which costs ~0.3 s for the
# model-index of a card with 500 results. Cards are plain data (mappings with string
# keys, lists, strings, numbers, booleans, null), and block style for plain data is a
# small grammar, so `block_yaml` writes it directly. Every scalar is written exactly as
# the dumper would write it (plain ASCII strings are checked here with the dumper's own
# rules and resolver; any other string is written once by the dumper itself and
# reused), and anything outside that subset returns None so that the caller uses
# yaml.dump: the output is byte for byte the dumper's (tests/test_cards.py checks it).

_BLOCK_OPTIONS = {"sort_keys", "allow_unicode", "width", "default_flow_style"}
# Plain in block context for both emitters: no indicator first, no ": " or " #", no
# leading or trailing space, printable ASCII.
_PLAIN_RE = re.compile(r"[A-Za-z0-9_/.(][ -~]*")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


class _NotPlainData(Exception):
    """The data holds something `block_yaml` does not write: yaml.dump will."""


def block_yaml(
    data,
    dumper,
    *,
    indent_sequences: bool,
    sort_keys: bool = True,
    allow_unicode: bool = False,
    width: int = 80,
    default_flow_style: bool = False,
) -> str | None:
    """`yaml.dump(data, Dumper=dumper, ...)` in block style for plain data, or None."""
    if default_flow_style or sort_keys or not allow_unicode:
        return None
    if not isinstance(data, dict | list) or not data or type(data) not in (dict, list):
        return None
    lines: list[str] = []
    try:
        _block_node(data, 0, "", lines, indent_sequences, width, set(), dumper)
    except _NotPlainData:
        return None
    return "\n".join(lines) + "\n"


def _block_node(value, column, prefix, lines, indented, width, seen, dumper) -> None:
    """Write a non-empty dict or list whose first line starts with `prefix` at `column`."""
    if id(value) in seen:
        raise _NotPlainData  # the same object twice: the dumper writes an anchor
    seen.add(id(value))
    pad = " " * column
    first = True
    if type(value) is dict:
        for key, item in value.items():
            head = (prefix if first else pad) + _key_text(key, dumper)
            first = False
            _block_item(head + ":", item, column, lines, indented, width, seen, dumper, True)
    else:
        for item in value:
            head = (prefix if first else pad) + "-"
            first = False
            _block_item(head, item, column, lines, indented, width, seen, dumper, False)


def _block_item(head, item, column, lines, indented, width, seen, dumper, in_mapping) -> None:
    kind = type(item)
    if kind is dict and item:
        if in_mapping:
            lines.append(head)
            _block_node(item, column + 2, " " * (column + 2), lines, indented, width, seen, dumper)
        else:  # "- key: value": the mapping starts on the dash's line
            _block_node(item, column + 2, head + " ", lines, indented, width, seen, dumper)
    elif kind is list and item:
        if not in_mapping:
            raise _NotPlainData  # a list in a list: rare, left to the dumper
        lines.append(head)
        inner = column + 2 if indented else column
        _block_node(item, inner, " " * inner, lines, indented, width, seen, dumper)
    else:
        line = head + " " + _value_text(item, dumper)
        if len(line) >= width:
            raise _NotPlainData  # the dumper might fold it
        lines.append(line)


def _value_text(value, dumper) -> str:
    kind = type(value)
    if kind is str:
        return _string_text(value, dumper)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        return _float_text(value)
    if kind is dict and not value:
        return "{}"
    if kind is list and not value:
        return "[]"
    raise _NotPlainData


def _float_text(value: float) -> str:
    """SafeRepresenter.represent_float."""
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


def _key_text(key, dumper) -> str:
    if type(key) is not str or len(key) >= 128:
        raise _NotPlainData
    if _is_plain(key):
        return key
    text = _dumped_scalar(key, dumper, as_key=True)
    if text is None:
        raise _NotPlainData
    return text


def _string_text(value: str, dumper) -> str:
    if _is_plain(value):
        return value
    text = _dumped_scalar(value, dumper, as_key=False)
    if text is None:
        raise _NotPlainData
    return text


@lru_cache(maxsize=65536)
def _is_plain(text: str) -> bool:
    """Would both emitters write this string plain in block context?"""
    if not text or not _PLAIN_RE.fullmatch(text) or text[-1] in " :":
        return False
    if ": " in text or " #" in text or text.startswith(("...", "---")):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


_YAML_BREAKS = "\x85\u2028\u2029"


@lru_cache(maxsize=65536)
def _dumped_scalar(value: str, dumper, as_key: bool) -> str | None:
    """The dumper's own one-line text for a string, as a key or as a value; None if it
    takes more than one line. YAML breaks lines at NEL and the Unicode separators too, and
    the dumper indents what follows by the column it writes at: no one text fits every place."""
    data = {value: None} if as_key else [value]
    text = yaml.dump(data, Dumper=dumper, allow_unicode=True, width=1_000_000)
    if text.count("\n") != 1 or any(ch in text for ch in _YAML_BREAKS):
        return None
    text = text[:-1]
    if as_key:
        return text[: -len(": null")] if text.endswith(": null") else None
    return text[2:] if text.startswith("- ") else None


def compose(yaml_text: str) -> yaml.Node | None:
    return yaml.compose(yaml_text, Loader=SafeLoader)


def mapping_get(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key node, value node) pair of `key` in a mapping node; the last one wins, as in PyYAML."""
    if not isinstance(node, yaml.MappingNode):
        return None
    found = None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            found = (key_node, value_node)
    return found


def content_end(text: str, node: yaml.Node) -> int:
    """Index just past the last line holding `node`'s content (comments after it excluded).

    PyYAML ends a block collection at the next token, i.e. after any trailing comments
    and blank lines, so we take the furthest scalar or flow collection inside instead.
    """
    end = _last_content_index(node)
    if end > 0 and text[end - 1] in "\r\n":
        return end
    newline_at = _next_line_break(text, end)
    return len(text) if newline_at < 0 else newline_at


def _last_content_index(node: yaml.Node) -> int:
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.index
    best = node.start_mark.index
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            children.extend((key_node, value_node))
    for child in children:
        best = max(best, _last_content_index(child))
    return best


def _next_line_break(text: str, index: int) -> int:
    """Index just past the line break that ends the line containing `index`, or -1."""
    for pos in range(index, len(text)):
        ch = text[pos]
        if ch == "\n":
            return pos + 1
        if ch == "\r":
            return pos + 2 if text.startswith("\r\n", pos) else pos + 1
    return -1


def line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def is_block_sequence(node: yaml.Node | None) -> TypeGuard[yaml.SequenceNode]:
    return isinstance(node, yaml.SequenceNode) and not node.flow_style and bool(node.value)


def is_block_mapping(node: yaml.Node | None) -> TypeGuard[yaml.MappingNode]:
    return isinstance(node, yaml.MappingNode) and not node.flow_style


class _IndentedDumper(yaml.SafeDumper):
    """Writes `key:\n  - item` (sequences indented under their key), the style most cards use."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def dump(data, *, indent: int = 0, newline: str = "\n", indent_sequences: bool = False) -> str:
    """Block-style YAML for `data`, every line shifted right by `indent` spaces."""
    dumper = _IndentedDumper if indent_sequences else SafeDumper
    text = block_yaml(data, dumper, indent_sequences=indent_sequences, **_DUMP_OPTIONS)
    if text is None:
        text = yaml.dump(data, Dumper=dumper, default_flow_style=False, **_DUMP_OPTIONS)
    return _shifted(text, indent, newline)


_DUMP_OPTIONS: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 1_000_000}


def plain_dump(
    data, *, indent: int = 0, newline: str = "\n", indent_sequences: bool = False
) -> str | None:
    """`dump(data)` when `block_yaml` writes it, else None.

    Such text reads back as `data` on its own, by construction: plain data (no shared
    objects, so no anchors), every scalar on its key's line as the dumper itself writes
    it (no block scalars, no line break inside a value), whatever a key holds on lines
    indented further or as its "- " items. A caller that puts it where a key or an item
    of that column belongs need only check the place, not parse the block again
    (card_merge parses the document with a one-line placeholder there).
    """
    dumper = _IndentedDumper if indent_sequences else SafeDumper
    text = block_yaml(data, dumper, indent_sequences=indent_sequences, **_DUMP_OPTIONS)
    if text is None or len(text.splitlines()) != text.count("\n"):
        return None  # a line break inside a scalar ("\r", "\u2028"): `dump` would split it
    return _shifted(text, indent, newline)


def _shifted(text: str, indent: int, newline: str) -> str:
    lines = text.splitlines()
    out = newline.join((" " * indent + line) if line else line for line in lines)
    return out + newline


def scalar_text(value) -> str:
    """A value as a one-line YAML scalar, e.g. 71.3 -> "71.3", "a: b" -> "'a: b'"."""
    text = dump_yaml(value, default_flow_style=True, allow_unicode=True, width=1_000_000)
    if text.endswith("\n...\n"):
        text = text[: -len("\n...\n")]
    return text.strip()


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `text`; an insertion has start == end.

    `order` breaks ties between insertions at the same place: lower goes first.
    """

    start: int
    end: int
    text: str
    order: int = 0


def apply_edits(text: str, edits: list[Edit]) -> str:
    ordered = sorted(edits, key=lambda e: (e.start, e.end, e.order))
    out: list[str] = []
    pos = 0
    for edit in ordered:
        if edit.start < pos:
            raise ValueError("overlapping YAML edits")
        out.append(text[pos : edit.start])
        out.append(edit.text)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def sequences_indented(node: yaml.Node | None) -> bool:
    """Does this YAML indent block sequences under their key (`key:\n  - x`)? The first one decides."""
    return bool(_sequences_indented_in(node))


def _sequences_indented_in(node: yaml.Node | None) -> bool | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if is_block_sequence(value_node):
                return value_node.start_mark.column > key_node.start_mark.column
            found = _sequences_indented_in(value_node)
            if found is not None:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found = _sequences_indented_in(item)
            if found is not None:
                return found
    return None


def append_to_sequence(
    text: str,
    seq: yaml.SequenceNode,
    items: list,
    newline: str,
    order: int = 0,
    indent_sequences: bool = False,
) -> Edit:
    """Insert `items` after the last item of a block sequence, at the same indentation."""
    at = content_end(text, seq)
    block = dump(
        items, indent=seq.start_mark.column, newline=newline, indent_sequences=indent_sequences
    )
    if at > 0 and text[at - 1] not in "\r\n":
        block = newline + block
    return Edit(at, at, block, order)


def update_mapping(
    text: str, node: yaml.Node | None, old: dict, new: dict, newline: str, order: int = 0
) -> list[Edit]:
    """Edits that turn the mapping at `node` (whose data is `old`) into `new`, key by key.

    Only the keys whose value changes are touched: a scalar is replaced where it stands,
    a nested block mapping is updated key by key, a flow collection is rewritten in flow
    style, a missing key is inserted after the mapping's last line and a dropped key is
    cut with its lines. Raises ValueError for anything it cannot do in place (the caller
    then re-emits the YAML); the caller checks the result by parsing it again.
    """
    if old == new:
        return []
    if not isinstance(node, yaml.MappingNode):
        raise ValueError("not a mapping")
    if node.flow_style:
        return [_flow_edit(text, node, new)]
    edits: list[Edit] = []
    for key in old:
        if key in new:
            continue
        pair = mapping_get(node, key) if isinstance(key, str) else None
        if pair is None:
            raise ValueError(f"key {key!r} not found")
        start = line_start(text, pair[0].start_mark.index)
        if text[start : pair[0].start_mark.index].strip():
            raise ValueError(f"key {key!r} shares its line (e.g. with '- ')")
        edits.append(Edit(start, content_end(text, pair[1]), ""))
    added = {}
    for key, value in new.items():
        if key not in old:
            added[key] = value
            continue
        if old[key] == value:
            continue
        pair = mapping_get(node, key) if isinstance(key, str) else None
        if pair is None:
            raise ValueError(f"key {key!r} not found")
        edits.extend(_replace_value(text, pair[1], old[key], value, newline, order))
    if added:
        at = content_end(text, node)
        block = dump(added, indent=node.start_mark.column, newline=newline)
        if at > 0 and text[at - 1] not in "\r\n":
            block = newline + block
        edits.append(Edit(at, at, block, order))
    return edits


def _replace_value(text: str, node: yaml.Node, old, new, newline: str, order: int) -> list[Edit]:
    if isinstance(new, dict) and isinstance(old, dict) and isinstance(node, yaml.MappingNode):
        return update_mapping(text, node, old, new, newline, order)
    if isinstance(node, yaml.ScalarNode) and not isinstance(new, dict | list):
        if node.style in ("|", ">"):
            raise ValueError("block scalar")
        return [Edit(node.start_mark.index, node.end_mark.index, scalar_text(new))]
    if getattr(node, "flow_style", False):
        return [_flow_edit(text, node, new)]
    raise ValueError("cannot replace a block collection in place")


def _flow_edit(text: str, node: yaml.Node, new) -> Edit:
    """A flow collection on one line, rewritten in flow style."""
    start, end = node.start_mark.index, node.end_mark.index
    if "\n" in text[start:end] or "\r" in text[start:end]:
        raise ValueError("flow collection spans lines")
    return Edit(start, end, scalar_text(new))


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
