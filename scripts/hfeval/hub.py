"""All Hub I/O, through huggingface_hub (HF_ENDPOINT honoured), with failures a user can act on.

Why one gateway: huggingface_hub raises a dozen exception types whose messages span many
lines and name URLs; a user needs one line that says what to do (accept the terms, the
repo does not exist, try again later), never a token, and the same line whichever command
met the failure. So every Hub call of the tool (cards, dataset and Space repos, model
listings, HF Jobs) goes through `HubClient`, which owns the three rules below.

- Translation: one table (`_RULES`) keyed by exception type (and HTTP status, who asked,
  which endpoint failed) gives the typed error and its message template. Nothing reads a
  library message's text.
- Retries: every idempotent call is retried on 429, 5xx and dropped connections by one
  `RetryPolicy` (HFEVAL_RETRIES attempts in all, default 4; first wait HFEVAL_RETRY_DELAY
  seconds, default 1, doubling; `Retry-After` in seconds or as an HTTP date honoured up to
  60 s; at most 120 s waited per call), except where huggingface_hub already retried
  (file HEAD, preupload).
- Writes that may have landed: a commit whose answer was lost (a 5xx or a dropped
  connection on the commit request itself) is checked before it is sent again: for a new
  PR, the open PRs are searched for the one we just opened (our user, our title and
  description); for a branch, its head is read (still our parent: not written; holds our
  files: written). So a retry never makes a second PR or commit. A job submission has no
  such check and is never sent twice.

The client also keeps the request count low: a README read at `main` lands in the cache
under its commit sha, so planning a write against that sha reads it again from disk, not
the network; and each object remembers what it has already asked.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from .card_common import is_result_file
from .card_diff import summarize_result_diff  # card-format knowledge; re-exported
from .errors import (
    INVALID_REPO_ID,
    BranchMoved,
    EvalToolError,
    GatedOrPrivate,
    HubError,
    InputError,
    NothingFound,
    RepoNotFound,
    UsageError,
    UserNote,
)
from .redact import redact
from .retry_after import parse_retry_after  # re-exported

if TYPE_CHECKING:
    from .cards import RepoFiles

T = TypeVar("T")
RepoType = Literal["model", "dataset", "space"]

RESULT_FILE_PREFIX = ".eval_results/"
_SHA_RE = re.compile(r"^[0-9a-f]{40}$")
GATED_MESSAGE = "gated or private: accept the terms or use a token with access"
# What a model listing asks for by default: enough to pick, size and read a model in one call.
MODEL_EXPAND: tuple[str, ...] = (
    "cardData",
    "downloads",
    "gated",
    "lastModified",
    "library_name",
    "likes",
    "pipeline_tag",
    "safetensors",
    "sha",
    "tags",
    "trendingScore",
)


# --------------------------------------------------------------------------- value types


@dataclass
class ReadmeFile:
    text: str
    revision: str  # the commit sha the text was read at (immutable, for source links)
    url_base: str  # f"{endpoint}/{repo_id}/blob/{sha}/README.md"; add f"#L{line}"


@dataclass
class Identity:
    """Who the token belongs to, and where it may write."""

    name: str
    orgs: list[str] = field(default_factory=list)
    role: str | None = None  # "read", "write", "fineGrained"
    writable: list[str] = field(
        default_factory=list
    )  # fine-grained: namespaces/repos with repo.write

    def owns(self, repo_id: str) -> bool:
        namespace = repo_id.split("/", 1)[0]
        if self.role == "read":
            return False
        if self.role == "fineGrained":
            return namespace in self.writable or repo_id in self.writable
        return namespace == self.name or namespace in self.orgs


@dataclass
class ResultPR:
    """An open PR that touches evaluation results (found from its diff, not its title)."""

    num: int
    title: str
    author: str
    created_at: str
    url: str
    status: str
    # Result files it changes (README.md for model-index, .eval_results/*.yaml) -> values it
    # adds and removes there.
    files: dict[str, dict[str, int]]
    benchmarks: list[str]  # dataset names/ids its added results name, as far as the diff shows

    @property
    def added_values(self) -> int:
        return sum(counts["added"] for counts in self.files.values())

    @property
    def adds(self) -> str:
        """One phrase: what the PR would add, e.g. "+4 in model-index, +3 in .eval_results/x.yaml"."""
        parts = []
        for path, counts in self.files.items():
            where = "model-index" if path == "README.md" else path
            change = f"+{counts['added']}"
            if counts["removed"]:
                change += f"/-{counts['removed']}"
            parts.append(f"{change} in {where}")
        named = f" ({', '.join(self.benchmarks[:6])}{', ...' if len(self.benchmarks) > 6 else ''})"
        return ", ".join(parts) + (named if self.benchmarks else "")

    def describe(self) -> str:
        return f"#{self.num} by {self.author} on {self.created_at[:10]}: {self.title!r}, {self.adds} - {self.url}"

    def to_dict(self) -> dict:
        return {**asdict(self), "added_values": self.added_values, "adds": self.adds}


@dataclass(frozen=True)
class ReadmeVerdict:
    """validate-yaml's answer: why the Hub rejects README metadata, and what it warns about."""

    errors: list[str]
    warnings: list[str]


@dataclass
class CommitOutcome:
    commit_url: str
    oid: str
    revision: str  # where the commit went: "main" or "refs/pr/N"
    pr_num: int | None = None
    pr_url: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------- listings and repos


@dataclass
class HubModel:
    """One model as a listing or model info returns it, with only the fields we use.

    Fields the call did not expand are None (not 0, not empty): "not asked" and "none"
    must not look alike to a batch that ranks or skips models.
    """

    id: str
    sha: str | None = None
    pipeline_tag: str | None = None
    library_name: str | None = None
    tags: list[str] | None = None
    downloads: int | None = None
    likes: int | None = None
    trending_score: float | None = None
    last_modified: str | None = None
    gated: bool | str | None = None  # False, "auto" or "manual"
    parameters: dict[str, int] | None = None  # safetensors parameter counts per dtype
    card_data: dict[str, Any] | None = None  # README front matter as the Hub parsed it
    files: list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RepoListing:
    """Every file path of a repo at one commit."""

    repo_id: str
    repo_type: RepoType
    revision: str  # the commit sha
    files: list[str]


