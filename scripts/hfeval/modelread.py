"""One model's published results, as `trending`, `collect` and `batch` need them.

What is on `main` (model-index and `.eval_results`, read at the listing's commit) and what
each *open* pull request adds (its changed result files, read at the PR's head commit).
Closed and merged PRs are never read: a merged one is on main, a closed one was turned
down. The requests, for a model the listing already described (sha and file list):
the open PRs (one), each open PR's details with its diff (one each), README.md and each
`.eval_results/*.yaml` on main, and each result file a result PR changes.

A model whose card cannot be read is a status, not an exception: `gated` (the Hub
refuses the files), `no-card`, `broken-card` (bad YAML, invalid model-index, not UTF-8).
A result PR that no longer applies (the Hub reports conflicting files) or whose files do
not parse is listed in `pr_problems` and its values left out; the model stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .benchmarks import Registry
from .cards import CardResult, RepoFiles, read_card_results
from .errors import GatedOrPrivate, InputError, NothingFound
from .hub import (
    MODEL_EXPAND,
    HubClient,
    HubModel,
    ResultPR,
    is_result_file,
    result_pr_from_details,
)

README = "README.md"

# What a batch listing asks the Hub for: the default fields plus the file list, so a
# model's card files are known without one more request.
LISTING_EXPAND: tuple[str, ...] = tuple(sorted((*MODEL_EXPAND, "siblings")))

STATUSES = ("ok", "no-card", "broken-card", "gated", "error")


@dataclass(frozen=True)
class OpenPR:
    """An open (or draft) PR as the listing shows it: enough to tell whether it changed."""

    num: int
    title: str
    author: str
    status: str

    def key(self) -> list:
        return [self.num, self.status, self.title, self.author]


@dataclass
class PRRead:
    """A result PR and the values it adds (at its head commit)."""

    pr: ResultPR
    head: str | None
    results: list[CardResult] = field(default_factory=list)
    problem: str | None = None


@dataclass
class ModelRead:
    model: HubModel
    status: str  # one of STATUSES
    detail: str | None = None
    files: RepoFiles | None = None
    results: list[CardResult] = field(default_factory=list)  # readable values on main
    prs: list[PRRead] = field(default_factory=list)  # open result PRs
    open_prs: list[OpenPR] = field(default_factory=list)

    @property
    def readme(self) -> str | None:
        return self.files.readme if self.files else None

    @property
    def pr_problems(self) -> list[str]:
        return [f"PR #{p.pr.num}: {p.problem}" for p in self.prs if p.problem]


def open_prs(client: HubClient, repo_id: str) -> list[OpenPR]:
    """The model's open and draft PRs (one request for fewer than 50)."""
    return [
        OpenPR(d.num, d.title, d.author, d.status)
        for d in client.open_prs(repo_id)
        if d.is_pull_request and d.status in ("open", "draft")
    ]


def is_gated(model: HubModel) -> bool:
    return bool(model.gated) and model.gated is not False


def read_model(
    client: HubClient,
    model: HubModel,
    registry: Registry,
    *,
    pr_values: bool = True,
    listed_prs: list[OpenPR] | None = None,
    shared_read: bool = False,
) -> ModelRead:
    """Main's values and the open result PRs of one model (see the module docstring).

    `model` must carry `sha` and `files` (a listing with LISTING_EXPAND, or `model()`);
    `listed_prs` is the open PR listing when the caller already made it. `shared_read`
    reads main through `client.read_repo_files` (one more request), whose cache a later
    `publish` on the same client reuses instead of reading the card again. Hub failures
    other than a gated repo raise (the caller reports the model as `error`).
    """
    prs = listed_prs if listed_prs is not None else open_prs(client, model.id)
    read = ModelRead(model=model, status="ok", open_prs=prs)
    try:
        if shared_read:
            read.files = client.read_repo_files(model.id)
            model.sha = read.files.revision
        else:
            read.files = _main_files(client, model)
    except GatedOrPrivate:
        read.status, read.detail = "gated", "accept the terms or use a token with access"
        return read
    except InputError as error:
        read.status, read.detail = "broken-card", error.message
        return read
    if read.files.readme is None and not read.files.eval_results:
        read.status, read.detail = "no-card", "no README.md"
    else:
        values = read_card_results(read.files, registry)
        broken = [v for v in values if v.problem] + [
            v for v in values if not v.problem and not _is_number(v.value)
        ]
        if broken:
            first = broken[0]
            where = ":".join(p for p in (first.path, first.yaml_path) if p)
            what = first.problem or f"value {first.value!r} is not a number"
            more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
            read.status, read.detail = "broken-card", f"{where}: {what}{more}"
        else:
            read.results = values
    read.prs = _result_prs(client, model.id, prs, registry, pr_values=pr_values)
    return read


