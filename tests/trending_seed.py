"""Seed the Hub stand-in with trending models in every state `trending`, `collect` and `batch` meet.

`seed(stub, n=100)` creates `n` models ranked by trending score (model 1 first). Model
i has kind `KINDS[(i - 1) % len(KINDS)]`, so any 20 consecutive models hold every kind
once; `expected(kind)` is what each command should make of it. Cards are small but real:
model-index blocks as the Open LLM Leaderboard wrote them, `.eval_results` files as the
Hub documents them, README tables the extractor reads, and PRs opened by a community user.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub_stub import HubStub

ORG = "trend"
COMMUNITY = "helper-bot"

# (kind, trending status, collect model status)
KINDS: tuple[tuple[str, str, str], ...] = (
    ("table", "readme-tables", "ok"),
    ("mi-main", "has-results", "ok"),
    ("er-main", "has-results", "ok"),
    ("open-pr", "open-pr", "ok"),
    ("draft-pr", "open-pr", "ok"),
    ("closed-pr", "readme-tables", "ok"),
    ("merged-pr", "has-results", "ok"),
    ("gated", "gated", "gated"),
    ("broken-yaml", "broken-card", "broken-card"),
    ("broken-mi", "broken-card", "broken-card"),
    ("no-card", "no-card", "no-card"),
    ("ambiguous", "ambiguous", "ok"),
    ("aa-only", "aa-only", "ok"),
    ("nothing", "run-eval", "ok"),
    ("aa-on-main", "has-results", "ok"),
    ("inspect-on-main", "has-results", "ok"),
    ("conflict-pr", "open-pr", "ok"),
    ("mi-and-pr", "open-pr", "ok"),
    ("body-pr", "readme-tables", "ok"),
    ("table-unmapped", "readme-tables", "ok"),
)
KIND_NAMES = tuple(k for k, _, _ in KINDS)
# Repo names that match one Artificial Analysis stand-in model exactly (by slug).
AA_NAMES = ("gpt-oss-120b", "gemma-3-27b", "o3-mini", "grok-4", "llama-4-maverick")
# Kinds whose README has a table the extractor reads for the model (batch opens a PR for
# those without an open results PR).
TABLE_KINDS = ("table", "mi-main", "closed-pr", "body-pr", "table-unmapped")


@dataclass(frozen=True)
class Seeded:
    repo_id: str
    rank: int
    kind: str
    trending_status: str
    collect_status: str


def expected(kind: str) -> tuple[str, str]:
    for name, trending, collect in KINDS:
        if name == kind:
            return trending, collect
    raise KeyError(kind)


def model_name(i: int, kind: str) -> str:
    if kind == "aa-only":
        return AA_NAMES[((i - 1) // len(KINDS)) % len(AA_NAMES)]
    return f"Nova-{i}B"


def _table(name: str, mmlu: float, arc: float) -> str:
    return f"""## Evaluation

| Benchmark | {name} | Llama-3-8B | Mistral-7B |
|---|---|---|---|
| MMLU (5-shot) | {mmlu} | 66.6 | 62.5 |
| ARC-Challenge | {arc} | 59.0 | 55.5 |
| GSM8K (8-shot) | {round(mmlu - 10, 1)} | 50.1 | 40.2 |
"""


def _front(license_: str = "apache-2.0", extra: str = "") -> str:
    return f"---\nlicense: {license_}\npipeline_tag: text-generation\n{extra}---\n"


def _mi(name: str, mmlu: float, *, source: str | None = None) -> str:
    src = source or (
        "    source:\n      name: Open LLM Leaderboard\n"
        "      url: https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard\n"
    )
    return f"""model-index:
- name: {name}
  results:
  - task:
      type: text-generation
    dataset:
      name: MMLU (5-Shot)
      type: cais/mmlu
      config: all
      split: test
      args:
        num_few_shot: 5
    metrics:
    - type: acc
      value: {mmlu}
      name: accuracy
{src}  - task:
      type: text-generation
    dataset:
      name: AI2 Reasoning Challenge (25-Shot)
      type: allenai/ai2_arc
      config: ARC-Challenge
      split: test
      args:
        num_few_shot: 25
    metrics:
    - type: acc_norm
      value: 0.581
      name: normalized accuracy
{src}"""


def _eval_results(value: float, *, verified: bool = False, source: str | None = None) -> str:
    token = "  verifyToken: eyJhbGciOiJFZERTQSJ9.seed\n" if verified else ""
    src = source or "  source:\n    name: Model card\n    url: https://example.org/report\n"
    return (
        f"- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n  value: {value}\n{token}{src}"
        f"- dataset:\n    id: TIGER-Lab/MMLU-Pro\n    task_id: mmlu_pro\n  value: {round(value + 10, 1)}\n{src}"
    )


def card_files(i: int, kind: str) -> dict[str, str]:
    """The files on main when the repo is created."""
    name = model_name(i, kind)
    mmlu = round(50 + (i % 40) * 0.5, 1)
    arc = round(40 + (i % 30) * 0.5, 1)
    intro = f"# {name}\n\n{name} is a language model.\n\n"
    table = _table(name, mmlu, arc)
    files: dict[str, str] = {"config.json": "{}"}
    if kind in ("table", "closed-pr", "open-pr", "draft-pr", "conflict-pr", "body-pr"):
        files["README.md"] = _front() + intro + table
    elif kind == "table-unmapped":
        files["README.md"] = _front() + intro + table + "| ZorpBench v2 | 71.3 | 60.0 | 58.1 |\n"
    elif kind in ("mi-main", "mi-and-pr"):
        files["README.md"] = _front(extra=_mi(name, mmlu)) + intro + table
    elif kind == "er-main":
        files["README.md"] = _front() + intro
        files[".eval_results/readme.yaml"] = _eval_results(41.2, verified=True)
    elif kind == "merged-pr":
        files["README.md"] = _front() + intro
    elif kind == "gated":
        files["README.md"] = _front(extra=_mi(name, mmlu)) + intro + table
    elif kind == "broken-yaml":
        files["README.md"] = (
            "---\nlicense: apache-2.0\nmodel-index: [unclosed\n---\n" + intro + table
        )
    elif kind == "broken-mi":
        files["README.md"] = _front(extra="model-index:\n  results: not-a-list\n") + intro
    elif kind == "no-card":
        pass
    elif kind == "ambiguous":
        files["README.md"] = (
            _front()
            + intro
            + f"""## Base model

