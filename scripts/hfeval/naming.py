"""Does this row or column header name the target model?

Forgiving about case, `-`/`_`/spaces, an org prefix, links, bold and markers like
"(ours)"; strict about variants: `Qwen2.5-7B` is not `Qwen2.5-7B-Instruct`,
`Llama-3.1-70B` is not `Llama-3.1-8B`, `V2-Lite-Chat` is not `V2-Lite`. A header
matches only when its name tokens equal the target's, so a prefix never matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .cells import _strip_symbols

# "(ours)", "(OUR MODEL)", "(this model)", "[ours]": markers, not part of a name.
_OURS_RE = re.compile(
    r"[\(\[（]\s*(?:ours|our(?:\s+model)?|this\s+(?:model|work)|proposed)\s*[\)\]）]|\bours\b", re.I
)
_PAREN_RE = re.compile(r"[\(\[（]([^()\[\]（）]*)[\)\]）]")
_TOKEN_RE = re.compile(r"[a-z]+|\d+")

# Words that make a different checkpoint of the same family.
INSTRUCT_WORDS = {"instruct", "chat", "it", "sft", "rlhf", "dpo", "inst"}
BASE_WORDS = {"base", "pretrained", "pt"}
# In brackets these still name a checkpoint, not a mode: "DeepSeek-V2 Chat (SFT)" is not
# "DeepSeek-V2 Chat (RL)", and "(FP8)" is another file than "(BF16)".
CHECKPOINT_WORDS = (
    INSTRUCT_WORDS
    | BASE_WORDS
    | {
        "rl",
        "grpo",
        "ppo",
        "distill",
        "fp8",
        "int4",
        "int8",
        "awq",
        "gptq",
        "gguf",
        "w4a16",
        "w8a8",
    }
)
# Quantized or otherwise converted files of a checkpoint: another checkpoint, never a
# setting of the model ("Qwen-7B-Chat (Int4)" is not Qwen-7B-Chat). BF16/FP16 are the
# original weights and stay qualifiers.
QUANT_RE = re.compile(
    r"(?<![a-z0-9])(?:int\s?[2348]|fp8|fp4|nvfp4|mxfp4|w4a16|w8a8|w4a8|awq|gptq|gguf|ggml|exl2|qlora|spinquant"
    r"|bnb|nf4|q[2-8]_k(?:_[msl])?|q[48]_0|[248]-?bits?)(?![a-z0-9])",
    re.I,
)
# Suffixes of a repo name that package a checkpoint without changing it: "-hf" (converted
# for transformers) and a release date ("-2507", "-0528", "-20250101").
_PACKAGING_SUFFIX_RE = re.compile(
    r"[-_](?:hf|(?:20)?2[3-9](?:0[1-9]|1[0-2])(?:[0-3]\d)?|(?:0[1-9]|1[0-2])[0-3]\d)$", re.I
)
# Words after a model's size that package it rather than make another model.
_PACKAGING_WORD_RE = re.compile(
    r"^(?:(?:\d+x)?\d+(?:\.\d+)?[bm]|a\d+(?:\.\d+)?b|\d+e|instruct|chat|it|hf|mot|moe"
    r"|(?:20)?2[3-9](?:0[1-9]|1[0-2])(?:[0-3]\d)?|(?:0[1-9]|1[0-2])[0-3]\d)$",
    re.I,
)
# A model size word: "7B", "0.5B", "135M", "8x7B", "30B-A3B" is two.
SIZE_WORD_RE = re.compile(r"^(?:\d+x)?\d+(?:\.\d+)?[bm]$", re.I)

# Tokens that, right after the model's name, make it another file or model:
# "X-7B-AWQ", "X-7B-GPTQ-Int4", "X-RM" (a reward model), "X-7B-Draft".
_OTHER_CHECKPOINT_TOKENS = {
    "awq",
    "gptq",
    "gguf",
    "ggml",
    "exl",
    "qlora",
    "spinquant",
    "int",
    "fp",
    "nvfp",
    "mxfp",
    "bnb",
    "nf",
    "rm",
    "reward",
    "draft",
    "eagle",
    "mtp",
    "lora",
    "adapter",
    "onnx",
    "mlx",
}

# Abbreviations cards print for the same word.
_TOKEN_ALIASES = {"inst": "instruct", "ins": "instruct"}

_INSTRUCT_CONTEXT_RE = re.compile(
    r"\b(?:instruct(?:ion)?[- ]?(?:tuned|following)?|chat|post[- ]?train(?:ed|ing)?|aligned|sft|rlhf|fine[- ]?tuned)\b",
    re.I,
)
_BASE_CONTEXT_RE = re.compile(r"\b(?:base|pre[- ]?train(?:ed|ing)?|foundation)\b(?!line)", re.I)


@dataclass(frozen=True)
class HeaderName:
    """A header split into the name it gives and the qualifiers it adds ("SeRe", "Thinking")."""

    text: str
    org: str | None
    tokens: tuple[str, ...]
    qualifiers: tuple[str, ...]
    # The name's words in any order: "Gemma 3 PT 4B" and "gemma-3-4b-pt" are one name.
    words: tuple[str, ...] = ()


def parse_header(text: str) -> HeaderName:
    raw = text.replace("\n", " ").replace("\\_", "_").strip()
    raw = _OURS_RE.sub(" ", raw)
    qualifiers: list[str] = []

    def bracket(match: re.Match) -> str:
        inner = match.group(1).strip()
        if set(tokens(inner)) & CHECKPOINT_WORDS or QUANT_RE.search(inner):
            return f" {inner} "  # part of the name
        if re.search(r"[^\W\d_]", inner):  # footnote marks ("[1]", "(*)") are not qualifiers
            qualifiers.append(inner)
        return " "

    name = _PAREN_RE.sub(bracket, raw)
    name = _strip_symbols(name)
    name = re.sub(r"[*†‡✱▲^]+", " ", name).strip()
    org = None
    match = re.match(r"^\s*([A-Za-z0-9][\w.-]*)/([\w.-]+)\s*$", name)
    if match:
        org, name = match.group(1), match.group(2)
    return HeaderName(
        text=text,
        org=org.lower() if org else None,
        tokens=tokens(name),
        qualifiers=tuple(qualifiers),
        words=words(name),
    )


def words(name: str) -> tuple[str, ...]:
    """The name's words, sorted: split at spaces, "-", "_" and ":", with "." kept inside
    ("Qwen2-1.5B" is qwen2 + 1.5b, never qwen1.5 + 2b)."""
    parts = [p for p in re.split(r"[\s\-_:/]+", name.lower()) if p]
    return tuple(sorted(_TOKEN_ALIASES.get(p, p) for p in parts))


def tokens(name: str) -> tuple[str, ...]:
    """Name tokens: runs of letters and of digits, lower-cased. "Qwen2.5-7B" -> qwen 2 5 7 b."""
    # "Mi:dm", "Mi'dm": punctuation inside a word is part of the brand, not a break.
    name = re.sub(r"(?<=[A-Za-z])[:'’](?=[A-Za-z])", "", name)
    return tuple(_TOKEN_ALIASES.get(t, t) for t in _TOKEN_RE.findall(name.lower()))


@dataclass(frozen=True)
class Target:
    """The model whose scores we want, under every name the card may use for it."""

    names: tuple[str, ...]
    repo_id: str | None = None

    @classmethod
    def build(cls, model_name: str | None, repo_id: str | None) -> Target:
        names: list[str] = []
        if model_name:
            names.append(model_name)
        if repo_id:
            names.append(repo_id.split("/")[-1])
        if not names:
            raise ValueError("a target model needs --model-name or --repo-id")
        return cls(names=tuple(dict.fromkeys(names)), repo_id=repo_id)

    def with_names(self, extra: tuple[str, ...] | list[str]) -> Target:
        """The same target under more names (what the card itself calls it)."""
        return replace(self, names=tuple(dict.fromkeys([*self.names, *extra])))

    def packaging_stripped(self) -> tuple[str, ...]:
        """The names without packaging suffixes ("Llama-2-7b-hf" -> "Llama-2-7b",
        "X-Instruct-2507" -> "X-Instruct"): names a card may print for the same weights.
        Only a fallback: a card that prints the full name somewhere means something
        else by the short one (an earlier release)."""
        out: list[str] = []
        for name in self.names:
            stripped = name
            while True:
                shorter = _PACKAGING_SUFFIX_RE.sub("", stripped)
                if shorter == stripped or not shorter:
                    break
                stripped = shorter
            if stripped != name:
                out.append(stripped)
        return tuple(out)

    def brand_names(self) -> tuple[str, ...]:
        """The product name before the size: "BAGEL-7B-MoT" -> "BAGEL", "Llama-4-Scout-17B-16E-
        Instruct" -> "Llama-4-Scout", when every word after it only packages the model (size,
        expert count, instruct words, a date, "-hf"). A fallback, like the packaging names."""
        out: list[str] = []
        for name in self.names:
            parts = [p for p in re.split(r"[\s\-_]+", name) if p]
            sizes = [i for i, p in enumerate(parts) if SIZE_WORD_RE.match(p)]
            if not sizes or sizes[0] == 0:
                continue
            head, rest = parts[: sizes[0]], parts[sizes[0] :]
            if all(_PACKAGING_WORD_RE.match(p) for p in rest):
                out.append("-".join(head))
        return tuple(dict.fromkeys(out))

    def instruct_stripped(self) -> tuple[str, ...]:
        """The names without a trailing instruct word ("Qwen2-VL-7B-Instruct" -> "Qwen2-VL-7B",
        "MiniCPM-S-1B-sft" -> "MiniCPM-S-1B"): what an instruct-only card often prints. Only a
        fallback, and only on cards that show no base model under that name."""
        out: list[str] = []
        for name in self.names:
            parts = re.split(r"([\s\-_]+)", name)
            if len(parts) >= 3 and parts[-1].lower() in INSTRUCT_WORDS | {"ins"}:
                out.append("".join(parts[:-2]))
        return tuple(dict.fromkeys(out))

    def family_and_size(self) -> tuple[Target, str] | None:
        """The repo name split into its family and its size word: "Orca-Lite-2-13b" ->
        ("Orca-Lite-2", "13b"), for tables whose headers print only the size."""
        for name in self.names:
            parts = [p for p in re.split(r"[\s\-_]+", name) if p]
            sizes = [i for i, p in enumerate(parts) if SIZE_WORD_RE.match(p)]
            if len(sizes) != 1 or sizes[0] == 0:
                continue
            i = sizes[0]
            family = "-".join(parts[:i] + parts[i + 1 :])
            return Target(names=(family,), repo_id=None), parts[i].lower()
        return None

    @property
    def org(self) -> str | None:
        return self.repo_id.split("/")[0].lower() if self.repo_id and "/" in self.repo_id else None

    @property
    def display(self) -> str:
        return self.names[0] if self.names else "(no target model)"

    def token_sets(self) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        org_tokens = tokens(self.org or "")
        for name in self.names:
            toks = parse_header(name).tokens
            candidates = [toks]
            # "Meta-Llama-3-8B" (org meta-llama) is printed "Llama 3 8B"; "Tencent-Hunyuan-Large"
            # (org tencent) is "Hunyuan-Large": the repo name repeats the org as a brand.
            # "Mistral-Small-3.1" (org mistralai) is printed "Small 3.1".
            if (
                org_tokens
                and len(toks) >= 3
                and (
                    toks[0] == org_tokens[0]
                    or (len(toks[0]) >= 4 and org_tokens[0].startswith(toks[0]))
                )
            ):
                rest = toks[1:]
                if rest[0].isalpha() and len(rest[0]) >= 3:
                    candidates.append(rest)
            for candidate in candidates:
                if candidate and candidate not in out:
                    out.append(candidate)
        return out

    def word_sets(self) -> list[tuple[str, ...]]:
        return [w for w in dict.fromkeys(parse_header(n).words for n in self.names) if w]

    def variant(self) -> str | None:
        """ "instruct", "base" or None, from the words of the target's names."""
        words: set[str] = set()
        for toks in self.token_sets():
            words.update(toks)
        if words & INSTRUCT_WORDS:
            return "instruct"
        if words & BASE_WORDS:
            return "base"
        return None


