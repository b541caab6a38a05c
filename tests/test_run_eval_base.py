"""run-eval's preview: base models get the few-shot advice, every run gets a time estimate.

Through the command line against the Hub and Jobs stand-ins. A base model (no chat template
in its tokenizer_config.json, a base marker in its name, or its card saying so) is warned
about 0-shot instruction-prompted tasks, with the task's few-shot counterpart where the
task table has one; the dry run's --json carries the same facts. The estimate is the
task table's sample counts times a per-sample time for the flavor and the model's size,
and it says so. Without safetensors metadata on the Hub, --flavor is required (exit 2).
"""

from __future__ import annotations

import json
import re
import shlex

import pytest
from conftest import ROOT
from jobs_stub import JobsStub

SIZE_7B_BF16 = {"parameters": {"BF16": 6_738_415_616}, "total": 6_738_415_616}
NO_TEMPLATE = json.dumps({"bos_token": "<s>", "eos_token": "</s>"})
WITH_TEMPLATE = json.dumps(
    {"bos_token": "<s>", "chat_template": "{% for m in messages %}{% endfor %}"}
)


@pytest.fixture
def alice(hub):
    JobsStub(hub).install()
    return hub.add_user("alice", token="hf_alicesecrettoken0123456789")


def model(hub, repo_id: str, *, tokenizer: str | None = None, readme: str | None = None,
          safetensors: dict | None = SIZE_7B_BF16) -> str:  # fmt: skip
    files = {"config.json": "{}"}
    if tokenizer is not None:
        files["tokenizer_config.json"] = tokenizer
    if readme is not None:
        files["README.md"] = readme
    if safetensors is None:
        hub.create_repo(repo_id, files)
    else:
        hub.create_repo(repo_id, files, safetensors=safetensors)
    return repo_id


def dry_run(cli, alice, repo_id: str, *tasks: str, extra: tuple[str, ...] = ()):
    return cli("run-eval", "--model", repo_id, "--task", *tasks, *extra, "--dry-run", token=alice)


def warnings_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


# --------------------------------------------------------------------------- base models


def test_no_chat_template_warns_and_proposes_the_few_shot_task(cli, hub, alice):
    repo = model(hub, "example-org/plain-7b", tokenizer=NO_TEMPLATE)
    result = dry_run(cli, alice, repo, "mmlu")
    assert result.returncode == 0, result.stderr
    (line,) = [w for w in warnings_of(result) if "base model" in w]
    assert "no chat template in tokenizer_config.json" in line
    assert "mmlu" in line and "0-shot" in line
    assert "use mmlu_5_shot" in line
    # a warning, not a rewrite: the command still runs what was asked
    assert "--task mmlu --backend transformers" in result.stdout


@pytest.mark.parametrize(
    "repo_id,marker",
    [
        ("example-org/Model-7B-Base", "Base"),
        ("example-org/model-7b-base", "base"),
        ("example-org/gemma-3-4b-pt", "pt"),
        ("example-org/Llama-2-7b-hf", "hf"),
    ],
)
def test_a_base_marker_in_the_name_warns(cli, hub, alice, repo_id, marker):
    # a chat template alone does not make a base model an instruct model (Qwen's base
    # models ship one); only the weak "-hf" marker needs the template to be absent
    tokenizer = None if marker == "hf" else WITH_TEMPLATE
    repo = model(hub, repo_id, tokenizer=tokenizer)
    result = dry_run(cli, alice, repo, "mmlu", extra=("--json",))
    assert result.returncode == 0, result.stderr
    (line,) = [w for w in warnings_of(result) if "base model" in w]
    assert f"'{marker}' in its name" in line
    out = json.loads(result.stdout)
    assert out["base_model"]["unsuited"] == ["mmlu"]
    assert out["base_model"]["alternatives"] == {"mmlu": "mmlu_5_shot"}
    assert any(marker in reason for reason in out["base_model"]["reasons"])


