"""The words of evaluation tables: what a header, a label or a line around a table says.

One vocabulary, compiled once, shared by table analysis (`extraction`) and by the reading
of the names a card gives its model (`card_names`): which labels are model properties
and not scores, which headers count shots or name a metric, which words describe an
evaluation, which lines are footnotes. Pure data; no logic beyond the patterns.
"""

from __future__ import annotations

import re

# How one run of the model was made to think longer ("Round 2" of multi-round thinking).
_RUN_CONFIG = r"(?:thinking\s+)?(?:rounds?|turns?|iterations?)"

# Row or column labels that are properties of a model, not scores.
NON_SCORE_RE = re.compile(
    r"^\s*(?:#\s*)?(?:params?|parameters?|#?\s*param(?:eter)?s?\s*\(.*\)|(?:total|activated|active|non-embedding)\s+param(?:eter)?s?"
    r"|model\s*size|size|[a-z]+_size|(?:test|image|input|img)\s*size|resolution|train(?:ing)?\s*tokens|pre-?train(?:ing)?\s*tokens|tokens|#\s*tokens|(?:[\w-]+\s+)?data(?:\s*size)?"
    r"|context(?:\s*(?:length|window|size))?|seq(?:uence)?\s*len(?:gth)?|max\s*length|(?:avg\.?\s*|average\s+)?(?:output\s+|response\s+)?length|ctx"
    r"|(?:embed(?:ding)?\s*|output\s*|matryoshka\s*)?(?:dim(?:ension)?s?|size)"
    r"|release(?:\s*date)?|date|license|"
    + _RUN_CONFIG
    + r"|architecture|arch|layers?|hidden\s*size|heads?|vocab(?:ulary)?(?:\s*size)?"
    r"|throughput|latency|speed|fps|tokens?\s*/\s*s|tok/s|memory|vram|gpus?|number of gpus|batch(?:\s*size)?|input_length|output_length"
    r"|(?:average\s*)?(?:activation\s*)?sparsity|power(?:\s*consumption)?(?:\s*\(.*\))?|carbon(?:\s*emitted)?(?:\s*\(.*\))?|co2.*|emissions?(?:\s*\(.*\))?|(?:training\s*)?time(?:\s*\(.*\))?|gpu\s*hours(?:\s*\(.*\))?"
    r"|version|stderr|std(?:err)?|±|\+/-|n|#|rank(?:ing)?|no\.?|n-?shots?|#?\s*shots?|few-?shot|k-?shot|num_fewshot|year|price|cost|download|link|url|checkpoints?|ckpt|weights|logs?|steps?|training\s*steps|support(?:\s*\([^)]*\))?|#?\s*(?:training\s+)?samples|count)\s*$",
    re.I,
)

# Properties that configure one model rather than name another: an embedding model's rows
# "X | 768 | 62.3", "X | 256 | 61.0" under `Dimension` are one model at two output sizes.
CONFIG_PROPERTY_RE = re.compile(
    r"^\s*(?:embedding\s*|output\s*|matryoshka\s*)?(?:dim(?:ension)?s?\.?|dimensionality|embedding\s*size)\s*$",
    re.I,
)
# A run column: "Round 2" of multi-round thinking is the model again, not another
# checkpoint (a training round in a name is; see naming).
RUN_CONFIG_RE = re.compile(rf"^\s*{_RUN_CONFIG}\s*$", re.I)

NON_SCORE_PREFIX_RE = re.compile(
    r"^\s*(?:params?|parameters|#\s*params|model\s*size|size\b|train(?:ing)?\s*tokens|pre-?train(?:ing)?\s*tokens|context\s*length|seq(?:uence)?\s*length"
    r"|number\s+of\s+gpus|throughput|latency|tokens?\s*/\s*s|input_length|output_length|release"
    r"|memory(?=\s*\()|vram|energy)\b",
    re.I,
)

