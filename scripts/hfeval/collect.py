"""`collect`: the leaderboard's dataset, every published value of many models with its origin.

The schema is references/leaderboard-dataset.md (the one contract with the leaderboard
app); `RESULT_COLUMNS` and `MODEL_COLUMNS` below are its tables in code, and a test
keeps the two in step. Rules that matter to a reader of the leaderboard:
- only `main` and *open* PRs count (closed ones were turned down; merged ones are on
  main), and a PR row is a value the PR holds that main does not;
- every value is kept with its source and setting, never "the best of several";
- `benchmark_id` is the registry's exact match or null (an unmapped name is kept under
  its printed name); `score` puts a value on its benchmark's registry scale so rows of
  one benchmark compare;
- a broken card is a status in `models` and a line in `metadata.problems`, never a stop.

Incremental: `collect_state.json` in the output folder remembers, per model, the card's
commit, its open PRs and the rows read from them; a model whose commit and open PRs are
unchanged is not read again (one PR-listing request instead of a full read). A new commit
pushed to an already-open PR does not change the listing: `--full` reads everything.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import __version__
from .benchmarks import Benchmark, Registry
from .cards import CardResult
from .fanout import DEFAULT_CONCURRENCY, map_bounded
from .hub import HubClient, HubModel
from .modelread import (
    LISTING_EXPAND,
    STATUSES,
    ModelRead,
    OpenPR,
    is_gated,
    open_prs,
    pr_additions,
    read_model,
)

SCHEMA_VERSION = 1
STATE_FILE = "collect_state.json"
TOOL = "hf-evaluation collect"
DATA_FILES = ("results.parquet", "results.json", "models.parquet", "models.json", "metadata.json")

# (column, type, meaning): the tables of references/leaderboard-dataset.md.
RESULT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("model_id", "str", "the Hub repo id the value belongs to"),
    ("benchmark_id", "str or null", "the registry id, matched exactly; null when unmapped"),
    ("benchmark", "str", "the registry's display name, or the printed name when unmapped"),
    ("printed_name", "str", "the dataset name exactly as the card prints it"),
    ("mapped", "bool", "benchmark_id is not null"),
    ("value", "float", "the number as published on the card"),
    ("scale", "str", "percent (0-100), fraction (0-1) or points: the scale value is on"),
    (
        "score",
        "float or null",
        "value on the benchmark's registry scale; comparable per benchmark_id",
    ),
    ("score_scale", "str or null", "the scale of score (the registry's scale for the benchmark)"),
    ("metric", "str or null", "the metric type (acc, pass@1, exact_match, ...)"),
    ("setting", "str", "the setting label as a person reads it, empty when none is known"),
    ("shots", "int or null", "few-shot count"),
    ("cot", "bool or null", "chain of thought"),
    ("tools", "bool or null", "with tools"),
    ("thinking", "bool or null", "thinking / reasoning mode"),
    ("provenance", "str", "authors, community-pr, artificial-analysis or own-run"),
    ("verified", "bool", "the .eval_results entry carries a verifyToken"),
    ("format", "str", "model-index or eval-results"),
    ("location", "str", "main or pr"),
    ("revision", "str", "the commit sha the value was read at"),
    ("pr_num", "int or null", "the PR number, when location is pr"),
    ("pr_author", "str or null", "its author"),
    ("pr_url", "str or null", "its URL on the Hub"),
    ("source_name", "str or null", "the source as the card names it"),
    ("source_url", "str or null", "the link a reader follows to check the number"),
    ("collected_at", "str", "ISO 8601 UTC time of the collection"),
)
MODEL_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("model_id", "str", "Hub repo id"),
    ("trending_rank", "int or null", "1-based position in the trending list; null off the list"),
    ("pipeline_tag", "str or null", "e.g. text-generation"),
    ("library", "str or null", "library_name (e.g. transformers)"),
    ("license", "str or null", "the card's license tag"),
    ("parameters", "int or null", "total parameter count from the Hub's safetensors metadata"),
    ("gated", "bool", "gated repo (auto or manual)"),
    ("downloads", "int or null", "downloads (last 30 days)"),
    ("likes", "int or null", "likes"),
    ("last_modified", "str or null", "ISO 8601 time of the last commit"),
    ("card_sha", "str or null", "the main commit the card was read at"),
    ("status", "str", "ok, no-card, broken-card, gated or error"),
    ("status_detail", "str or null", "one line for any status but ok"),
    ("n_results", "int", "rows of results for this model"),
)


@dataclass
class CollectRequest:
    output: Path
    limit: int = 100
    repos: list[str] | None = None  # --repos FILE; None: the trending list
    pipeline_tag: str | None = None
    concurrency: int = DEFAULT_CONCURRENCY
    full: bool = False  # ignore the state file: read every model again


@dataclass
class Collection:
    """What one collect run produced (and wrote)."""

    results: list[dict]
    models: list[dict]
    metadata: dict
    reused: list[str] = field(default_factory=list)  # models not read again (unchanged)
    files: list[Path] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.metadata["counts"])


# --------------------------------------------------------------------------- pure: rows


def value_scale(value: float, bench: Benchmark | None) -> tuple[str, float | None, str | None]:
    """(scale of `value`, `score` on the registry scale, the registry scale).

    The card does not say its scale; the registry does for the benchmark, and a value
    that does not fit it says the other one: 0.812 for a percent benchmark is a fraction,
    81.2 for a fraction benchmark a percent (the rule extraction and validate use).
    """
    if bench is None:
        guess = "fraction" if 0 <= value <= 1 else "percent" if 0 <= value <= 100 else "points"
        return guess, None, None
    if bench.scale == "percent":
        if 0 <= value <= 1:
            return "fraction", round(value * 100, 6), "percent"
        return "percent", value, "percent"
    if bench.scale == "fraction":
        if 1 < value <= 100:
            return "percent", round(value / 100, 8), "fraction"
        return "fraction", value, "fraction"
    return "points", value, "points"


def provenance(result: CardResult, location: str) -> str:
    """Who stands behind a value: a community PR, AA, our own run, or the model's authors."""
    if location == "pr":
        return "community-pr"
    stem = result.path.rsplit("/", 1)[-1].lower()
    name = (result.source_name or "").lower()
    url = (result.source_url or "").lower()
    if (
        stem.startswith("artificial_analysis")
        or "artificial analysis" in name
        or ("artificialanalysis.ai" in url)
    ):
        return "artificial-analysis"
    if stem.startswith("inspect") or name.startswith(("inspect-ai", "inspect ai")):
        return "own-run"
    return "authors"


