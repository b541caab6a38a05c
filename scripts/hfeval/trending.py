"""`trending`: what each trending model needs next, from one listing and a few reads a model.

For every model the listing returns (sorted by trending score, with sha, file list, gated
and sizes expanded in the same call) we read its card and open PRs (modelread), run the
README extraction on its tables, and look it up in the Artificial Analysis catalog when
one is given, then give it one status and the command to run next:

  open-pr        an open PR already touches results: review it (the duplicate guard
                 refuses a second one)
  has-results    results on main (which benchmarks, which format)
  readme-tables  README tables name the model: N scores to extract
  ambiguous      tables hold scores but do not say which are the model's (candidates)
  aa-only        nothing on the card or in its tables, but an exact AA match
  run-eval       nothing to extract: a candidate for an own run, with the quest
                 benchmarks it lacks
  gated, no-card, broken-card, error   as the words say

Pure decisions (`decide`) over what the reads return, so a status is testable without
the Hub.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .benchmarks import Registry
from .errors import EvalToolError
from .extraction import Extraction, SourceRef, extract, for_publishing
from .fanout import DEFAULT_CONCURRENCY, map_bounded
from .hub import HubClient, HubModel
from .modelread import ModelRead, read_model
from .naming import Target

STATUSES = (
    "open-pr",
    "has-results",
    "readme-tables",
    "ambiguous",
    "aa-only",
    "run-eval",
    "gated",
    "no-card",
    "broken-card",
    "error",
)
# The benchmarks the quest asks for, each with the registry ids that count for it and the
# run-eval task that measures it.
QUEST: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("AIME 2025", ("aime_2025",), "aime2025"),
    ("BBH", ("bbh",), "bbh"),
    (
        "LiveCodeBench",
        ("livecodebench", "livecodebench_v3", "livecodebench_v5", "livecodebench_v6"),
        "livecodebench",
    ),
    ("MMLU", ("mmlu",), "mmlu"),
    ("ARC", ("arc_challenge", "arc_easy"), "arc_challenge"),
)
TOOL = "uv run scripts/evaluation_manager.py"


@dataclass
class TrendingEntry:
    rank: int | None
    repo_id: str
    status: str
    detail: str
    next_command: str | None = None
    benchmarks: list[str] = field(default_factory=list)  # on the card (main)
    formats: list[str] = field(default_factory=list)
    readme_scores: int = 0
    candidates: list[str] = field(default_factory=list)
    aa_model: str | None = None
    pull_requests: list[dict] = field(default_factory=list)
    missing_quest: list[str] = field(default_factory=list)
    gated: bool = False
    downloads: int | None = None
    likes: int | None = None
    parameters: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TrendingReport:
    entries: list[TrendingEntry]
    aa_checked: bool

    @property
    def counts(self) -> dict[str, int]:
        seen = Counter(e.status for e in self.entries)
        return {status: seen[status] for status in STATUSES if seen[status]}

    def summary(self) -> str:
        parts = ", ".join(f"{n} {status}" for status, n in self.counts.items())
        aa = "" if self.aa_checked else " (Artificial Analysis not checked)"
        return f"{len(self.entries)} models: {parts}{aa}"


# --------------------------------------------------------------------------- pure


def quest_missing(benchmark_ids: set[str]) -> list[str]:
    return [name for name, ids, _ in QUEST if not benchmark_ids & set(ids)]


def quest_tasks(missing: list[str]) -> list[str]:
    return [task for name, _, task in QUEST if name in missing]


def aa_match(aa_models: list | None, repo_id: str):
    """The one AA model whose slug or name is the repo's name (exact, never a substring)."""
    if not aa_models:
        return None
    from .artificial_analysis import find_model

    try:
        return find_model(aa_models, model_name=repo_id.split("/")[-1])
    except EvalToolError:  # none, or several: no match
        return None


