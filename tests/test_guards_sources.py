"""What each source's numbers are called, and of which date (issue 11, items 4, 5 and 10).

- A source's narrow score keeps its narrow benchmark: Artificial Analysis' `tau2` is the
  tau2-bench Telecom domain, its `gpqa` GPQA Diamond. A broad name a card prints ("GPQA")
  that the registry maps to one subset's `.eval_results` task goes to model-index only,
  with a visible reason, unless the card says which subset (the name or its footnote).
- model-index `task.type` follows the benchmark's modality (registry field `modality`).
- An Artificial Analysis value carries AA's own date when the response gives one (its
  `Last-Modified` header); otherwise it says "retrieved" with the fetch date.

Commands run in this process (`cli`) or as the real script (`run_cli`) against the AA and
Hub stand-ins; the assertions are on what a user sees: stdout, stderr, --json, the PR.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import yaml
from aa_stub import DEFAULT_KEY, AAStub, model_id
from conftest import ROOT

SONNET_ID = model_id("claude-4-sonnet")
REPO = "acme/Alpha-7B"


def today() -> str:
    return datetime.now(UTC).date().isoformat()


@pytest.fixture
def aa(cli, tmp_path):
    """Run import-aa in-process against a fresh AA stand-in; `aa.server` is the stand-in."""
    servers: list[AAStub] = []

    def run(*args, last_modified=None, token=None):
        server = AAStub(last_modified=last_modified).start()
        servers.append(server)
        env = {
            "AA_BASE_URL": server.url,
            "AA_API_KEY": DEFAULT_KEY,
            "HF_EVAL_CACHE": str(tmp_path / f"cache-{len(servers)}"),
        }
        result = cli("import-aa", *args, token=token, env=env)
        assert DEFAULT_KEY not in result.output
        return result

    yield run
    for server in servers:
        server.stop()


def blocks(document: dict) -> list[dict]:
    return [b for entry in document["model-index"] for b in entry["results"]]


def write_card(tmp_path, table: str, tail: str = "") -> str:
    path = tmp_path / "README.md"
    path.write_text(
        f"---\nlicense: apache-2.0\n---\n# Alpha-7B\n\n| Benchmark | Alpha-7B |\n| --- | --- |\n{table}\n\n{tail}",
        encoding="utf-8",
    )
    return str(path)


# --------------------------------------------------------------------------- item 4


def test_aa_tau2_is_written_as_tau2_bench_telecom(aa):
    result = aa("--aa-id", SONNET_ID, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    tau = [r for r in payload["results"] if r["benchmark_id"].startswith("tau2")]
    assert [(r["benchmark_id"], r["benchmark"], r["value"]) for r in tau] == [
        ("tau2_bench_telecom", "tau2-bench Telecom", 65.0)
    ]
    names = [b["dataset"]["name"] for b in blocks(payload["document"])]
    assert "tau2-bench Telecom" in names and "tau2-bench" not in names


def test_aa_gpqa_is_gpqa_diamond_and_reaches_its_leaderboard(aa):
    """AA's `gpqa` is the Diamond set by AA's own definition: the narrow name is kept."""
    payload = json.loads(aa("--aa-id", SONNET_ID, "--json").stdout)
    entries = payload["document"]["eval_results"][".eval_results/artificial_analysis.yaml"]
    gpqa = [e for e in entries if e["dataset"]["id"] == "Idavidrein/gpqa"]
    assert [(e["dataset"]["task_id"], e["value"]) for e in gpqa] == [("diamond", 68.3)]
    assert not [s for s in payload["plan"]["skipped"] if s["kind"] == "subset_unstated"]


def test_every_aa_key_that_the_registry_knows_resolves_to_the_benchmark_written():
    """The importer's key table and the registry's AA-key aliases say the same thing
    (they disagreed on `tau2`: the table said tau2_bench, the registry tau2_bench_telecom)."""
    from hfeval import artificial_analysis as aa_module
    from hfeval.benchmarks import load_registry

    registry = load_registry()
    for key, spec in aa_module.AA_KEYS.items():
        named = registry.lookup(key)
        assert registry.get(spec.benchmark_id) is not None, key
        if named is not None:
            assert named.id == spec.benchmark_id, key
        assert aa_module.resolve_benchmark(key, registry).id == spec.benchmark_id


def test_a_bare_gpqa_on_a_card_is_model_index_only_with_the_reason(cli, tmp_path):
    card = write_card(tmp_path, "| GPQA | 40.2 |\n| GSM8K | 55.1 |")
    preview = cli("extract-readme", "--readme-file", card, "--repo-id", REPO)
    assert preview.returncode == 0, preview.stderr
    shown = yaml.safe_load(preview.stdout)
    assert [e["dataset"]["id"] for e in shown["eval_results"][".eval_results/readme.yaml"]] == [
        "openai/gsm8k"
    ]
    gpqa = [
        b for b in shown["model-index"][0]["results"] if b["dataset"]["type"] == "Idavidrein/gpqa"
    ]
    assert gpqa and gpqa[0]["metrics"][0]["value"] == 40.2  # model-index keeps it
    assert (
        "model-index only (not in .eval_results): GPQA: the source does not say which subset"
        in preview.stderr
    )

    as_json = json.loads(
        cli("extract-readme", "--readme-file", card, "--repo-id", REPO, "--json").stdout
    )
    skipped = [(s["result"]["benchmark"], s["kind"]) for s in as_json["plan"]["skipped"]]
    assert skipped == [("GPQA", "subset_unstated")]
    assert "which subset" in as_json["plan"]["skipped"][0]["reason"]


@pytest.mark.parametrize(
    ("table", "tail"),
    [
        ("| GPQA Diamond | 40.2 |", ""),
        ("| GPQA (Diamond) | 40.2 |", ""),
        ("| GPQA¹ | 40.2 |", "¹ We report the GPQA Diamond set.\n"),
    ],
    ids=["named", "qualified", "footnote"],
)
def test_gpqa_reaches_the_diamond_leaderboard_when_the_card_says_so(cli, tmp_path, table, tail):
    card = write_card(tmp_path, table, tail)
    payload = json.loads(
        cli("extract-readme", "--readme-file", card, "--repo-id", REPO, "--json").stdout
    )
    entries = payload["document"]["eval_results"][".eval_results/readme.yaml"]
    assert [(e["dataset"]["id"], e["dataset"]["task_id"], e["value"]) for e in entries] == [
        ("Idavidrein/gpqa", "diamond", 40.2)
    ]
    assert payload["plan"]["skipped"] == []


def test_add_eval_with_a_bare_gpqa_is_model_index_only(hub, cli):
    hub.create_repo(REPO, {"README.md": "---\nlicense: mit\n---\n# Alpha-7B\n"})
    args = ["add-eval", "--repo-id", REPO, "--benchmark", "GPQA", "--value", "40.2"]
    args += ["--source-url", "https://example.com/report"]
    preview = cli(*args)
    assert preview.returncode == 0, preview.stderr
    assert "GPQA: the source does not say which subset" in preview.stderr
    payload = json.loads(cli(*args, "--json").stdout)
    assert payload["document"]["eval_results"][".eval_results/manual.yaml"] == []
    assert [s["kind"] for s in payload["plan"]["skipped"]] == ["subset_unstated"]


# --------------------------------------------------------------------------- item 5


def test_task_type_follows_the_benchmark_modality(cli, tmp_path):
    card = write_card(
        tmp_path,
        "| GSM8K | 55.1 |\n| MMMU | 50.3 |\n| Video-MME (w/o sub) | 60.1 |\n| MMAU | 62.5 |",
    )
    preview = cli("extract-readme", "--readme-file", card, "--repo-id", REPO)
    assert preview.returncode == 0, preview.stderr
    shown = yaml.safe_load(preview.stdout)
    types = {b["dataset"]["name"]: b["task"]["type"] for b in shown["model-index"][0]["results"]}
    assert types == {
        "GSM8K": "text-generation",
        "MMMU": "image-text-to-text",
        "Video-MME (w/o sub)": "video-text-to-text",
        "MMAU": "audio-text-to-text",
    }


def test_the_registry_gives_every_benchmark_a_modality_and_documents_the_field():
    from hfeval.benchmarks import MODALITY_TASK_TYPES, load_registry

    data = json.loads((ROOT / "examples" / "metric_mapping.json").read_text(encoding="utf-8"))
    assert "modality" in data["_about"]
    registry = load_registry()
    assert {b.modality for b in registry} == set(MODALITY_TASK_TYPES)
    for bench in registry:
        if bench.category in ("vision", "video"):
            assert bench.modality == ("video" if bench.category == "video" else "image"), bench.id
    with pytest.raises(ValueError, match="modality"):
        from hfeval.benchmarks import Benchmark, Registry

        Registry([Benchmark(id="x", name="X", modality="smell")])


# --------------------------------------------------------------------------- item 10


def test_aa_values_say_retrieved_when_aa_gives_no_date(aa):
    result = aa("--aa-id", SONNET_ID, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    retrieved = today()
    assert "data date" not in result.stderr and "data of" not in result.stderr
    assert f"retrieved {retrieved}" in result.stderr
    info = payload["artificial_analysis"]
    assert (info["retrieved"], info["aa_date"]) == (retrieved, None)
    assert "data_date" not in info
    for block in blocks(payload["document"]):
        for metric in block["metrics"]:
            assert metric["args"] == {"source_reference": SONNET_ID, "source_retrieved": retrieved}
    entries = payload["document"]["eval_results"][".eval_results/artificial_analysis.yaml"]
    assert entries
    for entry in entries:
        assert "date" not in entry  # the fetch date is not the date of the scores
        assert entry["notes"] == f"ref: {SONNET_ID}; retrieved {retrieved}"


def test_aa_values_carry_aa_s_own_date_when_the_response_has_one(aa):
    result = aa("--aa-id", SONNET_ID, "--json", last_modified="Tue, 25 Nov 2025 08:00:00 GMT")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["artificial_analysis"]["aa_date"] == "2025-11-25"
    assert "dated 2025-11-25 by Artificial Analysis" in result.stderr
    for block in blocks(payload["document"]):
        for metric in block["metrics"]:
            assert metric["args"] == {"source_reference": SONNET_ID, "source_date": "2025-11-25"}
    entries = payload["document"]["eval_results"][".eval_results/artificial_analysis.yaml"]
    assert {e["date"] for e in entries} == {"2025-11-25"}
    assert {e["notes"] for e in entries} == {f"ref: {SONNET_ID}"}


def test_the_retrieval_date_reaches_the_pr_and_reads_back(hub, aa, cli):
    token = hub.add_user("alice")
    hub.create_repo("target/model", {"README.md": "---\nlicense: mit\n---\n# Model\n"})
    created = aa("--aa-id", SONNET_ID, "--repo-id", "target/model", "--create-pr", token=token)
    assert created.returncode == 0, created.stderr
    pr = hub.pull_requests("target/model")[0]
    assert f"retrieved {today()}" in pr.description and "data of" not in pr.description
    shown = cli("show", "--repo-id", "target/model", "--revision", pr.ref, "--json")
    ours = [
        r
        for r in json.loads(shown.stdout)["results"]
        if r["source"].get("name") == "Artificial Analysis"
    ]
    assert {r["format"] for r in ours} == {"model-index", "eval-results"}
    assert all(
        r["retrieved"] == today() and r["date"] is None and r["source"]["reference"] == SONNET_ID
        for r in ours
    )
    valid = cli("validate", "--repo-id", "target/model", "--revision", pr.ref, "--json")
    assert json.loads(valid.stdout)["errors"] == []
