"""Which model-index entry new results go into (issue 11, item 1).

A card's model-index may list several models. New results go into the entry that is the
repo's model, matched the way tables are (case, separators, an org prefix), never into
entry 0 because it comes first; no such entry: a new one, named as the repo's model; two
that could be: refused (exit 4), nothing written. The preview shows the entry name the
write uses. End to end through the command line against the Hub stand-in.
"""

from __future__ import annotations

import json

import pytest
import yaml
from hfeval.benchmarks import load_registry
from hfeval.card_common import RepoFiles
from hfeval.card_merge import plan_update
from hfeval.errors import AmbiguousModelIndexEntry
from hfeval.results import Result, Source

REPO = "owner-org/alpha-7b"
MMLU = "{task: {type: text-generation}, dataset: {name: MMLU, type: cais/mmlu}, metrics: [{type: accuracy, value: 70.1}]}"
ARC = "{task: {type: text-generation}, dataset: {name: ARC, type: ai2_arc}, metrics: [{type: accuracy, value: 50}]}"
BODY = """# Alpha-7B

| Benchmark | Alpha-7B |
| --- | --- |
| GSM8K | 55.1 |
"""


def card(*entries: str) -> str:
    return f"---\nlicense: mit\nmodel-index: [{', '.join(entries)}]\n---\n{BODY}"


def entry(name: str, *results: str) -> str:
    return f"{{name: {name}, results: [{', '.join(results)}]}}"


ISSUE_CARD = card(entry("Other-13B", MMLU), entry("Alpha-7B", ARC))


@pytest.fixture
def alice(hub):
    return hub.add_user("alice")


def front_matter(readme: str) -> dict:
    return yaml.safe_load(readme.split("---\n")[1])


def values(mi_entry: dict) -> list[tuple[str, float]]:
    return [
        (block["dataset"]["name"], metric["value"])
        for block in mi_entry["results"]
        for metric in block["metrics"]
    ]


def posts(hub) -> list:
    return [r for r in hub.log if r.method == "POST" and "validate-yaml" not in r.path]


def test_the_issue_card_gets_gsm8k_under_alpha_7b_in_preview_and_pr(hub, alice, cli):
    hub.create_repo(REPO, {"README.md": ISSUE_CARD})

    preview = cli("extract-readme", "--repo-id", REPO, "--format", "model-index")
    assert preview.returncode == 0, preview.stderr
    assert "- name: Alpha-7B" in preview.stdout
    assert "name: alpha-7b" not in preview.stdout and "Other-13B" not in preview.stdout
    as_json = json.loads(cli("extract-readme", "--repo-id", REPO, "--json").stdout)
    assert [e["name"] for e in as_json["document"]["model-index"]] == ["Alpha-7B"]

    created = cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert created.returncode == 0, created.stderr
    (pr,) = hub.pull_requests(REPO)
    mi = front_matter(hub.files(REPO, f"refs/pr/{pr.num}")["README.md"])["model-index"]
    assert [e["name"] for e in mi] == ["Other-13B", "Alpha-7B"]
    assert values(mi[0]) == [("MMLU", 70.1)]  # the other model's entry is untouched
    assert values(mi[1]) == [("ARC", 50), ("GSM8K", 55.1)]

    shown = cli("show", "--repo-id", REPO, "--revision", f"refs/pr/{pr.num}")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    other = next(i for i, line in enumerate(lines) if "Other-13B" in line)
    alpha = next(i for i, line in enumerate(lines) if "Alpha-7B" in line)
    assert "MMLU" in lines[other + 1] and other < alpha
    assert {lines[alpha + 1].split(":")[0].strip(), lines[alpha + 2].split(":")[0].strip()} == {
        "ARC",
        "GSM8K",
    }
    rows = json.loads(cli("show", "--repo-id", REPO, "--revision", "refs/pr/1", "--json").stdout)
    named = {(r["model_name"], r["value"]) for r in rows["results"] if r["format"] == "model-index"}
    assert named == {("Other-13B", 70.1), ("Alpha-7B", 50), ("Alpha-7B", 55.1)}


def test_a_card_without_the_model_gets_a_new_entry_named_as_the_repo(hub, alice, cli):
    hub.create_repo(REPO, {"README.md": card(entry("Other-13B", MMLU))})

    preview = cli("extract-readme", "--repo-id", REPO, "--format", "model-index")
    assert preview.returncode == 0, preview.stderr
    assert "- name: alpha-7b" in preview.stdout

    created = cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice)
    assert created.returncode == 0, created.stderr
    mi = front_matter(hub.files(REPO, "refs/pr/1")["README.md"])["model-index"]
    assert [e["name"] for e in mi] == ["Other-13B", "alpha-7b"]
    assert values(mi[0]) == [("MMLU", 70.1)]
    assert values(mi[1]) == [("GSM8K", 55.1)]


BLOCK_CARD = f"""---
license: mit
model-index:
- name: Other-13B  # the base model's scores
  results:
  - task: {{type: text-generation}}
    dataset: {{name: MMLU, type: cais/mmlu}}
    metrics:
    - {{type: accuracy, value: 70.1}}
---
{BODY}"""


