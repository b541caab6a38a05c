"""The leaderboard app's shipped snapshot: `collect` run over real model cards on the Hub stand-in.

    uv run python measurements/make_leaderboard_snapshot.py [--output leaderboard/data]

No network is needed (nor reachable here), so the snapshot is made the way a user would
make one, against the local Hub stand-in (tests/hub_stub.py) instead of the Hub:
1. every labelled real card (../shared/corpus/cards and measurements/extra_corpus/cards)
   becomes a model repo under its real repo id, with the card as its README (front
   matter and all), ranked in file order as the "trending" list;
2. its README tables go through the same extraction and publishing calls
   `extract-readme` makes: three cards in four are applied to `main` by the repo's owner,
   the fourth is proposed as an open pull request by a community user;
3. only with --with-test-aa (never for the shipped snapshot, which holds no invented
   number): two models get Artificial Analysis values from the AA stand-in's catalog
   (tests/aa_stub.py; its numbers are test data): Llama 3.3 70B Instruct applied to
   main, and gpt-oss-120b (a card with no tables) as an open PR;
4. `collect` reads them all and writes the dataset (schema:
   references/leaderboard-dataset.md) to --output, with a README.md saying all this.

Downloads and likes are 0 (the stand-in does not know them); parameters are the size the
repo name states, where it states one. A card the extractor refuses (no table names the
model, or ambiguously) simply has no values, as on the Hub.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CARD_DIRS = (
    ROOT.parent / "shared" / "corpus" / "cards",
    ROOT / "measurements" / "extra_corpus" / "cards",
)
OWNER, COMMUNITY = "card-owner", "community-evals"
AA_APPLY = ("meta-llama/Llama-3.3-70B-Instruct", "llama-3-3-instruct-70b")
AA_PR = ("openai/gpt-oss-120b", "gpt-oss-120b")
GPT_OSS_CARD = """---
license: apache-2.0
pipeline_tag: text-generation
library_name: transformers
---

# gpt-oss-120b

