"""Classes of layout seen on real cards nobody had tuned for (issue: extraction that
generalises). Each class has cards of its own here, written for the test: the target is
given as an agent gives it, by repo id only, unless a test says otherwise.
"""

from __future__ import annotations

import textwrap

from hfeval.benchmarks import load_registry
from hfeval.extraction import extract
from hfeval.naming import Target

REGISTRY = load_registry()


def run(text: str, repo_id: str, model: str | None = None, **kwargs):
    return extract(textwrap.dedent(text), Target.build(model, repo_id), REGISTRY, **kwargs)


def found(extraction) -> list[tuple[str, float]]:
    return [(r.benchmark, r.value) for r in extraction.results]


def by_name(extraction) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in extraction.results:
        out.setdefault(r.benchmark, []).append(r)
    return out


# --- 1. single-model tables with no model name ------------------------------------------------

OWN_METRIC_VALUE = """
# Zephyrine Turbo

A small assistant model.

## Evaluation

| Metric | Value |
|---|---|
| MMLU (5-shot) | 61.2 |
| GSM8K | 55.4 |
| HumanEval | 40.1 |
"""


def test_a_metric_value_table_on_the_models_own_card_is_the_models():
    got = run(OWN_METRIC_VALUE, "quietlab/zt-3b-sft-v2")
    assert found(got) == [("MMLU (5-shot)", 61.2), ("GSM8K", 55.4), ("HumanEval", 40.1)]
    assert got.results[0].setting.shots == 5


def test_subject_accuracy_percent_table():
    card = """
    ## Results

    | Subject | Accuracy (%) |
    |:--|--:|
    | ARC-Challenge | 48.3 |
    | HellaSwag | 71.0 |
    """
    got = run(card, "tinyco/tc-1b")
    assert found(got) == [("ARC-Challenge", 48.3), ("HellaSwag", 71.0)]


def test_task_our_results_table():
    card = """
    ## Benchmarks

    | Task | Our results |
    |---|---|
    | MMLU | 50.5 |
    | BBH | 33.0 |
    """
    assert found(run(card, "tinyco/tc-1b")) == [("MMLU", 50.5), ("BBH", 33.0)]


OLL_BOT = """
---
license: apache-2.0
---
# fancy-merge-7b

A merge of two models.

# [Open LLM Leaderboard Evaluation Results](https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard)
Detailed results can be found [here](https://huggingface.co/datasets/open-llm-leaderboard/details_{details})

|             Metric              |Value|
|---------------------------------|----:|
|Avg.                             |70.12|
|AI2 Reasoning Challenge (25-Shot)|67.41|
|HellaSwag (10-Shot)              |86.20|
|MMLU (5-Shot)                    |64.51|
|TruthfulQA (0-shot)              |60.11|
|Winogrande (5-shot)              |80.27|
|GSM8k (5-shot)                   |62.24|
"""


def test_the_open_llm_leaderboard_bot_table_is_the_models_own():
    got = run(OLL_BOT.format(details="mergeworks__fancy-merge-7b"), "mergeworks/fancy-merge-7b")
    assert len(got.results) == 7
    arc = by_name(got)["AI2 Reasoning Challenge (25-Shot)"][0]
    assert arc.value == 67.41 and arc.benchmark_id == "arc_challenge" and arc.setting.shots == 25


def test_the_bot_table_of_another_model_is_not_taken():
    # The card of a quantized copy carries the original's leaderboard table.
    got = run(OLL_BOT.format(details="mergeworks__fancy-merge-7b"), "quantfolk/fancy-merge-7b-GGUF")
    assert got.results == []
    assert any("mergeworks/fancy-merge-7b" in c for c in got.candidates())


OLL_V2 = """
# [Open LLM Leaderboard Evaluation Results](https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard)
Detailed results can be found [here](https://huggingface.co/datasets/open-llm-leaderboard/details_acme__Nova-8B-v2)
Summarized results can be found [here](https://huggingface.co/datasets/open-llm-leaderboard/contents/viewer/default/train?q=acme/Nova-8B-v2)

|      Metric       |Value (%)|
|-------------------|--------:|
|**Average**        |    24.10|
|IFEval (0-Shot)    |    70.33|
|BBH (3-Shot)       |    30.12|
|MATH Lvl 5 (4-Shot)|    10.50|
|GPQA (0-shot)      |     7.38|
|MuSR (0-shot)      |     9.01|
|MMLU-PRO (5-shot)  |    27.26|
"""


def test_the_v2_bot_table():
    got = run(OLL_V2, "acme/Nova-8B-v2")
    names = [b for b, _ in found(got)]
    assert names == [
        "Average",
        "IFEval (0-Shot)",
        "BBH (3-Shot)",
        "MATH Lvl 5 (4-Shot)",
        "GPQA (0-shot)",
        "MuSR (0-shot)",
        "MMLU-PRO (5-shot)",
    ]


def test_a_pinned_single_model_table_is_read_even_when_the_text_names_nothing():
    card = """
    Some text.

    | Benchmark | Score |
    |---|---|
    | Obscure-QA | 12.5 |
    | Other-Bench | 30.0 |
    """
    assert found(run(card, "a/b", tables=[1])) == [("Obscure-QA", 12.5), ("Other-Bench", 30.0)]


def test_a_score_table_under_a_heading_that_names_another_model_is_not_the_repos():
    for heading in (
        "## Draft model Quill-0.5B",
        "### Quill-7B-Instruct-AWQ (4-bit)",
        "## Quill-RM-70B (reward model)",
    ):
        card = f"""
        # Quill-7B-Instruct

        {heading}

        | Benchmark | Score |
        |---|---|
        | MMLU | 44.0 |
        | GSM8K | 31.0 |
        """
        got = run(card, "quill-ai/Quill-7B-Instruct")
        assert got.results == [], heading


def test_a_score_table_after_a_sentence_naming_another_model_is_not_the_repos():
    card = """
    # Quill-7B-Instruct

    ## Evaluation

    We also release the reward model Quill-RM-70B, which scores as follows:

    | Benchmark | Score |
    |---|---|
    | RewardBench | 88.1 |
    | MMLU | 70.0 |
    """
    assert run(card, "quill-ai/Quill-7B-Instruct").results == []


GUARD_METRICS_AS_ROWS = """
# Sentinel Guard 2B

## Evaluation

| Metric | ToxicChat | OpenAI Moderation | XSTest |
|---|---|---|---|
| F1 | 0.812 | 0.790 | 0.880 |
| AUPRC | 0.865 | 0.851 | 0.910 |
"""


def test_a_guard_models_eval_sets_as_columns_and_metrics_as_rows():
    got = run(GUARD_METRICS_AS_ROWS, "sentinel/sentinel-guard-2b")
    pairs = {(r.benchmark, r.metric, r.value) for r in got.results}
    assert pairs == {
        ("ToxicChat", "f1", 0.812),
        ("OpenAI Moderation", "f1", 0.790),
        ("XSTest", "f1", 0.880),
        ("ToxicChat", "auprc", 0.865),
        ("OpenAI Moderation", "auprc", 0.851),
        ("XSTest", "auprc", 0.910),
    }


def test_a_classifiers_eval_sets_as_rows_and_metrics_as_columns():
    card = """
    # Sentinel Guard 2B

    ## Evaluation results

    | Dataset | Precision | Recall | F1 |
    |---|---|---|---|
    | ToxicChat | 0.80 | 0.71 | 0.75 |
    | BeaverTails | 0.88 | 0.83 | 0.85 |
    """
    got = run(card, "sentinel/sentinel-guard-2b")
    pairs = {(r.benchmark, r.metric, r.value) for r in got.results}
    assert ("ToxicChat", "precision", 0.80) in pairs and ("BeaverTails", "f1", 0.85) in pairs
    assert len(pairs) == 6


# --- 2. the model named across two columns, or by size alone ------------------------------------

FAMILY_SIZE_COLUMN = """
## Evaluation

| Model | Size | MMLU | GSM8K |
|---|---|---|---|
| Orca Lite 1 | 7B | 40.1 | 20.3 |
| | 13B | 45.2 | 25.4 |
| Orca Lite 2 | 7B | 50.5 | 35.6 |
| | 13B | 55.7 | 45.8 |
"""


def test_family_in_one_column_and_size_in_the_next():
    got = run(FAMILY_SIZE_COLUMN, "orcalite/orca-lite-2-13b")
    assert found(got) == [("MMLU", 55.7), ("GSM8K", 45.8)]
    got = run(FAMILY_SIZE_COLUMN, "orcalite/orca-lite-1-7b")
    assert found(got) == [("MMLU", 40.1), ("GSM8K", 20.3)]


def test_size_only_headers_under_a_family_heading():
    card = """
    ## Orca Lite 2 base models

    | Benchmark | 7B | 13B | 70B |
    |---|---|---|---|
    | MMLU | 50.5 | 55.7 | 68.9 |
    | ARC-Challenge | 44.0 | 49.0 | 57.0 |
    """
    got = run(card, "orcalite/orca-lite-2-13b")
    assert found(got) == [("MMLU", 55.7), ("ARC-Challenge", 49.0)]
    # Another generation's heading: not this model's sizes.
    assert run(card.replace("Orca Lite 2", "Orca Lite 1"), "orcalite/orca-lite-2-13b").results == []


# --- 3. short product names against long repo ids ----------------------------------------------

DOWNLOAD_TABLE = """
# Lumen Swift

| Model | Download |
|---|---|
| Lumen Swift | [🤗 Hugging Face](https://huggingface.co/lumen-ai/Lumen-Swift-8B-Instruct-2507) |
| Lumen Swift Base | [🤗 Hugging Face](https://huggingface.co/lumen-ai/Lumen-Swift-8B-Base) |

## Performance

| Benchmark | Lumen Swift | Lumen Swift Base | Other-8B |
|---|---|---|---|
| MMLU | 70.1 | 66.0 | 65.2 |
| GSM8K | 80.3 | 60.1 | 75.0 |
"""


def test_the_download_table_pairs_the_printed_name_with_the_repo_id():
    got = run(DOWNLOAD_TABLE, "lumen-ai/Lumen-Swift-8B-Instruct-2507")
    assert found(got) == [("MMLU", 70.1), ("GSM8K", 80.3)]
    got = run(DOWNLOAD_TABLE, "lumen-ai/Lumen-Swift-8B-Base")
    assert found(got) == [("MMLU", 66.0), ("GSM8K", 60.1)]


def test_the_cards_title_names_the_column():
    card = """
    # Lumen Swift

    Lumen Swift is our 8B instruction-tuned model.

    ## Performance

    | Benchmark | Lumen Swift | Other-8B |
    |---|---|---|
    | MMLU | 70.1 | 65.2 |
    """
    assert found(run(card, "lumen-ai/Lumen-Swift-8B-Instruct")) == [("MMLU", 70.1)]


def test_an_empty_heading_does_not_hide_the_section_above_it():
    card = """
    ## Instruction tuned models

    ##

    | Benchmark | Lumen 8B | Lumen 70B |
    |---|---|---|
    | MMLU | 68.4 | 82.0 |

    ## Pre-trained models

    ###

    | Benchmark | Lumen 8B | Lumen 70B |
    |---|---|---|
    | MMLU | 66.6 | 79.5 |
    """
    assert found(run(card, "lumen-ai/Lumen-8B-Instruct")) == [("MMLU", 68.4)]
    # The bare repo name with both sections and no sibling named: refused, both tables listed.
    bare = run(card, "lumen-ai/Lumen-8B")
    assert bare.results == [] and len(bare.candidates()) == 2
    # A card that names the instruct sibling uses the bare name for the base model.
    named = (
        textwrap.dedent(card)
        + "\nThe chat model is [Lumen-8B-Instruct](https://huggingface.co/lumen-ai/Lumen-8B-Instruct).\n"
    )
    assert found(run(named, "lumen-ai/Lumen-8B")) == [("MMLU", 66.6)]


EXACT_AMONG_VARIANTS = """
## Comparison

| Model | MMLU | GSM8K |
|---|---|---|
| Vireo-7B | 60.0 | 40.0 |
| Vireo-7B-Instruct-FP8 | 62.9 | 55.1 |
| Vireo-7B-Instruct | 63.1 | 55.5 |
| Vireo-7B-Instruct-v0.2 | 61.0 | 50.0 |
"""


def test_the_exact_row_among_its_variants_is_the_model():
    assert found(run(EXACT_AMONG_VARIANTS, "vireo/Vireo-7B-Instruct")) == [
        ("MMLU", 63.1),
        ("GSM8K", 55.5),
    ]
    got = run(EXACT_AMONG_VARIANTS, "vireo/Vireo-7B-Instruct", model="Vireo-7B-Instruct")
    assert found(got) == [("MMLU", 63.1), ("GSM8K", 55.5)]


def test_packaging_suffixes_of_the_repo_name():
    card = """
    ## Results

    | Benchmark | Vireo 2 7B | Vireo 2 13B |
    |---|---|---|
    | MMLU | 45.3 | 54.8 |
    """
    assert found(run(card, "vireo/Vireo-2-7b-hf")) == [("MMLU", 45.3)]


# --- 4. other checkpoints beside the target ------------------------------------------------------


def test_quantized_rows_are_other_checkpoints():
    card = """
    ## Quantized performance

    | Model | MMLU | C-Eval |
    |---|---|---|
    | Vireo-7B-Chat (BF16) | 55.8 | 59.7 |
    | Vireo-7B-Chat (Int8) | 55.4 | 59.4 |
    | Vireo-7B-Chat (Int4) | 55.1 | 59.2 |
    """
    assert found(run(card, "vireo/Vireo-7B-Chat")) == [("MMLU", 55.8), ("C-Eval", 59.7)]
    assert found(run(card, "vireo/Vireo-7B-Chat-Int4")) == [("MMLU", 55.1), ("C-Eval", 59.2)]


def test_quantized_columns_are_other_checkpoints():
    card = """
    ## Results

    | Benchmark | Vireo-7B | Vireo-7B-AWQ | Vireo-7B-GPTQ-Int4 | Vireo-7B QLoRA |
    |---|---|---|---|---|
    | MMLU | 60.0 | 59.1 | 58.2 | 57.3 |
    """
    assert found(run(card, "vireo/Vireo-7B")) == [("MMLU", 60.0)]
    assert found(run(card, "vireo/Vireo-7B-AWQ")) == [("MMLU", 59.1)]


# --- 5. columns that are not benchmarks ------------------------------------------------------------


def test_rank_and_type_columns_are_not_scores():
    card = """
    ## Leaderboard

    | Rank | T | Model | Average | ARC | MMLU |
    |---|---|---|---|---|---|
    | 1 | 🔶 | other/Best-7B | 75.0 | 70.0 | 65.0 |
    | 2 | 💬 | vireo/Vireo-7B | 72.0 | 68.0 | 64.0 |
    """
    got = run(card, "vireo/Vireo-7B")
    assert found(got) == [("Average", 72.0), ("ARC", 68.0), ("MMLU", 64.0)]


# --- 6. settings printed in their own column ---------------------------------------------------------


def test_a_shots_column_and_a_metric_column_set_each_rows_setting():
    card = """
    ## Evaluation

    | Benchmark | # Shots | Metric | Vireo-7B | Other-7B |
    |---|---|---|---|---|
    | MMLU | 5 | acc | 60.1 | 55.0 |
    | MMLU | 0 | acc | 55.0 | 50.0 |
    | ARC-Challenge | 25 | acc_norm | 50.2 | 48.0 |
    | DocVQA | 0 | anls | 80.1 | 70.0 |
    """
    got = run(card, "vireo/Vireo-7B")
    mmlu = by_name(got)["MMLU"]
    assert sorted((r.setting.shots, r.value) for r in mmlu) == [(0, 55.0), (5, 60.1)]
    arc = by_name(got)["ARC-Challenge"][0]
    assert arc.setting.shots == 25 and arc.metric == "acc_norm"
    assert by_name(got)["DocVQA"][0].metric == "anls"
    assert not got.warnings


def test_harness_n_shot_column_and_arrow_column():
    card = """
    ## Evaluation of Vireo-7B

    |    Tasks    |Version|Filter|n-shot| Metric |   |Value |   |Stderr|
    |-------------|------:|------|-----:|--------|---|-----:|---|-----:|
    |arc_challenge|      1|none  |    25|acc_norm|↑  |0.6101|±  |0.0142|
    |hellaswag    |      1|none  |    10|acc_norm|↑  |0.8312|±  |0.0037|
    """
    got = run(card, "vireo/Vireo-7B")
    assert [(r.benchmark, r.value, r.setting.shots, r.metric) for r in got.results] == [
        ("arc_challenge", 0.6101, 25, "acc_norm"),
        ("hellaswag", 0.8312, 10, "acc_norm"),
    ]
    assert all("↑" not in r.setting.label() for r in got.results)


def test_a_version_note_and_a_footnoted_majority_vote():
    card = """
    ## Results

    | Benchmark | Vireo-7B | Other-7B |
    |---|---|---|
    | LiveBench | 25.0 (v5) | 20.0 |
    | AIME 2024 | 58.1* | 40.0 |

    \\* majority voting over 8 samples.
    """
    got = by_name(run(card, "vireo/Vireo-7B"))
    assert "v5" in got["LiveBench"][0].setting.label()
    assert got["AIME 2024"][0].setting.maj_at == 8


# --- 7. cells holding two metrics --------------------------------------------------------------------


def test_settings_named_in_the_header_go_to_their_values():
    card = """
    ## Results

    | Benchmark | Vireo-7B | Other-7B |
    |---|---|---|
    | HumanEval (pass@1 / pass@10) | 45.1 / 70.3 | 40.0 / 60.0 |
    | GSM8K (CoT / no CoT) | 83.3 / 75.5 | 80.0 / 70.0 |
    | MMLU (5-shot / 0-shot) | 66.0 / 60.2 | 60.0 / 55.0 |
    | AIME 2024 (maj@64 / pass@1) | 80.0 / 60.0 | 70.0 / 50.0 |
    """
    got = by_name(run(card, "vireo/Vireo-7B"))
    he = {r.setting.pass_at: r.value for r in got["HumanEval (pass@1 / pass@10)"]}
    assert he == {1: 45.1, 10: 70.3}
    gsm = {r.setting.cot: r.value for r in got["GSM8K (CoT / no CoT)"]}
    assert gsm == {True: 83.3, False: 75.5}
    mmlu = {r.setting.shots: r.value for r in got["MMLU (5-shot / 0-shot)"]}
    assert mmlu == {5: 66.0, 0: 60.2}
    aime = [
        (r.setting.maj_at, r.setting.pass_at, r.value) for r in got["AIME 2024 (maj@64 / pass@1)"]
    ]
    assert sorted(aime, key=lambda x: x[2]) == [(None, 1, 60.0), (64, None, 80.0)]


def test_two_metrics_named_in_a_column_header():
    card = """
    ## Safety evaluation

    | Model | ToxicChat F1 / FPR | XSTest F1 / FPR |
    |---|---|---|
    | Sentinel-2B | 0.91 / 0.05 | 0.88 / 0.07 |
    | Other-2B | 0.85 / 0.09 | 0.80 / 0.10 |
    """
    got = run(card, "sentinel/Sentinel-2B")
    pairs = {(r.metric, r.value) for r in got.results}
    assert pairs == {("f1", 0.91), ("fpr", 0.05), ("f1", 0.88), ("fpr", 0.07)}


def test_two_directions_named_in_the_header():
    card = """
    ## Translation benchmarks

    | Benchmark | Vireo-7B | Other-7B |
    |---|---|---|
    | WMT23 (en->fr/fr->en) | 41.0/37.5 | 40.0/36.0 |
    """
    got = run(card, "vireo/Vireo-7B")
    labels = sorted((r.setting.label(), r.value) for r in got.results)
    assert labels == [("en->fr", 41.0), ("fr->en", 37.5)]


# --- second round: classes found on the new development set ------------------------------------


def test_the_product_name_before_the_size_is_the_model_when_nothing_else_names_it():
    card = """
    # Unified understanding

    ## Benchmarks

    | Model | MMLU | GSM8K |
    |---|---|---|
    | Other-7B | 50.0 | 40.0 |
    | **Pebble** | 61.0 | 52.0 |
    | **Pebble+CoT** | 66.0 | 58.0 |
    """
    assert found(run(card, "pebble-ai/Pebble-7B-MoT")) == [("MMLU", 61.0), ("GSM8K", 52.0)]


def test_a_brand_repeated_from_the_org_is_dropped():
    card = """
    ## Benchmark results

    | Model | MMLU | GPQA Diamond |
    |---|---|---|
    | **Brisk 3.1 24B Instruct** | 80.6 | 45.9 |
    | Other 27B IT | 76.9 | 42.4 |
    """
    got = run(card, "briskai/Brisk-3.1-24B-Instruct-2503")
    assert found(got) == [("MMLU", 80.6), ("GPQA Diamond", 45.9)]


def test_the_title_with_a_version_names_the_dated_repo():
    card = """
    # Coder Small 1.1

    ## Benchmark performance

    | Metric | Coder Small 1.1 | Coder Small 1.0 |
    |---|---|---|
    | HumanEval | 53.6 | 46.8 |
    """
    assert found(run(card, "acme/Coder-Small-2507")) == [("HumanEval", 53.6)]


def test_a_heading_naming_a_sibling_checkpoint_word_makes_the_table_the_siblings():
    card = """
    # Nimbus 3 14B Instruct 2512

    | Model | Link |
    |---|---|
    | Nimbus 3 14B Base 2512 | [HF](https://huggingface.co/nimbus/Nimbus-3-14B-Base-2512) |
    | Nimbus 3 14B Instruct 2512 | [HF](https://huggingface.co/nimbus/Nimbus-3-14B-Instruct-2512) |
    | Nimbus 3 14B Reasoning 2512 | [HF](https://huggingface.co/nimbus/Nimbus-3-14B-Reasoning-2512) |

    ## Benchmark Results

    ### Reasoning

    | Model | AIME25 | GPQA Diamond |
    |---|---|---|
    | **Nimbus 3 14B** | 0.850 | 0.712 |
    | Other-14B | 0.737 | 0.663 |

    ### Instruct

    | Model | Arena Hard | WildBench |
    |---|---|---|
    | **Nimbus 3 14B** | 0.551 | 68.5 |
    | Other-14B | 0.427 | 65.1 |
    """
    got = run(card, "nimbus/Nimbus-3-14B-Instruct-2512")
    assert found(got) == [("Arena Hard", 0.551), ("WildBench", 68.5)]


def test_a_heading_names_the_benchmark_and_the_rows_are_modes():
    card = """
    # Meridian-49B-v1

    ## Evaluation Results

    ### MATH500
    | Reasoning Mode | pass@1 |
    |--------------|------------|
    | Reasoning Off | 74.0 |
    | Reasoning On | 96.6 |
    Prompt template:

    ### Arena-Hard
    | Reasoning Mode | Score |
    |---|---|
    | Reasoning Off | 88.3 |
    """
    got = run(card, "meridian/Meridian-49B-v1")
    assert [(r.benchmark, r.setting.thinking, r.value) for r in got.results] == [
        ("MATH500", False, 74.0),
        ("MATH500", True, 96.6),
        ("Arena-Hard", False, 88.3),
    ]


def test_a_single_score_row_under_benchmark_headers():
    card = """
    ## Overview

    | Benchmark | AIME 2024 | AIME 2025 | LiveCodeBench V5 |
    |---|---|---|---|
    | **Score** | **90.5 %** | **83.2 %** | **66.0 %** |
    """
    got = run(card, "acme/Reasoner-8B")
    assert found(got) == [("AIME 2024", 90.5), ("AIME 2025", 83.2), ("LiveCodeBench V5", 66.0)]


def test_a_setting_row_below_the_models_row_is_the_model_in_that_setting():
    card = """
    ## Results

    | Model | AIME2024 | AIME2025 |
    |---|---|---|
    | Other-8B | 76.0 | 67.3 |
    | Reasoner-8B | 83.2 | 75.6 |
    | *w/ 64K Inference Budget* | **90.5** | **83.2** |
    | Other-7B | 70.0 | 60.0 |
    """
    got = run(card, "acme/Reasoner-8B")
    assert [r.value for r in got.results] == [83.2, 75.6, 90.5, 83.2]
    assert "64K Inference Budget" in got.results[2].setting.label()


def test_size_only_rows_under_the_family_title_and_a_models_section():
    card = """
    # DeepThought

    ## Evaluation results

    | **Model** | **GPQA** | **AIME25** |
    | :--- | :--- | :--- |
    | **7B** | 61.1 | 78.2 |
    | **14B** | 71.6 | 82.0 |

    ## Several attempts

    | **Model** | **Pass@1 (Avg@64)** | **Majority@64** |
    | :--- | :--- | :--- |
    | **7B** | | |
    | **AIME25** | 78.2 | 86.7 |
    | **14B** | | |
    | **AIME25** | 82.0 | 90.0 |
    """
    got = run(card, "acme/DeepThought-Nemo-14B")
    assert [(r.benchmark, r.value) for r in got.tables[0].results] == [
        ("GPQA", 71.6),
        ("AIME25", 82.0),
    ]
    second = [(r.setting.pass_at, r.setting.maj_at, r.value) for r in got.tables[1].results]
    assert second == [(1, None, 82.0), (None, 64, 90.0)]


def test_a_guard_table_with_grouped_metric_columns_and_deltas():
    card = """
    # Sentinel Guard 4

    ## Classifier performance

    <table>
    <tr><th></th><th colspan="3">Absolute values</th><th colspan="3">vs. Sentinel Guard 3</th></tr>
    <tr><td></td><td>R</td><td>FPR</td><td>F1</td><td>Δ R</td><td>Δ FPR</td><td>Δ F1</td></tr>
    <tr><td>English</td><td>69%</td><td>11%</td><td>61%</td><td>4%</td><td>-3%</td><td>8%</td></tr>
    <tr><td>Multilingual</td><td>43%</td><td>3%</td><td>51%</td><td>-2%</td><td>-1%</td><td>0%</td></tr>
    </table>
    """
    got = run(card, "sentinel/Sentinel-Guard-4-12B")
    pairs = sorted((r.benchmark, r.metric, r.value) for r in got.results)
    assert pairs == [
        ("English", "f1", 61.0),
        ("English", "fpr", 11.0),
        ("English", "recall", 69.0),
        ("Multilingual", "f1", 51.0),
        ("Multilingual", "fpr", 3.0),
        ("Multilingual", "recall", 43.0),
    ]


def test_sub_headers_that_are_parts_of_one_benchmark_keep_its_name():
    card = """
    ## Results

    <table>
    <tr><th rowspan="2">Model</th><th colspan="2">SVGBench</th><th rowspan="2">ChartBench</th></tr>
    <tr><th>Low-Level</th><th>High-Level</th></tr>
    <tr><td>Other-3B</td><td>0.80</td><td>0.90</td><td>0.70</td></tr>
    <tr><td>Parser-3B</td><td>0.85</td><td>0.92</td><td>0.77</td></tr>
    </table>
    """
    got = run(card, "acme/Parser-3B")
    assert found(got) == [
        ("SVGBench Low-Level", 0.85),
        ("SVGBench High-Level", 0.92),
        ("ChartBench", 0.77),
    ]


# --- third round: classes found on the older development sets -------------------------------


def test_a_prose_link_pairs_the_printed_name_with_the_repo():
    card = """
    # Sparse models

    - [Nimble-S-1B](https://huggingface.co/nimble/Nimble-S-1B-sft): a sparse 1B model.

    ## Evaluation Results

    | Setting | Average | MMLU |
    |---|---|---|
    | Other-7B | 40.0 | 45.0 |
    | **Nimble-S-1B** | 44.7 | 49.4 |
    """
    assert found(run(card, "nimble/Nimble-S-1B-sft")) == [("Average", 44.7), ("MMLU", 49.4)]


def test_a_header_cell_linking_to_the_repo_is_its_column():
    card = """
    ## Performance

    | Benchmark | Other-8B | **Vista-7B**<br><sup>([🤗](https://huggingface.co/vista/Vista-7B-Instruct))</sup> | **Vista-2B**<br><sup>([🤗](https://huggingface.co/vista/Vista-2B-Instruct))</sup> |
    |---|---|---|---|
    | MMMU | 49.3 | 54.1 | 41.1 |
    """
    assert found(run(card, "vista/Vista-7B-Instruct")) == [("MMMU", 54.1)]
    assert found(run(card, "vista/Vista-2B-Instruct")) == [("MMMU", 41.1)]


FAMILY_TITLED = """
# Vista 3.5

## Performance

<table>
<tr><th>Models</th><th>MT-Bench</th><th>LiveBench</th></tr>
<tr><td>Vista 3.5 32B</td><td>8.51</td><td>43.0</td></tr>
<tr><td>Vista 3.5 7.8B</td><td>8.29</td><td>39.8</td></tr>
<tr><td>Other 7B</td><td>7.95</td><td>34.4</td></tr>
</table>
"""


def test_a_family_titled_card_names_its_instruct_model_without_the_word():
    got = run(FAMILY_TITLED, "vista-ai/Vista-3.5-7.8B-Instruct")
    assert found(got) == [("MT-Bench", 8.29), ("LiveBench", 39.8)]


def test_the_instruct_less_name_is_not_taken_when_the_card_shows_a_base_model():
    card = (
        FAMILY_TITLED
        + "\nThe base model is [Vista-3.5-7.8B-Base](https://huggingface.co/vista-ai/Vista-3.5-7.8B-Base).\n"
    )
    assert run(card, "vista-ai/Vista-3.5-7.8B-Instruct").results == []
    untitled = FAMILY_TITLED.replace("# Vista 3.5\n", "")
    assert run(untitled, "vista-ai/Vista-3.5-7.8B-Instruct").results == []


def test_punctuation_inside_a_brand_and_abbreviated_instruct():
    card = """
    ## Evaluation

    | Benchmark | Other-4B | Mi:st 2.0-Mini-inst |
    |---|---|---|
    | KMMLU | 40.1 | 42.5 |
    """
    assert found(run(card, "mist/Mist-2.0-Mini-Instruct")) == [("KMMLU", 42.5)]


def test_size_headers_with_a_params_word():
    card = """
    ## Gemmo benchmark results

    | Benchmark | Metric | 2B Params | 7B Params |
    |---|---|---|---|
    | MMLU | 5-shot, top-1 | 42.3 | 64.3 |
    """
    got = run(card, "gemmo/gemmo-2b")
    assert found(got) == [("MMLU", 42.3)] and got.results[0].setting.shots == 5


def test_the_name_split_between_caption_and_column():
    card = """
    ## Evaluation

    **Comparison of Skyward-R1V3 with open models**

    | Benchmark | Skyward-38B | QVQ-72B |
    |---|---|---|
    | MMMU | 76.0 | 70.3 |
    """
    assert found(run(card, "skyward/Skyward-R1V3-38B")) == [("MMMU", 76.0)]
    # Without the caption the shorter column is another model.
    plain = card.replace("**Comparison of Skyward-R1V3 with open models**", "")
    assert run(plain, "skyward/Skyward-R1V3-38B").results == []


# --- second round: classes seen on the trending set's holdout, on cards of their own ---------

JOINED_BRAND = """
# Corvid Hawk

| Model | ARC | HellaSwag |
|---|---|---|
| Llama-3-8B | 60.1 | 82.0 |
| CorvidHawk-7B | 62.5 | 80.9 |
"""


def test_a_brand_spelt_as_one_word_is_the_repos_hyphenated_name():
    """`CorvidHawk-7B` in the table, `corvid-hawk-7b` in the repo id: one name."""
    assert found(run(JOINED_BRAND, "birdlab/corvid-hawk-7b")) == [
        ("ARC", 62.5),
        ("HellaSwag", 80.9),
    ]


DIGIT_BREAKS = """
| Model | MMLU |
|---|---|
| Wren2-57B | 70.2 |
| Other-7B | 50.0 |
"""


def test_joining_letter_runs_never_joins_digits():
    """Wren2.5-7B is not Wren2-57B, though both squeeze to the same characters."""
    got = run(DIGIT_BREAKS, "birdlab/Wren2.5-7B")
    assert got.results == []