def result_row(
    result: CardResult,
    *,
    model_id: str,
    registry: Registry,
    location: str,
    revision: str,
    file_url: str,
    collected_at: str,
    pr: Any = None,
) -> dict:
    bench = registry.get(result.benchmark_id) if result.benchmark_id else None
    value = float(result.value)
    scale, score, score_scale = value_scale(value, bench)
    printed = result.dataset_name or result.dataset or result.benchmark or "?"
    setting = result.setting
    return {
        "model_id": model_id,
        "benchmark_id": bench.id if bench else None,
        "benchmark": bench.name if bench else printed,
        "printed_name": printed,
        "mapped": bench is not None,
        "value": value,
        "scale": scale,
        "score": score,
        "score_scale": score_scale,
        "metric": result.metric,
        "setting": setting.label(),
        "shots": setting.shots,
        "cot": setting.cot,
        "tools": setting.tools,
        "thinking": setting.thinking,
        "provenance": provenance(result, location),
        "verified": bool(result.verified),
        "format": result.format,
        "location": location,
        "revision": revision,
        "pr_num": pr.num if pr is not None else None,
        "pr_author": pr.author if pr is not None else None,
        "pr_url": pr.url if pr is not None else None,
        "source_name": result.source_name,
        "source_url": result.source_url or (pr.url if pr is not None else file_url),
        "collected_at": collected_at,
    }


def model_rows(
    read: ModelRead, client_blob: Callable[[str, str, str], str], **common
) -> list[dict]:
    """Every row of `results` for one read model: main's values, then each open PR's additions."""
    rows: list[dict] = []
    model_id = read.model.id
    sha = read.model.sha or ""
    for value in read.results:
        rows.append(
            result_row(
                value,
                model_id=model_id,
                location="main",
                revision=sha,
                file_url=client_blob(model_id, sha, value.path),
                **common,
            )
        )
    for pr in read.prs:
        if pr.problem:
            continue
        head = pr.head or f"refs/pr/{pr.pr.num}"
        for value in pr_additions(read, pr):
            rows.append(
                result_row(
                    value,
                    model_id=model_id,
                    location="pr",
                    revision=head,
                    file_url=client_blob(model_id, head, value.path),
                    pr=pr.pr,
                    **common,
                )
            )
    return rows


def model_row(
    model: HubModel,
    *,
    rank: int | None,
    status: str,
    detail: str | None,
    n_results: int,
) -> dict:
    return {
        "model_id": model.id,
        "trending_rank": rank,
        "pipeline_tag": model.pipeline_tag,
        "library": model.library_name,
        "license": license_of(model),
        "parameters": sum(model.parameters.values()) if model.parameters else None,
        "gated": is_gated(model),
        "downloads": model.downloads,
        "likes": model.likes,
        "last_modified": model.last_modified,
        "card_sha": model.sha if status != "error" else None,
        "status": status,
        "status_detail": detail if status != "ok" else None,
        "n_results": n_results,
    }


