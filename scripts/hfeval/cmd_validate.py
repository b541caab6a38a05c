"""`validate`: would the Hub accept this card's results, and do the values make sense?"""

from __future__ import annotations

import argparse
import re

from . import output
from .arguments import add_json_argument, add_repo_id_argument

NAME = "validate"
HELP = "check model-index and .eval_results against the Hub's rules and the benchmark registry"
ORDER = 40
DESCRIPTION = """Check a card's evaluation results: the Hub's rules for `model-index` (required
task.type, dataset.type/name, metrics[].type/value, source.url) and for `.eval_results`
(dataset.id, task_id, value), each problem with its file and YAML path; plus value sanity
from the registry (a percent benchmark over 100, a fraction above 1, a scale that disagrees
with the benchmark). With --repo-id the Hub's own validator (validate-yaml) is asked too.
Exit 0 when there is no error (warnings allowed), 1 when there is one, 3 when the card
has no results at all."""
EPILOG = """example:
  uv run scripts/evaluation_manager.py validate --readme-file examples/sample_card.md
  uv run scripts/evaluation_manager.py validate --repo-id example-org/sample-7b --json"""

_QUOTED_PATH = re.compile(r'^"([^"]+)"\s*(.*)$')


def add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    add_repo_id_argument(source, help="a model repo on the Hub, e.g. org/name")
    source.add_argument("--readme-file", help="a local README.md (no network)")
    parser.add_argument("--revision", help="with --repo-id: branch, commit sha or refs/pr/N")
    parser.add_argument(
        "--eval-results-dir",
        help="with --readme-file: the folder of .eval_results/*.yaml (default: .eval_results beside it)",
    )
    parser.add_argument(
        "--hub-check",
        action="store_true",
        help="with --readme-file: also ask the Hub's validate-yaml endpoint",
    )
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    from .benchmarks import load_registry
    from .cards import Problem, Severity, read_card_results, validate_files
    from .errors import EXIT_ERROR, EXIT_NOTHING, UsageError
    from .publish import local_repo_files

    if args.repo_id and (args.eval_results_dir or args.hub_check):
        raise UsageError("--eval-results-dir and --hub-check go with --readme-file")
    if args.readme_file and args.revision:
        raise UsageError("--revision goes with --repo-id")
    registry = load_registry()
    client = None
    if args.repo_id:
        from .hub import HubClient

        client = HubClient()
        files = client.read_repo_files(args.repo_id, args.revision)
        target = args.repo_id
    else:
        files = local_repo_files(args.readme_file, args.eval_results_dir)
        target = args.readme_file
    problems = list(validate_files(files, registry))
    if (args.repo_id or args.hub_check) and files.readme is not None:
        if client is None:
            from .hub import HubClient

            client = HubClient()
        hub_verdict = client.check_readme(files.readme)
        answers: tuple[tuple[Severity, list[str]], ...] = (
            ("error", hub_verdict.errors),
            ("warning", hub_verdict.warnings),
        )
        for severity, reasons in answers:
            for reason in reasons:
                match = _QUOTED_PATH.match(reason)
                yaml_path, message = (match.group(1), match.group(2)) if match else ("", reason)
                problems.append(
                    Problem("README.md", yaml_path, f"Hub: {message or reason}", severity)
                )
    counted = [r for r in read_card_results(files, registry) if not r.problem]
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    if args.json:
        payload = {
            "ok": not errors,
            "target": target,
            "revision": files.revision,
            "results": len(counted),
            "files": (["README.md"] if files.readme is not None else [])
            + sorted(files.eval_results),
            "errors": [p.to_dict() for p in errors],
            "warnings": [p.to_dict() for p in warnings],
        }
        output.emit_json(payload)
    else:
        for problem in problems:
            output.text(str(problem))
        verdict = "valid" if not errors else "invalid"
        output.text(
            f"{target}: {verdict}: {len(counted)} result(s), {len(errors)} error(s), {len(warnings)} warning(s)"
        )
    if errors:
        if not args.json:
            output.say(f"error: {len(errors)} problem(s) the Hub would reject or flag")
        return EXIT_ERROR
    if not counted and not problems:
        return EXIT_NOTHING
    return 0
