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


# --- get-prs reads what a PR adds in any YAML style ------------------------------------------

CARD = "---\nlicense: mit\n---\n# Sample-7B\n\nOur model.\n"
FLOW_PRS = {
    "flow metrics": (
        {
            "README.md": "---\nlicense: mit\nmodel-index:\n- name: Sample-7B\n  results:\n"
            "  - task: {type: text-generation}\n"
            "    dataset: {name: GSM8K, type: openai/gsm8k}\n"
            "    metrics: [{type: accuracy, value: 60.0}]\n---\n# Sample-7B\n\nOur model.\n"
        },
        {"README.md": {"added": 1, "removed": 0}},
        ["GSM8K"],
    ),
    "one flow line": (
        {
            "README.md": "---\nlicense: mit\nmodel-index: [{name: Sample-7B, results: [{task: "
            "{type: text-generation}, dataset: {name: MMLU, type: cais/mmlu}, metrics: [{type: "
            "accuracy, value: 70.1}, {type: f1, value: 0.5}]}]}]\n---\n# Sample-7B\n\nOur model.\n"
        },
        {"README.md": {"added": 2, "removed": 0}},
        ["MMLU"],
    ),
    "flow over lines": (
        {
            "README.md": "---\nlicense: mit\nmodel-index:\n- name: Sample-7B\n  results:\n"
            "  - task: {type: text-generation}\n"
            "    dataset: {name: ARC, type: allenai/ai2_arc}\n"
            "    metrics: [\n      {type: accuracy, value: 50.0},\n      {type: f1, value: 0.4}\n"
            "    ]\n---\n# Sample-7B\n\nOur model.\n"
        },
        {"README.md": {"added": 2, "removed": 0}},
        ["ARC"],
    ),
    "flow eval_results": (
        {
            ".eval_results/mine.yaml": "- {dataset: {id: openai/gsm8k, task_id: gsm8k}, value: 60.0}\n"
            "- {dataset: {id: cais/mmlu, task_id: mmlu}, value: 70.0}\n"
        },
        {".eval_results/mine.yaml": {"added": 2, "removed": 0}},
        ["openai/gsm8k", "cais/mmlu"],
    ),
}


@pytest.mark.parametrize("style", sorted(FLOW_PRS))
def test_get_prs_counts_values_written_in_flow_style(hub, cli, style):
    files, counted, benchmarks = FLOW_PRS[style]
    hub.create_repo("acme/Sample-7B", {"README.md": CARD})
    hub.open_pr("acme/Sample-7B", files, title="Add results", author="bob")
    listed = cli("get-prs", "--repo-id", "acme/Sample-7B", "--json")
    assert listed.returncode == 0, listed.output
    (pr,) = json.loads(listed.stdout)["pull_requests"]
    assert (pr["files"], pr["benchmarks"]) == (counted, benchmarks)
    assert pr["added_values"] == sum(c["added"] for c in counted.values())
    shown = cli("get-prs", "--repo-id", "acme/Sample-7B")
    assert f"+{pr['added_values']} in " in shown.stdout and "+0" not in shown.stdout


# --- cards with a byte-order mark, old Mac or Windows line endings --------------------------

REPO = "acme/Sample-7B"
TABLE_CARD = """---
license: apache-2.0
---
# Sample-7B

| Benchmark | Sample-7B | Other-7B |
| --- | --- | --- |
| GSM8K | 80.5 | 70.0 |
"""
NO_RAW_WARNING = ("UserWarning", "site-packages", "warnings.warn", "Traceback")


def pr_readme(hub, num: int = 1) -> str:
    return hub.read_file(REPO, "README.md", revision=f"refs/pr/{num}")


def test_a_card_with_a_byte_order_mark_gets_metadata_the_hub_reads(hub, cli, run_cli):
    from hub_stub import validate_metadata_warnings

    alice = hub.add_user("alice", orgs=["acme"])
    hub.create_repo(REPO, {"README.md": "\ufeff" + TABLE_CARD})
    # The Hub reads no metadata from the card as it is (and says so).
    assert validate_metadata_warnings("\ufeff" + TABLE_CARD) != []

    preview = cli("extract-readme", "--repo-id", REPO, token=alice)
    assert preview.returncode == 0, preview.output
    bom_note = (
        "warning: README.md starts with a byte-order mark, which hides its metadata from the "
        "Hub: the card is written without it"
    )
    assert bom_note in preview.stderr.splitlines()

    # A real process: pytest would catch a raw warning in this one.
    created = run_cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert created.returncode == 0, created.output
    assert not any(word in created.output for word in NO_RAW_WARNING), created.output
    new = pr_readme(hub)
    # the front matter starts at byte 0, the rest of the card byte for byte
    assert new.startswith("---\nlicense: apache-2.0\nmodel-index:\n")
    assert new.endswith("---\n" + TABLE_CARD.split("---\n", 2)[2])
    assert validate_metadata_warnings(new) == []
    shown = cli("show", "--repo-id", REPO, "--revision", "refs/pr/1", "--json")
    assert [r["value"] for r in json.loads(shown.stdout)["results"]] == [80.5, 80.5]


