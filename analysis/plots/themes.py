"""Figures for the themes report: prevalence, co-occurrence heatmaps, theme
network, and where levels disagree. Each function takes tidy tables (from
:mod:`analysis.themes` / :mod:`analysis.themes.cooccurrence`) and returns
``(figure, table behind it)``; nothing is shown or saved here."""
from __future__ import annotations

import matplotlib.pyplot as plt  # no backend forced: see plots/style.py
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap, TwoSlopeNorm

from ..themes.cooccurrence import square
from .style import partner_colors

NPMI_CMAP = "RdBu_r"


def _label(labels: dict[str, str], key: str) -> str:
    return labels.get(key, key)


def prevalence_bars(prev: pd.DataFrame, themes: list[str], labels: dict[str, str], groups: list[str],
                    title: str = "") -> tuple[plt.Figure, pd.DataFrame]:
    """Horizontal bars: share of units with each theme per group (``all`` and
    partners), with 95% Wilson intervals. ``prev`` from :func:`analysis.themes.prevalence`."""
    table = prev[prev["group"].isin(groups) & prev["theme"].isin(themes)].copy()
    colors = partner_colors([g for g in groups if g != "all"])
    colors["all"] = "#444444"
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(themes) * max(1, len(groups)) / 1.6 + 1.6), dpi=100)
    ax.spines[["top", "right"]].set_visible(False)
    h = 0.8 / max(1, len(groups))
    y0 = np.arange(len(themes))[::-1]
    for gi, g in enumerate(groups):
        sub = table[table["group"] == g].set_index("theme").reindex(themes)
        y = y0 + 0.4 - h * (gi + 0.5)
        share = sub["share"].fillna(0).to_numpy()
        err = np.vstack([share - sub["ci_low"].fillna(0).to_numpy(), sub["ci_high"].fillna(0).to_numpy() - share])
        n = int(sub["n_units"].max()) if len(sub) else 0
        ax.barh(y, share, height=h * 0.95, color=colors.get(g, "#999999"), label=f"{g} (n={n})")
        ax.errorbar(share, y, xerr=np.clip(err, 0, None), fmt="none", ecolor="#222222", elinewidth=0.8, capsize=2)
    ax.set_yticks(y0, [_label(labels, t) for t in themes])
    top = float(np.nanmax(table["ci_high"].to_numpy(dtype=float))) if len(table) else 1.0
    ax.set_xlim(0, min(1.0, (top if np.isfinite(top) else 1.0) + 0.05))
    ax.set_xlabel("share of units with the theme (95% Wilson interval)")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    fig.tight_layout()
    return fig, table


