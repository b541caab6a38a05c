"""Keep secrets out of everything we print."""

from __future__ import annotations

import os
import re

# Hugging Face user/org tokens and fine-grained tokens start with "hf_".
_HF_TOKEN_RE = re.compile(r"hf_[A-Za-z0-9]{8,}")
_SECRET_ENV_VARS = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_TOKEN", "AA_API_KEY")


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Replace known secret values (from the environment and `secrets`) and hf_ tokens by ***."""
    if not text:
        return text
    values = [os.environ.get(name) for name in _SECRET_ENV_VARS] + list(secrets)
    for value in values:
        if value and len(value) >= 4:
            text = text.replace(value, "***")
    return _HF_TOKEN_RE.sub("hf_***", text)
