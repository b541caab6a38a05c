"""Hostile or unusual input reaches the user as one true line, never as a raw Python
error or warning: invalid repo ids (a usage error, before any request), repos that do
not exist (a Hub error), cards with a byte-order mark or old Mac line endings, and the
PR diffs `get-prs` reads. End to end through the command line against the Hub stand-in."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

# Every command that takes --repo-id, with the other arguments it needs to get that far.
REPO_ID_COMMANDS = {
    "show": [],
    "validate": [],
    "get-prs": [],
    "inspect-tables": [],
    "extract-readme": [],
    "add-eval": ["--benchmark", "MMLU", "--value", "70", "--source-url", "https://x.org/r"],
    "import-aa": ["--aa-id", "0000"],
    "import-inspect": ["--log", "hf://datasets/acme/logs"],
}
INVALID_REPO_IDS = [
    "../x",
    "a/b/c",
    "acme/x..y",
    "acme/--x",
    "acme/x.git",
    "acme/x-",
    "acme/x y",
    "acme/é",
]


@pytest.mark.parametrize("command", sorted(REPO_ID_COMMANDS))
@pytest.mark.parametrize("repo_id", INVALID_REPO_IDS)
def test_an_invalid_repo_id_is_a_usage_error_before_any_request(hub, cli, command, repo_id):
    result = cli(command, "--repo-id", repo_id, *REPO_ID_COMMANDS[command])
    assert result.returncode == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: argument --repo-id: invalid repo id {repo_id!r}: use owner/name "
        "(letters, digits, '-', '_' and '.'; no '--' or '..'; not ending in '.git')"
    ]
    assert "HFValidationError" not in result.output and "Traceback" not in result.output
    assert hub.log == []  # refused while parsing the command line


def test_an_invalid_repo_id_from_elsewhere_is_the_same_usage_error(hub, cli):
    # Not a --repo-id: huggingface_hub's own check, translated by the gateway.
    result = cli("import-inspect", "--log", "hf://datasets/acme/x..y")
    assert result.returncode == 2, result.output
    assert result.stderr.strip().splitlines()[-1] == (
        "error: invalid repo id 'datasets/acme/x..y': use owner/name (letters, digits, '-', "
        "'_' and '.'; no '--' or '..'; not ending in '.git')"
    )
    assert "HFValidationError" not in result.output


def test_an_invalid_repo_id_in_json_mode_is_one_json_error(hub, cli):
    result = cli("show", "--repo-id", "../x", "--json")
    assert result.returncode == 2
    payload = json.loads(result.stdout)
    assert (payload["ok"], payload["exit_code"]) == (False, 2)
    assert payload["error"].startswith("argument --repo-id: invalid repo id '../x'")


@pytest.mark.parametrize("command", ["show", "get-prs", "extract-readme", "validate"])
def test_a_repo_that_does_not_exist_is_a_hub_error(hub, cli, command):
    stranger = hub.add_user("stranger")
    with_token = cli(command, "--repo-id", "acme/nope", token=stranger)
    assert with_token.returncode == 1, with_token.output
    assert (
        with_token.stderr.strip().splitlines()[-1] == "error: repository acme/nope does not exist"
    )
    # Without a token the Hub cannot tell missing from private: the same code.
    without = cli(command, "--repo-id", "acme/nope")
    assert without.returncode == 1
    assert "does not exist, or is private or gated" in without.stderr


def test_the_exit_codes_read_the_same_everywhere(cli):
    from hfeval.errors import EXIT_CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d) \| (.+?) \|$", readme, re.M))
    skill = " ".join((ROOT / "SKILL.md").read_text(encoding="utf-8").split())
    skill_codes = skill[skill.index("Exit codes: ") :].split(". ")[0]
    hub_api = " ".join((ROOT / "references" / "hub-api.md").read_text(encoding="utf-8").split())
    hub_api_codes = hub_api[hub_api.index("## Exit codes") :]
    help_text = cli("show", "--help").stdout
    assert sorted(int(code) for code in rows) == [row.code for row in EXIT_CODES]
    for row in EXIT_CODES:
        assert rows[str(row.code)].startswith(row.meaning), row
        assert f"  {row.code}  {row.meaning}" in help_text, row
        assert f"{row.code} {row.label}" in skill_codes, row
        assert f"{row.code} {row.label}" in hub_api_codes, row
    # The two cases item 12 is about, in every place.
    assert "does not exist" in rows["1"] and "invalid repo id" in rows["2"]
    for text in (skill_codes, help_text, hub_api_codes):
        assert "does not exist" in text and "invalid repo id" in text
