"""`import-aa` end to end: the real requests and huggingface_hub clients, the AA
stand-in (tests/aa_stub.py) and the Hub stand-in. The seed command runs the real script
as a subprocess; the rest call `cli.main([...])` in this process (the `cli` fixture).
"""

from __future__ import annotations

import json
import re
import socket

import pytest
import yaml
from aa_stub import DEFAULT_KEY, AAStub, envelope, model_id

SEED = ["import-aa", "--creator-slug", "anthropic", "--model-name", "claude-sonnet-4"]
REPO = "target/model"
SONNET_ID = model_id("claude-4-sonnet")
SONNET_URL = "https://artificialanalysis.ai/models/claude-4-sonnet"

CARD = """---
license: apache-2.0
model-index:
- name: model
  results:
  - task: {type: text-generation}
    dataset: {name: GPQA Diamond, type: Idavidrein/gpqa}
    metrics:
    - {type: accuracy, value: 60.0, name: GPQA Diamond}
    source: {name: Vendor blog, url: https://example.com/blog}
  - task: {type: text-generation}
    dataset: {name: MMLU-Pro, type: TIGER-Lab/MMLU-Pro}
    metrics:
    - {type: accuracy, value: 83.5, name: MMLU-Pro}
---
# Model

The body stays as it is.
"""


@pytest.fixture
def aa_server():
    with AAStub() as server:
        yield server


def _with_aa(runner, aa_server, cache):
    """`runner` (run_cli or cli) with the AA key, the stand-in's URL (AA_BASE_URL, as a user
    would set it) and a private catalog cache."""

    def run(*args, token=None, key=DEFAULT_KEY, env=None):
        environment = {"AA_BASE_URL": aa_server.url, "HF_EVAL_CACHE": str(cache)}
        if key is not None:
            environment["AA_API_KEY"] = key
        environment.update(env or {})
        result = runner(*args, token=token, env=environment)
        assert DEFAULT_KEY not in result.output  # the AA key never appears, whatever happened
        if token:
            assert token not in result.output
        return result

    return run


@pytest.fixture
def aa_cli(cli, aa_server, tmp_path):
    return _with_aa(cli, aa_server, tmp_path / "cache")


@pytest.fixture
def aa_script(run_cli, aa_server, tmp_path):
    return _with_aa(run_cli, aa_server, tmp_path / "cache")


def model_index_values(readme: str) -> dict[tuple[str, str | None], tuple[float, dict]]:
    """(dataset type, source name) -> (value, metric) for every metric of the card."""
    front = yaml.safe_load(readme.split("---", 2)[1])
    out = {}
    for entry in front.get("model-index", []):
        for block in entry["results"]:
            source = (block.get("source") or {}).get("name")
            for metric in block["metrics"]:
                key = (block["dataset"]["type"], source)
                if metric.get("args", {}).get("thinking"):
                    key = (*key, "thinking")
                out[key] = (metric["value"], metric)
    return out