PREVIEW_TITLED = """
# Lumen-14B

Lumen-14B writes code.

## Benchmark performance

| Benchmark | Metric | Lumen-14B |
|---|---|---|
| LiveCodeBench v5 | Pass@1 | 60.6 |
| HumanEval+ | Pass@1 | 92.6 |
"""


def test_the_card_of_a_preview_release_may_title_it_without_preview():
    got = run(PREVIEW_TITLED, "lumenai/Lumen-14B-Preview")
    assert found(got) == [("LiveCodeBench v5", 60.6), ("HumanEval+", 92.6)]


PREVIEW_BESIDE_FINAL = """
# Lumen-14B

| Benchmark | Lumen-14B | Lumen-14B-Preview |
|---|---|---|
| HumanEval+ | 93.1 | 92.6 |
"""


def test_a_preview_column_beside_the_final_one_is_still_the_preview():
    assert found(run(PREVIEW_BESIDE_FINAL, "lumenai/Lumen-14B-Preview")) == [("HumanEval+", 92.6)]


OURS_BRACKETED = """
## Benchmark Evaluations

| Type | Model | MMB | MMMU |
|---|---|---|---|
| Und. Only | Qwen2.5-VL-7B | 87.8 | 67.9 |
| Unified | Janus-Pro-7B | 79.2 | 41.0 |
| | Ours (Otter-Lite-Uni) | 80.7 | 51.2 |
"""


def test_a_row_named_ours_with_the_model_in_brackets():
    got = run(OURS_BRACKETED, "otterai/Otter-Lite-Uni")
    assert found(got) == [("MMB", 80.7), ("MMMU", 51.2)]


EMBEDDING_DIMENSIONS = """
# vole-embed-v2

Benchmark results: the MTEB average at each embedding size.

| Name | SeqLen | Dimension | MTEB |
|---|---|---|---|
| vole-embed-v1 | 8192 | 768 | 62.39 |
| vole-embed-v2 | 8192 | 768 | 62.28 |
| vole-embed-v2 | 8192 | 256 | 61.04 |
| vole-embed-v2 | 8192 | 64 | 56.10 |
"""


def test_rows_of_one_embedding_model_at_several_dimensions():
    got = run(EMBEDDING_DIMENSIONS, "volelab/vole-embed-v2")
    assert found(got) == [("MTEB", 62.28), ("MTEB", 61.04), ("MTEB", 56.1)]
    assert [r.setting.extra for r in got.results] == [
        ("Dimension 768",),
        ("Dimension 256",),
        ("Dimension 64",),
    ]


SAME_NAME_BY_SIZE = """
| Model | Size | MMLU |
|---|---|---|
| vole-chat | 7B | 55.0 |
| vole-chat | 70B | 71.0 |
"""


def test_rows_told_apart_by_size_are_other_checkpoints_and_refused():
    got = run(SAME_NAME_BY_SIZE, "volelab/vole-chat")
    assert got.results == []


DATASET_AND_LANGUAGE = """
# Heron-ASR

## Results

| Dataset | Language | DER | cpWER | WER |
|---|---|---|---|---|
| MeetBench | English | 4.28 | 11.48 | 7.99 |
| MeetBench | French | 3.80 | 18.80 | 15.21 |
| CallSet | English | 6.77 | 24.99 | 21.40 |
"""


def test_an_asr_matrix_keyed_by_dataset_and_language():
    """No model column: the model's own card; each row is a set in one language, each
    column a speech metric; the benchmark is the set with its language."""
    got = run(DATASET_AND_LANGUAGE, "heronlab/Heron-ASR")
    assert [(r.benchmark, r.metric, r.value) for r in got.results] == [
        ("MeetBench English", "der", 4.28),
        ("MeetBench English", "cpwer", 11.48),
        ("MeetBench English", "wer", 7.99),
        ("MeetBench French", "der", 3.8),
        ("MeetBench French", "cpwer", 18.8),
        ("MeetBench French", "wer", 15.21),
        ("CallSet English", "der", 6.77),
        ("CallSet English", "cpwer", 24.99),
        ("CallSet English", "wer", 21.4),
    ]


# --- third round: names spelt differently from the repo id -------------------------------------


def test_a_greek_letter_in_the_table_is_the_word_in_the_repo_id():
    # The card prints the release letter as a Greek letter; the repo id spells it out.
    card = """
    # Marlin 3B β

    | Model | Size | MT-Bench | IFEval (%) |
    |---|---|---|---|
    | Marlin-3b-α | 3B | 6.21 | 71.2 |
    | **Marlin-3b-β** 🐟 | 3B | **6.88** | **80.4** |
    | Other-7B-Chat | 7B | 6.50 | 75.0 |
    """
    got = run(card, "reeflab/marlin-3b-beta")
    assert found(got) == [("MT-Bench", 6.88), ("IFEval (%)", 80.4)]
    alpha = run(card, "reeflab/marlin-3b-alpha")
    assert found(alpha) == [("MT-Bench", 6.21), ("IFEval (%)", 71.2)]


def test_a_camel_case_brand_word_printed_as_its_initials():
    # "WideSight" is printed "WS" in the table; the repo's instruct suffix is left out.
    card = """
    # Kestrel-WideSight-2.0

    | Benchmark | Kestrel-WS-2.0-8B | Other VL 7B | Kestrel-WS-2.0-4B |
    |---|---|---|---|
    | ChartQA | 86.5 | 84.0 | 82.1 |
    | DocVQA (Test) | 95.0 | 94.9 | 93.2 |
    """
    got = run(card, "kestrel-lab/Kestrel-WideSight-2.0-8B-Instruct")
    assert found(got) == [("ChartQA", 86.5), ("DocVQA (Test)", 95.0)]
    four = run(card, "kestrel-lab/Kestrel-WideSight-2.0-4B-Instruct")
    assert found(four) == [("ChartQA", 82.1), ("DocVQA (Test)", 93.2)]


def test_initials_that_are_not_the_brand_words_do_not_match():
    card = """
    | Benchmark | Kestrel-WT-2.0-8B | Kestrel-2.0-8B |
    |---|---|---|
    | ChartQA | 70.0 | 71.0 |
    """
    got = run(card, "kestrel-lab/Kestrel-WideSight-2.0-8B")
    assert found(got) == []


def test_a_title_with_a_subtitle_still_names_the_family():
    # The family title carries a subtitle after a colon; the table drops the instruct word.
    card = """
    # Heron-Vista-3: An Open Vision-Language Model for Documents

    ## Evaluation

    | Benchmark | Heron-Vista-3-8B | Other VL 7B |
    |---|---|---|
    | ChartQA | 86.5 | 84.0 |
    | DocVQA | 95.0 | 94.9 |
    """
    got = run(card, "heron-ai/Heron-Vista-3-8B-Instruct")
    assert found(got) == [("ChartQA", 86.5), ("DocVQA", 95.0)]
    # A card that also shows the base model under the bare name keeps it for the base.
    with_base = card + textwrap.dedent(
        """
        ## Base model

        | Benchmark | Heron-Vista-3-8B-Base |
        |---|---|
        | MMLU | 70.0 |
        """
    )
    assert found(run(with_base, "heron-ai/Heron-Vista-3-8B-Instruct")) == []


def test_the_cards_own_title_naming_the_instruct_model_does_not_make_every_table_instruct():
    # The title is the instruct model's name; a later table reports the base model under
    # the bare name, beside the instruct model's own tables.
    card = """
    # Model Card for Brisa-2B-Instruct

    ## Results

    ### Translation

    | Model | AVG | en-de |
    |---|---|---|
    | Brisa-2B-Instruct | 80.1 | 81.0 |
    | Other-7B | 78.0 | 79.0 |

    ### General benchmarks

    | Model | Average | English |
    |---|---|---|
    | Brisa-2B | 0.4744 | 0.4760 |
    | Other-7B | 0.5000 | 0.5100 |
    """
    got = run(card, "brisa-project/Brisa-2B-Instruct")
    assert found(got) == [("AVG", 80.1), ("en-de", 81.0)]


def test_a_section_that_says_instruct_still_makes_the_bare_name_the_instruct_model():
    card = """
    # Brisa-2

    ## Instruction-tuned models

    | Model | MMLU | GSM8K |
    |---|---|---|
    | Brisa-2B | 60.1 | 50.2 |
    | Other-7B | 65.0 | 55.0 |
    """
    got = run(card, "brisa-project/Brisa-2B-Instruct")
    assert found(got) == [("MMLU", 60.1), ("GSM8K", 50.2)]


def test_compute_and_token_count_columns_are_not_scores():
    # Columns of compute per token, active parameters and image tokens sit beside the scores.
    card = """
    # Tern-M8

    | Model | Active Params (B) | GFLOPs/token (Inference) | MMLU | GSM8K | Average Accuracy/GFLOPs per token |
    |---|---|---|---|---|---|
    | Tern-M8 | 3.7 | 7.4 | 72.2 | 74.4 | 10.69 |
    | Other-70B | 70 | 140 | 79.0 | 80.1 | 0.57 |

    | Model | # tokens per image | MMMU | TextVQA |
    |---|---|---|---|
    | Tern-M8 | 320 | 43.0 | 73.0 |
    | Other-VL-7B | 576 | 41.0 | 70.1 |
    """
    got = run(card, "ternlab/Tern-M8")
    assert found(got) == [("MMLU", 72.2), ("GSM8K", 74.4), ("MMMU", 43.0), ("TextVQA", 73.0)]


def test_the_whole_repo_name_beats_the_name_without_its_org_word():
    # The repo name repeats the org's first word; a row without it is another model.
    card = """
    # Sparrow-Speech: sparrow-large-v2

    ## Evaluation

    | Model | Params / M | Short-Form WER | Long-Form WER |
    |---|---|---|---|
    | large-v2 | 1550 | 8.4 | 11.0 |
    | sparrow-large-v2 | 756 | 9.7 | 10.8 |
    """
    got = run(card, "sparrow-speech/sparrow-large-v2")
    assert found(got) == [("Short-Form WER", 9.7), ("Long-Form WER", 10.8)]


def test_a_repo_name_that_adds_the_language_model_it_is_built_on():
    card = """
    # Finch3

    | Model | MMMU (val) | DocVQA (test) |
    |---|---|---|
    | Finch2-8B | 43.0 | 74.0 |
    | Finch3-8B | 46.6 | 87.7 |
    """
    got = run(card, "finch-m4/Finch3-8B-Llama3")
    assert found(got) == [("MMMU (val)", 46.6), ("DocVQA (test)", 87.7)]
    # A card that prints the full name means another checkpoint by the short one.
    both = card.replace("| Finch2-8B | 43.0 | 74.0 |", "| Finch3-8B-Llama3 | 45.0 | 80.0 |")
    assert found(run(both, "finch-m4/Finch3-8B-Llama3")) == [
        ("MMMU (val)", 45.0),
        ("DocVQA (test)", 80.0),
    ]


def test_a_setting_written_after_the_name_without_brackets():
    # Two rows of one embedding model in two inference modes, the mode after the name.
    card = """
    # Wren-ICL

    ## Evaluation

    **QA (en, nDCG@10):**

    | Leaderboard_24.04 | wiki | news | ALL (3) |
    | :--: | :--: | :--: | :--: |
    | **other-embed-7b** | 61.67 | 48.18 | 48.56 |
    | **wren-icl zero-shot** | 64.61 | 55.11 | 52.93 |
    | **wren-icl few-shot** | **64.94** | **56.02** | **54.36** |
    """
    got = run(card, "wren-ai/wren-icl")
    assert sorted(found(got)) == sorted(
        [("wiki", 64.61), ("news", 55.11), ("ALL (3)", 52.93),
         ("wiki", 64.94), ("news", 56.02), ("ALL (3)", 54.36)]
    )  # fmt: skip
    zero = [r for r in got.results if r.setting.shots == 0]
    assert [r.value for r in zero] == [64.61, 55.11, 52.93]
    # A checkpoint word is not a setting: "-Thinking" names another model.
    other = card.replace("wren-icl zero-shot", "wren-icl-Thinking").replace(
        "wren-icl few-shot", "other-embed-9b"
    )
    assert found(run(other, "wren-ai/wren-icl")) == []


def test_base_and_chat_comparisons_that_print_the_same_numbers_are_not_ambiguous():
    # One checkpoint compared with base models and with chat models: its column holds the
    # same values in both tables, so which table is "its" changes no number.
    rows = "| MMLU | 80.8 | 73.0 |\n    | GSM8K | 89.5 | 62.9 |"
    card = f"""
    # Heron-MoE-A30B

    **Comparison of Open-Weight Base Models**

    |  | Heron-MoE-A30B | Other-A80B |
    | :-: | :-: | :-: |
    {rows}

    **Comparison of Closed-Source Chat Models**

    |  | Heron-MoE-A30B | Other-Chat |
    | :-: | :-: | :-: |
    {rows.replace("73.0", "88.7").replace("62.9", "91.7")}
    """
    got = run(card, "heron/Heron-MoE-A30B")
    assert found(got) == [("MMLU", 80.8), ("GSM8K", 89.5), ("MMLU", 80.8), ("GSM8K", 89.5)]
    # Different numbers in the two tables: still refused.
    differ = card.replace("| MMLU | 80.8 | 88.7 |", "| MMLU | 81.9 | 88.7 |")
    assert found(run(differ, "heron/Heron-MoE-A30B")) == []


def test_a_metric_under_each_group_of_a_two_row_header_keeps_its_group():
    # Language groups over the same two metrics: "WER" alone would name six columns.
    card = """
    # Kite-TTS

    ## Evaluation

    <table>
    <thead>
    <tr><th rowspan="2">Model</th><th rowspan="2">Params</th>
    <th colspan="2">zh</th><th colspan="2">en</th></tr>
    <tr><th>WER↓</th><th>SS↑</th><th>WER↓</th><th>SS↑</th></tr>
    </thead>
    <tbody>
    <tr><td>Other-TTS</td><td>2B</td><td>3.88</td><td>74.99</td><td>5.13</td><td>71.57</td></tr>
    <tr><td><b>Kite-TTS-2</b></td><td>0.8B</td><td>4.36</td><td>77.10</td><td>5.12</td><td>68.06</td></tr>
    </tbody>
    </table>
    """
    got = run(card, "kite-team/Kite-TTS-2")
    assert found(got) == [("zh WER↓", 4.36), ("zh SS↑", 77.1), ("en WER↓", 5.12), ("en SS↑", 68.06)]


def test_a_group_over_distinct_benchmarks_is_not_part_of_their_names():
    card = """
    # Kite-LM

    <table>
    <tr><th rowspan="2">Model</th><th colspan="2">Knowledge</th><th>Math</th></tr>
    <tr><th>MMLU</th><th>CMMLU</th><th>GSM8K</th></tr>
    <tr><td>Kite-LM-7B</td><td>70.1</td><td>72.0</td><td>80.3</td></tr>
    <tr><td>Other-7B</td><td>68.0</td><td>60.2</td><td>75.0</td></tr>
    </table>
    """
    got = run(card, "kite-team/Kite-LM-7B")
    assert found(got) == [("MMLU", 70.1), ("CMMLU", 72.0), ("GSM8K", 80.3)]


def test_a_group_cell_left_empty_continues_the_group_to_its_left():
    # Markdown has no colspan: "SetA | (empty)" over "WER | SIM" is SetA's WER and SIM, and
    # once the metrics repeat under the groups, every column carries its group.
    card = """
    # Kite-Voice

    ## Evaluation

    | Model | SetA |  | SetB |  |
    |---|---|---|---|---|
    | | WER ↓ | SIM ↑ | WER ↓ | SIM (emo) ↑ |
    | Other-Voice | 2.90 | 65.1 | 2.01 | 80.2 |
    | Kite-Voice-3B | 2.44 | 67.70 | 1.78 | 86.13 |
    """
    got = run(card, "kite-team/Kite-Voice-3B")
    assert found(got) == [
        ("SetA WER ↓", 2.44), ("SetA SIM ↑", 67.7), ("SetB WER ↓", 1.78), ("SetB SIM (emo) ↑", 86.13)
    ]  # fmt: skip


