"""All Hub I/O, through huggingface_hub (HF_ENDPOINT honoured), with failures a user can act on.

Why a wrapper at all: huggingface_hub raises a dozen exception types whose messages
span many lines and name URLs; a user needs one line that says what to do (accept the
terms, the repo does not exist, try again later), never a token. The wrapper also keeps
the request count low: a README read at `main` lands in the cache under its commit
sha, so planning a write against that sha reads it again from disk, not the network;
and each object remembers what it has already asked.

Retries: 429 and 5xx are retried with exponential backoff (HFEVAL_RETRIES attempts in
all, default 4; first wait HFEVAL_RETRY_DELAY seconds, default 1; a Retry-After header is
honoured up to 60 s), except where huggingface_hub already retried (file HEAD, preupload),
and except a 5xx while opening a PR, which may have been applied: retrying could open a
second PR.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import EvalToolError, GatedOrPrivate, HubError, InputError, NothingFound, RepoNotFound
from .redact import redact

if TYPE_CHECKING:
    from .cards import RepoFiles

T = TypeVar("T")

RESULT_FILE_PREFIX = ".eval_results/"
_RETRY_STATUS = (429, 500, 502, 503, 504)
_MAX_RETRY_AFTER = 60.0
_SHA_RE = re.compile(r"^[0-9a-f]{40}$")
GATED_MESSAGE = "gated or private: accept the terms or use a token with access"


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


@dataclass
class CommitOutcome:
    commit_url: str
    oid: str
    revision: str  # where the commit went: "main" or "refs/pr/N"
    pr_num: int | None = None
    pr_url: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------- diff reading (pure)

_DIFF_FILE_RE = re.compile(r"^diff --git a/(.+?) b/(.+)$")
_HUNK_RE = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")
_VALUE_RE = re.compile(r"^\s*(?:-\s+)?value\s*:")
_DATASET_RE = re.compile(r"^(\s*)(?:-\s+)?dataset\s*:\s*(\{.*)?$")
_DATASET_KEY_RE = re.compile(r"^(\s*)(?:-\s+)?(id|name)\s*:\s*(.+?)\s*$")
_INLINE_KEY_RE = re.compile(r"\b(id|name)\s*:\s*([^,}]+)")
_MODEL_INDEX_KEY_RE = re.compile(
    r"^\s*(?:-\s+)?(model-index|results|task|dataset|metrics|source|verified|verifyToken)\s*:"
)
_MODEL_INDEX_LEAF_RE = re.compile(
    r"^\s+(?:-\s+)?(type|value|name|url|config|split|args|revision)\s*:"
)


def is_result_file(path: str) -> bool:
    return path.startswith(RESULT_FILE_PREFIX) and path.endswith((".yaml", ".yml"))


def summarize_result_diff(diff: str | None) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Which result files a PR diff touches, the values it adds/removes in each, which datasets.

    `.eval_results/*.yaml` files count whatever changed in them. README.md counts when a
    changed line is model-index YAML: a model-index key, or an indented result field in a
    hunk that starts within the front matter or whose header shows `model-index:` (git
    puts the last unindented line before a hunk there). A README body edit (prose, a
    table) does not make a PR a results PR. Benchmarks are the names model-index gives,
    else the `.eval_results` dataset ids.
    """
    files: dict[str, dict[str, int]] = {}
    names: dict[str, list[str]] = {}
    current: str | None = None
    hunk_is_metadata = False
    in_dataset_indent: int | None = None

    for line in (diff or "").splitlines():
        match = _DIFF_FILE_RE.match(line)
        if match:
            current, hunk_is_metadata, in_dataset_indent = match.group(2), False, None
            continue
        if current is None or line.startswith(("+++", "---", "index ", "new file", "deleted file")):
            continue
        hunk = _HUNK_RE.match(line)
        if hunk:
            # Front matter sits at the top of the file: a hunk starting in the first lines can hold it.
            hunk_is_metadata = int(hunk.group(1)) <= 3 or "model-index" in line
            in_dataset_indent = None
            continue
        body = line[1:]
        if "model-index:" in body:
            hunk_is_metadata = True
        if not line.startswith(("+", "-")):
            continue
        if current == "README.md":
            relevant = bool(_MODEL_INDEX_KEY_RE.match(body)) or (
                hunk_is_metadata and bool(_MODEL_INDEX_LEAF_RE.match(body))
            )
        else:
            relevant = is_result_file(current)
        if not relevant:
            continue
        counts = files.setdefault(current, {"added": 0, "removed": 0})
        if _VALUE_RE.match(body):
            counts["added" if line.startswith("+") else "removed"] += 1
        if not line.startswith("+"):
            continue
        found = names.setdefault(current, [])
        dataset = _DATASET_RE.match(body)
        if dataset:
            in_dataset_indent = len(dataset.group(1))
            inline = dict(_INLINE_KEY_RE.findall(dataset.group(2) or ""))
            name = (inline.get("name") or inline.get("id") or "").strip().strip("'\"")
            if name:
                found.append(name)
            continue
        key = _DATASET_KEY_RE.match(body)
        if key and in_dataset_indent is not None and len(key.group(1)) > in_dataset_indent:
            name = key.group(3).strip().strip("'\"")
            if name:
                found.append(name)
            in_dataset_indent = None
    order = sorted(files, key=lambda path: (path != "README.md", path))
    # model-index names are the readable ones; `.eval_results` ids only when there are none.
    named = names.get("README.md") or [n for path in order for n in names.get(path, [])]
    benchmarks = list(dict.fromkeys(named))
    return {path: files[path] for path in order}, benchmarks