def test_seed_command_previews_then_opens_a_pr_with_attributed_values(
    hub, aa_script, aa_server, run_cli
):
    token = hub.add_user("alice")
    hub.create_repo(REPO, {"README.md": CARD})
    head = hub.head(REPO)

    preview = aa_script(*SEED, "--repo-id", REPO, token=token)
    assert preview.returncode == 0, preview.stderr
    shown = yaml.safe_load(preview.stdout)
    ours = [
        b for b in shown["model-index"][0]["results"] if b["dataset"]["type"] == "Idavidrein/gpqa"
    ]
    assert ours[0]["metrics"][0]["value"] == 68.3  # AA's 0.683, on the registry's percent scale
    assert "Claude 4 Sonnet (slug claude-4-sonnet" in preview.stderr
    assert hub.head(REPO) == head and hub.pull_requests(REPO) == []  # a preview writes nothing

    created = aa_script(*SEED, "--repo-id", REPO, "--create-pr", token=token)
    assert created.returncode == 0, created.stderr
    assert "opened pull request #1" in created.stdout
    assert aa_server.catalog_requests == 1  # the second run used the cached catalog

    pr = hub.pull_requests(REPO)[0]
    files = hub.files(REPO, pr.ref)
    values = model_index_values(files["README.md"])
    assert values[("Idavidrein/gpqa", "Artificial Analysis")][0] == 68.3
    assert values[("Idavidrein/gpqa", "Vendor blog")][0] == 60.0  # the other source's value stays
    assert values[("TIGER-Lab/MMLU-Pro", "Artificial Analysis")][0] == 83.7
    assert values[("OpenEvals/aime_24", "Artificial Analysis")][0] == 40.7  # "aime" is AIME 2024
    assert values[("OpenEvals/aime_2025", "Artificial Analysis")][0] == 38.3
    assert (
        values[("aa_intelligence_index", "Artificial Analysis")][0] == 44.4
    )  # 0-100 as AA prints it
    assert files["README.md"].endswith("# Model\n\nThe body stays as it is.\n")

    entries = yaml.safe_load(files[".eval_results/artificial_analysis.yaml"])
    by_dataset = {e["dataset"]["id"]: e for e in entries}
    assert by_dataset["TIGER-Lab/MMLU-Pro"]["value"] == 83.7
    assert by_dataset["Idavidrein/gpqa"]["value"] == 68.3
    retrieved = entries[0]["notes"].rsplit("retrieved ", 1)[1]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", retrieved)
    for entry in entries:
        assert entry["source"] == {"url": SONNET_URL, "name": "Artificial Analysis"}
        assert "date" not in entry  # AA dates none of its scores; the fetch date is no `date`
        # the AA model id (no setting to say), then when the value was retrieved
        assert entry["notes"] == f"ref: {SONNET_ID}; retrieved {retrieved}"
    # model-index keeps the id and the retrieval date too, on every AA value (`args`)
    for (_dataset, source, *_), (_value, metric) in values.items():
        if source == "Artificial Analysis":
            assert metric["args"] == {"source_reference": SONNET_ID, "source_retrieved": retrieved}
    assert not any(
        "intelligence" in e["dataset"]["id"] for e in entries
    )  # indices: model-index only

    assert "Artificial Analysis" in pr.title
    assert SONNET_ID in pr.description and SONNET_URL in pr.description
    assert "| GPQA Diamond | - | 68.3 |" in pr.description

    # `show` reads the attribution back from both formats
    shown = run_cli("show", "--repo-id", REPO, "--revision", pr.ref, "--json")
    assert shown.returncode == 0, shown.stderr
    ours = [
        r
        for r in json.loads(shown.stdout)["results"]
        if r["source"].get("name") == "Artificial Analysis"
    ]
    assert {r["format"] for r in ours} == {"model-index", "eval-results"}
    assert all(
        r["source"]["reference"] == SONNET_ID and r["retrieved"] == retrieved and r["date"] is None
        for r in ours
    )


def test_a_second_run_writes_nothing(hub, aa_cli, aa_server):
    token = hub.add_user("target")  # owns target/model
    hub.create_repo(REPO, {"README.md": CARD})

    first = aa_cli(*SEED, "--repo-id", REPO, "--apply", token=token)
    assert first.returncode == 0, first.stderr
    head = hub.head(REPO)
    commits = len(hub.commits(REPO))

    again = aa_cli(*SEED, "--repo-id", REPO, "--apply", token=token)
    assert again.returncode == 3, again.stderr
    assert "already up to date" in again.output
    pr_again = aa_cli(*SEED, "--repo-id", REPO, "--create-pr", token=token)
    assert pr_again.returncode in (3, 4), pr_again.stderr
    assert hub.head(REPO) == head and len(hub.commits(REPO)) == commits
    assert hub.pull_requests(REPO) == []
    assert aa_server.catalog_requests == 1