def repo_label(repo_id: str, repo_type: RepoType = "model") -> str:
    """How messages name a repo: `org/name` for a model, `datasets/org/name` otherwise."""
    return repo_id if repo_type == "model" else f"{repo_type}s/{repo_id}"


def model_from_info(info: Any) -> HubModel:
    """huggingface_hub's ModelInfo -> HubModel (conversion at the edge)."""
    safetensors = getattr(info, "safetensors", None)
    card = getattr(info, "card_data", None)
    modified = getattr(info, "last_modified", None)
    siblings = getattr(info, "siblings", None)
    return HubModel(
        id=info.id,
        sha=getattr(info, "sha", None),
        pipeline_tag=getattr(info, "pipeline_tag", None),
        library_name=getattr(info, "library_name", None),
        tags=list(info.tags) if getattr(info, "tags", None) is not None else None,
        downloads=getattr(info, "downloads", None),
        likes=getattr(info, "likes", None),
        trending_score=getattr(info, "trending_score", None),
        last_modified=modified.isoformat()
        if modified is not None and hasattr(modified, "isoformat")
        else modified,
        gated=getattr(info, "gated", None),
        parameters=dict(safetensors.parameters) if safetensors is not None else None,
        card_data=card.to_dict() if card is not None else None,
        files=[s.rfilename for s in siblings] if siblings is not None else None,
    )


# --------------------------------------------------------------------------- retry policy


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long an idempotent call is tried again.

    `sleep` and `now` are injectable so tests check the waits without waiting.
    """

    attempts: int = 4
    base_delay: float = 1.0  # first wait; doubles with each attempt
    max_delay: float = 60.0  # a Retry-After beyond this: give up instead of hanging
    max_total: float = 120.0  # the most one call waits in all
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> RetryPolicy:
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {
            "attempts": max(1, int(environ.get("HFEVAL_RETRIES") or 4)),
            "base_delay": float(environ.get("HFEVAL_RETRY_DELAY") or 1.0),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def wait(self, attempt: int, retry_after: float | None, waited: float) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None to give up."""
        if attempt >= self.attempts:
            return None
        delay = self.base_delay * (2 ** (attempt - 1))
        if retry_after is not None:
            if retry_after > self.max_delay:
                return None
            delay = max(delay, retry_after)
        delay = min(delay, self.max_delay)
        if waited + delay > self.max_total:
            return None
        return delay


# --------------------------------------------------------------------------- failures


@lru_cache(maxsize=1)
def transport_errors() -> tuple[type[BaseException], ...]:
    """Connection-level failures: httpx's TransportError (huggingface_hub 2.x ships its
    fork `httpx2`, whose classes are not httpx's), and the stdlib's."""
    kinds: list[type[BaseException]] = [ConnectionError, TimeoutError]
    for module in ("httpx2", "httpx"):
        with contextlib.suppress(ImportError):
            kinds.append(importlib.import_module(module).TransportError)
    return tuple(kinds)


@lru_cache(maxsize=1)
def _never_sent_errors() -> tuple[type[BaseException], ...]:
    """Failures before the request left: it cannot have been applied."""
    kinds: list[type[BaseException]] = [ConnectionRefusedError]
    for module in ("httpx2", "httpx"):
        with contextlib.suppress(ImportError):
            mod = importlib.import_module(module)
            kinds += [mod.ConnectError, mod.ConnectTimeout]
    return tuple(kinds)


def error_causes(error: BaseException | None) -> Iterator[BaseException]:
    """The error and the errors it was raised from or during, outermost first."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


@dataclass(frozen=True)
class Failure:
    """One failed call as the translator and the retry policy read it: the exception chain,
    the HTTP status, and which request failed (method and path)."""

    error: BaseException
    chain: tuple[BaseException, ...]
    status: int | None
    method: str | None
    path: str | None
    headers: Mapping[str, str]
    body: Any  # the error response's JSON, or None

    @classmethod
    def of(cls, error: BaseException) -> Failure:
        chain = tuple(error_causes(error))
        response = next(
            (
                r
                for c in chain
                if (r := getattr(c, "response", None)) is not None
                and isinstance(getattr(r, "status_code", None), int)
            ),
            None,
        )
        request = None
        if response is not None:
            with contextlib.suppress(Exception):
                request = response.request
        else:
            for cause in chain:
                with contextlib.suppress(Exception):
                    request = getattr(
                        cause, "request", None
                    )  # httpx RequestError; raises when unset
                if request is not None:
                    break
        body = None
        if response is not None:
            with contextlib.suppress(Exception):
                body = response.json()
        url = getattr(request, "url", None)
        return cls(
            error=error,
            chain=chain,
            status=response.status_code if response is not None else None,
            method=getattr(request, "method", None),
            path=getattr(url, "path", None) if url is not None else None,
            headers=dict(response.headers) if response is not None else {},
            body=body,
        )

    def has(self, *kinds: type[BaseException]) -> bool:
        return any(isinstance(cause, kinds) for cause in self.chain)

    def first(self, *kinds: type[BaseException]) -> BaseException | None:
        return next((c for c in self.chain if isinstance(c, kinds)), None)

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)

    def hit(self, step: tuple[str, re.Pattern[str]]) -> bool:
        """Whether the request that failed is `step` (method, path pattern)."""
        method, pattern = step
        return self.method == method and self.path is not None and bool(pattern.search(self.path))

    @property
    def transport(self) -> bool:
        return self.status is None and self.has(*transport_errors())

    @property
    def already_retried(self) -> bool:
        """huggingface_hub retries a file's HEAD, the preupload call and a download's
        connection errors itself; don't multiply that."""
        from huggingface_hub.errors import LocalEntryNotFoundError

        if self.method == "HEAD" or (self.path and "/preupload/" in self.path):
            return True
        return self.method is None and self.has(LocalEntryNotFoundError)

    @property
    def transient(self) -> bool:
        """Worth trying again: rate limited, a server error, or a dropped connection."""
        if self.already_retried:
            return False
        if self.status is not None:
            return self.status == 429 or 500 <= self.status < 600
        return self.transport

    def may_have_landed(self, step: tuple[str, re.Pattern[str]]) -> bool:
        """A write request whose effect is unknown: it failed after it was sent and the
        server did not say it refused it (a 429 is answered before anything is applied)."""
        if not self.hit(step) or self.status == 429:
            return False
        return not self.has(*_never_sent_errors())

    def server_message(self) -> str | None:
        for cause in self.chain:
            message = getattr(cause, "server_message", None)
            if message:
                return " ".join(str(message).split())
        return self.header("X-Error-Message")

    def reasons(self) -> str | None:
        """validate-yaml's reasons, from its JSON answer (`errors[].message`)."""
        errors = self.body.get("errors") if isinstance(self.body, dict) else None
        if not errors:
            return None
        return "; ".join(str(e.get("message")) for e in errors if isinstance(e, dict)) or None


