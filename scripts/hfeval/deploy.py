"""`deploy-leaderboard` as a library: the leaderboard app's files, as a Space holds them,
planned against the Space's current files and written in one commit.

Why the Space carries more than the app folder:
- `models.txt` and the README's `models:` metadata name every model the leaderboard
  shows. The Hub lists a Space on a model's page when the Space names the model (the
  Space card's `models:` is the metadata it reads; the MTEB leaderboard keeps a file of
  model ids for the same reason), so each trending model's page links back here.
- `dataset.txt` names the Hub dataset the app reads: a Space's variables cannot be set
  by a commit, and a file is. It is always written (empty without --dataset), so a
  deploy without --dataset really stops the Space reading the old one. The README's
  `datasets:` metadata names it too, so the dataset's page links to the Space.

Nothing here prints; `plan_deploy` only reads, `deploy` writes only a plan that asks to.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, NotOwner, RepoNotFound, UsageError
from .frontmatter import (
    apply_edits,
    compose,
    dump_yaml,
    load_mapping,
    split_front_matter,
    update_mapping,
)

if TYPE_CHECKING:
    from .hub import HubClient

APP_DIR = Path(__file__).resolve().parents[2] / "leaderboard"
# The app as a Space runs it (leaderboard/README.md carries the Space front matter).
APP_FILES = ("README.md", "app.py", "board.py", "views.py", "requirements.txt")
SNAPSHOT_DIR = "data"
MODELS_FILE = "models.txt"
DATASET_FILE = "dataset.txt"
GENERATED = ("README.md", MODELS_FILE, DATASET_FILE)  # written by the deploy, not copied
SPACE_SDK = "gradio"
# A Hub repo id: namespace/name, the characters the Hub allows.
_REPO_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
_DIFF_LINES = 40  # per file in a preview; the rest is counted


def check_repo_id(repo_id: str, what: str) -> str:
    """A usage error unless `repo_id` is `namespace/name`."""
    if not _REPO_ID_RE.match(repo_id or "") or ".." in repo_id:
        raise UsageError(f"{what} must be a repo id like my-org/name, got {repo_id!r}")
    return repo_id


# --------------------------------------------------------------------------- pure parts


def models_from_metadata(metadata: Mapping, where: str) -> list[str]:
    """The model ids a collected dataset holds (metadata.json `models`, in trending order).

    An id that is not `namespace/name` is an error rather than dropped: the models file
    must name exactly what the leaderboard shows."""
    models = metadata.get("models")
    if not isinstance(models, list) or not all(isinstance(m, str) for m in models):
        raise InputError(f"{where}: metadata.json has no list of model ids under 'models'")
    bad = [m for m in models if not _REPO_ID_RE.match(m)]
    if bad:
        raise InputError(f"{where}: metadata.json names a model that is not a repo id: {bad[0]!r}")
    return list(dict.fromkeys(models))


def space_readme(readme: str, *, models: list[str], dataset: str | None) -> str:
    """The app's README with `models:` (and `datasets:`) in its front matter; every other
    line as written (the keys are edited in place, so the title's emoji stays an emoji)."""
    parts = split_front_matter(readme)
    if not parts.present:
        raise InputError("leaderboard/README.md has no Space front matter (sdk, app_file)")
    old = load_mapping(parts.yaml_text, "leaderboard/README.md front matter")
    new = {k: v for k, v in old.items() if k not in ("models", "datasets")}
    if dataset:
        new["datasets"] = [dataset]
    if models:
        new["models"] = list(models)
    try:
        edits = update_mapping(parts.yaml_text, compose(parts.yaml_text), old, new, parts.newline)
        yaml_text = apply_edits(parts.yaml_text, edits)
    except ValueError:  # a layout it cannot edit in place: write the YAML anew
        yaml_text = dump_yaml(new, sort_keys=False, allow_unicode=True, width=1000)
    if load_mapping(yaml_text) != new:  # pragma: no cover - the edit must say what we mean
        yaml_text = dump_yaml(new, sort_keys=False, allow_unicode=True, width=1000)
    return parts.with_yaml(yaml_text)


def models_file(models: list[str]) -> str:
    header = (
        "# The models this leaderboard shows, one Hub id a line (written by deploy-leaderboard).\n"
        "# The Hub links a model's page to the Spaces that name it.\n"
    )
    return header + "".join(f"{m}\n" for m in models)


def space_files(
    app_dir: Path, *, models: list[str], dataset: str | None, with_snapshot: bool
) -> dict[str, bytes]:
    """Every file the Space gets, path -> bytes (the app, models.txt, dataset.txt, data/)."""
    files: dict[str, bytes] = {}
    for name in APP_FILES:
        path = app_dir / name
        if not path.is_file():
            raise InputError(f"the leaderboard app has no {name} (looked in {app_dir})")
        files[name] = path.read_bytes()
    readme = files["README.md"].decode("utf-8")
    files["README.md"] = space_readme(readme, models=models, dataset=dataset).encode("utf-8")
    files[MODELS_FILE] = models_file(models).encode("utf-8")
    files[DATASET_FILE] = (f"{dataset}\n" if dataset else "").encode("utf-8")
    if with_snapshot:
        for path in sorted((app_dir / SNAPSHOT_DIR).iterdir()):
            if path.is_file():
                files[f"{SNAPSHOT_DIR}/{path.name}"] = path.read_bytes()
    return files


def text_diff(path: str, old: bytes | None, new: bytes) -> list[str]:
    """A unified diff of a text file (at most _DIFF_LINES lines); [] for binary files."""
    try:
        old_text = (old or b"").decode("utf-8")
        new_text = new.decode("utf-8")
    except UnicodeDecodeError:
        return []
    lines = [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            old_text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=f"a/{path}" if old is not None else "/dev/null",
            tofile=f"b/{path}",
        )
    ]
    if len(lines) > _DIFF_LINES:
        lines = [*lines[:_DIFF_LINES], f"... ({len(lines) - _DIFF_LINES} more diff lines)"]
    return lines


