"""What a preview says about open pull requests, and the one --json shape of every
publishing command (preview, --apply, --create-pr, --update-pr, a refused write).

End to end through the command line (`cli` fixture) against the Hub stand-in, with the
AA stand-in for import-aa and real inspect logs (mock model) pushed to a stand-in dataset
for import-inspect.
"""

from __future__ import annotations

import json
import re

import pytest
from aa_stub import DEFAULT_KEY, AAStub
from conftest import ROOT
from test_import_inspect import MODEL as INSPECT_MODEL
from test_import_inspect import evaluate

REPO = "acme/Sample-7B"
ROWS = [
    "| MMLU-Pro (5-shot) | 70.1 | 60.0 |",
    "| GSM8K | 80.5 | 70.0 |",
    "| GPQA Diamond | 40.2 | 30.0 |",
    "| MATH-500 | 62.0 | 50.0 |",
    "| HumanEval | 55.5 | 40.0 |",
]


def card(rows: list[str]) -> str:
    table = "\n".join(["| Benchmark | Sample-7B | Other-7B |", "| --- | --- | --- |", *rows])
    return f"---\nlicense: apache-2.0\n---\n# Sample-7B\n\nOur model.\n\n{table}\n"


def post_writes(hub) -> list:
    return [r for r in hub.log if r.method == "POST" and "validate-yaml" not in r.path]


# --------------------------------------------------------------------------- item 8


def test_preview_names_the_open_pr_that_already_holds_these_results(hub, alice, cli):
    hub.create_repo(REPO, {"README.md": card(ROWS)})
    opened = cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert opened.returncode == 0, opened.stderr

    hub.clear_log()
    preview = cli("extract-readme", "--repo-id", REPO, token=alice)
    assert preview.returncode == 0, preview.stderr
    assert (
        "PR #1 already holds these 5 results; --create-pr will be refused; "
        "--update-pr 1 would add nothing: review or merge #1" in preview.stderr
    )
    assert "add --create-pr to propose it" not in preview.stderr
    assert post_writes(hub) == []  # the check only reads

    as_json = cli("extract-readme", "--repo-id", REPO, "--json", token=alice)
    check = json.loads(as_json.stdout)["open_pr_check"]
    assert check["checked"] is True and check["error"] is None
    assert check["create_pr_refused"] is True
    (pr,) = check["prs"]
    assert (pr["num"], pr["author"], pr["holds"], pr["of"], pr["holds_all"]) == (
        1,
        "alice",
        5,
        5,
        True,
    )
    # the same test the refusal makes: --create-pr is refused naming #1
    refused = cli("extract-readme", "--repo-id", REPO, "--create-pr", "--json", token=alice)
    assert refused.returncode == 4
    assert json.loads(refused.stdout)["holding"] == [1]


def test_preview_says_how_many_of_the_results_an_open_pr_holds(hub, alice, cli):
    hub.create_repo(REPO, {"README.md": card(ROWS[:3])})
    assert cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice).returncode == 0
    hub.commit_files(REPO, {"README.md": card(ROWS)})  # main's README gains two rows

    preview = cli("extract-readme", "--repo-id", REPO, token=alice)
    assert preview.returncode == 0, preview.stderr
    assert (
        "PR #1 already holds 3 of these 5 results; --create-pr will be refused; "
        "--update-pr 1 to add the other 2" in preview.stderr
    )
    check = json.loads(cli("extract-readme", "--repo-id", REPO, "--json").stdout)["open_pr_check"]
    assert [(p["num"], p["holds"], p["of"], p["holds_all"]) for p in check["prs"]] == [
        (1, 3, 5, False)
    ]
    # and --update-pr 1 adds exactly the other two
    updated = cli("extract-readme", "--repo-id", REPO, "--update-pr", "1", "--json", token=alice)
    assert updated.returncode == 0, updated.stderr
    assert len(json.loads(updated.stdout)["plan"]["added"]) == 2


def test_preview_warns_that_an_open_results_pr_of_other_values_blocks_create_pr(hub, alice, cli):
    hub.create_repo(REPO, {"README.md": card(ROWS[:2])})
    other = "---\nlicense: apache-2.0\nmodel-index:\n- name: Sample-7B\n  results:\n" + (
        "  - task: {type: text-generation}\n    dataset: {name: ARC, type: allenai/ai2_arc}\n"
        "    metrics:\n    - {type: accuracy, value: 50.0}\n"
        "    source: {name: Paper, url: https://example.com/paper}\n---\n# Sample-7B\n"
    )
    num = hub.open_pr(REPO, {"README.md": other}, title="Add ARC", author="bob")

    preview = cli("extract-readme", "--repo-id", REPO, token=alice)
    assert preview.returncode == 0, preview.stderr
    assert (
        f"PR #{num} by bob touches evaluation results and holds none of these 2 results; "
        "--create-pr will be refused while it is open" in preview.stderr
    )
    payload = json.loads(cli("extract-readme", "--repo-id", REPO, "--json").stdout)
    check = payload["open_pr_check"]
    assert check["create_pr_refused"] is True
    assert [(p["num"], p["holds"], p["holds_all"]) for p in check["prs"]] == [(num, 0, False)]
    assert [p["num"] for p in payload["pull_requests"]] == [num]