def _main_files(client: HubClient, model: HubModel) -> RepoFiles:
    if model.sha is None or model.files is None:
        listing = client.list_files(model.id, revision=model.sha)
        model.sha, model.files = listing.revision, listing.files
    sha = model.sha
    readme = _text(client, model.id, README, sha) if README in model.files else None
    results = {
        path: _text(client, model.id, path, sha)
        for path in sorted(model.files)
        if is_result_file(path)
    }
    return RepoFiles(readme=readme, eval_results=results, revision=sha)


def _text(client: HubClient, repo_id: str, path: str, revision: str) -> str:
    data = client.read_file(repo_id, path, revision=revision)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path} is not valid UTF-8 (byte {error.start})") from None


def _result_prs(
    client: HubClient,
    repo_id: str,
    prs: list[OpenPR],
    registry: Registry,
    *,
    pr_values: bool,
) -> list[PRRead]:
    out: list[PRRead] = []
    for listed in prs:
        details = client.pr_details(repo_id, listed.num)
        pr = result_pr_from_details(details, client.pr_url(repo_id, listed.num))
        if pr is None:
            continue
        read = PRRead(pr=pr, head=_head_oid(details))
        conflicts = getattr(details, "conflicting_files", None)
        if conflicts:
            named = ", ".join(conflicts) if isinstance(conflicts, list) else "its files"
            read.problem = f"no longer applies (conflicts in {named}); its values are left out"
        elif pr_values:
            _read_pr_values(client, repo_id, read, registry)
        out.append(read)
    return out


def _read_pr_values(client: HubClient, repo_id: str, read: PRRead, registry: Registry) -> None:
    revision = read.head or f"refs/pr/{read.pr.num}"
    files = RepoFiles(readme=None, revision=revision)
    for path in read.pr.files:
        if path != README and not is_result_file(path):
            continue
        try:
            text = _text(client, repo_id, path, revision)
        except NothingFound:  # the PR deletes the file: it adds no value there
            continue
        except InputError as error:
            read.problem = f"{error.message}; its values are left out"
            return
        if path == README:
            files.readme = text
        else:
            files.eval_results[path] = text
    values = read_card_results(files, registry)
    bad = [v for v in values if v.problem or not _is_number(v.value)]
    if bad:
        where = ":".join(p for p in (bad[0].path, bad[0].yaml_path) if p)
        read.problem = (
            f"{where}: {bad[0].problem or 'a value is not a number'}; its values are left out"
        )
        return
    read.results = values


def _head_oid(details: Any) -> str | None:
    """The PR's head commit: the last commit event (the Hub lists events oldest first)."""
    oid = None
    for event in getattr(details, "events", None) or []:
        if getattr(event, "type", None) == "commit" and getattr(event, "oid", None):
            oid = event.oid
    return oid


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def value_key(result: CardResult) -> tuple:
    """What makes two card values the same value: format, benchmark, setting, metric, number."""
    return (
        result.format,
        result.benchmark_id or (result.benchmark or "").lower(),
        result.setting_label,
        result.metric,
        float(result.value) if _is_number(result.value) else result.value,
    )


def pr_additions(read: ModelRead, pr: PRRead) -> list[CardResult]:
    """The values an open PR holds that main does not (a PR repeating main's value adds nothing)."""
    on_main = {value_key(v) for v in read.results}
    return [v for v in pr.results if value_key(v) not in on_main]
