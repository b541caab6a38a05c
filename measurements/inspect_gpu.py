"""Throughput of inspect_eval_uv.py's transformers backend on a GPU, with a tiny model built here.

No network is needed: a small random Llama and a word-level tokenizer are built in code
(transformers, tokenizers), saved to a folder, and the script runs the real MMLU task
(builtin implementation, the shipped tests/data/mmlu.jsonl questions repeated to
--samples) on that folder with `--backend transformers` on the GPU. The figure is samples
per second over the task (generation and scoring) and the whole process's wall time.
The random model's score is meaningless (near 0); the run must still finish with every
sample scored, so a broken run cannot pass as a figure.

Needs on the machine: torch with CUDA, transformers, accelerate, tokenizers, jinja2 and
inspect-ai (with its own dependencies). On the lent device (no network) inspect-ai must be
carried as wheels, see /work/.library/device/README.md, e.g. here:
    python3 -m pip download --only-binary=:all: --python-version 3.12 --platform manylinux2014_x86_64 \\
        -d .whl inspect-ai==0.3.285
then install them there before running:
    python3 measurements/inspect_gpu.py --samples 256 --batch-size 32
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "inspect_eval_uv.py"
DATA = ROOT / "tests" / "data" / "mmlu.jsonl"


def build_tiny_model(
    folder: Path, corpus: list[str], *, hidden: int, layers: int, seed: int = 0
) -> int:
    """A random LlamaForCausalLM and a word-level tokenizer fitted on `corpus`; returns parameters."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    special = ["<unk>", "<s>", "</s>", "<pad>"]
    tokenizer = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.train_from_iterator(
        corpus, trainers.WordLevelTrainer(special_tokens=special, min_frequency=1)
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        unk_token="<unk>",
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
    )
    fast.save_pretrained(folder)

    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=len(fast),
        hidden_size=hidden,
        intermediate_size=hidden * 4,
        num_hidden_layers=layers,
        num_attention_heads=max(1, hidden // 64),
        num_key_value_heads=max(1, hidden // 64),
        max_position_embeddings=4096,
        bos_token_id=fast.bos_token_id,
        eos_token_id=fast.eos_token_id,
        pad_token_id=fast.pad_token_id,
    )
    model = LlamaForCausalLM(config).to(torch.bfloat16)
    model.save_pretrained(folder)
    return sum(p.numel() for p in model.parameters())


def write_dataset(path: Path, samples: int) -> list[str]:
    """The shipped MMLU questions, repeated with distinct prefixes to `samples` rows."""
    base = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    tests = [r for r in base if "split" not in r]
    rows = []
    for i in range(samples):
        row = dict(tests[i % len(tests)])
        row["question"] = f"Item {i}: {row['question']}"
        rows.append(row)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    words = [r["question"] + " " + " ".join(r["choices"]) for r in base + rows]
    # the multiple-choice template's own words, so the prompt is not all <unk>
    words.append("Answer the following multiple choice question The entire content of your response should be "
                 "of the following format ANSWER LETTER without quotes where LETTER is one of A B C D")  # fmt: skip
    return words


def missing_requirement() -> str | None:
    """Why the figure cannot be measured here, or None. A figure is quoted only from a GPU run."""
    if importlib.util.find_spec("torch") is None:
        return "torch is not installed (needs a GPU machine)"
    import torch

    if not torch.cuda.is_available():
        return "torch sees no CUDA GPU (needs a GPU machine)"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=256)
    parser.add_argument("--batch-size", type=int, default=32, help="inspect hf provider batch_size")
    parser.add_argument("--hidden", type=int, default=512)
    parser.add_argument("--layers", type=int, default=8)
    parser.add_argument("--max-tokens", type=int, default=16)
    parser.add_argument("--keep", help="keep the model and logs in this folder")
    args = parser.parse_args()
    reason = missing_requirement()
    if reason:
        print(f"not measured: {reason}")
        return 0

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="inspect-gpu-"))
    tmp.mkdir(parents=True, exist_ok=True)
    model_dir = tmp / "tiny-llama"
    model_dir.mkdir(exist_ok=True)
    data = tmp / "mmlu_gpu.jsonl"
    corpus = write_dataset(data, args.samples)
    parameters = build_tiny_model(model_dir, corpus, hidden=args.hidden, layers=args.layers)
    print(f"tiny Llama: {parameters / 1e6:.1f}M parameters, bf16, in {model_dir}")

    command = [
        sys.executable, str(SCRIPT), "--model", str(model_dir), "--backend", "transformers",
        "--implementation", "builtin", "--task", "mmlu", "--dataset-file", str(data),
        "--max-tokens", str(args.max_tokens), "--max-connections", str(args.batch_size),
        "--model-args", f"batch_size={args.batch_size}", "--log-dir", str(tmp / "logs"),
    ]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"run failed with exit code {proc.returncode}")
    summary = json.loads(proc.stdout)
    task = summary["tasks"][0]
    scored = task["samples"]["scored"]
    if scored != args.samples:
        raise SystemExit(f"only {scored} of {args.samples} samples scored")
    gpu = re.findall(
        r"GPU 0: ([^(]+)",
        subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True).stdout,
    )
    print(
        f"transformers backend on {gpu[0].strip() if gpu else 'GPU'}: {scored} samples in {task['duration_s']:.2f} s "
        f"= {scored / task['duration_s']:.1f} samples/s (task: model load, generation of up to {args.max_tokens} "
        f"tokens, scoring); whole process {wall:.2f} s; batch_size {args.batch_size}; score {task['score']} "
        "(random weights)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
