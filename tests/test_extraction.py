"""README tables to Results: layouts, model matching, cells, settings, refusals."""

from __future__ import annotations

import textwrap

import pytest
from hfeval.benchmarks import load_registry
from hfeval.cells import benchmark_core, name_qualifiers, parse_setting, parse_values
from hfeval.extraction import SourceRef, extract
from hfeval.naming import Target, match_header
from hfeval.results import Setting

REGISTRY = load_registry()


def run(text: str, model: str | None = None, repo_id: str | None = None, **kwargs):
    return extract(textwrap.dedent(text), Target.build(model, repo_id), REGISTRY, **kwargs)


def values(extraction) -> dict[str, float]:
    return {r.benchmark: r.value for r in extraction.results}


# --- cells -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "85.2",
        "**85.2**",
        "85.2%",
        "85.2 ± 0.3",
        "85.2±0.3",
        "85.2*",
        "85.2†",
        "85.2¹",
        "85.2 (5-shot)",
        "🏆 85.2",
        "85.2 ✅",
        "85.2 👑",
        "<85.2>".strip("<>"),
    ],
)
def test_decorated_cells_read_as_the_printed_number(text):
    parsed = parse_values(text.replace("**", ""))
    assert parsed is not None and parsed.values == (85.2,)


@pytest.mark.parametrize(
    "text", ["-", "—", "–", "N/A", "", "Coming soon", "5-shot", "7B", "1.5T", "32K", "~11B", "TBD"]
)
def test_non_scores_read_as_nothing(text):
    assert parse_values(text) is None


def test_percent_is_recorded_not_converted():
    parsed = parse_values("77.2%")
    assert parsed.values == (77.2,) and parsed.percent


def test_two_scores_in_one_cell_and_a_dash_half():
    assert parse_values("56.2 / 60.7 †").values == (56.2, 60.7)
    assert parse_values("75.6/--").values == (75.6, None)
    assert parse_values("$4,432.12").values == (4432.12,)


def test_settings_from_names():
    assert parse_setting("GSM8K (8-shot, CoT)") == Setting(shots=8, cot=True)
    assert parse_setting("HumanEval pass@1") == Setting(pass_at=1)
    assert parse_setting("AIME 2024 (maj@64)") == Setting(maj_at=64)
    assert parse_setting("HLE (w/ Tools)").tools is True
    assert parse_setting("Instruct (Non-Thinking) Mode").thinking is False
    assert parse_setting("Knowledge & STEM (Thinking)").thinking is True
    assert benchmark_core("MMLU (5-shot)") == "MMLU"
    assert benchmark_core("KoMT-Bench[1]") == "KoMT-Bench"
    assert benchmark_core("HellaSwag (✱)") == "HellaSwag"


def test_a_setting_beside_a_detail_in_one_bracket_is_said_once():
    # "MMLU (5-shot, split 1)" is 5-shot on split 1: the notes said "5-shot, 5-shot, split 1".
    text = "# M-7B\n\n| Benchmark | M-7B |\n|---|---|\n| MMLU (5-shot, split 1) | 70.1 |\n"
    (result,) = extract(text, Target.build(None, "o/M-7B"), load_registry()).results
    assert result.setting.label() == "5-shot, split 1"
    assert name_qualifiers("RACE (middle, 0-shot)") == ("middle",)
    assert name_qualifiers("Terminal-Bench 2.0 (Claude Code)") == ("Claude Code",)
    assert name_qualifiers("X (8-shot test)") == ("8-shot test",)


# --- model matching ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Qwen2.5-7B-Instruct",
        "qwen2.5_7b_instruct",
        "**Qwen2.5-7B-Instruct**",
        "Qwen/Qwen2.5-7B-Instruct",
        "Qwen2.5 7B Instruct (ours)",
        ["[Qwen2.5-7B-Instruct", "(https://hf.co/x)"][0].strip("["),
    ],
)
def test_header_matching_is_forgiving_about_spelling(header):
    assert match_header(header, Target.build(None, "Qwen/Qwen2.5-7B-Instruct"))


@pytest.mark.parametrize(
    "header,repo",
    [
        ("Qwen2.5-7B", "Qwen/Qwen2.5-7B-Instruct"),
        ("Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B"),
        ("Llama-3.1-70B", "meta-llama/Llama-3.1-8B"),
        ("DeepSeek-V2-Lite", "deepseek-ai/DeepSeek-V2-Lite-Chat"),
        ("DeepSeek-V2-Lite-Chat", "deepseek-ai/DeepSeek-V2-Lite"),
        ("Hunyuan-Large Inst.", "tencent/Hunyuan-Large"),
        ("Qwen2.5-7B-Instruct", "someone-else/Qwen2.5-7B-Instruct-GGUF"),
        ("otherorg/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct"),
    ],
)
def test_header_matching_is_strict_about_variants(header, repo):
    assert match_header(header, Target.build(None, repo)) is None