def test_the_hubs_warnings_are_our_own_warning_lines(hub, cli, run_cli):
    from hub_stub import StubResponse

    alice = hub.add_user("alice", orgs=["acme"])
    hub.create_repo(REPO, {"README.md": TABLE_CARD})
    hub.add_route(
        "POST",
        r"^/api/validate-yaml$",
        lambda req: StubResponse(200, {"errors": [], "warnings": [{"message": "tags look odd"}]}),
    )
    created = run_cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert created.returncode == 0, created.output
    assert not any(word in created.output for word in NO_RAW_WARNING), created.output
    assert "warning: the Hub's check of README.md: tags look odd" in created.stderr.splitlines()
    checked = cli("validate", "--repo-id", REPO)
    assert "warning" in checked.stdout and "Hub: tags look odd" in checked.stdout


def test_old_mac_line_endings_are_refused_with_the_true_reason(hub, cli, tmp_path):
    alice = hub.add_user("alice", orgs=["acme"])
    card = TABLE_CARD.replace("\n", "\r")
    hub.create_repo(REPO, {"README.md": card})
    reason = (
        "README.md has CR-only line endings (classic Mac), with which the Hub reads no "
        "metadata from it; save it with LF or CRLF line endings"
    )
    for mode in ([], ["--create-pr"]):
        refused = cli("extract-readme", "--repo-id", REPO, *mode, token=alice)
        assert refused.returncode == 1, refused.output
        (error,) = [line for line in refused.stderr.splitlines() if line.startswith("error:")]
        assert reason in error and "no closing" not in refused.output
    added = cli(
        "add-eval", "--repo-id", REPO, "--benchmark", "GSM8K", "--value", "80.5",
        "--source-url", "https://example.org/report", "--apply", token=alice,
    )  # fmt: skip
    assert added.returncode == 1 and reason in added.stderr
    assert hub.pull_requests(REPO) == [] and len(hub.commits(REPO)) == 1
    # validate says what the Hub sees; the tables are still read
    checked = cli("validate", "--repo-id", REPO)
    assert checked.returncode == 1 and "CR-only line endings" in checked.stdout
    printed = cli("extract-readme", "--repo-id", REPO, "--no-compare", "--json")
    assert printed.returncode == 0 and json.loads(printed.stdout)["results"][0]["value"] == 80.5
    # A local old Mac file: its preview is a merge into it (refused the same way), but as
    # the source of a PR on a card the Hub reads, it is read like any other.
    hub.create_repo("acme/Third-7B", {"README.md": TABLE_CARD})
    local = tmp_path / "README.md"
    local.write_bytes(card.replace("Sample-7B", "Third-7B").encode())
    args = ("extract-readme", "--readme-file", local, "--repo-id", "acme/Third-7B")
    previewed = cli(*args, token=alice)
    assert previewed.returncode == 1 and reason in previewed.stderr
    proposed = cli(*args, "--create-pr", token=alice)
    assert proposed.returncode == 0, proposed.output
    assert len(hub.pull_requests("acme/Third-7B")) == 1


def test_a_windows_card_round_trips_with_its_line_endings(hub, cli):
    alice = hub.add_user("alice", orgs=["acme"])
    card = TABLE_CARD.replace("\n", "\r\n")
    hub.create_repo(REPO, {"README.md": card})
    created = cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert created.returncode == 0, created.output
    new = pr_readme(hub)
    assert "\n" not in new.replace("\r\n", "") and "\r" not in new.replace("\r\n", "")
    assert new.endswith("---\r\n" + card.split("---\r\n", 2)[2])
    listed = json.loads(cli("get-prs", "--repo-id", REPO, "--json").stdout)["pull_requests"]
    assert listed[0]["files"]["README.md"] == {"added": 1, "removed": 0}
    again = cli("extract-readme", "--repo-id", REPO, "--update-pr", "1", token=alice)
    assert again.returncode == 3 and "already up to date" in again.stdout


def test_front_matter_is_what_huggingface_hub_reads():
    from hfeval import frontmatter as fm
    from huggingface_hub import repocard

    assert fm._HUB_YAML_BLOCK.pattern == repocard.REGEX_YAML_BLOCK.pattern


def test_show_says_when_the_hub_reads_no_metadata_from_the_card(hub, cli):
    # What `show` lists from an old Mac card is not what the Hub shows on the model page.
    card = TABLE_CARD.replace(
        "---\n",
        "---\nmodel-index:\n- name: Sample-7B\n  results:\n"
        "  - task: {type: text-generation}\n"
        "    dataset: {name: MMLU, type: cais/mmlu}\n"
        "    metrics: [{type: accuracy, value: 70.1}]\n",
        1,
    )
    hub.create_repo(REPO, {"README.md": card.replace("\n", "\r")})
    shown = cli("show", "--repo-id", REPO)
    assert "warning: README.md has CR-only line endings" in shown.stderr, shown.output
    as_json = json.loads(cli("show", "--repo-id", REPO, "--json").stdout)
    assert any("CR-only" in w for w in as_json["warnings"])
    hub.create_repo("acme/Plain-7B", {"README.md": card})
    plain = cli("show", "--repo-id", "acme/Plain-7B", "--json")
    assert json.loads(plain.stdout)["warnings"] == [] and "warning" not in plain.stderr