def test_the_cards_own_words_make_a_base_model(cli, hub, alice):
    readme = (
        "---\nlicense: apache-2.0\n---\n# Sample 7B\n\n"
        "Sample is a collection of pretrained and fine-tuned models.\n"
        "This repo contains the base 7B Sample model.\n"
    )
    repo = model(hub, "example-org/sample-7b", tokenizer=WITH_TEMPLATE, readme=readme)
    result = dry_run(cli, alice, repo, "mmlu", "arc_challenge")
    assert result.returncode == 0, result.stderr
    (line,) = [w for w in warnings_of(result) if "base model" in w]
    assert "its card says" in line and "base 7B Sample model" in line
    # arc_challenge has no few-shot variant: the tasks that suit a base model are named
    assert "use mmlu_5_shot" in line
    assert "arc_challenge has no few-shot variant" in line
    assert "mmlu_5_shot, gsm8k, bbh" in line


@pytest.mark.parametrize(
    "repo_id,readme",
    [
        (
            "example-org/Model-7B-Instruct",
            "# Model\n\nThis repo contains the instruction-tuned 7B model, fine-tuned from "
            "the base model example-org/Model-7B.\n",
        ),
        (
            "example-org/Llama-2-7b-chat-hf",
            "Llama 2 is a collection of pretrained and fine-tuned generative text models. "
            "This is the repository for the 7B fine-tuned model, optimized for dialogue.\n",
        ),
    ],
)
def test_instruct_models_are_not_warned(cli, hub, alice, repo_id, readme):
    repo = model(hub, repo_id, tokenizer=WITH_TEMPLATE, readme=readme)
    result = dry_run(cli, alice, repo, "mmlu", extra=("--json",))
    assert result.returncode == 0, result.stderr
    assert [w for w in warnings_of(result) if "base model" in w] == []
    assert json.loads(result.stdout)["base_model"] is None


def test_few_shot_tasks_on_a_base_model_need_no_warning(cli, hub, alice):
    repo = model(hub, "example-org/plain-7b", tokenizer=NO_TEMPLATE)
    result = dry_run(cli, alice, repo, "mmlu_5_shot", "gsm8k", extra=("--json",))
    assert result.returncode == 0, result.stderr
    assert [w for w in warnings_of(result) if "base model" in w] == []
    base = json.loads(result.stdout)["base_model"]
    assert base["unsuited"] == [] and base["reasons"]


