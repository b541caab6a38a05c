"""From a README's tables to the target model's Results.

For each table: decide whether it is an evaluation table, where the target model is
(a column, a row, or the whole table when it reports one model under a heading that
names it), which column holds the benchmark names, and read the target's cells.
When the target is not found, or found twice with nothing to tell the two apart, the
table yields nothing and its report lists the candidate headers: we never fall back
to "the first number in the row".

Pure functions over text; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Literal

from .benchmarks import Registry
from .card_names import (
    abbreviated_names,
    acronym_names,
    base_dropped_names,
    download_row_properties,
    download_table_names,
    instruct_names,
    names_family,
    other_model_names,
    sibling_words,
    sized_names,
    table_variant_of,
    title_names,
    unversioned_names,
)
from .cells import (
    benchmark_core,
    is_score_cell,
    is_setting_only,
    name_qualifiers,
    parse_setting,
    parse_values,
)
from .naming import (
    BASE_WORDS,
    INSTRUCT_WORDS,
    HeaderName,
    Match,
    Target,
    fold,
    match_header,
    mentions,
    normalize_name,
    parse_header,
    sibling_variants,
    table_variant,
)
from .results import Result, Scale, Setting, Source, dedupe
from .table_words import (
    ANY_METRIC_RE,
    AVERAGE_HEADER_RE,
    BACKBONE_HEADER_RE,
    BASELINE_CONTEXT_RE,
    CONDITION_HEADER_RE,
    CONFIG_PROPERTY_RE,
    COUNT_CONTEXT_RE,
    DATA_SOURCE_RE,
    DATASET_COLUMN_RE,
    DATASET_LINE_RE,
    DELTA_RE,
    DIRECTION_RE,
    EVAL_CONTEXT_RE,
    EVAL_LABEL_HEADER_RE,
    EVAL_SET_HEADER_RE,
    FOOTNOTE_LINE_RE,
    FOOTNOTE_MARK_RE,
    GENERIC_GROUP_HEADER_RE,
    GENERIC_VALUE_HEADER_RE,
    HARNESS_HEADER_RE,
    METRIC_ABBREVIATIONS,
    METRIC_HEADER_RE,
    METRIC_NAME_RE,
    METRIC_PATTERNS,
    MODEL_COLUMN_HEADER_RE,
    NON_SCORE_ANYWHERE_RE,
    NON_SCORE_PREFIX_RE,
    NON_SCORE_RE,
    NOT_EVAL_CONTEXT_RE,
    NOT_EVAL_HEADING_RE,
    OLL_DETAILS_RE,
    PAIR_RE,
    PAREN_PARTS_RE,
    PART_HEADER_RE,
    PART_WORD_RE,
    RUN_CONFIG_RE,
    SETTING_HEADER_RE,
    SETTING_ROW_RE,
    SHOTS_HEADER_RE,
    SIZE_CELL_RE,
    SIZE_HEADER_RE,
    SPLITS_LINE_RE,
    SUBSET_HEADER_RE,
    TRAILING_PARTS_RE,
    VISION_METRIC_RE,
)
from .tables import Cell, Document, Table, parse_document
from .value_guards import settle_table_scale


@dataclass
class TableNotes:
    """What the lines around a table explain: footnote marks, the order of paired values, per-benchmark settings."""

    marks: dict[str, str] = field(default_factory=dict)
    pair: list[Setting] | None = None
    clauses: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, lines: list[str]) -> TableNotes:
        notes = cls()
        for line in lines:
            match = FOOTNOTE_LINE_RE.match(line)
            if match:
                mark = match.group("mark").replace("\\", "")
                sup = re.fullmatch(r"<sup>\s*(\S+?)\s*</sup>", mark, re.I)
                if sup:  # cells print <sup>1</sup> as "[1]"
                    mark = sup.group(1) if not sup.group(1).isdigit() else f"[{sup.group(1)}]"
                bullet = mark == "*" and re.match(r"^\s*[-*+]\s", line) and "\\*" not in line
                if not bullet:
                    notes.marks.setdefault(mark, match.group("text").strip())
            pair = PAIR_RE.search(line)
            if pair and notes.pair is None:
                notes.pair = [parse_setting(pair.group("a")), parse_setting(pair.group("b"))]
        text = " ".join(re.sub(r"^[>\s*-]+", "", ln) for ln in lines)
        notes.clauses = [c.strip() for c in re.split(r"[;,.](?:\s|$)|\n", text) if c.strip()]
        return notes

    def marks_setting(self, text: str) -> tuple[Setting, str | None]:
        """Settings from the footnote marks printed in `text` (a header, a name or a value)."""
        setting = Setting()
        footnote = None
        for mark, note in self.marks.items():
            if mark in text:
                setting = setting.merged(parse_setting(note))
                footnote = note
        return setting, footnote

    def setting_for(self, name: str, value_marks: str = "") -> tuple[Setting, str | None]:
        """Settings the notes give this benchmark: through a footnote mark on its name or its
        value, or a clause that names it ("BBH used a 3-shot test"). Returns the setting and
        the footnote text."""
        setting, footnote = self.marks_setting(f"{name} {value_marks}")
        core = benchmark_core(name)
        if core and len(core) >= 3 and core.lower() in self._clauses_lower:
            pattern = _word_pattern(core)
            for clause in self.clauses:
                if pattern.search(clause):
                    setting = setting.merged(parse_setting(clause))
        return setting, footnote

    @cached_property
    def _clauses_lower(self) -> str:
        """Every clause, lower-cased: a name none of them holds needs no word search."""
        return "\n".join(self.clauses).lower()


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    """`word` as a whole word (not inside "X-Pro" or "MX"), any case."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.I)


def lookup_benchmark(registry: Registry, printed: str):
    """The registry benchmark a printed name denotes: the whole name first ("GPQA (main)",
    "RACE (middle)"), then its core without settings and marks ("MMLU (5-shot)" -> MMLU)."""
    name = printed.replace("\n", " ")
    if len(name) > 120:  # a sentence, not a benchmark name
        return None
    hit = registry.lookup(name)
    if hit is None:
        core = benchmark_core(name)
        hit = registry.lookup(core) if core else None
    return hit


# Where the model is in a table; "none" when it is not there (or the table holds no scores).
Layout = Literal["models-as-columns", "models-as-rows", "single-model", "none"]
# What extraction made of a table. Refusals (the user can pin the model) are
# model-not-found, ambiguous and other-variant; pin-outside is a --model-*-index past the
# table's edge (a usage mistake); the rest yield nothing by design.
TableStatus = Literal[
    "extracted",
    "not-evaluation",
    "model-not-found",
    "ambiguous",
    "other-variant",
    "no-scores",
    "skipped",
    "pin-outside",
]
REFUSALS: tuple[TableStatus, ...] = ("model-not-found", "ambiguous", "other-variant")


@dataclass
class TableReport:
    """What extraction made of one table; `inspect-tables` prints these."""

    table: Table
    layout: Layout
    status: TableStatus
    reason: str = ""
    matches: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    label_column: int | None = None
    benchmarks: list[tuple[str, str | None]] = field(default_factory=list)  # (printed, registry id)
    results: list[Result] = field(default_factory=list)
    variant: str | None = None
    matched: list[HeaderName] = field(default_factory=list)  # the headers that named the model
    match_kinds: set[str] = field(default_factory=set)  # how they named it: Match.kind

    def refuse(self, status: TableStatus, reason: str, candidates: list[str] | None = None) -> None:
        """Take the table's results back, saying why (and, where known, who it may be)."""
        self.status, self.reason, self.results = status, reason, []
        if candidates is not None:
            self.candidates = candidates

    def to_dict(self) -> dict:
        t = self.table
        return {
            "table": t.index,
            "kind": t.kind,
            "line": t.line,
            "rows": len(t.rows),
            "columns": t.width,
            "heading": t.heading,
            "heading_path": list(t.headings),
            "caption": self.caption(),
            "footnotes": self.footnotes(),
            "layout": self.layout,
            "status": self.status,
            "reason": self.reason,
            "variant_from_context": self.variant,
            "model_matches": self.matches,
            "candidates": self.candidates,
            "label_column": None if self.label_column is None else self.label_column + 1,
            "headers": [c.text.replace("\n", " ") for c in (t.rows[0] if t.rows else [])],
            "benchmarks": [{"name": n, "benchmark_id": b} for n, b in self.benchmarks],
            "results": len(self.results),
        }

    def caption(self) -> str:
        """The first sentence of the text between the table's heading and the table."""
        return _first_sentence(self.table.context)[:200]

    def footnotes(self) -> list[str]:
        """Note lines around the table that explain a mark or mention one of its columns:
        what tells two similar columns apart ("* without thinking", "BF16 is the base")."""
        cells = [c.text for row in self.table.rows for c in row]
        headers = [
            c.text.replace("\n", " ").strip()
            for c in (self.table.rows[0] if self.table.rows else [])
        ]
        names = [h for h in headers if len(h) >= 3]
        out = []
        for line in self.table.notes:
            plain = line.strip().lstrip(">-* ").strip()
            if not plain or plain.startswith("|") or re.match(r"^\s*[-*]?\s*\*\*\w", line):
                continue  # a bold lead-in ("**Model developers** Meta") is prose, not a note
            mark = FOOTNOTE_LINE_RE.match(line)
            marked = mark and any(mark.group("mark").replace("\\", "") in c for c in cells)
            if marked or any(n in plain for n in names):
                out.append(plain[:300])
        return out[:8]

    def where(self) -> str:
        """ "table 3 (line 40, under 'Benchmarks > Pre-trained models')", for candidate lists."""
        path = " > ".join(self.table.headings)
        return f"table {self.table.index} (line {self.table.line}" + (
            f", under '{path}')" if path else ")"
        )


@dataclass
class Extraction:
    target: Target
    results: list[Result]
    tables: list[TableReport]
    warnings: list[str] = field(default_factory=list)

    def candidates(self) -> list[str]:
        seen: dict[str, None] = {}
        for report in self.tables:
            for c in report.candidates:
                seen.setdefault(c, None)
        return list(seen)

    def explain(self) -> str:
        """Why nothing (or little) was extracted, one line per table that could have held scores."""
        lines = []
        for report in self.tables:
            if report.status in ("extracted", "not-evaluation", "no-scores"):
                continue
            lines.append(f"table {report.table.index} (line {report.table.line}): {report.reason}")
        return "\n".join(lines)


@dataclass(frozen=True)
class SourceRef:
    """Where the README came from: a Hub URL at a revision, or a local path."""

    url_base: str | None = None  # e.g. https://huggingface.co/org/model/blob/<sha>/README.md
    path: str | None = None

    def at(self, line: int) -> Source:
        if self.url_base:
            return Source(
                kind="readme",
                name="Model README",
                url=f"{self.url_base}#L{line}",
                path=self.path,
                line=line,
            )
        return Source(kind="readme", name="Model README", path=self.path, line=line)


def extract(
    text: str,
    target: Target,
    registry: Registry,
    *,
    source: SourceRef | None = None,
    tables: list[int] | None = None,
    model_column: int | None = None,
    model_row: int | None = None,
    keep_duplicates: bool = False,
) -> Extraction:
    """The target's results from every evaluation table of a README.

    `tables` restricts to 1-based table numbers; `model_column` / `model_row` (1-based)
    pin the target's position and need exactly one table.

    The card may print the model under a shorter name than its repo id: a download table
    that links the name to the repo says so outright, and is used from the start. Weaker
    evidence (the card's title, a repo name without its "-hf" or release-date suffix) is
    tried only when no table names the model at all, since a card that prints the full
    name somewhere means something else by the shorter one.
    """
    source = source or SourceRef()
    document = parse_document(text)
    lines = text.splitlines()
    target = target.with_names(download_table_names(document, lines, target))
    target = replace(target, properties=download_row_properties(document, lines, target))
    siblings = sibling_words(text, target)

    def under(names: Target) -> Extraction:
        return _extract_document(
            document,
            text,
            names,
            registry,
            source,
            tables,
            model_column,
            model_row,
            keep_duplicates,
            siblings,
        )

    first = under(target)
    if _names_model_anywhere(first):
        return first  # the weaker names are read only when they may be needed
    weaker = [
        *target.packaging_stripped(),
        *target.brand_names(),
        *title_names(document, target),
        *instruct_names(document, text, target),
        *sized_names(document, target),
        *acronym_names(document, target),
        *abbreviated_names(document, target),
        *unversioned_names(document, target),
        *base_dropped_names(document, target),
    ]
    if weaker:
        second = under(target.with_names(weaker))
        if _names_model_anywhere(second):
            first = second
    return first


def _extract_document(
    document: Document,
    text: str,
    target: Target,
    registry: Registry,
    source: SourceRef,
    tables: list[int] | None,
    model_column: int | None,
    model_row: int | None,
    keep_duplicates: bool,
    siblings: frozenset[str] = frozenset(),
) -> Extraction:
    reports: list[TableReport] = []
    results: list[Result] = []
    pinned = model_column is not None or model_row is not None
    for table in document.tables:
        if tables and table.index not in tables:
            reports.append(TableReport(table, "none", "skipped", "not selected with --table"))
            continue
        report = analyse_table(
            table,
            target,
            registry,
            source,
            chosen=bool(tables),
            siblings=siblings,
            model_column=model_column if pinned else None,
            model_row=model_row if pinned else None,
        )
        # A value <= 1 of a percent benchmark is a fraction only when its table says so.
        report.results = settle_table_scale(report.results, table, registry)
        if not keep_duplicates:
            report.results = dedupe(report.results)
        reports.append(report)
    _refuse_variant_ambiguity(reports, target, text)
    if not pinned and not tables:
        _refuse_bare_beside_full(reports, target)
        reports = _same_numbers_elsewhere(
            reports, target, registry, source, siblings, keep_duplicates=keep_duplicates
        )
        _refuse_other_training_data(reports, target)
        _refuse_other_training_set(reports, target)
        _refuse_other_backbone(reports, target)
    _heading_splits(reports)
    for report in reports:
        results.extend(report.results)
    return Extraction(target=target, results=results, tables=reports, warnings=document.warnings)


