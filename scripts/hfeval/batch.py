"""`batch`: README extraction (and the AA import) for many models, previewed or as one PR each.

Every model goes the single-model road (`publish`), so every guard applies: a model with
an open results PR is refused as a duplicate, a value that disagrees with the card is a
conflict, a table that does not say which column is the model's yields nothing. What a
batch adds:

- Reading overlaps (`--concurrency` models at a time); writing does not: PRs are opened
  one at a time, from the calling thread, with a pause between them.
- At most one PR a model: README results when the tables give any, else Artificial
  Analysis's (when asked for); never both.
- The report (`batch.jsonl`, one line a model, appended and flushed as each model
  finishes, so an interrupted run leaves every finished line whole; `batch.md` rebuilt
  from it). A rerun skips the models a *write* run already handled and does the rest; a
  preview line never makes a model skipped.
- Two batch processes on one machine never open a PR twice: `publish` runs the
  guard-and-write of a model under its per-repo lock file (locks.py, `fcntl.flock`), so
  the second process sees the first's PR in its duplicate check (and across machines,
  publish closes the newer of two equivalent PRs); after writing, the open result PRs are
  listed again and any other one is reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .benchmarks import Registry
from .errors import Conflict, DuplicatePR, EvalToolError, NothingFound, ValuesRefused
from .extraction import for_publishing
from .fanout import DEFAULT_CONCURRENCY, as_completed_bounded
from .hub import HubClient, HubModel
from .locks import default_lock_dir
from .publish import Mode, PublishRequest, Status, publish
from .results import Result
from .trending import aa_match, assess

REPORT_JSONL = "batch.jsonl"
REPORT_MD = "batch.md"
# A model a write run ended with one of these is done: a rerun does not touch it again.
# ("error" is not among them: a rerun tries again.)
HANDLED = frozenset(
    {
        "pr-opened",
        "open-pr",
        "up-to-date",
        "conflict",
        "ambiguous",
        "nothing",
        "gated",
        "no-card",
        "broken-card",
    }
)
SOURCES = ("readme", "aa")


@dataclass
class BatchRequest:
    report_dir: Path
    create_pr: bool = False
    sources: frozenset[str] = frozenset({"readme"})
    max_prs: int | None = None
    pause: float = 5.0  # seconds between two writes
    concurrency: int = DEFAULT_CONCURRENCY
    lock_dir: Path | None = None

    @property
    def mode(self) -> str:
        return "create_pr" if self.create_pr else "preview"


@dataclass
class ModelOutcome:
    """One line of batch.jsonl."""

    repo_id: str
    rank: int | None
    mode: str  # preview | create_pr
    status: str
    detail: str
    source: str | None = None  # readme | aa: where the values came from
    values: int = 0  # values found (after dropping disagreeing ones)
    to_add: int = 0  # of those, new to the card
    benchmarks: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    pr_num: int | None = None
    pr_url: str | None = None
    at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def handled_by_write(self) -> bool:
        return self.mode == "create_pr" and self.status in HANDLED


@dataclass
class BatchRun:
    outcomes: list[ModelOutcome]  # this run's, in the order they finished
    skipped: list[str]  # handled by an earlier write run
    stopped: str | None  # why the run stopped early (max PRs, interrupted)
    report: Path
    markdown: Path

    @property
    def prs_opened(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "pr-opened")

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for o in self.outcomes:
            out[o.status] = out.get(o.status, 0) + 1
        return out

    @property
    def failed(self) -> list[ModelOutcome]:
        return [o for o in self.outcomes if o.status == "error"]


# --------------------------------------------------------------------------- report files


class Report:
    """batch.jsonl: one whole line per model, appended with a single write and flushed."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / REPORT_JSONL
        self.markdown = folder / REPORT_MD

    def lines(self) -> list[dict]:
        """Every readable line (a line cut short by a crash is ignored)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        out = []
        for line in text.splitlines():
            with contextlib.suppress(ValueError):
                data = json.loads(line)
                if isinstance(data, dict) and "repo_id" in data:
                    out.append(data)
        return out

    def handled(self) -> set[str]:
        """Models whose latest write-run line says they are done."""
        latest: dict[str, dict] = {}
        for line in self.lines():
            if line.get("mode") == "create_pr":
                latest[line["repo_id"]] = line
        return {repo for repo, line in latest.items() if line.get("status") in HANDLED}

    def append(self, outcome: ModelOutcome) -> None:
        data = (json.dumps(outcome.to_dict(), ensure_ascii=False) + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def write_markdown(self) -> Path:
        """The table of every model's latest line, written whole (temporary file, renamed)."""
        latest: dict[str, dict] = {}
        for line in self.lines():
            latest[line["repo_id"]] = line
        text = markdown_table(list(latest.values()))
        tmp = self.markdown.with_name(f".{self.markdown.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.markdown)
        return self.markdown


def markdown_table(lines: list[dict]) -> str:
    def cell(text: Any) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    rows = [
        "| model | status | values found | conflicts | left out | PR / detail |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for line in sorted(lines, key=lambda d: (d.get("rank") or 10**9, d["repo_id"])):
        pr = f"[#{line['pr_num']}]({line['pr_url']})" if line.get("pr_num") else ""
        rows.append(
            f"| {cell(line['repo_id'])} | {cell(line['status'])} | {line.get('values', 0)} "
            f"| {cell('; '.join(line.get('conflicts') or [])) or '-'} "
            f"| {cell('; '.join(line.get('left_out') or [])) or '-'} "
            f"| {pr or cell(line.get('detail', ''))} |"
        )
    return "# batch report\n\n" + "\n".join(rows) + "\n"


# --------------------------------------------------------------------------- one model


@dataclass
class _Prepared:
    """What the reading step decided for one model (in a worker thread)."""

    model: HubModel
    rank: int | None
    outcome: ModelOutcome | None = None  # final already (nothing to publish)
    results: list[Result] = field(default_factory=list)
    origin: str = "readme"
    notes: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def prepare(
    client: HubClient,
    registry: Registry,
    model: HubModel,
    rank: int | None,
    request: BatchRequest,
    aa_catalog: Any = None,
) -> _Prepared:
    """Read the card and its open PRs, extract, and say what there is to publish."""
    aa_models = aa_catalog.models if aa_catalog is not None and "aa" in request.sources else None
    entry, read, extraction = assess(
        client, model, registry, rank=rank, aa_models=aa_models, shared_read=True
    )
    prepared = _Prepared(model=model, rank=rank)

    def final(status: str, detail: str, **extra: Any) -> _Prepared:
        prepared.outcome = ModelOutcome(
            repo_id=model.id, rank=rank, mode=request.mode, status=status, detail=detail, **extra
        )
        return prepared

    if read.status != "ok":
        return final(read.status, read.detail or read.status)
    if read.prs:
        return final(
            "open-pr",
            entry.detail + " (duplicate guard: nothing to do but review it)",
            pr_num=read.prs[0].pr.num,
            pr_url=read.prs[0].pr.url,
        )
    if "readme" in request.sources and extraction is not None:
        kept, disagreements = for_publishing(extraction.results)
        for group in disagreements:
            printed = ", ".join(f"{r.value:g}" for r in group)
            prepared.notes.append(
                f"{group[0].benchmark.replace(chr(10), ' ')}: the README prints {printed} for the "
                "same benchmark and setting; left out"
            )
        if kept:
            prepared.results, prepared.origin = kept, "readme"
            return prepared
    if aa_models is not None:
        match = aa_match(aa_models, model.id)
        if match is not None:
            from .artificial_analysis import model_to_results

            mapping = model_to_results(
                match, registry, retrieved=aa_catalog.retrieved, aa_date=aa_catalog.aa_date
            )
            if mapping.results:
                prepared.results, prepared.origin = mapping.results, "artificial_analysis"
                prepared.notes += [f"{key}: not in the registry" for key in mapping.unmapped]
                return prepared
    if entry.status == "ambiguous":
        return final("ambiguous", entry.detail, left_out=entry.candidates)
    return final("nothing", entry.detail or "nothing to extract", left_out=prepared.notes)


def _publish_one(
    client: HubClient,
    registry: Registry,
    prepared: _Prepared,
    request: BatchRequest,
    lock_dir: Path,
) -> ModelOutcome:
    model = prepared.model
    mode = Mode.CREATE_PR if request.create_pr else Mode.PREVIEW
    notes = [f"Not included: {line}" for line in prepared.notes]
    if request.create_pr:
        notes.append(
            "Opened by a batch run over trending models (at most one pull request per model); "
            "every value links to the line or page it was read from, so each can be checked there."
        )
    publish_request = PublishRequest(
        repo_id=model.id,
        model_name=model.id.split("/")[-1],
        origin=prepared.origin,  # type: ignore[arg-type]
        mode=mode,
        extra_pr_notes=tuple(notes),
        command="batch",
        lock_dir=lock_dir,
    )
    base = ModelOutcome(
        repo_id=model.id,
        rank=prepared.rank,
        mode=request.mode,
        status="error",
        detail="",
        source="aa" if prepared.origin == "artificial_analysis" else "readme",
        values=len(prepared.results),
        benchmarks=sorted({r.benchmark_id or r.benchmark for r in prepared.results}),
        left_out=list(prepared.notes),
    )
    try:
        # publish() holds the repo's lock (locks.py) from its duplicate check to its check
        # after the write, so a second process waits and then sees this PR.
        outcome = publish(
            prepared.results, request=publish_request, client=client, registry=registry
        )
        others, unchecked = _prs_after(client, model.id) if outcome.written else ([], None)
    except DuplicatePR as error:
        base.status, base.detail = "open-pr", error.message
        return base
    except Conflict as error:
        base.status, base.detail, base.conflicts = "conflict", error.message, list(error.details)
        return base
    except NothingFound as error:
        base.status, base.detail = "nothing", error.message
        return base
    except ValuesRefused as error:  # every value outside its benchmark's range
        base.status, base.detail = "nothing", error.message
        base.left_out += error.details
        return base
    base.left_out += outcome.warnings  # values the range and scale guard left out
    base.to_add = len(outcome.plan.added)
    base.conflicts = [c.describe() for c in outcome.plan.conflicts]
    if outcome.status is Status.CONFLICT:
        base.status, base.detail = "conflict", outcome.message
    elif outcome.status is Status.UP_TO_DATE:
        base.status, base.detail = "up-to-date", outcome.message
    elif outcome.status is Status.PREVIEWED:
        base.status, base.detail = "would-open-pr", outcome.title or outcome.message
    elif outcome.written and outcome.commit is not None:
        base.status, base.detail = "pr-opened", outcome.title or outcome.message
        base.pr_num, base.pr_url = outcome.commit.pr_num, outcome.commit.pr_url
        extra = [pr for pr in others if pr.num != outcome.commit.pr_num]
        if unchecked:
            base.detail += f"; the open PRs could not be listed again ({unchecked})"
        if extra:
            base.detail += "; WARNING: other open results PRs: " + ", ".join(
                f"#{pr.num} by {pr.author}" for pr in extra
            )
    else:
        base.status, base.detail = outcome.status.value, outcome.message
    return base


def _prs_after(client: HubClient, repo_id: str) -> tuple[list, str | None]:
    """The open result PRs right after ours was opened; a failure to list them is reported,
    never taken for a failed write (the PR is open: the report must say so)."""
    try:
        return client.result_prs(repo_id), None
    except EvalToolError as error:
        return [], error.message


# --------------------------------------------------------------------------- the run


def run_batch(
    targets: list[tuple[HubModel, int | None]],
    request: BatchRequest,
    *,
    client: HubClient,
    registry: Registry,
    aa_catalog: Any = None,
    failed: list[tuple[str, str]] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    stop: threading.Event | None = None,
) -> BatchRun:
    """Every target once (those a write run handled before are skipped), report line by line.

    Ctrl-C (KeyboardInterrupt) or `stop` ends the run after the model in hand: every line
    already in batch.jsonl is whole, batch.md is rebuilt, and a rerun carries on.
    """
    report = Report(request.report_dir)
    done_before = report.handled() if request.create_pr else set()
    todo = [(m, rank) for m, rank in targets if m.id not in done_before]
    skipped = [m.id for m, _ in targets if m.id in done_before]
    lock_dir = request.lock_dir or default_lock_dir()
    outcomes: list[ModelOutcome] = []
    stopped: str | None = None
    stop = stop or threading.Event()
    last_write: float | None = None

    def record(outcome: ModelOutcome) -> None:
        outcome.at = _now()
        report.append(outcome)
        outcomes.append(outcome)

    for repo, error in failed or []:
        record(ModelOutcome(repo, None, request.mode, "error", error))

    def work(item: tuple[HubModel, int | None]) -> _Prepared:
        model, rank = item
        prepared = prepare(client, registry, model, rank, request, aa_catalog)
        if prepared.outcome is None and not request.create_pr:
            # A preview writes nothing: it can run in the worker too.
            prepared.outcome = _publish_one(client, registry, prepared, request, lock_dir)
        return prepared

    try:
        for done in as_completed_bounded(work, todo, concurrency=request.concurrency, stop=stop):
            model, rank = done.item
            if not done.ok or done.value is None:
                record(ModelOutcome(model.id, rank, request.mode, "error", done.error or "?"))
                continue
            prepared = done.value
            if prepared.outcome is not None:
                would = prepared.outcome.status == "would-open-pr"
                if would and request.max_prs is not None and _opened(outcomes) >= request.max_prs:
                    continue  # a preview of --max-prs N shows the N PRs the write run opens
                record(prepared.outcome)
                if would and request.max_prs is not None and _opened(outcomes) >= request.max_prs:
                    stop.set()
                    stopped = f"--max-prs {request.max_prs} reached"
                continue
            if request.max_prs is not None and _opened(outcomes) >= request.max_prs:
                stop.set()
                stopped = f"--max-prs {request.max_prs} reached"
                continue  # not recorded: a later run handles it
            if last_write is not None and request.pause > 0:
                sleep(max(0.0, request.pause - (time.monotonic() - last_write)))
            try:
                outcome = _publish_one(client, registry, prepared, request, lock_dir)
            except EvalToolError as error:
                outcome = ModelOutcome(model.id, rank, request.mode, "error", error.message)
            last_write = time.monotonic()
            record(outcome)
            if request.max_prs is not None and _opened(outcomes) >= request.max_prs:
                stop.set()
                stopped = f"--max-prs {request.max_prs} reached"
    except KeyboardInterrupt:
        stopped = "interrupted"
    finally:
        markdown = report.write_markdown()
    return BatchRun(
        outcomes=outcomes, skipped=skipped, stopped=stopped, report=report.path, markdown=markdown
    )


def _opened(outcomes: list[ModelOutcome]) -> int:
    """PRs opened, or in a preview the PRs it would open."""
    return sum(1 for o in outcomes if o.status in ("pr-opened", "would-open-pr"))