# --------------------------------------------------------------------------- plan and write


@dataclass(frozen=True)
class FileChange:
    path: str
    change: str  # "new", "changed" or "unchanged"
    size: int
    diff: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        out: dict = {"path": self.path, "change": self.change, "size": self.size}
        if self.diff:
            out["diff"] = list(self.diff)
        return out


@dataclass
class DeployPlan:
    """What a deploy would write to the Space, decided against its current files."""

    space: str
    files: dict[str, bytes]
    changes: list[FileChange]
    models: list[str]
    models_from: str  # where the model list came from: the dataset or the local snapshot
    dataset: str | None
    exists: bool  # the Space exists already
    revision: str | None  # the Space's main commit the plan was made against
    kept: list[str] = field(default_factory=list)  # Space files the deploy leaves alone

    @property
    def to_write(self) -> dict[str, bytes]:
        changed = {c.path for c in self.changes if c.change != "unchanged"}
        return {p: d for p, d in self.files.items() if p in changed}

    @property
    def up_to_date(self) -> bool:
        return self.exists and not self.to_write


@dataclass
class DeployOutcome:
    status: str  # "previewed", "committed" or "up-to-date"
    plan: DeployPlan
    space_url: str
    created: bool = False
    commit_url: str | None = None

    def to_dict(self) -> dict:
        plan = self.plan
        return {
            "ok": True,
            "status": self.status,
            "space": plan.space,
            "space_url": self.space_url,
            "created": self.created,
            "exists": plan.exists,
            "revision": plan.revision,
            "commit_url": self.commit_url,
            "dataset": plan.dataset,
            "models": plan.models,
            "n_models": len(plan.models),
            "models_from": plan.models_from,
            "files": [c.to_dict() for c in plan.changes],
            "kept": plan.kept,
        }


