"""The names a card gives its own model, and the names of other models in its text.

A repo id is often not what a card prints: the card pairs a product name with the repo
in a download table or a link, titles itself with the family, or links siblings whose
extra words ("Base", "Reasoning") tell their tables apart. These functions read that
from the document, so that table matching (`extraction`) can try the card's own names.
Pure functions over the parsed document; no I/O.
"""

from __future__ import annotations

import re

from .naming import (
    BASE_WORDS,
    INSTRUCT_WORDS,
    LETTER_RE,
    LM_FAMILY,
    SIZE_WORD_RE,
    Target,
    match_header,
    mentions,
    normalize_name,
    parse_header,
    sibling_variants,
    table_variant,
    tokens,
)
from .tables import Cell, Document, Table

# A link to a Hub repo: its "org/name", whatever path follows (/tree/main, /resolve/...).
_HUB_LINK_RE = re.compile(
    r"huggingface\.co/(?P<repo>(?P<org>[\w.-]+)/(?P<name>[\w.-]+?))(?=[)\]\s\"'#?<>|/]|$)", re.I
)


def download_table_names(document: Document, lines: list[str], target: Target) -> list[str]:
    """Names the card pairs with the repo id in a table row: "| Lumen Swift | [🤗](https://
    huggingface.co/org/Lumen-Swift-8B-Instruct) |" says the card calls this repo "Lumen
    Swift". A row that links several repos pairs its name with none of them."""
    if not target.repo_id:
        return []
    wanted = target.repo_id.lower()
    repo_words = set(parse_header(target.repo_id.split("/")[-1]).words)
    names: list[str] = []
    # Prose links: "[MiniCPM-S-1B](https://huggingface.co/openbmb/MiniCPM-S-1B-sft)".
    for match in _MD_LINK_RE.finditer("\n".join(lines)):
        repo = _HUB_LINK_RE.search(match.group("url"))
        if repo and repo.group("repo").lower() == wanted:
            text = match.group("text").strip()
            if set(parse_header(text).words) & repo_words and len(text) <= 60:
                names.append(text)
    for table in document.tables:
        if table.kind == "markdown":
            names.extend(_linked_headers(table, lines, wanted))
        for row in _rows_of_repo(table, lines, wanted):
            cells = [c.text.replace("\n", " ").strip() for c in row]
            name = next(
                (c for c in cells if c and c.lower() != wanted and parse_header(c).tokens), None
            )
            if (
                name
                and not _HUB_LINK_RE.search(name)
                and len(name) <= 60
                and set(parse_header(name).words) & repo_words
            ):
                names.append(name)
    return list(dict.fromkeys(names))


def download_row_properties(
    document: Document, lines: list[str], target: Target
) -> tuple[tuple[str, str], ...]:
    """The short texts the download table prints beside the repo's own link, under their
    column's header: | YuLan-Mini | 28K | [Base](https://huggingface.co/yulan-team/YuLan-Mini) |
    under `Model | Context Length | Hugging Face` gives (("context length", "28K"),). Only a
    markdown row that points at the repo and at no other repo counts."""
    if not target.repo_id:
        return ()
    wanted = target.repo_id.lower()
    out: list[tuple[str, str]] = []
    for table in document.tables:
        if table.kind != "markdown" or not table.header:
            continue
        headers = [normalize_name(c.text) for c in table.header[-1]]
        for row in _rows_of_repo(table, lines, wanted):
            for header, cell in zip(headers, row, strict=False):
                text = cell.text.strip()
                if header and text and len(text) <= 20 and not _HUB_LINK_RE.search(text):
                    out.append((header, text))
    return tuple(dict.fromkeys(out))


def _rows_of_repo(table: Table, lines: list[str], wanted: str) -> list[list[Cell]]:
    """The body rows that point at the repo `wanted` (lower case) and at no other: by a Hub
    link in the row's source lines, or by printing the repo id itself."""
    # A row that points at the repo prints its id (in a link or as text): a table whose
    # lines never do has no such row, and most tables of a long card are those.
    if wanted not in "\n".join(lines[max(0, table.line - 1) : table.end_line + 2]).lower():
        return []
    out = []
    for row in table.body:
        if not row:
            continue
        first_line = row[0].line
        raw = _source_line(lines, first_line)
        if table.kind == "html":
            following = [c.line for c in row]
            raw = "\n".join(lines[first_line - 1 : max(following) + 2])
        linked = {m.group("repo").lower() for m in _HUB_LINK_RE.finditer(raw)}
        if any(c.text.replace("\n", " ").strip().lower() == wanted for c in row):
            linked.add(wanted)
        if linked == {wanted}:
            out.append(row)
    return out


