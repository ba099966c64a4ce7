"""Figures read at page width: text of at least 9 px where shown, no wider than
the text column, undefined cells grey and named, −1 not the loudest colour,
over-time lines per partner, topic colours unlike partner colours, labels that
do not overlap. Drawn from the seed corpus's real tables."""
from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")  # the tests draw off screen; the package itself forces no backend

from analysis.plots import themes as theme_plots  # noqa: E402
from analysis.plots.style import PALETTE  # noqa: E402
from analysis.plots.topics import TOPIC_COLORS  # noqa: E402
from analysis.report.outputs import DPI, MIN_TEXT_PX, PAGE_WIDTH_PX, figure_text_px  # noqa: E402
from tests.conftest import ROOT  # noqa: E402


@pytest.fixture(scope="module")
def seeds():
    from analysis import themes as th
    from analysis.report.prepare import prepare
    from analysis.themes import cooccurrence as co

    b = prepare(ROOT / "seeds", ROOT / "config/partners.yaml", ROOT / "config/codebook.yaml")
    coding = th.code_corpus(b.segments, b.sentences, b.documents, b.codebook)
    pairs = co.cooccurrence_table(coding.levels, b.codebook.keys, b.partner_keys, partner_matrices=coding.partner_levels)
    return b, coding, pairs


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array(matplotlib.colors.to_rgb(hex_colour)) * 255


def _size_px(fig) -> tuple[float, float]:
    fig.canvas.draw()
    bbox = fig.get_tightbbox(fig.canvas.get_renderer())
    return bbox.width * DPI, bbox.height * DPI


def test_topic_colours_are_not_partner_colours():
    # the first four partner colours (tab10 blue, red, green, purple) against every topic colour:
    # the closest pair must differ by at least 60 of 441 in RGB (blue #1f77b4 vs #8da0cb is 119)
    dist = min(np.linalg.norm(_rgb(t) - _rgb(p)) for t in TOPIC_COLORS for p in PALETTE[:4])
    assert dist >= 60, dist


def test_npmi_minus_one_is_never_the_loudest_colour():
    cmap = theme_plots._npmi_cmap()
    white = np.array([1.0, 1.0, 1.0])

    def loud(v):  # distance from white of the colour of NPMI v (TwoSlopeNorm maps -1..1 to 0..1)
        return np.linalg.norm(np.array(cmap((v + 1) / 2)[:3]) - white)

    assert loud(-1.0) < loud(0.5) < loud(1.0)
    assert loud(-1.0) < 0.5 * loud(1.0)


def test_heatmap_cells_read_at_page_width_and_say_no_data(seeds):
    b, coding, pairs = seeds
    keys, labels = b.codebook.keys, b.codebook.labels
    fig, _ = theme_plots.npmi_heatmaps(pairs, keys, labels, ["all", *b.partner_keys])
    width, _ = _size_px(fig)
    assert width <= PAGE_WIDTH_PX, width
    assert figure_text_px(fig) >= MIN_TEXT_PX
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    # with the US: no ODA and no visas paragraph (0 of 18), so every pair with them is undefined
    assert "no data" in texts and "absent" not in texts
    # the US panel: the seeds' US paragraphs carry neither ODA (theme 0) nor visas (theme 1), so every
    # lower-triangle pair with one of them is undefined: column 0 rows 1-9 (9 cells) and column 1
    # rows 2-9 (8 cells) = 17 "no data" cells, and no other
    us = fig.axes[1]
    assert us.get_title("left").startswith("us:")
    assert sum(t.get_text() == "no data" for t in us.texts) == 17


def test_themes_over_time_draw_one_line_per_partner(seeds):
    from analysis import themes as th

    b, coding, _ = seeds
    main = b.codebook.main_keys
    table = th.prevalence_over_time(coding.paragraphs, b.documents, main, b.partner_keys)
    # a partner no seed article names (korea in partners.yaml) has no line: nothing to draw
    present = ["us", "japan"]
    assert set(table["partner"]) == set(present)
    fig, _ = theme_plots.prevalence_over_time(table, main, b.codebook.labels, b.partner_keys)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == len(main)
    from analysis.plots.style import partner_colors

    colours = partner_colors(b.partner_keys)
    for ax in panels:
        lines = [ln for ln in ax.get_lines() if ln.get_label() in b.partner_keys]
        assert sorted(ln.get_label() for ln in lines) == sorted(present)
        for ln in lines:
            assert matplotlib.colors.to_hex(ln.get_color()) == colours[ln.get_label()]
    # the seeds' US articles are from 2022 and 2023 only: the US line has no 2024 point
    us = table[(table["partner"] == "us")]
    assert "2024" not in set(us["period"])
    assert figure_text_px(fig) >= MIN_TEXT_PX and _size_px(fig)[0] <= PAGE_WIDTH_PX


def test_network_labels_do_not_overlap(seeds):
    b, coding, pairs = seeds
    prev = __import__("analysis.themes", fromlist=["prevalence_levels"]).prevalence_levels(coding, b.codebook.keys)
    fig, edges = theme_plots.theme_network(pairs, prev[prev["level"] == "paragraph"], b.codebook.keys,
                                           b.codebook.labels, min_support=2)
    assert len(edges) >= 5
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text().strip()]
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert overlaps == [], [(ax.texts[i].get_text(), ax.texts[j].get_text()) for i, j in overlaps]
