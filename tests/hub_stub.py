"""A local stand-in for the Hugging Face Hub, for tests.

A real HTTP server (`ThreadingHTTPServer` in a daemon thread) on 127.0.0.1 that answers
the calls huggingface_hub 2.4 makes, so tests drive the real client through
`HF_ENDPOINT` and nothing patches it. State is in memory: repos with files per
commit, refs (`main`, `refs/pr/N`), discussions and pull requests, users and tokens.

Model, dataset and Space repos alike ({kind} = models | datasets | spaces; files of a
dataset or Space live under /datasets/{repo} and /spaces/{repo}; see
references/hub-api.md for the client side):
  GET  /api/{kind}/{repo}[/revision/{rev}]?expand=...      model_info / dataset_info / repo_info
  GET  /api/{kind}/{repo}/tree/{rev}[/{path}]?recursive=   list_repo_tree / list_repo_files
  GET  /api/models?sort=trendingScore&limit=N&expand=...&filter=TAG&pipeline_tag=&author=&search=
                                                           list_models (trending, with fields)
  HEAD|GET /[datasets/|spaces/]{repo}/resolve/{rev}/{path} hf_hub_download (ETag, X-Repo-Commit)
  POST /api/repos/create                                   create_repo (409 when it exists)
  POST /api/validate-yaml                                  the Hub's model-index rules (400 + reasons)
  POST /api/{kind}/{repo}/preupload/{rev}                  create_commit, step 1
  POST /api/{kind}/{repo}/commit/{rev}[?create_pr=1]       create_commit, NDJSON body
  GET  /api/{kind}/{repo}/discussions?p=N&type=&status=&author=   paginated like the Hub
  GET  /api/{kind}/{repo}/discussions/{num}?diff=1         details (description, events, diff)
  POST /api/{kind}/{repo}/discussions/{num}/status         close or re-open, with an optional comment
  POST /api/{kind}/{repo}/discussions/{num}/comment        add a comment
  GET  /api/whoami-v2                                      user and orgs of the token
  GET  /api/agent-harnesses                                empty registry (telemetry probe)
Model info and listings serve `safetensors` from create_repo(..., safetensors={...}).

Test controls:
  stub.fail(method, pattern, status=500, times=1, retry_after=None, rate=None, drop=None)
      answer errors: `retry_after` seconds or an HTTP-date string; `rate=0.25` fails the
      1st, 5th, 9th... matching request (deterministic); `drop="before"` closes the
      connection unanswered, `drop="after"` handles the request (a commit lands) and then
      closes it unanswered: the answer was lost
  stub.delay(seconds, method=None, pattern=None)                      add latency
  stub.requests(method=None, pattern=None) / stub.log                 what was asked, with token
  stub.reset()                                                        fresh state between tests
Test set-up and reading (create_repo, commit_files, files, head, commits, pull_requests,
...) take `repo_type="dataset"` / `"space"`; `stub.repos` is keyed by `repo_label`
("org/name" for models, "datasets/org/name", "spaces/org/name").

Extra routes (e.g. the Jobs API for `run_uv_job`) are registered from any test module
without editing this file::

    def create_job(req):                     # req: StubRequest
        return {"id": "job-1", ...}          # dict/list -> 200 JSON, or StubResponse(...)
    stub.add_route("POST", r"/api/jobs/(?P<namespace>[^/]+)", create_job)

The route regex is matched with `re.fullmatch` against the raw request path without the
query string (percent-escapes as sent, e.g. `refs%2Fpr%2F1`); named groups reach the
handler unquoted in `req.params`. Added routes take precedence over the built-in ones and
are dropped by `reset()`. A handler may raise `StubHTTPError(status, message, code=...)`.
Patterns for `fail`, `delay` and `requests` are searched (`re.search`) in the *decoded*
path, e.g. r"/commit/refs/pr/1$" or r"^/api/models/org/name$".
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import difflib
import hashlib
import json
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

DEFAULT_PAGE_SIZE = 50  # discussions per page, as on the Hub
_FRONT_MATTER_RE = re.compile(r"^(\s*---[\r\n]+)([\S\s]*?)([\r\n]+---(\r\n|\n|$))")
_COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
_REPO = r"(?P<repo>[^/]+/[^/]+)"
_KIND = r"(?P<kind>models|datasets|spaces)"
_PREFIX = r"(?:(?P<prefix>datasets|spaces)/)?"
_EXPANDABLE = {
    "author",
    "cardData",
    "createdAt",
    "disabled",
    "downloads",
    "evalResults",
    "gated",
    "lastModified",
    "library_name",
    "likes",
    "model-index",
    "pipeline_tag",
    "private",
    "safetensors",
    "sha",
    "siblings",
    "tags",
    "trendingScore",
}


# --------------------------------------------------------------------------- state


@dataclass
class StubUser:
    name: str
    token: str
    orgs: list[str] = field(default_factory=list)
    role: str = "write"  # token role: "read" tokens cannot write


@dataclass
class StubCommit:
    oid: str
    parent: str | None
    files: dict[str, bytes]
    message: str
    description: str
    author: str
    date: str


@dataclass
class StubDiscussion:
    num: int
    title: str
    author: str
    is_pull_request: bool
    status: str  # open | closed | merged | draft
    created_at: str
    description: str = ""
    base_oid: str | None = None  # PRs: the commit the PR branched from
    events: list[dict] = field(default_factory=list)
    merge_commit: str | None = None
    conflicts: list[str] = field(default_factory=list)  # filesWithConflicts: no longer applies

    @property
    def ref(self) -> str:
        return f"refs/pr/{self.num}"


@dataclass
class StubRepo:
    repo_id: str
    repo_type: str = "model"  # model | dataset | space
    private: bool = False
    gated: bool = False
    refs: dict[str, str] = field(default_factory=dict)
    commits: dict[str, StubCommit] = field(default_factory=dict)
    discussions: list[StubDiscussion] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # downloads, likes, trendingScore, tags, ...
    gated_allowed: set[str] = field(default_factory=set)  # users who accepted the terms
    created_at: str = ""

    @property
    def namespace(self) -> str:
        return self.repo_id.split("/", 1)[0]

    @property
    def label(self) -> str:
        return repo_label(self.repo_id, self.repo_type)


@dataclass
class LoggedRequest:
    method: str
    path: str  # decoded, without query
    raw_path: str
    query: dict[str, list[str]]
    token: str | None
    status: int | None = None

    def q(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class StubRequest:
    method: str
    path: str
    raw_path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    token: str | None
    params: dict[str, str]
    stub: HubStub

    def json(self):
        return json.loads(self.body.decode("utf-8") or "null")

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def args(self, name: str) -> list[str]:
        return list(self.query.get(name, []))

    @property
    def user(self) -> StubUser | None:
        return self.stub.users_by_token.get(self.token) if self.token else None


@dataclass
class StubResponse:
    status: int = 200
    body: bytes | str | dict | list | None = None
    headers: dict[str, str] = field(default_factory=dict)


class StubHTTPError(Exception):
    """Raised by handlers to answer an error the way the Hub does (JSON body + X-Error-* headers)."""

    def __init__(self, status: int, message: str, code: str | None = None, headers=None, body=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = dict(headers or {})
        self.body = body


@dataclass
class _Fault:
    method: str | None
    pattern: re.Pattern
    status: int
    times: int | None  # None: always
    retry_after: float | str | None
    message: str
    rate: float | None = None
    drop: str | None = None  # "before" | "after" handling the request
    hits: int = 0
    seen: int = 0

    def fires(self) -> bool:
        """Called once per matching request: whether this one fails."""
        self.seen += 1
        if self.rate is None:
            return True
        every = max(1, round(1 / self.rate))
        return (self.seen - 1) % every == 0


@dataclass
class _Delay:
    seconds: float
    method: str | None
    pattern: re.Pattern | None


Handler = Callable[[StubRequest], "StubResponse | dict | list | None"]


# --------------------------------------------------------------------------- helpers


def repo_label(repo_id: str, repo_type: str = "model") -> str:
    return repo_id if repo_type == "model" else f"{repo_type}s/{repo_id}"


def blob_oid(content: bytes) -> str:
    """The git blob id, which the Hub uses as a regular file's ETag and preupload oid."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def front_matter(text: str) -> dict | None:
    """The README's YAML metadata as the Hub reads it; None when there is none or it is broken."""
    match = _FRONT_MATTER_RE.search(text)
    if not match:
        return None
    try:
        data = yaml.safe_load(match.group(2))
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


