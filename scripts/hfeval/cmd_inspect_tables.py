"""inspect-tables: every table of a README, and what extraction would make of it."""

from __future__ import annotations

import argparse

from . import output
from .arguments import add_json_argument
from .readme_input import add_input_arguments, check_input_arguments, load_readme, target_from_args

NAME = "inspect-tables"
ORDER = 10
HELP = "list the README's tables: layout, headers, model matches, benchmark names"
DESCRIPTION = """List every table of a README with its number, line, layout guess, its whole
heading path, the caption under its heading, the footnotes that explain its columns, which
headers name the target model (and how), which benchmark names the registry knows, and a
few rows. Use it before extract-readme to choose --table / --model-column-index when the
model's column is ambiguous: the heading path and caption say which table is the base
model's and which the instruct model's, without opening the README."""
EPILOG = """examples:
  uv run scripts/evaluation_manager.py inspect-tables --readme-file examples/sample_card.md --repo-id example-org/sample-7b
  uv run scripts/evaluation_manager.py inspect-tables --repo-id model-author/model-name --json"""

SAMPLE_ROWS = 4


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument(
        "--rows", type=int, default=SAMPLE_ROWS, help="sample rows per table (default 4)"
    )
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    from .benchmarks import load_registry
    from .errors import NothingFound
    from .extraction import extract
    from .naming import Target

    check_input_arguments(args, need_target=False)
    readme = load_readme(args)
    # Without a target the tables are still described; nothing matches.
    target = target_from_args(args) if (args.repo_id or args.model_name) else Target(names=())
    extraction = extract(
        readme.text,
        target,
        load_registry(),
        source=readme.source,
        tables=args.table,
        model_column=args.model_column_index,
        model_row=args.model_row_index,
    )
    if not extraction.tables:
        if args.json:
            output.emit_json({"ok": True, "readme": readme.where, "tables": []})
        raise NothingFound(f"{readme.where} has no tables")
    if args.json:
        tables = []
        for report in extraction.tables:
            item = report.to_dict()
            item["sample_rows"] = _sample(report.table, args.rows)
            item["extracted"] = [r.to_dict() for r in report.results]
            tables.append(item)
        output.emit_json(
            {"ok": True, "readme": readme.where, "target": list(target.names), "tables": tables},
            ensure_ascii=False,
        )
        return 0
    output.text(
        f"{readme.where}: {len(extraction.tables)} table(s); target {', '.join(repr(n) for n in target.names)}"
    )
    for report in extraction.tables:
        t = report.table
        output.text()
        output.text(
            f"table {t.index} ({t.kind}, line {t.line}, {len(t.rows)} rows x {t.width} columns)"
            + (f" under '{t.heading}'" if t.heading else "")
        )
        if len(t.headings) > 1:
            output.text("  headings: " + " > ".join(t.headings))
        caption = report.caption()
        if caption:
            output.text(f"  caption: {caption}")
        for note in report.footnotes():
            output.text(f"  note: {note}")
        if report.variant:
            output.text(f"  variant from context: {report.variant}")
        headers = [c.text.replace("\n", " ") for c in t.rows[0]] if t.rows else []
        output.text(
            "  columns: " + " | ".join(f"{i + 1}:{h or '-'}" for i, h in enumerate(headers))
        )
        output.text(
            f"  layout: {report.layout}; {report.status}"
            + (f" ({report.reason})" if report.reason else "")
        )
        for match in report.matches:
            output.text(f"  model: {match}")
        if report.candidates and not report.results:
            output.text(f"  candidate models: {', '.join(report.candidates[:12])}")
        names = list(dict.fromkeys(report.benchmarks))
        if names:
            shown = ", ".join(
                f"{n.replace(chr(10), ' ')} -> {b or 'unmapped'}" for n, b in names[:12]
            )
            more = f" (+{len(names) - 12} more)" if len(names) > 12 else ""
            output.text(f"  benchmarks: {shown}{more}")
        for row in _sample(t, args.rows):
            output.text("    | " + " | ".join(row))
        if report.results:
            output.text(f"  -> {len(report.results)} result(s) for the target")
    return 0


def _sample(table, n: int) -> list[list[str]]:
    return [
        [c.text.replace("\n", " / ")[:40] for c in row] for row in table.rows[1 : 1 + max(0, n)]
    ]