def license_of(model: HubModel) -> str | None:
    card = model.card_data or {}
    value = card.get("license")
    if isinstance(value, str) and value:
        return value
    for tag in model.tags or []:
        if tag.startswith("license:"):
            return tag.split(":", 1)[1]
    return None


# --------------------------------------------------------------------------- the run


@dataclass
class _Item:
    model: HubModel
    rank: int | None


@dataclass
class _Outcome:
    model: HubModel
    rank: int | None
    status: str
    detail: str | None
    rows: list[dict] = field(default_factory=list)
    prs: list[OpenPR] | None = None  # None: not listed (an error), so not remembered
    problems: list[str] = field(default_factory=list)  # result PRs left out
    reused: bool = False


def read_repos_file(path: Path) -> list[str]:
    """Repo ids, one a line; blank lines and `#` comments ignored; each id once."""
    from .errors import InputError, NothingFound

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    repos: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.count("/") != 1 or " " in line:
            raise InputError(f"{path}:{number}: {line!r} is not a repo id (org/name)")
        repos.append(line)
    if not repos:
        raise NothingFound(f"{path} lists no repos")
    return list(dict.fromkeys(repos))


def list_targets(
    client: HubClient,
    *,
    limit: int,
    repos: list[str] | None,
    pipeline_tag: str | None,
    concurrency: int,
) -> tuple[list[tuple[HubModel, int | None]], list[tuple[str, str]]]:
    """The models to work on, with their trending rank: one listing call for the trending
    list; for `--repos`, one model-info call each (failures returned, not raised)."""
    if repos is None:
        listed = client.list_models(
            sort="trending_score", limit=limit, pipeline_tag=pipeline_tag, expand=LISTING_EXPAND
        )
        return [(m, rank) for rank, m in enumerate(listed, 1)], []
    done = map_bounded(
        lambda repo: client.model(repo, expand=LISTING_EXPAND), repos, concurrency=concurrency
    )
    found: list[tuple[HubModel, int | None]] = [
        (d.value, None) for d in done if d.ok and d.value is not None
    ]
    failed = [(d.item, d.error or "?") for d in done if not d.ok]
    return found, failed


