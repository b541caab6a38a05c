"""Failures a user can act on, each mapped to one documented exit code.

Commands raise these; only the command line turns them into a message and an exit
code (see `exit_code_for`). Messages are one line and never contain a token.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExitCode:
    """One row of the exit-code table: `meaning` is what --help and README.md print,
    `label` the short form SKILL.md and references/hub-api.md use."""

    code: int
    label: str
    meaning: str


# Exit codes, documented once here: --help prints this table, and README.md, SKILL.md and
# references/hub-api.md say the same (tests/test_guards_input.py checks every place).
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NOTHING = 3
EXIT_REFUSED = 4

EXIT_CODES: tuple[ExitCode, ...] = (
    ExitCode(EXIT_OK, "done/previewed", "done, or previewed"),
    ExitCode(
        EXIT_ERROR,
        "error",
        "error (unreadable input, network, Hub error: a repo or revision that does not exist, "
        "gated, rejected)",
    ),
    ExitCode(EXIT_USAGE, "usage", "usage error (bad command line, an invalid repo id)"),
    ExitCode(
        EXIT_NOTHING,
        "nothing found or already up to date",
        "nothing extracted or nothing to do (model not found in the tables: candidates listed; "
        "already up to date)",
    ),
    ExitCode(
        EXIT_REFUSED,
        "refused by a guard",
        "refused by a guard (duplicate PR, not owner, conflicting value, partial run, every "
        "value outside its benchmark's range)",
    ),
)

EXIT_CODES_HELP = "exit codes:\n" + "\n".join(f"  {row.code}  {row.meaning}" for row in EXIT_CODES)


# The one wording of a bad repo id: the command line's check (arguments.repo_id) and the
# Hub gateway's (huggingface_hub's HFValidationError, for ids that come from a file or a
# --log URL) say the same.
INVALID_REPO_ID = (
    "invalid repo id '{repo}': use owner/name (letters, digits, '-', '_' and '.'; "
    "no '--' or '..'; not ending in '.git')"
)


class UserNote(UserWarning):
    """Something the user should know that is not a failure (e.g. a card written without
    its byte-order mark). Library code raises it with `warnings.warn`; the command line
    prints each as one `warning:` line (cli.main), once per command."""


class EvalToolError(Exception):
    """Base class: a one-line, token-free message and an exit code."""

    exit_code = EXIT_ERROR

    def __init__(
        self, message: str, *, details: list[str] | None = None, payload: dict | None = None
    ):
        super().__init__(message)
        self.message = message
        # Extra lines for humans (candidates, conflicting values); also exported in --json.
        self.details = list(details or [])
        # Extra fields for the --json error object (e.g. the table reports).
        self.payload = dict(payload or {})


class UsageError(EvalToolError):
    exit_code = EXIT_USAGE


class InputError(EvalToolError):
    """A file or response we cannot read."""


class HubError(EvalToolError):
    """The Hub answered with an error we cannot work around."""


class RepoNotFound(HubError):
    """No such repo or revision (or, without a token, one we may not see): a Hub error."""


class GatedOrPrivate(HubError):
    pass


class BranchMoved(HubError):
    """The branch moved between reading it and writing to it: re-plan, never overwrite."""


class NothingFound(EvalToolError):
    """No results: no evaluation table, model not found, nothing to do."""

    exit_code = EXIT_NOTHING


class ModelNotFound(NothingFound):
    def __init__(
        self, message: str, candidates: list[str] | None = None, payload: dict | None = None
    ):
        super().__init__(
            message,
            details=[f"candidate: {c}" for c in candidates or []],
            payload={"candidates": list(candidates or []), **(payload or {})},
        )
        self.candidates = list(candidates or [])


class Refused(EvalToolError):
    """A guard said no: duplicate PR, not the owner, a conflicting value, a partial run, or
    every value outside its benchmark's range."""

    exit_code = EXIT_REFUSED


class DuplicatePR(Refused):
    pass


class NotOwner(Refused):
    pass


class Conflict(Refused):
    pass


class AmbiguousModelIndexEntry(Refused):
    """More than one model-index entry could be the repo's model: which one gets the
    results is for a human to say (rename or merge the entries), so nothing is written."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message, details=[], payload={"candidates": list(candidates)})
        self.candidates = list(candidates)


class ValuesRefused(Refused):
    """Every value to publish is outside its benchmark's range or on a likely wrong scale."""


def exit_code_for(error: BaseException) -> int:
    if isinstance(error, EvalToolError):
        return error.exit_code
    return EXIT_ERROR
