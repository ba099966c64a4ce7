"""Shared look of the figures: partner colours and a quiet default style."""
from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt  # no backend is forced: a live kernel shows figures inline

# Labels on figures come from config files and articles: a "$" in them is a
# dollar sign, never the start of mathtext (which fails on "$5 and $6" or
# draws "$x$" as a formula).
matplotlib.rcParams["text.parse_math"] = False

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
FIXED = {"both": "#7f7f7f", "other": "#bcbd22", "none": "#c7c7c7"}


def partner_colors(keys) -> dict[str, str]:
    """A stable colour per partner key (config order), grey for both/none."""
    out, i = {}, 0
    for k in keys:
        if k in FIXED:
            out[k] = FIXED[k]
        else:
            out[k] = PALETTE[i % len(PALETTE)]
            i += 1
    return {**out, **FIXED}


def new_figure(width: float = 8.0, height: float = 4.0):
    """A figure and axes with the kit's style (no top/right spines)."""
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax
