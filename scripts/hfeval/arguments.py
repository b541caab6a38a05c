"""The command-line arguments every command shares, declared once, and the one mapping
from the publishing flags to a `publish.PublishRequest`.

Commands call these from their `add_arguments`, so `--json` means the same everywhere,
`--repo-id` is spelled one way, and the publishing flags (--apply, --create-pr,
--update-pr N, --dry-run, --force-new-pr, --overwrite, --format) read the same in every
publishing command's --help.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from .errors import INVALID_REPO_ID

if TYPE_CHECKING:
    from .publish import Mode, PublishRequest
    from .results import SourceKind

JSON_HELP = "one JSON object on stdout, for agents (errors too)"
REPO_ID_HELP = "the model repo, e.g. org/name"


class Container(Protocol):
    """A parser or one of its argument groups."""

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action: ...


def add_json_argument(parser: Container) -> None:
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def add_repo_id_argument(
    parser: Container, *, required: bool = False, help: str = REPO_ID_HELP
) -> None:
    parser.add_argument("--repo-id", type=repo_id, metavar="ID", required=required, help=help)


# huggingface_hub's own rules (utils.validate_repo_id, which mirror the Hub's), checked
# while parsing: a bad id is a usage error before any request, not the library's
# HFValidationError from inside a call.
_REPO_ID_RE = re.compile(r"(?:\b[\w\-.]{1,96}\b/)?\b[\w\-.]{1,96}\b", re.ASCII)


def repo_id(text: str) -> str:
    """The argparse type of every --repo-id: `name` or `owner/name` as the Hub allows."""
    if not _REPO_ID_RE.fullmatch(text) or "--" in text or ".." in text or text.endswith(".git"):
        raise argparse.ArgumentTypeError(INVALID_REPO_ID.format(repo=text))
    return text


def add_publish_arguments(parser: argparse.ArgumentParser) -> None:
    """The write options every publishing command shares (--json is the command's own)."""
    group = parser.add_argument_group(
        "publishing (preview by default; nothing is written without a flag)"
    )
    mode = group.add_mutually_exclusive_group()
    mode.add_argument(
        "--apply",
        action="store_true",
        help="commit to main (refused unless you or your org own the repo)",
    )
    mode.add_argument(
        "--create-pr",
        action="store_true",
        help="open a pull request; refused (exit 4) while an open PR touches results, "
        "including one that already holds these results (see --force-new-pr, --update-pr); "
        "two runs on one repo take turns (a per-repo lock, $HFEVAL_LOCK_DIR), and a PR "
        "found opened twice is closed again, keeping the older",
    )
    mode.add_argument(
        "--update-pr",
        type=_positive_int,
        metavar="N",
        help="add a commit to open pull request #N instead of opening another: a PR you opened, "
        "or any open PR on a repo you or one of your orgs own",
    )
    mode.add_argument(
        "--dry-run", action="store_true", help="preview only (the default; accepted for clarity)"
    )
    group.add_argument(
        "--force-new-pr",
        action="store_true",
        help="with --create-pr: open a PR even though open PRs already touch results",
    )
    group.add_argument(
        "--overwrite",
        action="store_true",
        help="replace a value the card already has for the same benchmark, setting and source",
    )
    group.add_argument(
        "--format",
        choices=("model-index", "eval-results", "both"),
        default="both",
        help="card format(s) to write: README `model-index`, `.eval_results/*.yaml`, or both (default)",
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a PR number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"not a PR number: {text!r}")
    return value


def mode_from_args(args: argparse.Namespace) -> Mode:
    """The publishing mode the flags ask for (preview when none does)."""
    from .publish import Mode

    if args.apply:
        return Mode.APPLY
    if args.create_pr:
        return Mode.CREATE_PR
    if args.update_pr:
        return Mode.UPDATE_PR
    return Mode.PREVIEW


def request_from_args(
    args: argparse.Namespace,
    *,
    repo_id: str | None,
    model_name: str,
    origin: SourceKind,
    eval_results_name: str | None = None,
    readme_path: str | None = None,
    extra_pr_notes: Sequence[str] = (),
) -> PublishRequest:
    """The publishing flags of `args` (see add_publish_arguments) plus what the command
    decided (which repo, which model-index name, the results' origin) as a request."""
    from .cards import normalize_formats
    from .publish import PublishRequest

    return PublishRequest(
        repo_id=repo_id,
        model_name=model_name,
        origin=origin,
        mode=mode_from_args(args),
        formats=frozenset(normalize_formats(args.format)),  # type: ignore[arg-type]
        overwrite=args.overwrite,
        force_new_pr=args.force_new_pr,
        pr_number=args.update_pr,
        eval_results_name=eval_results_name,
        readme_path=readme_path,
        extra_pr_notes=tuple(extra_pr_notes),
        command=args.command,
    )
