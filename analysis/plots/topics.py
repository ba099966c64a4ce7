"""Figures of the topics section. Every figure marks unstable topics: grey,
hatched, with "(unstable)" in the topic's name (the ``display`` column of the
tables from :mod:`analysis.topics`)."""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from .style import new_figure, plt

#: Topic colours: ColorBrewer's Set2 and Set3, light and soft, so a topic is
#: never mistaken for a partner (the partners' colours are saturated tab10).
TOPIC_COLORS = ["#66c2a5", "#fc8d62", "#b3de69", "#e78ac3", "#bebada", "#ffd92f", "#e5c494", "#80b1d3",
                "#fdb462", "#fccde5", "#ccebc5", "#ffed6f"]
UNSTABLE = "#9e9e9e"
NONE = "#d9d9d9"


def topic_colors(topics: pd.DataFrame) -> dict[int, str]:
    """One colour per topic number; grey for unstable topics and for -1."""
    out = {}
    for i, (t, status) in enumerate(topics[["topic", "status"]].itertuples(index=False)):
        out[t] = NONE if t < 0 else (UNSTABLE if status == "unstable" else TOPIC_COLORS[i % len(TOPIC_COLORS)])
    return out


def _wrap(s: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(s, width)) or s


def top_terms_plot(terms: pd.DataFrame, topics: pd.DataFrame, n_cols: int = 3):
    """Small multiples: one bar chart of the top c-TF-IDF terms per topic.
    In: :func:`analysis.topics.topic_terms` and :func:`analysis.topics.topic_table`."""
    shown = topics[topics["topic"] > 0]
    n = max(len(shown), 1)
    n_cols = min(n_cols, n)
    n_rows = int(np.ceil(n / n_cols))
    n_terms = int(terms.groupby("topic").size().max()) if len(terms) else 1
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(min(3.15 * n_cols, 9.5), 0.3 * n_terms * n_rows + 1.1 * n_rows),
                             dpi=100, squeeze=False)
    colors = topic_colors(topics)
    for ax, (t, disp, status, size) in zip(axes.flat, shown[["topic", "display", "status", "size"]].itertuples(index=False)):
        sub = terms[terms["topic"] == t].sort_values("rank")
        y = np.arange(len(sub))[::-1]
        ax.barh(y, sub["weight"], color=colors[t], hatch="//" if status == "unstable" else None,
                edgecolor="white" if status != "unstable" else "#555555", linewidth=0.5)
        ax.set_yticks(y, sub["term"], fontsize=8.5)
        ax.set_title(_wrap(f"{disp} · n={size}"), fontsize=9, loc="left",
                     color="#555555" if status == "unstable" else "black")
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="x", labelsize=7.5)
        ax.set_xlabel("c-TF-IDF weight", fontsize=8)
    for ax in list(axes.flat)[len(shown):]:
        ax.set_visible(False)
    fig.suptitle("Top terms per topic (grey, hatched = unstable)", fontsize=11, x=0.01, ha="left")
    fig.tight_layout()
    return fig


def topic_partner_heatmap(table: pd.DataFrame, topics: pd.DataFrame, value: str = "share_of_partner"):
    """Topic (rows) x partner (columns) heat map of ``value`` with the counts
    written in each cell; unstable topic rows are hatched and named so.
    In: :func:`analysis.topics.topic_by_partner`."""
    order = topics["topic"].tolist()
    totals = table.groupby("partner", sort=False)["n_units"].sum()
    # "both" / "none" / "other" columns resting on a handful of units are noise: left to the CSV
    partners = [p for p in dict.fromkeys(table["partner"]) if p not in ("both", "none", "other") or totals[p] >= 5]
    piv = table.pivot(index="topic", columns="partner", values=value).reindex(index=order, columns=partners).fillna(0)
    cnt = table.pivot(index="topic", columns="partner", values="n_units").reindex(index=order, columns=partners).fillna(0)
    disp = dict(zip(topics["topic"], topics["display"]))
    status = dict(zip(topics["topic"], topics["status"]))
    fig, ax = new_figure(2.2 + 1.2 * len(partners) + 3.0, 0.55 * len(order) + 1.4)
    im = ax.imshow(piv.to_numpy(), cmap="Blues", vmin=0, vmax=max(float(piv.to_numpy().max()), 1e-9), aspect="auto")
    for i, t in enumerate(order):
        for j in range(len(partners)):
            v = piv.iat[i, j]
            ax.text(j, i, f"{v:.0%}\n(n={int(cnt.iat[i, j])})", ha="center", va="center", fontsize=8,
                    color="white" if v > 0.6 * piv.to_numpy().max() else "black")
        if status.get(t) == "unstable":
            ax.add_patch(plt.Rectangle((-0.5, i - 0.5), len(partners), 1, fill=False, hatch="//",
                                       edgecolor=UNSTABLE, linewidth=0))
    ax.set_xticks(range(len(partners)), partners)
    ax.set_yticks(range(len(order)), [_wrap(disp[t], 48) for t in order], fontsize=8.5)
    for lbl, t in zip(ax.get_yticklabels(), order):
        if status.get(t) == "unstable":
            lbl.set_color("#777777")
    ax.spines[:].set_visible(False)
    what = "share of the partner's units" if value == "share_of_partner" else "share of the topic's units"
    ax.set_title(f"Topics by partner ({what}; hatched = unstable topic)", fontsize=10, loc="left")
    fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02).ax.tick_params(labelsize=7)
    fig.tight_layout()
    return fig


