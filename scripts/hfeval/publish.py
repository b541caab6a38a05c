"""Publishing as a library call: Results, a target and a mode in; an outcome value out.

README extraction, Artificial Analysis imports, inspect runs, hand-entered values and
batch runs over many models all call `publish`, so the guards live in one place:
- before anything else, the registry's range and scale rules (value_guards, the rules
  `validate` reports): a value outside them is left out with a warning, a value printed on
  the other scale where its source says so (a 0-1 table) is converted, and when nothing
  is left the call is refused (`ValuesRefused`), in a preview as in every write;
- the preview (the default) reads the card and says exactly what would change, and
  writes nothing; asked to (`check_open_prs`), it also lists the open result PRs and
  says which already hold how much of it (`OpenPRCheck`, the duplicate guard's test);
- nothing is written twice: when the place a write goes to already holds these results
  (main for apply and create_pr, PR #N for update_pr) the outcome is `UP_TO_DATE`;
- a value that disagrees with the card is a conflict (`Conflict` raised on a write, a
  `CONFLICT` outcome in a preview) unless `overwrite`;
- apply needs the token's user or one of its orgs to own the repo (`NotOwner`);
- create_pr first lists open PRs that already touch results and refuses (`DuplicatePR`)
  unless `force_new_pr`, so a model does not collect duplicate PRs. That includes an
  open PR that already holds exactly these results: a second create_pr is refused as a
  duplicate (the PR named), not answered "up to date", because what the caller asked
  for, another PR, is what the guard forbids. update_pr adds a commit to open PR #N
  instead: a PR the token's user opened, or any open PR on a repo the user (or one of
  its orgs) owns;
- every write is one commit based on the commit we planned against, so a write either
  lands whole or not at all, and never on top of a change we have not seen.

This module never prints and never sees argparse: the command line builds a
`PublishRequest` from its flags (`arguments.request_from_args`), renders the outcome
(`output.render_publish`) and maps it to an exit code (`cli.exit_code`). Failures are
the typed errors of `errors.py`, raised with their message, details and --json payload.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import TOOL_NAME, __version__
from .cards import (
    RepoFiles,
    UpdatePlan,
    ValueConflict,
    eval_results_path,
    metric_display_name,
    plan_update,
    results_to_eval_results_entries,
    results_to_model_index,
    unified_diff,
)
from .errors import (
    Conflict,
    DuplicatePR,
    EvalToolError,
    HubError,
    InputError,
    NothingFound,
    NotOwner,
    Refused,
    UsageError,
    UserNote,
    ValuesRefused,
)
from .results import SOURCE_LABELS, Result, SourceKind
from .value_guards import Converted, Guarded, LeftOut, guard_results

if TYPE_CHECKING:
    from .benchmarks import Registry
    from .hub import CommitOutcome, HubClient, ResultPR

Format = Literal["model-index", "eval-results"]
ALL_FORMATS: frozenset[Format] = frozenset(("model-index", "eval-results"))


# How many open result PRs the duplicate guard reads to say which already holds the results.
_HOLDING_CHECK_LIMIT = 3


class Mode(StrEnum):
    """Where the results go: nowhere (preview), main, a new PR, or an open PR."""

    PREVIEW = "preview"
    APPLY = "apply"
    CREATE_PR = "create_pr"
    UPDATE_PR = "update_pr"

    @property
    def writes(self) -> bool:
        return self is not Mode.PREVIEW

    @property
    def flag(self) -> str:
        """The command-line flag that asks for this mode, for messages: "--create-pr"."""
        return "--dry-run" if self is Mode.PREVIEW else "--" + self.value.replace("_", "-")


class Status(StrEnum):
    """What a publish call did. `cli.EXIT_FOR_STATUS` maps each to its exit code."""

    PREVIEWED = "previewed"  # nothing written; the outcome says what would change
    CONFLICT = "conflict"  # previewed, but values differ from the card's (a write is refused)
    UP_TO_DATE = "up_to_date"  # the target already holds these results; nothing written
    COMMITTED = "committed"  # one commit on main
    PR_OPENED = "pr_opened"  # one new pull request
    PR_UPDATED = "pr_updated"  # one more commit on an open pull request

    @property
    def written(self) -> bool:
        return self in (Status.COMMITTED, Status.PR_OPENED, Status.PR_UPDATED)

    @property
    def json_status(self) -> str:
        """The documented --json `status`: preview | conflict | up_to_date | written."""
        if self.written:
            return "written"
        return "preview" if self is Status.PREVIEWED else self.value


@dataclass(frozen=True, kw_only=True)
class PublishRequest:
    """Where results go and how: everything `publish` needs besides the results.

    `repo_id`: the model repo (None: preview against `readme_path`, or a new card).
    `model_name`: the model-index entry name. `origin`: the kind of source the results
    come from (it names the `.eval_results/<origin>.yaml` file and the PR title).
    `readme_path`: a local README to preview against (no network); writes always read
    the Hub. `pr_number`: the open PR that `Mode.UPDATE_PR` adds to. `command`: the
    command named in the PR body ("extract-readme"). `lock_dir`: where the per-repo lock
    files of PR writes live (locks.py; None: $HFEVAL_LOCK_DIR or the cache folder).
    """

    repo_id: str | None
    model_name: str
    origin: SourceKind
    mode: Mode = Mode.PREVIEW
    formats: frozenset[Format] = ALL_FORMATS
    overwrite: bool = False
    force_new_pr: bool = False
    pr_number: int | None = None
    eval_results_name: str | None = None
    readme_path: str | None = None
    extra_pr_notes: tuple[str, ...] = ()
    command: str | None = None
    lock_dir: Path | None = None  # the per-repo write locks (locks.py); None: the default
    # A preview of a Hub repo also lists its open result PRs (read only) and says which
    # already hold these results (`OpenPRCheck`); the commands ask for it, a batch does not.
    check_open_prs: bool = False

    def check(self) -> None:
        """Refuse combinations that cannot be right (UsageError), before any request."""
        if self.force_new_pr and self.mode is not Mode.CREATE_PR:
            raise UsageError("--force-new-pr goes with --create-pr")
        if self.mode.writes and not self.repo_id:
            raise UsageError(
                f"{self.mode.flag} needs --repo-id: a local file has nowhere to be written"
            )
        if (self.mode is Mode.UPDATE_PR) != (self.pr_number is not None):
            raise UsageError("a pull request number goes with --update-pr, and only there")
        if not self.formats or not set(self.formats) <= ALL_FORMATS:
            raise UsageError(f"formats must be model-index and/or eval-results, not {self.formats}")

    @property
    def eval_results_file(self) -> str:
        return eval_results_path(self.origin, self.eval_results_name)


@dataclass(frozen=True)
class Skipped:
    """A result some requested format could not hold, and the planner's reason.

    `kept_in`: the formats it still reaches (model-index for an unmapped benchmark or one
    without a Hub Benchmark dataset); `left_out_of`: the requested formats it is missing
    from (every one for a value that is not a number).
    """

    result: Result
    reason: str
    kept_in: tuple[Format, ...]
    left_out_of: tuple[Format, ...]

    @property
    def model_index_only(self) -> bool:
        return self.kept_in == ("model-index",)

    def to_dict(self) -> dict[str, Any]:
        return {
            "result": self.result.to_dict(),
            "reason": self.reason,
            "kept_in": list(self.kept_in),
            "left_out_of": list(self.left_out_of),
        }


@dataclass(frozen=True)
class PRHolding:
    """How much of what a preview would write one open result PR already holds.

    `of`: the results the preview would add; `holds`: how many of them the PR holds;
    `differs`: how many it holds with another value; `holds_all`: planning these results
    against the PR writes nothing (the duplicate guard's test, `_holds_all`). None where
    the PR was not read (past the first few, or unreadable).
    """

    pr: ResultPR
    of: int
    holds: int | None = None
    differs: int | None = None
    holds_all: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        pr = self.pr
        return {
            "num": pr.num,
            "url": pr.url,
            "author": pr.author,
            "title": pr.title,
            "holds": self.holds,
            "of": self.of,
            "differs": self.differs,
            "holds_all": self.holds_all,
        }


@dataclass(frozen=True)
class OpenPRCheck:
    """A preview's look at the repo's open result PRs: what --create-pr would meet.

    `checked`: False when they could not be listed (`error` says why; the preview stands).
    `create_pr_refused`: whether the duplicate guard would refuse --create-pr (any open
    result PR; None when unchecked). `prs`: each open result PR and what it holds.
    """

    checked: bool
    error: str | None = None
    create_pr_refused: bool | None = None
    prs: tuple[PRHolding, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "error": self.error,
            "create_pr_refused": self.create_pr_refused,
            "prs": [h.to_dict() for h in self.prs],
        }


@dataclass(frozen=True, kw_only=True)
class PublishOutcome:
    """What one publish call found and did; `to_dict()` is the command's --json object.

    `results`: the results asked for (`plan.added` says which are new). `revision`: the
    commit the plan was made against (None for a local file). `document`: the results in
    each requested format, as a preview shows them (conflicting values left out).
    `commit`: the commit written (None unless `written`). `pull_requests`: the open result
    PRs the duplicate guard saw (None when it was not asked: every mode but create_pr).
    `message`: one line a person reads. `open_pr_check`: a preview's look at the open
    result PRs (None unless the request asked for it and the preview would write).
    """

    request: PublishRequest
    status: Status
    plan: UpdatePlan
    results: tuple[Result, ...]
    revision: str | None
    planned_against: str | None
    document: dict[str, Any]
    message: str
    title: str | None = None
    commit: CommitOutcome | None = None
    pull_requests: tuple[ResultPR, ...] | None = None
    skipped: tuple[Skipped, ...] = field(default=())
    # The range and scale guard (value_guards): values kept off the card, values written on
    # their benchmark's scale rather than the one printed. `results` holds neither left out.
    values_left_out: tuple[LeftOut, ...] = field(default=())
    values_converted: tuple[Converted, ...] = field(default=())

    @property
    def warnings(self) -> list[str]:
        """One line per value left out by the range and scale guard (stderr, every mode)."""
        return [left.warning() for left in self.values_left_out]

    open_pr_check: OpenPRCheck | None = None

    @property
    def written(self) -> bool:
        return self.status.written

    @property
    def ok(self) -> bool:
        return self.status is not Status.CONFLICT

    @property
    def conflicts(self) -> list[ValueConflict]:
        return self.plan.conflicts

    @property
    def diffs(self) -> dict[str, str]:
        """A unified diff per changed file (the README body is never part of one)."""
        return {
            path: unified_diff(self.plan.old_files.get(path), new, path)
            for path, new in self.plan.new_files.items()
        }

    def to_dict(self) -> dict[str, Any]:
        """The --json object: the same keys whatever the status (null where not applicable)."""
        commit, check = self.commit, self.open_pr_check
        return result_payload(
            self.request,
            ok=self.ok,
            status=self.status.json_status,
            written=self.written,
            message=self.message,
            results=self.results,
            revision=self.revision,
            planned_against=self.planned_against,
            title=self.title,
            commit=commit.to_dict() if commit else None,
            pr={"num": commit.pr_num, "url": commit.pr_url}
            if commit and commit.pr_num is not None
            else None,
            pull_requests=None
            if self.pull_requests is None
            else [pr.to_dict() for pr in self.pull_requests],
            values_left_out=[v.to_dict() for v in self.values_left_out],
            values_converted=[v.to_dict() for v in self.values_converted],
            open_pr_check=check.to_dict() if check else None,
            holding=[h.pr.num for h in check.prs if h.holds_all] if check else None,
            document=self.document,
            plan=self.plan.to_dict(),
        )


# The keys of every publishing command's --json result, in order (references/hub-api.md).
RESULT_KEYS = (
    "ok",
    "status",
    "written",
    "message",
    "mode",
    "repo_id",
    "revision",
    "planned_against",
    "model_name",
    "origin",
    "formats",
    "title",
    "commit",
    "pr",
    "pull_requests",
    "open_pr_check",
    "holding",
    "closed",
    "results",
    "values_left_out",
    "values_converted",
    "document",
    "plan",
)


def result_payload(
    request: PublishRequest,
    *,
    ok: bool,
    status: str,
    written: bool,
    message: str,
    results: Sequence[Result] = (),
    **known: Any,
) -> dict[str, Any]:
    """The --json result of a publish call: every key of RESULT_KEYS, null where not known
    (a write refused by a guard knows the request and the results, not a commit)."""
    unknown = set(known) - set(RESULT_KEYS)
    if unknown:
        raise ValueError(f"not result keys: {sorted(unknown)}")
    fields = {
        **known,
        "ok": ok,
        "status": status,
        "written": written,
        "message": message,
        "mode": request.mode.value,
        "repo_id": request.repo_id,
        "model_name": request.model_name,
        "origin": request.origin,
        "formats": sorted(request.formats),
        "results": [r.to_dict() for r in results],
    }
    return {key: fields.get(key) for key in RESULT_KEYS}


# The --json `status` of a publish call that raised, by error class: the first that the error
# is an instance of (narrow refusals before `Refused`); any other failure is "error".
_ERROR_STATUSES: tuple[tuple[type[EvalToolError], str], ...] = (
    (DuplicatePR, "duplicate_pr"),
    (Conflict, "conflict"),
    (NotOwner, "not_owner"),
    (ValuesRefused, "values_refused"),
    (Refused, "refused"),
    (NothingFound, "nothing"),
    (UsageError, "usage_error"),
)


def _error_status(error: EvalToolError) -> str:
    return next((status for kind, status in _ERROR_STATUSES if isinstance(error, kind)), "error")


def publish(
    results: Sequence[Result],
    *,
    request: PublishRequest,
    client: HubClient | None = None,
    registry: Registry | None = None,
) -> PublishOutcome:
    """Plan `results` into the card of `request.repo_id` and preview or write them.

    `client`: a HubClient to reuse (what it already read is not asked for again; a batch
    passes one for all its models); one is made when the Hub is needed. Raises UsageError,
    NothingFound, HubError, NotOwner, Conflict, DuplicatePR, whose --json payload is the
    result object (`result_payload`: the outcome's keys, `written` false) plus what the
    error sets (`holding`, `closed`, `pull_requests`); prints nothing.
    """
    from .benchmarks import load_registry

    registry = registry or load_registry()
    # The registry's range and scale rules, before the card is read or anything written:
    # what a refusal reports too (the values it would have written, the ones left out).
    guarded = guard_results(tuple(results), registry)
    try:
        return _publish(guarded, request=request, client=client, registry=registry)
    except EvalToolError as error:
        shape = result_payload(
            request,
            ok=False,
            status=_error_status(error),
            written=False,
            message=error.message,
            results=guarded.kept,
            values_left_out=[v.to_dict() for v in guarded.left_out],
            values_converted=[v.to_dict() for v in guarded.converted],
        )
        error.payload = {**shape, **error.payload, "ok": False, "written": False}
        if not isinstance(error, ValuesRefused):  # which lists them as its details
            for line in guarded.warnings():
                warnings.warn(UserNote(line), stacklevel=2)
        raise


def _publish(
    guarded: Guarded,
    *,
    request: PublishRequest,
    client: HubClient | None,
    registry: Registry,
) -> PublishOutcome:
    request.check()
    if not guarded.kept and not guarded.left_out:
        raise NothingFound("no results to publish")
    if not guarded.kept:
        raise _values_refused(guarded)
    results = guarded.kept
    mode = request.mode
    repo_id = request.repo_id

    revision = None  # where we plan against: None (main) or refs/pr/N
    if mode is Mode.PREVIEW and (request.readme_path or not repo_id):
        files = local_repo_files(request.readme_path)
    else:
        assert repo_id  # request.check: every write has a repo
        if client is None:
            from .hub import HubClient

            client = HubClient()
        if mode.writes and not client.has_token:
            raise HubError(
                "writing needs a Hugging Face token: set HF_TOKEN or run `hf auth login`"
            )
        if mode is Mode.APPLY:
            identity = client.whoami()
            if not identity.owns(repo_id):
                raise NotOwner(
                    f"{identity.name} cannot write to {repo_id}: neither the user nor one of its orgs owns it",
                    details=["use --create-pr to propose the change as a pull request"],
                )
        elif mode is Mode.UPDATE_PR:
            assert request.pr_number is not None  # request.check
            revision = _check_pr_is_writable(client, repo_id, request.pr_number)
        files = client.read_repo_files(repo_id, revision)

    plan = _plan(files, results, request, registry)
    conflicting = {id(c.result) for c in plan.conflicts}
    shown = [r for r in results if id(r) not in conflicting]
    # The entry name the write uses (the card's own spelling of an existing entry).
    entry_name = plan.model_index_name or request.model_name
    document = preview_document(
        shown, entry_name, request.formats, registry, request.eval_results_file
    )
    planned_against = revision or ("main" if repo_id and files.revision else request.readme_path)

    def outcome(status: Status, message: str, **written: Any) -> PublishOutcome:
        return PublishOutcome(
            request=request,
            status=status,
            plan=plan,
            results=results,
            revision=files.revision,
            planned_against=planned_against,
            document=document,
            message=message,
            skipped=_skipped(plan, request),
            values_left_out=guarded.left_out,
            values_converted=guarded.converted,
            **written,
        )

    if plan.conflicts and not request.overwrite:
        message = (
            f"{len(plan.conflicts)} value(s) differ from what the card already has: "
            "nothing written (check the sources; --overwrite replaces them)"
        )
        if mode is Mode.PREVIEW:
            return outcome(Status.CONFLICT, message)
        raise Conflict(message, details=[c.describe() for c in plan.conflicts])

    if plan.is_noop:
        where = f"pull request #{request.pr_number}" if mode is Mode.UPDATE_PR else "the card"
        if plan.already_present:
            message = (
                f"already up to date: {where} already holds these "
                f"{len(plan.already_present)} result(s); nothing written"
            )
        else:
            message = "nothing to write: " + "; ".join(
                sorted({f"{r.benchmark} ({why})" for r, why in plan.skipped})[:10]
            )
        return outcome(Status.UP_TO_DATE, message)

    title = pr_title(plan, request.origin, request.eval_results_name)
    if mode is Mode.PREVIEW:
        message = f"preview: {plan.summary()}; nothing written"
        if request.check_open_prs and repo_id and client is not None:
            check, seen = _check_open_prs(client, repo_id, results, plan, request, registry)
            return outcome(
                Status.PREVIEWED, message, title=title, open_pr_check=check, pull_requests=seen
            )
        return outcome(Status.PREVIEWED, message, title=title)

    assert client is not None and repo_id
    prs: tuple[ResultPR, ...] | None = None
    unchecked = None
    # PR writes hold the repo's lock (locks.py) from the duplicate check to the re-listing.
    with _pr_write_lock(request, client.endpoint):
        if mode is Mode.CREATE_PR:
            prs = tuple(client.result_prs(repo_id))
            if _guard_refuses(prs, request.force_new_pr):
                raise _duplicate_pr(client, repo_id, prs, results, request, registry)
        # One commit for every mode: to main, as a new PR, or onto PR N, based on the
        # commit we planned against.
        commit = client.commit(
            repo_id,
            plan.new_files,
            message=title,
            description=pr_body(plan, request, guarded),
            create_pr=mode is Mode.CREATE_PR,
            revision=revision,
            parent_commit=files.revision,
        )
        if mode is Mode.CREATE_PR and not request.force_new_pr:
            unchecked = _close_if_opened_twice(client, repo_id, commit, results, request, registry)
    if mode is Mode.CREATE_PR:
        status, message = Status.PR_OPENED, f"opened pull request #{commit.pr_num}: {commit.pr_url}"
        if unchecked:
            message += f" (the open PRs could not be listed again: {unchecked})"
    elif mode is Mode.UPDATE_PR:
        status = Status.PR_UPDATED
        message = f"added a commit to pull request #{commit.pr_num}: {commit.pr_url}"
    else:
        status, message = Status.COMMITTED, f"committed to main: {commit.commit_url}"
    return outcome(status, message, title=title, commit=commit, pull_requests=prs)


def _values_refused(guarded: Guarded) -> ValuesRefused:
    """Every value is outside its benchmark's range or on a scale its source does not state."""
    count = len(guarded.left_out)
    return ValuesRefused(
        f"all {count} value(s) are outside their benchmark's range or on a likely wrong "
        "scale: nothing written",
        details=guarded.warnings(),
    )  # its --json status and values_left_out: publish() puts them in every error's object


def _plan(
    files: RepoFiles, results: Sequence[Result], request: PublishRequest, registry: Registry
) -> UpdatePlan:
    return plan_update(
        files,
        list(results),
        model_name=request.model_name,
        formats=set(request.formats),
        origin=request.origin,
        registry=registry,
        overwrite=request.overwrite,
        eval_results_name=request.eval_results_name,
        repo_id=request.repo_id,
    )


def _skipped(plan: UpdatePlan, request: PublishRequest) -> tuple[Skipped, ...]:
    """The plan's skips with the formats each still reaches and is missing from.

    A skipped result that the plan still places (added, present, conflicting) reached
    model-index, so only `.eval_results` left it out: the planner skips a model-index
    entry only for a value that is not a number, which `.eval_results` refuses too.
    """
    placed = {id(r) for r in (*plan.added, *plan.already_present)}
    placed |= {id(c.result) for c in (*plan.conflicts, *plan.replaced)}
    every: tuple[Format, ...] = tuple(sorted(request.formats))
    out = []
    for result, why in plan.skipped:
        if id(result) in placed:
            out.append(Skipped(result, why, ("model-index",), ("eval-results",)))
        else:
            out.append(Skipped(result, why, (), every))
    return tuple(out)


def _duplicate_pr(
    client: HubClient,
    repo_id: str,
    prs: Sequence[ResultPR],
    results: Sequence[Result],
    request: PublishRequest,
    registry: Registry,
) -> DuplicatePR:
    """The refusal of create_pr while result PRs are open, naming one that holds these results."""
    holding = _prs_holding(client, repo_id, prs, results, request, registry)
    details = [
        pr.describe() + (" - already holds all of these results" if pr.num in holding else "")
        for pr in prs
    ]
    if holding:
        # The same write again: a duplicate of that PR, named first.
        message = (
            f"duplicate pull request refused: open pull request #{holding[0]} on "
            f"{repo_id} already holds these results; nothing written"
        )
        hint = (
            f"nothing new to propose: review or merge #{holding[0]}; "
            "open another anyway with --force-new-pr"
        )
    else:
        message = (
            f"duplicate pull request refused: {len(prs)} open pull request(s) on "
            f"{repo_id} already touch evaluation results; nothing written"
        )
        hint = (
            "review or merge them; add to one with --update-pr N (a PR you opened, "
            "or any on a repo you own); or open another anyway with --force-new-pr"
        )
    return DuplicatePR(
        message,
        details=details + [hint],
        payload={
            "status": "duplicate_pr",
            "holding": holding,
            "pull_requests": [pr.to_dict() for pr in prs],
        },
    )


def _prs_holding(
    client: HubClient,
    repo_id: str,
    prs: Sequence[ResultPR],
    results: Sequence[Result],
    request: PublishRequest,
    registry: Registry,
) -> list[int]:
    """Which of the (first few) open result PRs already hold exactly these results.

    Only asked on the refusal path, to say "nothing to do" rather than just "refused".
    """
    holdings = _holdings(client, repo_id, prs, results, request, registry, wanted=results)
    return [h.pr.num for h in holdings if h.holds_all]


def _guard_refuses(prs: Sequence[ResultPR], force_new_pr: bool) -> bool:
    """The duplicate guard: --create-pr is refused while any result PR is open."""
    return bool(prs) and not force_new_pr


def _holds_all(plan: UpdatePlan) -> bool:
    """A PR holds every one of the results: planning them against it writes nothing and
    conflicts with nothing (the duplicate guard's equivalence test)."""
    return plan.is_noop and not plan.conflicts


def _holdings(
    client: HubClient,
    repo_id: str,
    prs: Sequence[ResultPR],
    results: Sequence[Result],
    request: PublishRequest,
    registry: Registry,
    *,
    wanted: Sequence[Result],
) -> tuple[PRHolding, ...]:
    """What each of the first few open result PRs holds of `wanted` (the results a write
    would add), planning `results` against the PR's files; the rest are not read."""
    ids = {id(r) for r in wanted}
    out = []
    for index, pr in enumerate(prs):
        if index >= _HOLDING_CHECK_LIMIT:
            out.append(PRHolding(pr, of=len(wanted)))
            continue
        try:
            plan = _plan(
                client.read_repo_files(repo_id, f"refs/pr/{pr.num}"), results, request, registry
            )
        except EvalToolError:
            out.append(PRHolding(pr, of=len(wanted)))  # the refusal stands either way
            continue
        out.append(
            PRHolding(
                pr,
                of=len(wanted),
                holds=sum(id(r) in ids for r in plan.already_present),
                differs=len({id(c.result) for c in plan.conflicts} & ids),
                holds_all=_holds_all(plan),
            )
        )
    return tuple(out)


def _check_open_prs(
    client: HubClient,
    repo_id: str,
    results: Sequence[Result],
    plan: UpdatePlan,
    request: PublishRequest,
    registry: Registry,
) -> tuple[OpenPRCheck, tuple[ResultPR, ...] | None]:
    """A preview's read-only look at the open result PRs: would --create-pr be refused, and
    which PR already holds how much of what the preview would add. A listing that fails is
    said, never fatal (the preview stands; --create-pr checks again before writing)."""
    try:
        prs = tuple(client.result_prs(repo_id))
    except EvalToolError as error:
        return OpenPRCheck(checked=False, error=error.message), None
    holdings = _holdings(client, repo_id, prs, results, request, registry, wanted=plan.added)
    return OpenPRCheck(True, None, _guard_refuses(prs, request.force_new_pr), holdings), prs


def _pr_write_lock(request: PublishRequest, endpoint: str) -> AbstractContextManager[Any]:
    """The per-repo lock for --create-pr and --update-pr (no lock for --apply: a commit to
    main is based on the commit we read, and the Hub refuses it if main moved)."""
    if request.mode in (Mode.CREATE_PR, Mode.UPDATE_PR) and request.repo_id:
        from .locks import repo_lock

        return repo_lock(request.lock_dir, endpoint, request.repo_id)
    return nullcontext()


def _close_if_opened_twice(
    client: HubClient,
    repo_id: str,
    commit: CommitOutcome,
    results: Sequence[Result],
    request: PublishRequest,
    registry: Registry,
) -> str | None:
    """After opening PR #N: if an equivalent PR of the same author was opened meanwhile (a
    run on another machine, which no local lock sees), close ours and refuse as a duplicate.

    Equivalent: open, older (a lower number), by the author of ours, and already holding
    every one of these results (planning them against it writes nothing and conflicts with
    nothing). The older one stays, so two racing runs agree on which PR survives. Raises
    DuplicatePR (the older PR named, ours closed with a comment saying why); returns None
    when ours stands, or why the open PRs could not be listed again (ours then stands:
    the guard before the write saw no PR).
    """
    ours = commit.pr_num
    if ours is None:
        return None
    try:
        listing = client.open_prs(repo_id)
    except EvalToolError as error:
        return error.message
    mine = next((d for d in listing if d.num == ours), None)
    if mine is None:
        return None
    older = sorted(
        (
            d
            for d in listing
            if d.is_pull_request
            and d.num < ours
            and d.author == mine.author
            and d.status in ("open", "draft")
        ),
        key=lambda d: d.num,
    )
    for other in older[:_HOLDING_CHECK_LIMIT]:
        try:
            plan = _plan(
                client.read_repo_files(repo_id, f"refs/pr/{other.num}"), results, request, registry
            )
        except EvalToolError:
            continue
        if not _holds_all(plan):
            continue
        url = client.pr_url(repo_id, other.num)
        shown = _result_pr(client, repo_id, other.num)
        client.close_pr(
            repo_id,
            ours,
            comment=(
                f"Closed as a duplicate of #{other.num}, which holds these same results and was "
                f"opened a moment earlier by another run of {TOOL_NAME} ({url})."
            ),
        )
        raise DuplicatePR(
            f"duplicate pull request: #{other.num} on {repo_id}, opened meanwhile by another "
            f"run, already holds these results; closed #{ours}, which this run had just opened",
            details=[f"#{other.num} by {other.author}: {url}", f"review or merge #{other.num}"],
            payload={
                "status": "duplicate_pr",
                "holding": [other.num],
                "closed": ours,
                "pull_requests": [shown.to_dict()] if shown else [],
            },
        )
    return None


def _result_pr(client: HubClient, repo_id: str, num: int) -> ResultPR | None:
    """PR #num as get-prs shows it, for the refusal's --json (None when it cannot be read)."""
    from .hub import result_pr_from_details

    try:
        return result_pr_from_details(client.pr_details(repo_id, num), client.pr_url(repo_id, num))
    except EvalToolError:
        return None


def _check_pr_is_writable(client: HubClient, repo_id: str, num: int) -> str:
    """update_pr: the PR must be open, and opened by the token's user, or on a repo that the
    user or one of its orgs owns (the Hub lets a repo's owners push to any PR on it; so do we,
    deliberately: maintainers fixing a contributor's results PR is the common case)."""
    details = client.pr_details(repo_id, num)
    if not details.is_pull_request:
        raise UsageError(f"#{num} on {repo_id} is a discussion, not a pull request")
    if details.status not in ("open", "draft"):
        raise NothingFound(
            f"pull request #{num} on {repo_id} is {details.status}: open a new one with --create-pr"
        )
    identity = client.whoami()
    if details.author != identity.name and not identity.owns(repo_id):
        raise NotOwner(
            f"pull request #{num} on {repo_id} was opened by {details.author}, and {identity.name} "
            f"neither opened it nor owns {repo_id}: nothing written",
            details=["comment on it instead, or open your own with --create-pr --force-new-pr"],
        )
    return f"refs/pr/{num}"


def local_repo_files(readme_path: str | None, eval_results_dir: str | None = None) -> RepoFiles:
    """A local README and its `.eval_results/*.yaml` (default: the folder beside it), as RepoFiles."""
    if not readme_path:
        return RepoFiles(readme=None, eval_results={}, revision=None)
    from .readme_input import read_local_text

    path = Path(readme_path)
    readme = read_local_text(readme_path)  # the one local reader: its decoding policy
    folder = Path(eval_results_dir) if eval_results_dir else path.parent / ".eval_results"
    if eval_results_dir and not folder.is_dir():
        raise InputError(f"{eval_results_dir} is not a folder")
    eval_results: dict[str, str] = {}
    if folder.is_dir():
        for file in sorted(folder.glob("*.y*ml")):
            try:
                eval_results[f".eval_results/{file.name}"] = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise InputError(f"cannot read {file}: {error}") from None
    return RepoFiles(readme=readme, eval_results=eval_results, revision=None)


# --------------------------------------------------------------------------- documents


def preview_document(
    results: Sequence[Result],
    model_name: str,
    formats: frozenset[Format] | set[str],
    registry: Registry,
    eval_results_file: str,
) -> dict[str, Any]:
    """The results in each chosen format, as a preview prints them (YAML)."""
    doc: dict[str, Any] = {}
    if "model-index" in formats:
        doc["model-index"] = results_to_model_index(list(results), model_name, registry)
    if "eval-results" in formats:
        entries, _skipped = results_to_eval_results_entries(list(results), registry)
        doc["eval_results"] = {eval_results_file: entries}
    return doc


def _changed_formats(plan: UpdatePlan) -> list[str]:
    kinds = []
    if "README.md" in plan.new_files:
        kinds.append("model-index")
    if any(p.startswith(".eval_results/") for p in plan.new_files):
        kinds.append(".eval_results")
    return kinds


def pr_title(plan: UpdatePlan, origin: SourceKind, eval_results_name: str | None = None) -> str:
    """E.g. "Add 12 evaluation results from the README (model-index, .eval_results)"."""
    count = len(plan.added)
    source = SOURCE_LABELS[origin]
    if origin == "inspect" and eval_results_name:
        source = f"an inspect-ai run ({eval_results_name})"
    verb = "Update" if plan.replaced and count == len(plan.replaced) else "Add"
    noun = "evaluation result" + ("s" if count != 1 else "")
    return f"{verb} {count} {noun} from {source} ({', '.join(_changed_formats(plan))})"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _source_link(result: Result) -> str:
    source = result.source
    url = source.url
    if not url and source.path:
        url = f"{source.path}#L{source.line}" if source.line else source.path
    label = source.name or source.kind
    if source.line:
        label += f", line {source.line}"
    elif source.reference and source.kind != "readme":
        label += f" ({source.reference})"
    if url and (url.startswith(("http://", "https://"))):
        return f"[{_cell(label)}]({url})"
    return _cell(f"{label}: {url}" if url else label)


def pr_body(plan: UpdatePlan, request: PublishRequest, guarded: Guarded | None = None) -> str:
    """The PR description: every value with its setting and a link to where it was read;
    a value converted to its benchmark's scale says what was printed, and values the range
    and scale guard left out are named."""
    source = SOURCE_LABELS[request.origin]
    count = len(plan.added)
    lines = [
        f"This pull request adds {count} evaluation result{'s' if count != 1 else ''} "
        f"for **{_cell(request.model_name)}** from {source}.",
        "",
        "| Benchmark | Setting | Value | Source |",
        "| --- | --- | --- | --- |",
    ]
    replaced = {id(c.result): c for c in plan.replaced}
    printed = {id(c.result): c for c in guarded.converted} if guarded else {}
    for result in plan.added:
        value = f"{result.value:g}" if isinstance(result.value, float) else str(result.value)
        if id(result) in printed:
            conversion = printed[id(result)]
            value += (
                f" (printed {conversion.printed_value:g}, on a {conversion.printed_range} scale)"
            )
        if id(result) in replaced:
            value += f" (was {replaced[id(result)].existing_value})"
        lines.append(
            f"| {_cell(metric_display_name(result))} | {_cell(result.setting.label() or '-')} | {value} "
            f"| {_source_link(result)} |"
        )
    lines.append("")
    files = []
    for path in plan.new_files:
        if path == "README.md":
            files.append(
                "`README.md` (the `model-index` front matter only; the rest of the card is unchanged)"
            )
        else:
            files.append(f"`{path}`")
    lines.append("Files: " + ", ".join(files) + ".")
    if plan.already_present:
        lines.append(
            f"Already on the card and left as they are: {len(plan.already_present)} value(s)."
        )
    skipped = sorted({f"{r.benchmark} ({why})" for r, why in plan.skipped})
    if skipped:
        lines.append(
            "Not written to `.eval_results` (needs a Hub Benchmark dataset): "
            + ", ".join(skipped)
            + "."
        )
    if guarded:
        lines.extend(f"Not included: {left.describe()}." for left in guarded.left_out)
    lines.extend(request.extra_pr_notes)
    command = request.command
    lines += [
        "",
        "**How to correct a value:** edit it in this PR's *Files changed* tab (the `model-index` entry in "
        "README.md's front matter and/or the `.eval_results` file), or comment here with the right value "
        "and where it comes from. Each value above links to the line or log it was read from.",
        "",
        f"Generated by {TOOL_NAME} {__version__}"
        + (f" (`evaluation_manager.py {command}`)" if command else "")
        + ". Values are self-reported by the source named in each row; nothing was re-computed.",
    ]
    return "\n".join(lines) + "\n"