def collect(
    request: CollectRequest,
    *,
    client: HubClient,
    registry: Registry,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Collection:
    """Read every target model (unchanged ones from the state file) and write the dataset."""
    collected_at = now().strftime("%Y-%m-%dT%H:%M:%SZ")
    targets, failed = list_targets(
        client,
        limit=request.limit,
        repos=request.repos,
        pipeline_tag=request.pipeline_tag,
        concurrency=request.concurrency,
    )
    state = {} if request.full else _load_state(request.output)
    common = {"registry": registry, "collected_at": collected_at}

    def work(item: _Item) -> _Outcome:
        return _collect_one(client, registry, item, state.get(item.model.id), common)

    items = [_Item(model, rank) for model, rank in targets]
    outcomes: list[_Outcome] = []
    for done in map_bounded(work, items, concurrency=request.concurrency):
        if done.ok and done.value is not None:
            outcomes.append(done.value)
        else:
            item = done.item
            outcomes.append(_Outcome(item.model, item.rank, "error", done.error))
    for repo, error in failed:
        outcomes.append(_Outcome(HubModel(id=repo), None, "error", error))

    results = [row for o in outcomes for row in o.rows]
    models = [
        model_row(o.model, rank=o.rank, status=o.status, detail=o.detail, n_results=len(o.rows))
        for o in outcomes
    ]
    counts = {status: 0 for status in STATUSES}
    problems: list[dict] = []
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
        if o.status != "ok":
            problems.append({"model_id": o.model.id, "status": o.status, "detail": o.detail})
        for line in o.problems:
            problems.append({"model_id": o.model.id, "status": "broken-pr", "detail": line})
    metadata = {
        "schema_version": SCHEMA_VERSION,
        "collected_at": collected_at,
        "tool": TOOL,
        "tool_version": __version__,
        "source": "trending" if request.repos is None else "repos-file",
        "models": [o.model.id for o in outcomes],
        "counts": counts,
        "n_results": len(results),
        "problems": problems,
    }
    collection = Collection(
        results=results,
        models=models,
        metadata=metadata,
        reused=[o.model.id for o in outcomes if o.reused],
    )
    collection.files = write_dataset(request.output, collection)
    _save_state(request.output, outcomes)
    return collection


def _collect_one(
    client: HubClient, registry: Registry, item: _Item, saved: dict | None, common: dict
) -> _Outcome:
    model = item.model
    prs = open_prs(client, model.id)
    if (
        saved is not None
        and saved.get("sha") == model.sha
        and saved.get("prs") == [p.key() for p in prs]
    ):
        return _Outcome(
            model,
            item.rank,
            saved["status"],
            saved.get("detail"),
            rows=list(saved.get("rows") or []),
            prs=prs,
            problems=list(saved.get("problems") or []),
            reused=True,
        )
    read = read_model(client, model, registry, listed_prs=prs)
    rows = model_rows(read, client.blob_url, **common) if read.status == "ok" else []
    return _Outcome(
        model, item.rank, read.status, read.detail, rows=rows, prs=prs, problems=read.pr_problems
    )


# --------------------------------------------------------------------------- files


def write_dataset(output: Path, collection: Collection) -> list[Path]:
    """The five data files, each written whole (temporary file, then renamed); metadata last,
    so a reader that sees the new metadata sees the new rows."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows, columns in (
        ("results", collection.results, RESULT_COLUMNS),
        ("models", collection.models, MODEL_COLUMNS),
    ):
        written.append(_atomic_write(output / f"{name}.parquet", parquet_bytes(rows, columns)))
        written.append(_atomic_write(output / f"{name}.json", _json_bytes(rows)))
    written.append(_atomic_write(output / "metadata.json", _json_bytes(collection.metadata)))
    return written


_ARROW_TYPES = {
    "str": "string",
    "str or null": "string",
    "float": "float64",
    "float or null": "float64",
    "int": "int64",
    "int or null": "int64",
    "bool": "bool_",
    "bool or null": "bool_",
}


def parquet_bytes(rows: list[dict], columns: Iterable[tuple[str, str, str]]) -> bytes:
    """Rows as parquet with the schema's column types (also for zero rows)."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(columns)
    schema = pa.schema(
        [pa.field(name, getattr(pa, _ARROW_TYPES[kind])()) for name, kind, _ in columns]
    )
    table = pa.Table.from_pylist([{c[0]: row.get(c[0]) for c in columns} for row in rows], schema)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _atomic_write(path: Path, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _load_state(output: Path) -> dict[str, dict]:
    try:
        data = json.loads((output / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        return {}
    models = data.get("models")
    return models if isinstance(models, dict) else {}


def _save_state(output: Path, outcomes: list[_Outcome]) -> None:
    """What to skip next time: only models read whole (an error is read again)."""
    models = {
        o.model.id: {
            "sha": o.model.sha,
            "prs": [p.key() for p in o.prs or []],
            "status": o.status,
            "detail": o.detail,
            "rows": o.rows,
            "problems": o.problems,
        }
        for o in outcomes
        if o.status != "error" and o.prs is not None
    }
    _atomic_write(
        output / STATE_FILE, _json_bytes({"schema_version": SCHEMA_VERSION, "models": models})
    )


# --------------------------------------------------------------------------- the Hub copy


def dataset_card(collection: Collection) -> str:
    """The dataset's README: what it is, and what each column means."""
    meta = collection.metadata
    counts = ", ".join(f"{k}: {v}" for k, v in meta["counts"].items())

    def table(columns: tuple[tuple[str, str, str], ...]) -> str:
        lines = ["| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{name}` | {kind} | {meaning} |" for name, kind, meaning in columns]
        return "\n".join(lines)

    return f"""---
configs:
- config_name: results
  data_files: results.parquet
  default: true
- config_name: models
  data_files: models.parquet
tags:
- evaluation
- leaderboard
---

# Evaluation results of trending Hub models

Every evaluation value published on the model cards of {len(meta["models"])} Hub models
(`model-index` and `.eval_results` on `main`, and in open pull requests), one row per value,
with where it came from. Collected {meta["collected_at"]} by `{meta["tool"]}` {meta["tool_version"]}
(schema version {meta["schema_version"]}); {meta["n_results"]} values; models per status: {counts}.

A benchmark's values are kept under every setting and source they were published with:
never pick "the maximum" of several rows silently. `score` puts `value` on the benchmark's
registry scale, so rows of one `benchmark_id` compare. A value in an open pull request
(`location: pr`) has not been reviewed by the model's authors.

## `results`: one value, with where it came from

{table(RESULT_COLUMNS)}

## `models`: facts to filter by

{table(MODEL_COLUMNS)}

`metadata.json` says when, which models, counts per status and the problems met
(broken cards, PRs whose values were left out).
"""


def push_to_hub(
    client: HubClient, repo_id: str, collection: Collection, output: Path, *, private: bool
) -> Any:
    """The same files plus the dataset card, in one commit to a dataset repo (created if need be)."""
    client.create_repo(repo_id, repo_type="dataset", private=private)
    files: dict[str, bytes] = {name: (output / name).read_bytes() for name in DATA_FILES}
    files["README.md"] = dataset_card(collection).encode("utf-8")
    meta = collection.metadata
    return client.commit(
        repo_id,
        files,
        message=f"collect: {len(meta['models'])} models, {meta['n_results']} values",
        description=f"Collected {meta['collected_at']} by {meta['tool']} {meta['tool_version']}.",
        repo_type="dataset",
    )