def _source_line(lines: list[str], line: int) -> str:
    """The card's text of 1-based `line`, or "" where a cell's line lies outside it."""
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _linked_headers(table: Table, lines: list[str], wanted: str) -> list[str]:
    """Header cells that link to the repo: "**Qwen2-VL-7B**<br>([🤗](https://huggingface.co/
    Qwen/Qwen2-VL-7B-Instruct))" is the column of that repo, whatever the name it prints."""
    out = []
    for row in table.header:
        if not row:
            continue
        raw = _source_line(lines, row[0].line)
        raw_cells = [c for c in re.split(r"(?<!\\)\|", raw.strip().strip("|"))]
        if len(raw_cells) != len(row):
            continue
        for raw_cell, cell in zip(raw_cells, row, strict=True):
            linked = {m.group("repo").lower() for m in _HUB_LINK_RE.finditer(raw_cell)}
            if linked == {wanted}:
                name = cell.text.split("\n")[0].strip()
                if parse_header(name).tokens and len(name) <= 60:
                    out.append(name)
    return out


_MD_LINK_RE = re.compile(r"\[(?P<text>[^\]\[]{1,80})\]\((?P<url>https?://[^)\s]+)\)")


def instruct_names(document: Document, text: str, target: Target) -> list[str]:
    """The target's name without its instruct word, when the card shows no base model under
    that name: no base-model table, and no "<name>-Base" in the text."""
    names = list(target.instruct_stripped())
    if not names:
        return []
    # The card must be titled with the family ("# Qwen2-VL", "# EXAONE 3.5"): a family card
    # that releases the instruct model names it without the word.
    titles = _title_heads([text for _, level, text in document.headings if level == 1][:1])
    family_titled = any(
        set(parse_header(t).words)
        and set(parse_header(t).words) <= set(parse_header(n).words)
        and not set(parse_header(t).tokens) & (INSTRUCT_WORDS | BASE_WORDS)
        for t in titles
        for n in names
    )
    # "MedGemma 4B (pre-trained)" in a table beside a bare "MedGemma 4B": the card marks its
    # base checkpoint, so the bare name is the other one.
    printed = _name_cells(document)
    marked_base = any(
        words - set(parse_header(n).words) == {"pretrained"} and set(parse_header(n).words) < words
        for words in printed.values()
        for n in names
    )
    if not family_titled and not marked_base:
        return []
    if not marked_base and any(table_variant_of(t) == "base" for t in document.tables):
        return []
    if "base" in sibling_variants(text, Target(names=tuple(names), repo_id=target.repo_id)):
        return []
    return names


# "LLaVA-OneVision-1.5: Fully Open Framework for ...", "Acme-2 — a small model": the name is the
# title's head; the rest describes it.
_TITLE_SUBTITLE_RE = re.compile(r"\s*(?::\s|\s[-–—|]\s)")


def _title_heads(titles: list[str]) -> list[str]:
    """The titles, each followed by its head before a subtitle separator (if it has one)."""
    out = []
    for title in titles:
        out.append(title)
        head = _TITLE_SUBTITLE_RE.split(title, maxsplit=1)[0].strip()
        if head and head != title.strip():
            out.append(head)
    return out


_VERSION_WORD_RE = re.compile(r"^v?\d+(?:\.\d+)+$|^v\d+$")


def sized_names(document: Document, target: Target) -> list[str]:
    """The repo's name with a size or a version, when the repo name has none and the card's
    tables print it with one only ("MonkeyOCR-3B" for echo840/MonkeyOCR, "Datalab Chandra
    v0.1.0" for datalab-to/chandra: the org's brand may lead). Two sizes or versions of it
    in the card, and it says not which the repo is: nothing."""
    brand = target.repo_id.split("/")[0].split("-")[0].lower() if target.repo_id else ""
    printed = _name_cells(document)
    found: dict[str, str] = {}  # printed name -> its size or version word
    for name in target.names:
        wanted = set(parse_header(name).words)
        if not wanted:
            continue
        extras = [
            pattern
            for pattern in (SIZE_WORD_RE, _VERSION_WORD_RE)
            if not any(pattern.match(w) for w in wanted)
        ]
        for text, words in printed.items():
            added = words - wanted - {brand}
            if not wanted < words or len(added) != 1:
                continue
            word = next(iter(added))
            if any(pattern.match(word) for pattern in extras):
                found[text] = word
    return list(found) if len(set(found.values())) == 1 else []


