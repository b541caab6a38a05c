"""No number outside its benchmark's range, and none on a likely wrong scale, reaches a card
(issue 11, items 2 and 3).

- The range and scale rules `validate` reports are checked before anything is written, in
  every mode (preview, --apply, --create-pr, --update-pr) of every command that publishes:
  a value outside them is left out with a warning (stderr, and `values_left_out` in
  --json); when nothing is left the command is refused (exit 4). `add-eval` refuses its
  one value by the same rules.
- A README value printed as a fraction (0.812) for a percent benchmark is converted (81.2)
  only when its table says it prints fractions: a `(0-1)` header, or every value of the
  table at most 1. Beside percent-style values it is left out with a warning.

Commands run in this process (`cli`) against the Hub stand-in; the assertions are on what
a user sees: exit codes, stderr, --json, and what reaches the stand-in.
"""

from __future__ import annotations

import json

import pytest
import yaml

REPO = "acme/Sample-7B"


def card(table: str, header: str = "| Benchmark | Sample-7B | Other-7B |") -> str:
    return (
        "---\nlicense: apache-2.0\n---\n# Sample-7B\n\nOur model, evaluated by us.\n\n"
        f"{header}\n| --- | --- | --- |\n{table}\n"
    )


OUT_OF_RANGE = card(
    "| MMLU-Pro | 70.1 | 60.0 |\n"
    "| HellaSwag | -12.5 | 60.0 |\n"
    "| ARC-Challenge | 150.3% | 60.0 |\n"
    "| GPQA Diamond | 9999999999999999999999 | 30.0 |\n"
    "| MATH-500 | 1,234.5 | 30.0 |"
)
BAD = ("HellaSwag", "ARC-Challenge", "GPQA Diamond", "MATH-500")


def writes(hub):
    return [r for r in hub.log if r.method == "POST" and "validate-yaml" not in r.path]


def model_index(text: str) -> dict[str, float]:
    """benchmark name -> value of a README's model-index."""
    front = yaml.safe_load(text.split("---\n")[1])
    return {
        block["dataset"]["name"]: metric["value"]
        for entry in front.get("model-index") or []
        for block in entry["results"]
        for metric in block["metrics"]
    }


def warned(stderr: str, name: str) -> bool:
    return any(line.startswith("warning: ") and name in line for line in stderr.splitlines())


# --------------------------------------------------------------------------- item 2


def test_out_of_range_values_are_left_out_of_the_pr_and_validate_finds_nothing(hub, alice, cli):
    hub.create_repo(REPO, {"README.md": OUT_OF_RANGE})
    created = cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert created.returncode == 0, created.stderr
    for name in BAD:
        assert warned(created.stderr, name), (name, created.stderr)
    readme = hub.files(REPO, "refs/pr/1")["README.md"]
    assert model_index(readme) == {"MMLU-Pro": 70.1}
    assert "9999" not in hub.pull_requests(REPO)[0].description
    assert "HellaSwag" in hub.pull_requests(REPO)[0].description  # named as left out

    valid = cli("validate", "--repo-id", REPO, "--revision", "refs/pr/1", "--json")
    assert valid.returncode == 0, valid.stdout
    assert json.loads(valid.stdout)["errors"] == []