def test_one_models_scores_per_language_under_benchmark_columns():
    # No model column or row: languages down, benchmarks across, introduced as the model's.
    card = """
    # Lark-VL

    ## Evaluation

    Below are the results of **Lark-VL** on our multilingual suite.

    | Language | POPE | MMVet |
    |---|---|---|
    | Telugu | 79.9 | 43.76 |
    | Hindi | 78.68 | 38.85 |
    """
    got = run(card, "lark-labs/lark-vl")
    assert found(got) == [("POPE", 79.9), ("MMVet", 43.76), ("POPE", 78.68), ("MMVet", 38.85)]
    assert [r.setting.extra for r in got.results][:2] == [("Telugu",), ("Telugu",)]
    # Introduced as another model's: refused.
    other = card.replace("results of **Lark-VL**", "results of the reward model Lark-RM-70B")
    assert found(run(other, "lark-labs/lark-vl")) == []


def test_a_refusal_lists_the_rows_when_a_model_column_holds_the_names():
    # Neither axis names a known benchmark; the "Methods" column says the rows are models.
    card = """
    ## Benchmark results

    | Model Type | Methods | Overall Edit↓ EN | Overall Edit↓ ZH |
    |---|---|---|---|
    | Pipeline | Tool-A | 0.150 | 0.357 |
    | Expert VLMs | Parser-3B | 0.140 | 0.297 |
    """
    got = run(card, "someone/Unrelated-7B")
    assert got.results == []
    (table,) = got.tables
    assert table.candidates == ["Tool-A", "Parser-3B"]


def test_a_repo_name_without_a_size_is_the_one_size_its_card_prints():
    # The repo "Heron-OCR" is printed "Heron-OCR-3B" in the tables, the only size shown.
    card = """
    # Heron-OCR

    ## Results

    | Methods | Overall | Text |
    |---|---|---|
    | Tool-A | 0.150 | 0.061 |
    | Heron-OCR-3B | 0.140 | 0.058 |
    """
    got = run(card, "heron-lab/Heron-OCR")
    assert found(got) == [("Overall", 0.14), ("Text", 0.058)]
    # Two sizes of it in the card: which one the repo is, the card does not say.
    two = card.replace("| Tool-A | 0.150 | 0.061 |", "| Heron-OCR-1.2B | 0.150 | 0.061 |")
    assert found(run(two, "heron-lab/Heron-OCR")) == []
    # A repo name with a size never takes another size.
    assert found(run(card, "heron-lab/Heron-OCR-1B")) == []


# A classifier's own card: one metric per class of its label set, under an evaluation heading.
PER_CLASS_METRIC = """
# Topic Tagger

A text classifier that tags web pages with one of four topics.

## {heading}

ROC-AUC on the held-out set, per topic:

| Topic | ROC-AUC |
|:------|:--------|
| Cooking | 0.991 |
| Travel | 0.978 |
| Gardening | 0.964 |
| Overall | 0.977 |
"""


def test_a_classifiers_per_class_metric_table_under_an_evaluation_heading_is_its_own():
    extraction = run(PER_CLASS_METRIC.format(heading="Evaluation"), "acme/topic-tagger")
    assert found(extraction) == [
        ("Cooking", 0.991),
        ("Travel", 0.978),
        ("Gardening", 0.964),
        ("Overall", 0.977),
    ]
    assert {r.metric for r in extraction.results} == {"roc_auc"}


def test_a_per_class_metric_table_outside_an_evaluation_section_is_not_read():
    # The same shape under a data heading: class names and a metric word are not enough.
    assert found(run(PER_CLASS_METRIC.format(heading="Training data"), "acme/topic-tagger")) == []


def test_a_per_class_metric_table_introduced_as_another_models_is_refused():
    text = PER_CLASS_METRIC.format(heading="Evaluation of the teacher model Big-Tagger-7B")
    assert found(run(text, "acme/topic-tagger")) == []


# --- stop 17: classes from fresh3, opened after its second never-looked score --------------

RERANKERS_WITH_THROUGHPUT = """
# Quill Rerank

## Performance

| Model-Name | NDCG@10 (TREC DL 19) | MRR@10 (MS Marco Dev) | Docs / Sec |
| ------------- |:-------------| -----| --- |
| quill/rerank-small-v2 | 69.84 | 32.56 | 9000
| quill/rerank-base-v2 | 74.31 | 39.02 | 960
"""


def test_a_rate_column_is_throughput_not_a_score():
    got = run(RERANKERS_WITH_THROUGHPUT, "quill/rerank-base-v2")
    assert found(got) == [("NDCG@10 (TREC DL 19)", 74.31), ("MRR@10 (MS Marco Dev)", 39.02)]
    for header in ("Queries/s", "samples per second", "Images / sec", "QPS"):
        card = RERANKERS_WITH_THROUGHPUT.replace("Docs / Sec", header)
        assert [b for b, _ in found(run(card, "quill/rerank-base-v2"))] == [
            "NDCG@10 (TREC DL 19)",
            "MRR@10 (MS Marco Dev)",
        ], header


# The card sentence-transformers writes for every model it trains: evaluator metrics as
# rows ("cosine_ndcg@10"), evaluation sets as columns or one "Value" column, no model name.
SENTENCE_TRANSFORMERS_CARD = """
# SentenceTransformer based on acme/mini-encoder

## Evaluation

### Metrics

#### Information Retrieval

* Datasets: `NanoFEVER` and `NanoNQ`
* Evaluated with [<code>InformationRetrievalEvaluator</code>](https://sbert.net/docs/x.html)

| Metric              | NanoFEVER  | NanoNQ     |
|:--------------------|:-----------|:-----------|
| cosine_accuracy@1   | 0.46       | 0.24       |
| cosine_precision@10 | 0.1        | 0.076      |
| **cosine_ndcg@10**  | **0.6922** | **0.4534** |
| cosine_mrr@10       | 0.6397     | 0.3764     |
| cosine_map@100      | 0.6205     | 0.389      |

#### Nano BEIR

- Dataset: `NanoBEIR_mean`
* Evaluated with [<code>NanoBEIREvaluator</code>](https://sbert.net/docs/y.html)

| Metric              | Value      |
|:--------------------|:-----------|
| cosine_accuracy@1   | 0.424      |
| **cosine_ndcg@10**  | **0.5032** |

#### Semantic Similarity

* Dataset: `sts-dev`

| Metric              | Value      |
|:--------------------|:-----------|
| pearson_cosine      | 0.8512     |
| spearman_cosine     | 0.8601     |

#### Binary Classification

* Dataset: `quora-dupes`

| Metric                    | Value      |
|:--------------------------|:-----------|
| cosine_accuracy           | 0.812      |
| cosine_accuracy_threshold | 0.7315     |
| cosine_f1                 | 0.7702     |

## Training Details

### Training Hyperparameters

| Parameter | Value |
|:--|:--|
| learning_rate | 2e-05 |
| warmup_ratio | 0.1 |
"""


def test_sentence_transformers_evaluator_tables_are_the_models_own():
    got = run(SENTENCE_TRANSFORMERS_CARD, "acme/mini-encoder-nano-v1")
    pairs = {(r.benchmark, r.metric, r.value) for r in got.results}
    assert ("NanoFEVER", "cosine_ndcg@10", 0.6922) in pairs
    assert ("NanoNQ", "cosine_map@100", 0.389) in pairs
    assert ("NanoBEIR_mean", "cosine_accuracy@1", 0.424) in pairs
    assert ("sts-dev", "spearman_cosine", 0.8601) in pairs
    assert ("quora-dupes", "cosine_f1", 0.7702) in pairs
    # A decision threshold is a setting of the classifier, not a score; hyperparameters
    # are not results.
    assert 0.7315 not in {r.value for r in got.results}
    assert {r.benchmark for r in got.results} == {
        "NanoFEVER",
        "NanoNQ",
        "NanoBEIR_mean",
        "sts-dev",
        "quora-dupes",
    }
    assert len(got.results) == 10 + 2 + 2 + 2


def test_a_metric_value_table_under_a_data_heading_is_not_read():
    card = """
    ## Training data

    | Metric | Value |
    |:--|:--|
    | cosine_accuracy@1 | 0.424 |
    | cosine_ndcg@10 | 0.5032 |
    """
    assert run(card, "acme/mini-encoder-nano-v1").results == []


BASE_PLUS_METHOD = """
# Zero-RL Zoo

| Model | GSM8K | MATH 500 |
|---|---|---|
| Lynx-2-7B | 88.2 | 64.6 |
| 🦁 Lynx-2-7B + ZeroRL-Zoo | 91.7 | 78.2 |
| Lynx-2-Math-7B | 65.5 | 63.6 |
| 🦁 Lynx-2-Math-7B + ZeroRL-Zoo | 90.2 | 80.2 |
"""


def test_a_base_plus_method_row_is_the_repo_named_base_dash_method():
    got = run(BASE_PLUS_METHOD, "zoo-lab/Lynx-2-7B-ZeroRL-Zoo")
    assert found(got) == [("GSM8K", 91.7), ("MATH 500", 78.2)]
    # The plus that is part of a name still counts: HumanEval+ is not HumanEval.
    assert run(BASE_PLUS_METHOD, "zoo-lab/Lynx-2-7B").results[0].value == 88.2


def test_a_table_captioned_by_its_metric_is_an_evaluation():
    card = """
    # Koi-Whisper (v2.0)

    - ***WER***

    | model | [CommonVoice 8 (Japanese test set)](https://x/cv) | [JSUT Basic 5000](https://x/jsut) |
    |:--|--:|--:|
    | [koi-tech/koi-whisper-v2.0](https://huggingface.co/koi-tech/koi-whisper-v2.0) | 58.8 | 63.7 |
    | [koi-tech/koi-whisper-v1.0](https://huggingface.co/koi-tech/koi-whisper-v1.0) | 59.2 | 64.3 |
    | [openai/whisper-large-v3](https://huggingface.co/openai/whisper-large-v3) | 55.1 | 59.2 |
    """
    got = run(card, "koi-tech/koi-whisper-v2.0")
    assert found(got) == [("CommonVoice 8 (Japanese test set)", 58.8), ("JSUT Basic 5000", 63.7)]
    assert {r.metric for r in got.results} == {"wer"}


def test_a_refusal_lists_the_candidates_closest_to_the_model_first():
    others = [f"Other-{i}B" for i in range(1, 15)]
    header = " | ".join(["Benchmark", *others, "Lyra-Reasoner-Ly3-14B"])
    card = f"""
    ## Evaluation results

    | {header} |
    |{"---|" * (len(others) + 2)}
    | MMLU-Pro | {" | ".join(["50.1"] * len(others))} | 66.6 |
    """
    got = run(card, "acme/Lyra-Reasoner-Qwen3-14B")
    assert got.results == []
    report = next(t for t in got.tables if t.candidates)
    assert report.candidates[0] == "Lyra-Reasoner-Ly3-14B"
    assert "Lyra-Reasoner-Ly3-14B" in report.reason


# Matryoshka embeddings: the same model truncated to fewer dimensions, one row per size.
MATRYOSHKA = """
# acme/mini-encoder-mrl

## Evaluation

#### Matryoshka Evaluations

We truncated the output embeddings to a lower dimensionality.

| Dimensionality | NanoBEIR_mean | NanoFEVER | NanoNQ |
|:--|:--|:--|:--|
| 1024 | 0.5031 | 0.6921 | 0.4533 |
| 256 | 0.4819 | 0.6734 | 0.4254 |
| 64 | 0.4176 | 0.548 | 0.3845 |
"""


def test_matryoshka_rows_are_the_model_at_each_embedding_size():
    got = run(MATRYOSHKA, "acme/mini-encoder-mrl")
    by_key = {(r.benchmark, r.setting.extra, r.value) for r in got.results}
    assert ("NanoFEVER", ("Dimensionality 1024",), 0.6921) in by_key
    assert ("NanoNQ", ("Dimensionality 64",), 0.3845) in by_key
    assert len(got.results) == 9
    # Not under an evaluation heading (a training log of dims): nothing.
    training = MATRYOSHKA.replace("Evaluation", "Training").replace("Evaluations", "training")
    assert run(training, "acme/mini-encoder-mrl").results == []


# --- stop 18: classes from fresh4 parts G and H, opened after their first score ------------

# One row per (evaluation set, model): the set in a rowspan cell whose second line names the
# splits, each model's cell holding one score per split, separated by " | ".
SETS_BY_MODEL_ROWS = """
# Wren-Audio

## Evaluation

### Speech recognition

<table>
  <thead>
    <tr><th>Datasets</th><th>Model</th><th>Performance (WER&darr;)</th></tr>
  </thead>
  <tbody>
    <tr>
      <td rowspan="2"><strong>LibriSpeech</strong><br>test-clean | test-other</td>
      <td>Heron-Audio-base</td>
      <td>1.74 | 4.04</td>
    </tr>
    <tr>
      <td>Wren-Audio</td>
      <td><strong>1.28</strong> | <strong>2.42</strong></td>
    </tr>
    <tr>
      <td rowspan="2"><strong>AISHELL-1</strong></td>
      <td>Heron-Audio-base</td>
      <td>1.52</td>
    </tr>
    <tr>
      <td>Wren-Audio</td>
      <td><strong>0.60</strong></td>
    </tr>
    <tr>
      <td rowspan="2"><strong>OpenAudioBench</strong><br>AlpacaEval | Llama Questions | Reasoning QA | TriviaQA | Web Questions</td>
      <td>Heron-Audio-base</td>
      <td>57.19 | 69.67 | 42.77 | 40.30 | 45.20</td>
    </tr>
    <tr>
      <td>Wren-Audio</td>
      <td>75.73 | 79.33 | 58.02 | 62.10 | 70.20</td>
    </tr>
  </tbody>
</table>
"""


def test_sets_down_and_a_model_column_give_each_row_of_the_model_its_set_and_split():
    got = run(SETS_BY_MODEL_ROWS, "wren-lab/Wren-Audio")
    named = {(r.benchmark, r.setting.extra, r.value) for r in got.results}
    assert ("LibriSpeech test-clean", (), 1.28) in named
    assert ("LibriSpeech test-other", (), 2.42) in named
    assert ("AISHELL-1", (), 0.6) in named
    assert ("OpenAudioBench Web Questions", (), 70.2) in named
    assert len(got.results) == 8
    assert 1.74 not in {r.value for r in got.results}


# The model's scores under test conditions, one row per condition, no model column.
CONDITION_ROWS = """
# Loon ASR 1B

## Performance

### Noise Robustness

| **SNR Level** | **Avg WER** | **AMI** | **LS test-clean** | **Relative Change** |
|:--|:--:|:--:|:--:|:--:|
| Clean | 6.05 | 11.16 | 1.69 | - |
| SNR 25 | 6.50 | 12.76 | 1.78 | -7.04% |

### Telephony Audio Performance

| **Audio Format** | **Avg WER** | **AMI** | **LS test-clean** | **Relative Change** |
|:--|:--:|:--:|:--:|:--:|
| Standard 16kHz | 6.05 | 11.16 | 1.69 | - |
| μ-law 8kHz | 6.32 | 11.98 | 1.78 | -4.10% |
"""


def test_condition_rows_are_the_model_under_each_condition():
    got = run(CONDITION_ROWS, "loon/loon-asr-1b")
    named = {(r.benchmark, r.setting.extra, r.value) for r in got.results}
    assert ("AMI", ("SNR 25",), 12.76) in named
    assert ("LS test-clean", ("μ-law 8kHz",), 1.78) in named
    assert len(got.results) == 12  # the relative change is no score
    # Under a heading about speed, the same shape is not an evaluation.
    speed = (
        CONDITION_ROWS.replace("## Performance", "## Inference speed")
        .replace("### Noise Robustness", "### Batch sizes")
        .replace(" Performance\n", " Throughput\n")
    )
    assert all(r.setting.extra != ("SNR 25",) for r in run(speed, "loon/loon-asr-1b").results)