# --------------------------------------------------------------------------- the client


class HubClient:
    """Reads cards, lists result PRs, checks ownership and commits, one request at a time.

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
        self.attempts = max(1, attempts or int(os.environ.get("HFEVAL_RETRIES") or 4))
        self.retry_delay = (
            retry_delay
            if retry_delay is not None
            else float(os.environ.get("HFEVAL_RETRY_DELAY") or 1.0)
        )
        self._readmes: dict[tuple[str, str | None], ReadmeFile] = {}
        self._files: dict[tuple[str, str | None], RepoFiles] = {}
        self._identity: Identity | None = None

    @property
    def has_token(self) -> bool:
        return bool(self._token)

    # ---- reading
    def read_readme(self, repo_id: str, revision: str | None = None) -> ReadmeFile:
        """The README's text and the commit it was read at (for links that never move)."""
        key = (repo_id, revision)
        if key in self._readmes:
            return self._readmes[key]
        path = self._download(repo_id, "README.md", revision, missing=f"{repo_id} has no README.md")
        sha = Path(path).parent.name
        if not _SHA_RE.match(sha):  # not the cache layout we know: ask once
            sha = self._call(
                "reading the model info",
                lambda: self._api.model_info(repo_id, revision=revision, expand=["sha"]).sha,
                repo_id=repo_id,
                revision=revision,
            )
        text = Path(path).read_bytes().decode("utf-8", errors="replace")
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
        info = self._call(
            "reading the model info",
            lambda: self._api.model_info(repo_id, revision=revision, expand=["sha", "siblings"]),
            repo_id=repo_id,
            revision=revision,
        )
        sha = info.sha
        names = [s.rfilename for s in info.siblings or []]
        readme = None
        if "README.md" in names:
            readme = self._read_text(repo_id, "README.md", sha)
        eval_results = {
            name: self._read_text(repo_id, name, sha)
            for name in sorted(names)
            if is_result_file(name)
        }
        files = RepoFiles(readme=readme, eval_results=eval_results, revision=sha)
        self._files[key] = files
        return files

    def _read_text(self, repo_id: str, filename: str, sha: str) -> str:
        path = self._download(repo_id, filename, sha, missing=f"{filename} vanished from {repo_id}")
        data = Path(path).read_bytes()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                f"{filename} in {repo_id} is not valid UTF-8 (byte {error.start}): not editing it"
            ) from None

    def _download(self, repo_id: str, filename: str, revision: str | None, *, missing: str) -> str:
        from huggingface_hub import hf_hub_download
        from huggingface_hub.errors import RemoteEntryNotFoundError

        def fetch() -> str:
            return hf_hub_download(
                repo_id,
                filename,
                revision=revision,
                token=self._token or False,
                endpoint=self.endpoint,
                cache_dir=self._cache_dir,
            )

        try:
            return self._call(f"reading {filename}", fetch, repo_id=repo_id, revision=revision)
        except _Passthrough as wrapped:
            if isinstance(wrapped.error, RemoteEntryNotFoundError):
                raise NothingFound(missing) from None
            raise

    def file_url(self, repo_id: str, revision: str, path: str) -> str:
        return f"{self.endpoint}/{repo_id}/resolve/{revision}/{path}"

    def blob_url(self, repo_id: str, revision: str, path: str) -> str:
        return f"{self.endpoint}/{repo_id}/blob/{revision}/{path}"

    def pr_url(self, repo_id: str, num: int) -> str:
        return f"{self.endpoint}/{repo_id}/discussions/{num}"

    # ---- pull requests
    def open_prs(self, repo_id: str) -> list:
        """Every open PR (all pages), as huggingface_hub Discussions."""
        return self._call(
            "listing pull requests",
            lambda: list(
                self._api.get_repo_discussions(
                    repo_id, discussion_type="pull_request", discussion_status="open"
                )
            ),
            repo_id=repo_id,
        )

    def pr_details(self, repo_id: str, num: int):
        return self._call(
            f"reading pull request #{num}",
            lambda: self._api.get_discussion_details(repo_id, num),
            repo_id=repo_id,
            not_found=f"pull request #{num} does not exist in {repo_id}",
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

    # ---- identity
    def whoami(self) -> Identity:
        if self._identity is not None:
            return self._identity
        if not self._token:
            raise HubError("no Hugging Face token: set HF_TOKEN or run `hf auth login`")
        data = self._call("checking the token", lambda: self._api.whoami(), repo_id=None)
        self._identity = identity_from_whoami(data)
        return self._identity

    def can_write(self, repo_id: str) -> bool:
        """Whether the token's user, or one of its orgs, owns the repo (no token: False, no request)."""
        if not self._token:
            return False
        return self.whoami().owns(repo_id)

    # ---- writing
    def commit(
        self,
        repo_id: str,
        files: dict[str, str],
        *,
        message: str,
        description: str,
        create_pr: bool = False,
        revision: str | None = None,
        parent_commit: str | None = None,
    ) -> CommitOutcome:
        """One commit with every file (all or nothing). `parent_commit` makes the Hub refuse
        to write when the branch moved since we read it (and bases a new PR on that commit)."""
        from huggingface_hub import CommitOperationAdd

        if not files:
            raise HubError("nothing to commit")
        operations = [
            CommitOperationAdd(path, text.encode("utf-8")) for path, text in sorted(files.items())
        ]

        def send():
            return self._api.create_commit(
                repo_id,
                operations,
                commit_message=message,
                commit_description=description,
                revision=revision,
                create_pr=create_pr or None,
                parent_commit=parent_commit,
            )

        info = self._call(
            "opening a pull request" if create_pr else f"committing to {revision or 'main'}",
            send,
            repo_id=repo_id,
            revision=revision,
            write=True,
            retry_server_errors=not create_pr,
        )
        # What we read of this repo is now older than the repo: read it again next time.
        self._files = {k: v for k, v in self._files.items() if k[0] != repo_id}
        self._readmes = {k: v for k, v in self._readmes.items() if k[0] != repo_id}
        pr_num = info.pr_num
        if pr_num is None and revision and revision.startswith("refs/pr/"):
            pr_num = int(revision.rsplit("/", 1)[1])
        pr_url = info.pr_url or (self.pr_url(repo_id, pr_num) if pr_num is not None else None)
        return CommitOutcome(
            commit_url=info.commit_url,
            oid=info.oid,
            revision=f"refs/pr/{pr_num}" if pr_num is not None else (revision or "main"),
            pr_num=pr_num,
            pr_url=pr_url,
        )

    def validate_readme(self, text: str) -> list[str]:
        """The Hub's own verdict on README metadata (POST /api/validate-yaml): its reasons, or []."""
        from huggingface_hub.utils import get_session, hf_raise_for_status

        def ask() -> list[str]:
            response = get_session().post(
                f"{self.endpoint}/api/validate-yaml",
                json={"content": text, "repoType": "model"},
                headers=self._api._build_hf_headers(token=self._token or False),
            )
            if response.status_code == 400:
                try:
                    errors = response.json().get("errors", [])
                except ValueError:
                    errors = [{"message": response.text}]
                return [str(e.get("message")) for e in errors] or ["rejected (no reason given)"]
            hf_raise_for_status(response)
            return []

        return self._call("validating README.md metadata", ask, repo_id=None)

    # ---- the retry and error-translation core
    def _call(
        self,
        what: str,
        func: Callable[[], T],
        *,
        repo_id: str | None,
        revision: str | None = None,
        write: bool = False,
        retry_server_errors: bool = True,
        not_found: str | None = None,
    ) -> T:
        attempt = 0
        while True:
            attempt += 1
            try:
                return func()
            except EvalToolError:
                raise
            except Exception as error:  # noqa: BLE001 - every failure becomes one clear line
                status = _status_of(error)
                wait = self._retry_wait(error, status, attempt, retry_server_errors)
                if wait is not None:
                    time.sleep(wait)
                    continue
                raise self._translate(
                    error, status, what, repo_id, revision, write, not_found, attempt
                ) from None

    def _retry_wait(
        self, error: Exception, status: int | None, attempt: int, retry_5xx: bool
    ) -> float | None:
        if attempt >= self.attempts:
            return None
        if status is None:
            if not _is_network_error(error) or _already_retried(error):
                return None
            # A write that may have reached the Hub (a timeout) is not sent twice.
            if not retry_5xx and not any(
                type(c).__name__ == "ConnectError" for c in error_causes(error)
            ):
                return None
        else:
            if (
                status not in _RETRY_STATUS
                or (status != 429 and not retry_5xx)
                or _already_retried(error)
            ):
                return None
        wait = self.retry_delay * (2 ** (attempt - 1))
        retry_after = _retry_after(error)
        if retry_after is not None:
            if retry_after > _MAX_RETRY_AFTER:
                return None
            wait = max(wait, retry_after)
        return wait

    def _translate(
        self, error, status, what, repo_id, revision, write, not_found, attempts
    ) -> Exception:
        from huggingface_hub.errors import (
            GatedRepoError,
            RemoteEntryNotFoundError,
            RepositoryNotFoundError,
            RevisionNotFoundError,
        )

        repo = repo_id or "the Hub"
        server = _server_message(error)
        if isinstance(error, RemoteEntryNotFoundError):
            return _Passthrough(error)
        if isinstance(error, ValueError) and str(error).startswith("Invalid metadata in README.md"):
            reasons = [ln.lstrip("- ").strip() for ln in str(error).splitlines()[1:] if ln.strip()]
            return self._err(
                HubError, f"the Hub rejected README.md of {repo}: {'; '.join(reasons) or server}"
            )
        if server == "Invalid credentials in Authorization header" or (
            status == 401 and "Invalid user token" in str(error)
        ):
            return self._err(
                HubError,
                "the token was rejected (invalid or expired): set HF_TOKEN or run `hf auth login`",
            )
        if isinstance(error, RevisionNotFoundError):
            return self._err(RepoNotFound, f"revision {revision} does not exist in {repo}")
        if (
            status == 401
            and isinstance(error, RepositoryNotFoundError)
            and not isinstance(error, GatedRepoError)
            and not self._token
        ):
            # Without a token the Hub answers 401 for a missing repo and a private one alike.
            return self._err(
                RepoNotFound,
                f"repository {repo} does not exist, or is private or gated: "
                "set HF_TOKEN (or `hf auth login`) if you have access",
            )
        if status in (401, 403) or isinstance(error, GatedRepoError):
            if write:
                return self._err(
                    HubError,
                    f"the Hub refused to write to {repo} (HTTP {status}): "
                    "use a token with write access, or --create-pr to propose the change",
                )
            return self._err(GatedOrPrivate, f"{repo}: {GATED_MESSAGE}")
        if status == 404 or isinstance(error, RepositoryNotFoundError):
            if not_found and not isinstance(error, RepositoryNotFoundError):
                return self._err(RepoNotFound, not_found)
            return self._err(RepoNotFound, f"repository {repo} does not exist")
        if status == 412:
            return self._err(
                HubError,
                f"{repo} changed while the commit was prepared: run the command again to re-plan",
            )
        if status == 400:
            return self._err(
                HubError, f"the Hub rejected {what} for {repo}: {server or 'bad request'}"
            )
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        if status == 429:
            return self._err(
                HubError, f"rate limited by the Hub while {what}{tries}: wait a while and retry"
            )
        if status is not None and status >= 500:
            hint = (
                ": check get-prs before trying again (the PR may have been opened)"
                if write and what == "opening a pull request"
                else ": try again later"
            )
            return self._err(
                HubError, f"the Hub failed (HTTP {status}) while {what} for {repo}{tries}{hint}"
            )
        if status is not None:
            return self._err(
                HubError,
                f"Hub error (HTTP {status}) while {what} for {repo}: {server or 'no reason given'}",
            )
        if _is_network_error(error):
            return self._err(
                HubError,
                f"cannot reach the Hub at {self.endpoint} while {what}: {type(error).__name__}",
            )
        return self._err(
            HubError,
            f"{what} for {repo} failed: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}",
        )

    def _err(self, kind: type[EvalToolError], message: str) -> EvalToolError:
        message = " ".join(message.split())
        return kind(redact(message, (self._token,) if self._token else ()))


class _Passthrough(Exception):
    """A library error the caller turns into its own message (a missing file)."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


# --------------------------------------------------------------------------- helpers (pure)


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


def error_causes(error: BaseException):
    """The error and the errors it was raised from or during, outermost first."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def _status_of(error: BaseException) -> int | None:
    for cause in error_causes(error):
        response = getattr(cause, "response", None)
        status = getattr(response, "status_code", None)
        if isinstance(status, int):
            return status
    return None


def _response_of(error: BaseException):
    for cause in error_causes(error):
        response = getattr(cause, "response", None)
        if response is not None and hasattr(response, "status_code"):
            return response
    return None


def _server_message(error: BaseException) -> str | None:
    for cause in error_causes(error):
        message = getattr(cause, "server_message", None)
        if message:
            return " ".join(str(message).split())
    response = _response_of(error)
    if response is not None:
        header = response.headers.get("X-Error-Message")
        if header:
            return header
    return None


def _retry_after(error: BaseException) -> float | None:
    response = _response_of(error)
    if response is None:
        return None
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _already_retried(error: BaseException) -> bool:
    """huggingface_hub retries a file's HEAD and the preupload call itself; don't multiply that."""
    response = _response_of(error)
    request = getattr(response, "request", None) if response is not None else None
    if request is None:
        # Network errors on a file download were retried by the library before it gave up.
        return any(type(c).__name__ == "LocalEntryNotFoundError" for c in error_causes(error))
    url = str(request.url)
    return request.method == "HEAD" or "/preupload/" in url


def _is_network_error(error: BaseException) -> bool:
    names = {type(c).__name__ for c in error_causes(error)}
    return bool(
        names
        & {
            "ConnectError",
            "ConnectTimeout",
            "ReadTimeout",
            "WriteTimeout",
            "PoolTimeout",
            "RemoteProtocolError",
            "ReadError",
            "WriteError",
            "NetworkError",
            "TimeoutException",
            "LocalEntryNotFoundError",
        }
    )