def test_preview_without_open_prs_says_nothing_about_them(hub, cli):
    hub.create_repo(REPO, {"README.md": card(ROWS[:2])})
    preview = cli("extract-readme", "--repo-id", REPO)
    assert preview.returncode == 0, preview.stderr
    assert "PR #" not in preview.stderr and "could not check" not in preview.stderr
    assert "add --create-pr to propose it" in preview.stderr
    check = json.loads(cli("extract-readme", "--repo-id", REPO, "--json").stdout)["open_pr_check"]
    assert check == {"checked": True, "error": None, "create_pr_refused": False, "prs": []}


def test_preview_still_works_when_the_open_prs_cannot_be_listed(hub, cli):
    hub.create_repo(REPO, {"README.md": card(ROWS[:2])})
    hub.fail("GET", r"/discussions", 500, times=None)
    preview = cli("extract-readme", "--repo-id", REPO)
    assert preview.returncode == 0, preview.stderr
    assert "could not check the open pull requests" in preview.stderr
    assert "model-index" in preview.stdout  # the preview itself is whole
    payload = json.loads(cli("extract-readme", "--repo-id", REPO, "--json").stdout)
    assert payload["status"] == "preview" and payload["ok"] is True
    check = payload["open_pr_check"]
    assert check["checked"] is False and check["error"] and check["create_pr_refused"] is None