def _heading_splits(reports: list[TableReport]) -> None:
    """Two tables that give the same benchmark, setting and metric different values under
    different nearest headings ("### Marqo-Ecommerce-Hard" and "### ...-Easy"): the heading
    is what tells the two results apart, so it becomes part of each one's setting. Without
    it the two would read as a disagreement and neither would be published."""
    values: dict[tuple, dict[int, set[float]]] = {}  # key -> table's place -> its values
    for place, report in enumerate(reports):
        for result in report.results:
            values.setdefault(result.key(), {}).setdefault(place, set()).add(result.value)
    split: dict[int, set[tuple]] = {}
    for key, by_table in values.items():
        headings = [reports[place].table.heading.strip() for place in by_table]
        if (
            len(by_table) > 1
            and len(set().union(*by_table.values())) > 1
            and all(headings)
            and len(set(headings)) == len(headings)
        ):
            for place in by_table:
                split.setdefault(place, set()).add(key)
    for place, keys in split.items():
        report = reports[place]
        extra = Setting(extra=(report.table.heading.strip(),))
        report.results = [
            replace(r, setting=r.setting.merged(extra)) if r.key() in keys else r
            for r in report.results
        ]


_TRAINED_ON_RE = re.compile(
    r"\b(?:pre-?trained|trained|distilled|fine-?tuned)\b[^.\n]{0,80}?\bon\b(?P<data>[^.\n]{0,80})",
    re.I,
)
_DATA_CODE_RE = re.compile(r"\b[A-Za-z]{2,}-?\d+(?:\.\d+)?[KMBT]?\b")  # "LVD-1689M", "SAT-493M"


def _training_data_codes(table: Table) -> set[str]:
    """The coded names of the data a table's caption says its checkpoints were trained on
    ("ViT backbones pretrained on satellite (SAT-493M)" -> {"sat493m"})."""
    codes: set[str] = set()
    for match in _TRAINED_ON_RE.finditer(f"{table.context} {table.lead}"):
        codes |= {normalize_name(c) for c in _DATA_CODE_RE.findall(match.group("data"))}
    return codes


def _refuse_other_training_data(reports: list[TableReport], target: Target) -> None:
    """Checkpoints told apart by their training data: one family, one table per dataset
    ("pretrained on web (LVD-1689M)", "... on satellite (SAT-493M)"), the repo id naming
    one of them ("dinov3-vitl16-pretrain-lvd1689m"). The tables of the other data are
    another checkpoint's, however alike the model names are."""

    def codes(report: TableReport) -> tuple[set[str], set[str]]:
        found = _training_data_codes(report.table)
        return found, found

    _refuse_what_the_repo_does_not_name(
        reports,
        target,
        codes,
        f"the text above the table says its models were trained on other data than "
        f"{target.repo_id!r} names",
        min_length=1,
    )


def _with_corner_metric(report: TableReport) -> list[Result]:
    """Models as columns under a corner cell that names a metric (`δ1 | MoGe-2-L | ...`
    over `KITTI | 0.415 | ...`): each row's value is that metric, down to a section row
    (`**TAE**` with empty cells), which names the metric of the rows below it."""
    table = report.table
    if report.layout != "models-as-columns" or not report.results or not table.rows:
        return report.results
    corner = table.rows[0][0].text.strip()
    if not VISION_METRIC_RE.match(corner):
        return report.results
    switches = [
        (row[0].line, row[0].text.strip().strip("*_ "))
        for row in table.body
        if row and _is_section_row(row)
    ]

    def metric_at(line: int | None) -> str:
        named = [m for at, m in switches if line is not None and at < line]
        return _metric_id(named[-1] if named else corner)

    return [replace(r, metric=metric_at(r.source.line)) for r in report.results]


def _model_zoo_set(report: TableReport) -> str | None:
    """The set a vision model zoo's row names (`Model | Dataset | AP<sup>val</sup> | #Params
    | config`, the model's row `D-FINE-L | COCO | 54.0`), when every score of the row is
    under a metric's name (AP, δ1): such a table is the zoo's evaluation, though no
    benchmark is named and no sentence says so."""
    if report.status != "extracted" or report.layout != "models-as-rows" or not report.results:
        return None
    if not all(VISION_METRIC_RE.match(r.benchmark) for r in report.results):
        return None
    sets = _column_words(report, DATASET_COLUMN_RE, normalise=False)[1]
    return next(iter(sets)) if len(sets) == 1 else None


def _column_words(
    report: TableReport, header_re: re.Pattern[str], *, normalise: bool = True
) -> tuple[set[str], set[str]]:
    """The texts a column (its header matching `header_re`) prints on every row, and on the
    model's rows, of an extracted models-as-rows table; both empty for any other table."""
    table, label_col = report.table, report.label_column
    header = table.rows[table.header_rows - 1] if table.header_rows else []
    cols = [c for c, cell in enumerate(header) if header_re.match(cell.text)]
    if (
        report.status != "extracted"
        or report.layout != "models-as-rows"
        or not cols
        or label_col is None
    ):
        return set(), set()
    col, names = cols[0], {h.text.strip() for h in report.matched}
    rows = [row for row in table.body if row[col].text.strip()]
    word = normalize_name if normalise else str.strip
    printed = {word(row[col].text) for row in rows}
    mine = {word(row[col].text) for row in rows if row[label_col].text.strip() in names}
    return printed, mine


def _refuse_other_training_set(reports: list[TableReport], target: Target) -> None:
    """A model zoo with a table per training set (`D-FINE-L | COCO`, `D-FINE-L |
    Objects365+COCO`): the rows of one name are other checkpoints. The repo id names its
    set ("dfine-large-coco"); where it names none of the sets the model's rows print, whose
    the repo is cannot be told, and every such table is refused with the sets as candidates."""

    def sets(report: TableReport) -> tuple[set[str], set[str]]:
        return _column_words(report, DATASET_COLUMN_RE)

    _refuse_what_the_repo_does_not_name(
        reports,
        target,
        sets,
        f"the model's row here is a checkpoint trained on another set than {target.repo_id!r} names",
        min_length=3,
    )
    mine = [
        (report, found)
        for report in reports
        if report.status == "extracted"
        and (found := _column_words(report, DATASET_COLUMN_RE, normalise=False)[1])
    ]
    printed = sorted(set().union(*(found for _, found in mine)))
    if len({normalize_name(p) for p in printed}) > 1:
        for report, _ in mine:
            report.refuse(
                "ambiguous",
                f"the card prints the model trained on several sets ({', '.join(printed)}), "
                "and the repo id names none of them",
                printed,
            )


def _refuse_other_backbone(reports: list[TableReport], target: Target) -> None:
    """One name on two backbones: `GUI-Actor-7B | Qwen2-VL` in one table, `GUI-Actor-7B |
    Qwen2.5-VL` in another, for the repo `gui-actor-7b-qwen2-vl`. When the repo id names one
    of the backbones a `Backbone` column prints, a row of the model on another backbone is
    another checkpoint's."""

    def backbones(report: TableReport) -> tuple[set[str], set[str]]:
        return _column_words(report, BACKBONE_HEADER_RE)

    _refuse_what_the_repo_does_not_name(
        reports,
        target,
        backbones,
        f"the model's row here is built on another backbone than {target.repo_id!r} names",
        min_length=4,
    )


def _refuse_what_the_repo_does_not_name(
    reports: list[TableReport],
    target: Target,
    words: Callable[[TableReport], tuple[set[str], set[str]]],
    reason: str,
    *,
    min_length: int,
) -> None:
    """Checkpoints of one name told apart by a word that the repo id spells for one of them
    (the data it was trained on, the backbone it was built on). `words` gives, for a
    table, the words of that kind it prints and those it prints for the model; an extracted
    table whose model words miss every word the repo id names is another checkpoint's."""
    if not target.repo_id:
        return
    repo = normalize_name(target.repo_id.split("/")[-1])
    found = [(report, *words(report)) for report in reports]
    ours = {w for _, printed, _ in found for w in printed if len(w) >= min_length and w in repo}
    if not ours:
        return
    for report, _, mine in found:
        if report.status == "extracted" and mine and not mine & ours:
            report.refuse("other-variant", reason, [m.text for m in report.matched])


_SAME_NUMBERS_MIN = 4  # shared benchmarks whose values must all agree


def _same_numbers_elsewhere(
    reports: list[TableReport],
    target: Target,
    registry: Registry,
    source: SourceRef,
    siblings: frozenset[str],
    *,
    keep_duplicates: bool = False,
) -> list[TableReport]:
    """A table that names no column or row after the model, where one column (or row) prints
    exactly the model's numbers from another table on every benchmark both print, at least
    four of them: the card's short name for the model ("answer-colbert-s" in a table whose
    twin prints "answerai-colbert-small-v1"). Several numbers to two decimals agreeing by
    chance is not a risk worth naming; a column that agrees on fewer, or two that agree,
    stay refused."""
    known: dict[str, set[float]] = {}
    for report in reports:
        if report.status == "extracted":
            for result in report.results:
                known.setdefault(normalize_name(result.benchmark), set()).add(result.value)
    if len(known) < _SAME_NUMBERS_MIN:
        return reports
    out = []
    for report in reports:
        if report.status != "model-not-found":
            out.append(report)
            continue
        grid = _settle_header(report.table, registry)
        pins = _agreeing_lines(grid, known)
        if len(pins) != 1:
            out.append(report)
            continue
        ((kind, index),) = pins
        pinned = analyse_table(
            report.table, target, registry, source, siblings=siblings,
            model_column=index if kind == "column" else None,
            model_row=index if kind == "row" else None,
        )  # fmt: skip
        if pinned.status != "extracted":
            out.append(report)
            continue
        pinned.results = settle_table_scale(pinned.results, report.table, registry)
        if not keep_duplicates:
            pinned.results = dedupe(pinned.results)
        pinned.match_kinds = {"same-numbers"}
        pinned.matches = [
            f"{kind} {index} prints the model's numbers from another table on "
            f"{_SAME_NUMBERS_MIN} or more benchmarks"
        ]
        out.append(pinned)
    return out


def _agreeing_lines(grid: _Grid, known: dict[str, set[float]]) -> list[tuple[str, int]]:
    """The columns and rows (1-based, rows counted with the header) whose numbers agree with
    `known` on at least _SAME_NUMBERS_MIN benchmarks and disagree on none."""
    body = grid.body()

    def agrees(pairs: list[tuple[str, str]]) -> bool:
        shared = 0
        for name, cell in pairs:
            values = known.get(normalize_name(name))
            parsed = parse_values(cell)
            if values is None or parsed is None or len(parsed.values) != 1:
                continue
            if parsed.values[0] not in values:
                return False
            shared += 1
        return shared >= _SAME_NUMBERS_MIN

    found: list[tuple[str, int]] = []
    for c in range(1, grid.width):
        if agrees([(row[0].text, row[c].text) for row in body]):
            found.append(("column", c + 1))
    for r, row in enumerate(body):
        if agrees([(grid.header_text(c), row[c].text) for c in range(1, grid.width)]):
            found.append(("row", grid.header_rows + r + 1))
    return found


def _names_model_anywhere(extraction: Extraction) -> bool:
    """Some table has a column or row that names the target (found, even if refused)."""
    return any(r.matched for r in extraction.tables)


def _refuse_bare_beside_full(reports: list[TableReport], target: Target) -> None:
    """A bare family name made the target's variant by a heading ("EuroLLM-1.7B" for
    EuroLLM-1.7B-Instruct under "# Model Card for EuroLLM-1.7B-Instruct") is another
    checkpoint when another table of the same card prints the full name: the card tells the
    two apart, so the bare name is the base model. A card that never prints the full name in
    a table keeps the bare one (LongCat-Flash for LongCat-Flash-Chat), and a bare header
    that links to the repo is the repo's model (an exact match, not one by context)."""
    wanted = target.variant()
    if wanted is None:
        return
    variant_words = INSTRUCT_WORDS | BASE_WORDS

    full = [
        r
        for r in reports
        if "exact" in r.match_kinds and any(set(h.tokens) & variant_words for h in r.matched)
    ]
    if not full:
        return
    for report in reports:
        if report.status == "extracted" and report.match_kinds == {"variant-by-context"}:
            shown = report.matched[0].text.strip()
            report.refuse(
                "other-variant",
                f"table {full[0].table.index} prints the full name; the bare {shown!r} here is "
                f"another checkpoint than {target.display!r} (pin it with --table if it is not)",
                [shown],
            )


def _same_numbers(reports: list[TableReport]) -> bool:
    """Every table gives the model the same value for every benchmark and setting it prints,
    and they print the same benchmarks."""
    seen: list[dict[tuple[str, str], float]] = []
    for report in reports:
        values: dict[tuple[str, str], float] = {}
        for result in report.results:
            key = (normalize_name(result.benchmark), result.setting.label())
            if values.setdefault(key, result.value) != result.value:
                return False
        seen.append(values)
    return bool(seen) and bool(seen[0]) and all(v == seen[0] for v in seen[1:])


def _refuse_variant_ambiguity(reports: list[TableReport], target: Target, text: str) -> None:
    """The same bare name in a base-model table and an instruct-model table, with nothing in
    the target's names to say which it is.

    The card's own naming decides when it can: a card that calls a sibling "DeepSeek-V3-Base"
    uses the bare name for the chat model; one that calls a sibling "Llama-3-8B-Instruct"
    uses it for the base model. Otherwise both tables are refused, and the user picks with
    --table.
    """
    if target.variant() is not None:
        return
    variant_words = INSTRUCT_WORDS | BASE_WORDS
    bare = [
        r
        for r in reports
        if r.status == "extracted"
        and r.variant
        and r.matched
        and not any(set(h.tokens) & variant_words for h in r.matched)
    ]
    if len({r.variant for r in bare}) < 2:
        return
    siblings = sibling_variants(text, target)
    if len(siblings) == 1:
        ours = "instruct" if siblings == {"base"} else "base"
        for report in bare:
            if report.variant != ours:
                report.refuse(
                    "other-variant",
                    f"a {report.variant}-model table: the card names a {next(iter(siblings))} "
                    f"sibling of {target.display!r}, so the bare name is the {ours} model",
                )
        return
    if _same_numbers(bare):
        # One checkpoint compared with base models and with chat models: whichever table
        # is its own, its numbers are these.
        return
    tables = ", ".join(f"{r.table.index} ({r.variant})" for r in bare)
    for report in bare:
        report.refuse(
            "ambiguous",
            f"the card reports {target.display!r} in base-model and instruct-model tables ({tables}) "
            "and the name does not say which it is: choose with --table N",
            [f"{r.where()}: {r.variant} model" for r in bare],
        )


def for_publishing(results: list[Result]) -> tuple[list[Result], list[list[Result]]]:
    """The results a card can take: one per benchmark and setting.

    A README often prints the same score in several tables: the first is kept. When it
    prints *different* values for the same benchmark and setting (two tables, two
    evaluation runs), nothing says which is the model's: that benchmark is left out and
    returned among the disagreements, to be shown to the user.
    """
    groups: dict[tuple, list[Result]] = {}
    for result in results:
        groups.setdefault(result.key(), []).append(result)
    kept: list[Result] = []
    disagreements: list[list[Result]] = []
    for group in groups.values():
        if len({r.value for r in group}) == 1 or _same_score_two_scales(group):
            kept.append(group[0])
        else:
            disagreements.append(group)
    return kept, disagreements