# --------------------------------------------------------------------------- translation table

_TOKEN_REJECTED = "the token was rejected (invalid or expired): set HF_TOKEN or run `hf auth login`"
_NEEDS_TOKEN = "no Hugging Face token: set HF_TOKEN or run `hf auth login`"
_REFUSED = "the Hub refused to write to {repo} (HTTP {status}): {refusal}"
_UNREACHABLE = "cannot reach the Hub at {endpoint} while {what}: {error_type}"
_MOVED = "{repo} changed while the commit was prepared: run the command again to re-plan"


@dataclass(frozen=True)
class _Rule:
    """One row: exception types (huggingface_hub.errors names, or "transport") and
    conditions -> the typed error and its message template (fields: see `_fields`)."""

    types: tuple[str, ...]
    kind: type[EvalToolError]
    template: str
    statuses: tuple[int, ...] | range | None = None
    write: bool | None = None
    token: bool | None = None
    endpoint: str | None = None  # a pattern searched in the failed request's path


# First match wins, so specific rows come before general ones.
_RULES: tuple[_Rule, ...] = (
    _Rule(("LocalTokenNotFoundError",), HubError, _NEEDS_TOKEN),
    # huggingface_hub refuses a malformed id before any request (one from a --repos file
    # or a --log URL; --repo-id is checked while parsing): the user's mistake, exit 2.
    _Rule(("HFValidationError",), UsageError, INVALID_REPO_ID),
    _Rule(
        ("BadRequestError",),
        HubError,
        "the Hub rejected README.md of {repo}: {reasons}",
        endpoint=r"/api/validate-yaml$",
    ),
    _Rule(("RevisionNotFoundError",), RepoNotFound, "revision {revision} does not exist in {repo}"),
    _Rule(("JobNotFoundError",), NothingFound, "{not_found}"),
    _Rule(("GatedRepoError",), HubError, _REFUSED, write=True),
    _Rule(("GatedRepoError",), GatedOrPrivate, "{repo}: " + GATED_MESSAGE),
    _Rule(
        ("RepositoryNotFoundError",),
        RepoNotFound,
        # Without a token the Hub answers 401 for a missing repo and a private one alike.
        "repository {repo} does not exist, or is private or gated: "
        "set HF_TOKEN (or `hf auth login`) if you have access",
        statuses=(401,),
        token=False,
    ),
    _Rule(("RepositoryNotFoundError",), RepoNotFound, "repository {repo} does not exist"),
    _Rule(("RemoteEntryNotFoundError",), NothingFound, "{missing}"),
    _Rule(("HfHubHTTPError",), HubError, _TOKEN_REJECTED, statuses=(401,), token=True),
    _Rule(("HfHubHTTPError",), HubError, _NEEDS_TOKEN, statuses=(401,), token=False),
    _Rule(("HfHubHTTPError",), HubError, _REFUSED, statuses=(403,), write=True),
    _Rule(("HfHubHTTPError",), GatedOrPrivate, "{repo}: " + GATED_MESSAGE, statuses=(403,)),
    _Rule(("HfHubHTTPError",), RepoNotFound, "{not_found}", statuses=(404,)),
    _Rule(("HfHubHTTPError",), BranchMoved, _MOVED, statuses=(412,)),
    _Rule(
        ("HfHubHTTPError",),
        HubError,
        "the Hub rejected {what} for {repo}: {server}",
        statuses=(400, 422),
    ),
    _Rule(
        ("HfHubHTTPError",),
        HubError,
        "rate limited by the Hub while {what}{tries}: wait a while and retry",
        statuses=(429,),
    ),
    _Rule(
        ("HfHubHTTPError",),
        HubError,
        "the Hub failed (HTTP {status}) while {what} for {repo}{tries}: {hint}",
        statuses=range(500, 600),
    ),
    _Rule(
        ("HfHubHTTPError",),
        HubError,
        "Hub error (HTTP {status}) while {what} for {repo}: {server}",
    ),
    _Rule(("transport", "LocalEntryNotFoundError"), HubError, _UNREACHABLE),
)
_FALLBACK = _Rule((), HubError, "{what} for {repo} failed: {error_type}: {first_line}")


@dataclass(frozen=True)
class CallContext:
    """What a call was doing, for its messages and for the rules that depend on it."""

    what: str
    repo: str | None = None  # as messages name it (see repo_label)
    revision: str | None = None
    write: bool = False
    missing: str | None = None  # a missing file or entry
    not_found: str | None = None  # a 404 that is not a missing repo (a PR, a job)
    refusal: str = "use a token with write access, or --create-pr to propose the change"
    hint: str = "try again later"  # after a 5xx
    unsure: str = "look at the repo before trying again"  # a write that may have landed


@cache
def _rule_types(rule: _Rule) -> tuple[type[BaseException], ...]:
    """A row's exception classes (imported late: HF_ENDPOINT must be set first)."""
    from huggingface_hub import errors

    kinds: list[type[BaseException]] = []
    for name in rule.types:
        if name == "transport":
            kinds.extend(transport_errors())
        else:
            kinds.append(getattr(errors, name))
    return tuple(kinds)


