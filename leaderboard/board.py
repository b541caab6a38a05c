"""The leaderboard's data logic: load a collected dataset, pivot it, average, compare, export.

Pure functions over the dataset that `collect` writes (references/leaderboard-dataset.md
is the contract); the Gradio layer in app.py only calls these and renders what they return.
Nothing here imports from scripts/: the app ships alone to a Space.

Three rules shape the functions below:
- a cell shows one value, chosen by a stated order (verified, then the authors' card, own
  run, Artificial Analysis, community PR), never the maximum; the other values of the
  cell are counted and compared, and the model detail shows them all;
- an average is taken only over benchmarks on the percent scale and says how many of the
  shown ones it covers; only models covering all of them are ranked by it, partial ones
  follow by coverage and trending rank, so averages over different benchmark sets are
  never ranked as if comparable;
- every exported number keeps its provenance, setting and source link (JSON); the CSV is
  the table as shown.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

SCHEMA_VERSION = 1

PROVENANCES = ("authors", "community-pr", "artificial-analysis", "own-run")
PROVENANCE_LABELS = {
    "authors": "authors' card",
    "community-pr": "community PR",
    "artificial-analysis": "Artificial Analysis",
    "own-run": "own run",
}
PROVENANCE_MARKS = {
    "authors": "C",
    "community-pr": "PR",
    "artificial-analysis": "AA",
    "own-run": "R",
}
# Which value a cell shows when a model has several for one benchmark (lower first).
_PICK_ORDER = {"authors": 0, "own-run": 1, "artificial-analysis": 2, "community-pr": 3}

CONFLICT_POINTS = 1.0  # values of one benchmark from different sources further apart are flagged

RESULT_COLUMNS = (
    "model_id", "benchmark_id", "benchmark", "printed_name", "mapped", "value", "scale",
    "score", "score_scale", "metric", "setting", "shots", "cot", "tools", "thinking",
    "provenance", "verified", "format", "location", "revision", "pr_num", "pr_author",
    "pr_url", "source_name", "source_url", "collected_at",
)  # fmt: skip
MODEL_COLUMNS = (
    "model_id", "trending_rank", "pipeline_tag", "library", "license", "parameters", "gated",
    "downloads", "likes", "last_modified", "card_sha", "status", "status_detail", "n_results",
)  # fmt: skip
_REQUIRED_RESULT = ("model_id", "benchmark", "value", "provenance")


@dataclass(frozen=True)
class QuestBenchmark:
    """One of the benchmarks the quest asks every trending model to have.

    `ids` are the registry ids that count as having it (LiveCodeBench's versions are
    separate benchmarks in the table, but any of them is "some LiveCodeBench" for
    coverage); `task` is the inspect-ai task `run-eval --task` takes; `aa` says whether
    Artificial Analysis publishes it (so `import-aa` can fill the gap).
    """

    key: str
    name: str
    ids: tuple[str, ...]
    task: str
    aa: bool


QUEST = (
    QuestBenchmark("aime_2025", "AIME 2025", ("aime_2025",), "aime2025", aa=True),
    QuestBenchmark("bbh", "BBH", ("bbh",), "bbh", aa=False),
    QuestBenchmark(
        "livecodebench",
        "LiveCodeBench",
        ("livecodebench", "livecodebench_v6", "livecodebench_v5", "livecodebench_v3"),
        "livecodebench",
        aa=True,
    ),
    QuestBenchmark("mmlu", "MMLU", ("mmlu",), "mmlu", aa=False),
    QuestBenchmark("arc_challenge", "ARC", ("arc_challenge",), "arc_challenge", aa=False),
)
QUEST_COLUMN_ORDER = tuple(i for q in QUEST for i in q.ids)

SIZE_BUCKETS = (
    ("< 3B", 0, 3e9),
    ("3-10B", 3e9, 10e9),
    ("10-40B", 10e9, 40e9),
    ("40-100B", 40e9, 100e9),
    ("> 100B", 100e9, math.inf),
)
SIZE_UNKNOWN = "unknown"
SIZE_LABELS = tuple(label for label, _, _ in SIZE_BUCKETS) + (SIZE_UNKNOWN,)

CLI = "uv run scripts/evaluation_manager.py"


class DatasetError(Exception):
    """The dataset cannot be read or is not one this app understands (one-line message)."""


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Snapshot:
    """One collected dataset: its rows, its models and its metadata, and where it came from."""

    results: pd.DataFrame
    models: pd.DataFrame
    metadata: dict
    origin: str

    def __post_init__(self) -> None:
        # Row positions index `values` below: keep them 0..n-1 whatever the caller built.
        object.__setattr__(self, "results", self.results.reset_index(drop=True))

    @property
    def collected_at(self) -> str:
        return str(self.metadata.get("collected_at") or "unknown")

    # Derived once per snapshot (a refresh makes a new one): every view reuses them.
    @cached_property
    def values(self) -> list[Value]:
        """One Value per results row, in row order."""
        return [_value(record) for record in self.results.to_dict("records")]

    @cached_property
    def columns(self) -> list[Column]:
        """Every benchmark column with data, then the quest's columns that have none yet."""
        columns = benchmark_columns(self.results)
        return columns + quest_placeholder_columns(columns)

    @cached_property
    def facts(self) -> dict[str, dict]:
        """The models rows by model id."""
        return {record["model_id"]: record for record in self.models.to_dict("records")}