def test_a_local_preview_checks_no_pull_requests(hub, cli, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(card(ROWS[:2]))
    payload = json.loads(
        cli("extract-readme", "--readme-file", readme, "--model-name", "Sample-7B", "--json").stdout
    )
    assert payload["open_pr_check"] is None
    assert hub.log == []


# --------------------------------------------------------------------------- item 11


def documented_keys() -> tuple[set[str], dict[str, set[str]], set[str], set[str]]:
    """The result keys references/hub-api.md documents: every command's, each command's own,
    those of `open_pr_check` and those of each of its `prs`."""
    text = (ROOT / "references" / "hub-api.md").read_text(encoding="utf-8")
    section = text.split("### The --json result", 1)[1].split("\n## ", 1)[0]

    def table(after: str) -> list[list[str]]:
        block = section.split(f"\n{after}\n", 1)[1].lstrip("\n")
        rows = []
        for line in block.splitlines():
            if not line.startswith("|"):
                break
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        return rows[2:]  # header and rule

    def names(cell: str) -> list[str]:
        return re.findall(r"`([a-z_-]+)`", cell)

    def keys(after: str) -> set[str]:
        return {key for row in table(after) for key in names(row[0])}

    own: dict[str, set[str]] = {}
    for row in table("Each command's own keys:"):
        (command,) = names(row[0])
        own[command] = set(names(row[1]))
    return (
        keys("Every publishing command:"),
        own,
        keys("`open_pr_check`:"),
        keys("Each entry of `prs`:"),
    )


@pytest.fixture
def aa_env(tmp_path):
    with AAStub() as server:
        yield {
            "AA_BASE_URL": server.url,
            "AA_API_KEY": DEFAULT_KEY,
            "HF_EVAL_CACHE": str(tmp_path / "aa-cache"),
        }


@pytest.fixture(scope="module")
def inspect_logs(tmp_path_factory) -> dict[str, bytes]:
    """The files of a real (mock model) inspect run: the .eval log and its summary."""
    tmp = tmp_path_factory.mktemp("inspect")
    code, _ = evaluate(tmp, "gsm8k", extra=["--log-dir", str(tmp / "logs")])
    assert code == 0
    return {
        f"run/{path.name}": path.read_bytes()
        for path in sorted((tmp / "logs").rglob("*"))
        if path.is_file()
    }


def publishing_commands(hub, aa_env, inspect_logs) -> dict[str, tuple[str, list[str], dict]]:
    """Each publishing command: (repo, its arguments but the mode, extra environment)."""
    hub.create_repo(REPO, {"README.md": card(ROWS[:3])})
    hub.create_repo("acme/manual-7b", {"README.md": "---\nlicense: mit\n---\n# Manual\n"})
    hub.create_repo("acme/aa-model", {"README.md": "---\nlicense: mit\n---\n# Model\n"})
    hub.create_repo(INSPECT_MODEL, {"README.md": "---\nlicense: mit\n---\n# Tiny model\n"})
    hub.create_repo("acme/eval-logs", dict(inspect_logs), repo_type="dataset")
    return {
        "extract-readme": (REPO, ["extract-readme", "--repo-id", REPO], {}),
        "add-eval": (
            "acme/manual-7b",
            [
                "add-eval",
                "--repo-id",
                "acme/manual-7b",
                "--benchmark",
                "ARC-Challenge",
                "--value",
                "61.2",
                "--source-url",
                "https://example.com/paper",
            ],
            {},
        ),  # fmt: skip
        "import-aa": (
            "acme/aa-model",
            [
                "import-aa",
                "--creator-slug",
                "anthropic",
                "--model-name",
                "claude-sonnet-4",
                "--repo-id",
                "acme/aa-model",
            ],
            aa_env,
        ),  # fmt: skip
        "import-inspect": (
            INSPECT_MODEL,
            ["import-inspect", "--log", "hf://datasets/acme/eval-logs", "--repo-id", INSPECT_MODEL],
            {},
        ),
    }


def test_every_publishing_command_prints_the_same_keys_in_every_mode(
    hub, cli, aa_env, inspect_logs
):
    alice = hub.add_user("alice", orgs=["acme", INSPECT_MODEL.split("/")[0]])
    common, own, check_keys, pr_keys = documented_keys()
    for name, (_repo, args, env) in publishing_commands(hub, aa_env, inspect_logs).items():

        def run(*mode: str, expect: int, args=args, env=env, name=name):
            result = cli(*args, *mode, "--json", token=alice, env=env)
            assert result.returncode == expect, (name, mode, result.stderr)
            payload = json.loads(result.stdout)
            assert payload["exit_code"] == expect, (name, mode)
            return payload

        runs = {
            "preview": run(expect=0),
            "create_pr": run("--create-pr", expect=0),
            "preview with a PR open": run(expect=0),
            "duplicate refused": run("--create-pr", expect=4),
            "update_pr up to date": run("--update-pr", "1", expect=3),
            "apply": run("--apply", expect=0),
            "up to date": run(expect=3),
        }
        expected = common | own.get(name, set())
        for label, payload in runs.items():
            assert set(payload) == expected, (name, label, set(payload) ^ expected)
        assert {label: (p["status"], p["written"]) for label, p in runs.items()} == {
            "preview": ("preview", False),
            "create_pr": ("written", True),
            "preview with a PR open": ("preview", False),
            "duplicate refused": ("duplicate_pr", False),
            "update_pr up to date": ("up_to_date", False),
            "apply": ("written", True),
            "up to date": ("up_to_date", False),
        }, name
        assert runs["preview with a PR open"]["open_pr_check"]["prs"][0]["holds_all"] is True
        assert set(runs["preview"]["open_pr_check"]) == check_keys
        for payload in runs.values():
            if payload["open_pr_check"]:
                for pr in payload["open_pr_check"]["prs"]:
                    assert set(pr) == pr_keys, name


def test_a_write_refused_by_a_guard_keeps_the_result_shape(hub, cli, tmp_path):
    """Not owner and a conflicting value, refused on write: the keys of a preview."""
    bob = hub.add_user("bob")
    hub.create_repo(REPO, {"README.md": card(ROWS[:2])})
    args = ["extract-readme", "--repo-id", REPO, "--json"]
    preview = json.loads(cli(*args, token=bob).stdout)
    not_owner = cli(*args, "--apply", token=bob)
    assert not_owner.returncode == 4
    refused = json.loads(not_owner.stdout)
    assert set(refused) == set(preview)
    assert (refused["status"], refused["written"], refused["ok"]) == ("not_owner", False, False)
    assert refused["mode"] == "apply" and refused["repo_id"] == REPO and refused["error"]
    assert preview["error"] is None and preview["details"] == []


def test_the_documented_commands_are_the_publishing_commands():
    """The tables name every publishing command once, and the keys this file asserts."""
    common, own, check, pr = documented_keys()
    assert set(own) == {"extract-readme", "import-aa", "import-inspect", "add-eval"}
    assert {"ok", "status", "written", "exit_code", "error", "open_pr_check"} <= common
    assert check == {"checked", "error", "create_pr_refused", "prs"}
    assert {"num", "holds", "of", "differs", "holds_all"} <= pr
