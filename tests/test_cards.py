"""Card formats: what we write is what the Hub library reads, and merging never loses anything."""

from __future__ import annotations

import difflib
import math
import re
import warnings

import pytest
import yaml
from hfeval.benchmarks import Benchmark, Registry
from hfeval.cards import (
    README_PATH,
    FrontMatterError,
    RepoFiles,
    SkipReason,
    eval_results_path,
    metric_display_name,
    normalize_formats,
    parse_setting_label,
    plan_update,
    read_card_results,
    results_to_eval_results_entries,
    results_to_model_index,
    unified_diff,
    validate_files,
)
from hfeval.errors import InputError, UserNote
from hfeval.frontmatter import HiddenFrontMatter, split_front_matter
from hfeval.results import Result, Setting, Source
from huggingface_hub import ModelCard, ModelCardData
from huggingface_hub._eval_results import eval_result_entries_to_yaml, parse_eval_result_entries
from huggingface_hub.repocard_data import eval_results_to_model_index, model_index_to_eval_results
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

REGISTRY = Registry(
    [
        Benchmark(id="mmlu", name="MMLU", dataset_id="cais/mmlu", hf_config="all", hf_split="test"),
        Benchmark(
            id="mmlu_pro",
            name="MMLU-Pro",
            dataset_id="TIGER-Lab/MMLU-Pro",
            task_id="default",
            eval_results=True,
        ),
        Benchmark(
            id="gpqa_diamond",
            name="GPQA Diamond",
            aliases=("GPQA",),
            dataset_id="Idavidrein/gpqa",
            task_id="gpqa_diamond",
            eval_results=True,
        ),
        Benchmark(
            id="hle_frac",
            name="HLE-frac",
            dataset_id="cais/hle",
            task_id="hle",
            eval_results=True,
            scale="fraction",
        ),
        Benchmark(id="mt_bench", name="MT-Bench", metric="score", scale="points", max_value=10),
    ]
)

README_SRC = Source(
    kind="readme", name="Model card table", url="https://hf.co/org/m/blob/abc123/README.md#L42"
)
README_SRC_LATER = Source(
    kind="readme", name="Model card table", url="https://hf.co/org/m/blob/def456/README.md#L57"
)
AA_SRC = Source(
    kind="artificial_analysis",
    name="Artificial Analysis",
    url="https://artificialanalysis.ai/models/m",
    date="2025-06-01",
)
PAPER_SRC = Source(kind="manual", name="Tech report", url="https://arxiv.org/abs/1234.5678")


def res(bench="MMLU", value=71.3, source=README_SRC, bid="mmlu", **setting) -> Result:
    return Result(
        benchmark=bench, value=value, source=source, benchmark_id=bid, setting=Setting(**setting)
    )


def plan(
    files,
    results,
    *,
    formats="both",
    origin="readme",
    overwrite=False,
    model_name="org/m",
    name=None,
):
    return plan_update(
        files,
        results,
        model_name=model_name,
        formats=formats,
        origin=origin,
        registry=REGISTRY,
        overwrite=overwrite,
        eval_results_name=name,
    )


def applied(files: RepoFiles, p) -> RepoFiles:
    """The repo after writing a plan, as the Hub would hold it."""
    readme = p.new_files.get(README_PATH, files.readme)
    evals = dict(files.eval_results)
    evals.update({k: v for k, v in p.new_files.items() if k != README_PATH})
    return RepoFiles(readme, evals)


def front(readme: str) -> dict:
    return yaml.safe_load(split_front_matter(readme).yaml_text) or {}


def only_insertions(old: str, new: str) -> bool:
    """True when `new` is `old` with text inserted and nothing removed or changed."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    return all(tag in ("equal", "insert") for tag, *_ in ops)


HAND_CARD = """---
license: apache-2.0   # chosen by legal
language:
- en
# a comment between keys
model-index:
  - name: org/m
    results:
      - task:
          type: text-generation
          name: Text Generation
        dataset:
          name: MMLU
          type: cais/mmlu
          custom: kept-by-us      # unknown to huggingface_hub
        metrics:
          - type: accuracy
            value: 70.1           # from the paper
            name: MMLU
        source:
          name: Tech report
          url: https://arxiv.org/abs/1234.5678
          user: someone
        extra_key: keep me
tags: [llm, eval]
---

# Model

| Benchmark | Score |
|---|---|
| MMLU | 71.3 |

---