def match_rule(failure: Failure, context: CallContext, has_token: bool) -> _Rule:
    """The first row of `_RULES` that fits the failure."""
    for rule in _RULES:
        if not failure.has(*_rule_types(rule)):
            continue
        if rule.statuses is not None and failure.status not in rule.statuses:
            continue
        if rule.write is not None and rule.write != context.write:
            continue
        if rule.token is not None and rule.token != has_token:
            continue
        if rule.endpoint is not None and not (
            failure.path and re.search(rule.endpoint, failure.path)
        ):
            continue
        return rule
    return _FALLBACK


def translate(
    failure: Failure,
    context: CallContext,
    *,
    endpoint: str,
    has_token: bool,
    attempts: int = 1,
    secrets: tuple[str, ...] = (),
) -> EvalToolError:
    """The one-line typed error for a failed call, with `secrets` (the token) redacted."""
    rule = match_rule(failure, context, has_token)
    cause = failure.first(*transport_errors()) or failure.error
    text = str(failure.error)
    repo = context.repo or "the Hub"
    fields = {
        "what": context.what,
        "repo": repo,
        "revision": context.revision,
        "status": failure.status,
        "server": failure.server_message() or "no reason given",
        "reasons": failure.reasons() or failure.server_message() or "no reason given",
        "tries": f" after {attempts} attempts" if attempts > 1 else "",
        "hint": context.hint,
        "refusal": context.refusal,
        "missing": context.missing or f"{context.what}: not found in {repo}",
        "not_found": context.not_found or f"repository {repo} does not exist",
        "endpoint": endpoint,
        "error_type": type(cause).__name__,
        "first_line": text.splitlines()[0] if text else "",
    }
    message = " ".join(rule.template.format_map(fields).split())
    return rule.kind(redact(message, secrets))


# --------------------------------------------------------------------------- the client

# Paths as httpx decodes them: a PR's revision reads ".../commit/refs/pr/1".
_COMMIT_STEP = ("POST", re.compile(r"^/api/(?:models|datasets|spaces)/[^/]+/[^/]+/commit/.+$"))
_JOB_STEP = ("POST", re.compile(r"^/api/jobs/[^/]+$"))
_STATUS_STEP = (
    "POST",
    re.compile(r"^/api/(?:models|datasets|spaces)/[^/]+/[^/]+/discussions/\d+/status$"),
)


# huggingface_hub's words for the warnings validate-yaml returns with a README.md commit
# ("Warnings while validating metadata in README.md:\n- reason\n- reason").
_VALIDATOR_WARNINGS = re.compile(
    r"^Warnings while validating metadata in README\.md:\s*(.*)$", re.S
)


def _retell(heard: warnings.WarningMessage) -> None:
    """A warning the library raised inside a call, told again as ours (`UserNote`, one
    per reason): the command line prints it as one `warning:` line."""
    text = str(heard.message)
    validator = _VALIDATOR_WARNINGS.match(text)
    if validator is None:
        warnings.warn(text, UserNote, stacklevel=2)
        return
    for reason in validator.group(1).splitlines():
        reason = reason.strip().removeprefix("- ").strip()
        if reason:
            warnings.warn(f"the Hub's check of README.md: {reason}", UserNote, stacklevel=2)


