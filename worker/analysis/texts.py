"""Localised texts (data/texts/<lang>.json), loaded once per process."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

TEXTS = Path(__file__).parent / "data" / "texts"


@lru_cache(maxsize=4)
def texts(language: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((TEXTS / f"{language}.json").read_text(encoding="utf-8"))
    return data
