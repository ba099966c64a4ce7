"""Figures of the framing section: salience dots, the fightin'-words plot, the
relationship-label timeline and the agency grid."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .style import new_figure, partner_colors, plt


def salience_dots(table: pd.DataFrame, partners: list[str], themes: list[str], labels: dict | None = None):
    """Dot-and-interval chart from :func:`analysis.framing.salience.salience`: one panel
    per level (meetings, articles, paragraphs), one row per theme, one dot (share)
    and bar (the row's interval, when it has one) per partner, labelled k/n. A
    partner with too few meetings to compare is marked so in the legend."""
    labels = labels or {}
    colors = partner_colors(partners)
    levels = [lv for lv in ("meeting", "article", "paragraph") if lv in set(table["level"])]
    fig, axes = plt.subplots(1, len(levels), figsize=(min(2.9 * len(levels) + 1.8, 9.4), 0.9 + 0.55 * len(themes)),
                             dpi=100, sharey=True, squeeze=False)
    offsets = np.linspace(-0.18, 0.18, len(partners)) if len(partners) > 1 else [0.0]
    for ax, level in zip(axes[0], levels):
        ax.spines[["top", "right"]].set_visible(False)
        sub = table[table["level"] == level]
        for off, p in zip(offsets, partners):
            ps = sub[sub["partner"] == p].set_index("theme")
            for ti, t in enumerate(themes):
                if t not in ps.index or not np.isfinite(ps.at[t, "share"]):
                    continue
                r = ps.loc[t]
                y = ti + off
                right = r["share"]
                if np.isfinite(r["ci_low"]):
                    ax.plot([r["ci_low"], r["ci_high"]], [y, y], color=colors[p], lw=2, alpha=0.7)
                    right = r["ci_high"]
                ax.plot([r["share"]], [y], "o", color=colors[p], ms=7, mec="black", mew=0.5)
                ax.annotate(f"{int(r['k'])}/{int(r['n'])}", (right, y), xytext=(4, 0),
                            textcoords="offset points", va="center", fontsize=7, color="#444")
        ax.set_yticks(range(len(themes)), [labels.get(t, t) for t in themes])
        ax.set_ylim(len(themes) - 0.5, -0.5)
        ax.set_xlim(-0.02, 1.15)
        ax.set_xlabel(f"share of the partner's {level}s")
        ax.grid(axis="x", alpha=0.3)
        how = sorted(set(sub["interval"]) - {"none"}) if "interval" in sub else []
        ax.set_title(f"per {level}" + (f"\n(bar: {', '.join(how)})" if how else "\n(no interval)"), fontsize=8.5)
    handles = []
    for p in partners:
        ps = table[(table["partner"] == p) & (table["level"] == "meeting")]
        n_meet = int(ps["n_meetings"].iloc[0]) if len(ps) else 0
        few = len(ps) and not bool(ps["comparable"].iloc[0])
        handles.append(Line2D([], [], marker="o", color=colors[p], mec="black", mew=0.5,
                              label=f"{p}: {n_meet} meeting{'s' if n_meet != 1 else ''}"
                                    + (" (too few to compare)" if few else "")))
    # the legend under the panels, so the panels keep the page's width
    fig.legend(handles=handles, title="partner", loc="lower center", bbox_to_anchor=(0.5, 0.0),
               ncols=max(1, len(handles)), frameon=False, fontsize=8, title_fontsize=8)
    ci = table["ci"].iloc[0] if len(table) else 0.95
    fig.suptitle(f"Theme salience by partner (dot = share, bar = {ci:.0%} interval on the count of meetings "
                 "or articles; label = units with theme / units)", fontsize=9)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig


def _spread_labels(ys: np.ndarray, min_gap: float) -> np.ndarray:
    """Move label positions apart (keeping their order) so no two are closer than min_gap."""
    order = np.argsort(ys, kind="mergesort")
    placed = ys[order].astype(float).copy()
    for _ in range(50):
        moved = False
        for i in range(1, len(placed)):
            gap = placed[i] - placed[i - 1]
            if gap < min_gap:
                push = (min_gap - gap) / 2
                placed[i - 1] -= push
                placed[i] += push
                moved = True
        if not moved:
            break
    out = np.empty_like(placed)
    out[order] = placed
    return out


def keyness_plot(table: pd.DataFrame, comparison: str, n_label: int = 15, colors: dict | None = None):
    """The classic fightin'-words plot for one comparison of
    :func:`analysis.framing.keyness.keyness`: z against log10 of the pooled count,
    significant terms (BH) coloured by the group they favour, the ``n_label``
    strongest terms (by |z|) named; labels are stacked in a column per side
    with leader lines so they do not overlap."""
    sub = table[table["comparison"] == comparison]
    gi, gj = sub["group"].iloc[0], sub["reference"].iloc[0]
    colors = colors or partner_colors([gi, gj])
    ci, cj = colors.get(gi, "#1f77b4"), colors.get(gj, "#d62728") if gj != "rest" else "#7f7f7f"
    fig, ax = new_figure(9.2, 6.2)
    x = np.log10(sub["total"].to_numpy(dtype=float))
    jitter = (pd.util.hash_array(sub["term"].to_numpy()) % 1000 / 1000 - 0.5) * 0.04
    x = x + jitter
    z = sub["z"].to_numpy(dtype=float)
    sig = sub["significant"].to_numpy(dtype=bool)
    ax.scatter(x[~sig], z[~sig], s=12, c="#bbbbbb", label="not significant", zorder=2)
    for mask, col, lab in ((sig & (z > 0), ci, f"favours {gi} (q ≤ FDR)"), (sig & (z < 0), cj, f"favours {gj} (q ≤ FDR)")):
        if mask.any():
            ax.scatter(x[mask], z[mask], s=22, c=col, label=lab, zorder=3, edgecolors="black", linewidths=0.3)
    ax.axhline(0, color="#888", lw=0.8)
    for thr in (1.96, -1.96):
        ax.axhline(thr, color="#aaa", lw=0.6, ls=":")
    # the strongest terms of each side (half the labels each), ties by count then term
    order = np.lexsort((sub["term"].to_numpy(), -sub["total"].to_numpy(), -np.abs(z)))
    pos = [i for i in order if z[i] > 0][: (n_label + 1) // 2]
    neg = [i for i in order if z[i] < 0][: n_label // 2]
    top = pos + neg
    xmax = x.max() if len(x) else 1
    xmin = x.min() if len(x) else 0
    span = max(xmax - xmin, 0.5)
    zr = max(np.abs(z).max() if len(z) else 1, 1)
    top_y, bottom_y = (z.max() if len(z) else 1) + 0.05 * zr, (z.min() if len(z) else -1) - 0.05 * zr
    label_ys = []
    for side in (1, -1):
        idx = [i for i in top if np.sign(z[i]) == side]
        if not idx:
            continue
        ys = _spread_labels(z[idx], min_gap=zr * 0.075)
        # keep the stacked labels inside the data's vertical range where they fit
        if side > 0 and ys.max() > top_y:
            ys = ys - (ys.max() - top_y)
        if side < 0 and ys.min() < bottom_y:
            ys = ys + (bottom_y - ys.min())
        label_ys.extend(ys)
        lx = xmax + span * 0.12
        for i, ly in zip(idx, ys):
            ax.annotate(sub["term"].iloc[i], (x[i], z[i]), xytext=(lx, ly), textcoords="data", fontsize=8,
                        va="center", color=ci if side > 0 else cj,
                        arrowprops=dict(arrowstyle="-", color="#999", lw=0.5))
    ax.set_xlim(xmin - span * 0.05, xmax + span * 0.45)
    if label_ys:
        lo, hi = min(bottom_y, min(label_ys)), max(top_y, max(label_ys))
        ax.set_ylim(lo - 0.05 * zr, hi + 0.05 * zr)
    ax.set_xlabel("log10 pooled count of the term")
    ax.set_ylabel(f"z (weighted log-odds)   ← {gj}   |   {gi} →")
    ax.set_title(f"Distinctive vocabulary: {gi} vs {gj} (Monroe et al. 2008; dotted: |z| = 1.96)")
    ax.legend(loc="lower left", frameon=False, fontsize=8)
    return fig


def labels_timeline(timeline: pd.DataFrame, partners: list[str]):
    """Relationship labels over time (from
    :func:`analysis.framing.labels.label_timeline`): one panel per partner,
    one row per label, a dot per article date sized by mentions."""
    parts = [p for p in partners if p in set(timeline["partner"])] or partners[:1]
    colors = partner_colors(partners)
    n_rows = [max(1, timeline.loc[timeline["partner"] == p, "label"].nunique()) for p in parts]
    fig, axes = plt.subplots(len(parts), 1, figsize=(9.2, 1.0 + 0.38 * sum(n_rows) + 0.6 * len(parts)), dpi=100,
                             sharex=True, squeeze=False, gridspec_kw={"height_ratios": n_rows})
    dates_all = pd.to_datetime(timeline["date"], errors="coerce")
    for ax, p in zip(axes[:, 0], parts):
        ax.spines[["top", "right"]].set_visible(False)
        sub = timeline[timeline["partner"] == p]
        labs = list(dict.fromkeys(sub["label"]))
        d = pd.to_datetime(sub["date"], errors="coerce")
        ys = [labs.index(lab) for lab in sub["label"]]
        if sub.empty:
            ax.text(0.5, 0.5, "no relationship label found", transform=ax.transAxes, ha="center",
                    va="center", color="grey")
            ax.set_yticks([])
            continue
        ax.scatter(d, ys, s=30 + 25 * sub["n_mentions"].to_numpy(dtype=float), color=colors.get(p, "#1f77b4"),
                   edgecolors="black", linewidths=0.5, zorder=3)
        ax.set_yticks(range(len(labs)), labs, fontsize=8)
        ax.set_ylim(len(labs) - 0.5, -0.5)
        ax.grid(axis="x", alpha=0.3)
        ax.set_title(f"{p}", loc="left", fontsize=10, color=colors.get(p, "black"))
    if dates_all.notna().any():
        lo, hi = dates_all.min(), dates_all.max()
        pad = max((hi - lo) * 0.08, pd.Timedelta(days=30))
        axes[-1, 0].set_xlim(lo - pad, hi + pad)
    fig.suptitle("Relationship labels per partner over time (dot size = mentions on that date)", fontsize=10)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def agency_grid(cross: pd.DataFrame, themes: list[str], partners: list[str], home: str,
                labels: dict | None = None, side_labels: dict | None = None):
    """Who raises what: rows = themes; columns = for each partner's talks, the
    home side, both sides and the partner; shade = sentences, text = sentences
    per verb class (from :func:`analysis.framing.agency.agency_crosstab` with
    ``partners``)."""
    labels = labels or {}
    side_labels = side_labels or {}
    columns = [(p, s) for p in partners for s in (home, "both", p)]
    mat = np.zeros((len(themes), len(columns)))
    text = [["" for _ in columns] for _ in themes]
    for (p, t, s), grp in cross.groupby(["partner", "theme", "speaker_side"], sort=False):
        if t in themes and (p, s) in columns:
            i, j = themes.index(t), columns.index((p, s))
            mat[i, j] = grp["n_sentences"].sum()
            text[i][j] = "\n".join(f"{c} {n}" for c, n in zip(grp["verb_class"], grp["n_sentences"]))
    fig, ax = new_figure(min(2.6 + 1.35 * len(columns), 9.4), 1.3 + 0.75 * len(themes))
    ax.imshow(mat, cmap="Blues", aspect="auto", vmin=0, vmax=max(mat.max(), 1) * 1.6)
    for i in range(len(themes)):
        for j in range(len(columns)):
            ax.text(j, i, text[i][j], ha="center", va="center", fontsize=8)
    for j in range(3, len(columns), 3):
        ax.axvline(j - 0.5, color="black", lw=1)
    ax.set_xticks(range(len(columns)),
                  [f"{side_labels.get(s, s)}\nin {side_labels.get(p, p)} talks" for p, s in columns], fontsize=8)
    ax.set_yticks(range(len(themes)), [labels.get(t, t) for t in themes])
    ax.xaxis.tick_top()
    ax.spines[:].set_visible(False)
    ax.set_title("Who raises what: sentences per speaker side and verb class", fontsize=10, pad=34)
    return fig