def _same_score_two_scales(group: list[Result]) -> bool:
    """`51.05%` beside `0.5105` (an "F1 Score (Decimal)" column): one score printed on two
    scales, not two runs that disagree."""
    values = {round(r.value * 100 if abs(r.value) <= 1 else r.value, 6) for r in group}
    return len(values) == 1 and any(abs(r.value) > 1 for r in group)


# --- one table -----------------------------------------------------------------------------


@dataclass
class _Grid:
    """A table's cells with header rows settled and column roles guessed."""

    table: Table
    header_rows: int
    numeric: list[list[bool]]  # per body row, per column
    registry: Registry

    def maps(self, name: str) -> bool:
        return lookup_benchmark(self.registry, name) is not None

    @property
    def width(self) -> int:
        return self.table.width

    def body(self) -> list[list[Cell]]:
        return self.table.rows[self.header_rows :]

    def header_text(self, col: int) -> str:
        """The column's name: the lowest non-empty header cell, with a group above it when useful."""
        texts = self._header_path(col)
        if not texts:
            return ""
        if (
            len(texts) >= 3
            and is_setting_only(texts[-1])
            and "," in texts[-2]
            and not self.maps(texts[-2])
        ):
            # "MT-Bench-tw (Score)" over "TC, Chat" over "0 shot": the tags between the
            # benchmark and its setting are more of its setting, not its name.
            return f"{texts[0]} ({texts[-2]}, {texts[-1]})"
        if len(texts) >= 2 and is_setting_only(texts[-1]):
            return f"{texts[-2]} ({texts[-1]})"
        if len(texts) >= 2 and PART_WORD_RE.match(texts[-1]):
            # "Unisvg" over "Low-Level | High-Level": parts of one benchmark.
            return f"{texts[-2]} {texts[-1]}"
        if len(texts) >= 2 and self._groups_times_metrics:
            # "zh | en" over "WER | SS" in each: the metric alone would name several columns.
            return f"{texts[-2]} {texts[-1]}"
        if (
            len(texts) >= 2
            and self._spans(col, texts[-2])
            and not self.maps(texts[-1])
            and not GENERIC_GROUP_HEADER_RE.match(texts[-2])
        ):
            # "CoVoST 2 (S2TT)" over "English-to-Chinese | Chinese-to-English": a part of the
            # benchmark its group names, which alone names nothing.
            return f"{texts[-2]} {texts[-1]}"
        return texts[-1]

    def _spans(self, col: int, group: str) -> bool:
        """`group` heads `col` and a neighbouring column too: a group, not a column's own name."""
        return any(
            0 <= other < self.width and group in self._header_path(other)[:-1]
            for other in (col - 1, col + 1)
        )

    def _header_path(self, col: int) -> list[str]:
        """The column's header cells, top to bottom, repeats and empty cells dropped."""
        texts: list[str] = []
        for text in self._header_cells[col]:
            if text and (not texts or texts[-1] != text):
                texts.append(text)
        return texts

    @cached_property
    def _header_cells(self) -> list[list[str]]:
        """Per column, its header cells; a group cell left empty above a sub-header
        continues the group on its left (markdown has no colspan: "SetA | (empty)" over
        "WER | SIM")."""
        rows = [[c.text.strip() for c in self.table.rows[r]] for r in range(self.header_rows)]
        if len(rows) >= 2:
            lowest = rows[-1]
            for row in rows[:-1]:
                for c in range(1, len(row)):
                    if not row[c] and row[c - 1] and lowest[c] and lowest[c - 1]:
                        row[c] = row[c - 1]
        return [[row[c] for row in rows] for c in range(self.width)]

    @cached_property
    def _groups_times_metrics(self) -> bool:
        """Some lowest header cell stands under two different groups: the header is groups
        over the same metrics, and every column needs its group in its name."""
        groups: dict[str, set[str]] = {}
        for col in range(self.width):
            texts = self._header_path(col)
            if len(texts) >= 2:
                groups.setdefault(texts[-1], set()).add(texts[-2])
        return any(len(g) > 1 for g in groups.values())

    @cached_property
    def text_columns(self) -> list[int]:
        """Columns whose body prints text (not blank, not a score) at least as often as
        numbers: read once per table, though every step of its analysis asks."""
        cols = []
        body = self.body()
        for c in range(self.width):
            texts = sum(
                1 for row in body if not _is_blank(row[c].text) and not is_score_cell(row[c].text)
            )
            nums = sum(row[c] for row in self.numeric)
            if texts and texts >= nums:
                cols.append(c)
        return cols

    def header_group(self, col: int) -> str:
        texts = [self.table.rows[r][col].text.strip() for r in range(self.header_rows)]
        texts = [t for t in texts if t]
        return texts[-2] if len(texts) >= 2 else ""


def _settle_header(table: Table, registry: Registry) -> _Grid:
    rows = table.rows
    header_rows = max(1, table.header_rows) if len(rows) > 1 else table.header_rows
    # Extra header rows: leading body rows with several distinct texts and no score.
    while header_rows < len(rows) - 1:
        row = rows[header_rows]
        if any(is_score_cell(c.text) for c in row):
            break
        distinct = {c.text for c in row if c.text.strip()}
        if len(distinct) < 2 or _is_section_row(row):
            break
        first = next((c.text for c in row if c.text.strip()), "")
        if _is_non_score(first) or not all(re.search(r"\w", t) for t in distinct):
            break  # "Model Size | 1.28B", "Hybrid Reasoning | ✅": model properties, not headers
        header_rows += 1
    numeric = [[is_score_cell(c.text) for c in row] for row in rows[header_rows:]]
    return _Grid(table=table, header_rows=header_rows, numeric=numeric, registry=registry)


def _is_section_row(row: list[Cell]) -> bool:
    """A category or mode row: one text spread over the row, no scores ("Math", "Thinking")."""
    texts = [c.text.strip() for c in row if c.text.strip()]
    if not texts:
        return False
    if any(is_score_cell(t) for t in texts):
        return False
    return len(set(texts)) == 1


def analyse_table(
    table: Table,
    target: Target,
    registry: Registry,
    source: SourceRef,
    *,
    chosen: bool = False,
    siblings: frozenset[str] = frozenset(),
    model_column: int | None = None,
    model_row: int | None = None,
) -> TableReport:
    """What one table holds of the target. `chosen`: the user picked this table (--table)."""
    if len(table.rows) < 2 or table.width < 2:
        return TableReport(table, "none", "no-scores", "fewer than two rows or columns")
    pinned = model_column is not None or model_row is not None
    blocks = None if pinned else (_side_by_side_halves(table) or _stacked_blocks(table))
    if blocks is not None:
        return _joined_blocks(
            table,
            [
                analyse_table(h, target, registry, source, chosen=chosen, siblings=siblings)
                for h in blocks
            ],
        )
    grid = _settle_header(table, registry)
    if not any(any(row) for row in grid.numeric):
        return TableReport(table, "none", "no-scores", "no numeric cells")
    context = " ".join([*table.headings, table.context])
    variant = table_variant_of(table, siblings)
    col_matches: list[tuple[int, Match]] = []
    row_matches: list[tuple[int, int, Match]] = []  # (body row, label col, match)

    if model_column is not None:
        col = model_column - 1
        if not 0 <= col < grid.width:
            return TableReport(
                table,
                "none",
                "pin-outside",
                f"--model-column-index {model_column} is outside the table",
            )
        col_matches = [(col, Match("pinned", parse_header(grid.header_text(col))))]
    elif model_row is not None:
        r = model_row - 1 - grid.header_rows
        if not 0 <= r < len(grid.body()):
            return TableReport(
                table,
                "none",
                "pin-outside",
                f"--model-row-index {model_row} is outside the table body",
            )
        row_matches = [(r, 0, Match("pinned", parse_header(grid.body()[r][0].text)))]
    else:
        col_matches = _column_matches(grid, target, variant)
        if not col_matches:
            row_matches = _row_matches(grid, target, variant) or _size_row_matches(
                grid, target, variant
            )
        if not col_matches and not row_matches:
            sectioned = _model_section(grid, target, variant, registry, source)
            if sectioned is not None:
                sectioned.variant = variant
                return sectioned

    if col_matches:
        report = _extract_columns(grid, col_matches, registry, source)
    elif row_matches:
        report = _extract_rows(grid, row_matches, registry, source, target.properties)
    else:
        single = _single_model(grid, target, registry, source, chosen)
        if single is not None:
            report = single
        elif not _looks_like_evaluation(grid, context):
            report = TableReport(
                table, "none", "not-evaluation", "no known benchmark name and no evaluation wording"
            )
        else:
            candidates = _closest_first(_candidate_models(grid), target)
            report = TableReport(
                table,
                "none",
                "model-not-found",
                f"no header names {target.display!r}"
                + (f"; candidates: {', '.join(candidates[:12])}" if candidates else ""),
                candidates=candidates,
            )
    report.variant = variant
    report.matched = [m.header for _, m in col_matches] + [m.header for _, _, m in row_matches]
    report.match_kinds = {m.kind for _, m in col_matches} | {m.kind for _, _, m in row_matches}
    heading_setting = parse_setting(table.heading)
    if not heading_setting.is_default():
        # "### Reasoning Mode": the whole table is in that mode.
        report.results = [
            replace(r, setting=r.setting.merged(heading_setting)) for r in report.results
        ]
    caption = _caption_metric(table)
    if caption is not None:
        # "- ***WER***" over the table: every number in it is that metric.
        report.results = _with_table_metric(report.results, caption, registry)
    named_by = _caption_benchmark(table, registry) if caption is None else None
    named_by = named_by or _linked_dataset(table)
    if named_by is not None:
        report.results = _with_caption_benchmark(report.results, named_by)
    parts_of = _heading_parts_benchmark(report, registry) if named_by is None else None
    if parts_of is not None:
        report.results = _with_caption_benchmark(report.results, parts_of)
    report.results = _with_corner_metric(report)
    trained_on = _model_zoo_set(report)
    if trained_on is not None:
        # "AP" alone names nothing: the zoo's set says what it was measured on.
        report.results = [
            replace(
                r,
                benchmark=f"{trained_on} {r.benchmark}",
                metric=r.metric or _metric_id(re.sub(r"\[[^\]]*\]", "", r.benchmark)),
            )
            for r in report.results
        ]
    if (
        report.status == "extracted"
        and not chosen
        and caption is None
        and trained_on is None
        and parts_of is None
        and not _is_evaluation(report, context)
    ):
        report.refuse(
            "not-evaluation",
            "no known benchmark and the text around it does not describe an evaluation",
        )
    return report


def _side_by_side_halves(table: Table) -> list[Table] | None:
    """A long table printed in two (or more) blocks side by side to save space: `Proprietary
    Models | #Params | MT-Bench | Open Source Models | #Params | MT-Bench`. Each block is a
    table of its own; read as one, a row of the left block would take the right block's
    scores, another model's."""
    width, top = table.width, table.rows[0]
    header = [normalize_name(c.text) for c in top]
    for k in range(2, width // 2 + 1):
        if width % k or not all(header[1:k]):
            continue
        starts = range(0, width, k)
        repeats = all(header[b + j] == header[j] for b in starts[1:] for j in range(1, k))
        # Each block starts with its own name column, not a copy of a spanning group header.
        named = all(
            header[b] and header[b] not in header[1:k] and not top[b].spanned for b in starts
        )
        if repeats and named:
            return [
                replace(table, rows=[row[b : b + k] for row in table.rows])
                for b in range(0, width, k)
            ]
    return None


def _stacked_blocks(table: Table) -> list[Table] | None:
    """A table of blocks stacked one under another, each under its own title row over the
    same column header: `Full Page OCR` / `| Edit-distance | F1 |` / rows, then `Code
    Recognition` / `| Edit-distance | F1 |` / rows (an HTML table with a `<thead>` per
    block). Each block is a table of its own: read as one, the later blocks' numbers would
    keep the first block's title, another benchmark's name."""
    k = table.header_rows
    if k < 2 or len(table.rows) <= k:
        return None
    header = [tuple(c.text for c in row) for row in table.header]
    starts = [0] + [
        i - (k - 1)
        for i in range(k, len(table.rows))
        if tuple(c.text for c in table.rows[i]) == header[-1]
        and i - (k - 1) >= k
        and not any(is_score_cell(c.text) for r in table.rows[i - (k - 1) : i] for c in r)
    ]
    if len(starts) < 2:
        return None
    ends = [*starts[1:], len(table.rows)]
    return [replace(table, rows=table.rows[a:b]) for a, b in zip(starts, ends, strict=True)]


def _joined_blocks(table: Table, reports: list[TableReport]) -> TableReport:
    """One report for the blocks of a table printed in blocks (side by side or stacked):
    the blocks that hold the model."""
    found = [r for r in reports if r.status == "extracted"]
    refused = [r for r in reports if r.status == "ambiguous"]
    joined = (refused or found or reports)[0]
    if not refused:
        for other in found[1:]:
            joined.results.extend(other.results)
            joined.matches.extend(other.matches)
            joined.matched.extend(other.matched)
            joined.match_kinds |= other.match_kinds
    joined.table = table
    return joined


_CAPTION_NAME_RE = re.compile(r"^[A-Z0-9][\w.+()\- ]{1,48}$")


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?:])\s", text.strip(), maxsplit=1)[0]


def _caption_benchmark(table: Table, registry: Registry, *, strict: bool = True) -> str | None:
    """The benchmark a table's caption is, when the caption is only its name (the line
    "StepEval-Audio-Paralinguistic" or "MMAU" over `Model | Avg. | Gender | Age`): a
    known benchmark, or a name written as one (capitalised words, up to five, with a
    capital inside a word or a hyphen), and no sentence, setting, metric or variant.
    `strict=False` lets plain capitalised words be a name ("Big Bench Audio"), for
    columns that print only a metric and so need a benchmark from somewhere."""
    for text in (_first_sentence(table.context), re.sub(r"[*_`]", "", table.lead)):
        name = _caption_name(text, registry, strict=strict)
        if name is not None:
            return name
    return None