# Anywhere in a label: compute (FLOPs per token, and ratios of a score to it), counts per
# token or per image ("# tokens per image"), rates ("Docs / Sec", "Queries/s", "QPS"), and
# parameter counts with a qualifier before or after them ("Active Params (B)"), decision
# thresholds: properties or settings of the model, not scores.
NON_SCORE_ANYWHERE_RE = re.compile(
    r"\b[kmgtp]?flops?s?\b|\bper\s+token\b|\btokens?\s+per\s+(?:image|frame|second|patch)\b"
    r"|#\s*tokens\b|\btokens\s+after\s+tokeni[sz]ation\b"  # "Avg. # tokens after tokenization"
    r"|(?:/|\bper\b)\s*sec(?:ond)?s?\b|\w\s*/\s*s\b|\bqps\b"
    r"|(?:\b|_)threshold\b"  # a classifier's decision threshold ("cosine_f1_threshold")
    r"|^\s*(?:total|activated|activate|active|stored|trainable|non-embedding)\s+param(?:eter)?s?\b"
    r"|\brtfx?\b|\blatency\b|\bspeed-?up\b"  # real-time factor, (relative) latency: speed
    r"|\(\s*(?:ms|msec|sec|seconds?|minutes?)\s*(?:/[^()]*)?\)"  # a time: "Speed (ms/input)"
    r"|^\s*num(?:ber)?\.?\s+(?:of\s+)?(?:utterances|samples|examples|items|questions|speakers|files)\b"
    r"|\blength\s*$"  # "AE2 Length", "MMLU Length": how long the answers were
    r"|^\s*(?:\d+(?:\.\d+)?\s*%\s*)?(?:ci|conf(?:idence)?\.?\s+interval)\b",  # "95% CI": an error bar
    re.I,
)

NOT_EVAL_CONTEXT_RE = re.compile(
    r"\b(?:throughput|latency|tokens?\s*(?:/|per)\s*s(?:ec(?:ond)?)?|efficiency|inference\s+(?:performance|speed)|speed|memory\s+usage|download"
    r"|carbon|co2|emissions?|power\s+consumption|gpu\s+hours)\b",
    re.I,
)

# Text that introduces a table as a baseline's results ("As a baseline to compare X
# against, we have used the langid library ... the table below"): a table that names no
# model under it may be the baseline's, so it is not credited to the card's model. Not a
# model that sets or serves as a baseline for others ("sets a strong baseline for future
# research"): that baseline is the model itself.
BASELINE_CONTEXT_RE = re.compile(
    r"(?<!\w)(?P<before>(?:sets?|setting|establish\w*|serves?\s+as|provides?)\s+"
    r"(?:(?:a|an|the)\s+)?(?:\w+\s+)?)?baselines?\b",
    re.I,
)

# Headings of a card's training sections, whose tables describe data and settings, and of
# its contamination checks, whose numbers are overlap statistics, not scores.
NOT_EVAL_HEADING_RE = re.compile(
    r"\b(?:training|train|data|dataset\s+(?:info|details)|hyper-?param(?:eter)?s?|fine-?tuning"
    r"|(?:de)?contamination)\b",
    re.I,
)

# The line sentence-transformers writes above each evaluator's table, as the table's
# context reads it: "Dataset: NanoBEIR_mean Evaluated with ...", "Datasets: A and B".
DATASET_LINE_RE = re.compile(
    r"(?:^|[.:]\s|(?:^|\s)[-+]\s)\s*Datasets?:\s*(?P<names>[\w./-]+(?:(?:\s+and\s+|,\s*)[\w./-]+)*)"
)

EVAL_CONTEXT_RE = re.compile(
    r"\b(?:evaluation|evaluations|eval|evals|benchmarks?|results?|performances?|scores?|accuracy|leaderboard|comparison|compared)\b"
    # Cards in other languages: Russian, German, French, Spanish / Portuguese, then Chinese,
    # Japanese and Korean (no word boundaries there).
    r"|\b(?:результат\w*|оценк\w*|метрик\w*|бенчмарк\w*|сравнени\w*|ergebnisse|bewertung"
    r"|résultats|évaluation|resultados|evaluaci[óo]n|avalia[çc][ãa]o)\b"
    r"|评测|评估|测评|结果|基准|評価|結果|評測|ベンチマーク|평가|결과|벤치마크",
    re.I,
)