def test_disagreement_with_the_card_is_flagged_in_preview_and_pr_body(hub, aa_cli):
    token = hub.add_user("alice")
    hub.create_repo(REPO, {"README.md": CARD})
    preview = aa_cli(*SEED, "--repo-id", REPO, token=token)
    assert preview.returncode == 0, preview.stderr
    flagged = [line for line in preview.stderr.splitlines() if line.startswith("WARNING")]
    assert len(flagged) == 1
    assert "GPQA Diamond" in flagged[0] and "68.3" in flagged[0] and "60" in flagged[0]
    assert "Vendor blog" in flagged[0] and "DIFFERS by 8.3" in flagged[0]
    assert "MMLU-Pro: Artificial Analysis 83.7, card 83.5" in preview.stderr  # shown, not flagged

    assert aa_cli(*SEED, "--repo-id", REPO, "--create-pr", token=token).returncode == 0
    body = hub.pull_requests(REPO)[0].description
    assert "1 value(s) differ by more than one point" in body
    assert "- GPQA Diamond: Artificial Analysis 68.3, card 60 from Vendor blog" in body


def test_json_preview_is_one_object_with_the_aa_details(hub, aa_cli):
    hub.create_repo(REPO, {"README.md": CARD})
    result = aa_cli(*SEED, "--repo-id", REPO, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    details = data["artificial_analysis"]
    assert details["model"]["id"] == SONNET_ID
    assert details["model"]["url"] == SONNET_URL
    assert [c["benchmark_id"] for c in details["comparisons"] if c["flagged"]] == ["gpqa_diamond"]
    values = {r["benchmark_id"]: r for r in data["results"]}
    assert values["mmlu_pro"]["value"] == 83.7 and values["mmlu_pro"]["scale"] == "percent"
    assert values["mmlu_pro"]["source"]["reference"] == SONNET_ID
    assert values["aa_math_index"]["scale"] == "points"


def test_without_a_repo_it_prints_the_results_only(hub, aa_cli):
    result = aa_cli(
        "import-aa", "--aa-id", model_id("claude-4-sonnet-thinking"), "--format", "model-index"
    )
    assert result.returncode == 0, result.stderr
    block = yaml.safe_load(result.stdout)["model-index"][0]
    assert block["name"] == "Claude 4 Sonnet (Reasoning)"
    gpqa = [b for b in block["results"] if b["dataset"]["type"] == "Idavidrein/gpqa"][0]
    assert gpqa["metrics"][0]["value"] == 77.7
    assert gpqa["metrics"][0]["args"] == {
        "thinking": True,
        "source_reference": model_id("claude-4-sonnet-thinking"),  # attribution: the AA id
        "source_retrieved": gpqa["metrics"][0]["args"]["source_retrieved"],
    }
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", gpqa["metrics"][0]["args"]["source_retrieved"])
    assert [r.path for r in hub.log] == []  # no card to read: the Hub is not asked


def test_the_preview_names_the_other_reasoning_mode(hub, aa_cli):
    """A name that finds the non-reasoning model says the Reasoning one is another AA model."""
    hub.create_repo(REPO, {"README.md": CARD})
    result = aa_cli(*SEED, "--repo-id", REPO, "--json")
    assert result.returncode == 0, result.stderr
    thinking = model_id("claude-4-sonnet-thinking")
    assert (
        f"note: AA also lists Claude 4 Sonnet (Reasoning) (slug claude-4-sonnet-thinking, id "
        f"{thinking}): the model with reasoning on, with scores of its own; --aa-id {thinking} "
        "imports those instead"
    ) in result.stderr
    variants = json.loads(result.stdout)["artificial_analysis"]["mode_variants"]
    assert [(v["id"], v["thinking"]) for v in variants] == [(thinking, True)]


def test_list_shows_a_creators_models_with_ids(aa_cli):
    listing = aa_cli("import-aa", "--list", "--creator-slug", "anthropic")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert len(lines) == 1 + 7  # header + Anthropic's models
    sonnet = [line for line in lines if line.split("  ")[1].strip() == "Claude 4 Sonnet"]
    assert sonnet and sonnet[0].rstrip().endswith(SONNET_ID)
    as_json = json.loads(aa_cli("import-aa", "--list", "--creator-slug", "openai", "--json").stdout)
    assert {m["slug"] for m in as_json["models"]} >= {"o3-mini", "gpt-4o", "gpt-4o-2024-05-13"}


def test_unknown_or_ambiguous_model_lists_candidates_and_exits_3(aa_cli):
    result = aa_cli("import-aa", "--creator-slug", "anthropic", "--model-name", "claude 4")
    assert result.returncode == 3
    assert "Claude 4 Sonnet  (slug claude-4-sonnet, id " in result.stderr
    assert "Claude 4 Sonnet (Reasoning)  (slug claude-4-sonnet-thinking, id " in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "setup, key, expected",
    [
        (lambda s: None, "wrong-key-7d1e2f", "AA_API_KEY is missing or wrong"),
        (lambda s: None, None, "AA_API_KEY is missing or wrong"),
        (lambda s: s.inject(500, times=4), DEFAULT_KEY, "server error (HTTP 500) after 4 attempts"),
        (lambda s: s.inject_malformed(), DEFAULT_KEY, "malformed JSON"),
        (lambda s: s.inject(429, retry_after="86400"), DEFAULT_KEY, "rate limit reached"),
    ],
    ids=["wrong-key", "no-key", "5xx", "malformed", "quota"],
)
def test_aa_failures_are_one_line_and_exit_1(aa_cli, aa_server, setup, key, expected):
    setup(aa_server)
    result = aa_cli(*SEED, key=key)
    assert result.returncode == 1
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and expected in errors[0]
    assert "Traceback" not in result.stderr
    if key:
        assert key not in result.output


