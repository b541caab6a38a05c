"""Does this row or column header name the target model?

Forgiving about case, `-`/`_`/spaces, an org prefix, links, bold and markers like
"(ours)"; strict about variants: `Qwen2.5-7B` is not `Qwen2.5-7B-Instruct`,
`Llama-3.1-70B` is not `Llama-3.1-8B`, `V2-Lite-Chat` is not `V2-Lite`. A header
matches only when its name tokens equal the target's, so a prefix never matches.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from .cells import _strip_symbols, is_setting_only, parse_setting

# "(ours)", "(OUR MODEL)", "(this model)", "[ours]": markers, not part of a name.
_OURS_RE = re.compile(
    r"[\(\[（]\s*(?:ours|our(?:\s+model)?|this(?:\s+(?:model|work))?|proposed)\s*[\)\]）]|\bours\b",
    re.I,
)
_PAREN_RE = re.compile(r"[\(\[（]([^()\[\]（）]*)[\)\]）]")
# A round or stage of training in brackets names the checkpoint it made ("Satori-Qwen-7B
# (Round 2)" is not Satori-Qwen-7B): part of the name, not a setting.
_TRAINING_ROUND_RE = re.compile(
    r"\s*(?:(?:round|stage|iter(?:ation)?|phase|epoch)[\s-]*\d+"
    # "(E25)", "(25 epochs)": trained for another number of epochs
    r"|e\d{1,3}|\d{1,3}\s*epochs?"
    # "(fine-tuning)", "(from scratch)": the model after (or without) other training
    r"|(?:fine[\s-]?)?tun(?:ed|ing)(?:\s+(?:for|on)\s+[^()]{1,30})?|finetun(?:ed|ing)|from\s+scratch)\s*",
    re.I,
)

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
# Language-model families other models are built on ("Idefics3-8B-Llama3",
# "Llama3-OpenBioLLM-8B"): naming the base, such a word does not make another model.
LM_FAMILY = r"(?:llama|mistral|mixtral|qwen|gemma|phi|yi|falcon|internlm|baichuan|vicuna)"
# Suffixes of a repo name that package a checkpoint without changing it: "-hf" (converted
# for transformers), a release date ("-2507", "-0528", "-20250101"), and the language model
# it is built on. Only a fallback: a card that prints the full name means another by the rest.
_PACKAGING_SUFFIX_RE = re.compile(
    r"[-_](?:hf|(?:20)?2[3-9](?:0[1-9]|1[0-2])(?:[0-3]\d)?|(?:0[1-9]|1[0-2])[0-3]\d"
    # the language model a multimodal model is built on: "Idefics3-8B-Llama3" is "Idefics3-8B"
    rf"|{LM_FAMILY}[-_]?\d*(?:\.\d+)?(?:[-_]vl)?)$",
    re.I,
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


LETTER_RE = re.compile(r"[^\W\d_]")  # a letter of any script
_NAME_MARKS_RE = re.compile(r"[*†‡✱▲^]+")
_ORG_NAME_RE = re.compile(r"^\s*([A-Za-z0-9][\w.-]*)/([\w.-]+)\s*$")
_WORD_SPLIT_RE = re.compile(r"[\s\-_:/]+")
_SPACED_PLUS_RE = re.compile(r"\s\+\s")
_D_VERSION_RE = re.compile(r"(?<![A-Za-z\d])(\d+)d(\d+)(?![A-Za-z\d])")


# Settings a header may print after the model's name, separated by a space: shots, CoT and
# tools. Not thinking words: "X-Thinking" is a checkpoint of its own.
_SETTING_PHRASE = r"(?:zero|few|one|\d{1,3})[- ]?shots?|CoT|w/o tools|w/ ?tools|with tools|no tools"
_SETTING_PHRASE_RE = re.compile(_SETTING_PHRASE, re.I)
_TRAILING_SETTING_RE = re.compile(rf"(?:[ \t]+(?:{_SETTING_PHRASE}))+[ \t]*$", re.I)


@lru_cache(maxsize=65536)
def parse_header(text: str) -> HeaderName:
    """The name a header gives (cached: a table's headers are read once per candidate)."""
    raw = text.replace("\n", " ").replace("\\_", "_").strip()
    raw = _OURS_RE.sub(" ", raw)
    # "Qwen-2.5-7B + SimpleRL-Zoo": a spaced plus joins a base and the method trained on it,
    # the repo's "Qwen-2.5-7B-SimpleRL-Zoo"; "HumanEval+" keeps its plus.
    raw = _SPACED_PLUS_RE.sub(" ", raw)
    qualifiers: list[str] = []

    def bracket(match: re.Match) -> str:
        inner = match.group(1).strip()
        if set(tokens(inner)) & CHECKPOINT_WORDS or QUANT_RE.search(inner):
            return f" {inner} "  # part of the name
        if _TRAINING_ROUND_RE.fullmatch(inner):
            return f" {inner} "  # "(Round 2)": the checkpoint after more training
        if re.fullmatch(r"pre[\s-]?trained", inner, re.I):
            return " pretrained "  # "X (pre-trained)": the base checkpoint
        if LETTER_RE.search(inner):  # footnote marks ("[1]", "(*)") are not qualifiers
            qualifiers.append(inner)
        return " "

    name = _PAREN_RE.sub(bracket, raw)
    # "bge-en-icl zero-shot", "X 5-shot CoT": a setting after the name, without brackets.
    trailing = _TRAILING_SETTING_RE.search(name)
    if trailing and tokens(name[: trailing.start()]):
        qualifiers.extend(w for w in _SETTING_PHRASE_RE.findall(trailing.group(0)))
        name = name[: trailing.start()]
    if not tokens(name) and len(qualifiers) == 1:
        # "Ours (Ming-Lite-Uni)": nothing but the bracket names anything, so it is the name.
        name = qualifiers.pop()
    name = _strip_symbols(name)
    name = _NAME_MARKS_RE.sub(" ", name).strip()
    org = None
    match = _ORG_NAME_RE.match(name)
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
    parts = [p for p in _WORD_SPLIT_RE.split(fold(name)) if p]
    return tuple(sorted(_TOKEN_ALIASES.get(p, p) for p in parts))


# --- the one normaliser of names ------------------------------------------------------------
#
# Benchmark names ("MMLU-Pro"), model names ("Qwen2.5-7B") and running text that mentions
# them are all read through `fold` and the same notion of a name character, so that two
# names are the same in every module or in none.


def fold(name: str) -> str:
    """A name with its spelling differences removed, its punctuation kept.

    NFKC folds width and superscripts ("Ｑｗｅｎ" is "qwen", "τ²" is "τ2"), casefold folds
    case in every script; "+" and "τ" carry meaning in names (HumanEval+ is not HumanEval,
    τ²-Bench is not "Bench"), so they are spelled out before anything drops punctuation.
    """
    if name.isascii():  # NFKC changes no ASCII text, and casefold is lower there
        return name.lower().replace("+", "plus")
    text = unicodedata.normalize("NFKC", name).casefold()
    # "Sabiá-7B" is the repo "sabia-7b": accents on Latin letters go (only there: the
    # combining signs of other scripts are letters of their words).
    text = unicodedata.normalize(
        "NFC", _LATIN_ACCENT_RE.sub("", unicodedata.normalize("NFD", text))
    )
    return text.replace("+", "plus").translate(_GREEK_WORDS)


_LATIN_ACCENT_RE = re.compile(r"(?<=[a-z])[\u0300-\u036f]+")


# Greek letters are spelt out: a card prints "Zephyr-7b-β" for the repo "zephyr-7b-beta", and
# "τ²-Bench" is "tau2-bench" (an alpha and a beta release stay two names).
_GREEK_WORDS = str.maketrans(
    {
        "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
        "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
        "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma",
        "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi",
        "ω": "omega",
    }
)  # fmt: skip


# The ASCII case of the walks below, in C: the same answer for ASCII input.
_ASCII_NON_NAME_RE = re.compile(r"[^a-z0-9]+")
_ASCII_TOKEN_RE = re.compile(r"[a-z]+|[0-9]+")


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """The identity of a printed name: "MMLU-Pro", "mmlu_pro" and "ＭＭＬＵ－Ｐｒｏ" are one name.

    Only letters, digits and the combining marks that belong to them are kept, in any
    script: 中文推理 and 中文语言 stay two names, and Hindi names keep their vowel signs.
    """
    text = fold(name)
    if text.isascii():
        return _ASCII_NON_NAME_RE.sub("", text)
    return "".join(ch for ch in text if _is_name_char(ch))


def _is_name_char(ch: str) -> bool:
    """A letter or digit of any script, or a combining mark (Devanagari vowel signs are marks)."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def name_words(name: str) -> list[str]:
    """The words of a name, split where `normalize_name` drops characters: "MMLU (5-shot)" ->
    ["mmlu", "5", "shot"]. Case is lowered, not folded, so the words stay readable in slugs."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = text.replace("+", "plus").translate(_GREEK_WORDS)
    found: list[str] = []
    current: list[str] = []
    for ch in text:
        if _is_name_char(ch):
            current.append(ch)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[str, ...]:
    """Name tokens: runs of letters and runs of digits of `normalize_name`'s characters.

    "Qwen2.5-7B" -> qwen 2 5 7 b. A character of a script written without spaces
    (CJK ideographs, kana, hangul: East Asian wide) is a token of its own, so
    "通义千问-7B" is 通 义 千 问 7 b and shares no name with "百川-7B", and the name
    is still found inside a sentence that runs on without spaces.
    Joined, the tokens are `normalize_name(name)` (before aliases): one normaliser.
    """
    # "Mi:dm", "Mi'dm": punctuation inside a word is part of the brand, not a break.
    text = fold(re.sub(r"(?<=[A-Za-z])[:'’](?=[A-Za-z])", "", name))
    if text.isascii():
        return tuple(_TOKEN_ALIASES.get(t, t) for t in _ASCII_TOKEN_RE.findall(text))
    out: list[str] = []
    current: list[str] = []
    current_kind = ""
    for ch in text:
        if not _is_name_char(ch):
            kind = ""
        elif unicodedata.category(ch).startswith("M"):
            if current:  # a mark belongs to the character before it
                current.append(ch)
                continue
            kind = "letter"
        elif ch.isdigit():
            kind = "digit"
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            kind = "wide"
        else:
            kind = "letter"
        if current and (kind != current_kind or kind == "wide"):
            out.append("".join(current))
            current = []
        if kind:
            current.append(ch)
        current_kind = kind
    if current:
        out.append("".join(current))
    return tuple(_TOKEN_ALIASES.get(t, t) for t in out)


@dataclass(frozen=True)
class Target:
    """The model whose scores we want, under every name the card may use for it."""

    names: tuple[str, ...]
    repo_id: str | None = None
    # What the given name carries in brackets beyond settings ("Satori-Qwen-7B (Round 2)"):
    # a header must carry it too, or it names another checkpoint ("Satori-Qwen-7B").
    qualifiers: tuple[str, ...] = ()
    # What the card's download table prints beside the repo's link (("context length",
    # "28K"), ...): tells the repo's row from a same-named row of another checkpoint.
    properties: tuple[tuple[str, str], ...] = ()

    @classmethod
    def build(cls, model_name: str | None, repo_id: str | None) -> Target:
        names: list[str] = []
        qualifiers: tuple[str, ...] = ()
        if model_name:
            names.append(model_name)
            qualifiers = tuple(
                q
                for q in parse_header(model_name).qualifiers
                if not is_setting_only(q) and parse_setting(q).is_default()
            )
        if repo_id:
            repo_name = repo_id.split("/")[-1]
            names.append(repo_name)
            # "SAIL-VL-1d6-8B": a version whose dot the repo spells "d"; cards print 1.6.
            dotted = _D_VERSION_RE.sub(r"\1.\2", repo_name)
            if dotted != repo_name:
                names.append(dotted)
        if not names:
            raise ValueError("a target model needs --model-name or --repo-id")
        return cls(names=tuple(dict.fromkeys(names)), repo_id=repo_id, qualifiers=qualifiers)

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
        return list(self._token_sets)

    @cached_property
    def _token_sets(self) -> tuple[tuple[str, ...], ...]:
        return self._name_forms[0]

    @cached_property
    def org_stripped_token_sets(self) -> frozenset[tuple[str, ...]]:
        """The token sets that are a name without the org it repeats ("large-v3" for
        distil-whisper/distil-large-v3): a weaker match than the whole name, which beats it
        when both are in a table (Whisper's large-v3 beside distil-large-v3)."""
        return self._name_forms[1]

    @cached_property
    def _name_forms(self) -> tuple[tuple[tuple[str, ...], ...], frozenset[tuple[str, ...]]]:
        """Every token set the names give, in order, and those that only drop the org's word."""
        out: list[tuple[str, ...]] = []
        full: set[tuple[str, ...]] = set()
        stripped: set[tuple[str, ...]] = set()
        org_tokens = tokens(self.org or "")
        for name in self.names:
            toks = parse_header(name).tokens
            candidates = [toks]
            initialled = _initialled(name)
            if initialled != name:
                candidates.append(parse_header(initialled).tokens)
            full.update(candidates)
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
                    stripped.add(rest)
            for candidate in candidates:
                if candidate and candidate not in out:
                    out.append(candidate)
        return tuple(out), frozenset(stripped - full)

    def word_sets(self) -> list[tuple[str, ...]]:
        return list(self._word_sets)

    @cached_property
    def _word_sets(self) -> tuple[tuple[str, ...], ...]:
        return tuple(w for w in dict.fromkeys(parse_header(n).words for n in self.names) if w)

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
    # "exact", "org-stripped" (weaker than exact), "variant-by-context", or "own-model" (a
    # header that only says "This model" on the card)
    kind: str
    header: HeaderName
    # "CWM / CWM + tts" over "53.9 / 65.8": the header lists several names, the target is
    # name `part[0]` of `part[1]`, and takes that value of each cell.
    part: tuple[int, int] | None = None


def match_header(text: str, target: Target, table_variant: str | None = None) -> Match | None:
    """How `text` names the target, or None.

    `table_variant` ("base"/"instruct", from the table's heading or caption) lets a bare
    family header ("Qwen2.5-7B") stand for the target's variant ("Qwen2.5-7B-Instruct")
    when the table says which variant it reports. A target named with a bracketed word
    ("Satori-Qwen-7B (Round 2)") is only a header that carries that word too; the word is
    then its name, not a setting of the header.
    """
    found = _match_name(text, target, table_variant)
    if found is None or not target.qualifiers:
        return found
    printed = {fold(q) for q in found.header.qualifiers}
    wanted = {fold(q) for q in target.qualifiers}
    if not wanted <= printed:
        return None
    rest = tuple(q for q in found.header.qualifiers if fold(q) not in wanted)
    return Match(found.kind, replace(found.header, qualifiers=rest))


# A header that is only the card's word for its own model: "This model" ("Ours" may be a
# method built on it, as Moxin's "Ours" is its VLM).
_OWN_MODEL_RE = re.compile(r"\W*this\s+model\W*", re.I)


def _match_name(text: str, target: Target, table_variant: str | None) -> Match | None:
    header = parse_header(text)
    if _OWN_MODEL_RE.fullmatch(text.strip()):
        return Match("own-model", header)  # "|Dataset|DistilBERT SST-2|This model|"
    if not header.tokens:
        return None
    if header.org and target.org and header.org != target.org:
        return None
    same_words = bool(header.words) and header.words in target.word_sets()
    joined = _letters_joined(header.tokens)
    for toks in target.token_sets():
        if (
            header.tokens == toks
            or (same_words and sorted(header.tokens) == sorted(toks))
            or joined == _letters_joined(toks)
        ):
            wanted = target.variant()
            explicit = set(header.tokens) & (INSTRUCT_WORDS | BASE_WORDS)
            if table_variant and wanted and not explicit and table_variant != wanted:
                # A bare family name in a table the text says is the other variant.
                return None
            if toks in target.org_stripped_token_sets:
                return Match("org-stripped", header)
            return Match("exact", header)
    if table_variant:
        wanted = target.variant()
        if wanted and wanted == table_variant:
            for toks in target.token_sets():
                bare = tuple(t for t in toks if t not in INSTRUCT_WORDS | BASE_WORDS)
                if bare != toks and header.tokens == bare:
                    return Match("variant-by-context", header)
    # "Moxin-7B-DPO (Moxin-7B-Instruct)": the bracket gives the released name of the row.
    for bracket in _PAREN_RE.finditer(text):
        alias = bracket.group(1)
        if "(" in alias or not LETTER_RE.search(alias):
            continue
        found = _match_name(alias, target, table_variant)
        if found is not None and found.kind == "exact":
            outside = text[: bracket.start()] + " " + text[bracket.end() :]
            return Match("exact", parse_header(outside))
    return None


# A brand word written in camel case ("OneVision", "WideSight"), which tables often print as its
# initials ("LLaVA-OV-1.5-8B" for LLaVA-OneVision-1.5-8B).
_CAMEL_WORD_RE = re.compile(r"(?<![A-Za-z])((?:[A-Z][a-z]+){2,})(?![A-Za-z])")


def _initialled(name: str) -> str:
    """The name with each camel-case word replaced by its capitals: "LLaVA-OneVision-1.5" ->
    "LLaVA-OV-1.5". Only whole words of two or more capitalised parts: "LLaVA" and "MiniCPM"
    stay as they are."""
    return _CAMEL_WORD_RE.sub(lambda m: "".join(c for c in m.group(1) if c.isupper()), name)


def _letters_joined(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens with neighbouring letter runs joined: "FalconMamba-7B" and "falcon-mamba-7b"
    are one name, spelt with and without a break inside the brand. Digit runs keep their
    breaks ("Qwen2.5-7B" is not "Qwen2-57B")."""
    out: list[str] = []
    for tok in toks:
        if out and tok[:1].isalpha() and out[-1][-1:].isalpha():
            out[-1] += tok
        else:
            out.append(tok)
    return tuple(out)


# "the base Gemma 3 4B model": "base" naming another model (the baseline the table compares
# with), not the variant the table reports.
_BASE_OF_OTHER_RE = re.compile(
    r"\b[Bb]ase\s+(?!(?:Models?|Versions?|Checkpoints?|LLMs?|Variants?)\b)(?=[A-Z][A-Za-z]*[\s\d.-])"
)


def table_variant(text: str) -> str | None:
    """ "instruct" or "base" when a table's heading/caption says which variant it reports."""
    text = _BASE_OF_OTHER_RE.sub(" ", text)
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
        for match in pattern.finditer(fold(text)):
            word = _TOKEN_ALIASES.get(match.group(1).lower(), match.group(1).lower())
            found.add("instruct" if word in INSTRUCT_WORDS else "base")
    return found