def decide(
    read: ModelRead,
    extraction: Extraction | None,
    aa_model: Any,
    *,
    rank: int | None,
) -> TrendingEntry:
    """One model's status and next command, from what was read."""
    model = read.model
    repo = model.id
    entry = TrendingEntry(
        rank=rank,
        repo_id=repo,
        status=read.status,
        detail=read.detail or "",
        gated=bool(model.gated),
        downloads=model.downloads,
        likes=model.likes,
        parameters=sum(model.parameters.values()) if model.parameters else None,
        aa_model=getattr(aa_model, "id", None),
    )
    if read.status != "ok":
        return entry
    on_card = {r.benchmark_id for r in read.results if r.benchmark_id}
    entry.benchmarks = sorted({r.benchmark or r.dataset or "?" for r in read.results})
    entry.formats = sorted({r.format for r in read.results})
    entry.missing_quest = quest_missing(on_card)
    entry.pull_requests = [
        {"num": p.pr.num, "author": p.pr.author, "url": p.pr.url, "adds": p.pr.adds}
        | ({"problem": p.problem} if p.problem else {})
        for p in read.prs
    ]
    kept: list = []
    if extraction is not None:
        kept, _ = for_publishing(extraction.results)
        entry.readme_scores = len(kept)
    if read.prs:
        first = read.prs[0].pr
        more = f" (+{len(read.prs) - 1} more)" if len(read.prs) > 1 else ""
        entry.status = "open-pr"
        entry.detail = f"open results PR #{first.num} by {first.author}: {first.adds}{more}"
        entry.next_command = f"{TOOL} get-prs --repo-id {repo}"
        return entry
    if read.results:
        where = " and ".join(entry.formats)
        entry.status = "has-results"
        entry.detail = (
            f"{len(read.results)} values on main ({where}): "
            + ", ".join(entry.benchmarks[:8])
            + (", ..." if len(entry.benchmarks) > 8 else "")
        )
        new = [r for r in kept if r.benchmark_id not in on_card]
        if new:
            entry.detail += f"; README tables have {len(new)} more"
            entry.next_command = f"{TOOL} extract-readme --repo-id {repo}"
        elif entry.missing_quest:
            entry.next_command = _run_eval(repo, entry.missing_quest)
        return entry
    if kept:
        entry.status = "readme-tables"
        entry.detail = f"{len(kept)} score{'s' if len(kept) != 1 else ''} in README tables"
        entry.next_command = f"{TOOL} extract-readme --repo-id {repo}"
        return entry
    refused = [
        t for t in (extraction.tables if extraction else []) if t.status in ("ambiguous",)
    ] or [
        t
        for t in (extraction.tables if extraction else [])
        if t.status in ("model-not-found", "other-variant") and t.candidates
    ]
    if refused:
        entry.status = "ambiguous"
        entry.candidates = extraction.candidates() if extraction else []
        entry.detail = f"table {refused[0].table.index}: {refused[0].reason}"
        entry.next_command = f"{TOOL} inspect-tables --repo-id {repo}"
        return entry
    if aa_model is not None:
        entry.status = "aa-only"
        entry.detail = f"Artificial Analysis: {aa_model.name} ({aa_model.page_url})"
        entry.next_command = f"{TOOL} import-aa --aa-id {aa_model.id} --repo-id {repo}"
        return entry
    entry.status = "run-eval"
    entry.detail = "nothing to extract; lacks " + ", ".join(entry.missing_quest)
    entry.next_command = _run_eval(repo, entry.missing_quest)
    return entry


def _run_eval(repo: str, missing: list[str]) -> str:
    return f"{TOOL} run-eval --model {repo} --task {' '.join(quest_tasks(missing))} --dry-run"


# --------------------------------------------------------------------------- I/O


def assess(
    client: HubClient,
    model: HubModel,
    registry: Registry,
    *,
    rank: int | None,
    aa_models: list | None = None,
    shared_read: bool = False,
) -> tuple[TrendingEntry, ModelRead, Extraction | None]:
    """Read one model and decide its status (the read and extraction are returned for batch)."""
    read = read_model(client, model, registry, pr_values=False, shared_read=shared_read)
    extraction = None
    if read.status == "ok" and read.readme:
        source = SourceRef(url_base=client.blob_url(model.id, model.sha or "main", "README.md"))
        extraction = extract(read.readme, Target.build(None, model.id), registry, source=source)
    return decide(read, extraction, aa_match(aa_models, model.id), rank=rank), read, extraction


def trending(
    client: HubClient,
    registry: Registry,
    *,
    limit: int = 100,
    pipeline_tag: str | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    aa_models: list | None = None,
) -> TrendingReport:
    """The trending models, each with a status; a model that fails is an `error` entry."""
    from .modelread import LISTING_EXPAND

    models = client.list_models(
        sort="trending_score", limit=limit, pipeline_tag=pipeline_tag, expand=LISTING_EXPAND
    )
    ranked = list(enumerate(models, 1))

    def work(item: tuple[int, HubModel]) -> TrendingEntry:
        rank, model = item
        return assess(client, model, registry, rank=rank, aa_models=aa_models)[0]

    entries = []
    for done in map_bounded(work, ranked, concurrency=concurrency):
        if done.ok and done.value is not None:
            entries.append(done.value)
        else:
            rank, model = done.item
            entries.append(TrendingEntry(rank, model.id, "error", done.error or "?"))
    return TrendingReport(entries=entries, aa_checked=aa_models is not None)