GENERIC_VALUE_HEADER_RE = re.compile(
    r"^\s*(?:(?:our|model(?:'s)?|this\s+model(?:'s)?)\s+)?(?:value|values|score|scores|result|results|accuracy|acc\.?"
    r"|performance|metric value|avg|average|)\s*(?:\(\s*%\s*\)|%|\(\s*0\s*-\s*1\s*\))?\s*$",
    re.I,
)

# Metric names: a column or row of these says what the numbers beside it measure.
# sentence-transformers' evaluators prefix the similarity they rank by ("cosine_ndcg@10",
# "dot_accuracy") and suffix it to correlations ("spearman_cosine").
METRIC_NAME_RE = re.compile(
    r"^\s*%?\s*(?:(?:cosine|cos|dot|euclidean|manhattan|max)[ _])?"
    # a snake_case qualifier of the set the metric is on: "subgroup_auc", "eval_f1", "bpsn_auc"
    r"(?:(?!train)[a-z]{2,12}_)?"
    r"(?:macro[- _]?|micro[- _]?|weighted[- _]?|balanced[- _]?)?(?:f1(?:[- ]score)?|precision|recall|accuracy(?:[ _]normali[sz]ed)?|acc(?:_norm)?|auc|auroc|au-?prc|auc-?pr|(?:pr|roc)[- _]?auc|ap|fpr|tpr|fnr|tnr|mcc|em|exact[ _]match"
    r"|bleu|chrf\+*|rouge(?:-?[l12])?|(?:cp|tcp|sa|wa)?wer|cer|der|mer|ndcg|map|mrr|spearman|pearson|kappa|anls|cider"
    r"|(?:[pr]|hits?)(?=\s*@\s*\d))"
    r"(?:\s*@\s*\d+)?(?:[ _](?:cosine|dot|euclidean|manhattan|max))?"
    r"\s*(?:\(\s*%\s*\)|%)?\s*$",
    re.I,
)

# A header that only counts shots: its cells are each row's shot count, not scores.
SHOTS_HEADER_RE = re.compile(
    r"^\s*(?:#\s*)?(?:n|num|k|few)?[-_ ]?(?:few)?[-_ ]?shots?\s*$|^\s*num_fewshot\s*$", re.I
)

METRIC_HEADER_RE = re.compile(r"^\s*metrics?\s*$", re.I)

# A size column beside a family name column: "Model | Size | MMLU".
SIZE_HEADER_RE = re.compile(
    r"^\s*(?:#\s*)?(?:model\s+)?(?:size|params?|parameters|param(?:eter)?s?\s*\(.*\))\s*$", re.I
)

SIZE_CELL_RE = re.compile(r"^\s*(?:\d+x)?\d+(?:\.\d+)?\s*[BbMm]\s*$")

# The Open LLM Leaderboard bot's link to the details of the model it evaluated.
OLL_DETAILS_RE = re.compile(
    r"open-llm-leaderboard/details_(?P<org>[\w.-]+?)__(?P<name>[\w.-]+?)(?:[)\]\s\"'#?]|$)"
)

EVAL_LABEL_HEADER_RE = re.compile(
    r"^\s*(?:tasks?|benchmarks?|datasets?|metrics?|evals?|evaluations?|tests?|groups?)\s*$", re.I
)

