"""`trending` against the Hub stand-in seeded with every state a trending model can be in."""

from __future__ import annotations

import json

import pytest
from aa_stub import AAStub, envelope
from hfeval.benchmarks import load_registry
from hfeval.hub import HubClient, RetryPolicy
from hfeval.trending import trending
from trending_seed import AA_NAMES, KINDS, seed


@pytest.fixture
def registry():
    return load_registry()


@pytest.fixture
def aa_models():
    from hfeval.artificial_analysis import parse_catalog

    return parse_catalog(envelope(AAStub().models))[0]


def _client() -> HubClient:
    return HubClient(retry=RetryPolicy(attempts=4, base_delay=0.001))


def test_every_status_is_right(hub, registry, aa_models):
    seeded = seed(hub, len(KINDS) * 2)
    report = trending(_client(), registry, limit=100, concurrency=8, aa_models=aa_models)
    by_id = {e.repo_id: e for e in report.entries}
    assert [e.repo_id for e in report.entries] == [s.repo_id for s in seeded]  # trending order
    wrong = {
        s.repo_id: (s.kind, by_id[s.repo_id].status, by_id[s.repo_id].detail)
        for s in seeded
        if by_id[s.repo_id].status != s.trending_status
    }
    assert not wrong
    assert report.counts["open-pr"] == 2 * 4 and report.counts["gated"] == 2


def test_entries_say_what_to_do_next(hub, registry, aa_models):
    seed(hub, len(KINDS))
    entries = {
        e.repo_id.split("/")[1]: e
        for e in trending(_client(), registry, aa_models=aa_models).entries
    }
    table = entries["Nova-1B"]
    assert (
        table.readme_scores == 3 and "extract-readme --repo-id trend/Nova-1B" in table.next_command
    )
    has = entries["Nova-2B"]
    assert has.formats == ["model-index"] and "MMLU" in has.benchmarks
    assert "AIME 2025" in has.missing_quest and "MMLU" not in has.missing_quest
    er = entries["Nova-3B"]
    assert er.formats == ["eval-results"] and "GPQA Diamond" in er.benchmarks
    pr = entries["Nova-4B"]
    assert pr.pull_requests[0]["author"] == "helper-bot" and "get-prs" in pr.next_command
    ambiguous = entries["Nova-12B"]
    assert [c.split(" (")[0] + c[c.rindex(":") :] for c in ambiguous.candidates] == [
        "table 1: base model",
        "table 2: instruct model",
    ]
    assert "inspect-tables" in ambiguous.next_command
    aa = entries[AA_NAMES[0]]
    assert aa.status == "aa-only" and f"--aa-id {aa.aa_model}" in aa.next_command
    run = entries["Nova-14B"]
    assert run.missing_quest == ["AIME 2025", "BBH", "LiveCodeBench", "MMLU", "ARC"]
    assert (
        "run-eval --model trend/Nova-14B --task aime2025 bbh livecodebench mmlu arc_challenge"
        in (run.next_command)
    )
    assert entries["Nova-17B"].pull_requests[0]["problem"].startswith("no longer applies")


def test_without_aa_an_aa_only_model_is_a_run_eval_candidate(hub, registry):
    seed(hub, len(KINDS))
    report = trending(_client(), registry)
    entry = next(e for e in report.entries if e.repo_id.endswith(AA_NAMES[0]))
    assert entry.status == "run-eval" and not report.aa_checked
    assert "Artificial Analysis not checked" in report.summary()


def test_a_failing_model_is_reported_and_the_run_goes_on(hub, registry):
    seed(hub, 10)
    hub.fail("GET", r"^/api/models/trend/Nova-3B/discussions", status=500, times=None)
    report = trending(_client(), registry, concurrency=4)
    assert len(report.entries) == 10
    failed = [e for e in report.entries if e.status == "error"]
    assert [e.repo_id for e in failed] == ["trend/Nova-3B"]
    assert "500" in failed[0].detail or "Internal" in failed[0].detail
    assert report.counts["error"] == 1


def test_429_is_retried_after_its_retry_after(hub, registry):
    seed(hub, 4)
    hub.fail("GET", r"/discussions$", status=429, times=2, retry_after=1)
    waits: list[float] = []
    client = HubClient(retry=RetryPolicy(attempts=4, base_delay=0.001, sleep=waits.append))
    report = trending(client, registry, concurrency=2)
    assert "error" not in report.counts
    assert waits == [1, 1]


def test_cli_lists_and_counts(hub, run_cli):
    seed(hub, len(KINDS))
    result = run_cli("trending", "--limit", "20", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["count"] == 20 and payload["counts"]["open-pr"] == 4
    text = run_cli("trending", "--limit", "5")
    assert text.returncode == 0
    assert text.stdout.strip().splitlines()[-1].startswith("5 models: ")
    assert "next: uv run scripts/evaluation_manager.py" in text.stdout


def test_cli_reads_aa_from_a_saved_response(hub, run_cli, tmp_path):
    seed(hub, len(KINDS))
    saved = tmp_path / "aa.json"
    saved.write_text(json.dumps(envelope(AAStub().models)))
    result = run_cli("trending", "--sources", "readme,aa", "--aa-json", saved, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["counts"]["aa-only"] == 1
    bad = run_cli("trending", "--sources", "readme,tea")
    assert bad.returncode == 2