# --- layouts -----------------------------------------------------------------------------------

COLUMNS = """
| Benchmark | Llama-3-8B | **Sample-7B** | Mistral-7B |
|---|---|---|---|
| MMLU | **66.6** | 64.1 | 62.5 |
| GSM8K | 79.6 | **81.0%** | 52.2 |
| Params | 8B | 7B | 7B |
"""


def test_models_as_columns_reads_only_the_target_column():
    result = run(COLUMNS, repo_id="org/Sample-7B")
    assert values(result) == {"MMLU": 64.1, "GSM8K": 81.0}
    gsm = next(r for r in result.results if r.benchmark == "GSM8K")
    assert gsm.scale == "percent" and gsm.benchmark_id == "gsm8k"


ROWS = """
| Model | Params (B) | MMLU (5-shot) | HellaSwag | ARC-c |
|---|---|---|---|---|
| other/Model-A | 1.2 | 26.2 | 62.9 | 31.1 |
| org/Sample-1B (OUR MODEL) | 1.3 | 32.6 | 69.4 | 34.4 |
"""


def test_models_as_rows_skips_non_score_columns_and_reads_shots():
    result = run(ROWS, repo_id="org/Sample-1B")
    assert values(result) == {"MMLU (5-shot)": 32.6, "HellaSwag": 69.4, "ARC-c": 34.4}
    mmlu = next(r for r in result.results if r.benchmark_id == "mmlu")
    assert mmlu.setting.shots == 5


SINGLE = """
# Sample-Merge-7B

## Open LLM Leaderboard results

| Metric | Value |
|---|---|
| Avg. | 71.35 |
| ARC (25-shot) | 67.75 |
| MMLU (5-shot) | 65.24 |
| GSM8K (5-shot) | Coming soon |
"""


def test_single_model_table_under_a_heading_that_names_the_model():
    result = run(SINGLE, repo_id="someone/Sample-Merge-7B")
    assert values(result) == {"Avg.": 71.35, "ARC (25-shot)": 67.75, "MMLU (5-shot)": 65.24}


def test_single_model_table_with_no_model_named_is_the_cards_own():
    text = SINGLE.replace("# Sample-Merge-7B", "# Something else")
    result = run(text, repo_id="someone/Sample-Merge-7B")
    assert values(result) == {"Avg.": 71.35, "ARC (25-shot)": 67.75, "MMLU (5-shot)": 65.24}


def test_single_model_table_under_another_models_title_yields_nothing():
    text = SINGLE.replace("# Sample-Merge-7B", "# Other-Merge-13B")
    result = run(text, repo_id="someone/Sample-Merge-7B")
    assert result.results == [] and result.candidates() == ["Other-Merge-13B"]


HARNESS = """
hf (pretrained=org/Harness-7B), limit: None, num_fewshot: 0
|    Task     |Version| Metric |Value |   |Stderr|
|-------------|------:|--------|-----:|---|-----:|
|arc_challenge|      0|acc     |0.5580|±  |0.0145|
|             |       |acc_norm|0.5819|±  |0.0144|
|hellaswag    |      0|acc     |0.6372|±  |0.0048|
"""


def test_raw_harness_output_with_continuation_rows_on_a_fraction_scale():
    result = run(HARNESS, repo_id="org/Harness-7B")
    got = [(r.benchmark, r.metric, r.value, r.scale) for r in result.results]
    assert got == [
        ("arc_challenge", "accuracy", 0.558, "fraction"),
        ("arc_challenge", "acc_norm", 0.5819, "fraction"),
        ("hellaswag", "accuracy", 0.6372, "fraction"),
    ]


CATEGORY_AND_METRIC = """
| Category | Benchmark | Metric | Other-32B | Sample-38B |
|---|---|---|---|---|
| **Math** | AIME 2024 | Acc. | 70.1 | 🏆 **76.0** |
| | MATH-500 | Acc. | 90.2 | 91.0 |
| **Code** | | | | |
| | LiveCodeBench | Pass@1 | 40.0 | 45.5 |
"""