def unversioned_names(document: Document, target: Target) -> list[str]:
    """The repo's name without its version word, when the card's tables print it so and
    print no other version of it ("CoDA-Instruct" for Salesforce/CoDA-v0-Instruct); a card
    that prints "CoDA-v1-Instruct" too says the bare name is not the repo's."""
    printed = _name_cells(document)
    found: list[str] = []
    for name in target.names:
        wanted = set(parse_header(name).words)
        versions = {w for w in wanted if _VERSION_TAG_RE.fullmatch(w)}
        if len(versions) != 1:
            continue
        bare = wanted - versions

        if any(_other_version(words, bare, versions) for words in printed.values()):
            return []
        found += [text for text, words in printed.items() if words == bare]
    return list(dict.fromkeys(found))


_VERSION_TAG_RE = re.compile(r"v\d+(?:\.\d+)*")


def _other_version(words: set[str], bare: set[str], versions: set[str]) -> bool:
    """`words` are the bare name's and one version word other than the repo's."""
    extra = words - bare
    return (
        bare <= words
        and len(extra) == 1
        and extra != versions
        and bool(_VERSION_TAG_RE.fullmatch(next(iter(extra))))
    )


_ABBREVIATED_RE = re.compile(r"([a-z]{2,})(\d+(?:\.\d+)*)")


def abbreviated_names(document: Document, target: Target) -> list[str]:
    """The repo's name with one word cut short in the card's tables ("General-Reasoner-Qw3-14B"
    for General-Reasoner-Qwen3-14B): the same words but one, which keeps the other's
    version number and starts with at least two of its letters. One such name only: two
    would leave the reader guessing which word was cut."""
    printed = _name_cells(document)
    found: list[str] = []
    for name in target.names:
        wanted = set(parse_header(name).words)
        for text, words in printed.items():
            if len(words) != len(wanted) or len(words - wanted) != 1:
                continue
            (short,), (full,) = words - wanted, wanted - words
            a, b = _ABBREVIATED_RE.fullmatch(short), _ABBREVIATED_RE.fullmatch(full)
            if (
                a
                and b
                and a.group(2) == b.group(2)
                and a.group(1) != b.group(1)
                and b.group(1).startswith(a.group(1))
            ):
                found.append(text)
    return found if len(set(found)) == 1 else []


# Words a repo name adds to the product's name without making another model: the language
# model it is built on ("Llama3-OpenBioLLM-8B", "llama-3-firefunction-v2"), the language it
# serves ("Dmeta-embedding-zh"), its training tokens ("2B-4T") and the file format
# ("-gguf"). A bare number only with a family word before it ("llama-3").
_FAMILY_WORD_RE = re.compile(rf"{LM_FAMILY}\d*(?:\.\d+)?")
_LANGUAGE_WORD_RE = re.compile(r"zh|en|ja|ko|ru|de|fr|es|vi|ar|multilingual")
_TOKEN_COUNT_WORD_RE = re.compile(r"\d+(?:\.\d+)?t")
_FORMAT_WORD_RE = re.compile(r"gguf|ggml|mlx")


def base_dropped_names(document: Document, target: Target) -> list[str]:
    """The repo's name without the words that only say what it is built on or for, when the
    card's tables print it so: "OpenBioLLM-8B" for aaditya/Llama3-OpenBioLLM-8B, "Dmeta-
    embedding" for DMetaSoul/Dmeta-embedding-zh. The printed name keeps a word of the
    product's own (a bare "Llama-3-8B" is the base model, not this one), drops no size,
    version or instruct word, and is the only such name: two candidates leave the reader
    guessing, and a printed name that adds another word to it ("General-Reasoner-Qwen2.5-
    14B" beside "General-Reasoner-14B" for General-Reasoner-Qwen3-14B) says the short name
    may be another generation's."""
    printed = _name_cells(document)
    found: dict[frozenset[str], list[str]] = {}
    for name in target.names:
        wanted = set(parse_header(name).words)
        for text, words in printed.items():
            dropped = wanted - words
            if not words or not words < wanted or not _only_packaging(dropped):
                continue
            if not any(_is_brand_word(w) for w in words):
                continue
            if any(words < other and not other <= wanted for other in printed.values()):
                return []  # "General-Reasoner-Qwen2.5-14B" beside "General-Reasoner-14B"
            found.setdefault(frozenset(words), []).append(text)
    return next(iter(found.values())) if len(found) == 1 else []