Footer after a horizontal rule.
"""


# --------------------------------------------------------------------------- naming


def test_eval_results_path_is_one_predictable_file_per_origin():
    assert eval_results_path("readme") == ".eval_results/readme.yaml"
    assert eval_results_path("artificial_analysis") == ".eval_results/artificial_analysis.yaml"
    assert eval_results_path("inspect", "gpqa_diamond") == ".eval_results/inspect_gpqa_diamond.yaml"
    assert (
        eval_results_path("inspect", "inspect_evals/mmlu-pro")
        == ".eval_results/inspect_inspect_evals_mmlu_pro.yaml"
    )
    assert eval_results_path("manual") == ".eval_results/manual.yaml"


def test_format_choices():
    assert normalize_formats("both") == {"model-index", "eval-results"}
    assert normalize_formats({"model-index"}) == {"model-index"}
    with pytest.raises(ValueError):
        normalize_formats("yaml")


def test_metric_name_says_the_setting_once():
    assert metric_display_name(res(shots=5)) == "MMLU (5-shot)"
    assert metric_display_name(res(bench="MMLU (5-shot)", shots=5)) == "MMLU (5-shot)"
    assert (
        metric_display_name(res(bench="MMLU (5-shot)", shots=5, cot=True)) == "MMLU (5-shot) (CoT)"
    )
    assert metric_display_name(res()) == "MMLU"


@given(
    st.builds(
        Setting,
        shots=st.none() | st.integers(0, 64),
        cot=st.none() | st.booleans(),
        pass_at=st.none() | st.integers(1, 100),
        maj_at=st.none() | st.integers(1, 64),
        tools=st.none() | st.booleans(),
        thinking=st.none() | st.booleans(),
        extra=st.lists(
            st.sampled_from(["SeRe", "w/ Context Manage", "Evaluated by GPT4.1"]),
            max_size=2,
            unique=True,
        ).map(tuple),
    )
)
def test_setting_label_parses_back(setting):
    assert parse_setting_label(setting.label()) == setting


def test_hub_note_spellings_are_understood():
    assert parse_setting_label("no-tools") == Setting(tools=False)
    assert parse_setting_label("chain-of-thought, 0-shot") == Setting(cot=True, shots=0)


# --------------------------------------------------------------------------- model-index format


def test_model_index_mapping_for_known_and_unknown_benchmarks():
    (entry,) = results_to_model_index(
        [res(shots=5), res(bench="FooBench v2", value=3.5, bid=None)], "org/m", REGISTRY
    )
    assert entry["name"] == "org/m"
    mmlu, foo = entry["results"]
    assert mmlu == {
        "task": {"type": "text-generation"},
        "dataset": {"name": "MMLU", "type": "cais/mmlu", "config": "all", "split": "test"},
        "metrics": [
            {"type": "accuracy", "value": 71.3, "name": "MMLU (5-shot)", "args": {"shots": 5}}
        ],
        "source": {"name": "Model card table", "url": README_SRC.url},
    }
    assert foo["dataset"] == {"name": "FooBench v2", "type": "foobench-v2"}
    assert foo["metrics"][0]["type"] == "score"
    assert "verified" not in foo["metrics"][0] and "verifyToken" not in foo["metrics"][0]


def test_unmapped_benchmarks_in_other_scripts_stay_two_benchmarks():
    # One README table, four benchmarks the registry does not know: none may be taken for
    # another (a false conflict) and each keeps a readable dataset.type.
    results = [
        res(bench="中文推理", value=61.0, bid=None),
        res(bench="中文语言", value=72.0, bid=None),
        res(bench="中-法", value=30.1, bid=None),
        res(bench="中-西班牙", value=28.4, bid=None),
    ]
    p = plan(RepoFiles(None), results, formats="model-index")
    assert not p.conflicts and len(p.added) == 4
    blocks = front(p.new_files[README_PATH])["model-index"][0]["results"]
    assert [b["dataset"]["type"] for b in blocks] == ["中文推理", "中文语言", "中-法", "中-西班牙"]
    card = ModelCard(p.new_files[README_PATH])
    assert sorted(r.metric_value for r in card.data.eval_results) == [28.4, 30.1, 61.0, 72.0]
    assert plan(applied(RepoFiles(None), p), results, formats="model-index").is_noop


def test_result_identity_uses_the_registry_normaliser():
    # Unmapped results de-duplicate by name: "+" and width must mean what they mean in lookups.
    def key(name):
        return res(bench=name, bid=None).key()

    assert key("HumanEval+") != key("HumanEval")
    assert key("中文推理") != key("中文语言")
    assert key("ＭＭＬＵ－Ｐｒｏ") == key("mmlu pro")


def test_a_name_with_no_letters_or_digits_gets_a_stable_distinct_type():
    (entry,) = results_to_model_index(
        [res(bench="★", value=1.0, bid=None), res(bench="☆", value=2.0, bid=None)], "m", REGISTRY
    )
    types = [b["dataset"]["type"] for b in entry["results"]]
    assert len(set(types)) == 2 and all(re.fullmatch(r"benchmark-[0-9a-f]{8}", t) for t in types)
    (again,) = results_to_model_index([res(bench="★", value=1.0, bid=None)], "m", REGISTRY)
    assert again["results"][0]["dataset"]["type"] == types[0]


def test_eval_results_file_names_keep_other_scripts():
    assert eval_results_path("inspect", "中文推理") == ".eval_results/inspect_中文推理.yaml"
    assert eval_results_path("inspect", "中文推理") != eval_results_path("inspect", "中文语言")


def test_local_file_source_becomes_a_relative_reference():
    local = Source(kind="readme", name="README.md", path="README.md", line=12)
    (entry,) = results_to_model_index([res(source=local)], "m", REGISTRY)
    assert entry["results"][0]["source"] == {"name": "README.md", "url": "README.md#L12"}
    bare = Source(kind="manual", name="someone said")
    (entry,) = results_to_model_index([res(source=bare)], "m", REGISTRY)
    assert "source" not in entry["results"][0]


def test_same_dataset_with_other_settings_and_sources_reads_back_without_loss():
    results = [
        res(value=71.3, shots=5),
        res(value=65.0, shots=0),
        res(value=70.9, source=PAPER_SRC, shots=5),
        res(bench="GPQA", value=41.2, bid="gpqa_diamond", source=AA_SRC),
    ]
    p = plan(RepoFiles(None), results, formats="model-index")
    card = ModelCard(p.new_files[README_PATH])
    got = {
        (r.metric_name, r.metric_value, r.source_url, r.dataset_name)
        for r in card.data.eval_results
    }
    assert got == {
        ("MMLU (5-shot)", 71.3, README_SRC.url, "MMLU"),
        ("MMLU (0-shot)", 65.0, README_SRC.url, "MMLU"),
        ("MMLU (5-shot)", 70.9, PAPER_SRC.url, "MMLU"),
        ("GPQA", 41.2, AA_SRC.url, "GPQA Diamond"),
    }
    # Even huggingface_hub's own re-write (which merges blocks by dataset) keeps every value and setting.
    name, evals = model_index_to_eval_results(front(p.new_files[README_PATH])["model-index"])
    rewritten = eval_results_to_model_index(name, evals)
    values = {(m["name"], m["value"]) for r in rewritten[0]["results"] for m in r["metrics"]}
    assert values == {
        ("MMLU (5-shot)", 71.3),
        ("MMLU (0-shot)", 65.0),
        ("MMLU (5-shot)", 70.9),
        ("GPQA", 41.2),
    }


# --------------------------------------------------------------------------- eval-results format


def test_eval_results_entries_only_for_hub_benchmarks_and_accepted_by_huggingface_hub():
    results = [
        res(bench="MMLU-Pro", value=79.1, bid="mmlu_pro", source=AA_SRC),
        res(bench="GPQA", value=41.2, bid="gpqa_diamond", source=AA_SRC, shots=5, tools=True),
        res(),  # MMLU: no Benchmark task known
        res(bench="Mystery", bid=None),
    ]
    entries, skipped = results_to_eval_results_entries(results, REGISTRY)
    assert [(r.benchmark, why) for r, why in skipped] == [
        ("MMLU", "no Hub Benchmark dataset/task_id known"),
        ("Mystery", "unmapped benchmark"),
    ]
    assert entries[0] == {
        "dataset": {"id": "TIGER-Lab/MMLU-Pro", "task_id": "default"},
        "value": 79.1,
        "date": "2025-06-01",
        "source": {"url": AA_SRC.url, "name": "Artificial Analysis"},
    }
    assert entries[1]["notes"] == "5-shot, with tools"
    parsed = parse_eval_result_entries(yaml.safe_load(yaml.safe_dump(entries)))
    assert [(e.dataset_id, e.task_id, e.value, e.notes, e.source_url) for e in parsed] == [
        ("TIGER-Lab/MMLU-Pro", "default", 79.1, None, AA_SRC.url),
        ("Idavidrein/gpqa", "gpqa_diamond", 41.2, "5-shot, with tools", AA_SRC.url),
    ]
    assert eval_result_entries_to_yaml(parsed) == entries


def test_written_eval_results_file_parses_with_huggingface_hub():
    p = plan(
        RepoFiles(None), [res(bench="GPQA", value=41.2, bid="gpqa_diamond")], formats="eval-results"
    )
    (path,) = p.new_files
    assert path == ".eval_results/readme.yaml"
    (entry,) = parse_eval_result_entries(yaml.safe_load(p.new_files[path]))
    assert (entry.dataset_id, entry.task_id, entry.value, entry.source_url) == (
        "Idavidrein/gpqa",
        "gpqa_diamond",
        41.2,
        README_SRC.url,
    )


# --------------------------------------------------------------------------- merging into README


def test_no_readme_gets_a_card_with_front_matter():
    p = plan(RepoFiles(None), [res()], formats="model-index")
    assert p.old_files == {README_PATH: None}
    card = ModelCard(p.new_files[README_PATH])
    assert card.data.eval_results[0].metric_value == 71.3
    assert p.diff().startswith("--- /dev/null\n+++ b/README.md\n")


def test_readme_without_front_matter_keeps_its_body_byte_for_byte():
    body = "# Title\n\nSome text\n---\nnot yaml: [\n"
    p = plan(RepoFiles(body), [res()], formats="model-index")
    new = p.new_files[README_PATH]
    assert new.endswith(body) and new.startswith("---\n")
    assert split_front_matter(new).body == body
    assert front(new)["model-index"][0]["results"][0]["metrics"][0]["value"] == 71.3


def test_front_matter_without_model_index_gets_the_key_and_keeps_every_other_byte():
    readme = "---\nlicense: mit # why not\ntags:\n- a\n---\nBody text without newline"
    p = plan(RepoFiles(readme), [res()], formats="model-index")
    new = p.new_files[README_PATH]
    assert new.startswith("---\nlicense: mit # why not\ntags:\n- a\nmodel-index:\n")
    assert new.endswith("---\nBody text without newline")
    assert only_insertions(readme, new)
    assert front(new)["license"] == "mit"


def test_existing_model_index_keeps_unknown_keys_comments_and_body():
    p = plan(
        RepoFiles(HAND_CARD), [res(shots=5), res(bench="GPQA", value=41.2, bid="gpqa_diamond")]
    )
    new = p.new_files[README_PATH]
    # Nothing of the old text was changed or removed: new results were only inserted.
    assert only_insertions(HAND_CARD, new)
    assert split_front_matter(new).body == split_front_matter(HAND_CARD).body
    old_fm, new_fm = front(HAND_CARD), front(new)
    assert {k: v for k, v in new_fm.items() if k != "model-index"} == {
        k: v for k, v in old_fm.items() if k != "model-index"
    }
    new_results = new_fm["model-index"][0]["results"]
    assert (
        new_results[0] == old_fm["model-index"][0]["results"][0]
    )  # custom, user, extra_key all there
    assert len(new_results) == 3
    # New sequences follow the card's own indentation style.
    assert "\n        metrics:\n          - type: accuracy\n            value: 71.3\n" in new
    # The Hub library reads old and new values.
    card = ModelCard(new)
    assert sorted(r.metric_value for r in card.data.eval_results) == [41.2, 70.1, 71.3]


def test_readme_diff_shows_only_front_matter():
    p = plan(RepoFiles(HAND_CARD), [res(shots=5)], formats="model-index")
    diff = p.diff()
    assert diff.startswith("--- a/README.md\n+++ b/README.md\n")
    changed = [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed and all(line.startswith("+") for line in changed)
    assert "Footer" not in diff and "| MMLU |" not in diff


def _patched(old: str, diff: str) -> str:
    """`old` with a unified diff applied: what `git apply` would make of it."""
    old_lines = old.splitlines(keepends=True)
    out: list[str] = []
    at = 0  # next line of old to copy
    for line in diff.splitlines(keepends=True)[2:]:
        if line.startswith("@@"):
            start = int(re.match(r"@@ -(\d+)(?:,(\d+))?", line).group(1))
            length = re.match(r"@@ -\d+(?:,(\d+))?", line).group(1)
            first = start - 1 if length != "0" else start
            out.extend(old_lines[at:first])
            at = first
        elif line.startswith("\\"):
            out[-1] = out[-1].rstrip("\n")
        elif line[0] == " ":
            out.append(line[1:])
            at += 1
        elif line[0] == "-":
            at += 1
        elif line[0] == "+":
            out.append(line[1:])
    out.extend(old_lines[at:])
    return "".join(out)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "key: 1", "- x", ""]), max_size=40),
    st.integers(0, 40),
    st.integers(0, 6),
    st.lists(st.sampled_from(["a", "n", "key: 2", ""]), max_size=6),
)
def test_unified_diff_applies_to_the_old_file(lines, at, removed, inserted):
    # The diff leaves out what both files share at their start and end, for speed; applied
    # to the old file it must still give the new one, with its line numbers right.
    old = "".join(f"{x}\n" for x in lines)
    at = min(at, len(lines))
    new_lines = lines[:at] + inserted + lines[at + removed :]
    new = "".join(f"{x}\n" for x in new_lines)
    diff = unified_diff(old, new, "README.md")
    if old == new:
        assert diff == ""
        return
    assert _patched(old, diff) == new


def test_unified_diff_of_one_insertion_in_a_long_file_is_difflibs():
    old_lines = [f"line {i}\n" for i in range(5000)]
    new_lines = old_lines[:2500] + ["new a\n", "new b\n"] + old_lines[2500:]
    expected = "".join(
        difflib.unified_diff(old_lines, new_lines, fromfile="a/README.md", tofile="b/README.md")
    )
    diff = unified_diff("".join(old_lines), "".join(new_lines), "README.md")
    assert diff == expected
    assert "@@ -2498,6 +2498,8 @@" in diff


def test_crlf_card_stays_crlf():
    readme = HAND_CARD.replace("\n", "\r\n")
    p = plan(RepoFiles(readme), [res(shots=5)], formats="model-index")
    new = p.new_files[README_PATH]
    assert "\n" not in new.replace("\r\n", "")
    assert split_front_matter(new).body == split_front_matter(readme).body
    assert only_insertions(readme, new)
    assert plan(RepoFiles(new), [res(shots=5)], formats="model-index").is_noop


def test_new_results_go_to_the_entry_named_like_the_model():
    readme = "---\nmodel-index:\n- name: other\n  results: []\n- name: org/m\n  results:\n  - task: {type: text-generation}\n    dataset: {name: X, type: x}\n    metrics: [{type: accuracy, value: 1}]\n---\n"
    p = plan(RepoFiles(readme), [res()], formats="model-index")
    mi = front(p.new_files[README_PATH])["model-index"]
    assert mi[0] == {"name": "other", "results": []}
    assert [r["dataset"]["name"] for r in mi[1]["results"]] == ["X", "MMLU"]


def test_flow_style_model_index_is_still_merged_without_loss():
    readme = "---\n# keep\nlicense: mit\nmodel-index: [{name: org/m, results: [{task: {type: text-generation}, dataset: {name: X, type: x, custom: 1}, metrics: [{type: accuracy, value: 1}]}]}]\ntags: [a]\n---\nbody\n"
    p = plan(RepoFiles(readme), [res()], formats="model-index")
    new = p.new_files[README_PATH]
    assert new.startswith("---\n# keep\nlicense: mit\n") and new.endswith("tags: [a]\n---\nbody\n")
    results = front(new)["model-index"][0]["results"]
    assert results[0]["dataset"]["custom"] == 1 and results[1]["metrics"][0]["value"] == 71.3


def test_empty_front_matter_block_is_filled():
    p = plan(RepoFiles("---\n---\nbody\n"), [res()], formats="model-index")
    new = p.new_files[README_PATH]
    assert new.endswith("---\nbody\n") and front(new)["model-index"]


@pytest.mark.parametrize(
    "readme, message",
    [
        ("---\nlicense: [mit\n---\nbody\n", "not valid YAML"),
        ("---\nlicense: mit\nno closing line\n", "no closing"),
        ("---\n- a\n- b\n---\n", "not a YAML mapping"),
        ("---\nmodel-index: {name: x}\n---\n", "model-index is not a list"),
        ("---\nmodel-index:\n- just a string\n---\n", "model-index[0] is not a mapping"),
    ],
)
def test_broken_front_matter_is_a_clear_error(readme, message):
    with pytest.raises(FrontMatterError) as info:
        plan(RepoFiles(readme), [res()], formats="model-index")
    assert message in info.value.message
    assert "\n" not in info.value.message
    assert isinstance(info.value, InputError)  # exit 1, like any unreadable input


def test_a_broken_eval_results_file_is_not_a_front_matter_error():
    """Callers that offer "print without merging" for a broken README tell it by type."""
    files = RepoFiles(None, {".eval_results/readme.yaml": "[oops"})
    with pytest.raises(InputError) as info:
        plan(files, [res(bench="MMLU-Pro", bid="mmlu_pro")], formats="eval-results")
    assert not isinstance(info.value, FrontMatterError)
    assert "not valid YAML" in info.value.message


# --------------------------------------------------------------------------- idempotence and conflicts


def test_second_write_changes_nothing():
    results = [
        res(shots=5),
        res(bench="GPQA", value=41.2, bid="gpqa_diamond", cot=True),
        res(bench="Mystery", value=3.0, bid=None),
    ]
    for start in (RepoFiles(None), RepoFiles(HAND_CARD), RepoFiles("no front matter\n")):
        first = plan(start, results)
        assert not first.is_noop and len(first.added) == 3
        second = plan(applied(start, first), results)
        assert second.is_noop and second.diff() == ""
        assert len(second.already_present) == 3 and not second.added and not second.conflicts


def test_readme_reextracted_at_a_later_commit_is_already_present():
    first = plan(RepoFiles(None), [res(shots=5)])
    later = res(shots=5, source=README_SRC_LATER)
    assert plan(applied(RepoFiles(None), first), [later]).is_noop


def test_identical_value_from_another_source_is_not_added_twice():
    p = plan(RepoFiles(HAND_CARD), [res(value=70.1)], formats="model-index")
    assert p.is_noop and p.already_present == [res(value=70.1)]


def test_new_value_from_same_origin_is_a_conflict_and_changes_nothing():
    files = applied(RepoFiles(HAND_CARD), plan(RepoFiles(HAND_CARD), [res(value=71.3, shots=5)]))
    p = plan(files, [res(value=72.0, shots=5, source=README_SRC_LATER)])
    assert p.is_noop and not p.added
    assert {c.path for c in p.conflicts} == {README_PATH}
    (conflict,) = p.conflicts
    assert conflict.existing_value == 71.3 and conflict.result.value == 72.0
    assert conflict.yaml_path == "model-index[0].results[1].metrics[0].value"
    assert "71.3" in conflict.describe() and "72.0" in conflict.describe()


def test_overwrite_replaces_only_the_value():
    files = applied(
        RepoFiles(HAND_CARD),
        plan(RepoFiles(HAND_CARD), [res(value=71.3, shots=5)], formats="model-index"),
    )
    p = plan(files, [res(value=72.0, shots=5)], overwrite=True, formats="model-index")
    old, new = files.readme, p.new_files[README_PATH]
    assert [c.existing_value for c in p.replaced] == [71.3] and not p.conflicts
    assert new == old.replace("value: 71.3", "value: 72.0")
    assert plan(applied(files, p), [res(value=72.0, shots=5)], formats="model-index").is_noop


def changed_lines(old: str, new: str) -> list[tuple[str, str]]:
    """The (removed, added) line pairs between two texts of the same length in lines."""
    a, b = old.splitlines(), new.splitlines()
    assert len(a) == len(b), difflib.unified_diff(a, b)
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def test_overwrite_replaces_the_value_and_its_source_in_place():
    first = plan(RepoFiles(HAND_CARD), [res(value=71.0, shots=5)], formats="model-index")
    files = applied(RepoFiles(HAND_CARD), first)
    # The README was corrected: the same cell, at a later revision, now says 73.3.
    p = plan(
        files, [res(value=73.3, shots=5, source=README_SRC_LATER)], overwrite=True,
        formats="model-index",
    )  # fmt: skip
    new = p.new_files[README_PATH]
    assert changed_lines(files.readme, new) == [
        ("            value: 71.0", "            value: 73.3"),
        (f"          url: {README_SRC.url}", f"          url: {README_SRC_LATER.url}"),
    ]
    card = ModelCard(new)
    assert {(r.metric_value, r.source_url) for r in card.data.eval_results} == {
        (70.1, PAPER_SRC.url),  # the other source's value and source are untouched
        (73.3, README_SRC_LATER.url),
    }
    again = plan(
        applied(files, p), [res(value=73.3, shots=5, source=README_SRC_LATER)],
        formats="model-index",
    )  # fmt: skip
    assert again.is_noop and len(again.already_present) == 1


def test_overwrite_writes_the_new_sources_name_args_and_attribution():
    # A hand-written metric from Artificial Analysis, with the setting in its name only.
    readme = """---