def test_rate_limit_with_short_retry_after_is_waited_out(aa_cli, aa_server):
    aa_server.inject(429, retry_after="1")
    result = aa_cli(*SEED)
    assert result.returncode == 0, result.stderr
    assert aa_server.catalog_requests == 2


def test_saved_response_imports_with_no_network(aa_cli, tmp_path):
    saved = tmp_path / "aa_models.json"
    saved.write_text(json.dumps(envelope(AAStub().models)))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    result = aa_cli(*SEED, "--aa-json", saved, key=None, env={"AA_BASE_URL": closed})
    assert result.returncode == 0, result.stderr
    assert "(from file)" in result.stderr
    assert "value: 83.7" in result.stdout


def test_refresh_bypasses_the_cache(aa_cli, aa_server):
    assert aa_cli(*SEED).returncode == 0
    assert aa_cli(*SEED).returncode == 0
    assert aa_server.catalog_requests == 1
    assert aa_cli(*SEED, "--refresh").returncode == 0
    assert aa_server.catalog_requests == 2


def test_batch_imports_both_variants_onto_one_card_with_one_request(
    hub, aa_cli, aa_server, tmp_path
):
    token = hub.add_user("target")
    hub.create_repo(REPO, {"README.md": CARD})
    batch = tmp_path / "models.jsonl"
    batch.write_text(
        "# two modes of one model go to one card; a typo is reported, not guessed\n"
        + json.dumps(
            {"creator_slug": "anthropic", "model_name": "claude-4-sonnet", "repo_id": REPO}
        )
        + "\n"
        + json.dumps({"aa_id": model_id("claude-4-sonnet-thinking"), "repo_id": REPO})
        + "\n"
        + json.dumps({"creator_slug": "anthropic", "model_name": "claude-5-sonet"})
        + "\n"
    )
    result = aa_cli("import-aa", "--batch", batch, "--apply", "--json", token=token)
    assert result.returncode == 3, result.stderr  # one entry not found
    report = json.loads(result.stdout)
    assert report["aa_requests"] == 1 and aa_server.catalog_requests == 1
    assert [item["exit_code"] for item in report["items"]] == [0, 0, 3]
    first = report["items"][0]["result"]  # the object a single import prints
    assert (first["status"], first["written"], first["mode"]) == ("written", True, "apply")
    assert first["artificial_analysis"]["model"]["id"] == SONNET_ID
    failed = report["items"][2]
    assert "claude-5-sonet" in failed["error"] and failed["result"]["ok"] is False
    assert set(report["items"][1]) == set(failed)  # one item shape, done or failed
    values = model_index_values(hub.read_file(REPO, "README.md"))
    assert values[("Idavidrein/gpqa", "Artificial Analysis")][0] == 68.3
    assert values[("Idavidrein/gpqa", "Artificial Analysis", "thinking")][0] == 77.7