def prevalence_over_time(prev: pd.DataFrame, themes: list[str], labels: dict[str, str],
                         title: str = "") -> tuple[plt.Figure, pd.DataFrame]:
    """Share of units with each theme per period (``prev`` grouped by
    ``period``, see :func:`analysis.themes.add_period`), one line per theme."""
    table = prev[(prev["group"] != "all") & prev["theme"].isin(themes)].copy()
    periods = sorted(table["group"].unique())
    fig, ax = plt.subplots(figsize=(8, 3.6), dpi=100)
    ax.spines[["top", "right"]].set_visible(False)
    x = np.arange(len(periods))
    styles = ["-", "--", "-.", ":"]
    marks = ["o", "s", "D", "^", "v", "P", "X", "*"]
    for i, t in enumerate(themes):
        sub = table[table["theme"] == t].set_index("group").reindex(periods)
        ax.plot(x + (i - (len(themes) - 1) / 2) * 0.03, sub["share"].to_numpy(), marker=marks[i % len(marks)],
                linestyle=styles[i % len(styles)], label=_label(labels, t), alpha=0.9)
    ns = table.drop_duplicates("group").set_index("group").reindex(periods)["n_units"]
    ax.set_xticks(x, [f"{p}\n(n={int(n)})" for p, n in zip(periods, ns.fillna(0))])
    ax.set_ylim(0, max(0.05, float(table["share"].max() or 0) * 1.15))
    ax.set_ylabel("share of units")
    ax.legend(frameon=False, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    fig.tight_layout()
    return fig, table


def npmi_heatmaps(pairs: pd.DataFrame, themes: list[str], labels: dict[str, str], panels: list[str],
                  level: str = "paragraph") -> tuple[plt.Figure, pd.DataFrame]:
    """One NPMI heatmap per panel (``all`` and each partner) at one level, on ONE
    colour scale (-1 blue .. 0 white .. 1 red), lower triangle only (the measure
    is symmetric). Cells show NPMI and, in brackets, the support a. A pair with a
    theme that never occurs in the panel's units is grey and says "no data" (its
    NPMI is undefined, blank in the table: nothing to associate); tick labels
    give each theme's number of units in the panel (x axis)."""
    table = pairs[(pairs["level"] == level) & pairs["partner"].isin(panels)].copy()
    k = len(themes)
    size = 0.55 * k + 1.6
    fig, axes = plt.subplots(1, len(panels), figsize=(size * len(panels) + 1.0, size + 0.4), dpi=100, squeeze=False,
                             gridspec_kw={"wspace": 0.08})
    norm = TwoSlopeNorm(vmin=-1.0, vcenter=0.0, vmax=1.0)
    cmap = plt.get_cmap(NPMI_CMAP).copy()
    cmap.set_bad((1, 1, 1, 0))   # masked cells transparent: the grey "no data" layer shows through
    im = None
    for n_ax, (ax, panel) in enumerate(zip(axes[0], panels)):
        sub = table[table["partner"] == panel]
        npmi = square(sub, themes, "npmi").to_numpy(dtype=float)
        support = square(sub, themes, "a").to_numpy(dtype=float)
        counts = dict(zip(sub["theme_a"], sub["n_a"])) | dict(zip(sub["theme_b"], sub["n_b"]))
        n_theme = np.array([counts.get(t, 0) for t in themes], dtype=float)
        absent = (n_theme[:, None] == 0) | (n_theme[None, :] == 0)
        lower = np.tril(np.ones((k, k), bool), k=-1)
        shown = np.where(lower & ~absent, npmi, np.nan)
        ax.imshow(np.ma.masked_invalid(np.where(lower & absent, 1.0, np.nan)), cmap=ListedColormap(["#dedede"]))
        im = ax.imshow(np.ma.masked_invalid(shown), cmap=cmap, norm=norm)
        for r in range(k):
            for c in range(r):
                if absent[r, c]:
                    ax.text(c, r, "no data", ha="center", va="center", fontsize=5.5, color="#777777")
                elif not np.isnan(npmi[r, c]):
                    v = npmi[r, c]
                    ax.text(c, r, f"{v:.2f}\n({int(support[r, c])})", ha="center", va="center", fontsize=6.5,
                            color="white" if abs(v) > 0.6 else "black")
                else:
                    ax.text(c, r, "n/a", ha="center", va="center", fontsize=6, color="#777777")
        n = int(sub["n_units"].max()) if len(sub) else 0
        ax.set_title(f"{panel}: {n} {level}s", fontsize=10)
        ax.set_xticks(range(k), [f"{_label(labels, t)} ({int(x)})" for t, x in zip(themes, n_theme)],
                      rotation=60, ha="right", fontsize=7.5)
        ax.set_yticks(range(k), [_label(labels, t) for t in themes] if n_ax == 0 else [""] * k, fontsize=7.5)
        ax.spines[:].set_visible(False)
        ax.set_xlim(-0.5, k - 1.5)
        ax.set_ylim(k - 0.5, 0.5)
    cbar = fig.colorbar(im, ax=list(axes[0]), fraction=0.02, pad=0.02)
    cbar.set_label("NPMI: −1 never together, 0 independent, 1 always together\n(a) = units with both", fontsize=8)
    return fig, table


def theme_network(pairs: pd.DataFrame, prev: pd.DataFrame, themes: list[str], labels: dict[str, str],
                  level: str = "paragraph", partner: str = "all", min_support: int = 2,
                  title: str = "") -> tuple[plt.Figure, pd.DataFrame]:
    """Themes on a circle (node area ∝ share of units with the theme); an edge
    for each pair with NPMI > 0 and support a >= ``min_support``, width ∝ NPMI.
    ``prev`` is the prevalence table of the same level (group = ``partner``).
    The table behind it lists the edges drawn."""
    sub = pairs[(pairs["level"] == level) & (pairs["partner"] == partner)]
    edges = sub[(sub["npmi"] > 0) & (sub["a"] >= min_support)][["theme_a", "theme_b", "a", "npmi", "lift"]].copy()
    share = prev[(prev["group"] == partner)].set_index("theme")["share"].reindex(themes).fillna(0)
    k = len(themes)
    angle = np.pi / 2 - 2 * np.pi * np.arange(k) / k
    pos = {t: (np.cos(a), np.sin(a)) for t, a in zip(themes, angle)}
    fig, ax = plt.subplots(figsize=(7.5, 6.6), dpi=100)
    ax.set_axis_off()
    for r in edges.itertuples(index=False):
        (x1, y1), (x2, y2) = pos[r.theme_a], pos[r.theme_b]
        ax.plot([x1, x2], [y1, y2], color="#b2182b", alpha=0.35 + 0.5 * r.npmi, linewidth=1 + 9 * r.npmi,
                solid_capstyle="round", zorder=1)
        # long chords cross the centre where other labels sit: label them nearer their first end
        f = 0.5 if np.hypot(x2 - x1, y2 - y1) < 1.5 else 0.3
        ax.text(x1 + f * (x2 - x1), y1 + f * (y2 - y1), f"{r.npmi:.2f} (a={r.a})", fontsize=6.5, ha="center",
                va="center", color="#67001f", bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85),
                zorder=3)
    for t, a in zip(themes, angle):
        x, y = pos[t]
        ax.scatter([x], [y], s=150 + 2500 * share[t], color="#2166ac", zorder=2, edgecolor="white")
        ha = "center" if abs(np.cos(a)) < 0.3 else ("left" if np.cos(a) > 0 else "right")
        ax.text(x * 1.17, y * 1.17, f"{_label(labels, t)}\n{share[t]:.0%}", ha=ha, va="center", fontsize=8, zorder=4)
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.set_title(title or f"Themes that travel together ({partner}, {level}s)\nedge: NPMI > 0 and a ≥ {min_support}, "
                 f"width ∝ NPMI; node area ∝ share of {level}s with the theme", fontsize=9, loc="left")
    return fig, edges.reset_index(drop=True)