# The Hub's warning for a card whose metadata it cannot find (the front matter is missing,
# empty, or not where it looks: after a byte-order mark, closed by a lone "\r").
MISSING_METADATA = (
    "Empty or missing yaml metadata in repo card "
    "(https://huggingface.co/docs/hub/model-cards#model-card-metadata)"
)


def validate_metadata_warnings(content: str) -> list[str]:
    """validate-yaml's warnings for README content, as the Hub words them."""
    return [] if front_matter(content) else [MISSING_METADATA]


def validate_metadata(content: str) -> list[str]:
    """The Hub's checks on README metadata (Joi-style messages, as validate-yaml returns them)."""
    match = _FRONT_MATTER_RE.search(content)
    if not match:
        return []
    try:
        data = yaml.safe_load(match.group(2))
    except yaml.YAMLError as error:
        first = str(error).splitlines()[0]
        return [f"Error parsing YAML metadata: {first}"]
    if data is None:
        return []
    if not isinstance(data, dict):
        return ['"metadata" must be of type object']
    errors: list[str] = []
    if "license" in data and not isinstance(data["license"], str):
        errors.append('"license" must be a string')
    for key in ("datasets", "tags"):
        value = data.get(key)
        if value is not None and not isinstance(value, (str, list)):
            errors.append(f'"{key}" must be an array')
    if "model-index" in data:
        errors.extend(_validate_model_index(data["model-index"]))
    return errors


def _validate_model_index(model_index) -> list[str]:
    errors: list[str] = []

    def need_str(obj: dict, key: str, where: str) -> None:
        if key not in obj or obj[key] is None:
            errors.append(f'"{where}.{key}" is required')
        elif not isinstance(obj[key], str):
            errors.append(f'"{where}.{key}" must be a string')

    def need_obj(obj: dict, key: str, where: str, required: bool = True) -> dict | None:
        value = obj.get(key)
        if value is None:
            if required:
                errors.append(f'"{where}.{key}" is required')
            return None
        if not isinstance(value, dict):
            errors.append(f'"{where}.{key}" must be of type object')
            return None
        return value

    if not isinstance(model_index, list):
        return ['"model-index" must be an array']
    for i, entry in enumerate(model_index):
        where = f"model-index[{i}]"
        if not isinstance(entry, dict):
            errors.append(f'"{where}" must be of type object')
            continue
        need_str(entry, "name", where)
        results = entry.get("results")
        if results is None:
            errors.append(f'"{where}.results" is required')
            continue
        if not isinstance(results, list):
            errors.append(f'"{where}.results" must be an array')
            continue
        for j, result in enumerate(results):
            rwhere = f"{where}.results[{j}]"
            if not isinstance(result, dict):
                errors.append(f'"{rwhere}" must be of type object')
                continue
            task = need_obj(result, "task", rwhere)
            if task is not None:
                need_str(task, "type", f"{rwhere}.task")
            dataset = need_obj(result, "dataset", rwhere)
            if dataset is not None:
                need_str(dataset, "type", f"{rwhere}.dataset")
                need_str(dataset, "name", f"{rwhere}.dataset")
            source = need_obj(result, "source", rwhere, required=False)
            if source is not None:
                need_str(source, "url", f"{rwhere}.source")
            metrics = result.get("metrics")
            if metrics is None:
                errors.append(f'"{rwhere}.metrics" is required')
                continue
            if not isinstance(metrics, list) or not metrics:
                errors.append(f'"{rwhere}.metrics" must be a non-empty array')
                continue
            for k, metric in enumerate(metrics):
                mwhere = f"{rwhere}.metrics[{k}]"
                if not isinstance(metric, dict):
                    errors.append(f'"{mwhere}" must be of type object')
                    continue
                need_str(metric, "type", mwhere)
                if metric.get("value") is None:
                    errors.append(f'"{mwhere}.value" is required')
    return errors


