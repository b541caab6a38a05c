"""Every module of the skill and the app is in mypy's file list, so CI type-checks it.

mypy reads `[tool.mypy] files` from pyproject.toml; a module left out of that list
is silently never checked (two were, until the library issue).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_module_is_type_checked() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    checked = set(config["tool"]["mypy"]["files"])
    modules = {
        path.relative_to(ROOT).as_posix()
        for pattern in ("scripts/*.py", "scripts/hfeval/*.py", "leaderboard/*.py")
        for path in ROOT.glob(pattern)
    }
    assert sorted(modules - checked) == []
