"""`deploy-leaderboard` against the Hub stand-in: the preview writes nothing, --apply creates
the Space and writes the app with the files that name its models in one commit, a second
run changes nothing (exit 3), and the Space card lists the models as the Hub reads them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT
from hfeval.deploy import APP_FILES, models_from_metadata, space_readme

SPACE = "my-org/leaderboard"
DATASET = "my-org/trending-evals"
SNAPSHOT = ROOT / "leaderboard" / "data"
SNAPSHOT_MODELS = json.loads((SNAPSHOT / "metadata.json").read_text(encoding="utf-8"))["models"]


@pytest.fixture
def owner(hub):
    return hub.add_user("deployer", orgs=["my-org"])


def writes(hub) -> list:
    return [r for r in hub.requests() if r.method == "POST"]


def card_data(readme: str):
    """The Space card's metadata as huggingface_hub reads it."""
    from huggingface_hub import SpaceCard

    return SpaceCard(readme).data


def test_preview_writes_nothing_and_lists_the_files(hub, owner, cli):
    result = cli("deploy-leaderboard", "--space", SPACE, "--with-snapshot", token=owner)
    assert result.returncode == 0, result.stderr
    assert "does not exist yet" in result.stdout
    for name in (*APP_FILES, "models.txt", "dataset.txt", "data/metadata.json"):
        assert f"new       {name} " in result.stdout
    assert "nothing written (preview)" in result.stderr
    assert "+models:" in result.stderr  # the README diff shows what the card gains
    assert writes(hub) == []
    assert f"spaces/{SPACE}" not in hub.repos
    assert owner not in result.stdout + result.stderr