def _only_packaging(dropped: set[str]) -> bool:
    families = {w for w in dropped if _FAMILY_WORD_RE.fullmatch(w)}
    for word in dropped - families:
        if word.isdigit():
            if not families:
                return False
        elif not (
            _LANGUAGE_WORD_RE.fullmatch(word)
            or _TOKEN_COUNT_WORD_RE.fullmatch(word)
            or _FORMAT_WORD_RE.fullmatch(word)
        ):
            return False
    return True


def _is_brand_word(word: str) -> bool:
    """A word of the product's own name: not a family, size, version, number or variant."""
    return not (
        _FAMILY_WORD_RE.fullmatch(word)
        or SIZE_WORD_RE.match(word)
        or _VERSION_TAG_RE.fullmatch(word)
        or re.fullmatch(r"[\d.]+", word)
        or word in INSTRUCT_WORDS
        or word in BASE_WORDS
    )


def _name_cells(document: Document) -> dict[str, set[str]]:
    """The texts of the cells that may name a model (headers, a body row's first three
    cells: one line, a letter, at most 60 characters), in document order, with their words."""
    out: dict[str, set[str]] = {}
    for table in document.tables:
        cells = [c for row in table.header for c in row]
        cells += [c for row in table.body for c in row[:3]]
        for cell in cells:
            text = cell.text.split("\n")[0].strip()
            if text in out or not text or len(text) > 60 or not LETTER_RE.search(text):
                continue
            out[text] = set(parse_header(text).words)
    return out


def title_names(document: Document, target: Target) -> list[str]:
    """The card's title when it is the repo name without its size, date, instruct words or
    release stage ("# Lumen Swift" for Lumen-Swift-8B-Instruct, "# Lumen-8B" for
    Lumen-8B-Preview: the card of the preview release calls it by its name). A title that drops a base word is not
    taken: a base card titled with the bare family name may call the chat model that."""
    titles = _title_heads([text for _, level, text in document.headings if level == 1][:2])
    out = []
    for title in titles:
        title = re.sub(r"^(?:model card for|introducing)\s+", "", title.strip(), flags=re.I)
        title_words = set(parse_header(title).words)
        if not title_words or len(title) > 60:
            continue
        for name in target.names:
            repo_words = set(parse_header(name).words)
            dropped = repo_words - title_words
            added = title_words - repo_words
            common = title_words & repo_words
            if not dropped or not common:
                continue
            # "Devstral Small 1.1" for Devstral-Small-2507: the title adds only a version.
            if added and not all(re.fullmatch(r"v?\d+(?:\.\d+)+|v\d+", w) for w in added):
                continue
            if all(
                SIZE_WORD_RE.match(w)
                or w in INSTRUCT_WORDS
                or re.fullmatch(r"\d{4,8}|hf|preview", w)
                for w in dropped
            ):
                out.append(title.strip())
    return out


_TITLE_ACRONYM_RE = re.compile(r"^(?P<phrase>[^()]+?)\s*\((?P<acronym>[A-Z][A-Za-z0-9]{1,7})\)\s*$")


def _initials(words: list[str]) -> str:
    """ "Perception Language Model" -> "plm"; a short all-letter token ("LM") stands whole."""
    return "".join(w if len(w) <= 3 and w.isalpha() else w[0] for w in words if w).lower()


