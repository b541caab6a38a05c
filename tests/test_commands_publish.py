"""The publishing commands end to end: `cli.main([...])` in this process (the `cli`
fixture), the real huggingface_hub client, the local Hub stand-in. Nothing is patched.
The --help examples, and one invalid-token run, go through `python
scripts/evaluation_manager.py ...` as a subprocess, as a user runs them."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from conftest import ROOT

REPO = "acme/Sample-7B"
README = """---
license: apache-2.0
library_name: transformers
---
# Sample-7B

Our model, evaluated by us.

| Benchmark | Sample-7B | Other-7B |
| --- | --- | --- |
| MMLU-Pro (5-shot) | 70.1 | 60.0 |
| GSM8K | 80.5 | 70.0 |
| GPQA Diamond | 40.2 | 30.0 |
| FooBench | 12.0 | 11.0 |
"""
TOKEN_RE = re.compile(r"hf_[A-Za-z0-9]{8,}")


@pytest.fixture
def repo(hub):
    return hub.create_repo(REPO, {"README.md": README})


def post_writes(hub):
    return [r for r in hub.log if r.method == "POST" and "validate-yaml" not in r.path]


def test_readme_to_pull_request_lifecycle(hub, repo, alice, cli):
    # Preview: prints, writes nothing.
    preview = cli("extract-readme", "--repo-id", REPO, token=alice)
    assert preview.returncode == 0, preview.stderr
    assert "nothing written (preview)" in preview.stderr
    assert post_writes(hub) == []

    # --create-pr: one PR, its number and URL printed; count every HTTP request it makes.
    hub.clear_log()
    created = cli("extract-readme", "--repo-id", REPO, "--create-pr", "--json", token=alice)
    assert created.returncode == 0, created.stderr
    payload = json.loads(created.stdout)
    assert payload["pr"] == {"num": 1, "url": f"{hub.url}/{REPO}/discussions/1"}
    requests = [(r.method, r.path) for r in hub.log]
    assert Counter(requests) == Counter(
        [
            ("HEAD", f"/{REPO}/resolve/main/README.md"),
            ("GET", f"/{REPO}/resolve/main/README.md"),
            ("GET", f"/api/models/{REPO}"),  # sha + file list, to plan the merge
            ("GET", f"/api/models/{REPO}/discussions"),  # the duplicate-PR guard
            ("POST", "/api/validate-yaml"),
            ("POST", f"/api/models/{REPO}/preupload/main"),
            ("POST", f"/api/models/{REPO}/commit/main"),
            # listed again after the PR is opened: one opened meanwhile elsewhere is seen
            ("GET", f"/api/models/{REPO}/discussions"),
        ]
    ), requests
    # no request twice, but for that deliberate second listing
    assert len(set(requests)) == len(requests) - 1
    pr = hub.pull_requests(REPO)[0]
    assert pr.title == "Add 4 evaluation results from the README (model-index, .eval_results)"
    assert hub.files(REPO) == {"README.md": README}  # main untouched

    # The same again: refused as a duplicate, exit 4, the open PR listed.
    again = cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert again.returncode == 4
    assert "#1 by alice" in again.stderr and f"{hub.url}/{REPO}/discussions/1" in again.stderr
    assert (
        f"error: duplicate pull request refused: open pull request #1 on {REPO} already holds "
        "these results; nothing written" in again.stderr
    )
    assert "already up to date" not in again.stderr  # that phrase means exit 3, everywhere
    as_json = cli("extract-readme", "--repo-id", REPO, "--create-pr", "--json", token=alice)
    refusal = json.loads(as_json.stdout)
    assert as_json.returncode == refusal["exit_code"] == 4
    assert (refusal["ok"], refusal["status"], refusal["holding"]) == (False, "duplicate_pr", [1])
    assert [p["num"] for p in refusal["pull_requests"]] == [1]
    assert len(hub.pull_requests(REPO)) == 1

    # --update-pr 1 with the same results: already up to date, nothing written.
    hub.clear_log()
    update = cli("extract-readme", "--repo-id", REPO, "--update-pr", "1", token=alice)
    assert update.returncode == 3, update.stderr
    assert "already up to date" in update.stdout
    assert post_writes(hub) == []

    # --force-new-pr opens a second PR.
    forced = cli("extract-readme", "--repo-id", REPO, "--create-pr", "--force-new-pr", token=alice)
    assert forced.returncode == 0, forced.stderr
    assert "opened pull request #2" in forced.stdout

    # get-prs finds both from their diffs.
    listed = cli("get-prs", "--repo-id", REPO, "--json", token=alice)
    assert listed.returncode == 0
    prs = json.loads(listed.stdout)["pull_requests"]
    assert [p["num"] for p in prs] == [2, 1]
    assert prs[1]["files"] == {
        "README.md": {"added": 4, "removed": 0},
        ".eval_results/readme.yaml": {"added": 3, "removed": 0},
    }

    # show and validate read back exactly what the PR holds, in both formats.
    shown = cli("show", "--repo-id", REPO, "--revision", "refs/pr/1", "--json")
    assert shown.returncode == 0, shown.stderr
    results = json.loads(shown.stdout)["results"]
    by_format = {
        fmt: sorted((r["benchmark"], r["value"]) for r in results if r["format"] == fmt)
        for fmt in ("model-index", "eval-results")
    }
    assert by_format["model-index"] == [
        ("FooBench", 12.0),
        ("GPQA Diamond", 40.2),
        ("GSM8K", 80.5),
        ("MMLU-Pro", 70.1),
    ]
    assert by_format["eval-results"] == [
        ("GPQA Diamond", 40.2),
        ("GSM8K", 80.5),
        ("MMLU-Pro", 70.1),
    ]
    line_of = {
        n: i for i, line in enumerate(README.splitlines(), 1) for n in ["GSM8K"] if n in line
    }
    gsm8k = next(r for r in results if r["benchmark"] == "GSM8K" and r["format"] == "eval-results")
    assert gsm8k["source"]["url"] == (
        f"{hub.url}/{REPO}/blob/{repo.refs['main']}/README.md#L{line_of['GSM8K']}"
    )
    valid = cli("validate", "--repo-id", REPO, "--revision", "refs/pr/1", "--json")
    assert valid.returncode == 0, valid.stdout
    assert json.loads(valid.stdout)["errors"] == []


def test_overwrite_replaces_the_value_and_its_source_in_both_formats(hub, repo, alice, cli):
    revision_a = hub.head(REPO)
    assert cli("extract-readme", "--repo-id", REPO, "--apply", token=alice).returncode == 0
    # The card's author corrects the README cell; the old value's source line now says 73.3.
    fixed = hub.files(REPO)["README.md"].replace("| 70.1 |", "| 73.3 |")
    revision_b = hub.commit_files(REPO, {"README.md": fixed}, message="fix MMLU-Pro")
    line_b = next(i for i, t in enumerate(fixed.splitlines(), 1) if "| 73.3 |" in t)
    refused = cli("extract-readme", "--repo-id", REPO, "--apply", token=alice)
    assert refused.returncode == 4 and "card has 70.1" in refused.stderr

    done = cli("extract-readme", "--repo-id", REPO, "--apply", "--overwrite", token=alice)
    assert done.returncode == 0, done.stderr
    shown = cli("show", "--repo-id", REPO, "--json")
    rows = [r for r in json.loads(shown.stdout)["results"] if r["benchmark"] == "MMLU-Pro"]
    assert {r["format"] for r in rows} == {"model-index", "eval-results"}
    for row in rows:  # the value, and a source that prints it
        assert row["value"] == 73.3
        assert row["source"]["url"] == f"{hub.url}/{REPO}/blob/{revision_b}/README.md#L{line_b}"
    assert [r["metric_name"] for r in rows if r["format"] == "model-index"] == ["MMLU-Pro (5-shot)"]
    # values that did not change keep their first source (revision A still prints them)
    others = [r for r in json.loads(shown.stdout)["results"] if r["benchmark"] == "GSM8K"]
    assert others and all(f"/blob/{revision_a}/" in r["source"]["url"] for r in others)
    again = cli("extract-readme", "--repo-id", REPO, "--apply", token=alice)
    assert again.returncode == 3, again.stderr  # and a plain run now agrees with the card


def test_add_eval_apply_on_owned_repo_then_again_and_read_back(hub, repo, alice, cli):
    args = (
        "add-eval",
        "--repo-id",
        REPO,
        "--benchmark",
        "GPQA Diamond",
        "--value",
        "41.5",
        "--source-url",
        "https://example.org/tech-report",
        "--setting",
        "0-shot, CoT",
    )
    applied = cli(*args, "--apply", token=alice)
    assert applied.returncode == 0, applied.stderr
    assert "committed to main" in applied.stdout
    assert len(hub.commits(REPO)) == 2
    assert set(hub.files(REPO)) == {"README.md", ".eval_results/manual.yaml"}

    again = cli(*args, "--apply", token=alice)
    assert again.returncode == 3
    assert "already up to date" in again.stdout
    assert len(hub.commits(REPO)) == 2

    shown = cli("show", "--repo-id", REPO, "--json")
    results = json.loads(shown.stdout)["results"]
    assert sorted((r["format"], r["value"], r["setting_label"]) for r in results) == [
        ("eval-results", 41.5, "0-shot, CoT"),
        ("model-index", 41.5, "0-shot, CoT"),
    ]
    assert {r["source"]["url"] for r in results} == {"https://example.org/tech-report"}
    human = cli("show", "--repo-id", REPO)
    assert "https://example.org/tech-report" in human.stdout and "41.5" in human.stdout
    assert cli("validate", "--repo-id", REPO).returncode == 0


def test_apply_on_a_repo_you_do_not_own_is_refused(hub, repo, cli):
    mallory = hub.add_user("mallory")
    refused = cli(
        "add-eval", "--repo-id", REPO, "--benchmark", "GSM8K", "--value", "80",
        "--source-url", "https://example.org/x", "--apply", token=mallory,
    )  # fmt: skip
    assert refused.returncode == 4
    assert "mallory cannot write to acme/Sample-7B" in refused.stderr
    assert "use --create-pr" in refused.stderr
    assert post_writes(hub) == []


def test_add_eval_checks_its_input(hub, repo, alice, cli):
    base = ("add-eval", "--repo-id", REPO, "--source-url", "https://example.org/x")
    unknown = cli(*base, "--benchmark", "Frobnicate-QA", "--value", "55")
    assert unknown.returncode == 0, unknown.stderr
    assert "not in the benchmark registry: written to model-index only" in unknown.stderr
    only_er = cli(
        *base, "--benchmark", "Frobnicate-QA", "--value", "55", "--format", "eval-results"
    )
    assert only_er.returncode == 2 and "use --format model-index or both" in only_er.stderr
    too_big = cli(*base, "--benchmark", "MMLU-Pro", "--value", "170")
    assert too_big.returncode == 2 and "outside 0-100" in too_big.stderr
    bad_url = cli(
        "add-eval", "--repo-id", REPO, "--benchmark", "GSM8K", "--value", "1", "--source-url", "x"
    )
    assert bad_url.returncode == 2 and "http(s) URL" in bad_url.stderr
    assert post_writes(hub) == []


def test_validate_a_local_card_names_each_problem(tmp_path, cli, hub):
    card = tmp_path / "README.md"
    card.write_text(
        "---\nmodel-index:\n- name: m\n  results:\n  - task: {type: text-generation}\n"
        "    dataset: {type: openai/gsm8k}\n    metrics:\n    - {type: accuracy, value: 180}\n---\n# m\n"
    )
    result = cli("validate", "--readme-file", card, "--json")
    assert result.returncode == 1
    errors = json.loads(result.stdout)["errors"]
    assert any(e["yaml_path"].startswith("model-index[0].results[0].dataset") for e in errors)
    assert hub.log == []  # local file: no network


def test_gated_private_and_missing_repos(hub, cli):
    hub.create_repo("acme/gated", {"README.md": README}, gated=True)
    hub.create_repo("acme/private", {"README.md": README}, private=True)
    stranger = hub.add_user("stranger")
    no_token = cli("show", "--repo-id", "acme/gated")
    assert no_token.returncode == 1
    assert no_token.stderr.strip() == (
        "error: acme/gated: gated or private: accept the terms or use a token with access"
    )
    forbidden = cli("extract-readme", "--repo-id", "acme/gated", token=stranger)
    assert forbidden.returncode == 1 and "gated or private" in forbidden.stderr
    private = cli("get-prs", "--repo-id", "acme/private")  # 401: private or missing
    assert private.returncode == 1 and "does not exist, or is private or gated" in private.stderr
    hidden = cli("get-prs", "--repo-id", "acme/private", token=stranger)  # 404 with a token
    assert hidden.returncode == 1 and "repository acme/private does not exist" in hidden.stderr
    missing = cli("show", "--repo-id", "acme/nope", "--json", token=stranger)
    assert missing.returncode == 1
    assert json.loads(missing.stdout)["error"] == "repository acme/nope does not exist"


def test_429_is_retried_and_500_ends_in_one_line(hub, repo, cli):
    hub.fail("GET", r"/discussions$", 429, times=2, retry_after=0)
    ok = cli("get-prs", "--repo-id", REPO)
    assert ok.returncode == 0, ok.stderr
    assert len(hub.requests("GET", r"/discussions$")) == 3

    hub.fail("GET", rf"^/api/models/{REPO}$", 500, times=None)
    failed = cli("show", "--repo-id", REPO)
    assert failed.returncode == 1
    assert failed.stderr.splitlines() == [
        f"error: the Hub failed (HTTP 500) while reading the model info for {REPO} "
        "after 4 attempts: try again later"
    ]
    assert failed.stdout == ""


def test_the_token_never_appears_in_any_output(hub, repo, cli, run_cli, tmp_path):
    token = hub.add_user("alice", token="hf_KnownSecretToken0123456789abcd", orgs=["acme"])
    hub.create_repo("acme/gated", {"README.md": README}, gated=True)
    local = tmp_path / "README.md"
    local.write_text(README)
    other = hub.add_user("bob")
    # A server that echoes the token back in its error message.
    hub.fail("POST", r"/api/validate-yaml$", 400, times=1, message=f"bad header Bearer {token}")
    commands = [
        ("extract-readme", "--repo-id", REPO, "--create-pr"),  # hits the echoing 400
        ("extract-readme", "--repo-id", REPO, "--create-pr", "--json"),
        ("extract-readme", "--repo-id", REPO, "--create-pr"),  # duplicate
        ("extract-readme", "--repo-id", REPO, "--update-pr", "1", "--json"),
        ("extract-readme", "--repo-id", REPO, "--apply"),
        ("extract-readme", "--repo-id", "acme/gated", "--json"),
        ("extract-readme", "--readme-file", local, "--repo-id", REPO),
        ("inspect-tables", "--repo-id", REPO),
        ("inspect-tables", "--repo-id", "acme/nope", "--json"),
        ("show", "--repo-id", REPO, "--include-prs", "--json"),
        ("show", "--repo-id", "acme/nope"),
        ("validate", "--repo-id", REPO),
        ("validate", "--readme-file", local, "--hub-check", "--json"),
        ("get-prs", "--repo-id", REPO),
        ("get-prs", "--repo-id", "acme/gated", "--json"),
        ("add-eval", "--repo-id", REPO, "--benchmark", "GSM8K", "--value", "1",
         "--source-url", "https://example.org/x", "--create-pr", "--force-new-pr"),
        ("add-eval", "--repo-id", f"{other}/x", "--benchmark", "GSM8K", "--value", "1",
         "--source-url", "https://example.org/x", "--apply"),
        ("add-eval", "--repo-id", REPO, "--benchmark", "GSM8K", "--value", "oops",
         "--source-url", "https://example.org/x"),
        ("import-aa", "--repo-id", REPO, "--json"),
    ]  # fmt: skip
    seen_codes = set()
    for command in commands:
        result = cli(*command, token=token)
        seen_codes.add(result.returncode)
        assert token not in result.output, command
        assert not TOKEN_RE.search(result.output.replace("hf_***", "")), (command, result.output)
        assert "Traceback" not in result.output, (command, result.stderr)
    # An invalid token is rejected in one line, without being echoed (a real process here).
    bad = run_cli("show", "--repo-id", REPO, token="hf_InvalidTokenValue99999999")
    assert bad.returncode == 1 and "token was rejected" in bad.stderr
    assert "hf_InvalidTokenValue99999999" not in bad.output
    assert {0, 1, 2, 3, 4} <= seen_codes | {bad.returncode}
    # The token went only to our stand-in, and only as a bearer header.
    assert {r.token for r in hub.log if r.token} <= {token, "hf_InvalidTokenValue99999999"}


EXAMPLE_RE = re.compile(r"uv run scripts/evaluation_manager\.py (.+)$", re.M)


@pytest.mark.parametrize("module", ["cmd_show", "cmd_validate", "cmd_get_prs", "cmd_add_eval"])
def test_help_examples_run_against_the_stand_in(module, hub, run_cli, tmp_path):
    import importlib
    import shlex

    epilog = importlib.import_module(f"hfeval.{module}").EPILOG
    examples = EXAMPLE_RE.findall(epilog)
    assert examples, f"{module} --help has no example"
    token = hub.add_user("sample", orgs=["example-org"])
    hub.create_repo(
        "example-org/sample-7b", {"README.md": README.replace("Sample-7B", "sample-7b")}
    )
    if module == "cmd_get_prs":
        results = "- {dataset: {id: a/b, task_id: t}, value: 1}\n"
        hub.open_pr("example-org/sample-7b", {".eval_results/x.yaml": results})
    for example in examples:
        argv = shlex.split(example)
        missing = [a for a in argv if a.startswith("examples/") and not (ROOT / a).exists()]
        if missing:
            pytest.skip(f"{missing[0]} is not in the bundle yet")
        result = run_cli(*argv, token=token)
        assert result.returncode in (0, 3), (example, result.stderr)