def validate_eval_results_entry(entry, registered: dict[str, set[str]] | None) -> str | None:
    """The Hub's rules for one `.eval_results` entry; the error message or None."""
    if not isinstance(entry, dict):
        return "entry must be an object"
    dataset = entry.get("dataset")
    if not isinstance(dataset, dict):
        return '"dataset" is required'
    for key in ("id", "task_id"):
        if not isinstance(dataset.get(key), str):
            return f'"dataset.{key}" is required'
    if entry.get("value") is None:
        return '"value" is required'
    source = entry.get("source")
    if source is not None and not (isinstance(source, dict) and isinstance(source.get("url"), str)):
        return '"source.url" is required when source is given'
    if registered is not None:
        tasks = registered.get(dataset["id"])
        if tasks is None:
            return f"dataset {dataset['id']} is not a registered benchmark"
        if tasks and dataset["task_id"] not in tasks:
            return f"task {dataset['task_id']} is not in {dataset['id']}'s eval.yaml"
    return None


def git_diff(old: dict[str, bytes], new: dict[str, bytes]) -> str:
    """A `git diff`-style text of two trees, as the Hub returns in a PR's details."""
    chunks: list[str] = []
    for path in sorted(set(old) | set(new)):
        before, after = old.get(path), new.get(path)
        if before == after:
            continue
        a_lines = before.decode("utf-8", "replace").splitlines() if before is not None else []
        b_lines = after.decode("utf-8", "replace").splitlines() if after is not None else []
        header = [f"diff --git a/{path} b/{path}"]
        if before is None:
            header.append("new file mode 100644")
        elif after is None:
            header.append("deleted file mode 100644")
        a_oid = blob_oid(before)[:7] if before is not None else "0000000"
        b_oid = blob_oid(after)[:7] if after is not None else "0000000"
        header.append(
            f"index {a_oid}..{b_oid}" + ("" if before is None or after is None else " 100644")
        )
        body = [
            _with_hunk_context(line, a_lines)
            for line in difflib.unified_diff(
                a_lines,
                b_lines,
                fromfile=f"a/{path}" if before is not None else "/dev/null",
                tofile=f"b/{path}" if after is not None else "/dev/null",
                lineterm="",
            )
        ]
        chunks.append("\n".join(header + body))
    return "\n".join(chunks) + ("\n" if chunks else "")


_HUNK_HEADER_RE = re.compile(r"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@$")
_FUNCNAME_RE = re.compile(r"^[A-Za-z_$]")


def _with_hunk_context(line: str, old_lines: list[str]) -> str:
    """git's default hunk header: the last unindented line before the hunk (e.g. `model-index:`)."""
    match = _HUNK_HEADER_RE.match(line)
    if not match:
        return line
    start = int(match.group(1)) - 1  # 0-based index of the hunk's first old line
    for previous in reversed(old_lines[: max(start, 0)]):
        if _FUNCNAME_RE.match(previous):
            return f"{line} {previous[:80]}"
    return line


# --------------------------------------------------------------------------- the server


