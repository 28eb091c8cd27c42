"""The screening as JSON (shared/CONTRACT.md), and the JSON Schema other tools validate against."""

from __future__ import annotations

import json

from nlp.types import Screening


def render_json(screening: Screening) -> str:
    return screening.model_dump_json(indent=2) + "\n"


def screening_schema() -> str:
    return json.dumps(Screening.model_json_schema(), indent=2, sort_keys=True) + "\n"