def test_a_fairness_table_gives_the_metric_row_per_group_and_skips_the_counts():
    card = """
    ## Model Fairness Evaluation

    ### Gender Bias:

    | Gender | Male | Female | N/A |
    | :--- | :--- | :--- | :--- |
    | Num utterances | 19325 | 24532 | 926 |
    | % WER | 14.66 | 12.44 | 17.17 |

    ## Performance

    | **Version** | **Model** | **RTFx** | **Rel. Latency** | **AMI** |
    |:--:|:--:|:--:|:--:|:--:|
    | nemo-main | loon-asr-1b | 1045.75 | 6.3 | 13.11 |
    """
    got = run(card, "loon/loon-asr-1b")
    assert sorted((r.benchmark, r.value) for r in got.results) == [
        ("AMI", 13.11),
        ("Female", 12.44),
        ("Male", 14.66),
        ("N/A", 17.17),
    ]
    assert {r.metric for r in got.results if r.benchmark != "AMI"} == {"wer"}


def test_metric_columns_under_a_heading_naming_the_benchmark_take_its_name():
    card = """
    ## 🌍 Generalization Beyond Math: GPQA-Diamond

    ### ✅ Comparison (16k)

    | Model | pass@1 | cons@64 |
    |---|---|---|
    | Other-R1-14B | 54.19 | 64.14 |
    | Kestrel-R1-14B | 59.46 | 66.16 |
    """
    got = run(card, "kestrel/Kestrel-R1-14B")
    assert sorted((r.benchmark, r.setting.label(), r.value) for r in got.results) == [
        ("GPQA-Diamond", "maj@64", 66.16),
        ("GPQA-Diamond", "pass@1", 59.46),
    ]


def test_a_bracketed_release_name_and_a_d_for_the_version_dot_name_the_model():
    card = """
    ## Instruct model evaluation

    | Models | MMLU | GSM8K |
    |---|---|---|
    | Lark-7B-SFT | 60.1 | 70.2 |
    | Lark-7B-DPO (Lark-7B-Instruct) | 61.3 | 72.4 |
    | Lark-VL-1.6-8B | 58.0 | 69.0 |
    | Lark-VL-1.5-8B | 55.0 | 65.0 |
    """
    assert found(run(card, "lark/lark-instruct-7b")) == [("MMLU", 61.3), ("GSM8K", 72.4)]
    assert run(card, "lark/lark-instruct-7b").results[0].setting.is_default()
    assert found(run(card, "lark/Lark-VL-1d6-8B")) == [("MMLU", 58.0), ("GSM8K", 69.0)]


def test_the_acronym_a_title_spells_out_names_the_repo_with_its_size():
    card = """
    # Perception Language Model (PLM)

    ## PLM Image Benchmark Results

    | Model | DocVQA | ChartQA |
    |---|---|---|
    | PLM1B | 90.7 | 78.6 |
    | PLM8B | 94.6 | 85.5 |
    """
    assert found(run(card, "facebook/Perception-LM-8B")) == [("DocVQA", 94.6), ("ChartQA", 85.5)]
    # A repo name that does not abbreviate to the acronym is another model of the card.
    assert run(card, "facebook/Perception-Encoder-8B").results == []
    # Nor does a title that does not spell its acronym out define one.
    loose = card.replace("Perception Language Model (PLM)", "Perception Models (PLM)")
    assert run(loose, "facebook/Perception-LM-8B").results == []


def test_a_repo_without_a_version_is_the_one_version_its_card_prints():
    card = """
    # Quartz

    ## Benchmarks

    | Model | ArXiv | Tables |
    |---|---|---|
    | GPT-4o | 70.1 | 60.2 |
    | Lumalab Quartz v0.1.0 | 82.2 | 88.0 |
    """
    assert found(run(card, "lumalab-ai/quartz")) == [("ArXiv", 82.2), ("Tables", 88.0)]
    # Two versions of it and the card says not which the repo is: refused.
    two = card.replace(
        "| GPT-4o | 70.1 | 60.2 |",
        "| GPT-4o | 70.1 | 60.2 |\n    | Lumalab Quartz v0.2.0 | 84.0 | 89.0 |",
    )
    assert run(two, "lumalab-ai/quartz").results == []


def test_a_cell_whose_bars_do_not_pair_with_the_splits_is_not_split_by_them():
    # Three splits named, three values printed, but only two bar-separated pieces: the
    # values cannot be paired with the splits by the bars, and reading goes on.
    card = SETS_BY_MODEL_ROWS.replace(
        "<td>75.73 | 79.33 | 58.02 | 62.10 | 70.20</td>", "<td>75.73 / 79.33 | 58.02</td>"
    ).replace("Reasoning QA | TriviaQA | Web Questions", "Reasoning QA")
    got = run(card, "wren-lab/Wren-Audio")
    assert ("LibriSpeech test-clean", 1.28) in found(got)


# --- stop 19: fresh5 parts J and K ----------------------------------------------------------


ROUNDS = """
# Juniper

## Math

| Scale | Model | GSM8K | MATH500 |
|---|---|---|---|
| Small | Qwen-2.5-7B-Instruct | 91.6 | 75.5 |
| | **Juniper-Qwen-7B** | 93.2 | 85.6 |
| | **Juniper-Qwen-7B (Round 2)** | 93.9 | 83.6 |
"""


def test_a_round_of_training_in_brackets_is_another_checkpoint():
    # "(Round 2)" is the checkpoint made by a second round of training, not a setting of
    # the first: each name takes its own row only.
    first = run(ROUNDS, "juniper-ai/Juniper-Qwen-7B")
    assert found(first) == [("GSM8K", 93.2), ("MATH500", 85.6)]
    second = run(ROUNDS, "juniper-ai/Juniper-7B-Round2", model="Juniper-Qwen-7B (Round 2)")
    assert found(second) == [("GSM8K", 93.9), ("MATH500", 83.6)]
    assert second.results[0].setting.is_default()


def test_a_name_given_with_a_bracketed_word_takes_only_the_row_that_prints_it():
    card = """
    ## Evaluation

    | Model | WER | SIM |
    |---|---|---|
    | Juniper-TTS | 2.1 | 0.71 |
    | Juniper-TTS (studio voice) | 1.8 | 0.75 |
    """
    got = run(card, "juniper-ai/Juniper-TTS", model="Juniper-TTS (studio voice)")
    assert found(got) == [("WER", 1.8), ("SIM", 0.75)]
    assert got.results[0].setting.extra == ()


SPEECH_SUITE = """
# Wren Audio

## Evaluation

### Speech recognition
WER for English and CER for Chinese.

<table>
  <thead>
    <tr><th>Category</th><th>Test set</th><th>Kimi-Audio</th><th>Wren Audio</th></tr>
  </thead>
  <tbody>
    <tr><td rowspan="2">English</td><td>LibriSpeech clean</td><td>1.49</td><td>1.33</td></tr>
    <tr><td>Average</td><td>3.10</td><td>3.50</td></tr>
    <tr><td rowspan="2">Chinese</td><td>AISHELL</td><td>0.61</td><td>0.78</td></tr>
    <tr><td>Average</td><td>2.90</td><td>3.19</td></tr>
  </tbody>
</table>

### Paralinguistic understanding
WrenEval-Paralinguistic
<table>
  <thead><tr><th>Model</th><th>Avg.</th><th>Gender</th><th>Age</th></tr></thead>
  <tbody>
    <tr><td>Kimi-Audio</td><td>49.6</td><td>94</td><td>50</td></tr>
    <tr><td>Wren Audio</td><td>80.0</td><td>100</td><td>94</td></tr>
  </tbody>
</table>

### Audio reasoning
Big Bench Audio
<table>
  <thead><tr><th>Model</th><th>Accuracy</th></tr></thead>
  <tbody>
    <tr><td>GPT-Realtime</td><td>82.8</td></tr>
    <tr><td>Wren Audio</td><td>54.8</td></tr>
  </tbody>
</table>

### Speech translation

<table>
  <thead>
    <tr><th rowspan="2">Model</th><th colspan="2">CoVoST 2 (S2TT)</th></tr>
    <tr><th>English-to-Chinese</th><th>Chinese-to-English</th></tr>
  </thead>
  <tbody>
    <tr><td>Qwen2.5-Omni</td><td>41.40</td><td>29.40</td></tr>
    <tr><td>Wren Audio</td><td>49.12</td><td>29.47</td></tr>
  </tbody>
</table>

### Conversation
Wren-Talk-Bench. B. and P. stand for basic and pro.

<table>
  <thead>
    <tr><th>Model</th><th>Language</th><th>B.</th><th>P.</th></tr>
  </thead>
  <tbody>
    <tr><td>Kimi-Audio</td><td>Chinese</td><td>73.6</td><td>66.1</td></tr>
    <tr><td>Wren Audio</td><td>Chinese</td><td>77.8</td><td>69.6</td></tr>
    <tr><td>Kimi-Audio</td><td>English</td><td>60.0</td><td>49.8</td></tr>
    <tr><td>Wren Audio</td><td>English</td><td>74.4</td><td>61.3</td></tr>
  </tbody>
</table>
"""


def test_a_label_repeated_under_several_categories_takes_its_category():
    got = found(run(SPEECH_SUITE, "wren-lab/Wren-Audio"))
    assert ("English Average", 3.5) in got and ("Chinese Average", 3.19) in got
    # A label said once keeps its own name.
    assert ("LibriSpeech clean", 1.33) in got


def test_a_caption_that_is_a_benchmark_name_names_its_part_columns():
    got = found(run(SPEECH_SUITE, "wren-lab/Wren-Audio"))
    assert ("WrenEval-Paralinguistic Gender", 100.0) in got
    assert ("WrenEval-Paralinguistic Avg.", 80.0) in got
    # A column that prints only a metric takes the caption as its benchmark.
    assert ("Big Bench Audio", 54.8) in got


def test_a_group_header_names_the_benchmark_of_its_sub_columns():
    got = found(run(SPEECH_SUITE, "wren-lab/Wren-Audio"))
    assert ("CoVoST 2 (S2TT) English-to-Chinese", 49.12) in got
    assert ("CoVoST 2 (S2TT) Chinese-to-English", 29.47) in got


def test_model_rows_one_per_language_are_one_per_set():
    # `Model | Language | ...`: the model's two rows are its scores on two languages, not
    # two rivals; the caption's first sentence names the benchmark.
    got = found(run(SPEECH_SUITE, "wren-lab/Wren-Audio"))
    assert ("Wren-Talk-Bench Chinese B.", 77.8) in got
    assert ("Wren-Talk-Bench English P.", 61.3) in got


def test_a_generic_group_header_is_not_a_benchmark_name():
    card = """
    ## Evaluation: speech conversation

    <table>
      <thead>
        <tr><th rowspan="2">Model</th><th colspan="2">Ability</th></tr>
        <tr><th>Speed Control</th><th>Accent Control</th></tr>
      </thead>
      <tbody>
        <tr><td>GLM-4-Voice</td><td>4.2</td><td>2.4</td></tr>
        <tr><td>Wren Audio</td><td>4.3</td><td>3.4</td></tr>
      </tbody>
    </table>
    """
    assert found(run(card, "wren-lab/Wren-Audio")) == [
        ("Speed Control", 4.3),
        ("Accent Control", 3.4),
    ]


PARSER_BENCHES = """
# Quill-OCR-3B

## Benchmarks

1. In [Quill-bench-single](https://huggingface.co/datasets/quill/Quill-bench-single), we calculated the Edit Distance Similarity.

    <table>
      <thead><tr><th>Language</th><th>Model</th><th>Avg EDS ↑</th></tr></thead>
      <tbody>
        <tr><td rowspan="2">English</td><td>MonkeyOCR</td><td>0.828</td></tr>
        <tr><td><strong>Quill-OCR-3B</strong></td><td>0.971</td></tr>
        <tr><td rowspan="2">Chinese</td><td>MonkeyOCR</td><td>0.811</td></tr>
        <tr><td><strong>Quill-OCR-3B</strong></td><td>0.962</td></tr>
      </tbody>
    </table>

2. In [Quill-bench-cross](https://huggingface.co/datasets/quill/Quill-bench-cross), we calculated precision, recall and F1.

    | Language | Precision ↑ | Recall ↑ | F1 ↑ |
    |----------|-------------|----------|------|
    | English  | 0.992       | 0.964    | 0.978 |
    | Chinese  | 1.000       | 0.988    | 0.994 |

3. In [Quill-tables](https://huggingface.co/datasets/quill/Quill-tables), we calculate TEDS.

    | Table type | Avg TEDS ↑ |
    |------------|------------|
    | Simple     | 0.965      |
    | Complex    | 0.935      |
"""


def test_model_rows_one_per_language_on_the_left_and_a_linked_dataset():
    got = run(PARSER_BENCHES, "quill/Quill-OCR-3B")
    pairs = found(got)
    assert ("Quill-bench-single English Avg EDS ↑", 0.971) in pairs
    assert ("Quill-bench-single Chinese Avg EDS ↑", 0.962) in pairs
    assert all(v != 0.828 and v != 0.811 for _, v in pairs)


def test_metric_columns_with_direction_arrows_of_a_linked_dataset():
    got = run(PARSER_BENCHES, "quill/Quill-OCR-3B")
    cross = [r for r in got.results if r.benchmark == "Quill-bench-cross English"]
    assert [(r.metric, r.value) for r in cross] == [
        ("precision", 0.992),
        ("recall", 0.964),
        ("f1", 0.978),
    ]


def test_a_one_score_column_under_a_line_linking_a_hub_dataset_is_the_models():
    got = run(PARSER_BENCHES, "quill/Quill-OCR-3B")
    tables = [r for r in got.results if r.benchmark.startswith("Quill-tables")]
    assert [(r.benchmark, r.value, r.metric) for r in tables] == [
        ("Quill-tables Simple", 0.965, "avg_teds"),
        ("Quill-tables Complex", 0.935, "avg_teds"),
    ]


def test_base_and_instruct_groups_are_not_sets_of_one_model():
    card = """
    ## Evaluation

    <table>
      <thead><tr><th>Type</th><th>Model</th><th>MMLU</th></tr></thead>
      <tbody>
        <tr><td rowspan="2">Base</td><td>Qwen2.5-7B</td><td>74.2</td></tr>
        <tr><td>Quill-7B</td><td>70.1</td></tr>
        <tr><td rowspan="2">Instruct</td><td>Qwen2.5-7B</td><td>75.0</td></tr>
        <tr><td>Quill-7B</td><td>72.3</td></tr>
      </tbody>
    </table>
    """
    assert found(run(card, "quill/Quill-7B")) == []


def test_a_round_column_is_a_setting_not_a_score():
    card = """
    ## Multi-round thinking (pass@1)

    | Model | Round | AIME 2024 pass@1 | MATH500 pass@1 |
    |---|---|---|---|
    | QwQ-32B | 1 | 80.3 | 97.2 |
    | Quill-Distill-32B | 1 | 72.8 | 96.2 |
    """
    got = found(run(card, "quill/Quill-Distill-32B"))
    assert ("Round", 1.0) not in got
    assert ("AIME 2024 pass@1", 72.8) in got


# --- stop 20: fresh5 part L's classes (classification reports, rowspan-like blocks) ----------


def test_a_classification_report_gives_each_class_its_metrics_and_skips_the_support():
    card = """
    # Sorrel sentiment tagger

    ## Evaluation on the test split

    | Label    | Precision | Recall | F1-Score | Support |
    |----------|-----------|--------|----------|---------|
    | positive | 0.91      | 0.88   | 0.89     | 1204    |
    | negative | 0.86      | 0.90   | 0.88     | 1130    |
    | **macro avg** | 0.885 | 0.89 | 0.885   | 2334    |
    """
    got = run(card, "sorrel/sorrel-sentiment-v1")
    assert [(r.benchmark, r.value, r.metric) for r in got.results] == [
        ("positive", 0.91, "precision"),
        ("positive", 0.88, "recall"),
        ("positive", 0.89, "f1_score"),
        ("negative", 0.86, "precision"),
        ("negative", 0.9, "recall"),
        ("negative", 0.88, "f1_score"),
        ("macro avg", 0.885, "precision"),
        ("macro avg", 0.89, "recall"),
        ("macro avg", 0.885, "f1_score"),
    ]
    counted = card.replace("| Support |", "| support (#sub-word) |")
    assert [r.value for r in run(counted, "sorrel/sorrel-sentiment-v1").results][:3] == [
        0.91,
        0.88,
        0.89,
    ]