def level_dots(disagreement: pd.DataFrame, labels: dict[str, str], levels: list[str], top: int = 10,
               measure: str = "npmi") -> tuple[plt.Figure, pd.DataFrame]:
    """For the ``top`` pairs whose rank differs most between levels, the
    measure at each level as dots on one row per pair (``disagreement`` from
    :func:`analysis.themes.cooccurrence.level_disagreement`)."""
    table = disagreement.dropna(subset=["rank_spread"]).head(top).copy()
    colors = dict(zip(levels, ["#1b9e77", "#d95f02", "#7570b3", "#e7298a"]))
    markers = dict(zip(levels, ["o", "s", "D", "^"]))
    fig, ax = plt.subplots(figsize=(8, 0.38 * max(len(table), 3) + 1.4), dpi=100)
    ax.spines[["top", "right"]].set_visible(False)
    y = np.arange(len(table))[::-1]
    for yi, r in zip(y, table.itertuples(index=False)):
        vals = [getattr(r, f"{measure}_{lv}") for lv in levels]
        vals = [np.nan if pd.isna(v) else float(v) for v in vals]
        ok = [v for v in vals if not np.isnan(v)]
        if ok:
            ax.plot([min(ok), max(ok)], [yi, yi], color="#bbbbbb", zorder=1)
    for i, lv in enumerate(levels):
        vals = pd.to_numeric(table[f"{measure}_{lv}"], errors="coerce").to_numpy(dtype=float)
        ax.scatter(vals, y + (i - (len(levels) - 1) / 2) * 0.12, color=colors[lv], marker=markers[lv], s=30,
                   label=lv, zorder=2)
    ax.set_yticks(y, [f"{_label(labels, a)} × {_label(labels, b)}" for a, b in zip(table["theme_a"], table["theme_b"])],
                  fontsize=8)
    ax.axvline(0, color="#888888", linewidth=0.6, linestyle=":")
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel(f"{measure.upper()} of the pair at each level (−1 = never in the same unit)")
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title("Pairs whose ranking changes most between levels", fontsize=10, loc="left")
    fig.tight_layout()
    return fig, table
