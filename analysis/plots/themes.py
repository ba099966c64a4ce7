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
                         partners: list[str] | None = None, title: str = "") -> tuple[plt.Figure, pd.DataFrame]:
    """Small multiples, one panel per theme: the share of each partner's units
    carrying it per period, one line per partner in the partner's colour, each
    point labelled k/n (``prev`` from :func:`analysis.themes.prevalence_over_time`;
    a table without ``partner`` is drawn as one pooled line, ``all``)."""
    table = prev[prev["theme"].isin(themes)].copy()
    if "partner" not in table:
        table = table[table["group"] != "all"].rename(columns={"group": "period"}).assign(partner="all")
    partners = [p for p in (partners or list(dict.fromkeys(table["partner"]))) if p in set(table["partner"])]
    colors = {**partner_colors(partners), "all": "#444444"}
    periods = sorted(table["period"].unique(), key=lambda p: (p == "unknown", p))
    n_cols = min(2, max(len(themes), 1))
    n_rows = int(np.ceil(len(themes) / n_cols)) if themes else 1
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(9.2, 0.6 + 2.3 * n_rows), dpi=100, squeeze=False,
                             sharex=True, sharey=True)
    x = np.arange(len(periods))
    top = float(np.nanmax(table["share"].to_numpy(dtype=float))) if len(table) else 0.0
    for ax, t in zip(axes.flat, themes):
        ax.spines[["top", "right"]].set_visible(False)
        for j, p in enumerate(partners):
            sub = table[(table["theme"] == t) & (table["partner"] == p)].set_index("period").reindex(periods)
            ok = sub["n_units"].fillna(0).to_numpy() > 0
            share = sub["share"].to_numpy(dtype=float)
            ax.plot(x[ok], share[ok], marker="o", ms=5, color=colors[p], label=p, lw=1.6)
            for xi, (k, n, v) in enumerate(zip(sub["n_with"], sub["n_units"], share)):
                if ok[xi]:
                    ax.annotate(f"{int(k)}/{int(n)}", (xi, v), xytext=(0, 6 if j % 2 == 0 else -12),
                                textcoords="offset points", ha="center", fontsize=7.5, color=colors[p])
        ax.set_title(_label(labels, t), fontsize=9.5, loc="left")
        ax.grid(axis="y", alpha=0.3)
        ax.set_ylim(-0.05, max(0.1, top * 1.3))
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        ax.tick_params(labelsize=8)
    for ax in list(axes.flat)[len(themes):]:
        ax.set_visible(False)
    for ax in axes[-1]:
        ax.set_xticks(x, periods)
    axes[0][0].legend(frameon=False, fontsize=8, title="partner", title_fontsize=8, loc="upper left")
    fig.supylabel("share of the partner's units with the theme", fontsize=8.5)
    fig.suptitle(title or "Themes over time, per partner (label: units with the theme / units)", fontsize=10,
                 x=0.01, ha="left")
    fig.tight_layout()
    return fig, table


#: NPMI colours: negative values (apart) in pale blue-grey, never louder than
#: the positive ones; positive (together) from white to deep red.
def _npmi_cmap():
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("kit_npmi", [(0.0, "#c9d7e6"), (0.5, "#ffffff"), (0.75, "#f4a582"),
                                                          (1.0, "#b2182b")])