def test_category_column_metric_column_and_category_rows():
    result = run(CATEGORY_AND_METRIC, repo_id="org/Sample-38B")
    assert values(result) == {"AIME 2024": 76.0, "MATH-500": 91.0, "LiveCodeBench": 45.5}
    lcb = next(r for r in result.results if r.benchmark == "LiveCodeBench")
    assert lcb.setting.pass_at == 1


BASE_AND_INSTRUCT = """
## Base model evaluation

| Benchmark | Other-7B | Sample-7B |
|---|---|---|
| MMLU | 60.0 | 66.0 |

## Instruct model evaluation

| Benchmark | Other-7B | Sample-7B |
|---|---|---|
| MMLU | 62.0 | 70.0 |
"""


def test_same_header_in_base_and_instruct_tables_is_decided_by_the_heading():
    instruct = run(BASE_AND_INSTRUCT, repo_id="org/Sample-7B-Instruct")
    assert values(instruct) == {"MMLU": 70.0}
    assert instruct.results[0].source.line == 12


STACKED = """
| Topic | Bench | Other | Sample-A13B-Instruct |
|---|---|---|---|
| **Mathematics** | AIME 2024<br>AIME 2025<br>MATH | 74.3<br>79.2<br>96.4 | 87.3<br>76.8<br>94.3 |
| **Instruction<br>Following** | IF-Eval<br>SysBench | 91.8<br>82.5 | 84.7<br>76.1 |
"""


def test_stacked_br_cells_pair_by_line():
    result = run(STACKED, repo_id="org/Sample-A13B-Instruct")
    assert values(result) == {
        "AIME 2024": 87.3,
        "AIME 2025": 76.8,
        "MATH": 94.3,
        "IF-Eval": 84.7,
        "SysBench": 76.1,
    }


MODES = """
<table>
<tr><th></th><th>Other-4B</th><th>Sample-2B</th></tr>
<tr><td colspan="3">Instruct (Non-Thinking) Mode</td></tr>
<tr><td>MMLU-Pro</td><td>60.1</td><td>55.3</td></tr>
<tr><td colspan="3">Knowledge (Thinking)</td></tr>
<tr><td>MMLU-Pro</td><td>70.0</td><td>66.5</td></tr>
<tr><td>MMMU</td><td>70.0</td><td>64.2/--</td></tr>
<tr><td>MathVista</td><td>70.0</td><td>76.7/73.9</td></tr>
</table>

* Scores of Sample models are reported as Thinking / Non-thinking.
"""


def test_mode_sections_and_paired_cells_become_settings():
    result = run(MODES, repo_id="org/Sample-2B")
    got = {(r.benchmark, r.setting.thinking, r.value) for r in result.results}
    assert got == {
        ("MMLU-Pro", False, 55.3),
        ("MMLU-Pro", True, 66.5),
        ("MMMU", True, 64.2),
        ("MathVista", True, 76.7),
        ("MathVista", False, 73.9),
    }


def test_html_rowspan_without_a_second_header_row_does_not_shift_columns():
    text = """
    <table>
    <thead><tr><th rowspan="2">Benchmarks</th><th>Other</th><th colspan="2">Sample-S1</th></tr></thead>
    <tbody>
    <tr><td>MMLU-Pro</td><td>80.1</td><td colspan="2">83.5 ✅</td></tr>
    <tr><td>GPQA</td><td>70.0</td><td colspan="2">77.3</td></tr>
    </tbody></table>
    """
    assert values(run(text, repo_id="org/Sample-S1")) == {"MMLU-Pro": 83.5, "GPQA": 77.3}


def test_two_inference_mode_columns_of_the_target_are_two_settings():
    text = """
    | Benchmark | Sample-10B (SeRe) | Sample-10B (PaCoRe) | Other |
    |---|---|---|---|
    | MMMU | 78.11 | 80.11 | 70.0 |
    """
    result = run(text, repo_id="org/Sample-10B")
    assert {(r.setting.extra, r.value) for r in result.results} == {
        (("SeRe",), 78.11),
        (("PaCoRe",), 80.11),
    }


def test_footnote_marks_and_prose_give_settings():
    text = """
    | Model | ARC Challenge✱ | BBH | GSM8K |
    |---|---|---|---|
    | Sample-7B | 40.5 | 66.1 | 72.3 |

    ✱: Denotes byte-length normalized accuracy (`acc_norm`).
    > BBH used a 3-shot test, GSM8K used a 0-shot CoT test.
    """
    result = {r.benchmark: r for r in run(text, repo_id="org/Sample-7B").results}
    assert result["ARC Challenge✱"].metric == "acc_norm"
    assert result["BBH"].setting.shots == 3
    assert result["GSM8K"].setting == Setting(shots=0, cot=True)