| Benchmark | {name} | Llama-3-8B |
|---|---|---|
| MMLU (5-shot) | {mmlu} | 66.6 |
| ARC-Challenge | {arc} | 59.0 |

## Instruct model

| Benchmark | {name} | Llama-3-8B-Instruct |
|---|---|---|
| MMLU (5-shot) | {round(mmlu + 3, 1)} | 68.4 |
| ARC-Challenge | {round(arc + 2, 1)} | 61.0 |
"""
        )
    elif kind in ("aa-only", "nothing"):
        files["README.md"] = _front() + intro + "A general-purpose model. No evaluation yet.\n"
    elif kind == "aa-on-main":
        aa_source = (
            "    source:\n      name: Artificial Analysis\n"
            "      url: https://artificialanalysis.ai/models/nova\n"
        )
        files["README.md"] = _front(extra=_mi(name, mmlu, source=aa_source)) + intro
    elif kind == "inspect-on-main":
        files["README.md"] = _front() + intro
        files[".eval_results/inspect_gpqa_diamond.yaml"] = _eval_results(
            38.5,
            source="  source:\n    name: inspect-ai eval (inspect_evals/gpqa_diamond)\n"
            "    url: https://huggingface.co/datasets/trend/logs/blob/main/run.eval\n",
        )
    return files


def seed(stub: HubStub, n: int = 100, *, org: str = ORG) -> list[Seeded]:
    """Create `n` trending models (rank 1 = highest trending score) in the states above."""
    out: list[Seeded] = []
    for i in range(1, n + 1):
        kind = KIND_NAMES[(i - 1) % len(KINDS)]
        repo_id = f"{org}/{model_name(i, kind)}"
        files = card_files(i, kind)
        stub.create_repo(
            repo_id,
            files,
            gated=kind == "gated",
            trendingScore=10_000 - i,
            downloads=1000 * (n - i + 1),
            likes=n - i + 1,
            pipeline_tag="text-generation",
            library_name="transformers",
            tags=["transformers", "license:apache-2.0"],
            safetensors={"parameters": {"BF16": i * 1_000_000_000}, "total": i * 1_000_000_000},
        )
        _add_prs(stub, repo_id, i, kind)
        trending, collect = expected(kind)
        out.append(Seeded(repo_id, i, kind, trending, collect))
    return out


def _add_prs(stub: HubStub, repo_id: str, i: int, kind: str) -> None:
    name = model_name(i, kind)
    readme = stub.read_file(repo_id, "README.md")
    pr_results = {".eval_results/readme.yaml": _eval_results(44.4)}
    if kind == "open-pr":
        stub.open_pr(
            repo_id,
            {"README.md": _with_mi(readme, name, 61.0)},
            author=COMMUNITY,
            title="Add evaluation results",
        )
    elif kind == "draft-pr":
        stub.open_pr(repo_id, pr_results, author=COMMUNITY, title="Add results", status="draft")
    elif kind == "closed-pr":
        num = stub.open_pr(
            repo_id,
            {"README.md": _with_mi(readme, name, 99.0)},
            author=COMMUNITY,
            title="Add (wrong) results",
        )
        stub.set_status(repo_id, num, "closed")
    elif kind == "merged-pr":
        num = stub.open_pr(repo_id, pr_results, author=COMMUNITY, title="Add results")
        stub.merge_pr(repo_id, num)
    elif kind == "conflict-pr":
        num = stub.open_pr(
            repo_id,
            {"README.md": _with_mi(readme, name, 62.0)},
            author=COMMUNITY,
            title="Add evaluation results",
        )
        stub.repo(repo_id).discussions[num - 1].conflicts = ["README.md"]
    elif kind == "mi-and-pr":
        changed = readme.replace("value: 0.581", "value: 0.602", 1)
        stub.open_pr(repo_id, {"README.md": changed}, author=COMMUNITY, title="Update ARC")
    elif kind == "body-pr":
        stub.open_pr(
            repo_id, {"README.md": readme + "\nTypo fixed.\n"}, author=COMMUNITY, title="Fix typo"
        )


def _with_mi(readme: str, name: str, mmlu: float) -> str:
    """The README with a model-index block added to its front matter."""
    head, body = readme.split("---\n", 2)[1], readme.split("---\n", 2)[2]
    return "---\n" + head + _mi(name, mmlu) + "---\n" + body
