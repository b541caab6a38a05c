"""Put the trending sets' cards back from git mirrors of their source repositories.

The labelled sets under measurements/trending_corpus keep their labels in the repository and
their cards out of it (they are copies of other repositories' files). Each label's `source`
says where the card came from: "OWNER/NAME/PATH at COMMIT", maybe followed by a remark.
Given the folder of git mirrors the tool library's fetch writes (/work/.mirror), this
writes each card at <set>/cards/<slug>.md with the bytes of `git show COMMIT:PATH`, and lists
the mirrors it still needs.

    uv run python measurements/restore_cards.py [--mirrors /work/.mirror] [--missing]

--missing prints only the repositories whose mirror is absent, one "OWNER/NAME" a line, for
fetching. Exit 0 when every card is in place, 1 when some could not be restored.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "measurements" / "trending_corpus"
SOURCE_RE = re.compile(
    r"^(?P<owner>[^/]+)/(?P<name>[^/]+)/(?P<path>.+) at (?P<commit>[0-9a-f]{40})\b"
)


@dataclass(frozen=True)
class CardSource:
    card: Path
    repo: str
    path: str
    commit: str


def card_sources(sets: Path = SETS) -> list[CardSource]:
    """Every labelled card under `sets`, with where its bytes come from."""
    sources = []
    for label in sorted(sets.glob("**/labels/*.json")):
        match = SOURCE_RE.match(json.loads(label.read_text(encoding="utf-8"))["source"])
        if match is None:
            raise SystemExit(f"{label}: source is not 'OWNER/NAME/PATH at COMMIT'")
        sources.append(
            CardSource(
                card=label.parent.parent / "cards" / f"{label.stem}.md",
                repo=f"{match['owner']}/{match['name']}",
                path=match["path"],
                commit=match["commit"],
            )
        )
    return sources


def git_dir(mirrors: Path, repo: str) -> Path | None:
    """The mirror's git directory: fetch writes OWNER+NAME/repo, bare or a clone's .git."""
    root = mirrors / repo.replace("/", "+") / "repo"
    for directory in (root, root / ".git"):
        if (directory / "HEAD").is_file() and (directory / "objects").is_dir():
            return directory
    return None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument(
        "--missing", action="store_true", help="list only the repositories to fetch"
    )
    args = parser.parse_args()
    sources = card_sources()
    missing = sorted({s.repo for s in sources if git_dir(args.mirrors, s.repo) is None})
    if args.missing:
        print("\n".join(missing))
        return 0
    failed = 0
    for source in sources:
        directory = git_dir(args.mirrors, source.repo)
        if directory is None:
            failed += 1
            continue
        shown = subprocess.run(
            ["git", f"--git-dir={directory}", "show", f"{source.commit}:{source.path}"],
            capture_output=True,
        )
        if shown.returncode != 0:
            print(
                f"{source.card.relative_to(ROOT)}: git show failed in {source.repo}",
                file=sys.stderr,
            )
            failed += 1
            continue
        source.card.parent.mkdir(parents=True, exist_ok=True)
        if not source.card.exists() or source.card.read_bytes() != shown.stdout:
            source.card.write_bytes(shown.stdout)
    print(
        f"{len(sources) - failed} of {len(sources)} cards in place; mirrors missing: {len(missing)}"
    )
    for repo in missing:
        print(f"  fetch github:{repo}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
