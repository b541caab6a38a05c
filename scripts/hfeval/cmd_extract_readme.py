"""extract-readme: the target model's scores from the README's own tables."""

from __future__ import annotations

import argparse
from dataclasses import replace

from . import output
from .arguments import add_json_argument, add_publish_arguments, mode_from_args, request_from_args
from .errors import EXIT_OK, InputError, ModelNotFound, NothingFound, UsageError
from .readme_input import (
    add_input_arguments,
    check_input_arguments,
    front_matter_warning,
    load_readme,
    target_from_args,
)

NAME = "extract-readme"
ORDER = 20
HELP = "extract the model's scores from its README tables (preview by default)"
DESCRIPTION = """Extract the model's own scores from the evaluation tables of its README.

Finds the model's column (or row) in each table, reads its cells (bold, %, ±, footnote
marks, stacked <br> cells, "a / b" pairs) and keeps each value as printed, with its
setting (shots, CoT, pass@k, tools, thinking) and the README line it came from. When the
model's column is ambiguous or missing, the table yields nothing and the candidates are
listed: it never guesses.

The default is a preview: the YAML that would be written (stdout), the diff against
the card and which open results PR already holds how many of these values (stderr).
Nothing is written without --apply or --create-pr."""
EPILOG = """examples:
  uv run scripts/evaluation_manager.py extract-readme --readme-file examples/sample_card.md --repo-id example-org/sample-7b
  uv run scripts/evaluation_manager.py extract-readme --repo-id model-author/model-name --dry-run
  uv run scripts/evaluation_manager.py extract-readme --repo-id model-author/model-name --table 2 --model-column-index 3
  uv run scripts/evaluation_manager.py extract-readme --repo-id model-author/model-name --create-pr"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument(
        "--no-compare",
        action="store_true",
        help="print the extracted results only, without reading or comparing the current card",
    )
    add_json_argument(parser)
    add_publish_arguments(parser)


def run(args: argparse.Namespace):
    from .benchmarks import load_registry
    from .extraction import extract, for_publishing
    from .frontmatter import FrontMatterError
    from .publish import Mode, publish

    check_input_arguments(args)
    registry = load_registry()
    readme = load_readme(args)
    target = target_from_args(args)
    warnings = list(readme.warnings)
    bad_front_matter = front_matter_warning(readme.text)
    if bad_front_matter:
        warnings.append(bad_front_matter)
    extraction = extract(
        readme.text,
        target,
        registry,
        source=readme.source,
        tables=args.table,
        model_column=args.model_column_index,
        model_row=args.model_row_index,
    )
    warnings.extend(extraction.warnings)
    for line in warnings:
        output.warn(line)

    if not extraction.results:
        _raise_nothing_found(args, readme, target, extraction)

    _print_diagnostics(extraction)
    # model-index names the repo's model; --model-name only says how the tables print it.
    model_name = args.repo_id.split("/")[-1] if args.repo_id else args.model_name
    if args.no_compare:
        if mode_from_args(args) is not Mode.PREVIEW:
            raise UsageError("--no-compare only previews: drop it to write")
        if args.json:
            output.emit_json(_payload(readme, target, extraction, status="extracted"))
        else:
            from .cards import results_to_model_index

            document = {
                "model-index": results_to_model_index(extraction.results, model_name, registry)
            }
            output.text(output.yaml_document(document), end="")
        return EXIT_OK
    results, disagreements = for_publishing(extraction.results)
    notes = []
    for group in disagreements:
        printed = ", ".join(f"{r.value:g} ({_where(r)})" for r in group)
        notes.append(
            f"{group[0].benchmark.replace(chr(10), ' ')}: the README prints {printed} for the same "
            "benchmark and setting; left out (choose the table with --table N)"
        )
    for line in notes:
        output.warn(line)
    if not results:
        raise NothingFound(
            "every extracted benchmark has disagreeing values in the README: nothing to publish",
            details=notes,
        )
    request = replace(
        request_from_args(
            args,
            repo_id=args.repo_id,
            model_name=model_name,
            origin="readme",
            readme_path=args.readme_file,
            extra_pr_notes=[f"Not included: {line}" for line in notes],
        ),
        check_open_prs=True,  # the preview says which open PR holds what
    )
    extra = {
        "readme": readme.where,
        "left_out": notes,
        "tables": [r.to_dict() for r in extraction.tables],
    }
    try:
        with output.payload_on_error(extra):
            outcome = publish(results, request=request, client=readme.hub, registry=registry)
    except FrontMatterError as error:
        raise InputError(
            f"cannot merge into the card: {error.message.split(':')[0]}; fix it first "
            "(--no-compare prints the extracted results without merging)",
            payload=error.payload,  # the result object publish() gave it
        ) from None
    output.render_publish(outcome, as_json=args.json, extra=extra)
    return outcome


def _where(result) -> str:
    source = result.source
    return f"line {source.line}" if source.line else (source.url or "?")


def _raise_nothing_found(args, readme, target, extraction) -> None:
    """Why nothing was extracted, as one line plus a detail line per table that could have held scores."""
    from .extraction import REFUSALS

    count = len(extraction.tables)
    report = _payload(readme, target, extraction, status="not_found")
    if not count:
        raise NothingFound(f"{readme.where} has no tables", payload=report)
    missing = sorted(set(args.table or []) - {r.table.index for r in extraction.tables})
    if missing:
        raise UsageError(
            f"no table {', '.join(map(str, missing))} in {readme.where}: it has {count} table(s) "
            "(inspect-tables lists them)"
        )
    outside = [r for r in extraction.tables if r.status == "pin-outside"]
    if outside:
        raise UsageError(f"table {outside[0].table.index}: {outside[0].reason}")
    refused = [r for r in extraction.tables if r.status in REFUSALS]
    if not refused:
        raise NothingFound(
            f"no evaluation table with scores for {target.display!r} in {readme.where}",
            payload=report,
        )
    hint = "pin the model with --table N plus --model-column-index N or --model-row-index N (see inspect-tables)"
    if not args.model_name:
        hint += ", or give --model-name as the tables print it"
    details = [f"table {r.table.index} (line {r.table.line}): {r.reason}" for r in refused]
    error = ModelNotFound(
        f"no table in {readme.where} names {target.display!r} unambiguously: nothing extracted; {hint}",
        candidates=extraction.candidates(),
        payload=report,
    )
    error.details = details + error.details
    raise error


def _print_diagnostics(extraction) -> None:
    used = [r for r in extraction.tables if r.results]
    output.say(
        f"extracted {len(extraction.results)} result(s) for {extraction.target.display!r} "
        f"from table(s) {', '.join(str(r.table.index) for r in used)}"
    )
    for report in extraction.tables:
        if report.status in ("model-not-found", "ambiguous"):
            output.say(
                f"  table {report.table.index} (line {report.table.line}) skipped: {report.reason}"
            )
    unmapped = sorted({r.benchmark.replace("\n", " ") for r in extraction.results if not r.mapped})
    if unmapped:
        output.say(
            f"  not in the benchmark registry (model-index only, not .eval_results): {', '.join(unmapped)}"
        )


def _payload(readme, target, extraction, *, status: str) -> dict:
    return {
        "ok": status == "extracted",
        "status": status,
        "readme": readme.where,
        "target": list(target.names),
        "results": [r.to_dict() for r in extraction.results],
        "tables": [r.to_dict() for r in extraction.tables],
        "candidates": extraction.candidates(),
    }