BLOCKS_BY_MODEL = """
## Zero-shot NER benchmark

| Model              | Dataset        | Precision | Recall | F1     | F1 (0-1) |
|--------------------|----------------|-----------|--------|--------|----------|
| acme/ner-zero-base | WNUT-17        | 60.10%    | 40.20% | 48.17% | 0.4817   |
|                    | Ontonotes      | 70.00%    | 66.00% | 67.94% | 0.6794   |
|                    | **Average**    |           |        |        | **0.5806** |
| acme/ner-zero-large| WNUT-17        | 62.50%    | 44.10% | 51.71% | 0.5171   |
|                    | Ontonotes      | 72.30%    | 69.40% | 70.82% | 0.7082   |
|                    | **Average**    |           |        |        | **0.6127** |
| other/ner-rival    | WNUT-17        | 58.00%    | 39.00% | 46.64% | 0.4664   |
"""


def test_a_models_block_of_rows_gives_each_set_its_metrics():
    """The name on a block's first row only (a markdown rowspan): the blank rows below are
    the same model on the other sets; the next block is another model's."""
    got = run(BLOCKS_BY_MODEL, "acme/ner-zero-large")
    triples = [(r.benchmark, r.value, r.metric) for r in got.results]
    assert ("WNUT-17", 62.5, "precision") in triples
    assert ("WNUT-17", 44.1, "recall") in triples
    assert ("Ontonotes", 70.82, "f1") in triples
    assert ("Average", 0.6127, "f1") in triples
    assert not any(v in (60.1, 70.0, 58.0, 0.5806) for _, v, _ in triples)
    assert all(r.benchmark not in ("Precision", "Recall", "F1") for r in got.results)


def test_one_score_printed_in_percent_and_as_a_fraction_is_published_once():
    from hfeval.extraction import for_publishing

    got = run(BLOCKS_BY_MODEL, "acme/ner-zero-large")
    kept, disagreements = for_publishing(got.results)
    assert disagreements == []
    f1 = [(r.value) for r in kept if r.benchmark == "WNUT-17" and r.metric == "f1"]
    assert f1 == [51.71]


def test_rounds_below_the_models_first_round_are_the_model_in_each_round():
    card = """
    ## Multi-round thinking (pass@1)

    | **Model**         | **Round** | **AIME 2024** | **MATH500** |
    |-------------------|-----------|---------------|-------------|
    | **QwQ-32B**       | 1         | 80.3          | 97.2        |
    |                   | **2**     | **82.1**      | **97.8**    |
    | **Quill-Distill-32B** | 1     | 72.8          | 96.2        |
    |                   | 2         | 75.9          | 96.9        |
    |                   | **3**     | **76.7**      | **97.2**    |
    | **Rival-32B**     | 1         | 70.0          | 95.0        |
    """
    got = run(card, "quill/Quill-Distill-32B")
    rounds = {(r.benchmark, r.value, r.setting.label()) for r in got.results}
    assert {v for _, v, _ in rounds} == {72.8, 96.2, 75.9, 96.9, 76.7, 97.2}
    labels = {label for b, v, label in rounds if b == "AIME 2024"}
    assert len(labels) == 3 and all("Round" in label for label in labels)


def test_a_bare_row_of_numbers_under_the_model_is_not_the_model_again():
    card = """
    ## Results

    | Model | MMLU | GSM8K |
    |---|---|---|
    | Quill-7B | 61.0 | 50.2 |
    |  | 0.4 | 0.9 |
    | Rival-7B | 60.0 | 48.0 |
    """
    assert found(run(card, "quill/Quill-7B")) == [("MMLU", 61.0), ("GSM8K", 50.2)]


def test_blank_name_rows_of_quantizations_are_other_checkpoints():
    card = """
    ## Performance of quantized models

    | Model | Quantization | MMMU | DocVQA |
    | --- | --- | --- | --- |
    | Quill-VL-7B-Instruct | BF16 | 53.8 | 93.9 |
    |  | GPTQ-Int4 | 52.6 | 93.2 |
    |  | AWQ | 53.7 | 93.1 |
    """
    assert found(run(card, "quill/Quill-VL-7B-Instruct")) == [("MMMU", 53.8), ("DocVQA", 93.9)]


def test_a_rating_and_the_top_of_its_scale_is_one_score():
    card = """
    # Lark TTS

    ## Evaluation

    | Benchmark | Score |
    |---|---|
    | Lark Instruction Benchmark — Quality | **4.51 / 5.0** |
    | MT-Bench | 8.2/10 |
    | WMT23 (en->fr/fr->en) | 41.0/37.5 |
    """
    got = found(run(card, "lark/lark-tts"))
    assert ("Lark Instruction Benchmark — Quality", 4.51) in got
    assert ("MT-Bench", 8.2) in got
    assert not any(v in (5.0, 10.0) for _, v in got)
    assert ("WMT23 (en->fr/fr->en)", 37.5) in got


def test_data_amounts_in_a_recipe_table_are_not_scores():
    card = """
    ## Evaluation

    |            | **Quill-7B-RL**   | **Rival-7B-Instruct** |
    | ---------- | ----------------- | --------------------- |
    | Base Model | Qwen2.5-7B        | Qwen2.5-7B            |
    | SFT Data   | **230K**          | 2.5M                  |
    | RM Data    | **0**             | 618K                  |
    | AIME 2024  | 26.7              | 13.3                  |
    """
    assert found(run(card, "quill/Quill-7B-RL")) == [("AIME 2024", 26.7)]


SHORT_NAME_TWIN_TABLES = """
# wren-retriever-small-v1

## Results against other small retrievers

| Dataset / Model | wren-r-s | finch-s | gull-base |
|:---|:---:|:---:|:---:|
| **Size** | 33M (1x) | 33M (1x) | 109M (3.3x) |
| **BEIR AVG** | **53.79** | 51.99 | 53.25 |
| **FiQA2018** | **41.15** | 40.65 | 40.65 |
| **HotpotQA** | **76.11** | 66.54 | 72.6 |
| **NQ** | **59.1** | 50.9 | 54.15 |
| **MSMARCO** | **43.5** | 40.23 | 41.35 |

## Against the larger baseline

| Dataset / Model | wren-retriever-small-v1 | heron-v2 |
|:---|:---:|:---:|
| **BEIR AVG** | **53.79** | 50.02 |
| **FiQA2018** | **41.15** | 35.6 |
| **HotpotQA** | **76.11** | 66.7 |
| **NQ** | **59.1** | 56.2 |
"""


def test_a_column_printing_the_models_numbers_from_another_table_is_the_model():
    """The card's short name for itself: every benchmark both tables print agrees."""
    got = run(SHORT_NAME_TWIN_TABLES, "wrenlab/wren-retriever-small-v1")
    first = [(r.benchmark, r.value) for r in got.results if r.source.line < 14]
    assert ("MSMARCO", 43.5) in first
    assert ("BEIR AVG", 53.79) in first
    assert not any(v in (51.99, 40.23, 109.0, 33.0) for _, v in found(got))


def test_a_column_agreeing_on_too_few_numbers_or_disagreeing_once_is_not_the_model():
    few = SHORT_NAME_TWIN_TABLES.replace("| **NQ** | **59.1** | 56.2 |\n", "").replace(
        "| **HotpotQA** | **76.11** | 66.7 |\n", ""
    )
    got = run(few, "wrenlab/wren-retriever-small-v1")
    assert ("MSMARCO", 43.5) not in found(got)
    off = SHORT_NAME_TWIN_TABLES.replace(
        "| **NQ** | **59.1** | 50.9 |", "| **NQ** | **58.1** | 50.9 |"
    )
    got = run(off, "wrenlab/wren-retriever-small-v1")
    assert ("MSMARCO", 43.5) not in found(got)


def test_a_model_named_as_where_the_test_data_came_from_does_not_own_the_table():
    card = """
    # Heron Guard 2B

    ## Evaluations

    ### Tool-call hallucination
    Synthetic errors are generated from `acme/Teacher-70B-v1` teacher model.

    | Metric | multiple | simple | parallel |
    |---|---|---|---|
    | **AUC** | 0.68 | 0.71 | 0.72 |
    """
    got = run(card, "heron/heron-guard-2b")
    assert found(got) == [("multiple", 0.68), ("simple", 0.71), ("parallel", 0.72)]
    reward = card.replace(
        "Synthetic errors are generated from `acme/Teacher-70B-v1` teacher model.",
        "Scores of the reward model Teacher-70B-v1.",
    )
    assert found(run(reward, "heron/heron-guard-2b")) == []
    by_repo_id = reward.replace("model Teacher-70B-v1", "model acme/Teacher-70B-v1")
    assert found(run(by_repo_id, "heron/heron-guard-2b")) == []


def test_a_fine_tuned_row_beside_the_zero_shot_row_is_another_checkpoint():
    card = """
    ## Evaluation

    | Model | Pick Can | Move Near |
    |---|---|---|
    | Rival (zero-shot) | 70.0 | 60.0 |
    | Wren-VLA (zero-shot) | 81.0 | 69.6 |
    | Wren-VLA (fine-tuning) | 86.0 | 77.9 |
    | Wren-VLA (from scratch) | 40.0 | 30.0 |
    """
    got = found(run(card, "wren/wren-vla-4b", model="Wren-VLA (zero-shot)"))
    assert got == [("Pick Can", 81.0), ("Move Near", 69.6)]


def test_a_table_printed_in_side_by_side_blocks_gives_each_row_its_own_blocks_scores():
    card = """
    ## MT-Bench

    | Proprietary Models | #Params | MT-Bench | Open Source Models | #Params | MT-Bench |
    |---|---|---|---|---|---|
    | GPT-4-0613 | - | 9.18 | Rival-72B-Chat | 72B | 8.61 |
    | Wren-7B-Chat | 7B | 8.22 | Other-7B | 7B | 7.81 |
    """
    assert found(run(card, "wren/Wren-7B-Chat")) == [("MT-Bench", 8.22)]


def test_a_spanning_group_header_is_not_a_side_by_side_block():
    card = """
    ## Speech translation evaluation

    <table>
      <thead>
        <tr><th rowspan="2">Model</th><th colspan="3">CoVoST 2 (S2TT)</th></tr>
        <tr><th>Avg.</th><th>English-to-Chinese</th><th>Chinese-to-English</th></tr>
      </thead>
      <tbody>
        <tr><td>Wren Audio</td><td>39.3</td><td>49.1</td><td>29.5</td></tr>
        <tr><td>Rival Audio</td><td>35.0</td><td>40.0</td><td>30.0</td></tr>
      </tbody>
    </table>
    """
    assert [v for _, v in found(run(card, "wren/wren-audio"))] == [39.3, 49.1, 29.5]


def test_training_sample_counts_and_average_lengths_are_not_scores():
    card = """
    ## Results

    | Model | AIME24 | MATH500 | Training Samples | Avg. Length |
    |---|---|---|---|---|
    | Wren-32B | 57.1 | 94.8 | 817 | 2066 |
    | Rival-32B | 50.0 | 90.0 | 100000 | 1800 |
    """
    assert found(run(card, "wren/Wren-32B")) == [("AIME24", 57.1), ("MATH500", 94.8)]


def test_metric_columns_under_a_bold_caption_are_the_captions_benchmark_by_metric():
    """The caption line right above the table names the benchmark even after a paragraph
    under the heading; each column is its metric, so equal values stay apart."""
    card = """
    ## Evaluation

    ### Hard split
    The hard split uses the full four-million-listing catalogue.

    **ShopSearch-Text2Image Retrieval.**

    | **Embedding Model** | **mAP** | **R@10** | **MRR** | **nDCG@10** |
    |---|---|---|---|---|
    | **Wren-Embed-L** | **0.682** | **0.878** | **0.683** | **0.726** |
    | Wren-Embed-B | 0.897 | 0.967 | 0.897 | 0.914 |
    """
    got = run(card, "wren/wren-embed-B")
    assert [(r.benchmark, r.value, r.metric) for r in got.results] == [
        ("ShopSearch-Text2Image Retrieval", 0.897, "map"),
        ("ShopSearch-Text2Image Retrieval", 0.967, "r@10"),
        ("ShopSearch-Text2Image Retrieval", 0.897, "mrr"),
        ("ShopSearch-Text2Image Retrieval", 0.914, "ndcg@10"),
    ]


def test_a_table_of_checkpoints_trained_on_other_data_than_the_repo_names_is_refused():
    card = """
    ## Evaluation

    *Results for backbones pretrained on web images (WEB-1200M)*

    | Model | IN-ReaL | ADE20k |
    |---|---|---|
    | Wren ViT-L/16 | 90.2 | 54.9 |
    | Rival ViT-L/16 | 88.0 | 50.1 |

    *Results for backbones pretrained on aerial images (AER-400M)*

    | Model | m-eurosat | m-so2sat |
    |---|---|---|
    | Wren ViT-L/16 | 94.1 | 57.4 |
    """
    got = run(card, "wren/wren-vitl16-pretrain-web1200m", model="Wren ViT-L/16")
    assert found(got) == [("IN-ReaL", 90.2), ("ADE20k", 54.9)]
    assert got.tables[1].status == "other-variant"


def test_a_category_breakdown_under_a_benchmark_heading_is_that_benchmarks_parts():
    card = """
    # Wren-8B-Instruct

    ### MMLU-Pro Category Breakdown

    | Category | Score |
    |----------|-------|
    | Biology | 63.18% |
    | Math | 54.92% |
    | Law | 21.98% |
    """
    got = run(card, "wren/Wren-8B-Instruct")
    assert [(r.benchmark, r.value, r.benchmark_id) for r in got.results] == [
        ("MMLU-Pro Biology", 63.18, None),
        ("MMLU-Pro Math", 54.92, None),
        ("MMLU-Pro Law", 21.98, None),
    ]


def test_a_dataset_corner_cell_says_a_models_as_columns_table_is_an_evaluation():
    card = """
    ## Why choose Wren-ColBERT?

    | Dataset / Model | Rival-ColBERT | wren-colbert (Ours) |
    |:---|:---:|:---:|
    | **Retrieval Average** | **54.75** (🥇) | **54.19** (🥈) |
    """
    got = found(run(card, "wren/wren-colbert-base", model="wren-colbert (Ours)"))
    assert got == [("Retrieval Average", 54.19)]
    plain = card.replace("Dataset / Model", "Model")
    assert found(run(plain, "wren/wren-colbert-base", model="wren-colbert (Ours)")) == []


def test_a_column_that_says_it_holds_scores_makes_the_table_an_evaluation():
    card = """
    ## List of Wren retrievers

    | Model | Score on [DocBench](https://example.org/leaderboard) 🏆 | License |
    |---|---|---|
    | [wren/wren-ret-v0.1](https://huggingface.co/wren/wren-ret-v0.1) | 88.8 | Apache 2.0 |
    | [wren/wren-ret-v0.2](https://huggingface.co/wren/wren-ret-v0.2) | 89.4 | Apache 2.0 |
    """
    assert [v for _, v in found(run(card, "wren/wren-ret-v0.2"))] == [89.4]
    plain = card.replace("Score on [DocBench](https://example.org/leaderboard) 🏆", "Pages")
    assert found(run(plain, "wren/wren-ret-v0.2")) == []


def test_the_download_tables_property_picks_the_repos_row_among_same_named_rows():
    card = """
    # Wren-Mini

    | Model | Context Length | 🤗 Hugging Face |
    |---|---|---|
    | Wren-Mini | 28K | [`Base`](https://huggingface.co/wren/Wren-Mini) |
    | Wren-Mini-Instruct | 28K | [`Instruct`](https://huggingface.co/wren/Wren-Mini-Instruct) |

    ## Benchmarks

    | Models | Context Length | MATH 500 | GSM 8K |
    |---|---|---|---|
    | Rival | 4K | 15.00 | 53.83 |
    | Wren-Mini | 4K | 32.60 | 66.65 |
    | Wren-Mini | 28K | 37.80 | 68.46 |
    """
    assert found(run(card, "wren/Wren-Mini")) == [("MATH 500", 37.8), ("GSM 8K", 68.46)]
    unlisted = card.replace("| Wren-Mini | 28K | [`Base`]", "| Wren-Mini | - | [`Base`]")
    assert found(run(unlisted, "wren/Wren-Mini")) == []


