"""The command line: discovers `cmd_*` modules, parses arguments, maps failures to exit codes.

Each `hfeval/cmd_<name>.py` module defines `NAME`, `HELP`, `ORDER` (position in
--help), `add_arguments(parser)` and `run(args) -> int`. Modules import their heavy
dependencies (huggingface_hub, inspect_ai) inside `run`, so `--help` and local-file
extraction start fast.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from collections.abc import Sequence

from . import __version__
from .errors import EXIT_CODES_HELP, EXIT_USAGE, EvalToolError, exit_code_for
from .redact import redact

DESCRIPTION = """Put evaluation results on Hugging Face model cards, with their sources.

Nothing is written to the Hub without --apply (your own repo) or --create-pr.
The token is read from HF_TOKEN or your `hf auth login`; it is never printed."""

EPILOG = (
    EXIT_CODES_HELP
    + """

example:
  uv run scripts/evaluation_manager.py extract-readme --readme-file examples/sample_card.md --repo-id example-org/sample-7b
  uv run scripts/evaluation_manager.py <command> --help"""
)


class _Parser(argparse.ArgumentParser):
    """argparse that exits with our usage code (2) and a one-line message."""

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        if "--json" in sys.argv[1:]:  # agents parse stdout even when the command line is wrong
            payload = {"ok": False, "error": message, "details": [], "exit_code": EXIT_USAGE}
            print(json.dumps(payload, indent=2))
        raise SystemExit(EXIT_USAGE)


def _command_modules():
    from . import __path__ as package_path

    modules = []
    for info in pkgutil.iter_modules(package_path):
        if info.name.startswith("cmd_"):
            modules.append(importlib.import_module(f"{__package__}.{info.name}"))
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.NAME))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="evaluation_manager.py",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"hf-evaluation {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in _command_modules():
        cmd = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            epilog=(getattr(module, "EPILOG", "") + "\n\n" + EXIT_CODES_HELP).strip(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args._run(args) or 0)
    except EvalToolError as error:
        _report(args, error.message, error.details, exit_code_for(error), error.payload)
        return exit_code_for(error)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - last line of defence: one line, no traceback, no token
        message = f"unexpected {type(error).__name__}: {error}".splitlines()[0]
        _report(args, message, [], 1)
        return 1


def _report(
    args: argparse.Namespace,
    message: str,
    details: list[str],
    code: int,
    payload: dict | None = None,
) -> None:
    message = redact(message)
    details = [redact(d) for d in details]
    if getattr(args, "json", False):
        print(
            json.dumps(
                {
                    "ok": False,
                    "error": message,
                    "details": details,
                    "exit_code": code,
                    **json.loads(redact(json.dumps(payload or {}))),
                },
                indent=2,
            )
        )
    print(f"error: {message}", file=sys.stderr)
    for line in details:
        print(f"  {line}", file=sys.stderr)
