"""The command line: discovers `cmd_*` modules, parses arguments, maps outcomes and
failures to exit codes.

Each `hfeval/cmd_<name>.py` module defines `NAME`, `HELP`, `ORDER` (position in
--help), `add_arguments(parser)` and `run(args)`, which renders its answer (through
`output`) and returns an exit code or, for the publishing commands, the
`publish.PublishOutcome` it rendered; `exit_code` below turns either, or an error, into
the documented exit code. Modules import their heavy dependencies (huggingface_hub,
inspect_ai) inside `run`, so `--help` and local-file extraction start fast.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import warnings
from collections.abc import Sequence

from . import __version__, output
from .errors import (
    EXIT_CODES_HELP,
    EXIT_ERROR,
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    EvalToolError,
    UserNote,
    exit_code_for,
)
from .publish import PublishOutcome, Status

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

# The exit code of each publish outcome (errors carry theirs: errors.py).
EXIT_FOR_STATUS: dict[Status, int] = {
    Status.PREVIEWED: EXIT_OK,
    Status.COMMITTED: EXIT_OK,
    Status.PR_OPENED: EXIT_OK,
    Status.PR_UPDATED: EXIT_OK,
    Status.UP_TO_DATE: EXIT_NOTHING,
    Status.CONFLICT: EXIT_REFUSED,
}


def exit_code(value: int | PublishOutcome | BaseException | None) -> int:
    """The exit code of what a command returned or raised: one table for every command."""
    if isinstance(value, BaseException):
        return exit_code_for(value)
    if isinstance(value, PublishOutcome):
        return EXIT_FOR_STATUS[value.status]
    return int(value or EXIT_OK)


class _UsageMistake(Exception):
    def __init__(self, parser: argparse.ArgumentParser, message: str):
        super().__init__(message)
        self.parser = parser
        self.message = message


class _Parser(argparse.ArgumentParser):
    """argparse whose mistakes come back to `main` (usage code 2, one line, JSON when asked)
    instead of exiting from inside the parser."""

    def error(self, message: str):  # type: ignore[override]
        raise _UsageMistake(self, message)


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


def _warning_line(message, category, filename, lineno, file=None, line=None) -> None:
    """Any Python warning (ours, `UserNote`, or a library's) as one `warning:` line of our
    own: no file path, no source line, no category name."""
    text = " ".join(str(message).split())
    if text:
        output.warn(text)


def main(argv: Sequence[str] | None = None) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("default", UserNote)  # each note once per command
        warnings.showwarning = _warning_line
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageMistake as mistake:
        mistake.parser.print_usage(sys.stderr)
        # Agents parse stdout even when the command line is wrong.
        output.report_error(mistake.message, code=EXIT_USAGE, as_json="--json" in argv)
        return EXIT_USAGE
    except SystemExit as done:  # --help, --version
        return done.code if isinstance(done.code, int) else EXIT_OK
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_USAGE
    as_json = bool(getattr(args, "json", False))
    try:
        return exit_code(args._run(args))
    except EvalToolError as error:
        code = exit_code(error)
        output.report_error(
            error.message, error.details, code=code, payload=error.payload, as_json=as_json
        )
        return code
    except KeyboardInterrupt:
        output.say("error: interrupted")
        return 130
    except Exception as error:  # noqa: BLE001 - last line of defence: one line, no traceback, no token
        message = f"unexpected {type(error).__name__}: {error}".splitlines()[0]
        output.report_error(message, code=EXIT_ERROR, as_json=as_json)
        return EXIT_ERROR
