"""`batch` against the Hub stand-in: previews write nothing, one PR a model with every guard,
resumable runs, interruption, faults and latency, and two processes at once."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from aa_stub import AAStub, envelope
from conftest import ROOT, SCRIPT, cli_environment
from hfeval.batch import BatchRequest, Report, run_batch
from hfeval.benchmarks import load_registry
from hfeval.collect import list_targets
from hfeval.hub import HubClient, RetryPolicy
from trending_seed import AA_NAMES, KINDS, TABLE_KINDS, seed

USER = "batcher"


@pytest.fixture
def registry():
    return load_registry()


@pytest.fixture
def token(hub):
    return hub.add_user(USER)


def _client(token: str | None) -> HubClient:
    return HubClient(token, retry=RetryPolicy(attempts=6, base_delay=0.001))


def _run(hub, tmp_path, registry, token, *, n=20, aa=None, sleep=None, **kwargs):
    client = _client(token)
    targets, failed = list_targets(client, limit=n, repos=None, pipeline_tag=None, concurrency=8)
    request = BatchRequest(
        report_dir=tmp_path / "report", pause=0, lock_dir=tmp_path / "locks", **kwargs
    )
    extra = {"sleep": sleep} if sleep else {}
    return run_batch(
        targets, request, client=client, registry=registry, aa_catalog=aa, failed=failed, **extra
    )


def _our_prs(hub, seeded) -> dict[str, list[int]]:
    return {
        s.repo_id: [d.num for d in hub.pull_requests(s.repo_id) if d.author == USER] for s in seeded
    }


def _expected_pr_repos(seeded) -> set[str]:
    return {s.repo_id for s in seeded if s.kind in TABLE_KINDS}


def test_preview_writes_nothing_and_reports_every_model(hub, tmp_path, registry, token):
    seeded = seed(hub, len(KINDS))
    run = _run(hub, tmp_path, registry, token)
    assert not hub.requests("POST")
    status = {o.repo_id: o.status for o in run.outcomes}
    expected = {
        "table": "would-open-pr",
        "closed-pr": "would-open-pr",
        "body-pr": "would-open-pr",
        "table-unmapped": "would-open-pr",
        "open-pr": "open-pr",
        "draft-pr": "open-pr",
        "conflict-pr": "open-pr",
        "mi-and-pr": "open-pr",
        "mi-main": "would-open-pr",  # the tables hold GSM8K, which model-index lacks
        "gated": "gated",
        "broken-yaml": "broken-card",
        "broken-mi": "broken-card",
        "no-card": "no-card",
        "ambiguous": "ambiguous",
    }
    wrong = {
        s.kind: status[s.repo_id]
        for s in seeded
        if s.kind in expected and status[s.repo_id] != expected[s.kind]
    }
    assert not wrong
    assert status[next(s.repo_id for s in seeded if s.kind == "nothing")] == "nothing"
    lines = [json.loads(line) for line in run.report.read_text().splitlines()]
    assert len(lines) == len(KINDS) and {line["mode"] for line in lines} == {"preview"}
    table = run.markdown.read_text()
    assert "| model | status | values found | conflicts | left out | PR / detail |" in table
    assert "| trend/Nova-1B | would-open-pr | 3 |" in table


def test_a_preview_never_makes_a_later_write_skip_a_model(hub, tmp_path, registry, token):
    seeded = seed(hub, len(KINDS))
    _run(hub, tmp_path, registry, token)
    run = _run(hub, tmp_path, registry, token, create_pr=True)
    assert run.skipped == []
    prs = _our_prs(hub, seeded)
    assert {repo for repo, nums in prs.items() if nums} == _expected_pr_repos(seeded)
    assert all(len(nums) <= 1 for nums in prs.values())
    assert run.prs_opened == len(TABLE_KINDS)


def test_a_rerun_opens_no_pr_and_skips_what_was_handled(hub, tmp_path, registry, token):
    seeded = seed(hub, len(KINDS))
    _run(hub, tmp_path, registry, token, create_pr=True)
    hub.clear_log()
    again = _run(hub, tmp_path, registry, token, create_pr=True)
    assert again.prs_opened == 0 and not hub.requests("POST")
    assert len(again.skipped) == len(KINDS)
    # without the report (another folder), the duplicate guard still opens none
    other = _run(hub, tmp_path / "elsewhere", registry, token, create_pr=True)
    assert other.prs_opened == 0
    assert all(
        len(n) == 1 for r, n in _our_prs(hub, seeded).items() if r in _expected_pr_repos(seeded)
    )


def test_max_prs_stops_and_the_next_run_goes_on(hub, tmp_path, registry, token):
    seeded = seed(hub, len(KINDS))
    first = _run(hub, tmp_path, registry, token, create_pr=True, max_prs=2, concurrency=1)
    assert first.prs_opened == 2 and first.stopped == "--max-prs 2 reached"
    second = _run(hub, tmp_path, registry, token, create_pr=True)
    assert second.prs_opened == len(TABLE_KINDS) - 2
    prs = _our_prs(hub, seeded)
    assert {repo for repo, nums in prs.items() if nums} == _expected_pr_repos(seeded)
    assert all(len(nums) <= 1 for nums in prs.values())


def test_ctrl_c_leaves_a_whole_report_and_a_rerun_finishes(hub, tmp_path, registry, token):
    seeded = seed(hub, len(KINDS))
    calls = {"n": 0}

    def interrupt_at_second_pause(_seconds: float) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt

    request_kwargs = {"create_pr": True, "concurrency": 2}
    client = _client(token)
    targets, _ = list_targets(client, limit=20, repos=None, pipeline_tag=None, concurrency=4)
    request = BatchRequest(
        report_dir=tmp_path / "report", pause=1, lock_dir=tmp_path / "locks", **request_kwargs
    )
    run = run_batch(
        targets, request, client=client, registry=registry, sleep=interrupt_at_second_pause
    )
    assert run.stopped == "interrupted" and 1 <= run.prs_opened < len(TABLE_KINDS)
    lines = run.report.read_text().splitlines()
    assert all(json.loads(line)["repo_id"] for line in lines)  # every line whole
    assert run.markdown.exists()
    rest = _run(hub, tmp_path, registry, token, create_pr=True)
    assert run.prs_opened + rest.prs_opened == len(TABLE_KINDS)
    prs = _our_prs(hub, seeded)
    assert all(len(nums) <= 1 for nums in prs.values())
    assert {repo for repo, nums in prs.items() if nums} == _expected_pr_repos(seeded)


def test_report_ignores_a_line_cut_short(tmp_path):
    report = Report(tmp_path)
    report.path.write_text(
        '{"repo_id": "a/b", "mode": "create_pr", "status": "pr-opened"}\n{"repo_id": "c/d", "mo'
    )
    assert report.handled() == {"a/b"}


def test_pr_body_says_what_where_and_how_to_check(hub, tmp_path, registry, token):
    seed(hub, 1)
    _run(hub, tmp_path, registry, token, n=1, create_pr=True)
    (pr,) = hub.pull_requests("trend/Nova-1B")
    body = pr.description
    assert "adds 3 evaluation results for **Nova-1B** from the README" in body
    assert "| Benchmark | Setting | Value | Source |" in body
    assert "/trend/Nova-1B/blob/" in body and "README.md#L" in body
    assert "Opened by a batch run" in body and "How to correct a value" in body
    assert pr.title.startswith("Add 3 evaluation results from the README")


def test_aa_source_for_a_model_whose_tables_give_nothing(hub, tmp_path, registry, token):
    from hfeval.artificial_analysis import Fetched, _catalog

    seeded = seed(hub, len(KINDS))
    catalog = _catalog(
        Fetched(envelope(AAStub().models)), __import__("datetime").datetime.now(), "file"
    )
    run = _run(
        hub,
        tmp_path,
        registry,
        token,
        aa=catalog,
        create_pr=True,
        sources=frozenset({"readme", "aa"}),
    )
    aa_repo = next(s.repo_id for s in seeded if s.kind == "aa-only")
    outcome = next(o for o in run.outcomes if o.repo_id == aa_repo)
    assert outcome.status == "pr-opened" and outcome.source == "aa"
    (pr,) = hub.pull_requests(aa_repo)
    assert "Artificial Analysis" in pr.description and AA_NAMES[0] in aa_repo


@pytest.mark.slow
def test_one_pr_a_model_under_faults_and_latency(hub, tmp_path, registry, token):
    seeded = seed(hub, 20)
    hub.delay(0.05)
    hub.fail(None, r".", status=500, rate=0.1, times=None)
    run = _run(hub, tmp_path, registry, token, create_pr=True, concurrency=8)
    hub.faults.clear()
    prs = _our_prs(hub, seeded)
    assert {repo for repo, nums in prs.items() if nums} == _expected_pr_repos(seeded), run.counts
    assert all(len(nums) <= 1 for nums in prs.values())
    hub.fail(None, r".", status=500, rate=0.1, times=None)
    again = _run(hub, tmp_path / "fresh", registry, token, create_pr=True, concurrency=8)
    hub.faults.clear()
    assert again.prs_opened == 0
    assert all(len(nums) <= 1 for nums in _our_prs(hub, seeded).values())


@pytest.mark.slow
def test_two_processes_at_once_open_no_pr_twice(hub, tmp_path, token):
    seeded = seed(hub, len(KINDS))
    repos = tmp_path / "repos.txt"
    repos.write_text("\n".join(s.repo_id for s in seeded) + "\n")
    hub.delay(0.02)
    procs = []
    for i in range(2):
        proc_env = cli_environment(
            hub.url, home=tmp_path / f"home{i}", lock_dir=tmp_path / "locks", token=token
        )
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    str(SCRIPT),
                    "batch",
                    "--repos",
                    str(repos),
                    "--create-pr",
                    "--pause",
                    "0",
                    "--report",
                    str(tmp_path / f"report{i}"),
                    "--json",
                ],
                env=proc_env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-500:] for o in outputs]
    opened = sum(json.loads(out)["prs_opened"] for out, _ in outputs)
    prs = _our_prs(hub, seeded)
    assert opened == len(TABLE_KINDS)
    assert all(len(nums) <= 1 for nums in prs.values())
    assert {repo for repo, nums in prs.items() if nums} == _expected_pr_repos(seeded)


def test_cli_preview_and_usage(hub, run_cli, tmp_path, token):
    seed(hub, len(KINDS))
    result = run_cli("batch", "--from-trending", "20", "--report", tmp_path / "r", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["mode"] == "preview" and payload["counts"]["would-open-pr"] == len(TABLE_KINDS)
    assert (tmp_path / "r" / "batch.md").exists()
    no_token = run_cli("batch", "--from-trending", "5", "--create-pr", "--report", tmp_path / "x")
    assert no_token.returncode == 2 and "token" in no_token.stderr
    both = run_cli("batch", "--from-trending", "5", "--repos", "x.txt")
    assert both.returncode == 2


def test_a_preview_with_max_prs_shows_the_prs_a_write_run_would_open(
    hub, tmp_path, registry, token
):
    seed(hub, len(KINDS))
    run = _run(hub, tmp_path, registry, token, max_prs=2)
    assert run.counts["would-open-pr"] == 2 and run.stopped == "--max-prs 2 reached"
    assert not hub.requests("POST")


def test_a_pr_whose_answer_was_lost_is_not_opened_again(hub, tmp_path, registry, token):
    seeded = seed(hub, 1)
    lost = hub.fail("POST", r"/commit/main$", drop="after", times=1)
    run = _run(hub, tmp_path, registry, token, n=1, create_pr=True)
    assert lost.hits == 1 and run.prs_opened == 1
    assert _our_prs(hub, seeded) == {"trend/Nova-1B": [1]}


def test_an_opened_pr_stays_recorded_when_listing_prs_afterwards_fails(
    hub, tmp_path, registry, token
):
    from hub_stub import StubHTTPError

    seeded = seed(hub, 1)
    calls = {"n": 0}

    def listing(req):
        calls["n"] += 1
        if (
            calls["n"] > 2
        ):  # the reading step's and the guard's listings answer; the check after not
            raise StubHTTPError(500, "Internal Error")
        return hub._h_discussions(req)

    hub.add_route("GET", r"/api/(?P<kind>models)/(?P<repo>trend/Nova-1B)/discussions", listing)
    run = _run(hub, tmp_path, registry, token, n=1, create_pr=True)
    (outcome,) = run.outcomes
    assert outcome.status == "pr-opened" and outcome.pr_num == 1
    assert "could not be listed again" in outcome.detail
    assert _our_prs(hub, seeded) == {"trend/Nova-1B": [1]}