def test_a_new_entry_on_a_block_style_card_keeps_every_other_line(hub, alice, cli):
    hub.create_repo(REPO, {"README.md": BLOCK_CARD})
    assert cli("extract-readme", "--repo-id", REPO, "--create-pr", token=alice).returncode == 0
    new = hub.files(REPO, "refs/pr/1")["README.md"]
    assert new.startswith(BLOCK_CARD.split("---\n# Alpha")[0])  # appended, comment kept
    mi = front_matter(new)["model-index"]
    assert [(e["name"], values(e)) for e in mi] == [
        ("Other-13B", [("MMLU", 70.1)]),
        ("alpha-7b", [("GSM8K", 55.1)]),
    ]


@pytest.mark.parametrize("mode", [(), ("--create-pr",)])
def test_two_entries_that_could_be_the_model_are_refused(hub, alice, cli, mode):
    readme = card(entry("Alpha-7B", ARC), entry("owner-org/alpha_7b", MMLU))
    hub.create_repo(REPO, {"README.md": readme})
    hub.clear_log()
    refused = cli("extract-readme", "--repo-id", REPO, *mode, token=alice)
    assert refused.returncode == 4, refused.stderr
    (line,) = [x for x in refused.stderr.splitlines() if x.startswith("error:")]
    assert "model-index[0] 'Alpha-7B'" in line and "model-index[1] 'owner-org/alpha_7b'" in line
    assert posts(hub) == [] and hub.pull_requests(REPO) == []
    assert hub.files(REPO) == {"README.md": readme}

    as_json = cli("extract-readme", "--repo-id", REPO, *mode, "--json", token=alice)
    payload = json.loads(as_json.stdout)
    assert as_json.returncode == payload["exit_code"] == 4
    assert payload["candidates"] == ["Alpha-7B", "owner-org/alpha_7b"]


# --------------------------------------------------------------------------- matching rules

REGISTRY = load_registry()
GSM8K = Result(
    benchmark="GSM8K",
    value=55.1,
    source=Source(kind="readme", name="Model card table", url="https://example.org/card"),
    benchmark_id="gsm8k",
)


def entry_names_after(names: list[str], *, model_name: str = "alpha-7b") -> list[tuple]:
    readme = card(*(entry(n, ARC) for n in names))
    plan = plan_update(
        RepoFiles(readme),
        [GSM8K],
        model_name=model_name,
        repo_id=REPO,
        formats="model-index",
        origin="readme",
        registry=REGISTRY,
    )
    mi = front_matter(plan.new_files["README.md"])["model-index"]
    return [(e["name"], len(e["results"])) for e in mi]


@pytest.mark.parametrize(
    "names, expected",
    [
        # case, separators and this repo's org prefix: the same model
        (["Other-13B", "ALPHA_7B"], [("Other-13B", 1), ("ALPHA_7B", 2)]),
        (["Other-13B", "Alpha 7B"], [("Other-13B", 1), ("Alpha 7B", 2)]),
        (["Other-13B", "owner-org/Alpha-7B"], [("Other-13B", 1), ("owner-org/Alpha-7B", 2)]),
        # another org's model, another variant, another size: not this model
        (["other-org/alpha-7b"], [("other-org/alpha-7b", 1), ("alpha-7b", 1)]),
        (["Alpha-7B-Instruct"], [("Alpha-7B-Instruct", 1), ("alpha-7b", 1)]),
        (["Alpha-70B"], [("Alpha-70B", 1), ("alpha-7b", 1)]),
    ],
)
def test_the_entry_is_matched_like_a_table_header(names, expected):
    assert entry_names_after(names) == expected


def test_an_explicit_entry_name_picks_that_entry():
    # --model-index-name Other-13B (import-aa, import-inspect) or add-eval --model-name
    assert entry_names_after(["Other-13B", "Alpha-7B"], model_name="Other-13B") == [
        ("Other-13B", 2),
        ("Alpha-7B", 1),
    ]


def test_the_ambiguity_is_a_typed_refusal():
    with pytest.raises(AmbiguousModelIndexEntry) as info:
        entry_names_after(["alpha-7b", "Alpha-7B"])
    assert info.value.exit_code == 4 and "\n" not in info.value.message
    assert info.value.candidates == ["alpha-7b", "Alpha-7B"]


def test_a_name_without_the_org_word_it_repeats_is_another_model():
    # distil-whisper/distil-large-v3: an entry "large-v3" is Whisper's, not this model's.
    def after(names: list[str]) -> list[tuple]:
        readme = card(*(entry(n, ARC) for n in names))
        plan = plan_update(
            RepoFiles(readme), [GSM8K], model_name="distil-large-v3",
            repo_id="distil-whisper/distil-large-v3", formats="model-index",
            origin="readme", registry=REGISTRY,
        )  # fmt: skip
        mi = front_matter(plan.new_files["README.md"])["model-index"]
        return [(e["name"], len(e["results"])) for e in mi]

    assert after(["large-v3"]) == [("large-v3", 1), ("distil-large-v3", 1)]
    assert after(["distil-large-v3", "large-v3"]) == [("distil-large-v3", 2), ("large-v3", 1)]