@dataclass(frozen=True)
class Match:
    kind: str  # "exact" or "variant-by-context"
    header: HeaderName


def match_header(text: str, target: Target, table_variant: str | None = None) -> Match | None:
    """How `text` names the target, or None.

    `table_variant` ("base"/"instruct", from the table's heading or caption) lets a bare
    family header ("Qwen2.5-7B") stand for the target's variant ("Qwen2.5-7B-Instruct")
    when the table says which variant it reports.
    """
    header = parse_header(text)
    if not header.tokens:
        return None
    if header.org and target.org and header.org != target.org:
        return None
    same_words = bool(header.words) and header.words in target.word_sets()
    for toks in target.token_sets():
        if header.tokens == toks or (same_words and sorted(header.tokens) == sorted(toks)):
            wanted = target.variant()
            explicit = set(header.tokens) & (INSTRUCT_WORDS | BASE_WORDS)
            if table_variant and wanted and not explicit and table_variant != wanted:
                # A bare family name in a table the text says is the other variant.
                return None
            return Match("exact", header)
    if table_variant:
        wanted = target.variant()
        if wanted and wanted == table_variant:
            for toks in target.token_sets():
                bare = tuple(t for t in toks if t not in INSTRUCT_WORDS | BASE_WORDS)
                if bare != toks and header.tokens == bare:
                    return Match("variant-by-context", header)
    return None