@pytest.mark.parametrize("mode", ["preview", "--apply", "--create-pr", "--update-pr"])
def test_every_mode_leaves_them_out_and_says_so_in_json(hub, alice, cli, mode):
    hub.create_repo(REPO, {"README.md": OUT_OF_RANGE})
    flags = {"preview": [], "--update-pr": ["--update-pr", "1"]}.get(mode, [mode])
    if mode == "--update-pr":
        hub.open_pr(REPO, {"notes.md": "x"}, title="Notes", author="alice")
    result = cli("extract-readme", "--repo-id", REPO, *flags, "--json", token=alice)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    left_out = payload["values_left_out"]
    assert sorted(e["result"]["benchmark"] for e in left_out) == sorted(BAD)
    assert {e["kind"] for e in left_out} == {"out_of_range"}
    assert all(e["reason"] for e in left_out)
    assert [r["benchmark"] for r in payload["results"]] == ["MMLU-Pro"]
    assert model_index(f"---\n{yaml.safe_dump(payload['document'])}---\n") == {"MMLU-Pro": 70.1}
    for name in BAD:
        assert warned(result.stderr, name), (name, result.stderr)
    if mode == "preview":
        assert writes(hub) == []
    else:
        revision = "refs/pr/1" if mode != "--apply" else "main"
        assert model_index(hub.files(REPO, revision)["README.md"]) == {"MMLU-Pro": 70.1}


def test_the_text_preview_warns_and_leaves_them_out_of_the_yaml(hub, cli):
    hub.create_repo(REPO, {"README.md": OUT_OF_RANGE})
    preview = cli("extract-readme", "--repo-id", REPO)
    assert preview.returncode == 0, preview.stderr
    assert model_index(f"---\n{preview.stdout}---\n") == {"MMLU-Pro": 70.1}
    assert warned(preview.stderr, "HellaSwag") and "-12.5" in preview.stderr
    assert "outside 0-100" in preview.stderr


@pytest.mark.parametrize("mode", ["preview", "--create-pr"])
def test_nothing_left_is_refused_with_exit_4(hub, alice, cli, mode):
    hub.create_repo(
        REPO, {"README.md": card("| HellaSwag | -12.5 | 60.0 |\n| ARC-Challenge | 150.3% | 60.0 |")}
    )
    flags = [] if mode == "preview" else [mode]
    result = cli("extract-readme", "--repo-id", REPO, *flags, "--json", token=alice)
    assert result.returncode == 4, result.stderr
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["exit_code"] == 4
    assert payload["status"] == "values_refused"
    assert sorted(e["result"]["benchmark"] for e in payload["values_left_out"]) == [
        "ARC-Challenge",
        "HellaSwag",
    ]
    assert "nothing written" in payload["error"]
    assert writes(hub) == [] and hub.pull_requests(REPO) == []
    text = cli("extract-readme", "--repo-id", REPO, *flags, token=alice)
    assert text.returncode == 4
    assert text.stderr.count("error: ") == 1 and "HellaSwag" in text.stderr


def test_every_source_goes_through_the_same_guard(hub):
    """import-aa, import-inspect, add-eval and batch all publish through `publish`."""
    from hfeval.errors import Refused
    from hfeval.publish import PublishRequest, publish
    from hfeval.results import Result, Source

    for origin in ("artificial_analysis", "inspect", "manual", "readme"):
        source = Source(kind=origin, name="somewhere", url="https://example.org/x")
        good = Result("MMLU-Pro", 70.1, source, "mmlu_pro", scale="percent")
        bad = Result("HellaSwag", 101.0, source, "hellaswag", scale="percent")
        request = PublishRequest(repo_id=None, model_name="m", origin=origin)
        outcome = publish([good, bad], request=request)
        assert [r.benchmark for r in outcome.results] == ["MMLU-Pro"]
        assert [g.result.benchmark for g in outcome.values_left_out] == ["HellaSwag"]
        with pytest.raises(Refused):
            publish([bad], request=request)


