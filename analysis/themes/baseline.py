"""The keyword baseline the codebook is measured against: the four regular
expressions a person would type in a minute, one per main theme.

Written down BEFORE the second edition of the codebook was tuned on the
development set, and not tuned afterwards (see the commit that added this
file): it stands beside the codebook's scores in ``make validate`` so that a
codebook that cannot beat four lines of regex is seen to be one. Matching is
case-insensitive except the acronyms ``ODA`` and ``MIA`` (as anyone would
write them), on the text with diacritics folded.

In: unit texts. Out: a bool matrix, one column per theme that has a baseline.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..text import fold

#: theme key -> (regex, flags). One line each; do not tune these on the dev set.
KEYWORD_BASELINE: dict[str, str] = {
    "oda": r"(?-i:\bODA\b)|official development assistance|development (?:aid|loans?)\b",
    "visas": r"\bvisas?\b",
    "war_legacy": r"war legac|war consequence|consequences of (?:the )?war|aftermath of (?:the )?war"
                  r"|agent orange|dioxin|unexploded|landmine|demining|(?-i:\bMIA\b)|missing in action",
    "scs": r"south china sea|east sea",
}

_COMPILED = {k: re.compile(v, re.IGNORECASE) for k, v in KEYWORD_BASELINE.items()}


def baseline_matrix(texts, themes: list[str] | None = None) -> pd.DataFrame:
    """One row per text, one bool column per theme of :data:`KEYWORD_BASELINE`
    (restricted to ``themes`` when given; a theme without a baseline is left out)."""
    texts = [fold(str(t)) for t in texts]
    keys = [k for k in (themes or KEYWORD_BASELINE) if k in _COMPILED]
    return pd.DataFrame({k: np.fromiter((bool(_COMPILED[k].search(t)) for t in texts), bool, len(texts))
                         for k in keys})
