"""`show`: the evaluation results on a card, in both formats, each with its source."""

from __future__ import annotations

import argparse

from . import output
from .arguments import add_json_argument, add_repo_id_argument

NAME = "show"
HELP = "show the results on a model card (model-index and .eval_results), with their sources"
ORDER = 30
DESCRIPTION = """Show every evaluation result on a Hub model card: the README's `model-index`
and each `.eval_results/*.yaml` file, with the value, setting, metric and source of each
(model-index results grouped by entry, each under its model's name).
--revision reads another branch, commit or a PR (refs/pr/N); --include-prs adds what each
open results PR would add."""
EPILOG = """example:
  uv run scripts/evaluation_manager.py show --repo-id example-org/sample-7b
  uv run scripts/evaluation_manager.py show --repo-id example-org/sample-7b --include-prs --json"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_repo_id_argument(parser, required=True)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--revision", help="branch, commit sha or refs/pr/N (default: main)")
    which.add_argument(
        "--include-prs",
        action="store_true",
        help="also show what each open PR touching results would add",
    )
    add_json_argument(parser)


def _key(card_result) -> tuple:
    d = card_result.to_dict()
    return (
        d["path"],
        d["benchmark"],
        d["dataset"],
        d["setting_label"],
        d["metric"],
        str(d["value"]),
    )


def run(args: argparse.Namespace) -> int:
    from .benchmarks import load_registry
    from .cards import read_card_results
    from .errors import EXIT_NOTHING, EXIT_OK
    from .frontmatter import hidden_metadata
    from .hub import HubClient

    registry = load_registry()
    client = HubClient()
    files = client.read_repo_files(args.repo_id, args.revision)
    found = read_card_results(files, registry)
    # What is read here and what the Hub shows differ when it reads no metadata at all.
    hidden = hidden_metadata(files.readme) if files.readme is not None else None
    warnings = [str(hidden)] if hidden is not None else []
    prs_out = []
    if args.include_prs:
        on_main = {_key(r) for r in found}
        for pr in client.result_prs(args.repo_id):
            pr_files = client.read_repo_files(args.repo_id, f"refs/pr/{pr.num}")
            new = [r for r in read_card_results(pr_files, registry) if _key(r) not in on_main]
            prs_out.append((pr, new))

    if args.json:
        payload = {
            "ok": True,
            "repo_id": args.repo_id,
            "revision": files.revision,
            "requested_revision": args.revision or "main",
            "count": len([r for r in found if not r.problem]),
            "results": [r.to_dict() for r in found],
            "warnings": warnings,
            "pull_requests": [
                {**pr.to_dict(), "results": [r.to_dict() for r in new]} for pr, new in prs_out
            ],
        }
        output.emit_json(payload)
    for warning in warnings:
        output.say(f"warning: {warning}")
    if not args.json:
        at = f"{args.revision or 'main'} at {(files.revision or '')[:12]}"
        output.text(f"{args.repo_id} ({at}): {len(found)} result(s)")
        _print_results(found)
        for pr, new in prs_out:
            output.text(f"\nopen PR {pr.describe()}")
            if new:
                output.text(f"  would add or change {len(new)} result(s):")
                _print_results(new, indent="  ")
            else:
                output.text("  (no result differs from main)")
    return EXIT_OK if found or any(new for _pr, new in prs_out) else EXIT_NOTHING


def _print_results(found, indent: str = "") -> None:
    current = None
    for r in found:
        where = r.path
        if r.format == "model-index":
            # Each entry is one model: its name says whose results these are.
            where = "model-index (README.md)" + (
                f", entry {r.model_name}" if r.model_name else ", entry without a name"
            )
        if where != current:
            output.text(f"{indent}{where}:")
            current = where
        if r.problem:
            output.text(f"{indent}  ! {r.yaml_path}: {r.problem}")
            continue
        name = r.metric_name or r.benchmark or r.dataset or "?"
        setting = f" [{r.setting_label}]" if r.setting_label and r.setting_label not in name else ""
        metric = f" {r.metric}" if r.metric else ""
        source = r.source_url or r.source_name or "no source"
        if r.source_name and r.source_url:
            source = f"{r.source_name} <{r.source_url}>"
        extra = " (verified)" if r.verified else ""
        output.text(f"{indent}  {name}{setting}: {r.value}{metric}{extra} - {source}")