model-index:
- name: org/m
  results:
  - task: {type: text-generation}
    dataset: {name: MMLU-Pro, type: TIGER-Lab/MMLU-Pro}
    metrics:
    - type: accuracy
      value: 78.0
      name: MMLU-Pro (thinking)
      verified: true
      config: default   # not ours: stays
    source: {name: Artificial Analysis, url: https://artificialanalysis.ai/models/old}
---
"""
    new_value = res(
        bench="MMLU-Pro", value=79.1, bid="mmlu_pro", source=AA_ATTRIBUTED, thinking=True
    )
    p = plan(
        RepoFiles(readme), [new_value], overwrite=True, formats="model-index",
        origin="artificial_analysis",
    )  # fmt: skip
    assert [c.existing_value for c in p.replaced] == [78.0]
    (block,) = front(p.new_files[README_PATH])["model-index"][0]["results"]
    assert block["source"] == {"name": "Artificial Analysis", "url": AA_ATTRIBUTED.url}
    assert block["metrics"] == [
        {
            "type": "accuracy",
            "value": 79.1,
            "name": "MMLU-Pro (thinking)",
            "config": "default",  # keys we do not derive are kept; the verification is dropped
            "args": {"thinking": True, "source_reference": AA_ID, "source_date": "2025-06-01"},
        }
    ]
    assert "# not ours: stays" in p.new_files[README_PATH]


def test_overwrite_moves_a_value_out_of_a_block_it_shares_with_other_values():
    same_line = Source(kind="readme", name="Model card table", url=README_SRC.url)
    both = [res(value=71.0, shots=5, source=same_line), res(value=65.0, shots=0, source=same_line)]
    files = applied(RepoFiles(HAND_CARD), plan(RepoFiles(HAND_CARD), both, formats="model-index"))
    (shared,) = [
        b for b in front(files.readme)["model-index"][0]["results"] if len(b["metrics"]) == 2
    ]
    p = plan(
        files, [res(value=72.0, shots=5, source=README_SRC_LATER)], overwrite=True,
        formats="model-index",
    )  # fmt: skip
    new = p.new_files[README_PATH]
    card = ModelCard(new)
    assert {(r.metric_value, r.metric_name, r.source_url) for r in card.data.eval_results} == {
        (70.1, "MMLU", PAPER_SRC.url),
        (65.0, "MMLU (0-shot)", README_SRC.url),  # keeps the source it shared
        (72.0, "MMLU (5-shot)", README_SRC_LATER.url),  # gets its own
    }
    assert new.startswith(HAND_CARD.split("model-index:")[0])  # keys before it keep their text
    assert new.endswith(HAND_CARD.split("tags: [llm, eval]")[1])  # the body too
    assert shared["source"]["url"] == README_SRC.url


def test_eval_results_overwrite_replaces_source_date_and_notes():
    old = """# kept
- dataset: {id: TIGER-Lab/MMLU-Pro, task_id: default}
  value: 78.0
  date: '2025-01-01'
  verifyToken: abc   # of the old number
  source:
    url: https://artificialanalysis.ai/models/old
    name: Artificial Analysis
  notes: thinking
  evaluation_framework: aa
"""
    files = RepoFiles(None, {".eval_results/artificial_analysis.yaml": old})
    new_value = res(
        bench="MMLU-Pro", value=79.1, bid="mmlu_pro", source=AA_ATTRIBUTED, thinking=True
    )
    p = plan(
        files, [new_value], overwrite=True, formats="eval-results", origin="artificial_analysis"
    )
    text = p.new_files[".eval_results/artificial_analysis.yaml"]
    (entry,) = yaml.safe_load(text)
    assert entry == {
        "dataset": {"id": "TIGER-Lab/MMLU-Pro", "task_id": "default"},
        "value": 79.1,
        "date": "2025-06-01",
        "source": {"url": AA_ATTRIBUTED.url, "name": "Artificial Analysis"},
        "notes": f"thinking; ref: {AA_ID}",
        "evaluation_framework": "aa",
    }
    assert text.startswith("# kept\n")
    assert parse_eval_result_entries([entry])[0].source_url == AA_ATTRIBUTED.url


def test_sourceless_card_value_conflicts_with_readme_extraction_only():
    readme = "---\nmodel-index:\n- name: org/m\n  results:\n  - task: {type: text-generation}\n    dataset: {name: MMLU, type: cais/mmlu}\n    metrics:\n    - {type: accuracy, value: 69.0}\n---\n"
    assert [c.existing_value for c in plan(RepoFiles(readme), [res()]).conflicts] == [69.0]
    other = plan(RepoFiles(readme), [res(source=AA_SRC)], origin="artificial_analysis")
    assert not other.conflicts and len(other.added) == 1


def test_other_source_same_benchmark_is_kept_alongside():
    p = plan(RepoFiles(HAND_CARD), [res(value=72.5)], formats="model-index")  # paper says 70.1
    assert not p.conflicts and len(p.added) == 1
    card = ModelCard(p.new_files[README_PATH])
    assert {(r.metric_value, r.source_url) for r in card.data.eval_results} == {
        (70.1, PAPER_SRC.url),
        (72.5, README_SRC.url),
    }


def test_conflict_in_one_format_blocks_the_other_too():
    gpqa = dict(bench="GPQA", bid="gpqa_diamond")
    er_path = ".eval_results/readme.yaml"
    files = applied(
        RepoFiles(None), plan(RepoFiles(None), [res(value=41.2, **gpqa)], formats="eval-results")
    )
    p = plan(files, [res(value=44.0, **gpqa)])
    assert [c.path for c in p.conflicts] == [er_path]
    assert p.is_noop  # the README does not get a value that contradicts the eval-results file


def test_two_new_values_for_the_same_benchmark_conflict_with_each_other():
    p = plan(RepoFiles(None), [res(value=71.3), res(value=73.0)], formats="model-index")
    assert [r.value for r in p.added] == [71.3]
    assert [(c.existing_value, c.result.value) for c in p.conflicts] == [(71.3, 73.0)]


def test_non_finite_values_are_skipped():
    p = plan(RepoFiles(None), [res(value=math.nan)])
    assert p.is_noop and p.skipped and p.skipped[0][1] == "value is not a finite number"


def test_skip_reasons_are_kinds_for_code_and_words_for_people():
    results = [
        res(bench="MMLU-Pro", bid="mmlu_pro", value=math.nan),
        res(bench="Mystery", bid=None, value=1.0),
        res(value=70.0),  # MMLU: no Hub Benchmark task, so model-index only
    ]
    p = plan(RepoFiles(None), results)
    assert [(s.result.benchmark, s.reason) for s in p.skipped] == [
        ("MMLU-Pro", SkipReason.NOT_A_NUMBER),
        ("Mystery", SkipReason.UNMAPPED),
        ("MMLU", SkipReason.NO_HUB_BENCHMARK),
    ]
    by_kind = {s.reason.kind: s.reason for s in p.skipped}
    # Left out of .eval_results only (model-index has them) vs left out of both.
    assert by_kind["unmapped"].eval_results_only and by_kind["no_hub_benchmark"].eval_results_only
    assert not by_kind["not_a_number"].eval_results_only
    assert [r.benchmark for r in p.added] == ["Mystery", "MMLU"]
    # --json carries both; the words are what people have always read.
    rows = {row["kind"]: row["reason"] for row in p.to_dict()["skipped"]}
    assert rows == {
        "not_a_number": "value is not a finite number",
        "unmapped": "unmapped benchmark",
        "no_hub_benchmark": "no Hub Benchmark dataset/task_id known",
    }


# --------------------------------------------------------------------------- merging .eval_results


EXISTING_ER = """# written by hand
- dataset:
    id: Idavidrein/gpqa
    task_id: gpqa_diamond
  value: 40.0
  notes: 0-shot   # keep
  evaluation_framework: inspect-ai
- dataset: {id: some/other, task_id: t}
  value: 1
"""


def test_eval_results_merge_keeps_unknown_entries_and_comments():
    files = RepoFiles(None, {".eval_results/readme.yaml": EXISTING_ER})
    p = plan(
        files, [res(bench="GPQA", value=41.2, bid="gpqa_diamond", shots=5)], formats="eval-results"
    )
    new = p.new_files[".eval_results/readme.yaml"]
    assert new.startswith(EXISTING_ER)
    data = yaml.safe_load(new)
    assert data[:2] == yaml.safe_load(EXISTING_ER)
    assert data[2]["notes"] == "5-shot" and data[2]["value"] == 41.2
    assert plan(
        applied(files, p),
        [res(bench="GPQA", value=41.2, bid="gpqa_diamond", shots=5)],
        formats="eval-results",
    ).is_noop


def test_eval_results_conflict_and_overwrite():
    files = RepoFiles(None, {".eval_results/readme.yaml": EXISTING_ER})
    zero_shot = res(bench="GPQA", value=42.0, bid="gpqa_diamond", shots=0)
    p = plan(files, [zero_shot], formats="eval-results")
    assert p.is_noop and [(c.yaml_path, c.existing_value) for c in p.conflicts] == [
        ("[0].value", 40.0)
    ]
    p = plan(files, [zero_shot], formats="eval-results", overwrite=True)
    # The value and its source change; the comments, the notes and the unknown key stay.
    assert p.new_files[".eval_results/readme.yaml"] == EXISTING_ER.replace(
        "value: 40.0", "value: 42.0"
    ).replace(
        "  evaluation_framework: inspect-ai\n",
        "  evaluation_framework: inspect-ai\n"
        f"  source:\n    url: {README_SRC.url}\n    name: Model card table\n",
    )


def test_each_origin_writes_its_own_file():
    files = RepoFiles(None, {".eval_results/readme.yaml": EXISTING_ER})
    p = plan(
        files,
        [res(bench="GPQA", value=42.0, bid="gpqa_diamond", shots=0, source=AA_SRC)],
        formats="eval-results",
        origin="artificial_analysis",
    )
    assert list(p.new_files) == [".eval_results/artificial_analysis.yaml"] and not p.conflicts
    p = plan(
        RepoFiles(None),
        [res(bench="GPQA", value=42.0, bid="gpqa_diamond")],
        formats="eval-results",
        origin="inspect",
        name="gpqa_diamond",
    )
    assert list(p.new_files) == [".eval_results/inspect_gpqa_diamond.yaml"]


def test_eval_results_file_that_is_not_a_list_is_refused():
    files = RepoFiles(None, {".eval_results/readme.yaml": "dataset: {id: x}\n"})
    with pytest.raises(InputError, match="not a YAML list"):
        plan(files, [res(bench="GPQA", bid="gpqa_diamond")], formats="eval-results")


# --------------------------------------------------------------------------- reading


def test_read_card_results_both_formats_with_sources_and_settings():
    results = [
        res(shots=5),
        res(bench="GPQA", value=41.2, bid="gpqa_diamond", source=AA_SRC, tools=True),
    ]
    files = applied(RepoFiles(HAND_CARD), plan(RepoFiles(HAND_CARD), results))
    rows = read_card_results(files, REGISTRY)
    got = [(r.format, r.path, r.benchmark_id, r.value, r.setting_label, r.source_url) for r in rows]
    assert got == [
        ("model-index", "README.md", "mmlu", 70.1, "", PAPER_SRC.url),
        ("model-index", "README.md", "mmlu", 71.3, "5-shot", README_SRC.url),
        ("model-index", "README.md", "gpqa_diamond", 41.2, "with tools", AA_SRC.url),
        (
            "eval-results",
            ".eval_results/readme.yaml",
            "gpqa_diamond",
            41.2,
            "with tools",
            AA_SRC.url,
        ),
    ]
    assert rows[1].yaml_path == "model-index[0].results[1].metrics[0]"
    assert rows[3].to_dict()["source"] == {"name": "Artificial Analysis", "url": AA_SRC.url}
    assert rows[1].to_result().setting == Setting(shots=5)


AA_ID = "2dad8957-4c16-4e74-bf2d-8b21514e0ae9"
AA_ATTRIBUTED = Source(
    kind="artificial_analysis",
    name="Artificial Analysis",
    url="https://artificialanalysis.ai/models/o3-mini",
    reference=AA_ID,
    date="2025-06-01",
)
INSPECT_RUN = Source(
    kind="inspect",
    name="inspect-ai eval (gpqa_diamond)",
    url="https://hf.co/datasets/org/logs/blob/main/run.eval",
    reference="org/m@0123456789ab, dataset 5e4f; seed 1",  # a reference may hold "; " and ","
    date="2025-07-02",
)


def test_reference_and_date_of_a_source_survive_model_index_and_huggingface_hub():
    results = [
        res(bench="MMLU-Pro", value=79.1, bid="mmlu_pro", source=AA_ATTRIBUTED, thinking=True),
        res(bench="GPQA", value=41.2, bid="gpqa_diamond", source=INSPECT_RUN, shots=0),
    ]
    p = plan(RepoFiles(HAND_CARD), results, formats="model-index")
    readme = p.new_files[README_PATH]
    # huggingface_hub parses it, and its own re-write (ModelCardData) keeps the attribution
    card = ModelCard(readme)
    args = {r.metric_value: r.metric_args for r in card.data.eval_results}
    assert args[79.1] == {"thinking": True, "source_reference": AA_ID, "source_date": "2025-06-01"}
    assert args[41.2]["source_reference"] == INSPECT_RUN.reference
    name, evals = model_index_to_eval_results(front(readme)["model-index"])
    rewritten = ModelCardData(model_name=name, eval_results=evals).to_dict()["model-index"]
    kept = {m["value"]: m.get("args") for b in rewritten[0]["results"] for m in b["metrics"]}
    assert kept[79.1]["source_reference"] == AA_ID and kept[41.2]["source_date"] == "2025-07-02"
    # we read it back: the setting is still the setting, and the source has its id and date
    rows = {r.value: r for r in read_card_results(applied(RepoFiles(HAND_CARD), p), REGISTRY)}
    assert rows[79.1].setting == Setting(thinking=True)
    assert (rows[79.1].source_reference, rows[79.1].date) == (AA_ID, "2025-06-01")
    back = rows[41.2].to_result()
    assert back.source.reference == INSPECT_RUN.reference and back.source.date == "2025-07-02"
    assert back.setting == Setting(shots=0)
    assert plan(applied(RepoFiles(HAND_CARD), p), results, formats="model-index").is_noop
    assert not [
        x
        for x in validate_files(applied(RepoFiles(HAND_CARD), p), REGISTRY)
        if x.severity == "error"
    ]


def test_reference_goes_to_eval_results_notes_after_the_setting():
    results = [
        res(bench="MMLU-Pro", value=79.1, bid="mmlu_pro", source=AA_ATTRIBUTED, thinking=True),
        res(bench="GPQA", value=41.2, bid="gpqa_diamond", source=INSPECT_RUN),
    ]
    p = plan(RepoFiles(None), results, formats="eval-results", origin="artificial_analysis")
    path = ".eval_results/artificial_analysis.yaml"
    entries = yaml.safe_load(p.new_files[path])
    assert entries[0]["notes"] == f"thinking; ref: {AA_ID}" and entries[0]["date"] == "2025-06-01"
    assert entries[1]["notes"] == f"ref: {INSPECT_RUN.reference}"
    parsed = parse_eval_result_entries(entries)  # huggingface_hub accepts it
    assert parsed[0].notes == f"thinking; ref: {AA_ID}"
    after = applied(RepoFiles(None), p)
    rows = read_card_results(after, REGISTRY)
    assert [(r.setting, r.source_reference) for r in rows] == [
        (Setting(thinking=True), AA_ID),
        (Setting(), INSPECT_RUN.reference),
    ]
    assert rows[0].to_dict()["source"]["reference"] == AA_ID
    # the note's reference is not a setting: a second import is a no-op, a new value a conflict
    again = plan(after, results, formats="eval-results", origin="artificial_analysis")
    assert again.is_noop and len(again.already_present) == 2
    changed = [results[0].with_value(80.0, "percent")]
    clash = plan(after, changed, formats="eval-results", origin="artificial_analysis")
    assert [c.existing_value for c in clash.conflicts] == [79.1]


def test_sources_without_reference_or_date_write_what_they_did_before():
    (entry,) = results_to_model_index([res(shots=5)], "m", REGISTRY)
    assert entry["results"][0]["metrics"][0]["args"] == {"shots": 5}
    (plain,) = results_to_model_index([res()], "m", REGISTRY)
    assert "args" not in plain["results"][0]["metrics"][0]


def test_read_card_results_reports_malformed_entries():
    readme = "---\nmodel-index:\n- name: m\n  results:\n  - task: {type: text-generation}\n    dataset: {name: MMLU, type: cais/mmlu}\n    metrics:\n    - {type: accuracy}\n    - oops\n  - 7\n---\n"
    files = RepoFiles(
        readme,
        {
            ".eval_results/a.yaml": "- {dataset: {id: Idavidrein/gpqa}, value: 1}\n- 3\n",
            ".eval_results/b.yaml": "[oops",
        },
    )
    rows = read_card_results(files, REGISTRY)
    problems = [(r.path, r.yaml_path, r.problem) for r in rows if r.problem]
    assert problems == [
        ("README.md", "model-index[0].results[0].metrics[0]", "metric has no value"),
        ("README.md", "model-index[0].results[0].metrics[1]", "metric is not a mapping"),
        ("README.md", "model-index[0].results[1]", "result is not a mapping"),
        (".eval_results/a.yaml", "[0]", "entry has no dataset.id or dataset.task_id"),
        (".eval_results/a.yaml", "[1]", "entry is not a mapping"),
        (".eval_results/b.yaml", "", problems[-1][2]),
    ]
    assert problems[-1][2].startswith("not valid YAML")
    assert read_card_results(RepoFiles("---\nlicense: [\n---\n"), REGISTRY)[0].problem.startswith(
        "README front matter is not valid YAML"
    )


_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.sampled_from(["", "x", "cais/mmlu", "MMLU", "Idavidrein/gpqa", "gpqa_diamond", "5-shot"]),
)
_key = st.sampled_from(
    ["model-index", "name", "results", "task", "type", "dataset", "metrics", "value"]
    + ["source", "url", "args", "id", "task_id", "notes", "date", "verified", "other"]
)
_tree = st.recursive(
    _leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_key, inner, max_size=5)),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(model_index=_tree, eval_results=_tree)
def test_reading_and_validation_see_the_same_card(model_index, eval_results):
    """One walk feeds both: whatever reading cannot read, validation calls an error, there."""
    files = RepoFiles(
        "---\n" + yaml.safe_dump({"model-index": model_index}) + "---\n",
        {".eval_results/a.yaml": yaml.safe_dump(eval_results)},
    )
    rows = read_card_results(files, REGISTRY)
    failing = {path for path, _ in errors(validate_files(files, REGISTRY))}
    unreadable = [(r.path, r.yaml_path) for r in rows if r.problem]
    assert all(path in failing for path, _ in unreadable), (unreadable, failing)
    # Every file-level or structural part reading gives up on is an error at that very path.
    structural = [
        (r.path, r.yaml_path) for r in rows if r.problem and r.problem not in _VALUE_LEVEL
    ]
    assert set(structural) <= errors(validate_files(files, REGISTRY))


# Read problems about one usable-looking entry (validation names the missing field instead).
_VALUE_LEVEL = {
    "metric has no value",
    "result has no dataset",
    "entry has no value",
    "entry has no dataset.id or dataset.task_id",
}


# --------------------------------------------------------------------------- validation


def errors(problems, severity="error"):
    return {(p.path, p.yaml_path) for p in problems if p.severity == severity}


def test_what_we_write_validates_clean():
    results = [
        res(shots=5),
        res(bench="GPQA", value=41.2, bid="gpqa_diamond", source=AA_SRC),
        res(bench="Mystery", value=3.0, bid=None),
    ]
    files = applied(RepoFiles(HAND_CARD), plan(RepoFiles(HAND_CARD), results))
    assert [str(p) for p in validate_files(files, REGISTRY) if p.severity == "error"] == []


def test_validate_model_index_rules_with_yaml_paths():
    readme = """---
model-index:
- results:
  - task: {name: x}
    dataset: {name: MMLU}
    metrics:
    - {type: accuracy}
    - {value: 50}
    - {type: accuracy, value: 50, verified: true}
    source: {name: somewhere}
  - task: {type: text-generation}
    dataset: {type: x, name: X}
    metrics: []
- name: m2
---
"""
    problems = validate_files(RepoFiles(readme), REGISTRY)
    assert errors(problems) == {
        ("README.md", "model-index[0].name"),
        ("README.md", "model-index[0].results[0].task.type"),
        ("README.md", "model-index[0].results[0].dataset.type"),
        ("README.md", "model-index[0].results[0].metrics[0].value"),
        ("README.md", "model-index[0].results[0].metrics[1].type"),
        ("README.md", "model-index[0].results[0].source.url"),
        ("README.md", "model-index[0].results[1].metrics"),
        ("README.md", "model-index[1].results"),
    }
    assert ("README.md", "model-index[0].results[0].metrics[2].verified") in errors(
        problems, "warning"
    )


def test_each_problem_has_a_kind_for_code():
    readme = """---
model-index:
- name: m
  results:
  - task: text-generation
    dataset: {name: MMLU, type: cais/mmlu, extra: 1}
    metrics:
    - {type: accuracy, value: 0.7, verified: true}
    - {value: 50}
    source: {url: README.md#L3}
    notes: x
---
"""
    text = "- {dataset: {id: Idavidrein/gpqa, task_id: nope}, value: 40, date: soon}\n- 3\n"
    files = RepoFiles(readme, {".eval_results/a.yaml": text, ".eval_results/b.yaml": "[oops"})
    kinds = {(p.path, p.yaml_path): p.kind for p in validate_files(files, REGISTRY)}
    mi = "model-index[0].results[0]"
    assert kinds == {
        ("README.md", f"{mi}.task"): "malformed",  # there, but a string
        ("README.md", f"{mi}.source.url"): "not_http",
        ("README.md", f"{mi}.notes"): "unknown_key",
        ("README.md", f"{mi}.metrics[0].value"): "likely_wrong_scale",
        ("README.md", f"{mi}.metrics[0].verified"): "self_verified",
        ("README.md", f"{mi}.metrics[1].type"): "missing",
        (".eval_results/a.yaml", "[0].dataset"): "not_in_registry",
        (".eval_results/a.yaml", "[0].date"): "bad_date",
        (".eval_results/a.yaml", "[1]"): "malformed",
        (".eval_results/b.yaml", ""): "unreadable",
    }
    assert validate_files(files, REGISTRY)[0].to_dict()["kind"] == "malformed"


def test_validate_eval_results_rules_with_yaml_paths():
    text = """- dataset: {task_id: t}
  value: 1
  date: last tuesday
  source: {name: x}
- dataset: {id: Idavidrein/gpqa, task_id: gpqa_diamond}
- dataset: {id: Idavidrein/gpqa, task_id: gpqa_diamond}
  value: 41.2
  date: 2025-01-15T10:30:00Z
  source: {url: 'https://x'}
- 5
"""
    problems = validate_files(RepoFiles(None, {".eval_results/x.yaml": text}), REGISTRY)
    assert errors(problems) == {
        (".eval_results/x.yaml", "[0].dataset.id"),
        (".eval_results/x.yaml", "[0].date"),
        (".eval_results/x.yaml", "[0].source.url"),
        (".eval_results/x.yaml", "[1].value"),
        (".eval_results/x.yaml", "[3]"),
    }
    assert errors(
        validate_files(RepoFiles(None, {".eval_results/y.yaml": "a: 1\n"}), REGISTRY)
    ) == {(".eval_results/y.yaml", "")}


@pytest.mark.parametrize(
    "dataset, value, severity, needle",
    [
        ("{name: MMLU, type: cais/mmlu}", 101.0, "error", "outside 0-100"),
        ("{name: MMLU, type: cais/mmlu}", -1, "error", "outside 0-100"),
        ("{name: MMLU, type: cais/mmlu}", 0.85, "warning", "looks like a fraction"),
        ("{name: HLE-frac, type: cais/hle}", 23.5, "error", "above 1"),
        ("{name: MT-Bench, type: mt_bench}", 11, "error", "above the maximum 10"),
    ],
)
def test_validate_value_sanity_from_the_registry(dataset, value, severity, needle):
    readme = f"---\nmodel-index:\n- name: m\n  results:\n  - task: {{type: text-generation}}\n    dataset: {dataset}\n    metrics:\n    - {{type: accuracy, value: {value}}}\n---\n"
    (problem,) = validate_files(RepoFiles(readme), REGISTRY)
    assert (problem.yaml_path, problem.severity) == (
        "model-index[0].results[0].metrics[0].value",
        severity,
    )
    assert needle in problem.message


def test_validate_value_sanity_in_eval_results():
    text = "- dataset: {id: cais/hle, task_id: hle}\n  value: 23.5\n"
    (problem,) = validate_files(RepoFiles(None, {".eval_results/a.yaml": text}), REGISTRY)
    assert problem.yaml_path == "[0].value" and "looks like a percent" in problem.message


def test_validate_broken_front_matter():
    (problem,) = validate_files(RepoFiles("---\nlicense: [\n---\n"), REGISTRY)
    assert problem.severity == "error" and problem.yaml_path == ""


# --------------------------------------------------------------------------- properties


# Words YAML 1.1 reads as booleans or null are not string keys (huggingface_hub rejects them).
_NOT_STRING_KEYS = {"model_index", "y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_key = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True).filter(
    lambda k: k not in _NOT_STRING_KEYS
)
_scalar = st.one_of(
    st.integers(-1000, 1000),
    st.booleans(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
)
_value = st.one_of(
    _scalar, st.lists(_scalar, max_size=3), st.dictionaries(_key, _scalar, max_size=3)
)


@st.composite
def cards(draw):
    """Random front matter (with or without comments and a model-index) and a random body."""
    meta = draw(st.dictionaries(_key, _value, max_size=5))
    flow = draw(st.booleans())  # nested values as [a, b] / {k: v} or as blocks
    text = "".join(
        f"{key}: {yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6).removesuffix(chr(10) + '...' + chr(10)).strip()}\n"
        if flow
        else yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True)
        for key, value in meta.items()
    )
    if meta and draw(st.booleans()):
        text = "# leading comment\n" + text + "# trailing comment\n"
    if draw(st.booleans()):
        existing = results_to_model_index(
            [res(value=draw(st.floats(0, 100, allow_nan=False)), source=PAPER_SRC)],
            "org/m",
            REGISTRY,
        )
        existing[0]["results"][0]["dataset"]["custom"] = "x"
        text += yaml.safe_dump({"model-index": existing}, sort_keys=False)
    body = draw(st.sampled_from(["", "# Title\n", "text\n---\nmore", "\r\nwindows\r\n"]))
    return "---\n" + text + "---\n" + body


_results = st.lists(
    st.builds(
        res,
        bench=st.sampled_from(["MMLU", "GPQA", "Odd Bench"]),
        value=st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 2)),
        source=st.sampled_from([README_SRC, AA_SRC]),
        bid=st.none(),
        shots=st.none() | st.sampled_from([0, 5]),
    ).map(
        lambda r: Result(
            **{
                **r.__dict__,
                "benchmark_id": REGISTRY.lookup(r.benchmark).id
                if REGISTRY.lookup(r.benchmark)
                else None,
            }
        )
    ),
    max_size=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), _results)
def test_merging_never_loses_existing_keys_or_body_and_is_idempotent(readme, results):
    files = RepoFiles(readme)
    p = plan(files, results)
    after = applied(files, p)
    old_fm, new_fm = front(readme), front(after.readme)
    assert split_front_matter(after.readme).body == split_front_matter(readme).body
    for key, value in old_fm.items():
        if key != "model-index":
            assert new_fm[key] == value
    old_metrics = [
        m for r in (old_fm.get("model-index") or [{}])[0].get("results", []) for m in r["metrics"]
    ]
    new_metrics = [
        m for r in new_fm.get("model-index", [{}])[0].get("results", []) for m in r["metrics"]
    ]
    assert all(m in new_metrics for m in old_metrics)
    assert len(new_metrics) == len(old_metrics) + sum(1 for r in p.added)
    # Every added result is readable by huggingface_hub.
    if p.added:
        assert ModelCard(after.readme).data.eval_results
    assert plan(after, results).is_noop


AA_SRC_LATER = Source(
    kind="artificial_analysis",
    name="Artificial Analysis",
    url=AA_SRC.url,
    reference="aa-model-id",
    date="2025-07-01",
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), _results)
def test_overwrite_gives_every_replaced_value_its_new_source_and_loses_nothing(readme, results):
    unique = list({r.key(): r for r in results}.values())
    files = applied(RepoFiles(readme), plan(RepoFiles(readme), unique))
    later = [
        Result(
            **{
                **r.__dict__,
                "value": round(r.value + 1.5, 2),
                "source": README_SRC_LATER if r.source == README_SRC else AA_SRC_LATER,
            }
        )
        for r in unique
    ]
    p = plan(files, later, overwrite=True)
    after = applied(files, p)
    assert not p.conflicts
    assert split_front_matter(after.readme).body == split_front_matter(readme).body
    old_fm, new_fm = front(readme), front(after.readme)
    assert {k: v for k, v in new_fm.items() if k != "model-index"} == {
        k: v for k, v in old_fm.items() if k != "model-index"
    }
    if not later:
        return
    shown = {
        (r.metric_value, r.source_url, r.metric_name)
        for r in ModelCard(after.readme).data.eval_results
    }
    for result in later:  # each new value is on the card with its own source, never the old one
        assert (result.value, result.source.url, metric_display_name(result)) in shown
    for entry in yaml.safe_load(after.eval_results.get(".eval_results/readme.yaml", "[]")):
        assert entry["source"]["url"] in (README_SRC_LATER.url, AA_SRC_LATER.url)
    assert plan(after, later).is_noop


def test_model_card_data_is_not_used_for_writing():
    """huggingface_hub's own round trip would drop `custom` and merge blocks; ours does not."""
    data = front(HAND_CARD)
    hub = ModelCardData(**data).to_dict()
    assert "custom" not in hub["model-index"][0]["results"][0]["dataset"]
    p = plan(RepoFiles(HAND_CARD), [res(value=72.5)], formats="model-index")
    assert (
        front(p.new_files[README_PATH])["model-index"][0]["results"][0]["dataset"]["custom"]
        == "kept-by-us"
    )
    assert re.search(r"custom: kept-by-us +# unknown to huggingface_hub", p.new_files[README_PATH])


def test_open_llm_leaderboard_style_shots_are_read_from_dataset_args():
    readme = """---
model-index:
- name: m
  results:
  - task: {type: text-generation, name: Text Generation}
    dataset: {name: MMLU (5-Shot), type: cais/mmlu, config: all, split: test, args: {num_few_shot: 5}}
    metrics:
    - {type: acc, value: 64.2, name: accuracy}
    source: {url: 'https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard', name: Open LLM Leaderboard}
---
"""
    (row,) = read_card_results(RepoFiles(readme), REGISTRY)
    assert (row.benchmark_id, row.setting, row.value) == ("mmlu", Setting(shots=5), 64.2)


_er_entry = st.fixed_dictionaries(
    {
        "dataset": st.fixed_dictionaries(
            {
                "id": st.sampled_from(["Idavidrein/gpqa", "TIGER-Lab/MMLU-Pro", "x/y"]),
                "task_id": st.sampled_from(["gpqa_diamond", "default", "t"]),
            }
        ),
        "value": st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1)),
    },
    optional={"notes": st.sampled_from(["0-shot", "5-shot", "no-tools"]), "custom": _scalar},
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_er_entry, max_size=4), st.booleans(), _results)
def test_eval_results_merge_never_loses_entries(entries, comment, results):
    text = ("# by hand\n" if comment else "") + (
        yaml.safe_dump(entries, sort_keys=False) if entries else ""
    )
    files = RepoFiles(None, {".eval_results/readme.yaml": text})
    p = plan(files, results, formats="eval-results")
    after = applied(files, p).eval_results[".eval_results/readme.yaml"]
    data = yaml.safe_load(after) or []
    assert data[: len(entries)] == entries
    assert len(data) == len(entries) + len(p.added)
    if comment:
        assert after.startswith("# by hand\n")
    parse_eval_result_entries(data)
    assert plan(applied(files, p), results, formats="eval-results").is_noop