def test_apply_creates_the_space_in_one_commit_then_is_up_to_date(hub, owner, cli):
    applied = cli(
        "deploy-leaderboard", "--space", SPACE, "--with-snapshot", "--apply", "--json", token=owner
    )
    assert applied.returncode == 0, applied.stderr
    payload = json.loads(applied.stdout)
    assert payload["status"] == "committed" and payload["created"] is True
    assert payload["models"] == SNAPSHOT_MODELS

    repo = hub.repo(SPACE, repo_type="space")
    assert repo.meta["sdk"] == "gradio"
    commits = hub.commits(SPACE, repo_type="space")
    assert len(commits) == 2  # the Space's creation, then the deploy: one commit
    files = hub.files(SPACE, repo_type="space")
    for name in APP_FILES:
        if name != "README.md":
            assert files[name] == (ROOT / "leaderboard" / name).read_text(encoding="utf-8")
    assert files["data/results.json"] == (SNAPSHOT / "results.json").read_text(encoding="utf-8")
    listed = [
        line for line in files["models.txt"].splitlines() if line and not line.startswith("#")
    ]
    assert listed == SNAPSHOT_MODELS
    assert files["dataset.txt"] == ""

    card = card_data(files["README.md"])
    assert card.models == SNAPSHOT_MODELS  # what the Hub links model pages from
    assert card.sdk == "gradio" and card.app_file == "app.py"
    assert files["README.md"].endswith(
        (ROOT / "leaderboard" / "README.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    )

    again = cli("deploy-leaderboard", "--space", SPACE, "--with-snapshot", "--apply", token=owner)
    assert again.returncode == 3, again.stderr
    assert "already up to date" in again.stdout
    assert len(hub.commits(SPACE, repo_type="space")) == 2
    for result in (applied, again):
        assert owner not in result.stdout + result.stderr


def test_dataset_sets_what_the_app_reads_and_the_models_it_names(hub, owner, cli, tmp_path):
    models = ["org-a/Model-1", "org-b/Model-2"]
    hub.create_repo(
        DATASET,
        {"metadata.json": json.dumps({"schema_version": 1, "models": models})},
        repo_type="dataset",
    )
    first = cli("deploy-leaderboard", "--space", SPACE, "--apply", token=owner)
    assert first.returncode == 0, first.stderr

    # The dataset gained a model: only the files naming models and the dataset change.
    models.append("org-c/Model-3")
    hub.commit_files(
        DATASET, {"metadata.json": json.dumps({"models": models})}, repo_type="dataset"
    )
    before = hub.head(SPACE, repo_type="space")
    preview = cli(
        "deploy-leaderboard", "--space", SPACE, "--dataset", DATASET, "--json", token=owner
    )
    assert preview.returncode == 0, preview.stderr
    listed = json.loads(preview.stdout)["files"]
    changes = {f["path"]: f["change"] for f in listed}
    models_diff = next(f["diff"] for f in listed if f["path"] == "models.txt")
    # The diff is cut after a few dozen lines (the shipped snapshot names 50+ models).
    assert "+org-c/Model-3" in models_diff or models_diff[-1].startswith("... (")
    assert changes == {
        "README.md": "changed",
        "app.py": "unchanged",
        "board.py": "unchanged",
        "views.py": "unchanged",
        "requirements.txt": "unchanged",
        "models.txt": "changed",
        "dataset.txt": "changed",
    }
    assert hub.head(SPACE, repo_type="space") == before

    applied = cli(
        "deploy-leaderboard", "--space", SPACE, "--dataset", DATASET, "--apply", token=owner
    )
    assert applied.returncode == 0, applied.stderr
    files = hub.files(SPACE, repo_type="space")
    assert files["dataset.txt"] == f"{DATASET}\n"
    card = card_data(files["README.md"])
    assert card.models == models and card.datasets == [DATASET]
    assert "org-c/Model-3" in files["models.txt"].splitlines()
    assert len(hub.commits(SPACE, repo_type="space")) == 3

    # The app, run from the Space's files, reads the dataset dataset.txt names.
    space = tmp_path / "space"
    space.mkdir()
    for path, data in files.items():
        (space / path).parent.mkdir(parents=True, exist_ok=True)
        (space / path).write_text(data, encoding="utf-8")
    probe = "import sys; sys.argv=['app.py']; import app; print(app.parse_args([]).dataset)"
    env = {"PATH": "", "HF_HUB_DISABLE_TELEMETRY": "1"}
    shown = subprocess.run(
        [sys.executable, "-c", probe], cwd=space, capture_output=True, text=True, env=env
    )
    assert shown.stdout.strip() == DATASET, shown.stderr


def test_apply_refused_where_the_token_cannot_write(hub, cli):
    stranger = hub.add_user("stranger")
    refused = cli("deploy-leaderboard", "--space", SPACE, "--apply", token=stranger)
    assert refused.returncode == 4, refused.stderr
    assert writes(hub) == []
    assert stranger not in refused.stdout + refused.stderr
    no_token = cli("deploy-leaderboard", "--space", SPACE, "--apply")
    assert no_token.returncode == 1 and "HF_TOKEN" in no_token.stderr


def test_a_missing_dataset_is_one_line_and_nothing_written(hub, owner, cli):
    result = cli(
        "deploy-leaderboard", "--space", SPACE, "--dataset", DATASET, "--apply", token=owner
    )
    assert result.returncode == 1, result.stderr  # a Hub error
    assert result.stderr.count("error:") == 1 and "Traceback" not in result.stderr
    assert writes(hub) == []


def test_bad_ids_are_usage_errors(hub, cli):
    assert cli("deploy-leaderboard", "--space", "no-namespace").returncode == 2
    assert cli("deploy-leaderboard", "--space", SPACE, "--dataset", "a/b/c").returncode == 2


def test_model_ids_and_card(tmp_path):
    assert models_from_metadata({"models": ["a/x", "b/y", "a/x"]}, "t") == ["a/x", "b/y"]
    with pytest.raises(Exception, match="not a repo id"):
        models_from_metadata({"models": ["a/x", "javascript:alert(1)"]}, "t")
    readme = "---\ntitle: T\nsdk: gradio\nmodels:\n- old/one\n---\n\n# Body\n"
    out = space_readme(readme, models=["a/x"], dataset="d/s")
    assert out.endswith("---\n\n# Body\n")
    assert card_data(out).models == ["a/x"]
    assert card_data(out).datasets == ["d/s"]


def test_help_runs_as_a_user_runs_it():
    """`uv run scripts/evaluation_manager.py deploy-leaderboard --help`: the script's own env."""
    import shutil

    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not installed")
    result = subprocess.run(
        [uv, "run", "scripts/evaluation_manager.py", "deploy-leaderboard", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "--space" in result.stdout and "example:" in result.stdout