# --- refusals ------------------------------------------------------------------------------------


def test_model_not_in_any_header_yields_nothing_and_lists_candidates():
    result = run(COLUMNS, repo_id="org/Sample-7B-Instruct")
    assert result.results == []
    # Closest to the target first: the one an agent most likely means.
    assert result.candidates() == ["Sample-7B", "Mistral-7B", "Llama-3-8B"]


def test_prefix_of_a_checkpoint_name_is_not_the_model():
    text = """
    | Model | MMLU | ARC_c |
    |---|---|---|
    | TinyModel-1.1B-step-1195k-2.5T | 25.0 | 30.0 |
    | TinyModel-1.1B-step-1431k-3T | 26.0 | 31.0 |
    """
    result = run(text, repo_id="org/TinyModel-1.1B-step-1431k-3T")
    assert values(result) == {"MMLU": 26.0, "ARC_c": 31.0}
    assert run(text, repo_id="org/TinyModel-1.1B").results == []


def test_two_identical_model_columns_are_ambiguous_and_refused():
    text = """
    | Benchmark | Sample-7B | Sample-7B |
    |---|---|---|
    | MMLU | 60.0 | 65.0 |
    """
    result = run(text, repo_id="org/Sample-7B")
    assert result.results == []
    assert result.tables[0].status == "ambiguous"


def test_pinned_column_reads_that_column():
    result = run(COLUMNS, repo_id="org/Unrelated", tables=[1], model_column=4)
    assert values(result) == {"MMLU": 62.5, "GSM8K": 52.2}


def test_throughput_table_is_not_an_evaluation():
    text = """
    ## Inference throughput

    | Framework | Model | batch=1 | batch=4 |
    |---|---|---|---|
    | vLLM | Sample-7B | 20.2 | 75.5 |
    """
    assert run(text, repo_id="org/Sample-7B").results == []


def test_tables_in_code_fences_are_not_tables_and_numbering_counts_html():
    text = """
    <table><tr><th>Download</th><th>Link</th></tr><tr><td>a</td><td>b</td></tr></table>

    ```
    | Benchmark | Sample-7B |
    |---|---|
    | MMLU | 99.0 |
    ```

    | Benchmark | Sample-7B |
    |---|---|
    | MMLU | 61.0 |
    """
    result = run(text, repo_id="org/Sample-7B")
    assert values(result) == {"MMLU": 61.0}
    assert [t.table.index for t in result.tables] == [1, 2]
    assert result.results[0].source.line == 12


def test_source_points_at_the_readme_line_on_the_hub():
    source = SourceRef(url_base="https://huggingface.co/org/Sample-7B/blob/abc123/README.md")
    result = run(COLUMNS, repo_id="org/Sample-7B", source=source)
    assert (
        result.results[0].source.url
        == "https://huggingface.co/org/Sample-7B/blob/abc123/README.md#L4"
    )


def test_same_benchmark_twice_in_one_table_with_the_same_value_gives_one_result():
    text = """
    | Benchmark | Sample-7B |
    |---|---|
    | MMLU | 61.0 |
    | MMLU | 61.0 |
    """
    assert len(run(text, repo_id="org/Sample-7B").results) == 1


def test_unknown_benchmark_is_kept_unmapped():
    text = """
    | Benchmark | Sample-7B |
    |---|---|
    | MMLU | 61.0 |
    | Our-Internal-Eval | 44.0 |
    """
    result = run(text, repo_id="org/Sample-7B")
    unmapped = [r for r in result.results if not r.mapped]
    assert [r.benchmark for r in unmapped] == ["Our-Internal-Eval"]


def test_model_header_over_mode_sub_columns_gives_one_result_per_mode():
    text = """
    <table>
    <tr><th rowspan="2">Benchmark</th><th colspan="2">Sample-8B</th><th>Other</th></tr>
    <tr><th>Thinking</th><th>Non-thinking</th><th></th></tr>
    <tr><td>AIME 2025</td><td>67.3</td><td>20.9</td><td>50.0</td></tr>
    </table>
    """
    result = run(text, repo_id="org/Sample-8B")
    assert {(r.setting.thinking, r.value) for r in result.results} == {(True, 67.3), (False, 20.9)}


