# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "cmarkgfm>=2024.1.14; platform_machine == 'x86_64' or platform_machine == 'AMD64' or platform_machine == 'aarch64' or platform_machine == 'arm64'",
#     "huggingface-hub>=2.4,<3",
#     "inspect-ai>=0.3.285",
#     "markdown-it-py>=3.0",
#     "pyarrow>=26.0.1",
#     "pyyaml>=6.0",
#     "requests>=2.32",
# ]
# ///
"""hf-evaluation command line. See `--help`, README.md and SKILL.md."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hfeval.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
