"""Compatibility alias: the tokenizer lives in `worker.analysis.normalize`."""
from __future__ import annotations

from worker.analysis.normalize import TOKEN_RE, Token, fold, squash, tokenize

__all__ = ["TOKEN_RE", "Token", "fold", "squash", "tokenize"]