def _caption_name(text: str, registry: Registry, *, strict: bool) -> str | None:
    caption = text.strip(" -*_:").removesuffix(".").strip()
    if not caption or not _CAPTION_NAME_RE.match(caption) or len(caption.split()) > 5:
        return None
    if not re.search(r"[^\W\d_]", caption):
        return None  # "2025-08-28" (a release note's date): a name has letters
    if lookup_benchmark(registry, caption):
        return caption
    words = caption.split()
    if (
        METRIC_NAME_RE.match(caption)
        or EVAL_CONTEXT_RE.search(caption)
        or NOT_EVAL_CONTEXT_RE.search(caption)
        or table_variant(caption)
        or not parse_setting(caption).is_default()
        or not all(w[:1].isupper() or w[:1].isdigit() for w in words)
        or (strict and not any("-" in w or any(c.isupper() for c in w[1:]) for w in words))
    ):
        return None
    return caption


_DATASET_LINK_RE = re.compile(
    r"\[(?P<text>[^\]]{1,60})\]\(https?://huggingface\.co/datasets/(?P<repo>[\w.-]+/[\w.-]+)[^)]*\)"
)


def _linked_dataset(table: Table) -> str | None:
    """The Hub dataset the sentence right above a table links, when it links one and is
    not about training ("In [OCRFlux-bench-cross](https://huggingface.co/datasets/...), we
    calculated ..."): the benchmark whose parts the table's rows or columns are."""
    lead = table.lead
    links = {
        m.group("repo").lower(): m.group("text").strip() for m in _DATASET_LINK_RE.finditer(lead)
    }
    # Not a training set, nor where a leaderboard keeps its per-model details.
    if len(links) != 1 or re.search(
        r"\btrain|\bdetail|\braw\b|results?\s+can\s+be\s+found", lead, re.I
    ):
        return None
    ((repo, text),) = links.items()
    name = repo.split("/")[1]
    return text if fold(text) == fold(name) or _CAPTION_NAME_RE.match(text) else name


def _with_caption_benchmark(results: list[Result], caption: str) -> list[Result]:
    """Results whose names are parts of the caption's benchmark ("Gender", "Avg.") named
    with it; names the registry knows, or that already say it, stay as they are."""
    folded = fold(caption)
    out = []
    for r in results:
        if r.benchmark_id is not None or folded in fold(r.benchmark):
            out.append(r)
        elif METRIC_NAME_RE.match(r.benchmark):
            # `Model | mAP | R@10 | MRR` under "**GoogleShopping-Text2Image Retrieval.**":
            # the caption is the benchmark, the column its metric.
            out.append(replace(r, benchmark=caption, metric=r.metric or _metric_id(r.benchmark)))
        else:
            out.append(replace(r, benchmark=f"{caption} {r.benchmark}"))
    return out


def _caption_metric(table: Table) -> str | None:
    """The metric a table's caption is, when the caption is only a metric's name ("WER")."""
    caption = table.context.strip(" -*_:")
    return _metric_id(caption) if caption and METRIC_NAME_RE.match(caption) else None


def _looks_like_evaluation(grid: _Grid, context: str) -> bool:
    """Before we know the layout: a known benchmark in any header or first column, or evaluation wording."""
    texts = [grid.header_text(c) for c in range(grid.width)]
    texts += [row[c].text for row in grid.body() for c in range(min(3, grid.width))]
    if any(t.strip() and grid.maps(t) for t in texts):
        return True
    return bool(EVAL_CONTEXT_RE.search(context)) and not NOT_EVAL_CONTEXT_RE.search(context)


def _is_evaluation(report: TableReport, context: str) -> bool:
    mapped = sum(1 for _, b in report.benchmarks if b)
    if mapped:
        return True
    if NOT_EVAL_CONTEXT_RE.search(context) and not _speed_column_explained(report.table):
        return False
    # "Score on [ViDoRe](...) 🏆": a column that says it holds scores; "## CER(%) ↓": a
    # heading that is a metric's name.
    scored = any(EVAL_CONTEXT_RE.search(name) for name, _ in report.benchmarks)
    # "AVG NDCG@10", "Accuracy", "AP": a column named by a metric holds measured scores.
    measured = any(
        METRIC_NAME_RE.match(_AVERAGE_PREFIX_RE.sub("", name)) or VISION_METRIC_RE.match(name)
        for name, _ in report.benchmarks
    )
    metric_heading = any(
        METRIC_NAME_RE.match(DIRECTION_RE.sub(" ", h).strip()) for h in report.table.headings
    )
    return (
        bool(EVAL_CONTEXT_RE.search(context))
        or scored
        or measured
        or metric_heading
        or _corner_names_sets(report)
    )


_AVERAGE_PREFIX_RE = re.compile(r"^\s*(?:avg\.?|average|mean)\s+", re.I)


def _speed_column_explained(table: Table) -> bool:
    """Speed words around a table under an evaluation heading that explain its speed column
    ("Encoding speed is measured on one H100" over `... | RaR-b | Throughput (spans/s)`):
    the other columns are still the evaluation the heading names."""
    heading = table.heading
    if not EVAL_CONTEXT_RE.search(heading) or NOT_EVAL_CONTEXT_RE.search(heading):
        return False  # "#### Speed Benchmark": the heading itself is about speed
    return any(
        NOT_EVAL_CONTEXT_RE.search(c.text) and _is_non_score(c.text)
        for row in table.header
        for c in row
    )


def _corner_names_sets(report: TableReport) -> bool:
    """Models as columns under a corner cell that calls the rows evaluation sets ("Dataset /
    Model", "Benchmark", "Task") or names the metric of every cell ("δ1"): the table says
    it is an evaluation even where the text around it does not."""
    if report.layout != "models-as-columns" or not report.table.rows:
        return False
    corner = report.table.rows[0][0].text
    if VISION_METRIC_RE.match(corner):
        return True  # "δ1" over datasets as rows: every cell is that metric on its set
    parts = [p for p in re.split(r"\s*[/\\]\s*", corner) if p.strip()]
    return any(EVAL_LABEL_HEADER_RE.match(p) for p in parts) and not any(
        METRIC_HEADER_RE.match(p) for p in parts
    )


def _column_matches(grid: _Grid, target: Target, variant: str | None) -> list[tuple[int, Match]]:
    matches: list[tuple[int, Match]] = []
    for col in range(grid.width):
        found = None
        for r in range(grid.header_rows):
            found = match_header(grid.table.rows[r][col].text, target, variant)
            if found:
                break
        if not found:
            continue
        # A model header over sub-columns ("Qwen3-8B" over "Thinking" | "Non-thinking"):
        # the sub-header tells the columns apart.
        below = [
            grid.table.rows[k][col].text.replace("\n", " ").strip()
            for k in range(r + 1, grid.header_rows)
            if grid.table.rows[k][col].text.strip()
        ]
        if below:
            found = Match(
                found.kind, replace(found.header, qualifiers=found.header.qualifiers + tuple(below))
            )
        # A colspan copies the header into several columns: they are one model column
        # when the value cells below are copies too.
        if matches and matches[-1][0] == col - 1 and _copies_left_column(grid, col):
            continue
        matches.append((col, found))
    if not matches:
        matches = _size_column_matches(grid, target, variant) or _caption_column_matches(
            grid, target
        )
    return _exact_over_context(matches, lambda m: m[1])


def _caption_column_matches(grid: _Grid, target: Target) -> list[tuple[int, Match]]:
    """The name split between the caption and the column: "Comparison of Skywork-R1V3 with
    ..." over a column "Skywork-38B" is Skywork-R1V3-38B. The column must print the target's
    brand and size and nothing else, and be the only such column."""
    split = target.family_and_size()
    if split is None:
        return []
    family, size = split
    table = grid.table
    if not any(mentions(t, family) for t in (table.context, table.heading) if t):
        return []
    target_words = set(parse_header(target.names[0]).words)
    out = []
    for col in range(grid.width):
        header = parse_header(grid.header_text(col))
        words = set(header.words)
        if size in words and words < target_words and len(words) >= 2:
            out.append((col, Match("named-by-caption", header)))
    return out if len(out) == 1 else []


def _size_family_ok(grid: _Grid, target: Target, variant: str | None) -> str | None:
    """The target's size word when the table's heading path or caption names its family
    and the table's variant is the target's; else None."""
    split = target.family_and_size()
    if split is None:
        return None
    family, size = split
    table = grid.table
    texts = [table.context, *reversed(table.headings)]
    if not any(names_family(t, family) for t in texts if t):
        return None
    wanted = target.variant()
    if (wanted and variant != wanted) or (not wanted and variant == "instruct"):
        return None
    return size


def _size_row_matches(
    grid: _Grid, target: Target, variant: str | None
) -> list[tuple[int, int, Match]]:
    """Rows labelled only by size ("**14B**") under a heading that names the family."""
    size = _size_family_ok(grid, target, variant)
    if size is None:
        return []
    out = []
    for r, row in enumerate(grid.body()):
        for col, cell in enumerate(row[: min(2, grid.width)]):
            text = re.sub(r"[*_\s]", "", cell.text).lower()
            if text == size and any(grid.numeric[r]):
                out.append((r, col, Match("size-by-context", parse_header(cell.text))))
                break
    return out if len(out) == 1 else []


def _size_column_matches(
    grid: _Grid, target: Target, variant: str | None
) -> list[tuple[int, Match]]:
    """Headers that print only the size ("7B | 13B | 70B") under a heading or caption that
    names the family: the target's size is its column, when the family named is the
    target's (not an earlier generation) and the table's variant is the target's."""
    size = _size_family_ok(grid, target, variant)
    if size is None:
        return []
    out = []
    for col in range(grid.width):
        header = re.sub(r"\b(?:params?|parameters|model)\b", "", grid.header_text(col), flags=re.I)
        header = header.replace(" ", "").lower()
        if header == size:
            out.append((col, Match("size-by-context", parse_header(grid.header_text(col)))))
    return out if len(out) == 1 else []


def _copies_left_column(grid: _Grid, col: int) -> bool:
    header_copied = any(grid.table.rows[r][col].spanned for r in range(grid.header_rows))
    return header_copied and all(
        row[col].spanned or row[col].text == row[col - 1].text for row in grid.body()
    )


def _row_matches(grid: _Grid, target: Target, variant: str | None) -> list[tuple[int, int, Match]]:
    out = []
    size_col = _size_column(grid)
    family: dict[int, str] = {}  # the last family name seen in each column (blank = the same)
    for r, row in enumerate(grid.body()):
        if not any(grid.numeric[r]):
            # A section row ("**14B**" over its benchmark rows) holds no scores of its own.
            for col, cell in enumerate(row[: min(3, grid.width)]):
                if size_col is not None and col < size_col and cell.text.strip():
                    family[col] = cell.text.strip()
            continue
        for col, cell in enumerate(row[: min(3, grid.width)]):
            text = cell.text.strip()
            if size_col is not None and col < size_col:
                if text and not is_score_cell(text):
                    family[col] = text
                elif not text and col in family:
                    text = family[col]
            if not text or is_score_cell(text):
                continue
            match = match_header(cell.text, target, variant) if cell.text.strip() else None
            if match is None and " / " in text:
                match = _listed_name_match(text, target, variant)
            if match is None and size_col is not None and col < size_col:
                # "Orca Lite 2 | 13B": the name across the family and size columns.
                size = row[size_col].text.strip()
                if SIZE_CELL_RE.match(size):
                    match = match_header(f"{text} {size}", target, variant)
            if match:
                out.append((r, col, match))
                break
    return _exact_over_context(out, lambda m: m[2])


def _listed_name_match(text: str, target: Target, variant: str | None) -> Match | None:
    """A label listing several names ("CWM / CWM + tts") of which exactly one names the
    target: the target is that part of each cell's values."""
    names = [n.strip("*_ ") for n in text.split(" / ")]
    hits = [(k, m) for k, n in enumerate(names) if n and (m := match_header(n, target, variant))]
    if len(hits) != 1 or len(names) < 2:
        return None
    k, match = hits[0]
    return replace(match, part=(k, len(names)))


