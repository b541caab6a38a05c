"""extract-readme and inspect-tables as a user runs them: local files and the Hub stand-in.

The seed command runs as a subprocess (the script as a user starts it); the rest call
`cli.main([...])` in this process (the `cli` fixture), which is the same code path
without an interpreter start-up per command."""

from __future__ import annotations

import json

import yaml
from conftest import ROOT

SAMPLE = ROOT / "examples" / "sample_card.md"
SEED_REPO = "model-author/model-name"


def test_seed_quest_command_previews_from_the_hub_and_writes_nothing(hub, run_cli):
    card = SAMPLE.read_text(encoding="utf-8").replace("Sample-7B-Instruct (ours)", "model-name")
    hub.create_repo(SEED_REPO, {"README.md": card})
    before = hub.head(SEED_REPO)
    out = run_cli("extract-readme", "--repo-id", SEED_REPO, "--dry-run")
    assert out.returncode == 0, out.stderr
    document = yaml.safe_load(out.stdout)
    metrics = {
        m["name"]: m["value"]
        for block in document["model-index"][0]["results"]
        for m in block["metrics"]
    }
    assert metrics["MMLU-Pro"] == 52.1 and metrics["GSM8K"] == 92.0
    # Links point at the README line at the commit that was read.
    urls = [b["source"]["url"] for b in document["model-index"][0]["results"]]
    assert all(f"/{SEED_REPO}/blob/{before}/README.md#L" in u for u in urls)
    assert hub.head(SEED_REPO) == before and not hub.pull_requests(SEED_REPO)
    assert not hub.requests("POST")  # a preview sends no write