SFT_RL = """
| Benchmark | Other-67B Chat | Sample-V2 Chat (SFT) | Sample-V2 Chat (RL) |
|---|---|---|---|
| MMLU | 71.1 | 78.4 | 77.8 |
"""


def test_a_checkpoint_suffix_in_brackets_is_part_of_the_name():
    assert values(run(SFT_RL, model="Sample-V2 Chat (RL)", repo_id="org/Sample-V2-Chat")) == {
        "MMLU": 77.8
    }
    refused = run(SFT_RL, repo_id="org/Sample-V2-Chat")
    assert refused.results == [] and "Sample-V2 Chat (RL)" in refused.candidates()


BOTH_VARIANTS = """
# Sample-V3

### Base Model

| Benchmark | Other-Base | Sample-V3 |
|---|---|---|
| MMLU | 78.0 | 87.1 |

### Chat Model

| Benchmark | Other-Chat | Sample-V3 |
|---|---|---|
| MMLU | 85.0 | 88.5 |
"""


def test_same_bare_header_in_base_and_chat_tables_is_refused_when_nothing_says_which():
    result = run(BOTH_VARIANTS, repo_id="org/Sample-V3")
    assert result.results == []
    assert {t.status for t in result.tables} == {"ambiguous"}
    assert values(run(BOTH_VARIANTS, repo_id="org/Sample-V3", tables=[2])) == {"MMLU": 88.5}


def test_the_cards_own_sibling_names_decide_which_variant_the_bare_name_is():
    chat = run(
        BOTH_VARIANTS + "\nDownload Sample-V3-Base and Sample-V3.\n", repo_id="org/Sample-V3"
    )
    assert values(chat) == {"MMLU": 88.5}
    base = run(BOTH_VARIANTS + "\nSee also Sample-V3-Instruct.\n", repo_id="org/Sample-V3")
    assert values(base) == {"MMLU": 87.1}
    # "Sample-V3. It ..." is a sentence, not a Sample-V3-it sibling.
    sentence = run(
        BOTH_VARIANTS + "\nvLLM supports Sample-V3. It runs fast.\n", repo_id="org/Sample-V3"
    )
    assert sentence.results == []


def test_an_instruct_target_never_reads_a_table_the_heading_calls_base():
    text = """
    ## Base Pretrained Models

    | Benchmark | Sample 3B | Other 3B |
    |---|---|---|
    | MMLU | 58.0 | 55.0 |
    """
    assert run(text, model="Sample 3B", repo_id="org/Sample-3B-Instruct").results == []


def test_repo_name_that_repeats_the_org_matches_the_printed_family_name():
    text = """
    | Benchmark | Other | Hunyuan-Large |
    |---|---|---|
    | MMLU | 80.0 | 88.4 |
    """
    assert values(run(text, repo_id="tencent/Tencent-Hunyuan-Large")) == {"MMLU": 88.4}


def test_continuation_rows_told_apart_by_a_language_column():
    text = """
    | Category | Benchmark | Language | Other 3B | Sample 3B |
    |---|---|---|---|---|
    | Multilingual | MGSM (CoT) | English | 60.0 | 58.2 |
    | | | Spanish | 50.0 | 48.1 |
    | | | French | 49.0 | 47.5 |
    """
    result = run(text, repo_id="org/Sample-3B")
    assert [(r.benchmark, r.setting.extra, r.value) for r in result.results] == [
        ("MGSM (CoT)", ("English",), 58.2),
        ("MGSM (CoT)", ("Spanish",), 48.1),
        ("MGSM (CoT)", ("French",), 47.5),
    ]


def test_carbon_footprint_table_is_not_an_evaluation():
    text = """
    Fine-tuning, annotation, and evaluation were also performed on cloud compute.

    | | Time (GPU hours) | Power Consumption (W) | Carbon Emitted (tCO2eq) |
    |---|---|---|---|
    | Sample 8B | 1300000 | 700 | 390 |
    """
    assert run(text, model="Sample 8B", repo_id="org/Sample-8B").results == []


@pytest.mark.parametrize("text", ["3/5", "~70", "≈ 70", "< 5", "8\ufffd0"])
def test_counts_approximations_and_broken_bytes_are_not_scores(text):
    parsed = parse_values(text)
    assert parsed is None or parsed.count_like