def _size_column(grid: _Grid) -> int | None:
    """A "Size" / "Params" column of size words ("7B", "13B") right after the names."""
    for c in range(1, min(4, grid.width)):
        filled = [row[c].text.strip() for row in grid.body() if row[c].text.strip()]
        if (
            filled
            and SIZE_HEADER_RE.match(grid.header_text(c))
            and sum(1 for t in filled if SIZE_CELL_RE.match(t)) >= max(1, len(filled) * 3 // 4)
        ):
            return c
    return None


def _exact_over_context(matches: list, match_of) -> list:
    """An exact name beats a bare family name that the heading makes the target's variant:
    rows "X-7B", "X-7B-Instruct" in an instruct table are the bare base and the model."""
    exact = [m for m in matches if match_of(m).kind == "exact"]
    return exact if exact and len(exact) < len(matches) else matches


def _candidate_models(grid: _Grid) -> list[str]:
    """Headers that look like model names: the column headers over scores when the rows
    name benchmarks, else the labels of the score rows."""
    numeric_cols = [c for c in range(grid.width) if sum(row[c] for row in grid.numeric) >= 1]
    label_col = _label_column(grid, numeric_cols)
    headers = [
        grid.header_text(c).replace("\n", " ")
        for c in numeric_cols
        if c != label_col and grid.header_text(c).strip()
    ]
    headers = [h for h in headers if not _is_non_score(h) and not GENERIC_VALUE_HEADER_RE.match(h)]
    labels: list[str] = []
    if label_col is not None:
        for r, row in enumerate(grid.body()):
            text = row[label_col].text.replace("\n", " ").strip()
            if any(grid.numeric[r]) and text and text not in labels:
                labels.append(text)
    header_benchmarks = sum(1 for h in headers if grid.maps(h))
    label_benchmarks = sum(1 for t in labels if grid.maps(t))
    if header_benchmarks == label_benchmarks and numeric_cols:
        # Neither axis names a known benchmark: a "Methods" column says the rows are models.
        named = [
            c
            for c in _text_columns(grid)
            if c < min(numeric_cols) and MODEL_COLUMN_HEADER_RE.match(grid.header_text(c))
        ]
        if named:
            rows = [
                row[named[-1]].text.replace("\n", " ").strip()
                for r, row in enumerate(grid.body())
                if any(grid.numeric[r]) and row[named[-1]].text.strip()
            ]
            return list(dict.fromkeys(rows))[:40]
    models = labels if header_benchmarks > label_benchmarks else headers
    return models[:40]


def _closest_first(candidates: list[str], target: Target) -> list[str]:
    """Candidates sharing most words with the target's names first (stable otherwise), so
    the one an agent should pin is not cut from a long refusal."""
    wanted = {w for name in target.names for w in parse_header(name).words}

    def shared(candidate: str) -> int:
        return len(wanted & set(parse_header(candidate).words))

    return sorted(candidates, key=shared, reverse=True)


# --- models as columns ---------------------------------------------------------------------


_BLANKS = frozenset(("", "-", "--", "—", "–", "n/a", "na", "x", "/", "?"))


def _is_blank(text: str) -> bool:
    return text.strip().lower() in _BLANKS


def _text_columns(grid: _Grid, before: int | None = None) -> list[int]:
    """Columns (left of `before`) whose body prints text at least as often as numbers."""
    limit = grid.width if before is None else before
    return [c for c in grid.text_columns if c < limit]


def _label_column(
    grid: _Grid,
    exclude: list[int] | None = None,
    before: int | None = None,
) -> int | None:
    """The column that names the benchmarks: mostly text, mapped names, few empty cells."""
    candidates = [c for c in _text_columns(grid, before) if not exclude or c not in exclude]
    if not candidates:
        return None
    best, best_score = None, float("-inf")
    body = grid.body()
    for c in candidates:
        cells = [row[c].text.strip() for row in body]
        filled = [t for t in cells if t]
        if not filled:
            continue
        setting_like = sum(1 for t in filled if is_setting_only(t)) / len(filled)
        distinct = len(set(filled)) / len(filled)
        names = [line for t in filled for line in t.split("\n") if line.strip()]
        mapped = sum(1 for n in names if grid.maps(n)) / len(names)
        bold = sum(1 for row in body if row[c].bold) / len(filled)
        header = grid.header_text(c)
        score = len(filled) / len(cells) + distinct - 2 * setting_like + 2 * mapped - 0.5 * bold
        if SETTING_HEADER_RE.match(header) and setting_like > 0.3:
            score -= 2
        if score > best_score:
            best, best_score = c, score
    return best


def _setting_columns(grid: _Grid, label_col: int | None, before: int) -> list[int]:
    cols = []
    for c in _text_columns(grid, before):
        if c == label_col:
            continue
        filled = [row[c].text for row in grid.body() if not _is_blank(row[c].text)]
        if not filled:
            continue
        header = grid.header_text(c)
        setting_like = sum(1 for t in filled if is_setting_only(t)) / len(filled)
        if setting_like >= 0.5 or (SETTING_HEADER_RE.match(header) and _words_or_settings(filled)):
            cols.append(c)
    return cols


def _words_or_settings(cells: list[str]) -> bool:
    return all(is_setting_only(t) or not re.search(r"\d", t) for t in cells)


def _words_only(grid: _Grid, col: int) -> bool:
    """A column of words ("English", "Spanish"): no numbers, so not a model's odd-looking scores."""
    filled = [row[col].text for row in grid.body() if not _is_blank(row[col].text)]
    return bool(filled) and not any(re.search(r"\d", t) for t in filled)


def _repeated_label_categories(grid: _Grid, label_col: int) -> dict[int, str]:
    """For rows whose benchmark label repeats under several categories of a column on its
    left ("English | Average", "Chinese | Average"), the category that tells them apart,
    keyed by the row's id. A category cell left empty continues the one above it."""
    left = [c for c in _text_columns(grid, label_col) if c < label_col]
    if not left:
        return {}
    cat_col = left[-1]
    rows: list[tuple[list[Cell], str, str]] = []
    category = ""
    for row in grid.body():
        if _is_section_row(row):
            continue
        text = row[cat_col].text.replace("\n", " ").strip()
        if text and not _is_blank(text):
            category = text
        label = row[label_col].text.strip()
        if label:
            rows.append((row, category, label))
    seen: dict[str, set[str]] = {}
    for _, cat, label in rows:
        seen.setdefault(label, set()).add(cat)
    return {
        id(row): cat for row, cat, label in rows if cat and len(seen[label]) > 1 and cat != label
    }


def _qualifier_setting(qualifiers: tuple[str, ...]) -> Setting:
    setting = Setting()
    extras: list[str] = []
    for q in qualifiers:
        parsed = parse_setting(q)
        if parsed.is_default():
            extras.append(q)
        setting = setting.merged(parsed)
    return Setting.merged(setting, Setting(extra=tuple(extras)))


def _extract_columns(
    grid: _Grid,
    col_matches: list[tuple[int, Match]],
    registry: Registry,
    source: SourceRef,
) -> TableReport:
    table = grid.table
    first_model_col = min(c for c, _ in col_matches)
    label_col = _label_column(grid, before=first_model_col) if first_model_col > 0 else None
    if label_col is None:
        label_col = _label_column(grid, exclude=[c for c, _ in col_matches])
    report = TableReport(table, "models-as-columns", "extracted", label_column=label_col)
    report.matches = [
        f"column {c + 1} {m.header.text.strip()!r} ({m.kind})" for c, m in col_matches
    ]
    if label_col is None:
        report.status, report.reason = "no-scores", "no column names the benchmarks"
        return report
    qualifier_sets = [m.header.qualifiers for _, m in col_matches]
    if len(col_matches) > 1 and len(set(qualifier_sets)) < len(qualifier_sets):
        col_matches = _prefer_unmarked(col_matches, lambda m: m[1].header.text)
        qualifier_sets = [m.header.qualifiers for _, m in col_matches]
    if len(col_matches) > 1 and len(set(qualifier_sets)) < len(qualifier_sets):
        report.status = "ambiguous"
        report.reason = (
            "several columns name the model with nothing to tell them apart: "
            + "; ".join(report.matches)
        )
        report.candidates = [m.header.text for _, m in col_matches]
        return report
    setting_cols = _setting_columns(grid, label_col, first_model_col)
    model_cols = {c for c, _ in col_matches}
    # "# Shots" / "n-shot": each row's shot count, printed as a bare number.
    shots_cols = [
        c
        for c in range(grid.width)
        if c != label_col and c not in model_cols and SHOTS_HEADER_RE.match(grid.header_text(c))
    ]
    metric_cols = [c for c in setting_cols if METRIC_HEADER_RE.match(grid.header_text(c))]
    # Text columns between the benchmark and the models that are not settings ("Language",
    # "Subset") tell rows of one benchmark apart; a harness's "Filter" and "↑" columns do not.
    qualifier_cols = [
        c
        for c in _text_columns(grid, first_model_col)
        if c > label_col
        and c not in setting_cols
        and c not in shots_cols
        and _words_only(grid, c)
        and not _is_decoration_column(grid, c)
    ]
    detail_cols = setting_cols + qualifier_cols + shots_cols
    notes = TableNotes.read(table.notes)
    categories = _repeated_label_categories(grid, label_col)
    for col, match in col_matches:
        column_setting = (
            _qualifier_setting(match.header.qualifiers)
            .merged(parse_setting(grid.header_group(col)))
            .merged(notes.marks_setting(match.header.text)[0])
        )
        pair_settings = _pair_settings(match.header.qualifiers)
        section = Setting()
        previous_label = ""
        for row in grid.body():
            if _is_section_row(row):
                section = _section_setting(row)
                continue
            label = row[label_col].text.strip()
            row_setting = Setting()
            for sc in setting_cols:
                row_setting = row_setting.merged(parse_setting(row[sc].text))
            for sc in shots_cols:
                shots = re.fullmatch(r"\s*(\d{1,3})\s*(?:-?\s*shots?)?\s*", row[sc].text, re.I)
                if shots:
                    row_setting = row_setting.merged(Setting(shots=int(shots.group(1))))
            extras = tuple(
                row[qc].text.replace("\n", " ").strip()
                for qc in qualifier_cols
                if not _is_blank(row[qc].text)
            )
            row_setting = row_setting.merged(Setting(extra=tuple(e for e in extras if e)))
            if not label:
                # A continuation row: the benchmark above, another metric, language or subset.
                if previous_label and any(not _is_blank(row[dc].text) for dc in detail_cols):
                    label = previous_label
                else:
                    continue
            else:
                previous_label = label
            if _is_non_score(label):
                continue
            if id(row) in categories:
                label = f"{categories[id(row)]} {label}"
            cell = row[col]
            metric_text = " ".join(
                row[sc].text for sc in setting_cols if not _is_blank(row[sc].text)
            )
            printed_metric = next(
                (
                    row[mc].text.strip()
                    for mc in metric_cols
                    if re.fullmatch(r"[A-Za-z][\w@./-]{0,30}", row[mc].text.strip())
                ),
                None,
            )
            report.results.extend(
                _cell_results(
                    label,
                    cell,
                    registry,
                    source,
                    row_setting.merged(column_setting).merged(section),
                    pair_settings,
                    metric_text,
                    match.header.text,
                    report,
                    notes,
                    printed_metric,
                )
            )
    if not report.results:
        report.status, report.reason = "no-scores", "the model's cells hold no numbers"
    return report


def _is_decoration_column(grid: _Grid, col: int) -> bool:
    """A harness's "Filter" column ("none") or its "↑"/"↓" direction column: no detail of the result."""
    if re.fullmatch(r"\s*(?:filter|version)\s*", grid.header_text(col), re.I):
        return True
    filled = [row[col].text.strip() for row in grid.body() if not _is_blank(row[col].text)]
    return all(not re.search(r"[^\W_]", t) or t.lower() == "none" for t in filled)


def _prefer_unmarked(matches: list, text_of) -> list:
    """Of headers that name the model alike, the one printed without a footnote mark:
    "MiniCPM-S-1B*" is a variant the note under the table explains; "MiniCPM-S-1B" is it."""
    unmarked = [m for m in matches if not FOOTNOTE_MARK_RE.search(text_of(m))]
    return unmarked if len(unmarked) == 1 else matches


def _pair_settings(qualifiers: tuple[str, ...]) -> list[Setting] | None:
    """A header like "Qwen3 (Thinking / Non-thinking)" says what each of two values in a cell is."""
    for q in qualifiers:
        if "/" in q:
            parts = [p.strip() for p in q.split("/")]
            settings = [parse_setting(p) for p in parts]
            if all(not s.is_default() for s in settings):
                return settings
    return None


def _section_setting(row: list[Cell]) -> Setting:
    text = next(c.text for c in row if c.text.strip())
    setting = parse_setting(text)
    return setting


def _is_non_score(label: str) -> bool:
    core = label.replace("\n", " ").strip().strip("*")
    return bool(
        NON_SCORE_RE.match(core)
        or NON_SCORE_PREFIX_RE.match(core)
        or NON_SCORE_ANYWHERE_RE.search(core)
    )


def _cell_results(
    label: str,
    cell: Cell,
    registry: Registry,
    source: SourceRef,
    setting: Setting,
    pair_settings: list[Setting] | None,
    metric_text: str,
    model_header: str,
    report: TableReport,
    notes: TableNotes | None = None,
    printed_metric: str | None = None,
) -> list[Result]:
    """Results of one (benchmark label, value cell) pair; stacked <br> cells pair line by line.

    A cell of several values gets each value's setting or metric from the name when the name
    lists them in the same order ("HumanEval (pass@1 / pass@10)", "F1 / FPR",
    "(en->fr/fr->en)"), else from the model's header or the notes ("Thinking / Non-thinking"),
    else it says which value of the cell it was."""
    plus = _plus_pair(label, cell.text)
    if plus is not None:
        # "HumanEval (+)" over "76.2 (72.0)": HumanEval 76.2 and HumanEval+ 72.0 (EvalPlus).
        args = (registry, source, setting, pair_settings, metric_text, model_header, report)
        return [
            *_cell_results(plus[0], replace(cell, text=plus[1]), *args, notes, printed_metric),
            *_cell_results(
                f"{plus[0]}+", replace(cell, text=plus[2]), *args, notes, printed_metric
            ),
        ]
    label_lines = [x.strip() for x in label.split("\n") if x.strip()]
    value_lines = [x.strip() for x in cell.text.split("\n") if x.strip()]
    pairs: list[tuple[str, str]]
    if len(label_lines) > 1 and len(label_lines) == len(value_lines):
        pairs = list(zip(label_lines, value_lines, strict=True))
    else:
        pairs = [(" ".join(label_lines), " ".join(value_lines))]
    out: list[Result] = []
    for name, value_text in pairs:
        parsed = parse_values(value_text)
        if parsed is None:
            continue
        if pair_settings is None and notes is not None:
            pair_settings = notes.pair
        if parsed.count_like and not pair_settings:
            continue
        n = len(parsed.values)
        splits = _split_names(label, n) if n > 1 and len(pairs) == 1 else None
        pieces = re.split(r"\s*\|\s*", value_text) if splits else []
        if splits and len(pieces) == len(splits):
            for split, piece in zip(splits, pieces, strict=True):
                out.extend(
                    _cell_results(
                        split, replace(cell, text=piece), registry, source, setting,
                        pair_settings, metric_text, model_header, report, notes, printed_metric,
                    )
                )  # fmt: skip
            continue
        parts = _name_parts(name, n) if n > 1 else None
        bare_name = parts[0] if parts else name
        bench = lookup_benchmark(registry, name) or (
            lookup_benchmark(registry, bare_name) if parts else None
        )
        report.benchmarks.append((name, bench.id if bench else None))
        noted, footnote = notes.setting_for(name, parsed.marks) if notes else (Setting(), None)
        name_setting = (
            parse_setting(bare_name)
            .merged(Setting(extra=name_qualifiers(bare_name)))
            .merged(parse_setting(metric_text))
            .merged(setting)
            .merged(noted)
        )
        part_settings, part_metrics = _part_roles(parts[1]) if parts else (None, None)
        for k, value in enumerate(parsed.values):
            if value is None:
                continue
            s = name_setting
            metric_k = None
            if n > 1:
                if part_settings:
                    s = part_settings[k].merged(s)
                elif part_metrics:
                    metric_k = part_metrics[k]
                elif pair_settings and len(pair_settings) == n:
                    s = pair_settings[k].merged(s)
                else:
                    s = s.merged(Setting(extra=(f"value {k + 1} of {n} in cell",)))
            if parsed.note:
                cell_setting = parse_setting(parsed.note)
                if not cell_setting.is_default():
                    s = s.merged(cell_setting)
                elif re.fullmatch(r"v\d+(?:\.\d+)*", parsed.note.strip(), re.I):
                    s = s.merged(Setting(extra=(parsed.note.strip(),)))
            out.append(
                Result(
                    benchmark=name,
                    value=value,
                    source=source.at(cell.line),
                    benchmark_id=bench.id if bench else None,
                    setting=s,
                    scale=_scale(parsed.percent, value, bench),
                    metric=metric_k
                    or _metric(
                        " ".join([metric_text, footnote or ""]), bare_name, bench, printed_metric
                    ),
                    notes=footnote,
                    model=model_header.replace("\n", " ").strip(),
                )
            )
    return out


_PLUS_HEADER_RE = re.compile(r"^(?P<name>.*\S)\s*\(\s*\+\s*\)\s*$")
_VALUE_AND_PAREN_RE = re.compile(
    r"^\s*(?P<a>\d+(?:\.\d+)?%?)\s*\(\s*(?P<b>\d+(?:\.\d+)?%?)\s*\)\s*$"
)


def _plus_pair(label: str, text: str) -> tuple[str, str, str] | None:
    """A benchmark printed with its "plus" variant in brackets, in the header and in the
    cell alike (EvalPlus's `HumanEval (+)` over `76.2 (72.0)`): (name, value, plus value)."""
    name = _PLUS_HEADER_RE.match(label.replace("\n", " "))
    values = _VALUE_AND_PAREN_RE.match(text) if name else None
    if name is None or values is None:
        return None
    return name.group("name"), values.group("a"), values.group("b")


def _scale(percent: bool, value: float, bench) -> Scale | None:
    if percent:
        return "percent"
    if bench is None:
        return None
    if bench.scale == "percent" and abs(value) <= 1.0:
        return "fraction"
    return bench.scale


def _metric(metric_text: str, name: str, bench, printed: str | None = None) -> str | None:
    for text in (metric_text, name):
        if not text or not ANY_METRIC_RE.search(text):
            continue  # one search instead of one per pattern: most names name no metric
        for pattern, metric in METRIC_PATTERNS:
            match = pattern.search(text or "")
            if match:
                return metric.format(*match.groups())
    if printed:  # a Metric column's own word ("anls", "relaxed_accuracy", "chrF")
        return _metric_id(printed)
    return bench.metric if bench else None


def _split_names(label: str, n: int) -> list[str] | None:
    """A set's name over a second line of its `n` splits ("LibriSpeech" over "test-clean |
    test-other"): each value of the cell is its own test set, "LibriSpeech test-clean"."""
    match = SPLITS_LINE_RE.match(label.strip())
    if match is None:
        return None
    splits = [p.strip() for p in match.group("splits").split("|")]
    if len(splits) != n or not all(splits):
        return None
    return [f"{match.group('name').strip()} {split}" for split in splits]


def _name_parts(name: str, n: int) -> tuple[str, list[str]] | None:
    """A name that lists what each of a cell's `n` values is: "HumanEval (pass@1 / pass@10)"
    -> ("HumanEval", ["pass@1", "pass@10"]); "ToxicChat F1 / FPR" -> ("ToxicChat", ["F1", "FPR"])."""
    flat = name.replace("\n", " ")
    for match in PAREN_PARTS_RE.finditer(flat):
        parts = [p.strip() for p in match.group("parts").split("/")]
        if len(parts) == n and all(parts):
            rest = (flat[: match.start()] + flat[match.end() :]).strip()
            return rest, parts
    trailing = TRAILING_PARTS_RE.match(flat)
    if trailing:
        parts = [p.strip() for p in trailing.group("parts").split("/")]
        prefix = trailing.group("prefix").strip()
        if len(parts) == n and all(parts) and prefix:
            return prefix, parts
    return None


def _part_roles(parts: list[str]) -> tuple[list[Setting] | None, list[str] | None]:
    """What the listed parts are: settings (pass@1 / pass@10, CoT / no CoT, 5-shot / 0-shot),
    metrics (F1 / FPR), or other labels (en->fr / fr->en), kept as the value's setting."""
    settings = [parse_setting(p) for p in parts]
    if all(not s.is_default() for s in settings) and len(set(settings)) == len(settings):
        return settings, None
    if all(METRIC_NAME_RE.match(p) for p in parts):
        return None, [_metric_id(p) for p in parts]
    return [Setting(extra=(p,)) for p in parts], None


# --- models as rows ------------------------------------------------------------------------


def _extract_rows(
    grid: _Grid,
    row_matches: list[tuple[int, int, Match]],
    registry: Registry,
    source: SourceRef,
    properties: tuple[tuple[str, str], ...] = (),
) -> TableReport:
    row_matches = row_matches + _continuation_rows(grid, row_matches)
    row_matches.sort(key=lambda m: m[0])
    long_form = _sets_by_model_rows(grid, row_matches, registry, source)
    if long_form is not None:
        return long_form
    table = grid.table
    body = grid.body()
    report = TableReport(table, "models-as-rows", "extracted", label_column=row_matches[0][1])
    report.matches = [
        f"row {grid.header_rows + r + 1} {m.header.text.strip()!r} ({m.kind})"
        for r, _, m in row_matches
    ]
    # Sections above each matched row (e.g. "Thinking" / "Non-thinking" blocks) tell rows apart.
    sections: dict[int, Setting] = {}
    section_texts: dict[int, str] = {}
    current, current_text = Setting(), ""
    for r, row in enumerate(body):
        if _is_section_row(row):
            current = _section_setting(row)
            current_text = next(c.text for c in row if c.text.strip()).replace("\n", " ").strip()
        sections[r], section_texts[r] = current, current_text
    keys: list[tuple] = [(m.header.qualifiers, sections[r]) for r, _, m in row_matches]
    if len(set(keys)) < len(keys):
        # Sections whose words are no known setting ("eng → kalam (ChrF)") still tell rows apart.
        named = [(*key, section_texts[r]) for key, (r, _, _) in zip(keys, row_matches, strict=True)]
        if len(set(named)) == len(named):
            sections = {
                r: sections[r].merged(Setting(extra=(section_texts[r],)))
                if section_texts[r]
                else sections[r]
                for r in sections
            }
            keys = named
    if len(set(keys)) < len(keys):
        config = _config_column(grid, [r for r, _, _ in row_matches])
        if config is not None:
            label = grid.header_text(config).replace("\n", " ").strip()
            for r, _, _ in row_matches:
                printed = body[r][config].text.strip()
                sections[r] = sections.get(r, Setting()).merged(
                    Setting(extra=(f"{label} {printed}",))
                )
            keys = [
                (*key, body[r][config].text.strip())
                for key, (r, _, _) in zip(keys, row_matches, strict=True)
            ]
    if len(set(keys)) < len(keys):
        by_property = _row_by_property(grid, row_matches, properties)
        if by_property is not None:
            report.matches.append(
                f"row {grid.header_rows + by_property[0] + 1} by its {by_property[3]}"
            )
            row_matches, keys = [by_property[:3]], keys[:1]
    if len(set(keys)) < len(keys):
        row_matches = _prefer_unmarked(row_matches, lambda m: m[2].header.text)
        keys = keys[: len(row_matches)] if len(row_matches) == 1 else keys
    if len(row_matches) > 1 and len(set(keys)) < len(keys):
        values = [tuple(body[r][c].text for c in range(grid.width)) for r, _, _ in row_matches]
        if len(set(values)) > 1:
            report.status = "ambiguous"
            report.reason = (
                "several rows name the model with nothing to tell them apart: "
                + "; ".join(report.matches)
            )
            report.candidates = [m.header.text for _, _, m in row_matches]
            return report
        row_matches = row_matches[:1]
    row_matches = _hub_codebase_rows(row_matches)
    row_matches = row_matches + _setting_rows_below(grid, row_matches)
    text_cols = set(_text_columns(grid))
    notes = TableNotes.read(table.notes)
    # `Model | pass@1 | cons@64` under "## GPQA-Diamond": the columns are settings of the
    # benchmark a heading names.
    headed = _caption_benchmark(table, registry, strict=False) or _benchmark_in_headings(
        table, registry
    )
    setting_columns = [
        c
        for c in range(grid.width)
        if is_setting_only(grid.header_text(c))
        and not parse_setting(grid.header_text(c)).is_default()
    ]
    if setting_columns and headed is None:
        # `Model | 0-shot | 5-shot` under "### SentiNeg (F1)": the heading is the benchmark.
        headed = _heading_name(table)
    for r, label_col, match in row_matches:
        row = body[r]
        if match.part is not None:
            row = _row_part(row, *match.part)
        row_setting = _qualifier_setting(match.header.qualifiers).merged(sections.get(r, Setting()))
        pair_settings = _pair_settings(match.header.qualifiers)
        for col in range(grid.width):
            if col == label_col or (col in text_cols and not grid.numeric[r][col]):
                continue
            name = grid.header_text(col)
            if not name.strip() or _is_non_score(name):
                continue
            if match_header(name, Target(names=(match.header.text,))):
                continue
            metric_text, printed_metric = "", None
            settings_only = col in setting_columns
            if headed and (settings_only or METRIC_NAME_RE.match(name)):
                name, metric_text = headed, name
                printed_metric = None if settings_only else metric_text
            elif settings_only:
                continue  # "5-shot" names a setting, never a benchmark
            report.results.extend(
                _cell_results(
                    name,
                    row[col],
                    registry,
                    source,
                    row_setting.merged(parse_setting(grid.header_group(col))),
                    pair_settings,
                    metric_text,
                    match.header.text,
                    report,
                    notes,
                    printed_metric,
                )
            )
    if not report.results:
        report.status, report.reason = "no-scores", "the model's row holds no numbers"
    return report


def _row_by_property(
    grid: _Grid,
    row_matches: list[tuple[int, int, Match]],
    properties: tuple[tuple[str, str], ...],
) -> tuple[int, int, Match, str] | None:
    """The one row of several same-named ones whose property column prints what the
    download table prints beside the repo's link ("YuLan-Mini | 4K" and "YuLan-Mini | 28K",
    the repo's model listed at 28K), with the property's printed header."""
    body = grid.body()
    for header, value in properties:
        for c in range(grid.width):
            printed = grid.header_text(c)
            if normalize_name(printed) != header:
                continue
            hits = [
                m
                for m in row_matches
                if normalize_name(body[m[0]][c].text) == normalize_name(value)
            ]
            if len(hits) == 1:
                r, col, match = hits[0]
                return r, col, match, printed.strip()
    return None


_HUB_CODEBASE = {"huggingface", "hugging face", "hf", "transformers"}
_OTHER_CODEBASES = {
    "megatron",
    "megatron-lm",
    "nemo",
    "vllm",
    "sglang",
    "jax",
    "mlx",
    "tensorrt-llm",
}


def _hub_codebase_rows(
    row_matches: list[tuple[int, int, Match]],
) -> list[tuple[int, int, Match]]:
    """The model run in two codebases ("NVLM-D 1.0 72B (Huggingface)" and "... (Megatron)"):
    the Hub repo holds the Hugging Face checkpoint, so its row is the repo's numbers."""

    def codebase(match: Match) -> str | None:
        words = {q.strip().lower() for q in match.header.qualifiers}
        if words & _HUB_CODEBASE:
            return "hub"
        return "other" if words & _OTHER_CODEBASES else None

    kinds = [codebase(m) for _, _, m in row_matches]
    if "hub" in kinds and "other" in kinds and None not in kinds:
        return [m for m, kind in zip(row_matches, kinds, strict=True) if kind == "hub"]
    return row_matches


def _row_part(row: list[Cell], k: int, n: int) -> list[Cell]:
    """The row with each cell cut to its `k`-th of `n` slash-separated values; a cell that
    prints another number of values is emptied (it does not say whose it is)."""
    out = []
    for cell in row:
        pieces = [p.strip() for p in cell.text.split("/")]
        if len(pieces) == n and all(is_score_cell(p) for p in pieces):
            out.append(replace(cell, text=pieces[k]))
        elif is_score_cell(cell.text):
            out.append(replace(cell, text=""))
        else:
            out.append(cell)
    return out


def _continuation_rows(
    grid: _Grid, row_matches: list[tuple[int, int, Match]]
) -> list[tuple[int, int, Match]]:
    """Rows right below the model's row whose model cell is blank, as a rowspan would leave
    it in markdown (`Model | Dataset | F1` with the name on a block's first row only, or
    `Model | Round` with rounds 2-4 below round 1): the same model again. A row counts only
    when a column other than the scores tells it apart from the model's row (its set, its
    round), so a bare row of deltas or errors under the model never does; a column of
    quantizations ("BF16", "GPTQ-Int4") names other checkpoints and never tells them apart."""
    body = grid.body()
    telling = [
        c
        for c in range(grid.width)
        if _set_column_kind(grid.header_text(c)) or _is_config_header(grid.header_text(c))
    ]
    matched = {r for r, _, _ in row_matches}
    out = []
    for r, label_col, match in row_matches:
        k = r + 1
        while k < len(body) and k not in matched:
            row = body[k]
            if row[label_col].text.strip() or _is_section_row(row) or not any(grid.numeric[k]):
                break
            apart = [
                c
                for c in telling
                if c != label_col
                and row[c].text.strip()
                and row[c].text.strip() != body[r][c].text.strip()
            ]
            if not apart:
                break
            out.append((k, label_col, match))
            k += 1
    return out


def _heading_name(table: Table) -> str | None:
    """The nearest heading when it reads as a benchmark's name ("SentiNeg (F1)", "WiC"):
    capitalised, at most four words besides a bracketed metric, no evaluation words."""
    heading = re.sub(r"[^\w\s.+()\-]", "", table.heading).strip()
    core = re.sub(r"\s*\([^()]*\)\s*$", "", heading)
    if (
        not core
        or not _CAPTION_NAME_RE.match(heading)
        or len(core.split()) > 4
        or not core[:1].isupper()
        or EVAL_CONTEXT_RE.search(core)
        or NOT_EVAL_CONTEXT_RE.search(core)
        or NOT_EVAL_HEADING_RE.search(core)
    ):
        return None
    return heading


def _benchmark_in_headings(table: Table, registry: Registry) -> str | None:
    """The known benchmark the nearest heading naming one names ("🌍 Generalization Beyond
    Math: GPQA-Diamond" -> "GPQA-Diamond"), its whole text or a side of its colon."""
    for heading in reversed(table.headings):
        text = re.sub(r"[^\w\s:.+()\-]", "", heading).strip()
        for part in (text, *(p.strip() for p in text.split(":"))):
            if part and len(part) <= 40 and lookup_benchmark(registry, part):
                return part
    return None


def _heading_parts_benchmark(report: TableReport, registry: Registry) -> str | None:
    """The known benchmark a table of models breaks down, when no column names a benchmark
    and the nearest heading begins with one ("C-Eval各项分数" over `平均 | STEM | 社会科学`):
    its columns are the benchmark's parts, and the table is its evaluation."""
    if report.status != "extracted" or not report.results:
        return None
    if any(bench for _, bench in report.benchmarks):
        return None
    return _heading_prefix_benchmark(report.table, registry)


_CJK_BOUNDARY_RE = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])(?=[^\u3000-\u9fff\uff00-\uffef])"
    r"|(?<=[^\u3000-\u9fff\uff00-\uffef])(?=[\u3000-\u9fff\uff00-\uffef])"
)