def topic_map(points: pd.DataFrame, topics: pd.DataFrame, title: str = "Map of units coloured by topic"):
    """Scatter of the 2-D projection (:func:`analysis.topics.project_2d`):
    stable topics in colour (dots), unstable ones grey crosses, no topic light grey."""
    colors = topic_colors(topics)
    status = dict(zip(topics["topic"], topics["status"]))
    fig, ax = new_figure(8.5, 5.5)
    small = len(points) > 5000
    for t, disp in topics[["topic", "display"]].itertuples(index=False):
        sub = points[points["topic"] == t]
        if sub.empty:
            continue
        unstable = status.get(t) == "unstable"
        ax.scatter(sub["x"], sub["y"], s=4 if small else 28, c=colors[t], marker="x" if unstable else "o",
                   alpha=0.6 if small else 0.85, linewidths=1.0 if unstable else 0.3,
                   edgecolors=None if unstable else "#444444", label=_wrap(f"{disp} (n={len(sub)})", 60),
                   rasterized=small)
    ax.set_xlabel("component 1")
    ax.set_ylabel("component 2")
    ax.set_title(title, fontsize=10, loc="left")
    ax.legend(fontsize=7.5, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, markerscale=1.2)
    fig.tight_layout()
    return fig


def k_selection_plot(curve: pd.DataFrame):
    """The curve ``n_topics="auto"`` picked from: mean stability, mean NPMI
    coherence and the score per k, the chosen k marked."""
    fig, ax = new_figure(6.5, 3.4)
    ax.plot(curve["k"], curve["stability"], "o-", label="mean stability", color="#1f77b4")
    ax.plot(curve["k"], curve["coherence"], "s--", label="mean NPMI coherence", color="#2ca02c")
    ax.plot(curve["k"], curve["score"], "D-", label="score = stability × (1 + coherence) / 2", color="black")
    best = curve[curve["chosen"]]
    for k, s in best[["k", "score"]].itertuples(index=False):
        ax.axvline(k, color="#d62728", lw=1, ls=":")
        ax.annotate(f"chosen k = {k}", (k, s), xytext=(6, 8), textcoords="offset points", color="#d62728", fontsize=8)
    ax.set_xticks(curve["k"])
    ax.set_xlabel("number of topics k")
    ax.set_ylim(min(-0.1, float(curve["coherence"].min()) - 0.05), 1.05)
    ax.axhline(0, color="#cccccc", lw=0.8)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title("Choosing the number of topics", fontsize=10, loc="left")
    fig.tight_layout()
    return fig


def topic_time_plot(table: pd.DataFrame, topics: pd.DataFrame):
    """Stacked bars: each period's units split by topic (share), unstable
    topics grey and hatched. In: :func:`analysis.topics.topic_over_time`."""
    colors = topic_colors(topics)
    status = dict(zip(topics["topic"], topics["status"]))
    periods = sorted(table["period"].unique(), key=lambda p: (p == "unknown", p))
    fig, ax = new_figure(7.5, 3.6)
    bottom = np.zeros(len(periods))
    for t, disp in topics[["topic", "display"]].itertuples(index=False):
        sub = table[table["topic"] == t].set_index("period")["share"].reindex(periods).fillna(0).to_numpy()
        if not sub.any():
            continue
        ax.bar(periods, sub, bottom=bottom, color=colors[t], label=_wrap(disp, 55),
               hatch="//" if status.get(t) == "unstable" else None, edgecolor="white", linewidth=0.5)
        bottom += sub
    n = table.groupby("period")["n_units"].sum().reindex(periods)
    for i, p in enumerate(periods):
        ax.text(i, 1.01, f"n={int(n[p])}", ha="center", va="bottom", fontsize=7.5)
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("share of the period's units")
    ax.legend(fontsize=7.5, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_title("Topics over time", fontsize=10, loc="left")
    fig.tight_layout()
    return fig