def acronym_names(document: Document, target: Target) -> list[str]:
    """The card's acronym for its model with the repo's size: "# Perception Language Model
    (PLM)" over tables of "PLM8B" names facebook/Perception-LM-8B "PLM-8B". The title must
    spell the acronym out, and the repo name's words must abbreviate to it too."""
    out = []
    for _, level, title in document.headings:
        match = _TITLE_ACRONYM_RE.match(title.strip()) if level == 1 else None
        if match is None:
            continue
        acronym = match.group("acronym").lower()
        if _initials(re.split(r"[\s-]+", match.group("phrase"))) != acronym:
            continue
        for name in target.names:
            parts = [p for p in re.split(r"[\s_-]+", name) if p]
            sizes = [p for p in parts if SIZE_WORD_RE.match(p.lower())]
            rest = [p for p in parts if p not in sizes]
            if len(sizes) == 1 and rest and _initials(rest) == acronym:
                out.append(f"{match.group('acronym')}-{sizes[0]}")
    return list(dict.fromkeys(out))


def table_variant_of(table: Table, siblings: frozenset[str] = frozenset()) -> str | None:
    """ "base"/"instruct" from the lines above the table, else the nearest heading that says.

    A heading that names a word only a sibling checkpoint carries ("### Reasoning" on a card
    that links X-14B-Reasoning beside X-14B-Instruct) makes the table that sibling's: the
    variant is then that word, which no bare name of the target matches."""
    for text in [table.context, *reversed(table.headings)]:
        words = set(re.findall(r"[a-z]+", text.lower()))
        sibling = sorted(words & siblings)
        if sibling and len(text) <= 80:
            return sibling[0]
        variant = table_variant(text)
        if variant:
            return variant
    return None


def sibling_words(text: str, target: Target) -> frozenset[str]:
    """Words that tell the target's siblings apart from it, read from the repos the card
    links in the same org: X-14B-Base and X-14B-Reasoning beside X-14B-Instruct give
    {"base", "reasoning"}. Sizes, dates and the target's own words are not among them."""
    if not target.repo_id or "/" not in target.repo_id:
        return frozenset()
    org, name = target.repo_id.lower().split("/", 1)
    own = set(re.findall(r"[a-z]+", name))
    family = re.findall(r"[a-z]+", name)[:1]
    out: set[str] = set()
    for match in _HUB_LINK_RE.finditer(text):
        if match.group("org").lower() != org or match.group("name").lower() == name:
            continue
        words = re.findall(r"[a-z]+", match.group("name").lower())
        if not family or words[:1] != family:
            continue
        out.update(w for w in words if w not in own and len(w) >= 4 and w not in {"gguf"})
    return frozenset(out - {"datasets", "spaces"})


def names_family(text: str, family: Target) -> bool:
    """The family's name in running text, not followed by a number that would make it another
    generation or a size ("Orca Lite 2 base models" names Orca Lite 2; "Orca Lite 2.5" does not).
    The family's first word alone counts when it is a long brand word ("OpenReasoning" for
    OpenReasoning-Nemotron) and no number follows it."""
    hay = tokens(text)
    candidates = list(family.token_sets())
    for toks in family.token_sets():
        if len(toks) > 1 and toks[0].isalpha() and len(toks[0]) >= 6 and not toks[1].isdigit():
            candidates.append(toks[:1])
    for toks in candidates:
        n = len(toks)
        for i in range(len(hay) - n + 1):
            if hay[i : i + n] == toks:
                nxt = hay[i + n] if i + n < len(hay) else None
                if nxt is None or not nxt.isdigit():
                    return True
    return False


_MODEL_NAME_RE = re.compile(
    r"(?<![\w.])[A-Za-z][\w.]*(?:[-_][\w.]+)+(?![\w])|(?<![\w.])[A-Z][\w.-]*\s+(?:\d+x)?\d+(?:\.\d+)?[BM]\b"
)


def other_model_names(text: str, target: Target) -> list[str]:
    """Model names in running text that are not the target: words joined by "-" with a size
    or a checkpoint word in them ("Quill-0.5B", "Quill-RM-70B", "X-7B-Instruct-AWQ")."""
    out = []
    for match in _MODEL_NAME_RE.finditer(text):
        name = match.group(0).strip(".-_")
        parts = [p for p in re.split(r"[\s\-_]+", name.lower()) if p]
        sized = any(SIZE_WORD_RE.match(p) or re.fullmatch(r"a\d+(?:\.\d+)?b", p) for p in parts)
        if not sized:
            continue
        if match_header(name, target) or mentions(name, target):
            continue
        out.append(name)
    return out