def test_batch_leaves_them_out_and_reports_them(hub, tmp_path):
    from hfeval.batch import BatchRequest, run_batch
    from hfeval.benchmarks import load_registry
    from hfeval.collect import list_targets
    from hfeval.hub import HubClient

    token = hub.add_user("batcher")
    meta = {"pipeline_tag": "text-generation", "library_name": "transformers"}
    hub.create_repo(REPO, {"README.md": OUT_OF_RANGE}, trendingScore=2, **meta)
    hub.create_repo(
        "acme/Bad-7B",
        {"README.md": card("| HellaSwag | -12.5 | 60.0 |").replace("Sample-7B", "Bad-7B")},
        trendingScore=1,
        **meta,
    )
    client = HubClient(token)
    targets, failed = list_targets(client, limit=5, repos=None, pipeline_tag=None, concurrency=2)
    request = BatchRequest(
        report_dir=tmp_path / "report", create_pr=True, pause=0, lock_dir=tmp_path / "locks"
    )
    run = run_batch(targets, request, client=client, registry=load_registry(), failed=failed)
    outcomes = {o.repo_id: o for o in run.outcomes}
    assert outcomes[REPO].status == "pr-opened"
    assert all(any(name in line for line in outcomes[REPO].left_out) for name in BAD)
    assert model_index(hub.files(REPO, "refs/pr/1")["README.md"]) == {"MMLU-Pro": 70.1}
    assert outcomes["acme/Bad-7B"].status == "nothing"
    assert "HellaSwag" in " ".join(outcomes["acme/Bad-7B"].left_out)
    assert hub.pull_requests("acme/Bad-7B") == []


def test_add_eval_refuses_what_validate_calls_an_error(hub, alice, cli):
    """One rule set: add-eval refused nothing validate accepts, and accepted a negative
    MT-Bench score that validate then reported."""
    hub.create_repo(REPO, {"README.md": "---\nlicense: mit\n---\n# Sample-7B\n"})
    common = ["add-eval", "--repo-id", REPO, "--source-url", "https://example.org/x"]
    negative = cli(*common, "--benchmark", "MT-Bench", "--value", "-3", "--apply", token=alice)
    assert negative.returncode == 2, negative.stderr
    assert "below 0" in negative.stderr and writes(hub) == []
    over = cli(*common, "--benchmark", "HellaSwag", "--value", "100.5", token=alice)
    assert over.returncode == 2 and "outside 0-100" in over.stderr
    fine = cli(*common, "--benchmark", "MT-Bench", "--value", "8.1", "--apply", token=alice)
    assert fine.returncode == 0, fine.stderr
    assert cli("validate", "--repo-id", REPO).returncode == 0


# --------------------------------------------------------------------------- item 3


def test_a_fraction_beside_percents_is_left_out_with_a_warning(hub, alice, cli):
    hub.create_repo(
        REPO,
        {
            "README.md": card(
                "| MMLU-Pro | 69.1 | 60.0 |\n| GSM8K | 0.812 | 70.0 |\n| MATH-500 | 55.0 | 40.0 |"
            )
        },
    )
    preview = cli("extract-readme", "--repo-id", REPO, "--json")
    assert preview.returncode == 0, preview.stderr
    payload = json.loads(preview.stdout)
    assert [(e["result"]["benchmark"], e["kind"]) for e in payload["values_left_out"]] == [
        ("GSM8K", "likely_wrong_scale")
    ]
    assert warned(preview.stderr, "GSM8K") and "0.812" in preview.stderr
    created = cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert created.returncode == 0, created.stderr
    assert model_index(hub.files(REPO, "refs/pr/1")["README.md"]) == {
        "MMLU-Pro": 69.1,
        "MATH-500": 55.0,
    }


