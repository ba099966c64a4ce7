"""Figures of the corpus section."""
from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D

from .style import new_figure, partner_colors


def timeline(table: pd.DataFrame, partner_order: list[str]):
    """Articles over time, one row per partner label (from
    :func:`analysis.corpus.summary.timeline_table`); a marker per outlet for
    the eight most frequent outlets, one shared marker for the rest."""
    labels = [p for p in [*partner_order, "both", "none"] if p in set(table["partner"])]
    colors = partner_colors(partner_order)
    fig, ax = new_figure(8.2, 0.8 + 0.7 * max(1, len(labels)))
    # one marker per outlet for the eight most frequent, the rest share one
    top = table["outlet"].value_counts().sort_index().sort_values(ascending=False, kind="stable").index[:8]
    outlet = table["outlet"].where(table["outlet"].isin(top), "other outlets")
    markers = dict(zip([*sorted(top), "other outlets"], "osD^vP*X."))
    dates = pd.to_datetime(table["date"])
    for name, marker in markers.items():
        sel = outlet == name
        if not sel.any():
            continue
        ys = [labels.index(p) for p in table.loc[sel, "partner"]]
        ax.scatter(dates[sel], ys, marker=marker, s=70, c=[colors[p] for p in table.loc[sel, "partner"]],
                   edgecolors="black", linewidths=0.5, label=name, zorder=3)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title("Articles over time, by partner (marker = outlet)")
    handles = [Line2D([], [], marker=m, linestyle="", markerfacecolor="white", markeredgecolor="black",
                      markersize=8, label=o) for o, m in markers.items() if (outlet == o).any()]
    ax.legend(handles=handles, title="outlet", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.autofmt_xdate()
    return fig


def partner_bars(counts: pd.DataFrame, partner_order: list[str]):
    """Stacked bars: content paragraphs per article (or per month, for a large
    corpus) by partner label (from :func:`analysis.corpus.summary.partner_paragraph_counts`)."""
    group = counts.columns[0]
    cols = [c for c in [*partner_order, "both", "other", "none"] if c in counts.columns]
    colors = partner_colors(partner_order)
    fig, ax = new_figure(8, 0.6 + 0.45 * len(counts))
    left = pd.Series(0, index=counts.index, dtype=float)
    for c in cols:
        ax.barh(counts[group], counts[c], left=left, color=colors[c], label=c, edgecolor="white")
        left += counts[c]
    ax.invert_yaxis()
    ax.set_xlabel("content paragraphs")
    ax.set_title(f"Which partner each paragraph is about, per {'article' if group == 'doc_id' else 'month'}")
    ax.legend(title="partner", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig
