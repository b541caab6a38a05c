"""`publish` end to end against the Hub stand-in (real huggingface_hub client): the
library call returns an outcome and prints nothing; `output.render_publish` prints it."""

from __future__ import annotations

import argparse
import json

import pytest
import yaml
from hfeval import __version__
from hfeval.arguments import add_publish_arguments, request_from_args
from hfeval.cli import exit_code
from hfeval.errors import Conflict, DuplicatePR, HubError, NothingFound, NotOwner, UsageError
from hfeval.hub import HubClient
from hfeval.output import render_publish
from hfeval.publish import Mode, PublishRequest, Status, publish
from hfeval.results import Result, Setting, Source

REPO = "acme/sample-7b"
README = """---
license: mit
# a comment the merge must keep
custom_key: {keep: me}
---
# Sample 7B

| Benchmark | Sample-7B |
| --- | --- |
| MMLU-Pro | 70.1 |
| GSM8K | 80.5 |
| FooBench | 12.0 |
"""


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_publish_arguments(parser)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    args.command = "extract-readme"
    return args


def readme_results(url_base: str, mmlu: float = 70.1) -> list[Result]:
    def src(line: int) -> Source:
        return Source("readme", "Model README", url=f"{url_base}#L{line}", line=line)

    return [
        Result("MMLU-Pro", mmlu, src(10), benchmark_id="mmlu_pro", setting=Setting(shots=5)),
        Result("GSM8K", 80.5, src(11), benchmark_id="gsm8k"),
        Result("FooBench", 12.0, src(12)),
    ]


@pytest.fixture
def setup(hub, alice, tmp_path):
    hub.create_repo(REPO, {"README.md": README})
    reader = HubClient(token=alice, cache_dir=tmp_path / "cache")
    url_base = reader.read_readme(REPO).url_base
    hub.clear_log()

    def run(*argv, token=alice, results=None, repo_id=REPO):
        """What a publishing command does with these flags: publish, render, exit code."""
        args = parse(*argv)
        request = request_from_args(args, repo_id=repo_id, model_name="sample-7b", origin="readme")
        outcome = publish(
            results if results is not None else readme_results(url_base),
            request=request,
            client=HubClient(token=token, cache_dir=tmp_path / "cache"),
        )
        render_publish(outcome, as_json=args.json)
        return exit_code(outcome)

    run.url_base = url_base
    return run


def writes(hub):
    return [r for r in hub.log if r.method == "POST" and "validate-yaml" not in r.path]


def test_preview_prints_the_yaml_and_the_diff_and_touches_nothing(hub, setup, capsys):
    assert setup() == 0
    out, err = capsys.readouterr()
    document = yaml.safe_load(out)
    metrics = [m for block in document["model-index"][0]["results"] for m in block["metrics"]]
    assert [m["value"] for m in metrics] == [70.1, 80.5, 12.0]
    entries = document["eval_results"][".eval_results/readme.yaml"]
    assert [e["dataset"]["id"] for e in entries] == ["TIGER-Lab/MMLU-Pro", "openai/gsm8k"]
    assert "+++ b/README.md" in err and "+++ b/.eval_results/readme.yaml" in err
    assert "FooBench: unmapped benchmark" in err
    assert "nothing written (preview)" in err
    assert writes(hub) == []
    assert hub.files(REPO) == {"README.md": README}


def test_preview_json_is_one_object(hub, setup, capsys):
    assert setup("--json", "--format", "eval-results") == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["mode"] == "preview" and payload["written"] is False
    assert payload["revision"] == hub.head(REPO)
    assert payload["plan"]["changed_files"] == [".eval_results/readme.yaml"]
    assert list(payload["document"]) == ["eval_results"]
    assert [s["result"]["benchmark"] for s in payload["plan"]["skipped"]] == ["FooBench"]