def test_a_name_with_one_word_cut_short_is_the_repos_model():
    card = """
    ## Results

    | Model Name | MMLU-Pro | GPQA |
    |---|---|---|
    | Qwen3-14B-Base | 64.2 | 45.9 |
    | **Wren-Reasoner-14B** | 66.6 | 43.4 |
    | **Wren-Reasoner-Qw3-14B** | **70.3** | **56.1** |
    """
    assert found(run(card, "wren/Wren-Reasoner-Qwen3-14B")) == [("MMLU-Pro", 70.3), ("GPQA", 56.1)]
    # A cut that drops the version, or a word that is no prefix of the repo's, is not it.
    other = card.replace("Wren-Reasoner-Qw3-14B", "Wren-Reasoner-Qw2-14B")
    assert found(run(other, "wren/Wren-Reasoner-Qwen3-14B")) == []


def test_shot_columns_under_a_heading_take_the_heading_as_their_benchmark():
    card = """
    ## Evaluation results

    ### SentiNeg (F1)

    | Model | params | 0-shot | 5-shot |
    |---|---|---|---|
    | [other/rival-6b](https://huggingface.co/other/rival-6b) | 6.0B | 0.3747 | 0.8942 |
    | **[wren/wren-ko-12.8b](https://huggingface.co/wren/wren-ko-12.8b) (this)** | **12.8B** | **0.9117** | **0.9015** |
    """
    got = run(card, "wren/wren-ko-12.8b")
    assert [(r.benchmark, r.value, r.setting.shots) for r in got.results] == [
        ("SentiNeg (F1)", 0.9117, 0),
        ("SentiNeg (F1)", 0.9015, 5),
    ]
    assert all("this" not in r.setting.label() for r in got.results)
    # With no heading to name it, a shot count is never published as a benchmark.
    bare = card.replace("### SentiNeg (F1)\n", "")
    assert all(
        r.benchmark not in ("0-shot", "5-shot") for r in run(bare, "wren/wren-ko-12.8b").results
    )


def test_a_time_in_brackets_is_not_a_score():
    card = """
    ## Evaluation

    | Model | Size | ToxicChat F1 | Speed (ms/input) |
    |---|---|---|---|
    | Rival Guard | 7B | 0.61 | 120 |
    | Wren Guard | 0.5B | 0.74 | 16 |
    """
    assert found(run(card, "wren/wren-guard", model="Wren Guard")) == [("ToxicChat F1", 0.74)]


def test_tags_between_a_benchmark_and_its_shots_are_settings_not_the_name():
    card = """
    ## Chat model performance

    | Models | | ↑ MT-Bench-tw (Score) | TMMLU+ (ACC) | TMMLU+ (ACC) |
    |---|---|---|---|---|
    | | | TC, Chat | TC, Knowledge | TC, Knowledge |
    | | | 0 shot | 0 shot | 5 shot |
    | [Rival-7B-Chat](https://huggingface.co/r/Rival-7B-Chat) | 7B | 5.4 | 40.02 | |
    | [**Wren-7B-Instruct**](https://huggingface.co/w/Wren-7B-Instruct) | 7B | 5.7 | 41.61 | 44.10 |
    """
    got = run(card, "w/Wren-7B-Instruct")
    names = [r.benchmark for r in got.results]
    assert names[0].startswith("↑ MT-Bench-tw (Score)")
    assert names[1].startswith("TMMLU+ (ACC)") and names[2].startswith("TMMLU+ (ACC)")
    assert [(r.value, r.setting.shots) for r in got.results] == [(5.7, 0), (41.61, 0), (44.1, 5)]
    assert all("TC" in r.setting.label() for r in got.results)


WREN_MED_CARD = """
# Wren-Med model card

Wren-Med 4B is available in pre-trained (`-pt`) and instruction-tuned (`-it`) versions.

### Imaging evaluations

Wren-Med 4B outperforms the base Rival 3 4B model across all tested benchmarks.

| Task and metric | Rival 3 4B | Wren-Med 4B |
| :---- | :---- | :---- |
| SLAKE (radiology) - Tokenized F1 | 40.2 | 72.3 |
| MedQA (4-op) | 50.7 | 64.4 |

### Report generation results

| Metric | Wren-Med 4B (pre-trained) | Wren-Med 4B (tuned for CXR) |
| :---- | :---- | :---- |
| RadGraph F1 | 29.5 | 30.3 |
"""


def test_a_card_that_marks_its_pre_trained_checkpoint_uses_the_bare_name_for_the_other():
    got = found(run(WREN_MED_CARD, "wren/wren-med-4b-it"))
    assert got == [("SLAKE (radiology) - Tokenized F1", 72.3), ("MedQA (4-op)", 64.4)]


def test_pre_trained_and_tuned_for_brackets_name_other_checkpoints():
    got = found(run(WREN_MED_CARD, "wren/wren-med-4b-it", model="Wren-Med 4B"))
    assert ("RadGraph F1", 29.5) not in got and ("RadGraph F1", 30.3) not in got
    base = found(run(WREN_MED_CARD, "wren/wren-med-4b-pt", model="Wren-Med 4B (pre-trained)"))
    assert base == [("RadGraph F1", 29.5)]


def test_a_label_listing_two_names_gives_the_model_its_part_of_each_cell():
    card = """
    ## Evaluation

    | Model | SWE-bench Verified | HumanEval |
    |---|---|---|
    | Rival-24B | 53.6 | 80.1 |
    | **Wren / Wren + tts** | 53.9 / 65.8 | 81.0 |
    """
    assert found(run(card, "wren/Wren", model="Wren")) == [("SWE-bench Verified", 53.9)]


def test_the_backbone_the_repo_id_names_picks_the_models_row_among_tables():
    card = """
    ## Main results

    | Method | Backbone VLM | ScreenSpot-Pro | ScreenSpot-v2 |
    |---|---|---|---|
    | UI-Rival-7B | Qwen2-VL | 35.7 | 91.6 |
    | **Wren-Actor-7B** | Qwen2-VL | **40.7** | 89.5 |

    | Method | Backbone VLM | ScreenSpot-Pro | ScreenSpot-v2 |
    |---|---|---|---|
    | Qwen2.5-VL-7B | Qwen2.5-VL | 27.6 | 88.8 |
    | **Wren-Actor-7B** | Qwen2.5-VL | **44.6** | **92.1** |
    """
    expected = [("ScreenSpot-Pro", 40.7), ("ScreenSpot-v2", 89.5)]
    assert found(run(card, "wren/Wren-Actor-7B-Qwen2-VL")) == expected
    assert found(run(card, "wren/Wren-Actor-7B-Qwen2-VL", model="Wren-Actor-7B")) == expected


def test_accents_on_latin_letters_do_not_make_another_name():
    card = """
    ## Results in Portuguese

    | Model | ENEM | BLUEX |
    |---|---|---|
    | LLaMA-2-7B | 29.0 | 26.1 |
    | Sabiá-7B | 55.1 | 47.7 |
    """
    assert found(run(card, "maritaca/sabia-7b")) == [("ENEM", 55.1), ("BLUEX", 47.7)]


def test_a_heading_that_is_a_metric_makes_the_table_an_evaluation():
    card = """
    ## CER(%) ↓

    | Model | Language Tag | aishell_1_test(↓) | HKUST_dev(↓) |
    |:---:|:---:|:---:|:---:|
    | whisper-large-v3 | Chinese | 8.085 | 28.597 |
    | Wren-whisper-large-v3-zh | Chinese | 2.781 | 16.440 |
    """
    got = found(run(card, "wren/Wren-whisper-large-v3-zh"))
    assert got == [("aishell_1_test(↓)", 2.781), ("HKUST_dev(↓)", 16.44)]


def test_a_leaderboard_table_that_links_the_repos_own_details_is_the_models():
    card = """
    # [Open Regional LLM Leaderboard Evaluation Results](https://huggingface.co/spaces/x/board)
    Detailed results can be found [here](https://huggingface.co/datasets/x/raw/tree/main/wren/wren-7b)

    | Metric | Value |
    |---|---|
    | Average | **47.09** |
    | ENEM Challenge (No Images) | 55.07 |
    """
    assert found(run(card, "wren/wren-7b")) == [
        ("Average", 47.09),
        ("ENEM Challenge (No Images)", 55.07),
    ]
    other = card.replace("tree/main/wren/wren-7b", "tree/main/wren/wren-7b-instruct")
    assert found(run(other, "wren/wren-7b")) == []


def test_the_repo_name_without_its_version_is_the_model_when_no_other_version_is_printed():
    card = """
    ## Benchmark

    | Model | Humaneval Instruct | MBPP Plus |
    | --- | --- | --- |
    | Wren-Base | 29.3 | 46.0 |
    | Wren-Instruct | 54.3 | 63.2 |
    """
    assert found(run(card, "wren/Wren-v0-Instruct")) == [
        ("Humaneval Instruct", 54.3),
        ("MBPP Plus", 63.2),
    ]
    two = card.replace("| Wren-Base | 29.3 | 46.0 |", "| Wren-v1-Instruct | 60.1 | 66.0 |")
    assert found(run(two, "wren/Wren-v0-Instruct")) == []


def test_a_metric_row_names_the_metric_unless_the_column_names_its_own():
    card = """
    ## Evaluation

    | Metric | hellaswag_it acc_norm | m_mmlu_it 5-shot acc | Average |
    |:---|:---|:---|:---|
    | **Accuracy Normalized** | 0.6518 | 0.5729 | 0.5896 |
    """
    got = run(card, "wren/Wren-8b-Ita")
    assert [(r.benchmark, r.value, r.metric) for r in got.results] == [
        ("hellaswag_it acc_norm", 0.6518, "acc_norm"),
        ("m_mmlu_it 5-shot acc", 0.5729, "accuracy"),
        ("Average", 0.5896, "accuracy_normalized"),
    ]


def test_two_tables_told_apart_only_by_their_heading_keep_the_heading_as_a_setting():
    from hfeval.extraction import for_publishing

    table = "\n| Model | ShopSearch mAP |\n|---|---|\n| Rival-Embed | 0.540 |\n| Wren-Embed-B | {value} |\n"
    card = (
        "## Evaluation\n\n### Hard split\n"
        + table.format(value="0.623")
        + "\n### Easy split\n"
        + table.format(value="0.842")
    )
    got = run(card, "wren/Wren-Embed-B")
    assert [(r.value, r.setting.label()) for r in got.results] == [
        (0.623, "Hard split"),
        (0.842, "Easy split"),
    ]
    kept, disagreements = for_publishing(got.results)
    assert len(kept) == 2 and disagreements == []


def test_the_hugging_face_codebase_row_is_the_hub_repos_model():
    card = """
    ## Vision-language benchmarks

    | Benchmark | MMMU | MathVista |
    |---|---|---|
    | Wren-D 1.0 72B (Huggingface) | 59.7 | 65.2 |
    | Wren-D 1.0 72B (Megatron) | 58.7 | 65.8 |
    | Rival-72B | 55.0 | 60.1 |
    """
    assert found(run(card, "wren/Wren-D-72B", model="Wren-D 1.0 72B")) == [
        ("MMMU", 59.7),
        ("MathVista", 65.2),
    ]


def test_a_repo_name_that_adds_its_base_model_or_language_finds_the_printed_product_name():
    card = """
    ## Medical benchmarks

    | Model | MedQA | PubMedQA |
    |---|---|---|
    | **Wrenbio-8B** | 58.9 | 74.1 |
    | Wrenbio-70B | 78.2 | 79.3 |
    | Llama-3-8B | 55.0 | 70.2 |
    """
    expected = [("MedQA", 58.9), ("PubMedQA", 74.1)]
    assert found(run(card, "wren/Llama3-Wrenbio-8B")) == expected  # the base model first
    assert found(run(card, "wren/llama-3-Wrenbio-8B")) == expected  # family and version apart
    one_size = card.replace("Wrenbio-8B", "Wrenbio").replace("| Wrenbio-70B |", "| Rival-7B |")
    assert found(run(one_size, "wren/Wrenbio-zh")) == expected  # the language it serves
    # "Wrenbio-70B" beside "Wrenbio" may mean "Wrenbio" is another size's name.
    assert found(run(card.replace("Wrenbio-8B", "Wrenbio"), "wren/Wrenbio-zh")) == []
    # A name of family words only is the base model, not this one.
    assert found(run(card, "wren/Llama-3-8B-zh")) == []
    # Dropping a size or an instruct word makes another model; so does a second reading.
    assert found(run(card, "wren/Wrenbio-8B-Chat")) == []
    twice = card.replace("| Wrenbio-70B |", "| Wrenbio-Qwen2-8B |")
    assert found(run(twice, "wren/Llama3-Wrenbio-8B")) == []


def test_memory_and_energy_rows_above_the_scores_are_properties_not_header_rows():
    card = """
    ## Evaluation

    | Benchmark | Rival 1B | **Wren 2B** |
    |---|---|---|
    | **Memory (Non-emb)** | 2GB | **0.4GB** |
    | **Energy (Estimated)** | 0.258J | **0.028J** |
    | ARC-Challenge | 37.80 | **49.91** |
    | BoolQ | 64.65 | 80.18 |
    """
    got = run(card, "wren/Wren-2B")
    assert [(r.benchmark, r.value, r.setting.label()) for r in got.results] == [
        ("ARC-Challenge", 49.91, ""),
        ("BoolQ", 80.18, ""),
    ]


def test_blocks_stacked_in_one_table_each_take_their_own_title():
    block = """
      <thead>
        <tr><th colspan="3"><b>{title}</b></th></tr>
        <tr><th></th><th>Edit-distance ↓</th><th>F1 ↑</th></tr>
      </thead>
      <tbody>
        <tr><td>rival-doc-256m</td><td>0.48</td><td>0.80</td></tr>
        <tr><td><b>wren-doc-258m</b></td><td>{a}</td><td>{b}</td></tr>
      </tbody>"""
    card = (
        "## Evaluations\n\n<table>"
        + block.format(title="Full Page OCR", a="0.45", b="0.84")
        + block.format(title="Code Recognition", a="0.013", b="0.988")
        + "\n</table>\n"
    )
    got = run(card, "wren/wren-doc-258m")
    assert [(r.benchmark, r.value, r.setting.label()) for r in got.results] == [
        ("Full Page OCR Edit-distance ↓", 0.45, ""),
        ("Full Page OCR F1 ↑", 0.84, ""),
        ("Code Recognition Edit-distance ↓", 0.013, ""),
        ("Code Recognition F1 ↑", 0.988, ""),
    ]


def test_a_row_trained_for_other_epochs_and_a_checkpoint_link_column_are_not_the_model():
    card = """
    ## Evaluation results

    | Model | Dataset | COCO AP | #Params | checkpoint |
    | :---: | :---: | :---: | :---: | :---: |
    | **Wren-S** | COCO | **48.5** | 10M | [48.5](https://example.org/wren_s.pth) |
    | **Wren-L** | COCO | **54.0** | 31M | [54.0](https://example.org/wren_l.pth) |
    | **Wren-L (E25)** | COCO | **55.2** | 31M | [55.2](https://example.org/wren_l_e25.pth) |

    - **E25**: re-trained and extended the pretraining to 25 epochs.
    """
    assert [(r.benchmark, r.value, r.model) for r in run(card, "wren/Wren-L").results] == [
        ("COCO AP", 54.0, "Wren-L")
    ]


def test_a_dataset_column_names_the_models_one_row_under_a_generic_value_column():
    rows = "".join(
        f"<tr>{first}<td>{model}</td><td>{value}</td></tr>\n"
        for first, model, value in [
            (
                '<td rowspan="3">OmniSet<br>Speech | Music | Avg</td>',
                "Rival-Omni",
                "42.7%|46.2%|42.9%",
            ),
            ("", "Other-Omni", "-|-|40.5%"),
            ("", "Wren-Omni-7B", "55.25%|52.83%|56.13%"),
        ]
    )
    card = (
        "## Evaluation\n\n<table><thead><tr><th>Datasets</th><th>Model</th><th>Performance</th>"
        f"</tr></thead>\n<tbody>\n{rows}</tbody></table>\n"
    )
    assert found(run(card, "wren/Wren-Omni-7B")) == [
        ("OmniSet Speech", 55.25),
        ("OmniSet Music", 52.83),
        ("OmniSet Avg", 56.13),
    ]