def test_byte_order_mark_does_not_hide_existing_front_matter():
    readme = "\ufeff---\nlicense: mit\n---\nbody\n"
    with pytest.warns(UserNote, match="byte-order mark"):
        new = plan(RepoFiles(readme), [res()], formats="model-index").new_files[README_PATH]
    # written as the Hub reads front matter: from byte 0, without the mark
    assert new.startswith("---\nlicense: mit\nmodel-index:\n") and new.endswith("---\nbody\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("before", ["", "\n", "\ufeff", "\ufeff\n\n"])
def test_one_splitter_finds_the_front_matter_whatever_the_line_endings(before, newline):
    readme = (before + "---\nlicense: mit\n---\nbody\n").replace("\n", newline)
    front = split_front_matter(readme)
    assert front.present and front.newline == newline
    assert front.yaml_text == "license: mit" + newline and front.body == "body" + newline
    assert front.opening + front.yaml_text + front.closing + front.body == readme
    if newline == "\r":  # the Hub reads no metadata there: never written
        with pytest.raises(HiddenFrontMatter, match="CR-only line endings"):
            plan(RepoFiles(readme), [res()], formats="model-index")
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserNote)
        new = plan(RepoFiles(readme), [res()], formats="model-index").new_files[README_PATH]
    kept = before.removeprefix("\ufeff").replace("\n", newline)
    assert new.startswith(kept + "---" + newline + "license: mit")
    assert new.count("---") == 2 and new.endswith("---" + newline + "body" + newline)