def deploy_models(client: HubClient, app_dir: Path, dataset: str | None) -> tuple[list[str], str]:
    """The models the deployed app shows: the dataset's (with --dataset), else the snapshot's."""
    if dataset:
        raw = client.read_file(dataset, "metadata.json", repo_type="dataset")
        where = f"dataset {dataset}"
    else:
        path = app_dir / SNAPSHOT_DIR / "metadata.json"
        if not path.is_file():
            raise InputError(f"no snapshot metadata at {path}")
        raw = path.read_bytes()
        where = f"snapshot {path.parent}"
    try:
        metadata = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{where}: metadata.json is not valid JSON ({exc})") from None
    if not isinstance(metadata, dict):
        raise InputError(f"{where}: metadata.json is not a JSON object")
    return models_from_metadata(metadata, where), where


def plan_deploy(
    client: HubClient,
    space: str,
    *,
    dataset: str | None = None,
    with_snapshot: bool = False,
    app_dir: Path = APP_DIR,
) -> DeployPlan:
    """Read the Space (if it exists) and compare each file the deploy would write with it."""
    check_repo_id(space, "--space")
    if dataset:
        check_repo_id(dataset, "--dataset")
    models, models_from = deploy_models(client, app_dir, dataset)
    files = space_files(app_dir, models=models, dataset=dataset, with_snapshot=with_snapshot)
    try:
        listing = client.list_files(space, repo_type="space")
    except RepoNotFound:
        listing = None
    current = set(listing.files) if listing else set()
    changes = []
    for path, data in sorted(files.items()):
        old = None
        if listing and path in current:
            old = client.read_file(space, path, repo_type="space", revision=listing.revision)
        if old == data:
            changes.append(FileChange(path, "unchanged", len(data)))
        else:
            change = "changed" if old is not None else "new"
            # A new app file is the repo's own; what a reader checks is the generated ones.
            shown = old is not None or path in GENERATED
            diff = tuple(text_diff(path, old, data)) if shown else ()
            changes.append(FileChange(path, change, len(data), diff))
    return DeployPlan(
        space=space,
        files=files,
        changes=changes,
        models=models,
        models_from=models_from,
        dataset=dataset,
        exists=listing is not None,
        revision=listing.revision if listing else None,
        kept=sorted(current - set(files)),
    )


def deploy(
    client: HubClient, plan: DeployPlan, *, apply: bool = False, private: bool = False
) -> DeployOutcome:
    """Preview the plan, or (apply) create the Space if needed and write it in one commit.

    The commit names the commit the plan was read at as its parent, so a Space that moved
    in between is refused rather than overwritten. Needs a token that owns the Space's
    namespace (user or org), checked before anything is written."""
    space_url = f"{client.endpoint}/spaces/{plan.space}"
    if plan.up_to_date:
        return DeployOutcome("up-to-date", plan, space_url)
    if not apply:
        return DeployOutcome("previewed", plan, space_url)
    identity = client.whoami()  # no token: one clear error
    if not identity.owns(plan.space):
        raise NotOwner(
            f"{identity.name} cannot write to spaces/{plan.space}: "
            "use a token of its owner (user or org, with write access)"
        )
    parent = plan.revision
    if not plan.exists:
        client.create_repo(plan.space, repo_type="space", private=private, space_sdk=SPACE_SDK)
        parent = client.head(plan.space, repo_type="space")
    summary = f"{len(plan.models)} models" + (f", dataset {plan.dataset}" if plan.dataset else "")
    outcome = client.commit(
        plan.space,
        plan.to_write,
        message=f"Deploy the evaluation leaderboard ({summary})",
        description="Written by hf-evaluation `deploy-leaderboard`: the app, models.txt "
        "(the models it shows, so their pages link here) and dataset.txt (the data it reads).",
        repo_type="space",
        parent_commit=parent,
    )
    return DeployOutcome(
        "committed", plan, space_url, created=not plan.exists, commit_url=outcome.commit_url
    )