def _heading_prefix_benchmark(table: Table, registry: Registry) -> str | None:
    """The known benchmark the nearest heading begins with ("MMLU-Pro Category Breakdown"
    -> "MMLU-Pro", "C-Eval各项分数" -> "C-Eval"), its longest such run of words."""
    heading = _CJK_BOUNDARY_RE.sub(" ", table.heading)
    words = re.sub(r"[^\w\s.+\-]", " ", heading).split()
    for n in range(min(4, len(words)), 0, -1):
        name = " ".join(words[:n])
        if lookup_benchmark(registry, name):
            return name
    return None


def _sets_by_model_rows(
    grid: _Grid,
    row_matches: list[tuple[int, int, Match]],
    registry: Registry,
    source: SourceRef,
) -> TableReport | None:
    """One row per (evaluation set, model): `Datasets | Model | Performance`, the set in a
    rowspan cell, or `Model | Language | ...` with a row per language. The model's rows
    are one per set, not rivals: each row's set names its scores, and the value columns
    after the model column hold them. The model's one row too, when its set is all the
    value column says: `Datasets | Model | Performance` over one benchmark's rows."""
    model_col = row_matches[0][1]
    if not row_matches or any(c != model_col for _, c, _ in row_matches):
        return None
    kinds = {c: _set_column_kind(grid.header_text(c)) for c in _text_columns(grid)}
    scores = [
        c
        for c in range(model_col + 1, grid.width)
        if c not in kinds and not _is_non_score(grid.header_text(c))
    ]
    if len(row_matches) == 1 and not (
        scores
        and all(GENERIC_VALUE_HEADER_RE.match(grid.header_text(c)) for c in scores)
        and any(c < model_col and kind == "set" for c, kind in kinds.items())
    ):
        return None
    # `Model | Dataset | Precision | F1 (Decimal)`: each row's set, measured by each metric.
    metric_cols = bool(scores) and all(
        METRIC_NAME_RE.match(_unbracketed(grid.header_text(c))) for c in scores
    )
    set_cols = [c for c, kind in kinds.items() if c < model_col and kind] or [
        c
        for c in kinds
        if c > model_col
        and (
            SUBSET_HEADER_RE.match(grid.header_text(c))
            or (metric_cols and EVAL_SET_HEADER_RE.match(grid.header_text(c)))
        )
    ]
    if not set_cols:
        return None
    set_col, body = set_cols[-1], grid.body()
    sets = [body[r][set_col].text.strip() for r, _, _ in row_matches]
    if not all(sets) or len(set(sets)) < len(sets):
        return None
    if any(
        table_variant(s) or set(s.lower().split()) & (INSTRUCT_WORDS | BASE_WORDS) for s in sets
    ):
        return None  # "Base" / "Instruct" groups: other checkpoints, not sets
    # A part of a set ("English", "Simple") is no benchmark without the column's name.
    part = kinds[set_col] != "set"
    value_cols = [
        c
        for c in range(model_col + 1, grid.width)
        if c != set_col and not _is_non_score(grid.header_text(c))
    ]
    report = TableReport(grid.table, "models-as-rows", "extracted", label_column=set_col)
    notes = TableNotes.read(grid.table.notes)
    for (r, _, match), name in zip(row_matches, sets, strict=True):
        printed = match.header.text.strip()
        report.matches.append(
            f"row {grid.header_rows + r + 1} {printed!r} on {name.split(chr(10))[0]!r}"
        )
        for c in value_cols:
            header = grid.header_text(c)
            alone = (len(value_cols) == 1 or metric_cols) and not part
            label = name if alone else f"{name} {header}"
            results = _cell_results(
                label, body[r][c], registry, source,
                _qualifier_setting(match.header.qualifiers), None, header,
                match.header.text, report, notes,
            )  # fmt: skip
            if metric_cols:
                metric = _metric_id(_unbracketed(header))
                results = [replace(x, metric=metric) for x in results]
            report.results.extend(results)
    return report if report.results else None