def test_local_file_with_repo_id_needs_no_network_and_links_to_the_repo(cli, hub):
    out = cli(
        "extract-readme",
        "--readme-file",
        SAMPLE,
        "--repo-id",
        "example-org/Sample-7B-Instruct",
        "--no-compare",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    by_name = {r["benchmark"]: r for r in payload["results"]}
    assert set(by_name) == {
        "MMLU-Pro",
        "GPQA Diamond†",
        "GSM8K",
        "MATH-500",
        "AIME 2024",
        "HumanEval (pass@1)",
        "LiveCodeBench",
        "MT-Bench",
        "BFCL v3",
        "Arena-Hard",
    }
    assert by_name["GPQA Diamond†"]["setting"] == {"shots": 0, "cot": True}
    assert by_name["MATH-500"]["scale"] == "percent"
    assert by_name["GSM8K"]["source"]["url"].endswith(
        "/example-org/Sample-7B-Instruct/blob/main/README.md#L51"
    )
    assert hub.requests() == []


def test_base_model_of_the_same_card_gets_only_the_base_table(cli):
    out = cli(
        "extract-readme",
        "--readme-file",
        SAMPLE,
        "--repo-id",
        "example-org/Sample-7B",
        "--no-compare",
        "--json",
    )
    results = json.loads(out.stdout)["results"]
    assert [(r["benchmark"], r["value"]) for r in results] == [
        ("MMLU (5-shot)", 71.9),
        ("GSM8K (8-shot, CoT)", 70.2),
        ("HellaSwag", 81.1),
    ]


def test_model_not_found_exits_3_with_candidates(cli):
    out = cli(
        "extract-readme", "--readme-file", SAMPLE, "--repo-id", "example-org/Sample-13B", "--json"
    )
    assert out.returncode == 3
    payload = json.loads(out.stdout)
    assert payload["ok"] is False and "Sample-7B-Instruct (ours)" in payload["candidates"]
    assert "candidate: Qwen2.5-7B" in out.stderr


def test_usage_and_input_errors_have_their_exit_codes(cli, tmp_path):
    assert cli("extract-readme").returncode == 2
    assert cli("extract-readme", "--readme-file", SAMPLE, "--table", "0").returncode == 2
    missing = cli("extract-readme", "--readme-file", tmp_path / "nope.md", "--repo-id", "a/b")
    assert missing.returncode == 1 and missing.stderr.startswith("error: no such file")
    empty = tmp_path / "README.md"
    empty.write_bytes(b"# Title\n\nno tables \xff\xfe here\n")
    out = cli("extract-readme", "--readme-file", empty, "--repo-id", "a/b")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "not valid UTF-8" in out.stderr


def test_missing_repo_on_the_hub_is_one_line(hub, cli):
    out = cli("extract-readme", "--repo-id", "nobody/nothing")
    # Without a token the Hub cannot tell missing from private: the message says both.
    assert out.returncode == 1
    assert "does not exist" in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_inspect_tables_shows_layouts_matches_and_benchmarks(cli):
    out = cli(
        "inspect-tables",
        "--readme-file",
        SAMPLE,
        "--repo-id",
        "example-org/Sample-7B-Instruct",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    tables = json.loads(out.stdout)["tables"]
    assert [t["layout"] for t in tables] == ["none", "models-as-columns", "models-as-rows"]
    assert tables[1]["model_matches"] == ["column 5 'Sample-7B-Instruct (ours)' (exact)"]
    assert {"name": "MMLU-Pro", "benchmark_id": "mmlu_pro"} in tables[1]["benchmarks"]
    text = cli("inspect-tables", "--readme-file", SAMPLE).stdout
    assert "table 3 (html, line 64" in text


def test_pinning_a_column_extracts_that_column(cli):
    out = cli(
        "extract-readme",
        "--readme-file",
        SAMPLE,
        "--repo-id",
        "example-org/Sample-7B-Instruct",
        "--table",
        "2",
        "--model-column-index",
        "4",
        "--no-compare",
        "--json",
    )
    values = {r["benchmark"]: r["value"] for r in json.loads(out.stdout)["results"]}
    assert values["MMLU-Pro"] == 56.3 and values["IFEval"] == 71.2


def test_broken_front_matter_warns_extracts_and_refuses_to_merge(cli, tmp_path):
    card = tmp_path / "README.md"
    card.write_text(
        "---\nlicense: [unclosed\n---\n| Benchmark | M-7B |\n|---|---|\n| MMLU | 61 |\n"
    )
    extracted = cli(
        "extract-readme", "--readme-file", card, "--repo-id", "o/M-7B", "--no-compare", "--json"
    )
    assert extracted.returncode == 0
    assert [r["value"] for r in json.loads(extracted.stdout)["results"]] == [61.0]
    assert "warning: the front matter is not valid YAML" in extracted.stderr
    merged = cli("extract-readme", "--readme-file", card, "--repo-id", "o/M-7B")
    assert merged.returncode == 1 and "cannot merge into the card" in merged.stderr
    assert "Traceback" not in merged.stderr


def test_nothing_found_explains_each_table_and_how_to_pin(cli, tmp_path):
    card = tmp_path / "README.md"
    card.write_text(
        "## Evaluation of Bar-7B\n\n| Benchmark | Score |\n|---|---|\n| MMLU | 71.0 |\n"
    )
    out = cli("extract-readme", "--readme-file", card, "--repo-id", "acme/Foo")
    assert out.returncode == 3
    assert (
        "--table N plus --model-column-index N" in out.stderr and "table 1 (line 3)" in out.stderr
    )
    pinned = cli(
        "extract-readme",
        "--readme-file",
        card,
        "--repo-id",
        "acme/Foo",
        "--table",
        "1",
        "--model-column-index",
        "2",
        "--no-compare",
        "--json",
    )
    assert [r["value"] for r in json.loads(pinned.stdout)["results"]] == [71.0]


def test_usage_mistakes_exit_2_with_a_json_error_when_asked(cli):
    no_target = cli("extract-readme", "--readme-file", SAMPLE)
    assert no_target.returncode == 2 and "--repo-id" in no_target.stderr
    no_table = cli("extract-readme", "--readme-file", SAMPLE, "--repo-id", "a/b", "--table", "9")
    assert no_table.returncode == 2 and "it has 3 table(s)" in no_table.stderr
    outside = cli(
        "extract-readme",
        "--readme-file",
        SAMPLE,
        "--repo-id",
        "a/b",
        "--table",
        "2",
        "--model-column-index",
        "99",
    )
    assert outside.returncode == 2 and "outside the table" in outside.stderr
    bad = cli("show", "--json")
    assert bad.returncode == 2
    assert json.loads(bad.stdout) == {
        "ok": False,
        "error": "the following arguments are required: --repo-id",
        "details": [],
        "exit_code": 2,
    }


def test_disagreeing_values_for_one_benchmark_are_left_out_of_the_preview(cli, tmp_path):
    card = tmp_path / "README.md"
    card.write_text(
        "| Benchmark | Foo-7B-Instruct | Bar |\n|---|---|---|\n| MMLU | 71.0 | 66.0 |\n| GSM8K | 80.0 | 1 |\n\n"
        "| Benchmark | Foo-7B-Instruct | Baz |\n|---|---|---|\n| MMLU | 72.4 | 66.0 |\n| GSM8K | 80.0 | 2 |\n"
    )
    out = cli(
        "extract-readme", "--readme-file", card, "--repo-id", "acme/Foo-7B-Instruct", "--json"
    )
    assert out.returncode == 0, out.stderr
    published = [(r["benchmark"], r["value"]) for r in json.loads(out.stdout)["results"]]
    assert published == [("GSM8K", 80.0)]  # once, though printed twice
    assert "MMLU: the README prints 71 (line 3), 72.4 (line 8)" in out.stderr


def test_json_preview_carries_the_table_reports(cli):
    out = cli(
        "extract-readme",
        "--readme-file",
        SAMPLE,
        "--repo-id",
        "example-org/Sample-7B-Instruct",
        "--json",
    )
    payload = json.loads(out.stdout)
    assert payload["status"] == "preview" and payload["written"] is False
    assert [t["status"] for t in payload["tables"]] == ["model-not-found", "extracted", "extracted"]
    assert payload["plan"]["changed_files"] == ["README.md", ".eval_results/readme.yaml"]


SPLIT_CARD = """# Lumen 8B

## Benchmarks

### Pre-trained models

We compare the base models.

| Benchmark | Lumen 8B | Other 8B |
|---|---|---|
| MMLU | 66.6 | 60.0 |

### Instruction tuned models

| Benchmark | Lumen 8B | Other 8B |
|---|---|---|
| MMLU* | 68.4 | 61.0 |

\\* 5-shot, without chain of thought.
"""


def test_inspect_tables_shows_what_tells_a_base_instruct_split_apart(cli, tmp_path):
    card = tmp_path / "README.md"
    card.write_text(SPLIT_CARD)
    out = cli("inspect-tables", "--readme-file", card, "--repo-id", "lumen/Lumen-8B", "--json")
    tables = json.loads(out.stdout)["tables"]
    assert tables[0]["heading_path"] == ["Lumen 8B", "Benchmarks", "Pre-trained models"]
    assert tables[0]["caption"] == "We compare the base models."
    assert tables[1]["footnotes"][0].endswith("5-shot, without chain of thought.")
    assert (tables[0]["variant_from_context"], tables[1]["variant_from_context"]) == (
        "base",
        "instruct",
    )
    # The refusal names both tables with their headings, so an agent can pin one.
    refused = cli("extract-readme", "--readme-file", card, "--repo-id", "lumen/Lumen-8B", "--json")
    assert refused.returncode == 3
    candidates = json.loads(refused.stdout)["candidates"]
    assert any("Pre-trained models" in c and "base" in c for c in candidates)
    assert any("Instruction tuned models" in c and "instruct" in c for c in candidates)
    pinned = cli(
        "extract-readme",
        "--readme-file",
        card,
        "--repo-id",
        "lumen/Lumen-8B",
        "--table",
        "1",
        "--no-compare",
        "--json",
    )
    assert [r["value"] for r in json.loads(pinned.stdout)["results"]] == [66.6]


def test_a_readme_that_is_not_utf8_is_refused_before_anything_is_extracted(run_cli, tmp_path):
    # Read with replacements by extraction and refused by publishing in the same run, it
    # printed "extracted 1 result" and then failed; every command now refuses it up front.
    card = tmp_path / "README.md"
    card.write_bytes(b"# M-7B \xe9t\xe9\n\n| Benchmark | M-7B |\n|---|---|\n| MMLU | 61 |\n")
    for args in (
        ("extract-readme", "--repo-id", "o/M-7B"),
        ("extract-readme", "--repo-id", "o/M-7B", "--no-compare"),
        ("inspect-tables",),
    ):
        out = run_cli(*args, "--readme-file", card)
        assert out.returncode == 1, (args, out.stderr)
        assert (
            out.stderr == f"error: {card} is not valid UTF-8 (first bad byte at 7): "
            "nothing read; save it as UTF-8 and run again\n"
        )
        assert out.stdout == ""


def test_a_cjk_model_name_never_takes_another_cjk_models_column(run_cli, tmp_path):
    # ASCII-only name tokens read 通义千问-7B and 百川-7B both as "7 b": an exact match.
    card = tmp_path / "README.md"
    card.write_text(
        "| Benchmark | 百川-7B | Llama-2-7B |\n|---|---|---|\n| MMLU | 54.2 | 45.3 |\n",
        encoding="utf-8",
    )
    other = run_cli(
        "extract-readme",
        "--readme-file",
        card,
        "--model-name",
        "通义千问-7B",
        "--no-compare",
        "--json",
    )
    assert other.returncode == 3, other.stdout
    assert json.loads(other.stdout)["ok"] is False and "54.2" not in other.stdout
    own = run_cli(
        "extract-readme", "--readme-file", card, "--model-name", "百川-7B", "--no-compare", "--json"
    )
    assert own.returncode == 0, own.stderr
    assert [r["value"] for r in json.loads(own.stdout)["results"]] == [54.2]