def test_whole_number_pairs_are_read_only_when_the_card_says_what_they_are():
    text = """
    | Benchmark | Sample-7B |
    |---|---|
    | DROP | 3/5 |
    | MBPP | 85.2 / 80.1 |
    """
    assert [(r.benchmark, r.value) for r in run(text, repo_id="org/Sample-7B").results] == [
        ("MBPP", 85.2),
        ("MBPP", 80.1),
    ]
    explained = text + "\n    Scores are reported as Thinking / Non-thinking.\n"
    drop = [r for r in run(explained, repo_id="org/Sample-7B").results if r.benchmark == "DROP"]
    assert [(r.setting.thinking, r.value) for r in drop] == [(True, 3.0), (False, 5.0)]


def test_footnote_marks_on_values_headers_sup_and_escaped_stars():
    text = """
    | Benchmark | Other | Sample-7B† |
    |---|---|---|
    | GSM8K<sup>1</sup> | 80.0 | 88.0 |
    | MATH | 50.0 | 61.0² |
    | MMLU\\* | 60.0 | 70.0 |

    † thinking mode.
    <sup>1</sup> 8-shot, CoT.
    ² maj@8.
    \\* 5-shot
    """
    result = {r.benchmark: r for r in run(text, repo_id="org/Sample-7B").results}
    assert set(result) == {"GSM8K[1]", "MATH", "MMLU*"}
    assert result["GSM8K[1]"].benchmark_id == "gsm8k"
    assert result["GSM8K[1]"].setting == Setting(shots=8, cot=True, thinking=True)
    assert result["MATH"].setting == Setting(maj_at=8, thinking=True)
    assert result["MMLU*"].setting == Setting(shots=5, thinking=True)


def test_rows_of_the_model_told_apart_by_section_text():
    text = """
    ## MTOB evaluation

    | Model | Score |
    |---|---|
    | eng → kalam (ChrF) | |
    | Other | 50.0 |
    | Sample-01 | 61.0 |
    | kalam → eng (BLEURT) | |
    | Other | 40.0 |
    | Sample-01 | 55.5 |
    """
    result = run(text, repo_id="org/Sample-01")
    assert [(r.setting.extra, r.value) for r in result.results] == [
        (("eng → kalam (ChrF)",), 61.0),
        (("kalam → eng (BLEURT)",), 55.5),
    ]


def test_a_row_with_a_footnote_mark_is_a_variant_and_the_plain_row_is_the_model():
    text = """
    | Model | MMLU | Average Sparsity |
    |---|---|---|
    | **Sample-S-1B**\\* | 40.0 | 87.9 |
    | **Sample-S-1B** | 49.5 | 0.0 |

    \\* with activation sparsity.
    """
    assert values(run(text, repo_id="org/Sample-S-1B")) == {"MMLU": 49.5}


def test_name_words_in_another_order_and_abbreviated_instruct():
    text = """
    | Benchmark | Sample 3 PT 4B | Sample 3 PT 12B | Phi-X mini-Ins |
    |---|---|---|---|
    | MMLU | 59.6 | 74.5 | 67.3 |
    """
    assert values(run(text, repo_id="org/sample-3-4b-pt")) == {"MMLU": 59.6}
    assert values(run(text, repo_id="org/Phi-X-mini-instruct")) == {"MMLU": 67.3}
    assert run(text, repo_id="org/sample-3-4b").results == []  # pt is a variant word


def test_a_heading_that_names_a_mode_sets_it_and_property_rows_are_not_headers():
    text = """
    ### Non-Reasoning Mode

    | | Sample 1.2B | Other 2B |
    |---|---|---|
    | Model Size | 1.28B | 2B |
    | Hybrid Reasoning | ✅ | ❌ |
    | MMLU-Redux | 66.9 | 60.0 |
    """
    (result,) = run(text, model="Sample 1.2B", repo_id="org/Sample-1.2B").results
    assert (result.benchmark, result.value, result.setting) == (
        "MMLU-Redux",
        66.9,
        Setting(thinking=False),
    )


def test_model_columns_with_dashes_are_not_qualifiers_of_the_target():
    text = """
    | Benchmark | Gemini | GPT-4o | Sample-VL-7B |
    |---|---|---|---|
    | EgoSchema | - | 72.2 | 66.7 |
    | Video-MME | 75.0/81.3 | 71.9/77.2 | 63.3/69.0 |
    | MVBench | - | - | 67.0 |
    """
    result = run(text, repo_id="org/Sample-VL-7B")
    assert {(r.benchmark, r.value) for r in result.results} >= {
        ("EgoSchema", 66.7),
        ("MVBench", 67.0),
    }
    assert all("72.2" not in x and x != "-" for r in result.results for x in r.setting.extra)
