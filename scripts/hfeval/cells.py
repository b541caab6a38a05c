"""Reading one table cell: the numbers it prints and the settings it names.

`85.2`, `**85.2**`, `85.2%`, `85.2 ± 0.3`, `85.2*`, `85.2†`, `85.2¹`, `85.2 (5-shot)`,
`🏆 76.0`, `83.5 ✅` all read as 85.2; `56.2 / 60.7 †` reads as two numbers;
`-`, `—`, `N/A`, empty, `Coming soon`, `5-shot`, `7B`, `1.5T` read as no score.
Values are kept as printed; only the scale they are printed on is noted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .results import Setting

_NUMBER = r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+−]?\.\d+"
_VALUE_RE = re.compile(rf"^\$?\s*(?P<num>{_NUMBER})\s*(?P<pct>%)?$")
_PLUS_MINUS_RE = re.compile(r"\s*(±|\+/-|\+-)\s*[\d.]+%?")
_PAREN_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|（[^（）]*）")
# Footnote and decoration marks that follow or precede a printed score.
_MARKS_RE = re.compile(r"[*†‡§¶#^✱▲△▼▽★☆✓✔✗✘✅❌👑🏆🥇🥈🥉⭐🔥¹²³⁴⁵⁶⁷⁸⁹⁰⁺ᵃᵇᶜᵈ]+")
_PLAIN_VALUE_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)(%?)")
# Compiled once: these run on every score cell and benchmark name.
_APPROX_RE = re.compile(r"^[~≈<>≤≥]")
_MARK_RUN_RE = re.compile(r"[*†‡§¶^✱▲△]+")
_SPACES_RE = re.compile(r"\s+")
_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")
_SETTING_JOINERS_RE = re.compile(r"[(),;:/&+]|\b(?:and|w/|with)\b")
_METRIC_WORDS_RE = re.compile(
    r"[(),;:/]|\b(?:acc|acc_norm|accuracy|em|f1|exact match|top-?1|score|metric|avg|mc1|mc2)\b",
    re.I,
)
_EMPTY = {"", "-", "--", "---", "—", "–", "n/a", "na", "none", "null", "/", "x", "tbd", "?"}


def _strip_symbols(text: str) -> str:
    """Remove emoji and other pictographs (Unicode category So / Sk) and variation selectors."""
    if text.isascii():  # the common case: only ^ and ` are symbols there
        return text.replace("^", "").replace("`", "")
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("So", "Sk", "Cf", "Mn") and ch not in "%$":
            continue
        out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class CellValues:
    values: tuple[float | None, ...]  # None where a pair prints a dash ("75.6/--")
    percent: bool  # printed with %
    note: str = ""  # what was stripped (parenthesised details), for settings
    # "3/5": two whole numbers read like a count out of a total unless something says
    # the cell holds two scores (a "Thinking / Non-thinking" header or note).
    count_like: bool = False
    marks: str = ""  # footnote marks printed with the number ("88.0¹" -> "¹")


_RATING_SCALES = {5.0, 10.0, 100.0}


@lru_cache(maxsize=65536)
def is_score_cell(text: str) -> bool:
    """True when the cell prints a score, or one score per line (stacked with <br>)."""
    if parse_values(text) is not None:
        return True
    lines = [x for x in text.split("\n") if x.strip()]
    return len(lines) > 1 and all(parse_values(x) is not None for x in lines)


@lru_cache(maxsize=65536)
def parse_values(text: str) -> CellValues | None:
    """The score(s) a cell prints, or None when it prints no score.

    A cell is a score cell only when, after removing decoration, nothing but numbers
    remains: "7B", "1.5T", "5-shot", "32K" and prose are not scores.
    """
    if text is None:
        return None
    text = text.replace("\n", " ").strip()
    plain = _PLAIN_VALUE_RE.fullmatch(text)
    if plain:  # "85.2", "85.2%": most cells, which the general rules below read alike
        return CellValues((float(plain.group(1)),), bool(plain.group(2)))
    if text.lower().strip(" .") in _EMPTY:
        return None
    if "\ufffd" in text or _APPROX_RE.match(text):
        # An undecodable byte, or "about 70" / "< 5": the printed number is not the score.
        return None
    note_parts = [m.group(0)[1:-1] for m in _PAREN_RE.finditer(text)]
    core = _PAREN_RE.sub(" ", text)
    core = _PLUS_MINUS_RE.sub(" ", core)
    core = _MARKS_RE.sub(" ", core)
    core = _strip_symbols(core)
    core = core.replace("−", "-").strip().strip(",;:").strip()
    if not core:
        return None
    # "56.2 / 60.7", "1.28 | 2.42": one score per part the header or row label lists.
    split = "/" in core or "|" in core
    pieces = [p.strip() for p in re.split(r"\s*/\s*|\s*\|\s*", core)] if split else [core]
    values: list[float | None] = []
    percent = False
    for piece in pieces:
        if piece.lower().strip(" .") in _EMPTY and len(pieces) > 1:
            values.append(None)
            continue
        match = _VALUE_RE.match(piece)
        if not match:
            return None
        values.append(float(match.group("num").replace(",", "").replace("−", "-")))
        percent = percent or bool(match.group("pct"))
    if not any(v is not None for v in values) or len(values) > 5:
        return None
    count_like = len(pieces) == 2 and all(re.fullmatch(r"\d+", p) for p in pieces)
    if (
        len(pieces) == 2
        and "/" in core
        and values[0] is not None
        and values[1] in _RATING_SCALES
        and "." in pieces[0]
        and values[0] < values[1]
    ):
        # "4.51 / 5.0", "8.2/10": a rating and the top of its scale, one score.
        note_parts.append(f"out of {pieces[1]}")
        values = values[:1]
    marks = "".join(_MARKS_RE.findall(_PAREN_RE.sub(" ", text)) + re.findall(r"\[\d{1,2}\]", text))
    return CellValues(tuple(values), percent, "; ".join(note_parts), count_like, marks)


# --- settings ------------------------------------------------------------------------

_SHOTS_RE = re.compile(r"\b(\d{1,3})\s*-?\s*shots?\b", re.I)
_ZERO_SHOT_RE = re.compile(r"\bzero\s*-?\s*shot\b", re.I)
_FEW_SHOT_RE = re.compile(r"\bfew\s*-?\s*shot\b", re.I)
_PASS_RE = re.compile(r"\bpass\s*@\s*(\d+)", re.I)
_MAJ_RE = re.compile(
    r"\b(?:maj|majority|cons)\s*@\s*(\d+)|\bmajority\s+vot(?:e|ing)\s+(?:over|of|across|with|among|on)\s+(\d+)",
    re.I,
)
_COT_RE = re.compile(r"\b(?:CoT|chain[- ]of[- ]thought)\b", re.I)
_NO_COT_RE = re.compile(r"\b(?:no|w/o|without)[- ]?CoT\b", re.I)
_TOOLS_RE = re.compile(r"\b(?:w/|with)\s*tools?\b|\btool[- ]use\b|\bwith tool\b", re.I)
_NO_TOOLS_RE = re.compile(r"\b(?:w/o|without|no)\s*tools?\b", re.I)
_THINK_RE = re.compile(
    r"\b(?:thinking|reasoning mode|think)\b|\b(?:reasoning|thinking)\s*[:=]?\s*(?:on|enabled)\b",
    re.I,
)
_NO_THINK_RE = re.compile(
    r"\bnon[- ]?(?:thinking|reasoning)\b|\bno[- ]?think(?:ing)?\b|\bw/o (?:thinking|reasoning)\b"
    r"|\b(?:reasoning|thinking)\s*[:=]?\s*(?:off|disabled)\b",
    re.I,
)


@lru_cache(maxsize=65536)
def parse_setting(text: str) -> Setting:
    """Settings named in a benchmark cell, header, metric column or section row."""
    if not text:
        return Setting()
    shots = None
    match = _SHOTS_RE.search(text)
    if match:
        shots = int(match.group(1))
    elif _ZERO_SHOT_RE.search(text):
        shots = 0
    pass_at = _first_int(_PASS_RE, text)
    maj_at = _first_int(_MAJ_RE, text)
    cot = None
    if _NO_COT_RE.search(text):
        cot = False
    elif _COT_RE.search(text):
        cot = True
    tools = None
    if _NO_TOOLS_RE.search(text):
        tools = False
    elif _TOOLS_RE.search(text):
        tools = True
    thinking = None
    if _NO_THINK_RE.search(text):
        thinking = False
    elif _THINK_RE.search(text):
        thinking = True
    return Setting(
        shots=shots, cot=cot, pass_at=pass_at, maj_at=maj_at, tools=tools, thinking=thinking
    )


def _first_int(pattern: re.Pattern, text: str) -> int | None:
    match = pattern.search(text)
    if not match:
        return None
    return int(next(g for g in match.groups() if g is not None))


_SETTING_WORDS_RE = re.compile(
    r"\b\d{1,3}\s*-?\s*shots?\b|\bzero\s*-?\s*shot\b|\bfew\s*-?\s*shot\b|\bpass\s*@\s*\d+"
    r"|\b(?:maj|majority|cons)\s*@\s*\d+|\b(?:w/o|without|no)[- ]?CoT\b|\bCoT\b|\bchain[- ]of[- ]thought\b"
    r"|\b(?:w/|with|w/o|without|no)\s*tools?\b",
    re.I,
)
_FOOTNOTE_TAIL_RE = re.compile(r"[\s*†‡§¶^✱▲△¹²³⁴⁵⁶⁷⁸⁹⁰]+$")


@lru_cache(maxsize=65536)
def benchmark_core(name: str) -> str:
    """The benchmark's own name: settings, brackets and footnote marks removed.

    "MMLU (5-shot)" -> "MMLU"; "GSM8K 8-shot CoT" -> "GSM8K"; "KoMT-Bench[1]" -> "KoMT-Bench";
    "HellaSwag (✱)" -> "HellaSwag".
    """
    text = name.replace("\n", " ")
    text = _PAREN_RE.sub(" ", text)
    text = _SETTING_WORDS_RE.sub(" ", text)
    text = _strip_symbols(text)
    text = _FOOTNOTE_TAIL_RE.sub("", text)
    text = _MARK_RUN_RE.sub(" ", text)
    text = _SPACES_RE.sub(" ", text).strip(" ,;:-–—")
    return text


@lru_cache(maxsize=65536)
def name_qualifiers(name: str) -> tuple[str, ...]:
    """Bracketed details of a benchmark name that are neither settings nor footnote marks.

    "Terminal-Bench 2.0 (Claude Code)" -> ("Claude Code",); "RACE (middle)" -> ("middle",);
    "MMLU (5-shot)" -> () since shots are a setting; "MMLU (5-shot, split 1)" -> ("split 1",);
    "KoMT-Bench[1]" -> ().
    """
    out = []
    for match in _PAREN_RE.finditer(name.replace("\n", " ")):
        inner = match.group(0)[1:-1].strip()
        if not _ASCII_LETTER_RE.search(inner):
            continue
        if is_setting_only(inner) or not parse_setting(inner).is_default():
            rest = _SETTING_WORDS_RE.sub(" ", inner)
            rest = _SETTING_JOINERS_RE.sub(" ", rest).strip()
            if not rest or is_setting_only(rest):
                continue
            # "5-shot, split 1": the setting is said by the setting; keep only the detail.
            parts = [p.strip() for p in _LIST_SEPARATOR_RE.split(inner)]
            inner = ", ".join(p for p in parts if p and not is_setting_only(p))
        out.append(_SPACES_RE.sub(" ", inner))
    return tuple(out)


_LIST_SEPARATOR_RE = re.compile(r"[,;]")


@lru_cache(maxsize=65536)
def is_setting_only(text: str) -> bool:
    """A cell that names only a setting or metric ("5-shot", "Pass@1", "EM", "acc_norm")."""
    if not text.strip():
        return False
    rest = _SETTING_WORDS_RE.sub(" ", text)
    rest = _METRIC_WORDS_RE.sub(" ", rest)
    return not rest.strip()