class HubClient:
    """The tool's one way to the Hub: cards, result PRs, ownership, commits, dataset and
    Space repos, model listings and HF Jobs, each call translated and (when it is safe)
    retried by one policy.

    `token`: explicit, else huggingface_hub's (HF_TOKEN or `hf auth login`). It is
    passed to huggingface_hub and never appears in a message.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        endpoint: str | None = None,
        cache_dir: str | Path | None = None,
        attempts: int | None = None,
        retry_delay: float | None = None,
        retry: RetryPolicy | None = None,
    ):
        from huggingface_hub import HfApi, constants, get_token
        from huggingface_hub.utils import disable_progress_bars, logging

        # Retry warnings and progress bars would break the one-line-per-failure promise.
        logging.set_verbosity_error()
        disable_progress_bars()
        self._token = token or get_token()
        self.endpoint = (endpoint or constants.ENDPOINT).rstrip("/")
        self._api = HfApi(endpoint=self.endpoint, token=self._token or False)
        self._cache_dir = str(cache_dir) if cache_dir else None
        self.retry = retry or RetryPolicy.from_env(attempts=attempts, base_delay=retry_delay)
        self._readmes: dict[tuple[str, str | None], ReadmeFile] = {}
        self._files: dict[tuple[str, str | None], RepoFiles] = {}
        self._identity: Identity | None = None

    @property
    def has_token(self) -> bool:
        return bool(self._token)

    @property
    def attempts(self) -> int:
        return self.retry.attempts

    # ---- reading cards
    def read_readme(self, repo_id: str, revision: str | None = None) -> ReadmeFile:
        """The README's text and the commit it was read at (for links that never move)."""
        key = (repo_id, revision)
        if key in self._readmes:
            return self._readmes[key]
        path = self._download(repo_id, "README.md", revision, missing=f"{repo_id} has no README.md")
        sha = path.parent.name
        if not _SHA_RE.match(sha):  # not the cache layout we know: ask once
            sha = self.head(repo_id, revision=revision)
        text = path.read_bytes().decode("utf-8", errors="replace")
        readme = ReadmeFile(
            text=text, revision=sha, url_base=self.blob_url(repo_id, sha, "README.md")
        )
        self._readmes[key] = readme
        return readme

    def read_repo_files(self, repo_id: str, revision: str | None = None) -> RepoFiles:
        """README.md and every `.eval_results/*.yaml`, all at one commit."""
        from .cards import RepoFiles

        key = (repo_id, revision)
        if key in self._files:
            return self._files[key]
        listing = self.list_files(repo_id, revision=revision)
        sha = listing.revision
        readme = None
        if "README.md" in listing.files:
            readme = self._read_text(repo_id, "README.md", sha)
        eval_results = {
            name: self._read_text(repo_id, name, sha)
            for name in sorted(listing.files)
            if is_result_file(name)
        }
        files = RepoFiles(readme=readme, eval_results=eval_results, revision=sha)
        self._files[key] = files
        return files

    def _read_text(self, repo_id: str, filename: str, sha: str) -> str:
        data = self._download(
            repo_id, filename, sha, missing=f"{filename} vanished from {repo_id}"
        ).read_bytes()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                f"{filename} in {repo_id} is not valid UTF-8 (byte {error.start}): not editing it"
            ) from None

    # ---- reading any repo
    def head(
        self, repo_id: str, *, repo_type: RepoType = "model", revision: str | None = None
    ) -> str:
        """The commit sha a revision (default main) points at now."""
        info = self._call(
            CallContext("reading the repo info", repo_label(repo_id, repo_type), revision),
            lambda: self._api.repo_info(
                repo_id, repo_type=repo_type, revision=revision, expand=_expand("sha")
            ),
        )
        return _sha_of(info, repo_label(repo_id, repo_type))

    def list_files(
        self, repo_id: str, *, repo_type: RepoType = "model", revision: str | None = None
    ) -> RepoListing:
        """Every file path at one commit (one request: repo info with sha and siblings)."""
        what = "reading the model info" if repo_type == "model" else f"reading the {repo_type} info"
        info = self._call(
            CallContext(what, repo_label(repo_id, repo_type), revision),
            lambda: self._api.repo_info(
                repo_id, repo_type=repo_type, revision=revision, expand=_expand("sha", "siblings")
            ),
        )
        return RepoListing(
            repo_id=repo_id,
            repo_type=repo_type,
            revision=_sha_of(info, repo_label(repo_id, repo_type)),
            files=sorted(s.rfilename for s in getattr(info, "siblings", None) or []),
        )

    def download_file(
        self,
        repo_id: str,
        path: str,
        *,
        repo_type: RepoType = "model",
        revision: str | None = None,
        missing: str | None = None,
    ) -> Path:
        """A file of any repo, in huggingface_hub's cache; its local path."""
        return self._download(
            repo_id,
            path,
            revision,
            repo_type=repo_type,
            missing=missing or f"{path} does not exist in {repo_label(repo_id, repo_type)}",
        )

    def read_file(
        self,
        repo_id: str,
        path: str,
        *,
        repo_type: RepoType = "model",
        revision: str | None = None,
    ) -> bytes:
        """A file's bytes (decoding is the caller's: a dataset file may be binary)."""
        return self.download_file(
            repo_id, path, repo_type=repo_type, revision=revision
        ).read_bytes()

    def _download(
        self,
        repo_id: str,
        filename: str,
        revision: str | None,
        *,
        missing: str,
        repo_type: RepoType = "model",
    ) -> Path:
        from huggingface_hub import hf_hub_download

        def fetch() -> str:
            return hf_hub_download(
                repo_id,
                filename,
                repo_type=repo_type,
                revision=revision,
                token=self._token or False,
                endpoint=self.endpoint,
                cache_dir=self._cache_dir,
            )

        what = f"reading {filename}"
        context = CallContext(what, repo_label(repo_id, repo_type), revision, missing=missing)
        return Path(self._call(context, fetch))

    def model(
        self,
        repo_id: str,
        *,
        revision: str | None = None,
        expand: tuple[str, ...] | list[str] = ("sha", "gated", "safetensors", "siblings"),
    ) -> HubModel:
        """One model's facts (what `expand` asks for), e.g. its size for sizing a job."""
        info = self._call(
            CallContext("reading the model info", repo_id, revision),
            lambda: self._api.model_info(repo_id, revision=revision, expand=_expand(*expand)),
        )
        return model_from_info(info)

    def list_models(
        self,
        *,
        sort: str = "trending_score",
        limit: int = 100,
        pipeline_tag: str | None = None,
        filter: str | list[str] | None = None,  # noqa: A002 - huggingface_hub's name
        author: str | None = None,
        search: str | None = None,
        expand: tuple[str, ...] | list[str] = MODEL_EXPAND,
    ) -> list[HubModel]:
        """Models sorted by `sort` (huggingface_hub's names: trending_score, downloads,
        likes, created_at, last_modified), with the `expand` fields, in one listing call."""

        def ask() -> list[HubModel]:
            return [
                model_from_info(info)
                for info in self._api.list_models(
                    sort=sort,  # type: ignore[arg-type]
                    limit=limit,
                    pipeline_tag=pipeline_tag,
                    filter=filter,
                    author=author,
                    search=search,
                    expand=list(expand),  # type: ignore[arg-type]
                )
            ]

        return self._call(CallContext("listing models"), ask)

    def check_file_access(self, repo_id: str, revision: str | None, files: list[str]) -> None:
        """The Hub shows a gated model's page to anyone but its files only to accepted
        users; a job would fail at the download, so ask for one small file's metadata now.
        A model without that file is fine here (the job reports what it lacks)."""
        from huggingface_hub import hf_hub_url

        filename = "config.json"
        if files and filename not in files:
            filename = sorted(files)[0]
        url = hf_hub_url(repo_id, filename, revision=revision, endpoint=self.endpoint)
        with contextlib.suppress(NothingFound):
            self._call(
                CallContext(f"reading {filename}", repo_id, revision, missing=filename),
                lambda: self._api.get_hf_file_metadata(url=url),
            )

    def file_url(self, repo_id: str, revision: str, path: str) -> str:
        return f"{self.endpoint}/{repo_id}/resolve/{revision}/{path}"

    def blob_url(
        self, repo_id: str, revision: str, path: str, *, repo_type: RepoType = "model"
    ) -> str:
        return f"{self.endpoint}/{repo_label(repo_id, repo_type)}/blob/{revision}/{path}"

    def pr_url(self, repo_id: str, num: int, *, repo_type: RepoType = "model") -> str:
        return f"{self.endpoint}/{repo_label(repo_id, repo_type)}/discussions/{num}"

    # ---- pull requests
    def open_prs(self, repo_id: str, *, repo_type: RepoType = "model") -> list:
        """Every open PR (all pages), as huggingface_hub Discussions."""
        return self._call(
            CallContext("listing pull requests", repo_label(repo_id, repo_type)),
            lambda: list(
                self._api.get_repo_discussions(
                    repo_id,
                    discussion_type="pull_request",
                    discussion_status="open",
                    repo_type=repo_type,
                )
            ),
        )

    def pr_details(self, repo_id: str, num: int, *, repo_type: RepoType = "model"):
        label = repo_label(repo_id, repo_type)
        return self._call(
            CallContext(
                f"reading pull request #{num}",
                label,
                not_found=f"pull request #{num} does not exist in {label}",
            ),
            lambda: self._api.get_discussion_details(repo_id, num, repo_type=repo_type),
        )

    def result_prs(self, repo_id: str) -> list[ResultPR]:
        """Open PRs touching model-index or `.eval_results`, decided from each PR's diff."""
        found: list[ResultPR] = []
        for discussion in self.open_prs(repo_id):
            if not discussion.is_pull_request or discussion.status not in ("open", "draft"):
                continue
            details = self.pr_details(repo_id, discussion.num)
            pr = result_pr_from_details(details, self.pr_url(repo_id, discussion.num))
            if pr is not None:
                found.append(pr)
        return found

    def close_pr(
        self, repo_id: str, num: int, *, comment: str, repo_type: RepoType = "model"
    ) -> None:
        """Close PR #num, saying why in a comment (one request: the status change carries it).

        When the answer is lost, the PR's status is read before anything is sent again: a PR
        already closed is what we asked for, so closing is never repeated blindly."""
        label = repo_label(repo_id, repo_type)

        def landed() -> bool | None:
            status = self.pr_details(repo_id, num, repo_type=repo_type).status
            return True if status == "closed" else None

        self._call(
            CallContext(
                f"closing pull request #{num}",
                label,
                write=True,
                not_found=f"pull request #{num} does not exist in {label}",
                refusal="only the PR's author or the repo's owners can close it",
                unsure=f"look at pull request #{num} before trying again",
            ),
            lambda: bool(
                self._api.change_discussion_status(
                    repo_id, num, "closed", comment=comment, repo_type=repo_type
                )
            ),
            unsafe=_STATUS_STEP,
            landed=landed,
        )

    # ---- identity
    def whoami(self) -> Identity:
        if self._identity is not None:
            return self._identity
        if not self._token:
            raise HubError(_NEEDS_TOKEN)
        data = self._call(CallContext("checking the token"), self._api.whoami)
        self._identity = identity_from_whoami(data)
        return self._identity

    def can_write(self, repo_id: str) -> bool:
        """Whether the token's user, or one of its orgs, owns the repo (no token: False, no request)."""
        if not self._token:
            return False
        return self.whoami().owns(repo_id)

    # ---- writing
    def create_repo(
        self,
        repo_id: str,
        *,
        repo_type: RepoType = "dataset",
        private: bool = True,
        space_sdk: str | None = None,
    ) -> str:
        """Create the repo unless it exists (then leave it as it is); its URL.
        Idempotent (exist_ok), so it is retried like a read."""
        label = repo_label(repo_id, repo_type)
        url = self._call(
            CallContext(
                f"creating {label}", label, write=True, refusal="use a token with write access"
            ),
            lambda: self._api.create_repo(
                repo_id, repo_type=repo_type, private=private, exist_ok=True, space_sdk=space_sdk
            ),
        )
        return str(url)

    def commit(
        self,
        repo_id: str,
        files: Mapping[str, str | bytes],
        *,
        message: str,
        description: str = "",
        repo_type: RepoType = "model",
        create_pr: bool = False,
        revision: str | None = None,
        parent_commit: str | None = None,
    ) -> CommitOutcome:
        """One commit with every file (all or nothing). `parent_commit` makes the Hub refuse
        to write when the branch moved since we read it (and bases a new PR on that commit).

        Retried like a read while the commit request itself was not sent (validate-yaml,
        preupload); when its answer was lost, `_landed` checks the Hub before sending it
        again, so one call never makes two PRs or two commits."""
        from huggingface_hub import CommitOperationAdd

        if not files:
            raise HubError("nothing to commit")
        contents = {path: _as_bytes(data) for path, data in files.items()}
        operations = [CommitOperationAdd(path, data) for path, data in sorted(contents.items())]
        label = repo_label(repo_id, repo_type)

        def send() -> CommitOutcome:
            with warnings.catch_warnings(record=True) as heard:
                # The library's notes to the user (the Hub's metadata check): every one of
                # them; other categories keep their usual filters.
                warnings.simplefilter("always", UserWarning)
                info = self._api.create_commit(
                    repo_id,
                    operations,
                    commit_message=message,
                    commit_description=description,
                    repo_type=repo_type,
                    revision=revision,
                    create_pr=create_pr or None,
                    parent_commit=parent_commit,
                )
            for note in heard:
                if issubclass(note.category, UserWarning):
                    _retell(note)
                else:  # not ours to reword (a DeprecationWarning under its own filters)
                    warnings.warn_explicit(note.message, note.category, note.filename, note.lineno)
            pr_num = info.pr_num
            if pr_num is None and revision and revision.startswith("refs/pr/"):
                pr_num = int(revision.rsplit("/", 1)[1])
            return self._outcome(repo_id, repo_type, info.oid, revision, pr_num, info.commit_url)

        def landed() -> CommitOutcome | None:
            if create_pr:
                return self._landed_pr(repo_id, repo_type, message, description)
            return self._landed_commit(repo_id, repo_type, contents, revision, parent_commit)

        what = "opening a pull request" if create_pr else f"committing to {revision or 'main'}"
        unsure = (
            "run get-prs before trying again (the PR may have been opened)"
            if create_pr
            else "look at the branch before trying again"
        )
        outcome = self._call(
            CallContext(what, label, revision, write=True, unsure=unsure),
            send,
            unsafe=_COMMIT_STEP,
            landed=landed,
        )
        # What we read of this repo is now older than the repo: read it again next time.
        self._files = {k: v for k, v in self._files.items() if k[0] != repo_id}
        self._readmes = {k: v for k, v in self._readmes.items() if k[0] != repo_id}
        return outcome

    def _outcome(
        self,
        repo_id: str,
        repo_type: RepoType,
        oid: str,
        revision: str | None,
        pr_num: int | None,
        commit_url: str | None = None,
    ) -> CommitOutcome:
        label = repo_label(repo_id, repo_type)
        return CommitOutcome(
            commit_url=commit_url or f"{self.endpoint}/{label}/commit/{oid}",
            oid=oid,
            revision=f"refs/pr/{pr_num}" if pr_num is not None else (revision or "main"),
            pr_num=pr_num,
            pr_url=self.pr_url(repo_id, pr_num, repo_type=repo_type)
            if pr_num is not None
            else None,
        )

    def _landed_pr(
        self, repo_id: str, repo_type: RepoType, title: str, description: str
    ) -> CommitOutcome | None:
        """The open PR our lost request opened, if it did: ours, same title and description
        (the Hub titles a commit's PR with its summary; newest first)."""
        me = self.whoami().name
        for discussion in self.open_prs(repo_id, repo_type=repo_type):
            if discussion.author != me or discussion.title.strip() != title.strip():
                continue
            details = self.pr_details(repo_id, discussion.num, repo_type=repo_type)
            events = getattr(details, "events", None) or []
            body = getattr(events[0], "content", None) if events else None
            if (body or "").strip() != description.strip():
                continue
            oid = self.head(repo_id, repo_type=repo_type, revision=f"refs/pr/{discussion.num}")
            return self._outcome(repo_id, repo_type, oid, None, discussion.num)
        return None

    def _landed_commit(
        self,
        repo_id: str,
        repo_type: RepoType,
        contents: Mapping[str, bytes],
        revision: str | None,
        parent_commit: str | None,
    ) -> CommitOutcome | None:
        """Whether the branch head now holds our commit: still at our parent means not
        written; holding exactly our files means written (by the request we lost)."""
        head = self.head(repo_id, repo_type=repo_type, revision=revision)
        if parent_commit is not None and head == parent_commit:
            return None
        held = all(
            self._file_at(repo_id, repo_type, path, head) == data for path, data in contents.items()
        )
        if held:
            pr_num = (
                int(revision.rsplit("/", 1)[1])
                if revision and revision.startswith("refs/pr/")
                else None
            )
            return self._outcome(repo_id, repo_type, head, revision, pr_num)
        if parent_commit is not None:  # someone else's commit: re-plan, never overwrite it
            raise BranchMoved(_MOVED.format(repo=repo_label(repo_id, repo_type)))
        return None

    def _file_at(self, repo_id: str, repo_type: RepoType, path: str, sha: str) -> bytes | None:
        try:
            return self.download_file(repo_id, path, repo_type=repo_type, revision=sha).read_bytes()
        except NothingFound:
            return None

    def validate_readme(self, text: str) -> list[str]:
        """The Hub's own verdict on README metadata (POST /api/validate-yaml): its reasons, or []."""
        return self.check_readme(text).errors

    def check_readme(self, text: str) -> ReadmeVerdict:
        """The Hub's own verdict on README metadata (POST /api/validate-yaml): the reasons
        it rejects it for, and its warnings (e.g. metadata it cannot find)."""
        from huggingface_hub.utils import get_session, hf_raise_for_status

        def messages(items: Any) -> list[str]:
            return [str(item.get("message")) for item in items if isinstance(item, dict)]

        def ask() -> ReadmeVerdict:
            response = get_session().post(
                f"{self.endpoint}/api/validate-yaml",
                json={"content": text, "repoType": "model"},
                headers=self._api._build_hf_headers(token=self._token or False),
            )
            try:
                answer = response.json()
            except ValueError:
                answer = {"errors": [{"message": response.text}]}
            if not isinstance(answer, dict):
                answer = {}
            warned = messages(answer.get("warnings") or [])
            if response.status_code == 400:
                errors = messages(answer.get("errors") or []) or ["rejected (no reason given)"]
                return ReadmeVerdict(errors, warned)
            hf_raise_for_status(response)
            return ReadmeVerdict([], warned)

        return self._call(CallContext("validating README.md metadata"), ask)

    # ---- HF Jobs
    def run_uv_job(
        self,
        script: str | Path,
        *,
        script_args: list[str],
        dependencies: list[str] | None = None,
        env: dict[str, str] | None = None,
        secret_names: tuple[str, ...] = ("HF_TOKEN",),
        flavor: str | None = None,
        timeout: str | None = None,
        labels: dict[str, str] | None = None,
        namespace: str | None = None,
    ):
        """Submit a uv script as a Job (huggingface_hub's run_uv_job uploads it first).

        The token travels only as the secrets named in `secret_names`. The steps before the
        job request (whoami, bucket, upload) are retried; the job request itself is not:
        a lost answer may mean a running job, and a second one would run (and bill) twice.
        """
        if not self._token:
            raise HubError(_NEEDS_TOKEN)
        where = f"namespace {namespace}" if namespace else "the token's namespace"

        def send():
            # run_uv_job prints where it uploaded the script; keep stdout for our own output.
            with contextlib.redirect_stdout(sys.stderr), quiet_library():
                return self._api.run_uv_job(
                    str(script),
                    script_args=script_args,
                    dependencies=dependencies or None,
                    env=dict(env or {}),
                    secrets={name: self._token for name in secret_names},
                    flavor=flavor,
                    timeout=timeout,
                    labels=dict(labels or {}),
                    namespace=namespace,
                    token=self._token,
                )

        context = CallContext(
            "submitting the job",
            where,
            write=True,
            refusal="check --namespace and that the token may run jobs there",
            unsure="check `hf jobs ps` before trying again",
        )
        return self._call(context, send, unsafe=_JOB_STEP)

    def inspect_job(self, job_id: str, namespace: str | None = None):
        """A job's JobInfo (stage, flavor, owner, times)."""
        where = f" in {namespace}" if namespace else ""
        return self._call(
            CallContext(
                f"reading job {job_id}", f"job {job_id}", not_found=f"job {job_id} not found{where}"
            ),
            lambda: self._api.inspect_job(job_id=job_id, namespace=namespace),
        )

    def job_logs(
        self,
        job_id: str,
        namespace: str | None = None,
        *,
        follow: bool = False,
        tail: int | None = None,
    ) -> Iterator[str]:
        """A job's log lines. Retried until its first line arrives, never after (a retry
        would print lines twice)."""
        where = f" in {namespace}" if namespace else ""
        context = CallContext(
            f"reading the log of job {job_id}",
            f"job {job_id}",
            not_found=f"job {job_id} not found{where}",
        )
        stream: dict[str, Iterator[str]] = {}

        def first_line() -> str | None:
            # A failed generator is spent: each attempt opens the stream again.
            stream["lines"] = iter(
                self._api.fetch_job_logs(
                    job_id=job_id, namespace=namespace, follow=follow, tail=tail
                )
            )
            return next(stream["lines"], None)

        first = self._call(context, first_line)
        if first is None:
            return
        yield first
        while True:
            try:
                line = next(stream["lines"], None)
            except Exception as error:  # noqa: BLE001 - one clear line, no retry mid-stream
                raise self._error(Failure.of(error), context, 1) from None
            if line is None:
                return
            yield line

    # ---- the retry and error-translation core
    def _call(
        self,
        context: CallContext,
        func: Callable[[], T],
        *,
        unsafe: tuple[str, re.Pattern[str]] | None = None,
        landed: Callable[[], T | None] | None = None,
    ) -> T:
        """Run `func`, retrying transient failures by `self.retry`.

        `unsafe` names the one request of a write that must not be sent twice blindly;
        when it may have landed, `landed()` says whether it did (its result is then ours),
        and without `landed` the call stops there.
        """
        attempt, waited = 0, 0.0
        while True:
            attempt += 1
            try:
                return func()
            except EvalToolError:
                raise
            except Exception as error:  # noqa: BLE001 - every failure becomes one clear line
                failure = Failure.of(error)
                if not failure.transient:
                    raise self._error(failure, context, attempt) from None
                if unsafe is not None and failure.may_have_landed(unsafe):
                    if landed is None:
                        raise self._unsure(failure, context) from None
                    try:
                        found = landed()
                    except BranchMoved:
                        raise
                    except EvalToolError as check:
                        raise HubError(
                            f"the Hub's answer was lost while {context.what} for "
                            f"{context.repo or 'the Hub'} and checking whether it landed failed "
                            f"({check.message}): {context.unsure}"
                        ) from None
                    if found is not None:
                        return found
                retry_after = parse_retry_after(failure.header("Retry-After"), self.retry.now())
                wait = self.retry.wait(attempt, retry_after, waited)
                if wait is None:
                    raise self._error(failure, context, attempt) from None
                self.retry.sleep(wait)
                waited += wait

    def _unsure(self, failure: Failure, context: CallContext) -> HubError:
        """A write that failed after it was sent and that nothing can check."""
        cause = failure.first(*transport_errors()) or failure.error
        how = f"HTTP {failure.status}" if failure.status is not None else type(cause).__name__
        return HubError(
            f"{context.what} for {context.repo or 'the Hub'} failed ({how}) and may have "
            f"taken effect: {context.unsure}"
        )

    def translate_error(
        self, error: BaseException, what: str = "talking to the Hub"
    ) -> EvalToolError:
        """A library exception raised outside `_call`, in the same words."""
        if isinstance(error, EvalToolError):
            return error
        return self._error(Failure.of(error), CallContext(what), 1)

    def _error(self, failure: Failure, context: CallContext, attempts: int) -> EvalToolError:
        return translate(
            failure,
            context,
            endpoint=self.endpoint,
            has_token=self.has_token,
            attempts=attempts,
            secrets=(self._token,) if self._token else (),
        )