def test_local_preview_makes_no_request(hub, tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(README)
    results = readme_results(str(readme))
    request = PublishRequest(repo_id=None, model_name="m", origin="readme", readme_path=str(readme))
    outcome = publish(results, request=request)
    assert outcome.status is Status.PREVIEWED and exit_code(outcome) == 0
    assert hub.log == []
    assert capsys.readouterr() == ("", "")  # the library prints nothing
    assert "+++ b/README.md" in outcome.diffs["README.md"]
    render_publish(outcome, as_json=False)
    assert "+++ b/README.md" in capsys.readouterr().err


def test_create_pr_title_body_and_duplicate_guard(hub, setup, capsys):
    assert setup("--create-pr") == 0
    out = capsys.readouterr().out
    assert f"opened pull request #1: {hub.url}/{REPO}/discussions/1" in out
    pr = hub.pull_requests(REPO)[0]
    assert pr.title == "Add 3 evaluation results from the README (model-index, .eval_results)"
    assert (
        f"| MMLU-Pro (5-shot) | 5-shot | 70.1 | [Model README, line 10]({setup.url_base}#L10) |"
        in (pr.description)
    )
    assert f"hf-evaluation {__version__}" in pr.description
    assert "How to correct a value" in pr.description
    body = hub.files(REPO, "refs/pr/1")["README.md"].split("---\n", 2)[2]
    assert body == README.split("---\n", 2)[2]  # the body, byte for byte
    assert "# a comment the merge must keep" in hub.files(REPO, "refs/pr/1")["README.md"]

    # Same results again: an open PR already touches results -> refused, nothing written.
    with pytest.raises(DuplicatePR) as caught:
        setup("--create-pr")
    assert caught.value.exit_code == 4
    assert caught.value.message == (
        f"duplicate pull request refused: open pull request #1 on {REPO} already holds these "
        "results; nothing written"
    )  # a refusal, so it does not say "already up to date", which means exit 3 everywhere
    assert "#1 by alice" in caught.value.details[0]
    assert caught.value.details[0].endswith("already holds all of these results")
    assert caught.value.payload["status"] == "duplicate_pr"
    assert caught.value.payload["holding"] == [1]
    assert len(hub.pull_requests(REPO)) == 1

    # --force-new-pr opens another one anyway.
    assert setup("--create-pr", "--force-new-pr") == 0
    assert len(hub.pull_requests(REPO)) == 2


def test_update_pr_adds_a_commit_and_is_idempotent(hub, setup, capsys):
    setup("--create-pr", "--format", "model-index")
    capsys.readouterr()
    assert setup("--update-pr", "1") == 0  # adds the .eval_results file to the same PR
    assert "added a commit to pull request #1" in capsys.readouterr().out
    assert ".eval_results/readme.yaml" in hub.files(REPO, "refs/pr/1")
    assert hub.files(REPO) == {"README.md": README}
    assert [e["type"] for e in hub.pull_requests(REPO)[0].events].count("commit") == 2
    hub.clear_log()
    assert setup("--update-pr", "1") == 3
    assert (
        "already up to date: pull request #1 already holds these 3 result(s)"
        in capsys.readouterr().out
    )
    assert writes(hub) == []


def test_update_pr_refuses_other_peoples_and_closed_prs(hub, setup):
    other = hub.open_pr(REPO, {".eval_results/x.yaml": "[]\n"}, author="bob")
    with pytest.raises(NotOwner, match="opened by bob, and carol neither opened it nor owns"):
        setup("--update-pr", str(other), token=hub.add_user("carol"))
    hub.set_status(REPO, other, "closed")
    with pytest.raises(NothingFound, match="is closed"):
        setup("--update-pr", str(other))
    assert writes(hub) == []


def test_update_pr_lets_the_repo_owner_push_to_anyones_open_pr(hub, setup, capsys):
    # What --help says: a PR you opened, or any open PR on a repo you (or one of your orgs) own.
    other = hub.open_pr(REPO, {".eval_results/x.yaml": "[]\n"}, author="bob")
    assert setup("--update-pr", str(other)) == 0  # alice is in acme, which owns the repo
    assert f"added a commit to pull request #{other}" in capsys.readouterr().out
    assert "README.md" in hub.files(REPO, f"refs/pr/{other}")
    help_text = argparse.ArgumentParser()
    add_publish_arguments(help_text)
    text = " ".join(help_text.format_help().split())
    assert "a PR you opened, or any open PR on a repo you or one of your orgs own" in text
    assert "one of ours" not in text


def test_apply_then_apply_again_writes_nothing(hub, setup, capsys):
    assert setup("--apply") == 0
    assert "committed to main" in capsys.readouterr().out
    assert len(hub.commits(REPO)) == 2
    card = hub.files(REPO)["README.md"]
    assert "custom_key: {keep: me}" in card and "# a comment the merge must keep" in card
    hub.clear_log()
    assert setup("--apply") == 3
    assert "already up to date" in capsys.readouterr().out
    assert writes(hub) == []
    assert len(hub.commits(REPO)) == 2


def test_apply_refused_when_not_owner(hub, setup):
    with pytest.raises(NotOwner) as caught:
        setup("--apply", token=hub.add_user("mallory"))
    assert caught.value.details == ["use --create-pr to propose the change as a pull request"]
    assert writes(hub) == []


def test_conflicting_value_is_refused_unless_overwrite(hub, setup, capsys):
    setup("--apply")
    changed = readme_results(setup.url_base, mmlu=71.0)
    with pytest.raises(Conflict) as caught:
        setup("--apply", results=changed)
    assert (
        "card has 70.1" in caught.value.details[0] and "new value 71.0" in caught.value.details[0]
    )
    assert len(hub.commits(REPO)) == 2
    capsys.readouterr()
    # The preview shows the conflict too, and says so with exit 4.
    assert setup(results=changed) == 4
    assert "card has 70.1" in capsys.readouterr().err
    assert setup("--apply", "--overwrite", results=changed) == 0
    assert "value: 71.0" in hub.files(REPO)["README.md"]


def test_write_modes_need_a_token_and_a_repo(hub, setup):
    with pytest.raises(HubError, match="writing needs a Hugging Face token"):
        setup("--create-pr", token=None)
    with pytest.raises(UsageError, match="needs --repo-id"):
        setup("--apply", repo_id=None)
    with pytest.raises(UsageError, match="--force-new-pr goes with --create-pr"):
        setup("--apply", "--force-new-pr")
    assert writes(hub) == []


# --------------------------------------------------------------------------- the library call


def request(mode: Mode = Mode.PREVIEW, **fields) -> PublishRequest:
    return PublishRequest(
        repo_id=REPO, model_name="sample-7b", origin="readme", mode=mode, **fields
    )


def test_publish_returns_an_outcome_and_prints_nothing_in_preview_and_write(
    hub, setup, alice, tmp_path, capfd
):
    client = HubClient(token=alice, cache_dir=tmp_path / "lib")
    results = readme_results(setup.url_base)
    preview = publish(results, request=request(), client=client)
    assert capfd.readouterr() == ("", "")
    assert (preview.status, preview.written, preview.commit) == (Status.PREVIEWED, False, None)
    assert preview.revision == hub.head(REPO)
    assert set(preview.diffs) == {"README.md", ".eval_results/readme.yaml"}
    assert preview.title == "Add 3 evaluation results from the README (model-index, .eval_results)"
    assert writes(hub) == []

    opened = publish(results, request=request(Mode.CREATE_PR), client=client)
    assert capfd.readouterr() == ("", "")
    assert (opened.status, opened.written) == (Status.PR_OPENED, True)
    assert opened.commit.pr_num == 1 and opened.commit.revision == "refs/pr/1"
    assert opened.pull_requests == ()  # the guard asked, and saw none
    assert [pr.num for pr in hub.pull_requests(REPO)] == [1]

    updated = publish(results, request=request(Mode.UPDATE_PR, pr_number=1), client=client)
    assert capfd.readouterr() == ("", "")
    assert updated.status is Status.UP_TO_DATE and exit_code(updated) == 3
    assert updated.message.startswith("already up to date: pull request #1 already holds")

    committed = publish(results, request=request(Mode.APPLY), client=client)
    assert capfd.readouterr() == ("", "")
    assert committed.status is Status.COMMITTED and committed.commit.revision == "main"
    assert hub.files(REPO)["README.md"] != README


def test_the_json_object_has_the_same_keys_in_a_preview_and_after_a_write(
    hub, setup, alice, tmp_path
):
    client = HubClient(token=alice, cache_dir=tmp_path / "lib")
    results = readme_results(setup.url_base)
    outcomes = {
        "preview": publish(results, request=request(), client=client),
        "written": publish(results, request=request(Mode.APPLY), client=client),
        "up_to_date": publish(results, request=request(Mode.APPLY), client=client),
        "conflict": publish(readme_results(setup.url_base, mmlu=71.0), request=request()),
    }
    payloads = {
        name: json.loads(json.dumps(o.to_dict(), default=str)) for name, o in outcomes.items()
    }
    keys = {name: set(p) for name, p in payloads.items()}
    assert keys["preview"] == keys["written"] == keys["up_to_date"] == keys["conflict"]
    assert {name: (p["status"], p["written"], p["ok"]) for name, p in payloads.items()} == {
        "preview": ("preview", False, True),
        "written": ("written", True, True),
        "up_to_date": ("up_to_date", False, True),
        "conflict": ("conflict", False, False),
    }
    assert payloads["written"]["commit"]["revision"] == "main"
    assert payloads["preview"]["commit"] is None and payloads["preview"]["pr"] is None
    assert [exit_code(o) for o in outcomes.values()] == [0, 0, 3, 4]


def test_what_a_format_left_out_is_a_value_not_a_message(hub, setup, alice, tmp_path):
    client = HubClient(token=alice, cache_dir=tmp_path / "lib")
    both = publish(readme_results(setup.url_base), request=request(), client=client)
    (foo,) = both.skipped
    assert (foo.result.benchmark, foo.kept_in, foo.left_out_of) == (
        "FooBench",
        ("model-index",),
        ("eval-results",),
    )
    assert foo.model_index_only
    only_er = publish(
        readme_results(setup.url_base),
        request=request(formats=frozenset({"eval-results"})),
        client=client,
    )
    (foo,) = only_er.skipped
    assert (foo.kept_in, foo.left_out_of, foo.model_index_only) == ((), ("eval-results",), False)


def test_many_models_in_process_with_one_client(hub, alice, tmp_path, capfd):
    # What a batch does: one client, one publish call per model, outcomes collected.
    repos = [f"acme/model-{i}" for i in range(3)]
    for repo in repos:
        hub.create_repo(repo, {"README.md": README})
    client = HubClient(token=alice, cache_dir=tmp_path / "batch")
    results = readme_results("https://example.org/card")

    def one(repo: str):
        req = PublishRequest(
            repo_id=repo, model_name=repo.split("/")[1], origin="readme", mode=Mode.CREATE_PR
        )
        try:
            return publish(results, request=req, client=client).status
        except DuplicatePR as refused:
            return refused.payload["status"]

    assert [one(repo) for repo in repos] == [Status.PR_OPENED] * 3
    assert [one(repo) for repo in repos] == ["duplicate_pr"] * 3
    assert capfd.readouterr() == ("", "")
    assert [len(hub.pull_requests(repo)) for repo in repos] == [1, 1, 1]


def test_a_request_that_cannot_be_right_is_refused_before_any_request(hub, setup):
    results = readme_results(setup.url_base)
    for wrong, message in [
        (request(Mode.UPDATE_PR), "goes with --update-pr"),
        (request(pr_number=3), "goes with --update-pr"),
        (request(Mode.APPLY, force_new_pr=True), "--force-new-pr goes with --create-pr"),
        (
            PublishRequest(repo_id=None, model_name="m", origin="readme", mode=Mode.CREATE_PR),
            "--create-pr needs --repo-id",
        ),
        (request(formats=frozenset()), "formats must be"),
    ]:
        with pytest.raises(UsageError, match=message):
            publish(results, request=wrong)
    with pytest.raises(NothingFound, match="no results to publish"):
        publish([], request=request())
    assert hub.log == []


def test_the_documented_json_keys_are_the_outcomes_keys(hub, setup, alice, tmp_path):
    from test_preview_json import documented_keys

    common = documented_keys()[0]
    client = HubClient(token=alice, cache_dir=tmp_path / "lib")
    outcome = publish(readme_results(setup.url_base), request=request(), client=client)
    # the command line adds the three keys a refusal has too (output.publish_payload)
    assert common - {"error", "details", "exit_code"} == set(outcome.to_dict())
