"""Card changes as diffs: the unified diff a preview prints, and what a PR's diff changes.

`unified_diff` writes the diff of one card file; `summarize_result_diff` reads one back (a
PR's diff from the Hub) to tell which result files and benchmarks it touches, so a results
PR can be told from an unrelated one without downloading its files.
"""

from __future__ import annotations

import difflib
import re

from .card_common import README_PATH, is_result_file

_CONTEXT = 3  # difflib's (and git's) lines of context around a change
_RANGE_RE = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@$")


def unified_diff(old: str | None, new: str, path: str) -> str:
    """A unified diff of one file (`old` None: a new file), marking a missing final newline.

    A card's change is one or two places in a long file (a model-index of hundreds of
    results, a 200 KB README), so the lines both files share at their start and end are
    left out of the comparison, but for the context the diff shows, and the hunks' line
    numbers are shifted back: difflib's cost grows with every line it compares."""
    old_lines = (old or "").splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    head = _common_run(old_lines, new_lines, backwards=False)
    tail = _common_run(old_lines[head:], new_lines[head:], backwards=True)
    start = max(0, head - _CONTEXT)
    end = max(0, tail - _CONTEXT)
    lines = list(
        difflib.unified_diff(
            old_lines[start : len(old_lines) - end],
            new_lines[start : len(new_lines) - end],
            fromfile=f"a/{path}" if old is not None else "/dev/null",
            tofile=f"b/{path}",
        )
    )
    out: list[str] = []
    for line in lines:
        if start and line.startswith("@@"):
            line = _shifted_hunk(line, start)
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _common_run(a: list[str], b: list[str], *, backwards: bool) -> int:
    """How many lines `a` and `b` share at their start (or end)."""
    n = min(len(a), len(b))
    k = 0
    while k < n and (a[-1 - k] == b[-1 - k] if backwards else a[k] == b[k]):
        k += 1
    return k


def _shifted_hunk(header: str, offset: int) -> str:
    """A hunk header ("@@ -4,7 +4,9 @@\n") of a diff of lines that start `offset` lines in."""
    match = _RANGE_RE.match(header.rstrip("\n"))
    if match is None:
        return header
    old_start, old_len, new_start, new_len = match.groups()
    return (
        f"@@ -{int(old_start) + offset}{old_len or ''} "
        f"+{int(new_start) + offset}{new_len or ''} @@\n"
    )


# --------------------------------------------------------------------------- reading a PR diff

_DIFF_FILE_RE = re.compile(r"^diff --git a/(.+?) b/(.+)$")
_HUNK_RE = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")
# A `value` key, in block style (`value: 1`, `- value: 1`) or inside a flow mapping
# (`metrics: [{type: accuracy, value: 60.0}]`, possibly quoted): one per value written.
_VALUE_KEY_RE = re.compile(r"""(?:^\s*(?:-\s+)?|[{,]\s*)(["']?)value\1\s*:""")
# `dataset: {name: X, type: Y}` anywhere on a line (flow style, or after `- {task: ...}, `).
_FLOW_DATASET_RE = re.compile(r"""(?:^|[{,\s])(["']?)dataset\1\s*:\s*\{([^{}]*)\}""")
_DATASET_RE = re.compile(r"^(\s*)(?:-\s+)?dataset\s*:\s*(\{.*)?$")
_DATASET_KEY_RE = re.compile(r"^(\s*)(?:-\s+)?(id|name)\s*:\s*(.+?)\s*$")
_INLINE_KEY_RE = re.compile(r"""(?:^|[{,\s])["']?(id|name)["']?\s*:\s*([^,}]+)""")
_MODEL_INDEX_KEY_RE = re.compile(
    r"^\s*(?:-\s+)?(model-index|results|task|dataset|metrics|source|verified|verifyToken)\s*:"
)
_MODEL_INDEX_LEAF_RE = re.compile(
    r"^\s+(?:-\s+)?(type|value|name|url|config|split|args|revision)\s*:"
)


def summarize_result_diff(diff: str | None) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Which result files a PR diff touches, the values it adds/removes in each, which datasets.

    `.eval_results/*.yaml` files count whatever changed in them. README.md counts when a
    changed line is model-index YAML: a model-index key, or an indented result field in a
    hunk that starts within the front matter or whose header shows `model-index:` (git
    puts the last unindented line before a hunk there). A README body edit (prose, a
    table) does not make a PR a results PR. Benchmarks are the names model-index gives,
    else the `.eval_results` dataset ids.
    """
    files: dict[str, dict[str, int]] = {}
    names: dict[str, list[str]] = {}
    current: str | None = None
    hunk_is_metadata = False
    in_dataset_indent: int | None = None

    for line in (diff or "").splitlines():
        match = _DIFF_FILE_RE.match(line)
        if match:
            current, hunk_is_metadata, in_dataset_indent = match.group(2), False, None
            continue
        if current is None or line.startswith(("+++", "---", "index ", "new file", "deleted file")):
            continue
        hunk = _HUNK_RE.match(line)
        if hunk:
            # Front matter sits at the top of the file: a hunk starting in the first lines can hold it.
            hunk_is_metadata = int(hunk.group(1)) <= 3 or "model-index" in line
            in_dataset_indent = None
            continue
        body = line[1:]
        if "model-index:" in body:
            hunk_is_metadata = True
        if not line.startswith(("+", "-")):
            continue
        values = len(_VALUE_KEY_RE.findall(body))
        if current == README_PATH:
            relevant = bool(_MODEL_INDEX_KEY_RE.match(body)) or (
                hunk_is_metadata and (bool(_MODEL_INDEX_LEAF_RE.match(body)) or values > 0)
            )
        else:
            relevant = is_result_file(current)
        if not relevant:
            continue
        counts = files.setdefault(current, {"added": 0, "removed": 0})
        counts["added" if line.startswith("+") else "removed"] += values
        if not line.startswith("+"):
            continue
        found = names.setdefault(current, [])
        flow = _FLOW_DATASET_RE.findall(body)
        if flow:
            found.extend(name for _, inner in flow if (name := _inline_name(inner)))
            in_dataset_indent = None
            continue
        dataset = _DATASET_RE.match(body)
        if dataset:
            in_dataset_indent = len(dataset.group(1))
            name = _inline_name(dataset.group(2) or "")
            if name:
                found.append(name)
            continue
        key = _DATASET_KEY_RE.match(body)
        if key and in_dataset_indent is not None and len(key.group(1)) > in_dataset_indent:
            name = key.group(3).strip().strip("'\"")
            if name:
                found.append(name)
            in_dataset_indent = None
    order = sorted(files, key=lambda path: (path != README_PATH, path))
    # model-index names are the readable ones; `.eval_results` ids only when there are none.
    named = names.get(README_PATH) or [n for path in order for n in names.get(path, [])]
    benchmarks = list(dict.fromkeys(named))
    return {path: files[path] for path in order}, benchmarks


def _inline_name(flow_text: str) -> str:
    """The `name` (else `id`) of a one-line flow mapping's text, e.g. "{name: GSM8K, id: x}"."""
    inline = dict(_INLINE_KEY_RE.findall(flow_text))
    return (inline.get("name") or inline.get("id") or "").strip().strip("'\"")
