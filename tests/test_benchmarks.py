"""The benchmark registry (examples/metric_mapping.json) as extraction and publishing rely on it.

The registry decides which canonical benchmark a printed name denotes and whether a
result may be published as `.eval_results`. A wrong alias silently files a number
under another benchmark, so these tests pin the distinctions users care about.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hfeval.benchmarks import DEFAULT_REGISTRY_PATH, load_registry, normalize_name
from hypothesis import given
from hypothesis import strategies as st

CORPUS_LABELS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "labels"


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def _id(registry, printed: str) -> str | None:
    bench = registry.lookup(printed)
    return bench.id if bench else None


def test_registry_file_holds_at_least_80_benchmarks(registry):
    assert len(registry) >= 80


REQUIRED = {
    "AIME 2025": "aime_2025",
    "AIME 2024": "aime_2024",
    "AIME 2026": "aime_2026",
    "BIG-Bench Hard": "bbh",
    "BBH": "bbh",
    "LiveCodeBench": "livecodebench",
    "MMLU": "mmlu",
    "ARC-Challenge": "arc_challenge",
    "ARC-Easy": "arc_easy",
    "MMLU-Pro": "mmlu_pro",
    "MMLU-Redux": "mmlu_redux",
    "GPQA Diamond": "gpqa_diamond",
    "HLE": "hle",
    "Humanity's Last Exam": "hle",
    "GSM8K": "gsm8k",
    "MATH": "math",
    "MATH-500": "math_500",
    "HumanEval": "humaneval",
    "HumanEval Plus": "humaneval_plus",
    "MBPP": "mbpp",
    "MBPP Plus": "mbpp_plus",
    "IFEval": "ifeval",
    "HellaSwag": "hellaswag",
    "Winogrande": "winogrande",
    "TruthfulQA": "truthfulqa",
    "DROP": "drop",
    "SWE-bench Verified": "swe_bench_verified",
    "SimpleQA": "simpleqa",
    "C-Eval": "ceval",
    "CMMLU": "cmmlu",
    "MMMLU": "mmmlu",
    "MuSR": "musr",
    "Arena-Hard": "arena_hard",
    "AlpacaEval 2.0": "alpacaeval_2",
    "MT-Bench": "mt_bench",
    "BFCL": "bfcl",
    "tau-bench": "tau_bench",
    "tau2-bench": "tau2_bench",
    "Terminal-Bench": "terminal_bench",
    "Terminal-Bench 2.0": "terminal_bench_2",
    "SciCode": "scicode",
    "LiveBench": "livebench",
    "MultiPL-E": "multipl_e",
    "CRUXEval": "cruxeval",
    "BigCodeBench": "bigcodebench",
    "AGIEval": "agieval",
    "PIQA": "piqa",
    "BoolQ": "boolq",
    "OpenBookQA": "openbookqa",
    "CommonsenseQA": "commonsenseqa",
    "TriviaQA": "triviaqa",
    "Natural Questions": "natural_questions",
    "MGSM": "mgsm",
    "MMMU": "mmmu",
    "MathVista": "mathvista",
}


@pytest.mark.parametrize(("printed", "expected"), sorted(REQUIRED.items()))
def test_required_benchmarks_are_registered(registry, printed, expected):
    assert _id(registry, printed) == expected


def test_mmlu_family_members_are_different_benchmarks(registry):
    names = ["MMLU", "MMLU-Pro", "MMLU-Redux", "CMMLU", "MMMLU", "Global-MMLU", "MMLU-ProX"]
    ids = [_id(registry, n) for n in names]
    assert None not in ids
    assert len(set(ids)) == len(names)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("AIME 2024", "aime_2024"),
        ("AIME24", "aime_2024"),
        ("AIME'24", "aime_2024"),
        ("AIME 2025", "aime_2025"),
        ("AIME25", "aime_2025"),
        ("AIME2025", "aime_2025"),
        ("AIME 2026", "aime_2026"),
        ("AIME 2026 I", "aime_2026_i"),
        ("HMMT Feb 25", "hmmt_feb_2025"),
        ("HMMT Nov 25", "hmmt_nov_2025"),
    ],
)
def test_competition_years_and_papers_never_merge(registry, printed, expected):
    assert _id(registry, printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ARC-C", "arc_challenge"),
        ("ARC_c", "arc_challenge"),
        ("arc_challenge", "arc_challenge"),
        ("ARC Challenge", "arc_challenge"),
        ("ARC-e", "arc_easy"),
        ("ARC_e", "arc_easy"),
        ("arc_easy", "arc_easy"),
        ("ARC Easy", "arc_easy"),
        # The Open LLM Leaderboard v1 column is ARC-Challenge by definition.
        ("ARC (25-shot)", "arc_challenge"),
        ("ARC-AGI", "arc_agi"),
    ],
)
def test_arc_challenge_easy_and_agi_stay_apart(registry, printed, expected):
    assert _id(registry, printed) == expected


def test_bare_arc_is_left_unmapped_because_it_is_ambiguous(registry):
    assert registry.lookup("ARC") is None


@pytest.mark.parametrize(
    "printed",
    [
        # Card-specific aggregates and capability groups: mapping them would invent a benchmark.
        "Average",
        "Avg.",
        "avg",
        "Overall",
        "Knowledge",
        "Reasoning",
        "Language",
        "Understanding",
        "Examination",
        "Overall Accuracy",
        # Ambiguous family names: which member is meant decides the number.
        "ARC",
        "RACE",
        "SWE-bench",
        "Video-MME",
        "CharXiv",
        "HMMT",
        # In-house or too generic to identify.
        "IC",
        "A-Level",
        "LengthCtrl",
        "Physics",
    ],
)
def test_generic_and_ambiguous_names_stay_unmapped(registry, printed):
    assert registry.lookup(printed) is None


@pytest.mark.parametrize(
    "printed",
    [
        "MMLU-Pro Plus",
        "GSM8K-Hard",
        "AIME 2024 and 2025",
        "MMLU Pro Max",
        "LiveCodeBench v9",
        "GPQA Extended",
    ],
)
def test_lookup_never_matches_by_substring(registry, printed):
    assert registry.lookup(printed) is None


# Printed names from the development corpus (../shared/corpus/labels), as the cards print them.
CORPUS_NAMES = {
    "ARC_c": "arc_challenge",
    "ARC-c": "arc_challenge",
    "ARC Challenge✱": "arc_challenge",
    "ARC_e": "arc_easy",
    "Obqa": "openbookqa",
    "BooIQ": "boolq",
    "SIQA": "siqa",
    "SocialIQA": "siqa",
    "RACE (middle)": "race_middle",
    "RACE (high)": "race_high",
    "KoMT-Bench[1]": "komt_bench",
    "LogicKor": "logickor",
    "LiveBench": "livebench",
    "CEVAL": "ceval",
    "C-Eval (val)": "ceval",
    "AGI-Eval": "agieval",
    "BrowseComp": "browsecomp",
    "BrowseComp-Zh": "browsecomp_zh",
    "SuperGPQA": "supergpqa",
    "AIME2025": "aime_2025",
    "AIME 2024 (Pass@1)": "aime_2024",
    "HMMT 2025": "hmmt_feb_2025",
    "HMMT Nov. 2025": "hmmt_nov_2025",
    "OCRBench": "ocrbench",
    "MMBench (EN)": "mmbench_en",
    "MMBenchEN-DEV-v1.1": "mmbench_en_v1_1",
    "MMBench-en-1.1": "mmbench_en_v1_1",
    "H6": "open_llm_leaderboard_v1_average",
    "GPQA": "gpqa_diamond",
    "GPQA-Diamond (Pass@1)": "gpqa_diamond",
    "GPQA_diamond": "gpqa_diamond",
    "MATH500 (Pass@1)": "math_500",
    "MATH-500 (Pass@1)": "math_500",
    "MMLU-Pro (EM)": "mmlu_pro",
    "IFEVAL (Prompt Strict-Acc.)": "ifeval",
    "IF-Eval": "ifeval",
    "LiveCodeBench v5 (Pass@1)": "livecodebench_v5",
    "LiveCodeBench v6 (Pass@1)": "livecodebench_v6",
    "Livecodebench": "livecodebench",
    "BFCL v2": "bfcl_v2",
    "BFCL v3": "bfcl_v3",
    "BFCL-V4": "bfcl_v4",
    "TAU2-Bench": "tau2_bench",
    "Terminal-Bench 2.0 (Terminus 2)": "terminal_bench_2",
    "SWE-bench Verified": "swe_bench_verified",
    "HLE (w/ Tools)": "hle",
    "AA-LCR": "aa_lcr",
    "Alignbench1.1 (Evaluated by GPT4.1)": "alignbench_v1_1",
    "AlignBench v1.1": "alignbench_v1_1",
    "LAMBADA OpenAI": "lambada_openai",
    "truthfulqa_mc": "truthfulqa",
    "TruthfulQA▲": "truthfulqa",
    "HellaSwag (✱)": "hellaswag",
    "Winobias 1_2": "winobias_1_2",
    "CrowS-Pairs": "crows_pairs",
    "Mathvista(mini)": "mathvista",
    "MathVerse (vision-only)": "mathverse_vision_only",
    "CharXiv(RQ)": "charxiv_rq",
    "VideoMME(w sub.)": "videomme_w_sub",
    "VideoMME(w/o sub.)": "videomme_wo_sub",
    "ZEROBench_sub": "zerobench_sub",
    "OmniDocBench1.5": "omnidocbench_v1_5",
    "AI2D_TEST": "ai2d",
    "ODInW13": "odinw_13",
    "Nuscene": "nuscenes",
    "Tool-Decathlon": "toolathlon",
    "MCP-Atlas (Public Set)": "mcp_atlas",
    "Vending Bench 2": "vending_bench_2",
    "Fullstackbench": "fullstackbench",
    "WMT24++": "wmt24pp",
    "ONET": "thaiexam_onet",
    "TPAT-1": "thaiexam_tpat1",
    "C3": "c3",
    "C3-Bench": "c3_bench",
}


@pytest.mark.parametrize(("printed", "expected"), sorted(CORPUS_NAMES.items()))
def test_names_printed_on_real_cards_map_to_their_benchmark(registry, printed, expected):
    assert _id(registry, printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("HumanEval+", "humaneval_plus"),
        ("MBPP+", "mbpp_plus"),
        ("τ²-Bench", "tau2_bench"),
        ("τ-Bench", "tau_bench"),
    ],
)
def test_plus_and_tau_names_map_to_their_own_benchmark(registry, printed, expected):
    assert _id(registry, printed) == expected


@pytest.mark.parametrize(
    ("aa_key", "expected"),
    [
        ("mmlu_pro", "mmlu_pro"),
        ("gpqa", "gpqa_diamond"),
        ("hle", "hle"),
        ("livecodebench", "livecodebench"),
        ("scicode", "scicode"),
        ("math_500", "math_500"),
        ("aime", "aime_2024"),
        ("aime_25", "aime_2025"),
        ("ifbench", "ifbench"),
        ("lcr", "aa_lcr"),
        ("terminalbench_hard", "terminal_bench_hard"),
        ("tau2", "tau2_bench_telecom"),
        ("artificial_analysis_intelligence_index", "aa_intelligence_index"),
        ("artificial_analysis_coding_index", "aa_coding_index"),
        ("artificial_analysis_math_index", "aa_math_index"),
    ],
)
def test_artificial_analysis_keys_map_to_benchmarks(registry, aa_key, expected):
    assert _id(registry, aa_key) == expected


def test_artificial_analysis_indices_are_0_to_100_points(registry):
    indices = [b for b in registry if b.category == "index" and b.id.startswith("aa_")]
    assert len(indices) == 3
    for bench in indices:
        assert (bench.scale, bench.max_value, bench.category) == ("points", 100, "index")
        assert not bench.publishable_as_eval_results


def test_every_publishable_entry_names_dataset_task_and_source(registry):
    publishable = [b for b in registry if b.eval_results]
    assert publishable, "at least the Hub's own example Benchmarks are publishable"
    for bench in publishable:
        assert bench.dataset_id and "/" in bench.dataset_id, bench.id
        assert bench.task_id, bench.id
        assert bench.facts_source, bench.id
        assert bench.publishable_as_eval_results


def test_task_ids_follow_the_benchmark_datasets_eval_yaml(registry):
    # Decisions documented in references/benchmarks.md: the eval.yaml task id wins over
    # examples elsewhere ("default", "gpqa_diamond"), because the Hub validates against eval.yaml.
    expected = {
        "mmlu_pro": ("TIGER-Lab/MMLU-Pro", "mmlu_pro"),
        "gpqa_diamond": ("Idavidrein/gpqa", "diamond"),
        "hle": ("cais/hle", "hle"),
        "gsm8k": ("openai/gsm8k", "gsm8k"),
    }
    for bench_id, (dataset_id, task_id) in expected.items():
        bench = registry.get(bench_id)
        assert (bench.dataset_id, bench.task_id, bench.eval_results) == (dataset_id, task_id, True)


def test_task_ids_are_only_set_on_publishable_entries(registry):
    # A task id nobody confirmed would look publishable to the next reader.
    for bench in registry:
        if bench.task_id:
            assert bench.eval_results, bench.id


def test_scales_and_bounds_are_consistent(registry):
    for bench in registry:
        assert bench.scale in ("percent", "fraction", "points"), bench.id
        if bench.scale == "percent":
            assert bench.max_value in (None, 100), bench.id
        if bench.max_value is not None:
            assert bench.max_value > 0, bench.id
    mt_bench = registry.get("mt_bench")
    assert (mt_bench.scale, mt_bench.max_value) == ("points", 10)
    for rating in ("codeforces", "lmarena_elo"):
        bench = registry.get(rating)
        assert (bench.scale, bench.max_value, bench.metric) == ("points", None, "elo")


def test_lower_is_better_is_marked_for_toxicity(registry):
    assert registry.get("realtoxicity").higher_is_better is False
    assert registry.get("mmlu").higher_is_better is True


GENERIC_WORDS = {
    "average", "avg", "overall", "total", "score", "bench", "benchmark", "knowledge", "reasoning",
    "language", "understanding", "examination", "code", "coding", "general", "agent", "chat",
    "english", "chinese", "science", "physics", "summary", "accuracy", "acc", "pass1", "em", "f1",
}  # fmt: skip


def test_no_generic_word_is_registered_as_a_name(registry):
    for bench in registry:
        for name in (bench.id, bench.name, *bench.aliases):
            key = normalize_name(name)
            assert key not in GENERIC_WORDS, f"{bench.id}: {name!r}"
            assert len(key) >= 2, f"{bench.id}: {name!r}"


def test_ids_are_snake_case(registry):
    for bench in registry:
        assert bench.id == bench.id.lower() and normalize_name(bench.id) == bench.id.replace(
            "_", ""
        ), bench.id


def test_a_new_benchmark_is_a_data_change(tmp_path):
    data = json.loads(DEFAULT_REGISTRY_PATH.read_text(encoding="utf-8"))
    data["benchmarks"].append({"id": "new_bench", "name": "NewBench", "aliases": ["New-Bench v1"]})
    path = tmp_path / "metric_mapping.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_registry(path).lookup("new bench V1").id == "new_bench"


def test_an_alias_claimed_by_two_benchmarks_is_refused(tmp_path):
    data = json.loads(DEFAULT_REGISTRY_PATH.read_text(encoding="utf-8"))
    data["benchmarks"].append({"id": "mmlu_copy", "name": "MMLU copy", "aliases": ["M.M.L.U."]})
    path = tmp_path / "metric_mapping.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="maps to both"):
        load_registry(path)


@pytest.mark.parametrize(
    "a, b",
    [
        ("中文推理", "中文语言"),  # Chinese reasoning / Chinese language: two benchmarks
        ("中-法", "中-西班牙"),  # zh-fr / zh-es translation
        ("कला", "काल"),  # art / time: the vowel signs are combining marks, not punctuation
        ("日本語理解", "日本語生成"),
    ],
)
def test_names_in_other_scripts_stay_apart(a, b):
    assert normalize_name(a) and normalize_name(b)
    assert normalize_name(a) != normalize_name(b)


def test_normalisation_folds_width_case_and_punctuation_in_every_script():
    assert normalize_name("ＭＭＬＵ－Ｐｒｏ") == normalize_name("mmlu_pro") == "mmlupro"
    assert normalize_name("中文 推理（5-shot）") == normalize_name("中文推理 5 shot")
    assert normalize_name("Τ²-BENCH") == normalize_name("τ²-bench") == "tau2bench"
    assert normalize_name("HumanEval+") != normalize_name("HumanEval")


def test_an_unmapped_name_in_another_script_is_not_taken_for_a_registered_one(registry):
    assert registry.lookup("中文推理") is None
    assert registry.lookup("！！！") is None  # nothing left to look up


# Names on the development corpus that are deliberately left unmapped (see references/benchmarks.md).
CORPUS_UNMAPPED = {
    "Average", "Avg.", "avg", "Overall", "Overall Accuracy",
    "Language", "Knowledge", "Understanding", "Reasoning", "Examination",
    "AST Summary", "Exec Summary", "Irrelevance Detection", "Relevance Detection",
    "LengthCtrl", "InsCtrl", "ComplexNLU", "Word-Task",
    "Physics", "IC", "A-Level",
    "τ-Bench", "τ²-Bench",  # registered as tau-bench, tau2-bench
}  # fmt: skip


@pytest.mark.skipif(
    not CORPUS_LABELS.is_dir(), reason="development corpus not present (clean clone)"
)
def test_every_corpus_name_maps_or_is_a_documented_exception(registry):
    printed = {
        entry["benchmark"]
        for path in CORPUS_LABELS.glob("*.json")
        for entry in json.loads(path.read_text(encoding="utf-8"))["expected"]
    }
    unmapped = {name for name in printed if registry.lookup(name) is None}
    assert unmapped <= CORPUS_UNMAPPED, sorted(unmapped - CORPUS_UNMAPPED)


# --- one normaliser for benchmark and model names ----------------------------------------------


@given(st.text(max_size=30))
def test_model_name_tokens_are_the_benchmark_normaliser_split_up(name):
    # Model names and benchmark names are one notion of a name: tokens join to its identity.
    from hfeval.naming import _TOKEN_ALIASES, tokens

    aliases = set(_TOKEN_ALIASES.values())
    if not aliases & set(tokens(name)):
        assert "".join(tokens(name)) == normalize_name(name)


@pytest.mark.parametrize(
    "target, other",
    [("通义千问-7B", "百川-7B"), ("ラマ-7B", "ミストラル-7B"), ("हिन्दी-7B", "बांग्ला-7B")],
)
def test_model_names_in_other_scripts_never_match_each_other(target, other):
    from hfeval.naming import Target, match_header

    assert match_header(other, Target.build(target, None)) is None
    assert match_header(target.replace("-", " "), Target.build(target, None)) is not None


def test_a_cjk_name_is_found_in_a_sentence_without_spaces():
    from hfeval.naming import Target, mentions

    target = Target.build("通义千问-7B", None)
    assert mentions("我们的通义千问-7B模型在以下基准上", target)
    assert not mentions("百川-7B模型", target)


# --- one scale conversion (AA and inspect runs) -------------------------------------------------


@pytest.mark.parametrize(
    "value, source, target, kw, expected",
    [
        (0.791, "fraction", "percent", {}, 79.1),
        (79.1, "percent", "fraction", {}, 0.791),
        (7.5, "points", "percent", {"from_max": 10}, 75.0),
        (0.14375, "fraction", "percent", {"digits": 2}, 14.38),  # float rounding gave 14.37
        (0.30625, "fraction", "percent", {"digits": 2}, 30.63),
        (0.123456, "fraction", "fraction", {"digits": 4}, 0.1235),
        (1523.0, "points", "points", {}, 1523.0),  # Elo: no maximum, same kind of points
    ],
)
def test_scale_conversion_is_decimal_and_rounds_as_printed(value, source, target, kw, expected):
    from hfeval.results import convert_scale

    assert convert_scale(value, source, target, **kw) == expected


def test_scale_conversion_without_a_known_scale_or_maximum_is_refused():
    from hfeval.results import convert_scale

    with pytest.raises(ValueError):
        convert_scale(1500, "points", "percent")
    with pytest.raises(ValueError):
        convert_scale(0.5, "fraction", None)


def test_aa_and_inspect_imports_use_the_one_conversion(registry):
    from hfeval import artificial_analysis, inspect_results, results
    from hfeval.inspect_results import InspectRun, run_to_result

    assert artificial_analysis.convert_scale is results.convert_scale
    run = InspectRun(
        task="gsm8k", inspect_task="inspect_evals/gsm8k", status="success", value=23 / 160
    )
    assert run_to_result(run, registry).value == 14.38  # 14.375 %, rounded as a person would
    assert inspect_results.convert_scale is results.convert_scale


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_the_ascii_fast_path_gives_the_same_names_as_the_unicode_walk(name):
    from hfeval.naming import tokens

    # A non-ASCII word sends the same text down the general walk ("ж": a letter that no
    # folding changes; an accented Latin letter would lose its accent).
    assert normalize_name(name + " ж") == normalize_name(name) + "ж"
    assert tokens(name + " ж") == tokens(name) + ("ж",)


def test_accents_on_latin_letters_fold_away_and_other_scripts_keep_their_signs():
    assert normalize_name("Sabiá-7B") == normalize_name("sabia-7b")
    assert normalize_name("Ñandú") == "nandu"
    assert normalize_name("Йошкар") == "йошкар"  # й keeps its breve: another letter than и
    assert normalize_name("हिन्दी") == "हिन्दी"