def _unbracketed(header: str) -> str:
    """A metric header without its bracketed details ("F1 Score (Decimal)" -> "F1 Score ")."""
    return re.sub(r"\([^()]*\)", "", header)


def _set_column_kind(header: str) -> Literal["set", "part"] | None:
    """What a column's header says its rows are: evaluation sets ("Datasets", "Task"), parts
    of one ("Language", "Type"), or neither."""
    if EVAL_SET_HEADER_RE.match(header) or EVAL_LABEL_HEADER_RE.match(header):
        return "set"
    if SUBSET_HEADER_RE.match(header) or PART_HEADER_RE.match(header):
        return "part"
    return None


def _is_config_header(header: str) -> bool:
    text = header.replace("\n", " ").strip().strip("*")
    return bool(CONFIG_PROPERTY_RE.match(text) or RUN_CONFIG_RE.match(text))


def _config_column(grid: _Grid, rows: list[int]) -> int | None:
    """The one column that tells the model's rows apart by how it was configured (an
    embedding `Dimension`), when its value differs on every one of them; None otherwise.
    A size, parameter or version column would name other checkpoints and is never one."""
    body = grid.body()
    found = [
        col
        for col in range(grid.width)
        if _is_config_header(grid.header_text(col))
        and len({body[r][col].text.strip() for r in rows}) == len(rows)
        and all(body[r][col].text.strip() for r in rows)
    ]
    return found[0] if len(found) == 1 else None


def _model_section(
    grid: _Grid, target: Target, variant: str | None, registry: Registry, source: SourceRef
) -> TableReport | None:
    """Section rows that name models, benchmark rows under each, and columns that are modes:

        | Model       | Pass@1 | Majority@64 |
        | **14B**     |        |             |
        | AIME24      | 87.8   | 93.3        |

    The rows of the target's section are its scores, one setting per column."""
    body = grid.body()
    size = _size_family_ok(grid, target, variant)
    start = None
    sections = [r for r, row in enumerate(body) if _is_section_row(row)]
    for r in sections:
        text = next(c.text for c in body[r] if c.text.strip())
        named = match_header(text, target, variant)
        by_size = size is not None and re.sub(r"[*_\s]", "", text).lower() == size
        if named or by_size:
            if start is not None:
                return None  # two sections name the model
            start = r
    if start is None:
        return None
    end = next((r for r in sections if r > start), len(body))
    score_cols = [
        c for c in range(1, grid.width) if any(grid.numeric[r][c] for r in range(start + 1, end))
    ]
    headers = [grid.header_text(c) for c in score_cols]
    if not score_cols or any(
        other_model_names(h, target) or match_header(h, target) for h in headers
    ):
        return None
    report = TableReport(grid.table, "models-as-rows", "extracted", label_column=0)
    report.matches = [f"section row {grid.header_rows + start + 1} names the model"]
    notes = TableNotes.read(grid.table.notes)
    for r in range(start + 1, end):
        label = body[r][0].text.strip()
        if not label or _is_non_score(label):
            continue
        for c, header in zip(score_cols, headers, strict=True):
            setting = _qualifier_setting((header,))
            report.results.extend(
                _cell_results(
                    label,
                    body[r][c],
                    registry,
                    source,
                    setting,
                    None,
                    "",
                    target.display,
                    report,
                    notes,
                )
            )
    return report if report.results else None


def _setting_rows_below(
    grid: _Grid, row_matches: list[tuple[int, int, Match]]
) -> list[tuple[int, int, Match]]:
    """Rows right below the model's row whose label is only a setting of it
    ("*w/ 64K Inference Budget*", "with tools"): the model again, in that setting."""
    body = grid.body()
    out = []
    for r, label_col, match in row_matches:
        k = r + 1
        while k < len(body):
            label = body[k][label_col].text.replace("\n", " ").strip()
            found = SETTING_ROW_RE.match(label)
            if not found or not any(grid.numeric[k]) or other_model_names(label, Target(names=())):
                break
            qualifier = replace(
                match.header, qualifiers=(*match.header.qualifiers, label.strip("*_ "))
            )
            out.append((k, label_col, Match(match.kind, qualifier)))
            k += 1
    return out


# --- one model, no model header --------------------------------------------------------------