class HubStub:
    """The stand-in. `start()` once, `reset()` between tests; `url` goes into HF_ENDPOINT."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self._host, self._port = host, port
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._builtin_routes = self._default_routes()
        self.reset()

    # ---- lifecycle
    def start(self) -> HubStub:
        stub = self

        class _Handler(_RequestHandler):
            hub = stub

        self._server = ThreadingHTTPServer((self._host, self._port), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the stub first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def reset(self) -> None:
        """Forget repos, users, faults, added routes and the log (the server keeps running)."""
        with self._lock:
            self.repos: dict[str, StubRepo] = {}
            self.users_by_token: dict[str, StubUser] = {}
            self.log: list[LoggedRequest] = []
            self.faults: list[_Fault] = []
            self.delays: list[_Delay] = []
            self.routes: list[tuple[str, re.Pattern, Handler]] = []
            self.page_size = DEFAULT_PAGE_SIZE
            # dataset id -> task ids registered as Hub Benchmarks; None: accept any dataset.
            self.registered_benchmarks: dict[str, set[str]] | None = None

    # ---- users
    def add_user(
        self,
        name: str,
        token: str | None = None,
        orgs: tuple[str, ...] | list[str] = (),
        role: str = "write",
    ) -> str:
        """Register a user; returns the token that authenticates as them."""
        token = token or f"hf_{name.replace('-', '')}{secrets.token_hex(12)}"
        with self._lock:
            self.users_by_token[token] = StubUser(
                name=name, token=token, orgs=list(orgs), role=role
            )
        return token

    # ---- repos
    def create_repo(
        self,
        repo_id: str,
        files: dict[str, str | bytes] | None = None,
        *,
        private: bool = False,
        gated: bool = False,
        author: str | None = None,
        repo_type: str = "model",
        **meta,
    ) -> StubRepo:
        with self._lock:
            repo = StubRepo(
                repo_id=repo_id,
                repo_type=repo_type,
                private=private,
                gated=gated,
                meta=dict(meta),
                created_at=_now(),
            )
            self.repos[repo.label] = repo
            oid = self._new_commit(
                repo,
                parent=None,
                files={p: _as_bytes(c) for p, c in (files or {}).items()},
                message="initial commit",
                description="",
                author=author or repo.namespace,
            )
            repo.refs["main"] = oid
            return repo

    def commit_files(
        self,
        repo_id: str,
        files: dict[str, str | bytes],
        *,
        revision: str = "main",
        message: str = "update",
        description: str = "",
        author: str | None = None,
        deletions: tuple[str, ...] = (),
        repo_type: str = "model",
    ) -> str:
        """Commit directly (test set-up, no HTTP). Returns the new commit oid."""
        with self._lock:
            repo = self.repo(repo_id, repo_type)
            head = self._resolve(repo, revision)
            tree = dict(repo.commits[head].files)
            tree.update({p: _as_bytes(c) for p, c in files.items()})
            for path in deletions:
                tree.pop(path, None)
            oid = self._new_commit(repo, head, tree, message, description, author or repo.namespace)
            repo.refs[self._ref_name(revision)] = oid
            if revision.startswith("refs/pr/"):
                disc = self._discussion(repo, int(revision.rsplit("/", 1)[1]))
                disc.events.append(self._commit_event(oid, message, author or disc.author))
            return oid

    def open_pr(
        self,
        repo_id: str,
        files: dict[str, str | bytes],
        *,
        title: str = "Update",
        author: str = "someone",
        description: str = "",
        status: str = "open",
        repo_type: str = "model",
    ) -> int:
        """Open a PR with `files` on top of main (test set-up, no HTTP). Returns its number."""
        with self._lock:
            repo = self.repo(repo_id, repo_type)
            base = repo.refs["main"]
            tree = dict(repo.commits[base].files)
            tree.update({p: _as_bytes(c) for p, c in files.items()})
            oid = self._new_commit(repo, base, tree, title, description, author)
            disc = self._new_discussion(repo, title, author, True, description, base)
            disc.status = status
            disc.events.append(self._commit_event(oid, title, author))
            repo.refs[disc.ref] = oid
            return disc.num

    def add_discussion(
        self, repo_id: str, title: str, *, author: str = "someone", status: str = "open"
    ) -> int:
        with self._lock:
            disc = self._new_discussion(self.repos[repo_id], title, author, False, "", None)
            disc.status = status
            return disc.num

    def set_status(self, repo_id: str, num: int, status: str) -> None:
        with self._lock:
            self._discussion(self.repos[repo_id], num).status = status

    def merge_pr(self, repo_id: str, num: int) -> str:
        """Merge a PR: main gets the files the PR changed (a simple three-way overlay)."""
        with self._lock:
            repo = self.repos[repo_id]
            disc = self._discussion(repo, num)
            base = repo.commits[disc.base_oid].files
            head = repo.commits[repo.refs[disc.ref]].files
            tree = dict(repo.commits[repo.refs["main"]].files)
            for path in set(base) | set(head):
                if base.get(path) != head.get(path):
                    if path in head:
                        tree[path] = head[path]
                    else:
                        tree.pop(path, None)
            oid = self._new_commit(
                repo, repo.refs["main"], tree, f"Merge PR #{num}", "", disc.author
            )
            repo.refs["main"] = oid
            disc.status, disc.merge_commit = "merged", oid
            return oid

    def repo(self, repo_id: str, repo_type: str = "model") -> StubRepo:
        return self.repos[repo_label(repo_id, repo_type)]

    def files(
        self, repo_id: str, revision: str = "main", *, repo_type: str = "model"
    ) -> dict[str, str]:
        with self._lock:
            repo = self.repo(repo_id, repo_type)
            commit = repo.commits[self._resolve(repo, revision)]
            return {p: c.decode("utf-8", "replace") for p, c in commit.files.items()}

    def read_file(
        self, repo_id: str, path: str, revision: str = "main", *, repo_type: str = "model"
    ) -> str | None:
        return self.files(repo_id, revision, repo_type=repo_type).get(path)

    def head(self, repo_id: str, revision: str = "main", *, repo_type: str = "model") -> str:
        with self._lock:
            return self._resolve(self.repo(repo_id, repo_type), revision)

    def commits(self, repo_id: str, *, repo_type: str = "model") -> list[StubCommit]:
        """Every commit of the repo, oldest first."""
        with self._lock:
            return list(self.repo(repo_id, repo_type).commits.values())

    def pull_requests(self, repo_id: str, *, repo_type: str = "model") -> list[StubDiscussion]:
        with self._lock:
            return [d for d in self.repo(repo_id, repo_type).discussions if d.is_pull_request]

    # ---- test controls
    def fail(
        self,
        method: str | None,
        pattern: str,
        status: int = 500,
        *,
        times: int | None = 1,
        retry_after: float | str | None = None,
        message: str | None = None,
        rate: float | None = None,
        drop: str | None = None,
    ) -> _Fault:
        """Answer `status` to the next `times` requests (None: all) whose decoded path matches
        (with `rate`: to that share of them; `times` counts the failures). `retry_after`:
        seconds, or a string sent as is (an HTTP date). `drop`: close the connection
        without an answer, "before" or "after" handling the request."""
        if drop not in (None, "before", "after"):
            raise ValueError("drop is 'before' or 'after'")
        fault = _Fault(
            method=method.upper() if method else None,
            pattern=re.compile(pattern),
            status=status,
            times=times,
            retry_after=retry_after,
            message=message
            or {429: "Too Many Requests", 500: "Internal Error"}.get(status, "Error"),
            rate=rate,
            drop=drop,
        )
        with self._lock:
            self.faults.append(fault)
        return fault

    def delay(self, seconds: float, method: str | None = None, pattern: str | None = None) -> None:
        with self._lock:
            self.delays.append(
                _Delay(
                    seconds,
                    method.upper() if method else None,
                    re.compile(pattern) if pattern else None,
                )
            )

    def add_route(self, method: str, pattern: str, handler: Handler) -> None:
        """Register an extra endpoint (see the module docstring); it wins over built-in routes."""
        with self._lock:
            self.routes.append((method.upper(), re.compile(pattern), handler))

    def requests(
        self, method: str | None = None, pattern: str | None = None
    ) -> list[LoggedRequest]:
        with self._lock:
            return [
                r
                for r in self.log
                if (method is None or r.method == method.upper())
                and (pattern is None or re.search(pattern, r.path))
            ]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    # ---- internals: state
    def _new_commit(self, repo, parent, files, message, description, author) -> str:
        oid = secrets.token_hex(20)
        repo.commits[oid] = StubCommit(oid, parent, files, message, description, author, _now())
        return oid

    def _new_discussion(self, repo, title, author, is_pr, description, base) -> StubDiscussion:
        disc = StubDiscussion(
            num=len(repo.discussions) + 1,
            title=title,
            author=author,
            is_pull_request=is_pr,
            status="open",
            created_at=_now(),
            description=description,
            base_oid=base,
        )
        disc.events.append(
            {
                "id": secrets.token_hex(12),
                "type": "comment",
                "createdAt": disc.created_at,
                "author": {"name": author},
                "data": {"edited": False, "hidden": False, "latest": {"raw": description}},
            }
        )
        repo.discussions.append(disc)
        return disc

    @staticmethod
    def _commit_event(oid: str, subject: str, author: str) -> dict:
        return {
            "id": secrets.token_hex(12),
            "type": "commit",
            "createdAt": _now(),
            "author": {"name": author},
            "data": {"subject": subject, "oid": oid},
        }

    @staticmethod
    def _ref_name(revision: str) -> str:
        return revision[len("refs/heads/") :] if revision.startswith("refs/heads/") else revision

    def _resolve(self, repo: StubRepo, revision: str | None) -> str:
        revision = self._ref_name(revision or "main")
        if revision in repo.refs:
            return repo.refs[revision]
        if _COMMIT_RE.match(revision) and revision in repo.commits:
            return revision
        raise StubHTTPError(404, f"Invalid rev id: {revision}", code="RevisionNotFound")

    @staticmethod
    def _discussion(repo: StubRepo, num: int) -> StubDiscussion:
        for disc in repo.discussions:
            if disc.num == num:
                return disc
        raise StubHTTPError(404, "Discussion not found")

    # ---- internals: access control
    def _owns(self, user: StubUser | None, repo: StubRepo) -> bool:
        return user is not None and (repo.namespace == user.name or repo.namespace in user.orgs)

    @staticmethod
    def _kind(req: StubRequest) -> str:
        """The repo type a route names: /api/{kind}/... or /{prefix}/.../resolve/..."""
        kind = req.params.get("kind") or req.params.get("prefix") or "models"
        return kind[:-1]

    def _repo_for_read(self, req: StubRequest, *, files: bool = False) -> StubRepo:
        repo = self.repos.get(repo_label(req.params["repo"], self._kind(req)))
        user = req.user
        if req.token and user is None:
            raise StubHTTPError(401, "Invalid credentials in Authorization header")
        if repo is None:
            raise StubHTTPError(404 if user else 401, "Repository not found", code="RepoNotFound")
        if repo.private and not self._owns(user, repo):
            raise StubHTTPError(404 if user else 401, "Repository not found", code="RepoNotFound")
        if (
            files
            and repo.gated
            and not self._owns(user, repo)
            and (user is None or user.name not in repo.gated_allowed)
        ):
            raise StubHTTPError(
                403 if user else 401,
                f"Access to model {repo.repo_id} is restricted. You must have access to it and be authenticated.",
                code="GatedRepo",
            )
        return repo

    def _user_for_write(self, req: StubRequest) -> StubUser:
        user = req.user
        if user is None:
            raise StubHTTPError(401, "Invalid credentials in Authorization header")
        if user.role == "read":
            raise StubHTTPError(403, "This token has read-only access")
        return user

    # ---- routing
    def _default_routes(self) -> list[tuple[str, re.Pattern, Handler]]:
        table = [
            ("GET", r"/api/whoami-v2", self._h_whoami),
            ("GET", r"/api/agent-harnesses", lambda req: {"standardEnvVars": [], "harnesses": {}}),
            ("POST", r"/api/validate-yaml", self._h_validate_yaml),
            ("GET", r"/api/models", self._h_list_models),
            ("POST", r"/api/repos/create", self._h_create_repo),
            ("GET", rf"/api/{_KIND}/{_REPO}", self._h_model_info),
            ("GET", rf"/api/{_KIND}/{_REPO}/revision/(?P<rev>[^/]+)", self._h_model_info),
            ("GET", rf"/api/{_KIND}/{_REPO}/tree/(?P<rev>[^/]+)(?:/(?P<path>.*))?", self._h_tree),
            ("POST", rf"/api/{_KIND}/{_REPO}/preupload/(?P<rev>.+)", self._h_preupload),
            ("POST", rf"/api/{_KIND}/{_REPO}/commit/(?P<rev>[^/]+)", self._h_commit),
            ("GET", rf"/api/{_KIND}/{_REPO}/discussions", self._h_discussions),
            ("GET", rf"/api/{_KIND}/{_REPO}/discussions/(?P<num>\d+)", self._h_discussion),
            (
                "POST",
                rf"/api/{_KIND}/{_REPO}/discussions/(?P<num>\d+)/status",
                self._h_discussion_status,
            ),
            (
                "POST",
                rf"/api/{_KIND}/{_REPO}/discussions/(?P<num>\d+)/comment",
                self._h_discussion_comment,
            ),
            ("HEAD", rf"/{_PREFIX}{_REPO}/resolve/(?P<rev>[^/]+)/(?P<path>.+)", self._h_resolve),
            ("GET", rf"/{_PREFIX}{_REPO}/resolve/(?P<rev>[^/]+)/(?P<path>.+)", self._h_resolve),
        ]
        return [(m, re.compile(p), h) for m, p, h in table]

    def _dispatch(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        split = urlsplit(handler.path)
        raw_path = split.path
        path = unquote(raw_path)
        query = parse_qs(split.query, keep_blank_values=True)
        auth = handler.headers.get("Authorization") or ""
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        entry = LoggedRequest(method, path, raw_path, query, token)
        with self._lock:
            self.log.append(entry)
            delays = [d for d in self.delays if _matches(d.method, d.pattern, method, path)]
            fault = next(
                (
                    f
                    for f in self.faults
                    if _matches(f.method, f.pattern, method, path) and f.fires()
                ),
                None,
            )
            if fault is not None:
                fault.hits += 1
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
            routes = list(self.routes) + self._builtin_routes
        for d in delays:
            time.sleep(d.seconds)
        body = _read_body(handler)
        if fault is not None and fault.drop is not None:
            if fault.drop == "after":  # the request takes effect; its answer is lost
                self._route(routes, method, raw_path, path, query, handler, body, token)
            handler.close_connection = True
            return
        if fault is not None:
            headers = {}
            if isinstance(fault.retry_after, str):
                headers["Retry-After"] = fault.retry_after
            elif fault.retry_after is not None:
                headers["Retry-After"] = str(int(fault.retry_after))
            response = _error_response(StubHTTPError(fault.status, fault.message, headers=headers))
        else:
            response = self._route(routes, method, raw_path, path, query, handler, body, token)
        entry.status = response.status
        _send(handler, method, response)

    def _route(self, routes, method, raw_path, path, query, handler, body, token) -> StubResponse:
        path_matched = False
        for route_method, pattern, func in routes:
            match = pattern.fullmatch(raw_path)
            if not match:
                continue
            path_matched = True
            if route_method != method:
                continue
            params = {k: unquote(v) for k, v in match.groupdict().items() if v is not None}
            req = StubRequest(
                method,
                path,
                raw_path,
                query,
                dict(handler.headers.items()),
                body,
                token,
                params,
                self,
            )
            try:
                with self._lock:
                    result = func(req)
            except StubHTTPError as error:
                return _error_response(error)
            if isinstance(result, StubResponse):
                return result
            return StubResponse(200, result if result is not None else {})
        if path_matched:
            return _error_response(StubHTTPError(405, f"Method {method} not allowed"))
        return _error_response(StubHTTPError(404, f"Not found: {path}"))

    # ---- handlers
    def _h_whoami(self, req: StubRequest):
        user = req.user
        if user is None:
            raise StubHTTPError(401, "Invalid credentials in Authorization header")
        return {
            "type": "user",
            "id": hashlib.md5(user.name.encode()).hexdigest()[:24],
            "name": user.name,
            "fullname": user.name.title(),
            "orgs": [{"type": "org", "name": org, "roleInOrg": "write"} for org in user.orgs],
            "auth": {
                "type": "access_token",
                "accessToken": {"displayName": "tests", "role": user.role},
            },
        }

    def _h_validate_yaml(self, req: StubRequest):
        payload = req.json() or {}
        content = payload.get("content") or ""
        errors = validate_metadata(content)
        warnings = [{"message": m} for m in validate_metadata_warnings(content)]
        if errors:
            return StubResponse(
                400, {"errors": [{"message": m} for m in errors], "warnings": warnings}
            )
        return {"errors": [], "warnings": warnings}

    def _model_json(self, repo: StubRepo, oid: str, expand: list[str]) -> dict:
        commit = repo.commits[oid]
        readme = commit.files.get("README.md")
        card = front_matter(readme.decode("utf-8", "replace")) if readme is not None else None
        full = {
            "_id": hashlib.md5(repo.repo_id.encode()).hexdigest()[:24],
            "id": repo.repo_id,
            "modelId": repo.repo_id,
            "author": repo.namespace,
            "sha": oid,
            "lastModified": commit.date,
            "createdAt": repo.created_at,
            "private": repo.private,
            "gated": "auto" if repo.gated else False,
            "disabled": False,
            "downloads": repo.meta.get("downloads", 0),
            "likes": repo.meta.get("likes", 0),
            "trendingScore": repo.meta.get("trendingScore", 0),
            "tags": repo.meta.get("tags", []),
            "pipeline_tag": repo.meta.get("pipeline_tag", "text-generation"),
            "library_name": repo.meta.get("library_name", "transformers"),
            "siblings": [{"rfilename": p} for p in sorted(commit.files)],
        }
        if repo.meta.get("safetensors"):  # {"parameters": {dtype: n}, "total": n}
            full["safetensors"] = repo.meta["safetensors"]
        if card is not None:
            full["cardData"] = json.loads(json.dumps(card, default=str))
            if "model-index" in card:
                full["model-index"] = full["cardData"]["model-index"]
        if not expand:
            return full
        if "evalResults" in expand:
            full["evalResults"] = self._eval_results(commit)
        unknown = [e for e in expand if e not in _EXPANDABLE]
        if unknown:
            raise StubHTTPError(
                400, f'"expand" must be one of {sorted(_EXPANDABLE)}: got {unknown[0]}'
            )
        return {"_id": full["_id"], "id": full["id"], **{k: full[k] for k in expand if k in full}}

    def _eval_results(self, commit: StubCommit) -> list[dict]:
        items: list[dict] = []
        for path in sorted(commit.files):
            if not (path.startswith(".eval_results/") and path.endswith((".yaml", ".yml"))):
                continue
            try:
                data = yaml.safe_load(commit.files[path].decode("utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError) as error:
                items.append(
                    {"filename": path, "error": f"invalid YAML: {str(error).splitlines()[0]}"}
                )
                continue
            if not isinstance(data, list):
                items.append({"filename": path, "error": "the file must hold a list of results"})
                continue
            for entry in data:
                problem = validate_eval_results_entry(entry, self.registered_benchmarks)
                if problem:
                    items.append({"filename": path, "error": problem})
                else:
                    items.append(
                        {"filename": path, "data": json.loads(json.dumps(entry, default=str))}
                    )
        return items

    def _h_model_info(self, req: StubRequest):
        repo = self._repo_for_read(req)
        oid = self._resolve(repo, req.params.get("rev"))
        expand = [e for value in req.args("expand") for e in value.split(",") if e]
        return self._model_json(repo, oid, expand)

    def _h_list_models(self, req: StubRequest):
        user = req.user
        repos = [
            r
            for r in self.repos.values()
            if r.repo_type == "model" and (not r.private or self._owns(user, r))
        ]
        for tag in req.args("filter"):
            repos = [r for r in repos if tag in self._tags(r)]
        if req.arg("pipeline_tag"):
            wanted = req.arg("pipeline_tag")
            repos = [r for r in repos if r.meta.get("pipeline_tag", "text-generation") == wanted]
        if req.arg("author"):
            repos = [r for r in repos if r.namespace == req.arg("author")]
        if req.arg("search"):
            repos = [r for r in repos if req.arg("search").lower() in r.repo_id.lower()]
        sort = req.arg("sort")
        if sort:
            keys = {"trendingScore": "trendingScore", "downloads": "downloads", "likes": "likes"}
            if sort in keys:
                repos.sort(key=lambda r: r.meta.get(keys[sort], 0), reverse=True)
            elif sort in ("createdAt", "lastModified"):
                repos.sort(key=lambda r: r.created_at, reverse=True)
        limit = req.arg("limit")
        if limit:
            repos = repos[: int(limit)]
        expand = [e for value in req.args("expand") for e in value.split(",") if e]
        out = []
        for repo in repos:
            if expand:
                out.append(self._model_json(repo, repo.refs["main"], expand))
            else:  # the Hub's compact listing
                item = self._model_json(repo, repo.refs["main"], [])
                for key in ("siblings", "cardData", "model-index"):
                    item.pop(key, None)
                out.append(item)
        return out

    @staticmethod
    def _tags(repo: StubRepo) -> set[str]:
        """What `filter=` matches on the Hub: tags, library and pipeline tag."""
        return {
            *repo.meta.get("tags", []),
            repo.meta.get("library_name", "transformers"),
            repo.meta.get("pipeline_tag", "text-generation"),
        }

    def _h_create_repo(self, req: StubRequest):
        user = self._user_for_write(req)
        body = req.json() or {}
        namespace = body.get("organization") or user.name
        if namespace != user.name and namespace not in user.orgs:
            raise StubHTTPError(403, f"You cannot create repos in {namespace}")
        repo_id = f"{namespace}/{body.get('name')}"
        kind = body.get("type") or "model"
        url = f"{req.stub.url}/{repo_label(repo_id, kind)}"
        if repo_label(repo_id, kind) in self.repos:  # the Hub's 409 names the repo's URL
            message = "You already created this repo"
            raise StubHTTPError(
                409, message, code="RepoExists", body={"error": message, "url": url}
            )
        if kind == "space" and not body.get("sdk"):
            raise StubHTTPError(400, "A Space needs an sdk")
        private = bool(body.get("private")) or body.get("visibility") == "private"
        repo = self.create_repo(repo_id, private=private, author=user.name, repo_type=kind)
        if kind == "space":
            repo.meta["sdk"] = body.get("sdk")
        return {"url": url, "name": repo_id, "id": repo_id}

    def _h_tree(self, req: StubRequest):
        repo = self._repo_for_read(req, files=True)
        oid = self._resolve(repo, req.params["rev"])
        files = repo.commits[oid].files
        prefix = (req.params.get("path") or "").strip("/")
        recursive = req.arg("recursive") in ("1", "true", "True")
        entries, folders = [], set()
        for path in sorted(files):
            if prefix and not (path == prefix or path.startswith(prefix + "/")):
                continue
            rest = path[len(prefix) + 1 :] if prefix else path
            if not recursive and "/" in rest:
                folder = (prefix + "/" if prefix else "") + rest.split("/", 1)[0]
                if folder not in folders:
                    folders.add(folder)
                    entries.append({"type": "directory", "path": folder, "oid": oid})
                continue
            content = files[path]
            entries.append(
                {"type": "file", "path": path, "size": len(content), "oid": blob_oid(content)}
            )
        if prefix and not entries:
            raise StubHTTPError(404, f"{prefix} does not exist", code="EntryNotFound")
        return entries

    def _h_resolve(self, req: StubRequest):
        repo = self._repo_for_read(req, files=True)
        oid = self._resolve(repo, req.params["rev"])
        content = repo.commits[oid].files.get(req.params["path"])
        if content is None:
            raise StubHTTPError(
                404, "Entry not found", code="EntryNotFound", headers={"X-Repo-Commit": oid}
            )
        return StubResponse(
            200,
            content,
            {
                "ETag": f'"{blob_oid(content)}"',
                "X-Repo-Commit": oid,
                "Content-Type": "text/plain; charset=utf-8",
                "Accept-Ranges": "bytes",
            },
        )

    def _h_preupload(self, req: StubRequest):
        repo = self._repo_for_read(req)
        self._user_for_write(req)
        oid = self._resolve(repo, req.params["rev"])
        tree = repo.commits[oid].files
        files = (req.json() or {}).get("files", [])
        return {
            "files": [
                {
                    "path": f["path"],
                    "uploadMode": "regular",
                    "shouldIgnore": False,
                    "oid": blob_oid(tree[f["path"]]) if f["path"] in tree else None,
                }
                for f in files
            ],
            "commitOid": oid,
        }

    def _h_commit(self, req: StubRequest):
        repo = self._repo_for_read(req)
        user = self._user_for_write(req)
        revision = self._ref_name(req.params["rev"])
        create_pr = req.arg("create_pr") in ("1", "true", "True")
        lines = [json.loads(line) for line in req.body.decode("utf-8").splitlines() if line.strip()]
        if not lines or lines[0].get("key") != "header":
            raise StubHTTPError(400, "The first line of a commit must be its header")
        header = lines[0]["value"]
        summary = header.get("summary") or ""
        if not summary.strip():
            raise StubHTTPError(400, "A commit needs a summary")
        head = self._resolve(repo, revision)
        parent_commit = header.get("parentCommit")
        pr: StubDiscussion | None = None
        if create_pr:
            if revision != "main":
                raise StubHTTPError(400, "Pull requests can only target main here")
            base = parent_commit or head
            if base not in repo.commits:
                raise StubHTTPError(400, f"Invalid parent commit {base}")
        else:
            if revision.startswith("refs/pr/"):
                pr = self._discussion(repo, int(revision.rsplit("/", 1)[1]))
                if pr.status != "open":
                    raise StubHTTPError(403, f"Pull request #{pr.num} is {pr.status}")
                if pr.author != user.name and not self._owns(user, repo):
                    raise StubHTTPError(403, "You can only push to your own pull requests")
            elif not self._owns(user, repo):
                raise StubHTTPError(
                    403,
                    "You don't have the rights to create a commit on this repo: open a pull request instead",
                )
            if parent_commit and parent_commit != head:
                raise StubHTTPError(
                    412, "A commit has happened since. Please refresh and try again."
                )
            base = head
        tree = dict(repo.commits[base].files)
        for line in lines[1:]:
            key, value = line.get("key"), line.get("value") or {}
            if key == "file":
                if value.get("encoding") != "base64":
                    raise StubHTTPError(400, "Only base64 content is supported")
                tree[value["path"]] = base64.b64decode(value["content"])
            elif key == "deletedFile":
                if value["path"] not in tree:
                    raise StubHTTPError(
                        404, "A file with this name doesn't exist", code="EntryNotFound"
                    )
                del tree[value["path"]]
            elif key == "deletedFolder":
                prefix = value["path"].rstrip("/") + "/"
                for path in [p for p in tree if p.startswith(prefix)]:
                    del tree[path]
            else:
                raise StubHTTPError(400, f"Unsupported operation in this stand-in: {key}")
        readme = tree.get("README.md")
        if readme is not None and readme != repo.commits[base].files.get("README.md"):
            errors = validate_metadata(readme.decode("utf-8", "replace"))
            if errors:
                raise StubHTTPError(
                    400, "Invalid metadata in README.md.\n" + "\n".join(f"- {e}" for e in errors)
                )
        oid = self._new_commit(
            repo, base, tree, summary, header.get("description") or "", user.name
        )
        out = {
            "success": True,
            "commitOid": oid,
            "commitUrl": f"{req.stub.url}/{self._url_path(repo)}/commit/{oid}",
        }
        if create_pr:
            pr = self._new_discussion(
                repo, summary, user.name, True, header.get("description") or "", base
            )
            pr.events.append(self._commit_event(oid, summary, user.name))
            repo.refs[pr.ref] = oid
            out["pullRequestUrl"] = f"{req.stub.url}/{self._url_path(repo)}/discussions/{pr.num}"
        else:
            repo.refs[revision] = oid
            if pr is not None:
                pr.events.append(self._commit_event(oid, summary, user.name))
                out["pullRequestUrl"] = (
                    f"{req.stub.url}/{self._url_path(repo)}/discussions/{pr.num}"
                )
        return out

    @staticmethod
    def _url_path(repo: StubRepo) -> str:
        return repo.label

    def _disc_json(self, repo: StubRepo, disc: StubDiscussion) -> dict:
        return {
            "num": disc.num,
            "title": disc.title,
            "status": disc.status,
            "author": {"name": disc.author, "type": "user"},
            "createdAt": disc.created_at,
            "isPullRequest": disc.is_pull_request,
            "numComments": sum(1 for e in disc.events if e["type"] == "comment"),
            "pinned": False,
            "repo": {"name": repo.repo_id, "type": repo.repo_type},
        }

    def _h_discussions(self, req: StubRequest):
        repo = self._repo_for_read(req)
        items = sorted(repo.discussions, key=lambda d: d.num, reverse=True)
        kind = req.arg("type", "all")
        if kind == "pull_request":
            items = [d for d in items if d.is_pull_request]
        elif kind == "discussion":
            items = [d for d in items if not d.is_pull_request]
        status = req.arg("status", "all")
        if status == "open":
            items = [d for d in items if d.status in ("open", "draft")]
        elif status == "closed":
            items = [d for d in items if d.status in ("closed", "merged")]
        if req.arg("author"):
            items = [d for d in items if d.author == req.arg("author")]
        page = int(req.arg("p", "0") or 0)
        start = page * self.page_size
        chunk = items[start : start + self.page_size]
        return {
            "discussions": [self._disc_json(repo, d) for d in chunk],
            "count": len(items),
            "start": start,
            "numClosedDiscussions": sum(1 for d in repo.discussions if d.status != "open"),
        }

    def _h_discussion(self, req: StubRequest):
        repo = self._repo_for_read(req)
        disc = self._discussion(repo, int(req.params["num"]))
        out = self._disc_json(repo, disc)
        out["events"] = list(disc.events)
        if disc.is_pull_request:
            out["changes"] = {"base": "refs/heads/main"}
            if disc.merge_commit:
                out["changes"]["mergeCommitId"] = disc.merge_commit
            out["filesWithConflicts"] = list(disc.conflicts)
            if req.arg("diff") == "1":
                base = repo.commits[disc.base_oid].files
                head = repo.commits[repo.refs[disc.ref]].files
                out["diff"] = git_diff(base, head)
        return out

    def _discussion_for_change(self, req: StubRequest) -> tuple[StubDiscussion, StubUser]:
        """The discussion a change names, and the user making it: its author or an owner."""
        repo = self._repo_for_read(req)
        user = self._user_for_write(req)
        disc = self._discussion(repo, int(req.params["num"]))
        if disc.author != user.name and not self._owns(user, repo):
            raise StubHTTPError(403, "You can only change your own discussions")
        return disc, user

    @staticmethod
    def _comment_event(author: str, text: str) -> dict:
        return {
            "id": secrets.token_hex(12),
            "type": "comment",
            "createdAt": _now(),
            "author": {"name": author},
            "data": {"edited": False, "hidden": False, "latest": {"raw": text}},
        }

    def _h_discussion_status(self, req: StubRequest):
        """As the Hub: {"status": "open"|"closed", "comment"?}; a merged PR stays merged; the
        comment becomes its own event before the status change."""
        disc, user = self._discussion_for_change(req)
        body = req.json() or {}
        status = body.get("status")
        if status not in ("open", "closed"):
            raise StubHTTPError(400, "status must be open or closed")
        if disc.status == "merged":
            raise StubHTTPError(400, "A merged pull request cannot change status")
        out: dict = {}
        if (body.get("comment") or "").strip():
            comment = self._comment_event(user.name, body["comment"])
            disc.events.append(comment)
            out["newMessage"] = comment
        disc.status = status
        event = {
            "id": secrets.token_hex(12),
            "type": "status-change",
            "createdAt": _now(),
            "author": {"name": user.name},
            "data": {"status": status},
        }
        disc.events.append(event)
        out["newStatus"] = event
        return out

    def _h_discussion_comment(self, req: StubRequest):
        """Anyone signed in may comment on an open discussion (as on the Hub)."""
        repo = self._repo_for_read(req)
        user = self._user_for_write(req)
        disc = self._discussion(repo, int(req.params["num"]))
        text = ((req.json() or {}).get("comment") or "").strip()
        if not text:
            raise StubHTTPError(400, "A comment needs text")
        event = self._comment_event(user.name, text)
        disc.events.append(event)
        return {"newMessage": event}


def _matches(method: str | None, pattern: re.Pattern | None, req_method: str, path: str) -> bool:
    return (method is None or method == req_method) and (
        pattern is None or pattern.search(path) is not None
    )


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int(handler.rfile.readline().strip() or b"0", 16)
            if size == 0:
                handler.rfile.readline()
                break
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
        return b"".join(chunks)
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


def _error_response(error: StubHTTPError) -> StubResponse:
    headers = {"X-Error-Message": error.message.splitlines()[0], **error.headers}
    if error.code:
        headers["X-Error-Code"] = error.code
    return StubResponse(
        error.status, error.body if error.body is not None else {"error": error.message}, headers
    )


def _send(handler: BaseHTTPRequestHandler, method: str, response: StubResponse) -> None:
    body = response.body
    content_type = "application/json"
    if isinstance(body, (dict, list)):
        payload = json.dumps(body).encode("utf-8")
    elif isinstance(body, str):
        payload, content_type = body.encode("utf-8"), "text/plain; charset=utf-8"
    elif body is None:
        payload = b""
    else:
        payload, content_type = body, "application/octet-stream"
    handler.send_response(response.status)
    headers = {
        "Content-Type": content_type,
        **response.headers,
        "Content-Length": str(len(payload)),
    }
    for key, value in headers.items():
        handler.send_header(key, value)
    handler.end_headers()
    if method != "HEAD" and payload:
        handler.wfile.write(payload)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hub: HubStub

    def log_message(self, format, *args):  # noqa: A002 - quiet: tests read stub.log instead
        pass

    def _handle(self) -> None:
        try:
            self.hub._dispatch(self, self.command)
        except Exception as error:  # noqa: BLE001 - a stub bug must answer, not hang the client
            with contextlib.suppress(OSError):
                _send(
                    self,
                    self.command,
                    _error_response(StubHTTPError(500, f"stub error: {error!r}")),
                )

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = _handle