def test_a_test_size_column_is_not_a_score():
    card = """
    ## Performance on COCO

    | Model | Test Size | #Params | AP<sup>val</sup> |
    |---|---|---|---|
    | Wren-S | 640 | 7.2M | 46.3 |
    | Wren-M | 640 | 15.4M | 51.1 |
    """
    assert [r.value for r in run(card, "wren/Wren-M").results] == [51.1]


def test_speed_words_that_explain_a_throughput_column_do_not_hide_the_evaluation():
    card = """
    ### Multilingual Evaluation Results

    Scores are averages across tasks. Encoding speed is measured on a single H100 GPU.

    | Model | Params | Embed Dim | ShopRetrieval (18) | CodeSearch (12) | Throughput (spans/s) |
    |---|---|---|---|---|---:|
    | rival-embed-small | 96M | 384 | 50.9 | 51.3 | 2,290 |
    | **wren-embed-311m** | **311M** | **768** | **64.0** | **63.9** | **3,075** |
    """
    expected = [("ShopRetrieval (18)", 64.0), ("CodeSearch (12)", 63.9)]
    assert found(run(card, "wren/wren-embed-311m")) == expected
    # A heading about speed is a speed table, whatever its columns.
    speed = card.replace("Multilingual Evaluation Results", "Speed Benchmark")
    assert found(run(speed, "wren/wren-embed-311m")) == []


def test_a_ner_cards_overall_metrics_row_and_per_entity_table_under_performances():
    card = """
    ## Model performances (metric: seqeval)

    Overall

    precision|recall|f1
    -|-|-
    0.8859|0.8971|0.8914

    By entity

    entity|precision|recall|f1
    -|-|-|-
    PER|0.9372|0.9598|0.9483
    ORG|0.8099|0.8265|0.8181
    """
    got = run(card, "wren/wren-ner")
    assert [(r.benchmark, r.value, r.metric) for r in got.results] == [
        ("precision", 0.8859, "precision"),
        ("recall", 0.8971, "recall"),
        ("f1", 0.8914, "f1"),
        ("PER", 0.9372, "precision"),
        ("PER", 0.9598, "recall"),
        ("PER", 0.9483, "f1"),
        ("ORG", 0.8099, "precision"),
        ("ORG", 0.8265, "recall"),
        ("ORG", 0.8181, "f1"),
    ]
    # The same row under a heading that is no evaluation is not taken.
    training = card.replace("Model performances (metric: seqeval)", "Training data")
    assert found(run(training, "wren/wren-ner")) == []


def test_a_token_count_row_is_not_a_score():
    card = """
    ## Evaluation

    | | Rival-BERT | **Wren-BERT** |
    |---|---|---|
    | Avg. # tokens after tokenization | 61.2 | 58.07 |
    | Accuracy | 0.81 | 0.86 |
    """
    assert found(run(card, "wren/Wren-BERT")) == [("Accuracy", 0.86)]


def test_a_this_model_column_is_the_cards_model_and_ours_is_not():
    card = """
    ## Evaluation

    Model performance is given as evaluation set accuracy in percent.

    |Dataset|Rival SST-2|This model|
    |---|---|---|
    |Yelp Academic Dataset|84.8|96.5|
    |Kaggle|87.2|96.0|
    """
    assert found(run(card, "wren/sentiment-wren-large")) == [
        ("Yelp Academic Dataset", 96.5),
        ("Kaggle", 96.0),
    ]
    # "Ours" may be a method built on the model (a VLM on an LLM's card): not taken.
    assert found(run(card.replace("This model", "Ours"), "wren/sentiment-wren-large")) == []


def test_snake_case_metric_names_per_subgroup_and_a_size_count_beside_them():
    card = """
    ## Limitations and Bias

    The following table shows an evaluation score for different identity groups.

    | **subgroup** | **subgroup_size** | **subgroup_auc** | **bpsn_auc** |
    | --- | --- | --- | --- |
    | group_a | 108 | 0.689 | 0.811 |
    | group_b | 40 | 0.749 | 0.86 |
    """
    got = run(card, "wren/wren-toxicity")
    assert [(r.benchmark, r.value, r.metric) for r in got.results] == [
        ("group_a", 0.689, "subgroup_auc"),
        ("group_a", 0.811, "bpsn_auc"),
        ("group_b", 0.749, "subgroup_auc"),
        ("group_b", 0.86, "bpsn_auc"),
    ]
    # A training metric is no evaluation score.
    training = card.replace("subgroup_auc", "train_auc").replace("bpsn_auc", "train_f1")
    assert found(run(training, "wren/wren-toxicity")) == []


# --- a baseline's table, one row under benchmark names, contamination checks ------------------

LANGUAGE_ID_WITH_BASELINE = """
# lingua-detect-base

## Evaluation

The average accuracy of `lingua-detect-base` on the test set is 99.1%. Per language:

| Language | Precision | Recall | F1-score | support |
|:--:|:--:|:--:|:--:|:--:|
| de | 0.991 | 0.996 | 0.993 | 500 |
| fr | 1.000 | 0.982 | 0.991 | 500 |

### Benchmarks

As a baseline to compare `lingua-detect-base` against, we used the fastText language
identifier restricted to our languages. More details are in the table below.

| Language | Precision | Recall | F1-score | support |
|:--:|:--:|:--:|:--:|:--:|
| de | 0.950 | 0.941 | 0.945 | 500 |
| fr | 0.962 | 0.930 | 0.946 | 500 |
"""


def test_a_table_the_text_introduces_as_a_baselines_is_not_the_models():
    got = run(LANGUAGE_ID_WITH_BASELINE, "lingua/lingua-detect-base")
    values = sorted(r.value for r in got.results)
    assert values == sorted([0.991, 0.996, 0.993, 1.0, 0.982, 0.991])
    refused = got.tables[1]
    assert refused.status == "model-not-found" and "baseline" in refused.reason


def test_a_model_that_sets_a_baseline_for_others_keeps_its_table():
    card = """
    # Vanir-VL

    ## Evaluation

    Vanir-VL sets a strong baseline for future work on these languages.

    | Language | POPE | MMVet |
    |---|---|---|
    | Hindi | 78.7 | 38.9 |
    | Tamil | 83.3 | 34.3 |
    """
    got = run(card, "vanir/Vanir-VL")
    assert {(r.benchmark, r.value) for r in got.results} >= {("POPE", 78.7), ("MMVet", 34.3)}


ONE_ROW_UNDER_BENCHMARKS = """
# Wyvern-72B

### Evaluation Results

| Average | ARC | HellaSwag | MMLU | TruthfulQA | GSM8K |
| --- | --- | --- | --- | --- | --- |
| 80.1 | 76.0 | 89.3 | 77.2 | 76.7 | 78.7 |

#### MT-Bench

We ran MT-Bench in single model mode:

| First Turn | Second Turn | Average |
| --- | --- | --- |
| 8.18 | 7.34 | 7.76 |

### Contamination Results

Wyvern-72B has the following results:

| ARC | TruthfulQA | GSM8K |
| --- | --- | --- |
| 0.20 | 0.45 | 1.00 |
"""


def test_one_row_of_numbers_under_benchmark_names_is_the_models():
    got = run(ONE_ROW_UNDER_BENCHMARKS, "wyvern/Wyvern-72B")
    pairs = [(r.benchmark, r.value) for r in got.results]
    assert pairs[:6] == [
        ("Average", 80.1),
        ("ARC", 76.0),
        ("HellaSwag", 89.3),
        ("MMLU", 77.2),
        ("TruthfulQA", 76.7),
        ("GSM8K", 78.7),
    ]
    # Parts of the benchmark the heading names, named after it.
    assert pairs[6:] == [
        ("MT-Bench First Turn", 8.18),
        ("MT-Bench Second Turn", 7.34),
        ("MT-Bench Average", 7.76),
    ]
    # Contamination statistics under their own heading are not scores.
    assert not any(r.value in (0.2, 0.45) for r in got.results)


def test_one_row_under_words_that_are_not_benchmarks_is_left_alone():
    card = """
    # Wyvern-72B

    ## Evaluation

    | Layers | Heads | Experts |
    | --- | --- | --- |
    | 80 | 64 | 8 |
    """
    assert run(card, "wyvern/Wyvern-72B").results == []


# --- vision model zoos: metric-only columns, a set per row or per table, a metric corner ------

DETECTOR_ZOO = """
# Osprey-DET

## Model Zoo

### COCO
| Model | Dataset | AP<sup>val</sup> | #Params | Latency | FPS | config | checkpoint |
| :---: | :---: | :---: | :---: | :---: | :---: | :---: | :---: |
| **Osprey-S** | COCO | **48.5** | 10M | 3.49ms | 217 | [yml](s.yml) | [48.5](s.pth) |
| **Osprey-L** | COCO | **54.0** | 31M | 8.07ms | 108 | [yml](l.yml) | [54.0](l.pth) |

### Objects365+COCO
| Model | Dataset | AP<sup>val</sup> | #Params | Latency | FPS | config | checkpoint |
| :---: | :---: | :---: | :---: | :---: | :---: | :---: | :---: |
| **Osprey-S** | Objects365+COCO | **50.7** | 10M | 3.49ms | 217 | [yml](s.yml) | [50.7](s.pth) |
| **Osprey-L** | Objects365+COCO | **57.3** | 31M | 8.07ms | 108 | [yml](l.yml) | [57.3](l.pth) |
"""


def test_a_detector_zoo_row_is_the_models_score_on_its_set():
    card = """
    # Osprey-DET

    ## 1. Model Zoo

    | Model | Dataset | AP | #Params | Latency (ms) | Hugging Face |
    | :---: | :---: | :---: | :---: | :---: | :---: |
    | **S** | COCO | **50.9** | 9.7M | 5.78 | [huggingface](https://huggingface.co/osprey/Osprey_S_COCO) |
    | **M** | COCO | **53.0** | 18.1M | 8.80 | [huggingface](https://huggingface.co/osprey/Osprey_M_COCO) |
    """
    got = run(card, "osprey/Osprey_S_COCO")
    assert [(r.benchmark, r.value, r.metric) for r in got.results] == [("COCO AP", 50.9, "ap")]


def test_a_zoo_table_per_training_set_is_read_by_the_set_the_repo_id_names():
    got = run(DETECTOR_ZOO, "osprey/osprey-large-coco", model="Osprey-L")
    assert [(r.benchmark, r.value) for r in got.results] == [("COCO AP[val]", 54.0)]
    assert got.tables[1].status == "other-variant"
    # Frames per second are a speed, never a score.
    assert not any(r.value in (108.0, 217.0) for r in got.results)


def test_a_zoo_table_per_training_set_is_refused_when_the_repo_id_names_no_set():
    got = run(DETECTOR_ZOO, "osprey/osprey-l", model="Osprey-L")
    assert got.results == []
    assert {t.status for t in got.tables} == {"ambiguous"}
    assert got.tables[0].candidates == ["COCO", "Objects365+COCO"]


def test_a_metric_in_the_corner_names_every_cell_down_to_a_section_row_that_switches_it():
    card = """
    # Heron Depth

    ## Release Notes
    - **2025-08-28:** Metric depth models released

    | δ1 | DepthPro | Heron-S | Heron-L |
    |:-|:-:|:-:|:-:|
    | KITTI | 0.822 | 0.877 | *0.910* |
    | NYUv2 | 0.953 | 0.850 | 0.908 |
    | **TAE** |  |  |  |
    | Scannet | 2.73 | 1.48 | **1.09** |
    """
    got = run(card, "heron/Heron-L")
    assert [(r.benchmark, r.value, r.metric) for r in got.results] == [
        ("KITTI", 0.91, "δ1"),
        ("NYUv2", 0.908, "δ1"),
        ("Scannet", 1.09, "tae"),
    ]


def test_a_column_named_by_a_metric_makes_a_table_of_models_an_evaluation():
    card = """
    # kestrel-sparse-doc-v1

    ## Select the model

    | Model | Inference-free | Model Parameters | AVG NDCG@10 | AVG FLOPS |
    |---|---|---|---|---|
    | [kestrel-sparse-v1](https://huggingface.co/kestrel/kestrel-sparse-v1) |  | 133M | 0.524 | 11.4 |
    | [kestrel-sparse-doc-v1](https://huggingface.co/kestrel/kestrel-sparse-doc-v1) | ✔️ | 133M | 0.490 | 2.3 |
    """
    got = run(card, "kestrel/kestrel-sparse-doc-v1")
    assert [(r.benchmark, r.value) for r in got.results] == [("AVG NDCG@10", 0.49)]


def test_columns_that_are_parts_of_the_benchmark_a_heading_begins_with():
    card = """
    # Finch-16B-Base

    ## 性能测评

    ### C-Eval各项分数

    | 模型 | 平均 | 平均（Hard） | STEM | 社会科学 |
    |---|---|---|---|---|
    | Qwen-14B | 72.1 | 53.7 | 65.7 | 85.4 |
    | Finch-16B-Base | 63.8 | 43.5 | 57.8 | 77.2 |
    """
    got = run(card, "finch/Finch-16B-Base")
    assert [(r.benchmark, r.value) for r in got.results] == [
        ("C-Eval 平均", 63.8),
        ("C-Eval 平均（Hard）", 43.5),
        ("C-Eval STEM", 57.8),
        ("C-Eval 社会科学", 77.2),
    ]


def test_one_row_under_benchmark_names_that_counts_their_questions_is_not_scores():
    card = """
    # Wyvern-72B

    ## Evaluation

    The number of test questions in each benchmark we use:

    | MMLU | GSM8K | AIME 2024 | HumanEval |
    | --- | --- | --- | --- |
    | 14042 | 1319 | 30 | 164 |
    """
    assert run(card, "wyvern/Wyvern-72B").results == []


# --- answer lengths, EvalPlus pairs, evaluation wording in other languages -------------------


def test_answer_length_columns_beside_scores_are_not_scores():
    card = """
    # Plover-9B-SimPO

    ## Results

    | models | AE2 LC | AE2 Length | GSM | GSM Length |
    |---|:-:|:-:|:-:|:-:|
    | [plover/plover-9b-it](https://huggingface.co/plover/plover-9b-it) | 51.1 | 1571 | 87.4 | 395 |
    | [plover/Plover-9B-SimPO](https://huggingface.co/plover/Plover-9B-SimPO) | 72.4 | 1833 | 88.0 | 341 |
    """
    got = run(card, "plover/Plover-9B-SimPO")
    assert [(r.benchmark, r.value) for r in got.results] == [("AE2 LC", 72.4), ("GSM", 88.0)]


def test_a_plus_header_pairs_a_benchmark_with_its_evalplus_variant():
    card = """
    # Sandpiper-Coder-6.7B

    ## Performance

    | Benchmark | HumanEval (+) | MBPP (+) |
    |---|---|---|
    | **Sandpiper-Coder-1.3B** | 65.2 (61.0) | 63.4 (52.4) |
    | **Sandpiper-Coder-6.7B** | 76.2 (72.0) | 73.9 (63.7) |
    """
    got = run(card, "sandpiper/Sandpiper-Coder-6.7B")
    assert [(r.benchmark, r.value) for r in got.results] == [
        ("HumanEval", 76.2),
        ("HumanEval+", 72.0),
        ("MBPP", 73.9),
        ("MBPP+", 63.7),
    ]


def test_evaluation_wording_in_another_language_makes_a_table_an_evaluation():
    card = """
    # Shrike-12B-Instruct

    ## Метрики и оценка качества

    ### Результаты на Ru-Arena-General

    | Model Name | Winrate | 95% CI | Average # Tokens |
    |---|---|---|---|
    | gpt-4o | 84.9 | +1.3 / -1.4 | 537 |
    | **shrike-12b-instruct** | **79.8** | +1.2 / -1.3 | 627 |
    """
    got = run(card, "shrike/Shrike-12B-Instruct")
    assert [(r.benchmark, r.value) for r in got.results] == [("Winrate", 79.8)]
