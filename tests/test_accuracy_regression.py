"""Extraction accuracy does not regress on the labelled card sets (in-process, with the
development corpus's own scorer). Skipped where ../shared/corpus is absent."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hfeval.benchmarks import load_registry
from hfeval.extraction import SourceRef, extract
from hfeval.naming import Target

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus"
EXTRA = ROOT / "measurements" / "extra_corpus"
# The trending set's cards are not in the repository (see its README): scored where present.
TRENDING = ROOT / "measurements" / "trending_corpus" / "dev"
SETS = [DEV, EXTRA] + ([TRENDING] if (TRENDING / "cards").is_dir() else [])
IDS = ["dev", "extra", "trending"][: len(SETS)]
SCORER = DEV / "score.py"

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="development corpus not present")


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(corpus: Path, named: bool) -> tuple[int, int, int]:
    score = _scorer()
    registry = load_registry()
    matched = extracted = expected_total = 0
    for label_file in sorted((corpus / "labels").glob("*.json")):
        label = json.loads(label_file.read_text(encoding="utf-8"))
        card = corpus / "cards" / f"{label_file.stem}.md"
        target = Target.build(label["model"] if named else None, label["repo_id_guess"])
        result = extract(
            card.read_text(encoding="utf-8"), target, registry, source=SourceRef(path=str(card))
        )
        pairs = score.extract_pairs(json.dumps({"results": [r.to_dict() for r in result.results]}))
        m, _ = score.score_card(label["expected"], pairs)
        matched, extracted, expected_total = (
            matched + m,
            extracted + len(pairs),
            expected_total + len(label["expected"]),
        )
    return matched, extracted, expected_total


@pytest.mark.parametrize("corpus", SETS, ids=IDS)
def test_named_extraction_is_exact_and_finds_nearly_everything(corpus):
    matched, extracted, expected = _score(corpus, named=True)
    assert matched == extracted, "a score was extracted that the labels do not have"
    assert matched / expected >= 0.95


@pytest.mark.parametrize("corpus", SETS, ids=IDS)
def test_repo_id_alone_never_extracts_a_wrong_number(corpus):
    matched, extracted, expected = _score(corpus, named=False)
    assert matched == extracted
    assert matched / expected >= 0.95