# --- block YAML written without PyYAML's representer: byte for byte the dumper's -------------

_TRICKY = st.sampled_from(
    ["", " x", "x ", "a: b", "a #b", "a#b", "http://x/y#L5", "-", "- x", "?", ": x", "yes", "no",
     "on", "null", "~", "1.0", "1e3", "0x1F", "1_000", "2024-01-01", "=", "<<", "...", "---x",
     "'q'", '"d"', "x'y", "a, b", "[x]", "{x}", "%x", "@x", "`x", "!x", "&x", "*x", "|", ">",
     "MMLU-Pro", "pass@1", "中文推理", "é", "a\nb", "tab\tx", "\u00a0", "x" * 130, "True"]
)  # fmt: skip
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), _TRICKY, st.text(max_size=12)
)
_KEYS = st.one_of(_TRICKY, st.text(max_size=8), st.integers())
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(data=st.one_of(st.dictionaries(_KEYS, _DATA, max_size=5), st.lists(_DATA, max_size=5)))
@example(data={" x": ["\x85"]})  # NEL breaks the line: its indent depends on the column
@example(data=[{"a": "x\u2028y"}])
def test_block_yaml_is_byte_for_byte_what_the_dumper_writes(data):
    from hfeval import frontmatter as fm

    for indented in (False, True):
        dumper = fm._IndentedDumper if indented else fm.SafeDumper
        options = {"sort_keys": False, "allow_unicode": True, "width": 1_000_000}
        fast = fm.block_yaml(data, dumper, indent_sequences=indented, **options)
        if fast is not None:
            assert fast == yaml.dump(data, Dumper=dumper, default_flow_style=False, **options)
    preview = {"sort_keys": False, "allow_unicode": True, "width": 1000}
    assert fm.dump_yaml(data, **preview) == yaml.dump(data, Dumper=fm.SafeDumper, **preview)