def _single_model(
    grid: _Grid, target: Target, registry: Registry, source: SourceRef, chosen: bool
) -> TableReport | None:
    """A table with no model column or row: `Benchmark | Score`, raw harness output, or a
    classifier's metrics against its evaluation sets.

    On the model's own card such a table reports the model, unless the text that
    introduces it names another model ("## Draft model X-0.5B", "the reward model
    X-RM-70B", an Open LLM Leaderboard link to another repo's details): then it is that
    model's, and is refused with the name as the candidate. Its row labels must be
    benchmarks the registry knows, or sit under an evaluation header, unless the user
    chose the table with --table.
    """
    table = grid.table
    dimensions = _dimension_matrix(grid, target, registry, source)
    if dimensions is not None:
        return _claimed(dimensions, target)
    score_cols = []
    for c in range(grid.width):
        nums = sum(row[c] for row in grid.numeric)
        header = grid.header_text(c)
        if nums and not _is_non_score(header) and not _is_delta_column(grid, c):
            score_cols.append(c)
    if not score_cols:
        return None
    if len(score_cols) == 1:
        by_heading = _heading_benchmark(grid, score_cols[0], target, registry, source)
        if by_heading is not None:
            return _claimed(by_heading, target)
    if len(score_cols) > 1:
        matrix = (
            _metric_matrix(grid, score_cols, target, registry, source)
            or _metrics_row(grid, score_cols, registry, source)
            or _benchmarks_row(grid, score_cols, registry, source)
        )
        return _claimed(matrix, target) if matrix is not None else None
    col = score_cols[0]
    header_text = grid.header_text(col)
    # "Table type | Avg TEDS ↑" under "In [X](hub dataset), we calculate TEDS": the parts
    # of the dataset the line names, a score by its direction arrow.
    linked = _linked_dataset(table) is not None and bool(DIRECTION_RE.search(header_text))
    if not (
        GENERIC_VALUE_HEADER_RE.match(header_text) or METRIC_NAME_RE.match(header_text) or linked
    ):
        return None
    label_col = _label_column(grid, exclude=[col])
    if label_col is None:
        return None
    labels = [row[label_col].text for row in grid.body() if row[label_col].text.strip()]
    # sentence-transformers' evaluator table: metric names down one "Value" column, the
    # evaluation set named in the line above it ("* Dataset: `NanoBEIR_mean`").
    dataset = _named_dataset(grid.table)
    if (
        dataset
        and GENERIC_VALUE_HEADER_RE.match(header_text)
        and _under_evaluation_heading(grid.table)
        and all(METRIC_NAME_RE.match(t) for t in labels if not _is_non_score(t))
    ):
        matrix = _metric_matrix(grid, [col], target, registry, source, benchmarks=[dataset])
        return _claimed(matrix, target) if matrix is not None else None
    # "### MMLU-Pro Category Breakdown" over `Category | Score`: the rows are the parts of
    # the benchmark the heading begins with.
    breakdown = _heading_prefix_benchmark(table, registry)
    if (
        breakdown
        and GENERIC_VALUE_HEADER_RE.match(header_text)
        and PART_HEADER_RE.match(grid.header_text(label_col))
        and sum(1 for t in labels if lookup_benchmark(registry, t)) * 2 < len(labels)
    ):
        report = _extract_columns(
            grid, [(col, Match("single-model", parse_header(target.display)))], registry, source
        )
        # Every row is a part, "Math" too: MMLU-Pro's math category is not the MATH benchmark.
        report.results = [
            replace(
                r,
                benchmark=f"{breakdown} {r.benchmark}",
                benchmark_id=None,
                metric=None if r.benchmark_id else r.metric,
            )
            for r in report.results
        ]
        return _claimed(report, target)
    mapped = sum(1 for t in labels if lookup_benchmark(registry, t))
    evaluation_header = bool(EVAL_LABEL_HEADER_RE.match(grid.header_text(label_col)))
    harness = evaluation_header and HARNESS_HEADER_RE.search(
        " ".join(c.text for c in table.rows[0])
    )
    mostly_benchmarks = labels and (
        mapped >= max(1, len(labels) // 2) or (evaluation_header and mapped)
    )
    # A classifier's card: one metric ("PR-AUC") per class of its label set, in a section
    # the card heads as its evaluation. The metric's name says the numbers are scores.
    per_class = bool(
        labels
        and METRIC_NAME_RE.match(header_text)
        and EVAL_CONTEXT_RE.search(table.heading)
        and not any(row[label_col] for row in grid.numeric)
    )
    # "# Open Portuguese LLM Leaderboard Evaluation Results" over "Detailed results ...
    # /tree/main/maritaca-ai/sabia-7b": a leaderboard's results for the repo itself.
    repo_results = bool(
        labels
        and target.repo_id
        and GENERIC_VALUE_HEADER_RE.match(header_text)
        and EVAL_CONTEXT_RE.search(table.heading)
        and any(
            re.search(rf"/{re.escape(target.repo_id)}(?![\w.-])", line, re.I)
            for line in [table.context, table.lead, *table.notes]
        )
    )
    if not (
        mostly_benchmarks
        or harness
        or per_class
        or repo_results
        or (linked and labels)
        or (chosen and labels)
    ):
        return None
    whole_table = Match("single-model", parse_header(target.display))
    report = _extract_columns(grid, [(col, whole_table)], registry, source)
    if METRIC_NAME_RE.match(header_text) or linked:
        metric = _metric_id(DIRECTION_RE.sub(" ", header_text).strip())
        report.results = _with_table_metric(report.results, metric, registry)
    return _claimed(report, target)


def _dimension_matrix(
    grid: _Grid, target: Target, registry: Registry, source: SourceRef
) -> TableReport | None:
    """A Matryoshka embedding model's table: one row per size its embeddings are truncated
    to (`Dimensionality | NanoBEIR_mean | ...`), under the card's evaluation heading. Each
    number is the model's score at that size, which is kept as the setting."""
    if grid.width < 2 or not CONFIG_PROPERTY_RE.match(grid.header_text(0)):
        return None
    body = grid.body()
    sizes = [row[0].text.strip() for row in body]
    if not sizes or not all(re.fullmatch(r"\d{2,5}", s) for s in sizes):
        return None
    if not _under_evaluation_heading(grid.table):
        return None
    headers = [grid.header_text(c) for c in range(1, grid.width)]
    if any(not h.strip() or _is_non_score(h) for h in headers):
        return None
    return _subset_matrix(
        grid, 0, list(range(len(body))), list(range(1, grid.width)), headers, target,
        registry, source, row_name=grid.header_text(0).strip(),
    )  # fmt: skip


def _named_dataset(table: Table) -> str | None:
    """The one evaluation set the line above a table names ("* Dataset: `sts-dev`")."""
    match = DATASET_LINE_RE.search(table.context)
    if match is None:
        return None
    names = re.split(r"\s+and\s+|,\s*", match.group("names"))
    return names[0] if len(names) == 1 else None


def _under_evaluation_heading(table: Table) -> bool:
    """The nearest heading that says either decides: "Evaluation" / "Metrics" yes,
    "Training data" / "Hyperparameters" no."""
    for heading in reversed(table.headings):
        if NOT_EVAL_HEADING_RE.search(heading):
            return False
        if EVAL_CONTEXT_RE.search(heading) or METRIC_HEADER_RE.match(heading):
            return True
    return False


def _is_delta_column(grid: _Grid, col: int) -> bool:
    """A difference against another model ("Δ F1", a "vs. Llama Guard 3" group): no score."""
    return bool(DELTA_RE.match(grid.header_text(col)) or DELTA_RE.match(grid.header_group(col)))


def _heading_benchmark(
    grid: _Grid, col: int, target: Target, registry: Registry, source: SourceRef
) -> TableReport | None:
    """A small table whose rows are modes and whose heading names the benchmark:

        ### MATH500
        | Reasoning Mode | pass@1 |
        | Reasoning Off  | 74.0   |

    Each row is the benchmark in that mode; the value column's header is its metric."""
    label_col = _label_column(grid, exclude=[col])
    heading = grid.table.heading.strip()
    if label_col is None or not heading or len(heading) > 40:
        return None
    if EVAL_CONTEXT_RE.search(heading) and not lookup_benchmark(registry, heading):
        return None  # "Evaluation results" is no benchmark's name
    rows = [
        row
        for r, row in enumerate(grid.body())
        if row[label_col].text.strip() and grid.numeric[r][col]
    ]
    if not rows or not all(not parse_setting(row[label_col].text).is_default() for row in rows):
        return None
    header = grid.header_text(col)
    report = TableReport(grid.table, "single-model", "extracted", label_column=label_col)
    notes = TableNotes.read(grid.table.notes)
    for row in rows:
        mode = parse_setting(row[label_col].text).merged(parse_setting(header))
        report.results.extend(
            _cell_results(
                heading,
                row[col],
                registry,
                source,
                mode,
                None,
                header,
                target.display,
                report,
                notes,
            )
        )
    return report if report.results else None


def _claimed(report: TableReport, target: Target) -> TableReport:
    """A single-model table is the target's unless the text introducing it names another model."""
    introduced = _introduced_model(report.table, target)
    if introduced is not None and introduced is not _TARGET:
        return TableReport(
            report.table,
            "single-model",
            "model-not-found",
            f"the text above the table names {introduced!r}, another model than {target.display!r}",
            candidates=[introduced],
        )
    return _as_single_model(report, target, introduced)


_TARGET = object()  # _introduced_model's answer when the text names the target itself


def _introduced_model(table: Table, target: Target):
    """Which model the text introducing a table names: `_TARGET`, another model's name, or
    None when it names none. The nearest text decides: the lines just above the table, then
    each heading from the nearest outwards, then an Open LLM Leaderboard details link.
    Text that speaks of a baseline names one even where it names the target too ("As a
    baseline to compare X against, we used langid"): whose the table is, is in doubt."""
    for text in [table.context, *reversed(table.headings)]:
        if not text.strip():
            continue
        if any(m.group("before") is None for m in BASELINE_CONTEXT_RE.finditer(text)):
            return "a baseline"
        if mentions(text, target):
            return _TARGET
        others = [name for name in other_model_names(text, target) if not _data_source(text, name)]
        if others:
            return others[0]
    for line in table.notes:
        link = OLL_DETAILS_RE.search(line)
        if link:
            repo = f"{link.group('org')}/{link.group('name')}"
            if target.repo_id and repo.lower() == target.repo_id.lower():
                return _TARGET
            return repo
    return None


def _data_source(text: str, name: str) -> bool:
    """Every mention of `name` in `text` names it as where the data came from ("errors are
    generated from `X` teacher model"), so the table is not X's."""
    spans = [m.start() for m in re.finditer(re.escape(name), text, re.I)]
    return bool(spans) and all(
        DATA_SOURCE_RE.search(text[max(0, at - 60) : at + len(name) + 30]) for at in spans
    )


def _as_single_model(report: TableReport, target: Target, introduced) -> TableReport:
    report.layout = "single-model"
    how = (
        f"the text around it names {target.display!r}"
        if introduced is _TARGET
        else "no model is named: the card's own model"
    )
    report.matches = [f"whole table: {how}"]
    report.results = [_with_model(r, target.display) for r in report.results]
    return report


def _metric_id(header: str) -> str:
    text = re.sub(r"\(\s*%\s*\)|%", "", header).strip().lower()
    text = METRIC_ABBREVIATIONS.get(text, text)
    return re.sub(r"[\s-]+", "_", text)


def _lowest_header(grid: _Grid, col: int) -> str:
    texts = [grid.table.rows[r][col].text.strip() for r in range(grid.header_rows)]
    texts = [t for t in texts if t]
    return texts[-1] if texts else ""


def _bench_metric(registry: Registry, result: Result) -> str | None:
    bench = lookup_benchmark(registry, result.benchmark)
    return bench.metric if bench else None


def _with_table_metric(results: list[Result], metric: str, registry: Registry) -> list[Result]:
    """The metric a table names for all its numbers, where a result has only its
    benchmark's default: a metric the cell's own header or footnote gave stays."""
    return [
        replace(r, metric=metric) if r.metric == _bench_metric(registry, r) else r for r in results
    ]


def _metrics_row(
    grid: _Grid, score_cols: list[int], registry: Registry, source: SourceRef
) -> TableReport | None:
    """One row of numbers under metric names and nothing else, under an evaluation heading
    (`precision | recall | f1` over `0.8859 | 0.8971 | 0.8914`, a NER model's seqeval
    scores): the model's own overall scores, each named by its metric."""
    body = grid.body()
    headers = [DIRECTION_RE.sub("", grid.header_text(c)).strip() for c in score_cols]
    if (
        len(body) != 1
        or len(score_cols) != grid.width
        or not all(METRIC_NAME_RE.match(h) for h in headers)
        or not _under_evaluation_heading(grid.table)
    ):
        return None
    report = TableReport(grid.table, "single-model", "extracted")
    notes = TableNotes.read(grid.table.notes)
    for c, header in zip(score_cols, headers, strict=True):
        results = _cell_results(
            header, body[0][c], registry, source, Setting(), None, header, "", report, notes
        )
        report.results.extend(replace(r, metric=_metric_id(header)) for r in results)
    return report if report.results else None


def _benchmarks_row(
    grid: _Grid, score_cols: list[int], registry: Registry, source: SourceRef
) -> TableReport | None:
    """One row of numbers under benchmark names and nothing else, under an evaluation
    heading (`Average | ARC | HellaSwag | MMLU` over `80.48 | 76.02 | 89.27 | 77.15`): the
    model's scores, each named by its column. Columns that are parts of the benchmark the
    heading begins with (`First Turn | Second Turn | Average` under "#### MT-Bench") are
    named after it ("MT-Bench First Turn"). Headers most of which are not benchmarks leave
    the table alone: a row of numbers under unknown words may be counts or settings."""
    body = grid.body()
    if len(body) != 1 or len(score_cols) != grid.width or not _under_evaluation_heading(grid.table):
        return None
    if COUNT_CONTEXT_RE.search(" ".join([grid.table.heading, grid.table.context])):
        return None  # "The number of test questions per benchmark:": sizes, not scores
    headers = [grid.header_text(c) for c in score_cols]
    if any(not h or _is_non_score(h) for h in headers):
        return None
    known = [h for h in headers if lookup_benchmark(registry, h)]
    averages = [h for h in headers if AVERAGE_HEADER_RE.match(h)]
    if len(known) >= 2 and 2 * len(known) >= len(headers) - len(averages):
        names = headers  # most are benchmarks the registry knows ("ARC" alone it does not)
    else:
        benchmark = _heading_prefix_benchmark(grid.table, registry)
        if benchmark is None or known or len(headers) < 2:
            return None
        names = [f"{benchmark} {h}" for h in headers]
    report = TableReport(grid.table, "single-model", "extracted")
    notes = TableNotes.read(grid.table.notes)
    for c, name in zip(score_cols, names, strict=True):
        report.results.extend(
            _cell_results(
                name, body[0][c], registry, source, Setting(), None, "", "", report, notes
            )
        )
    return report if report.results else None


def _metric_matrix(
    grid: _Grid,
    score_cols: list[int],
    target: Target,
    registry: Registry,
    source: SourceRef,
    *,
    benchmarks: list[str] | None = None,
) -> TableReport | None:
    """A classifier's or guard model's table: evaluation sets on one axis, metrics on the
    other, no model anywhere. Each number is the model's score on its set under its metric.
    `benchmarks` names the sets of the columns where their headers don't ("Value")."""
    label_col = _label_column(grid, exclude=score_cols)
    if label_col is None:
        return None
    body = grid.body()
    # A decision-threshold row ("cosine_f1_threshold") is a setting, not a score.
    labelled = [
        r
        for r, row in enumerate(body)
        if row[label_col].text.strip() and not _is_non_score(row[label_col].text)
    ]
    if not labelled:
        return None
    labels = _row_keys(grid, label_col, labelled, score_cols)
    headers = benchmarks or [grid.header_text(c) for c in score_cols]
    lowest = [_lowest_header(grid, c) for c in score_cols]
    metric_rows = all(METRIC_NAME_RE.match(t) for t in labels)
    bare = [DIRECTION_RE.sub("", h).strip() for h in lowest]  # "Precision ↑"
    metric_cols = any(METRIC_NAME_RE.match(h) for h in bare) and all(
        METRIC_NAME_RE.match(h) or h.strip().lower() in METRIC_ABBREVIATIONS for h in bare
    )
    if metric_cols:
        headers = bare
    # One "Score" row under benchmark headers: the transposed `Benchmark | Score` table.
    generic_row = (
        len(labels) == 1
        and bool(GENERIC_VALUE_HEADER_RE.match(labels[0].strip("*_ ")))
        and sum(1 for h in headers if lookup_benchmark(registry, h)) >= max(1, len(headers) // 2)
    )
    if generic_row:
        metric_rows, metric_cols = True, False
    # Languages (subsets) down, benchmarks across: one model's scores per language.
    label_header = grid.header_text(label_col)
    subset_rows = (
        not metric_rows
        and not metric_cols
        and bool(SUBSET_HEADER_RE.match(label_header))
        and sum(1 for h in headers if lookup_benchmark(registry, h))
        >= max(1, len(headers) // 2 + 1)
    )
    # Test conditions down ("SNR Level": Clean, SNR 25), sets across, in an evaluation.
    subset_rows = subset_rows or (
        not metric_rows
        and bool(CONDITION_HEADER_RE.match(label_header))
        and _under_evaluation_heading(grid.table)
    )
    if subset_rows:
        return _subset_matrix(
            grid, label_col, labelled, score_cols, headers, target, registry, source
        )
    if metric_rows == metric_cols:
        return None
    if any(not h.strip() for h in headers):
        return None
    report = TableReport(grid.table, "single-model", "extracted", label_column=label_col)
    notes = TableNotes.read(grid.table.notes)
    for r in labelled:
        row = body[r]
        for c in score_cols:
            benchmark, metric = (headers[score_cols.index(c)], labels[labelled.index(r)])
            if metric_cols:
                benchmark, metric = metric, benchmark
            results = _cell_results(
                benchmark,
                row[c],
                registry,
                source,
                Setting(),
                None,
                "",
                target.display,
                report,
                notes,
            )
            if generic_row:
                report.results.extend(results)
            else:
                # A header that names its own metric ("m_mmlu_it 5-shot acc") keeps it.
                own = _metric("", benchmark, None)
                report.results.extend(replace(x, metric=own or _metric_id(metric)) for x in results)
    return report if report.results else None


def _subset_matrix(
    grid: _Grid,
    label_col: int,
    labelled: list[int],
    score_cols: list[int],
    headers: list[str],
    target: Target,
    registry: Registry,
    source: SourceRef,
    *,
    row_name: str = "",
) -> TableReport | None:
    """`Language | POPE | MMVet`: each number is the model's score on the column's benchmark
    in the row's language, which is kept as the setting ("Telugu"); a bare number row is
    kept with `row_name` before it ("Dimensionality 1024")."""
    report = TableReport(grid.table, "single-model", "extracted", label_column=label_col)
    notes = TableNotes.read(grid.table.notes)
    body = grid.body()
    for r in labelled:
        label = body[r][label_col].text.strip()
        subset = Setting(extra=(f"{row_name} {label}" if row_name else label,))
        for c, header in zip(score_cols, headers, strict=True):
            report.results.extend(
                _cell_results(
                    header, body[r][c], registry, source, subset, None, "", target.display,
                    report, notes,
                )
            )  # fmt: skip
    return report if report.results else None


def _row_keys(grid: _Grid, label_col: int, rows: list[int], score_cols: list[int]) -> list[str]:
    """Each row's name, from the label column; from every text column before the scores
    when the label alone repeats and together they do not (`Dataset | Language`:
    "MLC-Challenge English", "MLC-Challenge French")."""
    body = grid.body()
    labels = [body[r][label_col].text.strip() for r in rows]
    # An evaluation set named in one column and qualified in another ("Dataset |
    # Language"): "English" alone names no benchmark, "MLC-Challenge" alone hides the subset.
    before = [c for c in _text_columns(grid) if c < min(score_cols)]

    def filled_under(pattern: re.Pattern[str]) -> list[int]:
        return [
            c
            for c in before
            if pattern.match(grid.header_text(c)) and all(body[r][c].text.strip() for r in rows)
        ]

    sets, parts = filled_under(EVAL_SET_HEADER_RE), filled_under(SUBSET_HEADER_RE)
    if len(sets) == 1 and parts and label_col in sets + parts:
        key_cols = sorted(sets + parts)
        return [" ".join(body[r][c].text.strip() for c in key_cols) for r in rows]
    if len(set(labels)) == len(labels):
        return labels
    key_cols = sorted(
        c
        for c in _text_columns(grid)
        if c == label_col
        or (
            c < min(score_cols)
            and c not in score_cols
            and not SETTING_HEADER_RE.match(grid.header_text(c))
            and not _is_non_score(grid.header_text(c))
        )
    )
    joined = [" ".join(t for c in key_cols if (t := body[r][c].text.strip())) for r in rows]
    return joined if len(set(joined)) == len(joined) else labels


def _with_model(result: Result, model: str) -> Result:
    return replace(result, model=model)