def test_an_explicit_flavor_still_reads_the_model_and_warns(cli, hub, alice):
    repo = model(hub, "example-org/plain-7b", tokenizer=NO_TEMPLATE, safetensors=None)
    result = dry_run(cli, alice, repo, "mmlu", extra=("--flavor", "a10g-small"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("hf jobs uv run --flavor a10g-small ")
    assert [w for w in warnings_of(result) if "base model" in w]


# --------------------------------------------------------------------------- --flavor


def test_without_safetensors_metadata_flavor_is_required(cli, hub, alice):
    repo = model(hub, "example-org/no-size", tokenizer=WITH_TEMPLATE, safetensors=None)
    result = dry_run(cli, alice, repo, "gsm8k")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and "pass --flavor NAME" in line
    assert dry_run(cli, alice, repo, "gsm8k", extra=("--flavor", "a10g-small")).returncode == 0


def test_skill_md_run_eval_examples_carry_flavor():
    text = (ROOT / "SKILL.md").read_text(encoding="utf-8")
    lines = [
        line.strip()
        for block in re.findall(r"```(?:bash|sh)?\n(.*?)```", text, re.S)
        for line in block.replace("\\\n", " ").splitlines()
        if "evaluation_manager.py run-eval" in line
    ]
    assert lines
    for line in lines:
        assert "--flavor" in shlex.split(line), line


# --------------------------------------------------------------------------- run-time estimate


def test_the_preview_estimates_the_run_time_from_the_task_size(cli, hub, alice):
    repo = model(hub, "example-org/Model-7B-Instruct", tokenizer=WITH_TEMPLATE)
    result = dry_run(cli, alice, repo, "mmlu", "gsm8k", extra=("--json",))
    assert result.returncode == 0, result.stderr
    (line,) = [l for l in result.stderr.splitlines() if l.startswith("estimated run time")]  # noqa: E741
    assert "estimate" in line and "15361 samples" in line  # 14042 (MMLU test) + 1319 (GSM8K test)
    assert "6.7B" in line and "a10g-small" in line
    estimate = json.loads(result.stdout)["estimate"]
    assert [(t["task"], t["samples"]) for t in estimate["tasks"]] == [
        ("mmlu", 14042),
        ("gsm8k", 1319),
    ]
    assert all(t["seconds_per_sample"] > 0 for t in estimate["tasks"])
    assert estimate["eval_seconds"] == pytest.approx(
        sum(t["samples"] * t["seconds_per_sample"] for t in estimate["tasks"]), rel=1e-3
    )
    assert estimate["method"]  # how it was made, in words


def test_the_estimate_follows_limit_epochs_flavor_and_size(cli, hub, alice):
    repo = model(hub, "example-org/Model-7B-Instruct", tokenizer=WITH_TEMPLATE)

    def estimate(*extra: str) -> dict:
        result = dry_run(cli, alice, repo, "gpqa_diamond", extra=(*extra, "--json"))
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)["estimate"]

    full = estimate()
    (task,) = full["tasks"]
    assert (task["samples"], task["epochs"]) == (198, 4)  # GPQA Diamond, 4 epochs by default
    (limited,) = estimate("--limit", "20")["tasks"]
    assert (limited["samples"], limited["epochs"]) == (20, 4)
    (one_epoch,) = estimate("--epochs", "1")["tasks"]
    assert one_epoch["epochs"] == 1
    # a faster GPU is estimated faster; a bigger model on the same GPU slower
    assert estimate("--flavor", "h200")["eval_seconds"] < full["eval_seconds"]
    big = model(hub, "example-org/Big-13B-Instruct", tokenizer=WITH_TEMPLATE,
                safetensors={"parameters": {"BF16": 13_015_864_320}, "total": 13_015_864_320})  # fmt: skip
    result = dry_run(cli, alice, big, "gpqa_diamond", extra=("--flavor", "a10g-large", "--json"))
    same_gpu = estimate("--flavor", "a10g-large")
    assert json.loads(result.stdout)["estimate"]["eval_seconds"] > same_gpu["eval_seconds"]


def test_an_estimate_over_the_timeout_is_a_warning(cli, hub, alice):
    repo = model(hub, "example-org/Model-7B-Instruct", tokenizer=WITH_TEMPLATE)
    result = dry_run(cli, alice, repo, "mmlu", extra=("--timeout", "10m"))
    assert result.returncode == 0, result.stderr
    (line,) = [w for w in warnings_of(result) if "--timeout" in w]
    assert "longer than --timeout 10m" in line and "--limit" in line
    quiet = dry_run(cli, alice, repo, "aime2024", extra=("--timeout", "6h"))
    assert [w for w in warnings_of(quiet) if "--timeout" in w] == []


def test_providers_runs_are_estimated_without_reading_the_model(cli, hub, alice):
    hub.create_repo("example-org/Model-7B-Instruct", {"config.json": "{}"})
    hub.clear_log()
    result = cli(
        "run-eval", "--model", "example-org/Model-7B-Instruct:together", "--task", "gsm8k",
        "--backend", "inference-providers", "--dry-run", "--json", token=alice,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    estimate = json.loads(result.stdout)["estimate"]
    assert estimate["tasks"][0]["samples"] == 1319
    assert "provider" in estimate["method"]


def test_every_task_has_a_sample_count_and_the_docs_show_it():
    from hfeval import jobs

    module = jobs.script_module()
    doc = (ROOT / "references" / "inspect-evals.md").read_text(encoding="utf-8")
    rows = {
        cells[0].split(" ")[0]: cells
        for line in doc.splitlines()
        if line.startswith("| ") and (cells := [c.strip() for c in line.strip("|").split("|")])
    }
    header = rows["task"]
    column = header.index("samples")
    for name in module.task_names():
        spec = module.TASKS[name]
        assert spec.samples > 0 and spec.answer_tokens > 0 and spec.prompt_tokens > 0, name
        assert rows[name][column].replace(",", "").split(" ")[0] == str(spec.samples), name
