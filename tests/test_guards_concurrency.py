"""Two `--create-pr` runs on one repo at once end with one open PR (issue 11, item 7).

The Hub has no atomic "open a PR unless an equivalent one is open", so two guards:
- on one machine, a per-repo lock (hfeval/locks.py) around the duplicate check and the
  commit: the second run waits, then sees the first run's PR and is refused (exit 4);
- across machines (here: two lock folders), after opening a PR the run lists the open PRs
  again; an equivalent older PR of the same author means its own newer one is closed with
  a comment, and the older one is reported (exit 4).

The two-process tests run the real script as two processes against the Hub stand-in with
latency, staggered, with the commit request slowed so the second run's duplicate check
falls while the first run's PR is being opened (the race, every time).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import threading
import time

import pytest
from conftest import ROOT, SCRIPT, cli_environment

REPO = "acme/Race-7B"
README = """---
license: apache-2.0
---
# Race-7B

| Benchmark | Race-7B | Other-7B |
| --- | --- | --- |
| MMLU-Pro (5-shot) | 70.1 | 60.0 |
| GSM8K | 80.5 | 70.0 |
"""


@pytest.fixture
def repo(hub):
    return hub.create_repo(REPO, {"README.md": README})


def _race(hub, tmp_path, token: str, lock_dirs: tuple[str, str]) -> list[tuple[int, dict, str]]:
    """Two `extract-readme --create-pr --json` processes, the second started 1 s after the
    first; 300 ms on every request and 2 s more on the commit. (exit code, json, stderr)."""
    hub.delay(0.3)
    hub.delay(2.0, "POST", r"/commit/main$")
    procs = []
    for i, lock in enumerate(lock_dirs):
        if i:
            time.sleep(1.0)
        procs.append(
            subprocess.Popen(
                [sys.executable, str(SCRIPT), "extract-readme", "--repo-id", REPO]
                + ["--create-pr", "--json"],
                env=cli_environment(
                    hub.url, home=tmp_path / f"home{i}", lock_dir=tmp_path / lock, token=token
                ),
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=120)
        out.append((proc.returncode, json.loads(stdout), stderr))
    hub.delays.clear()
    return out


def _open_prs(hub) -> list[int]:
    return [d.num for d in hub.pull_requests(REPO) if d.status == "open"]


def _by_exit(runs) -> tuple[tuple[dict, str], tuple[dict, str]]:
    """(the run that opened the PR that stays, the refused one), whichever started first."""
    codes = sorted(code for code, _, _ in runs)
    assert codes == [0, 4], [err[-800:] for _, _, err in runs]
    done = next((out, err) for code, out, err in runs if code == 0)
    refused = next((out, err) for code, out, err in runs if code == 4)
    return done, refused


@pytest.mark.slow
def test_two_staggered_create_pr_runs_on_one_machine_open_one_pr(hub, repo, alice, tmp_path):
    runs = _race(hub, tmp_path, alice, ("locks", "locks"))
    assert len(hub.pull_requests(REPO)) == 1 and _open_prs(hub) == [1]
    (done, _), (refused, err) = _by_exit(runs)
    assert done["pr"]["num"] == 1
    # The second run waited for the lock, then its duplicate check saw #1.
    assert (refused["status"], refused["holding"]) == ("duplicate_pr", [1])
    assert "open pull request #1" in err


@pytest.mark.slow
def test_without_a_shared_lock_the_newer_equivalent_pr_is_closed(hub, repo, alice, tmp_path):
    """Two machines (two lock folders): both open a PR; the newer one is closed again."""
    runs = _race(hub, tmp_path, alice, ("m1", "m2"))
    assert len(hub.pull_requests(REPO)) == 2  # the lock was bypassed: both were opened
    assert _open_prs(hub) == [1]  # ... and only the older stays open
    (done, _), (refused, err) = _by_exit(runs)
    assert done["pr"]["num"] == 1
    assert refused["status"] == "duplicate_pr"
    assert (refused["holding"], refused["closed"]) == ([1], 2)
    assert "#1" in err and "closed #2" in err
    closed = hub.pull_requests(REPO)[1]
    assert closed.status == "closed"
    comments = [e["data"]["latest"]["raw"] for e in closed.events if e["type"] == "comment"]
    assert any("#1" in text and "duplicate" in text for text in comments), comments


def test_a_pr_opened_meanwhile_by_the_same_user_closes_ours_and_is_reported(hub, repo, alice, cli):
    """In one process, deterministic: the commit request first opens an identical PR (as a
    run on another machine would have a moment before), then ours."""

    def commit_twice(req):
        hub._h_commit(req)  # the other machine's PR, #1
        return hub._h_commit(req)  # ours, #2

    hub.add_route(
        "POST", rf"/api/(?P<kind>models)/(?P<repo>{REPO})/commit/(?P<rev>main)", commit_twice
    )
    result = cli("extract-readme", "--repo-id", REPO, "--create-pr", "--json", token=alice)
    assert result.returncode == 4, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["status"], payload["holding"], payload["closed"]) == ("duplicate_pr", [1], 2)
    assert _open_prs(hub) == [1]
    ours = hub.pull_requests(REPO)[1]
    assert ours.status == "closed"
    assert [e["data"]["status"] for e in ours.events if e["type"] == "status-change"] == ["closed"]
    text = cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert text.returncode == 4  # and #1 now refuses the next run as usual


@pytest.mark.parametrize("older", ["by someone else", "with other results"])
def test_an_older_pr_that_is_not_an_equivalent_of_ours_is_left_alone(hub, repo, alice, cli, older):
    bob = hub.add_user("bob")

    def other_first(req):
        if older == "by someone else":  # bob's identical PR, #1: not ours to judge
            hub._h_commit(dataclasses.replace(req, token=bob))
        else:  # alice's PR #1 holds something else
            hub.open_pr(REPO, {"NOTES.md": "other work"}, author="alice", title="Notes")
        return hub._h_commit(req)

    hub.add_route(
        "POST", rf"/api/(?P<kind>models)/(?P<repo>{REPO})/commit/(?P<rev>main)", other_first
    )
    result = cli("extract-readme", "--repo-id", REPO, "--create-pr", "--json", token=alice)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pr"]["num"] == 2
    assert sorted(_open_prs(hub)) == [1, 2]


def test_the_lock_serializes_threads_and_is_reentrant(tmp_path):
    from hfeval.locks import repo_lock

    order: list[str] = []
    with repo_lock(tmp_path, "http://hub", "org/m"):
        with repo_lock(tmp_path, "http://hub", "org/m"):  # the same thread again: no deadlock
            order.append("nested")

        def other() -> None:
            with repo_lock(tmp_path, "http://hub", "org/m"):
                order.append("other")

        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.2)
        order.append("first done")
    thread.join(5)
    assert order == ["nested", "first done", "other"]


def test_an_unusable_lock_folder_refuses_the_write(hub, repo, alice, cli, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = cli(
        "extract-readme", "--repo-id", REPO, "--create-pr",
        token=alice, env={"HFEVAL_LOCK_DIR": str(blocker / "locks")},
    )  # fmt: skip
    assert result.returncode == 1
    assert "lock folder" in result.stderr and "HFEVAL_LOCK_DIR" in result.stderr
    assert hub.pull_requests(REPO) == []


def test_closing_a_pr_whose_answer_was_lost_is_not_sent_again(hub, repo, alice):
    from hfeval.hub import HubClient, RetryPolicy

    client = HubClient(alice, retry=RetryPolicy(attempts=4, base_delay=0.001))
    num = hub.open_pr(REPO, {"NOTES.md": "x"}, author="alice")
    lost = hub.fail("POST", r"/discussions/\d+/status$", drop="after", times=1)
    client.close_pr(REPO, num, comment="closing: a duplicate")
    assert lost.hits == 1 and len(hub.requests("POST", r"/status$")) == 1
    (pr,) = hub.pull_requests(REPO)
    assert pr.status == "closed"
    assert [e["type"] for e in pr.events][-2:] == ["comment", "status-change"]