def npmi_heatmaps(pairs: pd.DataFrame, themes: list[str], labels: dict[str, str], panels: list[str],
                  level: str = "paragraph") -> tuple[plt.Figure, pd.DataFrame]:
    """One NPMI heatmap per panel (``all`` and each partner) at one level, one
    panel per row so the cells read at page width, all on ONE colour scale:
    positive (together) from white to deep red, negative (apart) only pale
    blue, so −1 is never the loudest colour. Lower triangle only (the measure
    is symmetric). Cells show NPMI and, in brackets, the support a. A pair
    with a theme that never occurs in the panel's units is grey, "no data"
    (its NPMI says nothing about association); tick labels give each theme's
    number of units in the panel."""
    table = pairs[(pairs["level"] == level) & pairs["partner"].isin(panels)].copy()
    k = len(themes)
    fig, axes = plt.subplots(len(panels), 1, figsize=(8.9, len(panels) * (0.36 * k + 0.5) + 1.3), dpi=100,
                             squeeze=False, sharex=True)
    norm = TwoSlopeNorm(vmin=-1.0, vcenter=0.0, vmax=1.0)
    cmap = _npmi_cmap().with_extremes(bad=(1, 1, 1, 0))
    im = None
    for ax, panel in zip(axes[:, 0], panels):
        sub = table[table["partner"] == panel]
        npmi = square(sub, themes, "npmi").to_numpy(dtype=float)
        support = square(sub, themes, "a").to_numpy(dtype=float)
        counts = dict(zip(sub["theme_a"], sub["n_a"])) | dict(zip(sub["theme_b"], sub["n_b"]))
        n_theme = np.array([counts.get(t, 0) for t in themes], dtype=float)
        absent = (n_theme[:, None] == 0) | (n_theme[None, :] == 0)
        lower = np.tril(np.ones((k, k), bool), k=-1)
        shown = np.where(lower & ~absent & np.isfinite(npmi), npmi, np.nan)
        grey = np.where(lower & (absent | ~np.isfinite(npmi)), 1.0, np.nan)
        ax.imshow(np.ma.masked_invalid(grey), cmap=ListedColormap(["#e3e3e3"]), aspect="auto")
        im = ax.imshow(np.ma.masked_invalid(shown), cmap=cmap, norm=norm, aspect="auto")
        for r in range(k):
            for c in range(r):
                if absent[r, c] or not np.isfinite(npmi[r, c]):
                    ax.text(c, r, "no data", ha="center", va="center", fontsize=6.8, color="#666666")
                else:
                    v = npmi[r, c]
                    ax.text(c, r, f"{v:.2f} ({int(support[r, c])})", ha="center", va="center", fontsize=7,
                            color="white" if v > 0.55 else ("#555555" if v < 0 else "black"))
        n = int(sub["n_units"].max()) if len(sub) else 0
        ax.set_title(f"{panel}: {n} {level}s", fontsize=9.5, loc="left")
        ax.set_yticks(range(1, k), [f"{_label(labels, t)} ({int(x)})" for t, x in zip(themes[1:], n_theme[1:])],
                      fontsize=8)
        ax.spines[:].set_visible(False)
        ax.tick_params(length=0)
        ax.set_xlim(-0.5, k - 1.5)
        ax.set_ylim(k - 0.5, 0.5)
    axes[-1, 0].set_xticks(range(k - 1), [_label(labels, t) for t in themes[:-1]], rotation=30, ha="right",
                           fontsize=8)
    cbar = fig.colorbar(im, ax=list(axes[:, 0]), fraction=0.025, pad=0.01)
    cbar.ax.tick_params(labelsize=7.5)
    cbar.set_label("NPMI: −1 never together (pale), 0 independent, 1 always together; (a) = units with both",
                   fontsize=7.5)
    return fig, table


def _place_edge_labels(fig, ax, edges: pd.DataFrame, pos: dict, placed: list) -> None:
    """Label each edge "NPMI (a=…)" at the first point along it (middle first,
    then towards either end) where the label overlaps no label already placed;
    an edge with no free point gets its label at the least crowded one."""
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer).expanded(1.05, 1.15) for t in placed]
    for r in edges.sort_values("npmi", ascending=False, kind="stable").itertuples(index=False):
        (x1, y1), (x2, y2) = pos[r.theme_a], pos[r.theme_b]
        best, best_overlap = None, None
        for f in (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8):
            text = ax.text(x1 + f * (x2 - x1), y1 + f * (y2 - y1), f"{r.npmi:.2f} (a={r.a})", fontsize=7.5,
                           ha="center", va="center", color="#67001f", zorder=3,
                           bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9))
            box = text.get_window_extent(renderer).expanded(1.05, 1.2)
            overlap = sum(max(0, min(box.x1, b.x1) - max(box.x0, b.x0)) * max(0, min(box.y1, b.y1) - max(box.y0, b.y0))
                          for b in boxes)
            if best is None or overlap < best_overlap:
                if best is not None:
                    best.remove()
                best, best_overlap = text, overlap
            else:
                text.remove()
            if overlap == 0:
                break
        boxes.append(best.get_window_extent(renderer).expanded(1.05, 1.2))


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
    fig, ax = plt.subplots(figsize=(8.0, 6.6), dpi=100)
    ax.set_axis_off()
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    for r in edges.itertuples(index=False):
        (x1, y1), (x2, y2) = pos[r.theme_a], pos[r.theme_b]
        ax.plot([x1, x2], [y1, y2], color="#b2182b", alpha=0.35 + 0.5 * r.npmi, linewidth=1 + 9 * r.npmi,
                solid_capstyle="round", zorder=1)
    placed = []
    for t, a in zip(themes, angle):
        x, y = pos[t]
        ax.scatter([x], [y], s=150 + 2500 * share[t], color="#2166ac", zorder=2, edgecolor="white")
        ha = "center" if abs(np.cos(a)) < 0.3 else ("left" if np.cos(a) > 0 else "right")
        placed.append(ax.text(x * 1.17, y * 1.17, f"{_label(labels, t)}\n{share[t]:.0%}", ha=ha, va="center",
                              fontsize=8.5, zorder=4))
    _place_edge_labels(fig, ax, edges, pos, placed)
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