@pytest.mark.parametrize(
    "readme",
    [
        card("| MMLU-Pro | 0.691 | 0.6 |\n| GSM8K | 0.812 | 0.7 |"),  # every value <= 1
        card(  # the header says so
            "| MMLU-Pro | 0.691 | 60.0 |\n| GSM8K | 0.812 | 70.0 |",
            header="| Benchmark (0-1) | Sample-7B | Other-7B |",
        ),
    ],
    ids=["every-value-at-most-1", "header-0-1"],
)
def test_a_table_that_prints_fractions_is_converted_to_percent(hub, alice, cli, readme):
    hub.create_repo(REPO, {"README.md": readme})
    preview = cli("extract-readme", "--repo-id", REPO, "--json")
    assert preview.returncode == 0, preview.stderr
    payload = json.loads(preview.stdout)
    assert payload["values_left_out"] == []
    assert [(r["benchmark"], r["value"], r["scale"]) for r in payload["results"]] == [
        ("MMLU-Pro", 69.1, "percent"),
        ("GSM8K", 81.2, "percent"),
    ]
    assert [(c["printed_value"], c["printed_scale"]) for c in payload["values_converted"]] == [
        (0.691, "fraction"),
        (0.812, "fraction"),
    ]
    created = cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert created.returncode == 0, created.stderr
    assert model_index(hub.files(REPO, "refs/pr/1")["README.md"]) == {
        "MMLU-Pro": 69.1,
        "GSM8K": 81.2,
    }
    body = hub.pull_requests(REPO)[0].description
    assert "0.812" in body  # the PR says what the README printed
    assert cli("validate", "--repo-id", REPO, "--revision", "refs/pr/1").returncode == 0


def test_a_small_percent_printed_with_its_sign_is_kept(hub, cli):
    hub.create_repo(REPO, {"README.md": card("| MMLU-Pro | 69.1 | 60.0 |\n| GSM8K | 0.8% | 7.0 |")})
    result = cli("extract-readme", "--repo-id", REPO, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["values_left_out"] == []
    assert [(r["benchmark"], r["value"]) for r in payload["results"]] == [
        ("MMLU-Pro", 69.1),
        ("GSM8K", 0.8),
    ]


def test_a_0_1_header_on_one_column_does_not_rescale_the_others(hub, cli):
    # Only the calibration column says "(0-1)": HLE's 0.9 is a low percentage, not 90.
    readme = (
        "---\nlicense: mit\n---\n# Sample-7B\n\n## Evaluation\n\n"
        "| Model | MMLU | HLE | GPQA Diamond | Calibration error (0-1) |\n|---|---|---|---|---|\n"
        "| Sample-7B | 70.1 | 0.9 | 35.2 | 0.05 |\n| Other-7B | 65.0 | 0.4 | 30.1 | 0.08 |\n"
    )
    hub.create_repo(REPO, {"README.md": readme})
    payload = json.loads(cli("extract-readme", "--repo-id", REPO, "--json").stdout)
    written = {r["benchmark"]: r["value"] for r in payload["results"]}
    assert written.get("HLE") != 90.0
    assert "HLE" in [v["result"]["benchmark"] for v in payload["values_left_out"]]
    assert [c["benchmark"] for c in payload["values_converted"]] == []


def test_one_decimal_values_at_most_1_are_not_taken_for_fractions(hub, cli):
    # Every value is at most 1, but printed like low percentages (0.9, 0.3): not converted.
    readme = card("| HLE | 0.9 | 0.3 |\n| ARC-AGI-2 | 0.5 | 0.2 |")
    hub.create_repo(REPO, {"README.md": readme})
    payload = json.loads(cli("extract-readme", "--repo-id", REPO, "--json").stdout)
    assert payload["values_converted"] == []
    assert all(r["value"] <= 1 for r in payload["results"])


def test_a_refused_write_reports_what_the_guard_left_out(hub, alice, cli):
    # A --create-pr refused as a duplicate still says which values it would have left out,
    # and its results are the ones it would have written.
    hub.create_repo(REPO, {"README.md": OUT_OF_RANGE})
    assert cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice).returncode == 0
    again = cli("extract-readme", "--repo-id", REPO, "--create-pr", "--json", token=alice)
    assert again.returncode == 4, again.stderr
    payload = json.loads(again.stdout)
    assert payload["status"] == "duplicate_pr"
    assert sorted(e["result"]["benchmark"] for e in payload["values_left_out"]) == sorted(BAD)
    assert payload["values_converted"] == []
    assert [r["benchmark"] for r in payload["results"]] == ["MMLU-Pro"]
    for name in BAD:
        assert warned(again.stderr, name), (name, again.stderr)