An open-weight model. (Card shortened for the snapshot: no evaluation tables.)
"""


def cards() -> list[tuple[str, str]]:
    """(repo id, README text) for every labelled card, each repo once."""
    out: dict[str, str] = {}
    for folder in CARD_DIRS:
        for path in sorted(folder.glob("*.md")):
            label = path.parent.parent / "labels" / f"{path.stem}.json"
            repo = None
            if label.is_file():
                data = json.loads(label.read_text(encoding="utf-8"))
                repo = data.get("repo_id_guess") or data.get("repo_id")
            out.setdefault(repo or f"corpus/{path.stem}", path.read_text(encoding="utf-8"))
    return list(out.items())


def size_from_name(repo_id: str) -> int | None:
    """The parameter count a repo name states ("Yi-34B-Chat": 34e9), else None."""
    match = re.search(
        r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)[Bb](?![A-Za-z0-9])", repo_id.split("/")[-1]
    )
    return int(float(match.group(1)) * 1e9) if match else None


def front_value(text: str, key: str) -> str | None:
    match = re.match(r"^---\s*\n(.*?)\n---", text, re.S)
    if not match:
        return None
    found = re.search(rf"^{key}:\s*(\S.*)$", match.group(1), re.M)
    return found.group(1).strip().strip("'\"") if found else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "leaderboard" / "data")
    parser.add_argument(
        "--with-test-aa",
        action="store_true",
        help="also publish the AA stand-in's test numbers for two models (never for the shipped snapshot)",
    )
    args = parser.parse_args()

    sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]
    from hub_stub import HubStub

    stub = HubStub().start()
    home = tempfile.mkdtemp(prefix="hfeval-snapshot-")
    os.environ.update(HF_ENDPOINT=stub.url, HF_HOME=home, HF_HUB_DISABLE_TELEMETRY="1")
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"):
        os.environ.pop(name, None)

    from aa_stub import AAStub, envelope
    from hfeval import artificial_analysis as aa
    from hfeval.benchmarks import load_registry
    from hfeval.collect import DATA_FILES, CollectRequest, collect, dataset_card
    from hfeval.errors import EvalToolError
    from hfeval.extraction import SourceRef, extract, for_publishing
    from hfeval.hub import HubClient
    from hfeval.naming import Target
    from hfeval.publish import Mode, PublishRequest, publish

    registry = load_registry()
    listed = cards() + ([(AA_PR[0], GPT_OSS_CARD)] if args.with_test_aa else [])
    orgs = sorted({repo.split("/")[0] for repo, _ in listed})
    owner = HubClient(stub.add_user(OWNER, orgs=orgs), cache_dir=Path(home) / "owner")
    community = HubClient(stub.add_user(COMMUNITY), cache_dir=Path(home) / "community")
    for rank, (repo, text) in enumerate(listed, 1):
        size = size_from_name(repo)
        stub.create_repo(
            repo,
            {"README.md": text, "config.json": "{}"},
            trendingScore=10_000 - rank,
            pipeline_tag=front_value(text, "pipeline_tag") or "text-generation",
            library_name=front_value(text, "library_name") or "transformers",
            safetensors={"parameters": {"BF16": size}, "total": size} if size else None,
        )

    log: list[str] = []
    with_results = 0
    for repo, _ in listed:
        readme = owner.read_readme(repo)
        extraction = extract(
            readme.text,
            Target.build(None, repo),
            registry,
            source=SourceRef(url_base=readme.url_base),
        )
        kept, _ = for_publishing(extraction.results)
        if not kept:
            log.append(f"{repo}: nothing extracted")
            continue
        as_pr = with_results % 4 == 3
        with_results += 1
        request = PublishRequest(
            repo_id=repo,
            model_name=repo.split("/")[-1],
            origin="readme",
            mode=Mode.CREATE_PR if as_pr else Mode.APPLY,
            command="extract-readme",
        )
        try:
            outcome = publish(
                kept, request=request, client=community if as_pr else owner, registry=registry
            )
            log.append(f"{repo}: {outcome.message}")
        except EvalToolError as error:  # a conflict with the card's own model-index, say
            log.append(f"{repo}: not published: {error.message}")

    catalog = aa._catalog(envelope(AAStub().models), datetime.now(UTC), "file")
    test_aa = ((AA_APPLY, Mode.APPLY, owner), (AA_PR, Mode.CREATE_PR, community))
    for (repo, slug), mode, client in test_aa if args.with_test_aa else ():
        model = aa.find_model(catalog.models, model_name=slug)
        results = aa.model_to_results(
            model, registry, retrieved=catalog.retrieved, aa_date=catalog.aa_date
        ).results
        request = PublishRequest(
            repo_id=repo,
            model_name=repo.split("/")[-1],
            origin="artificial_analysis",
            mode=mode,
            command="import-aa",
        )
        try:
            log.append(
                f"{repo} (AA): {publish(results, request=request, client=client, registry=registry).message}"
            )
        except EvalToolError as error:
            log.append(f"{repo} (AA): not published: {error.message}")

    work = Path(home) / "collected"
    collection = collect(
        CollectRequest(output=work, limit=len(listed), full=True),
        client=HubClient(cache_dir=Path(home) / "reader"),
        registry=registry,
    )
    stub.stop()

    args.output.mkdir(parents=True, exist_ok=True)
    for name in DATA_FILES:
        shutil.copyfile(work / name, args.output / name)
    note = (
        "**How this snapshot was made.** `measurements/make_leaderboard_snapshot.py` put "
        f"{len(listed)} real model cards (the labelled corpora) on the local Hub stand-in under "
        "their repo ids, published their README tables with the tool's own extraction (three in "
        "four applied to main, one in four as an open community PR)"
        + (
            " and Artificial Analysis values from the AA stand-in's test catalog for two models"
            if args.with_test_aa
            else ""
        )
        + ", then ran `collect`. Values come from the real cards; downloads and likes are 0 and parameters are the size a repo "
        "name states: the stand-in knows no more.\n\n"
    )
    title = "# Evaluation results of trending Hub models\n\n"
    card = dataset_card(collection).replace(title, title + note, 1)
    (args.output / "README.md").write_text(card, encoding="utf-8")
    meta = collection.metadata
    print("\n".join(log))
    print(
        f"snapshot: {len(meta['models'])} models, {meta['n_results']} values, counts {meta['counts']} "
        f"-> {args.output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
