"""Everything a command prints goes through here, with its tokens redacted.

stdout carries the command's answer: text for people, or one JSON object with --json
(for agents: on success, on refusal and on error alike). stderr carries diagnostics:
warnings, progress, the diff of a preview, error lines. Library modules print nothing;
they return values and raise typed errors, and the commands render them with these
functions, so what a user sees is decided in one place and no token can slip through a
print that forgot to redact.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .errors import EvalToolError
from .frontmatter import dump_yaml
from .publish import Status
from .redact import redact

if TYPE_CHECKING:
    from .publish import OpenPRCheck, PublishOutcome, Skipped


def say(message: str) -> None:
    """One diagnostic line on stderr (progress, notes), flushed so it shows as it happens."""
    print(redact(message), file=sys.stderr, flush=True)


def warn(message: str) -> None:
    say(f"warning: {message}")


def text(message: str = "", *, end: str = "\n") -> None:
    """Part of the command's answer on stdout."""
    print(redact(message), end=end)


def emit_json(payload: dict[str, Any], *, ensure_ascii: bool = True) -> None:
    """The command's one JSON object on stdout."""
    print(redact(json.dumps(payload, indent=2, default=str, ensure_ascii=ensure_ascii)))


def yaml_document(document: dict[str, Any]) -> str:
    return dump_yaml(document, sort_keys=False, allow_unicode=True, width=1000)


def report_error(
    message: str,
    details: Sequence[str] = (),
    *,
    code: int,
    payload: dict[str, Any] | None = None,
    as_json: bool = False,
) -> None:
    """A failure: `error: MESSAGE` and its detail lines on stderr; with --json also
    `error_payload(...)` on stdout."""
    if as_json:
        emit_json(error_payload(message, details, code=code, payload=payload))
    say(f"error: {message}")
    for line in details:
        say(f"  {line}")


def error_payload(
    message: str, details: Sequence[str] = (), *, code: int, payload: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The --json object of a failure: `{"ok": false, "error", "details", "exit_code",
    **payload}`; for a write a guard refused, the payload is the publish result's keys."""
    return {
        "ok": False,
        "error": message,
        "details": list(details),
        "exit_code": code,
        **(payload or {}),
    }


@contextmanager
def payload_on_error(fields: dict[str, Any]) -> Iterator[None]:
    """Fields only the command knows (its table reports, the AA model) go into the --json
    object of any error raised inside, as they go into the outcome's on success."""
    try:
        yield
    except EvalToolError as error:
        error.payload = {**error.payload, **fields}
        raise


# --------------------------------------------------------------------------- publishing


def publish_payload(outcome: PublishOutcome, extra: dict[str, Any] | None = None) -> dict:
    """The --json object of a publishing command: the outcome, the command's own fields, and
    the keys a refusal has too (`error` null, `details` empty, `exit_code`), so a preview, a
    write and a refused write parse alike (references/hub-api.md)."""
    from .cli import exit_code

    return {
        **outcome.to_dict(),
        **(extra or {}),
        "error": None,
        "details": [],
        "exit_code": exit_code(outcome),
    }


def render_publish(
    outcome: PublishOutcome, *, as_json: bool, extra: dict[str, Any] | None = None
) -> None:
    """Print a publish outcome as the publishing commands always have.

    Preview: the YAML on stdout; summary, what was skipped, the diff and a hint on stderr
    (for a conflict, the conflicting values instead of the hint). Up to date: one line.
    Written: where it went and the title on stdout, the summary on stderr.
    """
    status = outcome.status
    for line in outcome.warnings:  # values the range and scale guard left out (stderr)
        warn(line)
    if as_json:
        emit_json(publish_payload(outcome, extra))
    elif status in (Status.PREVIEWED, Status.CONFLICT):
        _render_preview(outcome)
    elif status is Status.UP_TO_DATE:
        text(outcome.message)
    else:
        text(outcome.message)
        text(f"  {outcome.title}")
        say(f"  {outcome.plan.summary()}")
        for skipped in outcome.skipped:
            say(f"  {skipped_line(skipped)}")
    report_conflicts(outcome)


def report_conflicts(outcome: PublishOutcome) -> None:
    """A preview's conflicting values on stderr (with --json too: a person may be watching)."""
    conflicts = outcome.plan.conflicts
    if outcome.status is not Status.CONFLICT or not conflicts:
        return
    say(
        f"error: {len(conflicts)} value(s) differ from what the card already has "
        "(--overwrite replaces them):"
    )
    for conflict in conflicts:
        say(f"  {conflict.describe()}")


def _render_preview(outcome: PublishOutcome) -> None:
    request = outcome.request
    plan = outcome.plan
    text(yaml_document(outcome.document), end="")
    where = request.repo_id or outcome.planned_against or "a new card"
    at = f" at {outcome.revision[:12]}" if outcome.revision else ""
    say(f"\npreview for {where}{at}: {plan.summary()}")
    for skipped in outcome.skipped:
        say(f"  {skipped_line(skipped)}")
    diff = "".join(outcome.diffs.values())
    if diff:
        say(diff[:-1] if diff.endswith("\n") else diff)
    check = outcome.open_pr_check
    for line in open_pr_lines(check):
        say(line)
    if outcome.status is not Status.CONFLICT:
        if check and check.create_pr_refused:
            hint = "see the open pull request(s) above before --create-pr"
        elif request.repo_id:
            hint = "add --create-pr to propose it, or --apply if you own the repo"
        else:
            hint = "add --repo-id ID with --create-pr or --apply to publish"
        say(f"nothing written (preview): {hint}")


def _results(count: int) -> str:
    return f"{count} result" + ("" if count == 1 else "s")


def open_pr_lines(check: OpenPRCheck | None) -> list[str]:
    """What a preview says about the open result PRs: one line each, or why it could not look."""
    if check is None:
        return []
    if not check.checked:
        return [
            f"warning: could not check the open pull requests ({check.error}); "
            "--create-pr checks again before writing"
        ]
    lines = []
    for holding in check.prs:
        num, of = holding.pr.num, holding.of
        refused = "--create-pr will be refused"
        if holding.holds_all:
            line = (
                f"PR #{num} already holds these {_results(of)}; {refused}; "
                f"--update-pr {num} would add nothing: review or merge #{num}"
            )
        elif holding.holds:
            line = (
                f"PR #{num} already holds {holding.holds} of these {_results(of)}; {refused}; "
                f"--update-pr {num} to add the other {of - holding.holds}"
            )
        else:
            held = "holds none of" if holding.holds == 0 else "was not read for"
            line = (
                f"PR #{num} by {holding.pr.author} touches evaluation results and {held} these "
                f"{_results(of)}; {refused} while it is open: --update-pr {num} to add to it, "
                "or --create-pr --force-new-pr for another"
            )
        if holding.differs:
            line += f" ({holding.differs} with another value there)"
        lines.append(f"{line} ({holding.pr.url})")
    return lines


def skipped_line(skipped: Skipped) -> str:
    name = skipped.result.benchmark.replace("\n", " ")
    if skipped.model_index_only:
        return f"model-index only (not in .eval_results): {name}: {skipped.reason}"
    return f"skipped: {name}: {skipped.reason}"
