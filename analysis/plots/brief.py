"""The headline figure of the brief: for each main theme, the share of each
partner's meetings (or articles) where it comes up, with the count k/n written
beside every dot, so the figure says how few units it rests on."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .style import new_figure, partner_colors


def headline_figure(table: pd.DataFrame, partners: list[str], partner_labels: dict | None = None):
    """``table``: one row per theme x partner with ``label``, ``partner``, ``k``,
    ``n`` and ``unit`` (from :func:`analysis.report.brief.build_brief`). One
    row per theme (in the table's order), one dot per partner at k/n."""
    partner_labels = partner_labels or {}
    colors = partner_colors(partners)
    themes = list(dict.fromkeys(table["label"]))
    unit = str(table["unit"].iloc[0]) if len(table) else "article"
    fig, ax = new_figure(5.2, 0.9 + 0.62 * max(len(themes), 1))
    offsets = np.linspace(-0.16, 0.16, len(partners)) if len(partners) > 1 else [0.0]
    for off, p in zip(offsets, partners):
        sub = table[table["partner"] == p].set_index("label").reindex(themes)
        for i, (k, n) in enumerate(zip(sub["k"], sub["n"])):
            if pd.isna(n) or int(n) == 0:
                ax.text(0.0, i + off, "no data", va="center", fontsize=8, color="#777777")
                continue
            share = int(k) / int(n)
            ax.plot([share], [i + off], "o", ms=8, color=colors[p], mec="black", mew=0.5,
                    label=partner_labels.get(p, p) if i == 0 else None)
            ax.annotate(f"{int(k)}/{int(n)}", (share, i + off), xytext=(7, 0), textcoords="offset points",
                        va="center", fontsize=8.5, color="#333333")
    ax.set_yticks(range(len(themes)), themes, fontsize=9)
    ax.set_ylim(len(themes) - 0.5, -0.6)
    ax.set_xlim(-0.03, 1.18)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "25%", "50%", "75%", "100%"], fontsize=8.5)
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel(f"share of the partner's {unit}s where the theme comes up (label: k/n)", fontsize=8.5)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=8.5, frameon=False, ncols=len(partners),
              borderaxespad=0.2)
    ax.set_title(f"Main themes per partner, by {unit}", fontsize=10, loc="left", pad=22)
    fig.tight_layout()
    return fig