# A column naming evaluation sets, and one naming the part of a set a row reports.
# A column of model names: "Model", "Methods", "System".
MODEL_COLUMN_HEADER_RE = re.compile(
    r"^\s*(?:models?|methods?|systems?|checkpoints?|model\s+names?|baselines?)\s*$", re.I
)
EVAL_SET_HEADER_RE = re.compile(r"^\s*(?:benchmarks?|datasets?|evaluation\s+sets?)\s*$", re.I)
# A column naming the condition a row was measured under: the model itself, tested on noisy
# or telephone audio. Not quantization: a quantized checkpoint is another model.
CONDITION_HEADER_RE = re.compile(
    r"^\s*(?:snr(?:\s+level)?|noise(?:\s+level)?|audio\s+format|sampling\s+rate|conditions?"
    r"|test\s+conditions?)\s*$",
    re.I,
)
SUBSET_HEADER_RE = re.compile(r"^\s*(?:languages?|lang\.?|subsets?|splits?|locales?)\s*$", re.I)
# A column naming the part of an evaluation a row reports ("Type": Simple / Complex).
PART_HEADER_RE = re.compile(
    r"^\s*(?:(?:table|question|task|sample)\s+)?(?:types?|categor(?:y|ies)|difficult(?:y|ies)|levels?)\s*$",
    re.I,
)
# A group header that names no benchmark, only what its columns are ("Ability" over
# "Speed Control | Accent Control").
GENERIC_GROUP_HEADER_RE = re.compile(
    r"^\s*(?:abilit(?:y|ies)|capabilit(?:y|ies)|categor(?:y|ies)|skills?|aspects?|dimensions?"
    r"|tasks?|benchmarks?|datasets?|metrics?|evals?|evaluations?|tests?|groups?|domains?"
    r"|scores?|results?|performance)\s*$",
    re.I,
)
# The direction a score improves in, printed after a metric ("Precision ↑", "WER ↓").
DIRECTION_RE = re.compile(r"\s*[↑↓⬆⬇]\s*")

# Raw lm-evaluation-harness output: Task | Version | (Filter | n-shot |) Metric | Value | ± | Stderr
HARNESS_HEADER_RE = re.compile(r"\bversion\b.*\bmetric\b.*\bvalue\b", re.I | re.S)

SETTING_HEADER_RE = re.compile(
    r"^\s*(?:metric|metrics|shots?|#\s*shots?|n-?shots?|few-?shot|setting|settings|method|eval(?:uation)?\s*setting|prompt|mode|type)\s*$",
    re.I,
)

# Sub-headers that name a part of the benchmark above them, not a benchmark of their own.
PART_WORD_RE = re.compile(
    r"^\s*(?:(?:low|mid|high)[- ]?level|easy|medium|hard|overall|all|total|avg\.?|average|mean"
    r"|score|en|zh|english|chinese|val|test|dev)\s*$",
    re.I,
)

# Words saying a table counts things (a benchmark's size), not scores them.
COUNT_CONTEXT_RE = re.compile(
    r"\b(?:number\s+of|samples|examples|questions|problems|instances|test\s+size|statistics)\b",
    re.I,
)

# A column of the mean over the others ("Average" beside "ARC | HellaSwag | MMLU").
AVERAGE_HEADER_RE = re.compile(r"^\s*(?:avg\.?|average|mean|overall)\s*$", re.I)

FOOTNOTE_LINE_RE = re.compile(
    r"^[>\s]*(?:[-*+]\s+)?"
    r"(?P<mark>\\?\*{1,3}|[†‡§¶✱▲△★☆]|[¹²³⁴⁵⁶⁷⁸⁹]|\[\d{1,2}\]|\(\d{1,2}\)|<sup>\s*[^<\s]{1,3}\s*</sup>)"
    r"\s*[:：.\-–]?\s*(?P<text>\S.*)$",
    re.I,
)

PAIR_RE = re.compile(
    r"\b(?P<a>non[- ]?thinking|thinking|w/o tools|w/ tools|without tools|with tools)\s*/\s*"
    r"(?P<b>non[- ]?thinking|thinking|w/o tools|w/ tools|without tools|with tools)\b",
    re.I,
)

FOOTNOTE_MARK_RE = re.compile(r"[*†‡§¶✱▲△^¹²³⁴⁵⁶⁷⁸⁹]|\[\d{1,2}\]")

# Most specific first: "normalized accuracy (acc_norm)" is acc_norm, not accuracy.
METRIC_PATTERNS = [
    (re.compile(p, re.I), name)
    for p, name in (
        (r"\bacc_norm\b", "acc_norm"),
        (r"\bmc1\b", "mc1"),
        (r"\bmc2\b", "mc2"),
        (r"\bpass\s*@\s*(\d+)", "pass@{}"),
        (r"\bmaj\s*@\s*(\d+)", "maj@{}"),
        (r"\bexact[ _]match\b|\bEM\b", "exact_match"),
        (r"\bF1\b", "f1"),
        (r"\brouge-?l\b", "rouge_l"),
        (r"\bbleu\b", "bleu"),
        (r"\bacc\b|\baccuracy\b", "accuracy"),
    )
]

# Any of METRIC_PATTERNS: a text none of them finds is searched once, not once per pattern.
ANY_METRIC_RE = re.compile("|".join(f"(?:{p.pattern})" for p, _ in METRIC_PATTERNS), re.I)

PAREN_PARTS_RE = re.compile(r"[(\[（](?P<parts>[^()\[\]（）]*/[^()\[\]（）]*)[)\]）]")

TRAILING_PARTS_RE = re.compile(r"^(?P<prefix>.*?)(?P<parts>[^\s/()]+(?:\s*/\s*[^\s/()]+)+)\s*$")

# A set's name over a line of its splits: "LibriSpeech" <br> "test-clean | test-other".
SPLITS_LINE_RE = re.compile(r"^(?P<name>[^\n|]+)\n(?P<splits>[^\n|]+(?:\|[^\n|]+)+)$")

SETTING_ROW_RE = re.compile(r"^[\s*_]*(?:w/(?!o)|with\s)\s*(?P<what>.+?)[\s*_]*$", re.I)

DELTA_RE = re.compile(
    r"^\s*(?:Δ|∆|delta\b|diff\b|vs\.?\s|improvement\b|gain\b|\+/-|(?:relative\s+)?change\b)", re.I
)

# One-letter metric headers, read only beside spelled-out ones ("R | FPR | F1").
METRIC_ABBREVIATIONS = {"r": "recall", "p": "precision"}

# Words that name a model as where evaluation data came from, not as the model evaluated:
# "errors are generated from `X` teacher model", "judged by X", "distilled from X".
DATA_SOURCE_RE = re.compile(
    r"\b(?:generated|synthesi[sz]ed|produced|created|annotated|labell?ed|judged|scored|rated"
    r"|distilled|translated)\s+(?:from|by|with|using)\b|\bas\s+(?:the\s+|a\s+)?(?:judge|grader)\b",
    re.I,
)

# A column naming the model each row was built on ("Backbone VLM": Qwen2-VL, Qwen2.5-VL).
# A model zoo's column of the data each checkpoint was trained (and scored) on:
# `Model | Dataset | AP<sup>val</sup> | #Params | config | checkpoint`.
DATASET_COLUMN_RE = re.compile(r"^\s*(?:train(?:ing)?\s+)?data(?:set)?s?\s*$", re.I)

# The metrics of vision model zoos, printed as a column's whole name: detection's AP
# (`AP<sup>val</sup>`, `AP50`, `mAP`, `AP[5000]`) and depth's δ1 / AbsRel.
VISION_METRIC_RE = re.compile(
    r"^\s*(?:m?AP|AR)(?:\s*_?\s*(?:50|75|s|m|l|small|medium|large))?"
    r"(?:\s*[\[(]?\s*(?:val|test|test-dev|minival|box|mask|\d+)\s*[\])]?)*\s*$"
    r"|^\s*(?:δ|delta)\s*_?\s*(?:[1-3]|<\s*1\.25(?:\^?[23])?)\s*$|^\s*(?:abs\s*rel|sq\s*rel|rmse)\s*$",
    re.I,
)

BACKBONE_HEADER_RE = re.compile(
    r"^\s*(?:(?:backbone|base)(?:\s+(?:vlm|llm|lm|model))?|(?:llm|vlm)\s+backbone|base\s+llm)\s*$",
    re.I,
)