def _read_table(folder: Path, stem: str) -> pd.DataFrame:
    parquet, js = folder / f"{stem}.parquet", folder / f"{stem}.json"
    if parquet.is_file():
        try:
            return pd.read_parquet(parquet)
        except ImportError:  # no pyarrow: the JSON twin is what such a reader uses
            if not js.is_file():
                raise DatasetError(f"{parquet} needs pyarrow, and there is no {js.name}") from None
        except Exception as exc:
            raise DatasetError(f"{parquet}: unreadable parquet ({exc})") from exc
    if js.is_file():
        try:
            rows = json.loads(js.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DatasetError(f"{js}: unreadable JSON ({exc})") from exc
        if not isinstance(rows, list):
            raise DatasetError(f"{js}: expected a JSON list of rows")
        return pd.DataFrame(rows)
    raise DatasetError(f"{folder}: neither {stem}.parquet nor {stem}.json")


def _normalise(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Every schema column present (null where absent), object dtype, None for missing."""
    frame = frame.copy()
    for column in columns:
        if column not in frame.columns:
            frame[column] = None
    frame = frame.astype(object)
    return frame.where(pd.notna(frame), None)


def load_snapshot(folder: str | Path, origin: str | None = None) -> Snapshot:
    """Read a dataset folder (parquet or JSON per the schema page); DatasetError when unfit."""
    folder = Path(folder)
    meta_path = folder / "metadata.json"
    try:
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(f"{folder}: no metadata.json (is this a collected dataset?)") from None
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{meta_path}: unreadable ({exc})") from exc
    version = metadata.get("schema_version")
    if version != SCHEMA_VERSION:
        raise DatasetError(
            f"{meta_path}: schema_version {version!r}, this app reads version {SCHEMA_VERSION}"
        )
    results = _read_table(folder, "results")
    missing = [c for c in _REQUIRED_RESULT if c not in results.columns and len(results)]
    if missing:
        raise DatasetError(f"{folder}: results lack column(s) {', '.join(missing)}")
    models = _read_table(folder, "models")
    results = _normalise(results, RESULT_COLUMNS)
    models = _normalise(models, MODEL_COLUMNS)
    # Models that have results but no models row still get one (facts unknown).
    known = set(models["model_id"])
    extra = [m for m in dict.fromkeys(results["model_id"]) if m not in known]
    if extra:
        filler = _normalise(pd.DataFrame({"model_id": extra, "status": "ok"}), MODEL_COLUMNS)
        models = pd.concat([models, filler], ignore_index=True)
    return Snapshot(results, models, metadata, origin or str(folder))


def _http_errors() -> tuple[type[BaseException], ...]:
    """The HTTP client's own failures (connection refused, timeouts): huggingface_hub 2.x
    raises those of its fork httpx2, 1.x those of httpx; whichever is installed."""
    import importlib

    kinds: list[type[BaseException]] = []
    for name in ("httpx2", "httpx"):
        try:
            kinds.append(importlib.import_module(name).HTTPError)
        except ImportError:
            continue
    return tuple(kinds)


def download_snapshot(repo_id: str, revision: str | None = None, token: str | None = None) -> Path:
    """Fetch a Hub dataset made by `collect --push-to-hub`; returns the local folder.

    The revision is resolved to one commit first, so the files read together were written
    together. Parquet is taken where the repo has it and pyarrow is installed, else JSON.
    huggingface_hub is imported here, not at the top, so HF_ENDPOINT set before the call
    (a test's local Hub) is honoured and a folder-only run needs no Hub client at all.
    """
    import importlib.util

    from huggingface_hub import HfApi, hf_hub_download
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

    parquet_ok = importlib.util.find_spec("pyarrow") is not None
    failures: tuple[type[BaseException], ...] = (HfHubHTTPError, OSError, *_http_errors())
    try:
        info = HfApi().dataset_info(repo_id, revision=revision, token=token)
        names = {s.rfilename for s in info.siblings or ()}
        if "metadata.json" not in names:
            raise DatasetError(f"dataset {repo_id}: no metadata.json (not made by collect?)")
        wanted = ["metadata.json"]
        for stem in ("results", "models"):
            parquet = f"{stem}.parquet"
            wanted.append(parquet if parquet in names and parquet_ok else f"{stem}.json")
        paths = [
            hf_hub_download(repo_id, name, repo_type="dataset", revision=info.sha, token=token)
            for name in wanted
        ]
    except RepositoryNotFoundError:
        raise DatasetError(f"dataset {repo_id} not found (or private without a token)") from None
    except failures as exc:  # the Hub unreachable or failing
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DatasetError(f"dataset {repo_id}: {first}") from exc
    return Path(paths[0]).parent


# --------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the view to; empty tuples mean "no restriction"."""

    search: str = ""
    provenances: tuple[str, ...] = PROVENANCES
    verified_only: bool = False
    sizes: tuple[str, ...] = ()
    licenses: tuple[str, ...] = ()
    pipeline_tags: tuple[str, ...] = ()


def parse_search(text: str) -> list[list[str]]:
    """`qwen 7b; llama` -> [["qwen", "7b"], ["llama"]]: alternatives of words that must all match.

    `;` or `,` separates alternatives (a model matching any is shown); words inside one
    alternative must all occur in the model id, case-insensitively.
    """
    groups = []
    for part in text.replace(",", ";").split(";"):
        words = part.lower().split()
        if words:
            groups.append(words)
    return groups


def matches_search(model_id: str, groups: list[list[str]]) -> bool:
    if not groups:
        return True
    name = model_id.lower()
    return any(all(word in name for word in words) for words in groups)


def size_bucket(parameters: Any) -> str:
    if parameters is None or (isinstance(parameters, float) and math.isnan(parameters)):
        return SIZE_UNKNOWN
    for label, low, high in SIZE_BUCKETS:
        if low <= float(parameters) < high:
            return label
    return SIZE_UNKNOWN


def select_models(models: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The models rows that pass the model-level filters (search, size, license, pipeline tag)."""
    groups = parse_search(filters.search)
    keep = models["model_id"].map(lambda m: matches_search(str(m), groups))
    if filters.sizes:
        keep &= models["parameters"].map(size_bucket).isin(filters.sizes)
    if filters.licenses:
        keep &= models["license"].map(lambda v: v or SIZE_UNKNOWN).isin(filters.licenses)
    if filters.pipeline_tags:
        keep &= models["pipeline_tag"].map(lambda v: v or SIZE_UNKNOWN).isin(filters.pipeline_tags)
    return models[keep]


def select_results(snapshot: Snapshot, filters: Filters) -> pd.DataFrame:
    """The results rows that pass every filter: their model's, provenance, verified."""
    rows = snapshot.results
    models = set(select_models(snapshot.models, filters)["model_id"])
    keep = rows["model_id"].isin(models) & rows["provenance"].isin(filters.provenances)
    if filters.verified_only:
        keep &= rows["verified"].map(bool)
    return rows[keep]


def filter_choices(snapshot: Snapshot) -> dict[str, list[str]]:
    """The values each model filter can take in this dataset (for the UI's choices)."""
    models = snapshot.models
    sizes = set(models["parameters"].map(size_bucket))
    return {
        "sizes": [s for s in SIZE_LABELS if s in sizes],
        "licenses": sorted({m or SIZE_UNKNOWN for m in models["license"]}),
        "pipeline_tags": sorted({m or SIZE_UNKNOWN for m in models["pipeline_tag"]}),
    }


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Column:
    """A benchmark column: registry id, display name, the scale of its scores."""

    key: str
    name: str
    scale: str
    n_models: int


@dataclass(frozen=True)
class Value:
    """One published value, as a cell or the detail view shows it."""

    score: float | None
    value: float
    scale: str
    score_scale: str | None
    provenance: str
    verified: bool
    setting: str
    source_url: str | None
    source_name: str | None
    location: str
    pr_num: int | None
    printed_name: str
    benchmark: str
    benchmark_id: str | None
    revision: str | None
    metric: str | None

    @property
    def source_key(self) -> tuple:
        """Two values with different keys come from different sources."""
        return (self.provenance, self.location, self.pr_num, self.source_name)


@dataclass(frozen=True)
class Cell:
    """The value a table cell shows, and how many others the model has for the benchmark."""

    shown: Value
    others: tuple[Value, ...] = ()

    @property
    def spread(self) -> float:
        scores = [v.score for v in (self.shown, *self.others) if v.score is not None]
        return max(scores) - min(scores) if scores else 0.0

    @property
    def conflict(self) -> bool:
        return _conflicting((self.shown, *self.others))


@dataclass(frozen=True)
class Row:
    """One model's line in the table."""

    model_id: str
    trending_rank: int | None
    parameters: int | None
    license: str | None
    pipeline_tag: str | None
    cells: dict[str, Cell]
    average: float | None
    covered: int
    of: int

    @property
    def complete(self) -> bool:
        return self.of > 0 and self.covered == self.of


@dataclass(frozen=True)
class View:
    """The table as shown: its benchmark columns, its rows in order, and the filters behind it."""

    columns: list[Column]
    rows: list[Row]
    average_over: list[str]
    filters: Filters
    sort: str
    descending: bool
    all_columns: list[Column] = field(default_factory=list)


def _opt_int(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def _value(record: dict) -> Value:
    score = record.get("score")
    return Value(
        score=None if score is None else float(score),
        value=float(record["value"]),
        scale=str(record.get("scale") or ""),
        score_scale=record.get("score_scale"),
        provenance=str(record["provenance"]),
        verified=bool(record.get("verified")),
        setting=str(record.get("setting") or ""),
        source_url=record.get("source_url") or record.get("pr_url"),
        source_name=record.get("source_name"),
        location=str(record.get("location") or "main"),
        pr_num=_opt_int(record.get("pr_num")),
        printed_name=str(record.get("printed_name") or record["benchmark"]),
        benchmark=str(record["benchmark"]),
        benchmark_id=record.get("benchmark_id"),
        revision=record.get("revision"),
        metric=record.get("metric"),
    )


def _pick_rank(value: Value) -> tuple:
    return (not value.verified, _PICK_ORDER.get(value.provenance, 9), value.location != "main")


def _conflicting(values: Iterable[Value]) -> bool:
    """Two values from different sources further apart than CONFLICT_POINTS."""
    scored = [(v.source_key, v.score) for v in values if v.score is not None]
    return any(
        key_a != key_b and abs(a - b) > CONFLICT_POINTS
        for i, (key_a, a) in enumerate(scored)
        for key_b, b in scored[i + 1 :]
    )


def benchmark_columns(results: pd.DataFrame) -> list[Column]:
    """Columns for the benchmarks with scores: the quest's first, then by models covered."""
    scored = results[results["benchmark_id"].notna() & results["score"].notna()]
    columns = []
    for key, group in scored.groupby("benchmark_id", sort=False):
        scale = group["score_scale"].dropna()
        columns.append(
            Column(
                key=str(key),
                name=str(group["benchmark"].iloc[0]),
                scale=str(scale.iloc[0]) if len(scale) else "percent",
                n_models=group["model_id"].nunique(),
            )
        )

    def order(column: Column) -> tuple:
        if column.key in QUEST_COLUMN_ORDER:
            return (0, QUEST_COLUMN_ORDER.index(column.key), "")
        return (1, -column.n_models, column.name.lower())

    return sorted(columns, key=order)


def quest_placeholder_columns(columns: list[Column]) -> list[Column]:
    """The quest's headline columns that have no data yet, shown empty so the gap is visible."""
    have = {c.key for c in columns}
    return [Column(q.key, q.name, "percent", 0) for q in QUEST if q.key not in have]


def default_columns(columns: list[Column], limit: int = 14) -> list[str]:
    """Shown until the user picks: the quest's columns and the best-covered others."""
    quest = [c.key for c in columns if c.key in QUEST_COLUMN_ORDER]
    others = [c.key for c in columns if c.key not in QUEST_COLUMN_ORDER]
    return quest + others[: max(0, limit - len(quest))]


def _cells(snapshot: Snapshot, rows: pd.DataFrame, keys: set[str]) -> dict[tuple[str, str], Cell]:
    """The cell of each (model, benchmark in keys) among `rows` (a selection of results)."""
    grouped: dict[tuple[str, str], list[Value]] = {}
    models = rows["model_id"]
    for position, model_id in zip(rows.index, models, strict=True):
        value = snapshot.values[position]
        if value.score is not None and value.benchmark_id in keys:
            grouped.setdefault((model_id, value.benchmark_id), []).append(value)
    cells = {}
    for key, values in grouped.items():
        ordered = sorted(values, key=_pick_rank)  # stable: dataset order breaks ties
        cells[key] = Cell(ordered[0], tuple(ordered[1:]))
    return cells


SORT_KEYS = ("average", "model", "rank", "parameters")


def _sort_rows(rows: list[Row], sort: str, descending: bool) -> list[Row]:
    """Missing values last in either direction; ties by trending rank, then model id."""

    def tiebreak(row: Row) -> tuple:
        return (row.trending_rank if row.trending_rank is not None else 10**9, row.model_id)

    def number(value: float) -> float:
        return -value if descending else value

    def average(row: Row) -> float:
        return row.average if row.average is not None else 0.0  # complete rows have one

    if sort == "model":
        return sorted(rows, key=lambda r: r.model_id.lower(), reverse=descending)
    if sort == "average":
        # Only averages over the same benchmarks are ranked against each other: complete
        # ones by value; partial ones after them, by how many they cover, then trending rank.
        complete = sorted(
            (r for r in rows if r.complete), key=lambda r: (number(average(r)), tiebreak(r))
        )
        partial = sorted(
            (r for r in rows if not r.complete), key=lambda r: (-r.covered, tiebreak(r))
        )
        return complete + partial

    def key_of(row: Row) -> float | None:
        if sort == "rank":
            return row.trending_rank
        if sort == "parameters":
            return row.parameters
        cell = row.cells.get(sort)
        return cell.shown.score if cell else None

    keyed = [(key, r) for r in rows if (key := key_of(r)) is not None]
    absent = [r for r in rows if key_of(r) is None]
    keyed.sort(key=lambda pair: (number(float(pair[0])), tiebreak(pair[1])))
    return [r for _, r in keyed] + sorted(absent, key=tiebreak)


def build_view(
    snapshot: Snapshot,
    filters: Filters = Filters(),
    columns: Sequence[str] | None = None,
    sort: str = "average",
    descending: bool = True,
) -> View:
    """The main table: one row per model with a value in the shown columns, filters applied, sorted.

    `columns` are benchmark ids (default: `default_columns`); a row's cells hold only
    those columns, so its average, the export and the charts see what the table shows.
    """
    rows = select_results(snapshot, filters)
    all_columns = snapshot.columns
    by_key = {c.key: c for c in all_columns}
    wanted = list(columns) if columns is not None else default_columns(all_columns)
    shown_columns = [by_key[k] for k in wanted if k in by_key]
    average_over = [c.key for c in shown_columns if c.scale == "percent" and c.n_models]
    cells = _cells(snapshot, rows, {c.key for c in shown_columns})
    facts = snapshot.facts
    table = []
    for model_id in dict.fromkeys(m for m, _ in cells):
        model_cells = {
            c.key: cells[(model_id, c.key)] for c in shown_columns if (model_id, c.key) in cells
        }
        if not model_cells:  # nothing to show in the chosen columns
            continue
        fact = facts.get(model_id) or {}
        scores = [
            score
            for b in average_over
            if b in model_cells and (score := model_cells[b].shown.score) is not None
        ]
        table.append(
            Row(
                model_id=model_id,
                trending_rank=_opt_int(fact.get("trending_rank")),
                parameters=_opt_int(fact.get("parameters")),
                license=fact.get("license"),
                pipeline_tag=fact.get("pipeline_tag"),
                cells=model_cells,
                average=round(sum(scores) / len(scores), 2) if scores else None,
                covered=len(scores),
                of=len(average_over),
            )
        )
    if sort not in SORT_KEYS and sort not in by_key:
        sort = "average"
    return View(
        columns=shown_columns,
        rows=_sort_rows(table, sort, descending),
        average_over=average_over,
        filters=filters,
        sort=sort,
        descending=descending,
        all_columns=list(all_columns),
    )


def resort(view: View, sort: str, descending: bool) -> View:
    return replace(
        view, rows=_sort_rows(view.rows, sort, descending), sort=sort, descending=descending
    )


def next_sort(current: str, descending: bool, clicked: str) -> tuple[str, bool]:
    """A header click: the same column flips direction; a new one starts in its natural order."""
    if clicked == current:
        return current, not descending
    return clicked, clicked not in ("model", "rank")


# --------------------------------------------------------------------------- export


def view_csv(view: View) -> str:
    """The table as shown: model facts, average with its coverage, one score per column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["model_id", "trending_rank", "parameters", "license", "pipeline_tag", "average",
         "average_covers", "average_of"] + [c.name for c in view.columns]
    )  # fmt: skip
    for row in view.rows:
        writer.writerow(
            [row.model_id, _blank(row.trending_rank), _blank(row.parameters), _blank(row.license),
             _blank(row.pipeline_tag), _blank(row.average), row.covered, row.of]
            + [_blank(row.cells[c.key].shown.score if c.key in row.cells else None) for c in view.columns]
        )  # fmt: skip
    return out.getvalue()


def _blank(value: Any) -> Any:
    return "" if value is None else value


def view_json(view: View, metadata: dict | None = None) -> dict:
    """The table as shown, every cell with its provenance, setting, source and other values."""

    def value_dict(value: Value) -> dict:
        data = asdict(value)
        data["provenance_label"] = PROVENANCE_LABELS.get(value.provenance, value.provenance)
        return data

    return {
        "collected_at": (metadata or {}).get("collected_at"),
        "filters": asdict(view.filters),
        "sort": {"by": view.sort, "descending": view.descending},
        "columns": [asdict(c) for c in view.columns],
        "average_over": view.average_over,
        "rows": [
            {
                "model_id": row.model_id,
                "trending_rank": row.trending_rank,
                "parameters": row.parameters,
                "license": row.license,
                "pipeline_tag": row.pipeline_tag,
                "average": row.average,
                "average_covers": row.covered,
                "average_of": row.of,
                "cells": {
                    key: {
                        **value_dict(cell.shown),
                        "conflict": cell.conflict,
                        "others": [value_dict(v) for v in cell.others],
                    }
                    for key, cell in row.cells.items()
                    if key in {c.key for c in view.columns}
                },
            }
            for row in view.rows
        ],
    }


# --------------------------------------------------------------------------- model detail


@dataclass(frozen=True)
class Comparison:
    """All of one model's values for one benchmark, from every source, side by side."""

    benchmark_id: str | None
    benchmark: str
    values: tuple[Value, ...]

    @property
    def by_provenance(self) -> dict[str, list[Value]]:
        out: dict[str, list[Value]] = {}
        for value in self.values:
            out.setdefault(value.provenance, []).append(value)
        return out

    @property
    def spread(self) -> float:
        return Cell(self.values[0], self.values[1:]).spread

    @property
    def conflict(self) -> bool:
        return _conflicting(self.values)

    @property
    def sources(self) -> int:
        return len({v.source_key for v in self.values})


@dataclass(frozen=True)
class ModelDetail:
    model_id: str
    facts: dict
    comparisons: list[Comparison]
    unmapped: list[Value]

    @property
    def conflicts(self) -> list[Comparison]:
        return [c for c in self.comparisons if c.conflict]


def model_detail(snapshot: Snapshot, model_id: str) -> ModelDetail | None:
    """Every result of one model (no filter), grouped per benchmark; None for an unknown id."""
    facts = snapshot.models[snapshot.models["model_id"] == model_id]
    if facts.empty:
        return None
    rows = snapshot.results[snapshot.results["model_id"] == model_id]
    comparisons, unmapped = [], []
    order = {c.key: i for i, c in enumerate(snapshot.columns)}
    grouped: dict[str, list[Value]] = {}
    for record in rows.to_dict("records"):
        value = _value(record)
        if value.benchmark_id is None:
            unmapped.append(value)
        else:
            grouped.setdefault(value.benchmark_id, []).append(value)
    for key, values in sorted(grouped.items(), key=lambda kv: (order.get(kv[0], 10**6), kv[0])):
        values.sort(key=_pick_rank)
        comparisons.append(Comparison(key, values[0].benchmark, tuple(values)))
    return ModelDetail(model_id, facts.iloc[0].to_dict(), comparisons, unmapped)


# --------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class Gap:
    """A quest benchmark a model has no score for, and the commands that could fill it."""

    model_id: str
    trending_rank: int | None
    quest_key: str
    benchmark: str
    commands: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    models: list[str]
    have: dict[
        tuple[str, str], tuple[str, str]
    ]  # (model, quest key) -> (benchmark id, name) it has
    gaps: list[Gap]
    problems: list[dict]


def gap_commands(model_id: str, quest: QuestBenchmark, status: str | None) -> tuple[str, ...]:
    """Cheapest first: the card's own tables, then AA where it publishes the benchmark, then a run."""
    commands = []
    if status not in ("no-card",):
        commands.append(f"{CLI} extract-readme --repo-id {model_id}")
    if quest.aa:
        org, _, name = model_id.partition("/")
        commands.append(
            f"{CLI} import-aa --creator-slug {org.lower()} --model-name {name} --repo-id {model_id}"
        )
    commands.append(f"{CLI} run-eval --model {model_id} --task {quest.task}")
    return tuple(commands)


def gap_plan(model_id: str, gaps: Sequence[Gap], status: str | None) -> list[tuple[str, list[str]]]:
    """One model's gaps as few commands as fill them, each with the benchmarks it may fill.

    The card's tables may hold any of them, AA only those it publishes, and one run-eval
    job takes all the tasks at once.
    """
    quests = {q.key: q for q in QUEST}
    missing = [quests[g.quest_key] for g in gaps if g.model_id == model_id]
    if not missing:
        return []
    plan = []
    if status != "no-card":
        plan.append((f"{CLI} extract-readme --repo-id {model_id}", [q.name for q in missing]))
    aa = [q for q in missing if q.aa]
    if aa:
        plan.append((gap_commands(model_id, aa[0], status)[-2], [q.name for q in aa]))
    tasks = " ".join(q.task for q in missing)
    plan.append((f"{CLI} run-eval --model {model_id} --task {tasks}", [q.name for q in missing]))
    return plan


def coverage(snapshot: Snapshot, filters: Filters = Filters()) -> Coverage:
    """Which of the quest's benchmarks each model (model filters applied) has, and the gaps."""
    models = select_models(snapshot.models, filters)
    models = models.assign(
        _rank=models["trending_rank"].map(lambda r: 10**9 if r is None else int(r))
    ).sort_values(["_rank", "model_id"])
    scored = snapshot.results[
        snapshot.results["benchmark_id"].notna() & snapshot.results["score"].notna()
    ]
    names: dict[tuple[str, str], str] = {}
    for record in scored[["model_id", "benchmark_id", "benchmark"]].to_dict("records"):
        names.setdefault((record["model_id"], record["benchmark_id"]), record["benchmark"])
    have, gaps = {}, []
    for fact in models.to_dict("records"):
        model_id = fact["model_id"]
        for quest in QUEST:
            found = next(
                ((i, names[(model_id, i)]) for i in quest.ids if (model_id, i) in names), None
            )
            if found is not None:
                have[(model_id, quest.key)] = found
            else:
                gaps.append(
                    Gap(
                        model_id,
                        _opt_int(fact["trending_rank"]),
                        quest.key,
                        quest.name,
                        gap_commands(model_id, quest, fact["status"]),
                    )
                )
    problems = [
        {"model_id": f["model_id"], "status": f["status"], "detail": f["status_detail"]}
        for f in models.to_dict("records")
        if f["status"] not in (None, "ok")
    ]
    return Coverage(list(models["model_id"]), have, gaps, problems)


# --------------------------------------------------------------------------- pictures


def top_models(view: View, benchmark_id: str, n: int = 10) -> pd.DataFrame:
    """The n best shown scores on one benchmark (the view's filters apply), best first."""
    records = [
        {
            "model": row.model_id,
            "score": row.cells[benchmark_id].shown.score,
            "provenance": PROVENANCE_LABELS.get(row.cells[benchmark_id].shown.provenance, "?"),
        }
        for row in view.rows
        if benchmark_id in row.cells
    ]
    frame = pd.DataFrame(records, columns=["model", "score", "provenance"])
    return (
        frame.sort_values(["score", "model"], ascending=[False, True])
        .head(n)
        .reset_index(drop=True)
    )


def score_vs_parameters(view: View, benchmark_id: str) -> pd.DataFrame:
    """Shown score against parameters (billions) for models whose size the Hub gives."""
    records = [
        {
            "model": row.model_id,
            "parameters_b": round(row.parameters / 1e9, 3),
            "score": row.cells[benchmark_id].shown.score,
            "provenance": PROVENANCE_LABELS.get(row.cells[benchmark_id].shown.provenance, "?"),
        }
        for row in view.rows
        if benchmark_id in row.cells and row.parameters
    ]
    return pd.DataFrame(records, columns=["model", "parameters_b", "score", "provenance"])


def summary(snapshot: Snapshot) -> dict:
    """Counts for the header line."""
    results = snapshot.results
    return {
        "models": len(snapshot.models),
        "with_results": results["model_id"].nunique(),
        "values": len(results),
        "benchmarks": results["benchmark_id"].dropna().nunique(),
        "collected_at": snapshot.collected_at,
        "tool": snapshot.metadata.get("tool"),
        "origin": snapshot.origin,
    }