def test_block_yaml_writes_a_large_model_index_itself():
    from hfeval import frontmatter as fm

    entry = {"name": "M-7B", "results": [{"task": {"type": "text-generation"}, "metrics": [
        {"type": "mmlu", "value": 71.3, "name": "MMLU (5-shot)", "verified": False}]}]}  # fmt: skip
    data = {"model-index": [entry] * 1}
    assert fm.block_yaml(data, fm.SafeDumper, indent_sequences=True, sort_keys=False,
                         allow_unicode=True, width=1000) is not None  # fmt: skip
    shared = {"model-index": [entry, entry]}  # one object twice: the dumper writes an anchor
    assert fm.block_yaml(shared, fm.SafeDumper, indent_sequences=False, sort_keys=False,
                         allow_unicode=True, width=1000) is None  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(data=_DATA, flow=st.booleans())
def test_load_yaml_builds_what_pyyaml_builds(data, flow):
    from hfeval import frontmatter as fm

    text = yaml.dump(data, Dumper=fm.SafeDumper, default_flow_style=flow, allow_unicode=True)
    assert repr(fm.load_yaml(text)) == repr(yaml.load(text, Loader=fm.SafeLoader))


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [1, 2.5, true, null, ~, 2024-01-01, '1', 0x1F, .inf]\n",
        "x: &a {k: 1}\ny: *a\n",  # an alias is the same object
        "base: &b {a: 1}\nd:\n  <<: *b\n  c: 2\n",  # merge keys
        "? [1, 2]\n: x\n",  # unhashable key: PyYAML's error
        "a: !!binary aGVsbG8=\ns: !!set {a, b}\n",
        "r: &r [*r]\n",  # recursive
        "a: 1\na: 2\n",
        "",
        "a: 'x'\n---\nb: 2\n",  # two documents: PyYAML's error
        "a: [unclosed\n",
    ],
)
def test_load_yaml_agrees_with_pyyaml_on_every_construct(text):
    from hfeval import frontmatter as fm

    def outcome(load):
        try:
            return repr(load(text))
        except yaml.YAMLError as error:
            return f"{type(error).__name__}: {error}"

    assert outcome(fm.load_yaml) == outcome(lambda t: yaml.load(t, Loader=fm.SafeLoader))
