"""The per-repo write lock: one machine never runs two guard-and-write steps on one repo at once.

Why: the Hub has no atomic "open a PR unless an equivalent one is open". The duplicate
guard lists the open PRs and then opens one; two runs (two shells, a batch and a shell)
that list before either has opened see nothing and both open a PR. So every PR write
(`publish` with `--create-pr` or `--update-pr`, a batch's PRs too) takes this lock around
its duplicate check and its commit: the second run waits, then sees the first run's PR.
Across machines nothing can lock; there the re-listing after a PR is opened (publish.py)
closes the newer of two equivalent PRs.

The lock is `fcntl.flock` on a file per (Hub endpoint, repo) in `default_lock_dir()`: the
kernel releases it when its holder exits, however it exits, so a crashed run never leaves
a stale lock. It is re-entrant within one thread (a caller that already holds a repo's
lock, like a batch, may call code that takes it again); other threads and processes wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError

LOCK_DIR_ENV = "HFEVAL_LOCK_DIR"

_held = threading.local()  # lock file path -> how many times this thread holds it


def default_lock_dir() -> Path:
    """$HFEVAL_LOCK_DIR, else locks/ in the tool's cache folder ($HF_EVAL_CACHE or ~/.cache/hf-evaluation)."""
    if os.environ.get(LOCK_DIR_ENV):
        return Path(os.environ[LOCK_DIR_ENV])
    cache = os.environ.get("HF_EVAL_CACHE")
    return (Path(cache) if cache else Path.home() / ".cache" / "hf-evaluation") / "locks"


def lock_path(lock_dir: Path, endpoint: str, repo_id: str) -> Path:
    """The lock file of one repo of one Hub: readable name, plus a hash of endpoint and repo."""
    digest = hashlib.sha1(f"{endpoint.rstrip('/')}\n{repo_id}".encode()).hexdigest()[:12]
    name = re.sub(r"[^A-Za-z0-9._-]", "_", repo_id.replace("/", "--"))
    return lock_dir / f"{name}.{digest}.lock"


@contextlib.contextmanager
def repo_lock(lock_dir: Path | None, endpoint: str, repo_id: str) -> Iterator[Path]:
    """Hold the exclusive lock on one repo of one Hub (waits while another run holds it).

    `lock_dir`: None means `default_lock_dir()`. A folder that cannot be created or a lock
    file that cannot be opened is an InputError: writing without the lock is what the lock
    exists to prevent, so the write does not go ahead.
    """
    folder = lock_dir or default_lock_dir()
    path = lock_path(folder, endpoint, repo_id)
    counts: dict[str, int] = _held.__dict__.setdefault("counts", {})
    key = os.path.abspath(path)
    if counts.get(key):
        counts[key] += 1
        try:
            yield path
        finally:
            counts[key] -= 1
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")  # noqa: SIM115 - held across the yield, closed below
    except OSError as error:
        raise InputError(
            f"cannot use the lock folder {folder} ({error.strerror or error}): "
            f"set {LOCK_DIR_ENV} to a writable folder"
        ) from None
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        counts[key] = 1
        try:
            yield path
        finally:
            counts.pop(key, None)
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