def _as_bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


@contextlib.contextmanager
def quiet_library() -> Iterator[None]:
    """No progress bars and no "experimental" warning from huggingface_hub for this call only."""
    from huggingface_hub.utils import (
        are_progress_bars_disabled,
        disable_progress_bars,
        enable_progress_bars,
    )

    was_disabled = are_progress_bars_disabled()
    disable_progress_bars()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*is experimental", category=UserWarning)
            yield
    finally:
        if not was_disabled:
            enable_progress_bars()


# --------------------------------------------------------------------------- helpers (pure)


def _expand(*fields: str) -> Any:
    """An `expand=` list. huggingface_hub types it per repo type as a Literal of the Hub's
    field names; ours are checked against the installed version by the tests instead."""
    return list(fields)


def _sha_of(info: Any, label: str) -> str:
    """The commit sha the Hub answered with; a repo answer without one is a Hub error, not
    a revision of None passed on to readers and commits."""
    sha = getattr(info, "sha", None)
    if not sha:
        raise HubError(f"the Hub did not say which commit {label} is at")
    return sha


def identity_from_whoami(data: dict) -> Identity:
    access = ((data.get("auth") or {}).get("accessToken")) or {}
    role = access.get("role")
    writable: list[str] = []
    for scope in ((access.get("fineGrained") or {}).get("scoped")) or []:
        permissions = scope.get("permissions") or []
        entity = scope.get("entity") or {}
        if "repo.write" in permissions and entity.get("name"):
            writable.append(entity["name"])
    if ((access.get("fineGrained") or {}).get("global")) and "repo.write" in (
        access["fineGrained"].get("global") or []
    ):
        writable.append(data.get("name", ""))
    return Identity(
        name=data.get("name", ""),
        orgs=[org.get("name", "") for org in data.get("orgs") or []],
        role=role,
        writable=writable,
    )


def result_pr_from_details(details: Any, url: str) -> ResultPR | None:
    files, benchmarks = summarize_result_diff(getattr(details, "diff", None))
    if not files:
        return None
    created = (
        details.created_at.isoformat()
        if hasattr(details.created_at, "isoformat")
        else str(details.created_at)
    )
    return ResultPR(
        num=details.num,
        title=details.title,
        author=details.author,
        created_at=created,
        url=url,
        status=details.status,
        files=files,
        benchmarks=benchmarks,
    )