def table_variant(text: str) -> str | None:
    """ "instruct" or "base" when a table's heading/caption says which variant it reports."""
    instruct = bool(_INSTRUCT_CONTEXT_RE.search(text))
    base = bool(_BASE_CONTEXT_RE.search(text))
    if instruct and not base:
        return "instruct"
    if base and not instruct:
        return "base"
    return None


def mentions(text: str, target: Target) -> bool:
    """The target's name appears in running text (a heading, a caption, a harness line).

    The name's tokens must appear contiguously, and not be followed by a variant or size
    word that would make it another checkpoint ("Qwen2-7B" in "Qwen2-7B-Instruct").
    """
    hay = tokens(text.replace("\\_", "_"))
    if not hay:
        return False
    for toks in target.token_sets():
        n = len(toks)
        for i in range(len(hay) - n + 1):
            if hay[i : i + n] == toks:
                nxt = hay[i + n] if i + n < len(hay) else None
                if nxt in CHECKPOINT_WORDS or nxt in _OTHER_CHECKPOINT_TOKENS:
                    continue
                if nxt is not None and nxt.isdigit() and toks[-1].isdigit():
                    continue
                return True
    return False


def sibling_variants(text: str, target: Target) -> set[str]:
    """Which variant words follow the target's name in the card: {"base"} when it speaks of
    "<name>-Base", {"instruct"} for "<name>-Instruct" / "-Chat", both or neither.

    The variant word must be joined to the name by "-", "_" or a space ("DeepSeek-V3. It
    offers" is a sentence, not DeepSeek-V3-it)."""
    found: set[str] = set()
    words = "|".join(sorted((INSTRUCT_WORDS | BASE_WORDS) - {"it", "pt"}))
    for toks in target.token_sets():
        name = r"[\s\-_.]{0,2}".join(re.escape(t) for t in toks)
        pattern = re.compile(rf"(?<![A-Za-z0-9]){name}[-_ ]({words})(?![A-Za-z0-9])", re.I)
        for match in pattern.finditer(text):
            word = _TOKEN_ALIASES.get(match.group(1).lower(), match.group(1).lower())
            found.add("instruct" if word in INSTRUCT_WORDS else "base")
    return found
