"""Failures a user can act on, each mapped to one documented exit code.

Commands raise these; only the command line turns them into a message and an exit
code (see `exit_code_for`). Messages are one line and never contain a token.
"""

from __future__ import annotations

# Exit codes, documented once here and repeated in --help, README.md and SKILL.md.
EXIT_OK = 0  # done, or previewed
EXIT_ERROR = 1  # unreadable input, network, Hub error
EXIT_USAGE = 2  # bad command line
EXIT_NOTHING = 3  # nothing extracted / nothing to do / not found (candidates listed)
EXIT_REFUSED = 4  # refused by a guard: duplicate PR, not owner, conflicting value, partial run,
# every value out of range

EXIT_CODES_HELP = """exit codes:
  0  done, or previewed
  1  error (unreadable input, network, Hub error)
  2  usage error
  3  nothing extracted or nothing to do (model not found: candidates listed)
  4  refused by a guard (duplicate PR, not owner, conflicting value, partial run,
     every value outside its benchmark's range)"""


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
    exit_code = EXIT_NOTHING


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
