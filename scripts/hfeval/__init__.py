"""hf-evaluation: evaluation results for Hugging Face model cards, with their provenance."""

__version__ = "0.1.0"
TOOL_NAME = "hf-evaluation"
