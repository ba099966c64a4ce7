"""The label sheet's design and estimates, worked by hand: allocation over
strata, design-weighted precision, recall, F1 and prevalence, and the checks a
filled sheet must pass (one problem, named, per bad sheet)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import themes as th
from analysis.errors import InputError
from analysis.stats import wilson
from analysis.themes.labels import SHEET_HEAD, SHEET_TAIL, _allocate, sheet_key, weighted_share

SHA = "ab" * 32


def test_allocation_caps_small_strata_and_gives_the_rest_to_the_others():
    # targets 0.25/0.25 for two coded strata, 0.25 look-alikes, 0.25 rest; n = 20.
    # By hand: 5 each, but the first stratum holds 2 -> its 3 left go to the others in proportion
    # (equal targets): 1 each; 18 left over three strata of 5+1 = 6 each; sum 2 + 6 + 6 + 6 = 20.
    assert _allocate([2, 50, 50, 500], [0.25, 0.25, 0.25, 0.25], 20) == [2, 6, 6, 6]
    # never more than the corpus holds
    assert _allocate([1, 2, 0, 3], [0.25, 0.25, 0.25, 0.25], 100) == [1, 2, 0, 3]
    assert sum(_allocate([7, 9, 40, 300], [0.25, 0.25, 0.25, 0.25], 33)) == 33


def hand_sheet() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stratum S1: 10 units in the corpus, all coded oda, 5 labelled (4 positive);
    S2: 90 uncoded units, 10 labelled (1 positive)."""
    seg = [f"d:p{i:03d}" for i in range(15)]
    sheet = pd.DataFrame({"seg_id": seg, "stratum": ["S1"] * 5 + ["S2"] * 10,
                          "stratum_units": [10] * 5 + [90] * 10, "oda": [1, 1, 1, 1, 0] + [1] + [0] * 9})
    sheet["weight"] = np.where(sheet["stratum"] == "S1", 10 / 5, 90 / 10)
    predicted = pd.DataFrame({"unit_id": seg, "oda": [True] * 5 + [False] * 10})
    return sheet, predicted


def test_design_weighted_scores_worked_by_hand():
    sheet, predicted = hand_sheet()
    s = th.score_label_sheet(sheet, ["oda"], predicted).iloc[0]
    # weights: S1 10/5 = 2, S2 90/10 = 9.
    # TP = 4 x 2 = 8, FP = 1 x 2 = 2, FN = 1 x 9 = 9 (the positive the codebook missed stands for 9 units)
    assert s["precision"] == pytest.approx(8 / 10)
    assert s["recall"] == pytest.approx(8 / 17)
    assert s["f1"] == pytest.approx(2 * 0.8 * (8 / 17) / (0.8 + 8 / 17))
    # prevalence = (10 x 4/5 + 90 x 1/10) / 100 = (8 + 9) / 100
    assert s["prevalence"] == pytest.approx(0.17)
    # the codebook's own share: 10 of 100
    assert s["coded_share"] == pytest.approx(0.10)
    # interval: Wilson on Kish's n_eff = (sum w)^2 / sum w^2 = 100^2 / (5 x 4 + 10 x 81) = 10000 / 830
    n_eff = 10000 / 830
    (lo,), (hi,) = wilson([0.17 * n_eff], [n_eff])
    assert (s["prev_low"], s["prev_high"]) == pytest.approx((lo, hi))
    assert s["f1_low"] <= s["f1"] <= s["f1_high"]
    assert (s["n_labelled"], s["n_pos"], s["n_coded"], s["corpus_units"]) == (15, 5, 5, 100)


def test_equal_weights_give_the_plain_share_and_wilson():
    p, lo, hi, n_eff = weighted_share(np.array([1, 1, 0, 0, 0]), np.ones(5))
    (wl,), (wh,) = wilson([2], [5])
    assert (p, n_eff) == (0.4, 5.0) and (lo, hi) == pytest.approx((wl, wh))


def test_strata_table_gives_n_per_stratum():
    sheet, _ = hand_sheet()
    t = th.strata_table(sheet, ["oda"]).set_index("stratum")
    assert t.loc["S1", ["stratum_units", "labelled", "weight", "oda_pos"]].tolist() == [10, 5, 2.0, 4]
    assert t.loc["S2", ["stratum_units", "labelled", "weight", "oda_pos"]].tolist() == [90, 10, 9.0, 1]


# --------------------------------------------------------------------------- reading a filled sheet
SEGMENTS = pd.DataFrame({"seg_id": ["a:p001", "a:p002", "b:p001"],
                         "text": ["Japan extends visas.", "Trade rose.", "The   ODA loan was signed."]})


def sheet_file(tmp_path: Path, rows: list[dict], **change) -> Path:
    base = {"sheet_row": 1, "doc_id": "a", "para": 1, "unit": "paragraph", "partner": "japan", "notes": "",
            "stratum": "S1", "weight": 1.5, "stratum_units": 3, "stratum_sampled": 2, "corpus_sha256": SHA}
    out = []
    for r in rows:
        text = dict(zip(SEGMENTS["seg_id"], SEGMENTS["text"])).get(r["seg_id"], "not in the corpus")
        out.append({**base, "text": text, "text_sha1": sheet_key(text), **r})
    df = pd.DataFrame(out)
    cols = SHEET_HEAD + ["oda", "visas"] + SHEET_TAIL
    df = df[[c for c in cols if c in df] + [c for c in df if c not in cols]]
    for k, v in change.items():
        df = v(df) if callable(v) else df.assign(**{k: v})
    path = tmp_path / "sheet.csv"
    df.to_csv(path, index=False)
    return path


GOOD = [{"seg_id": "a:p001", "oda": 0, "visas": 1}, {"seg_id": "b:p001", "oda": 1, "visas": 0}]


def test_a_good_sheet_reads_back_with_weights_recomputed(tmp_path):
    rows = GOOD + [{"seg_id": "a:p002", "oda": "", "visas": ""}]       # an unlabelled row is left out
    sheet, themes = th.read_label_sheet(sheet_file(tmp_path, rows), SEGMENTS, SHA)
    assert themes == ["oda", "visas"]
    assert sheet["seg_id"].tolist() == ["a:p001", "b:p001"]
    # 3 units in the stratum, 2 labelled: weight 3/2
    assert sheet["weight"].tolist() == [1.5, 1.5]


@pytest.mark.parametrize("rows, change, words", [
    (GOOD, {"extra": "x"}, "unknown column 'extra'"),
    (GOOD, {"stratum": lambda d: d.drop(columns="stratum")}, "missing column 'stratum'"),
    ([{"seg_id": "a:p001", "oda": 2, "visas": 1}], {}, "line 2, column 'oda': '2' is not a label"),
    ([{"seg_id": "a:p001", "oda": "yes", "visas": 1}], {}, "'yes' is not a label"),
    ([{"seg_id": "a:p001", "oda": 1, "visas": ""}], {}, "column 'visas': empty while other themes"),
    ([{"seg_id": "z:p009", "oda": 1, "visas": 0, "text_sha1": "sha1:0"}], {}, "paragraph 'z:p009' is not in this corpus"),
    ([{"seg_id": "a:p001", "oda": 1, "visas": 0, "text_sha1": "sha1:0000000000"}], {}, "differs from the corpus"),
    (GOOD, {"corpus_sha256": "cd" * 32}, "made for another corpus"),
    (GOOD + [{"seg_id": "a:p001", "oda": 1, "visas": 1}], {}, "line 4: paragraph 'a:p001' is on the sheet twice"),
    ([{"seg_id": "a:p001", "oda": "", "visas": ""}], {}, "no row is labelled yet"),
    (GOOD, {"stratum_units": lambda d: d.assign(stratum_units=[3, 4])}, "rows disagree on stratum_units"),
])
def test_bad_sheets_are_one_named_problem(tmp_path, rows, change, words):
    path = sheet_file(tmp_path, rows, **change)
    with pytest.raises(InputError) as err:
        th.read_label_sheet(path, SEGMENTS, SHA)
    assert words in str(err.value)
    assert str(path) in str(err.value)


def test_missing_and_unreadable_sheets(tmp_path):
    with pytest.raises(InputError, match="label sheet not found"):
        th.read_label_sheet(tmp_path / "nope.csv", SEGMENTS, SHA)
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("seg_id,text\n\xe9t\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="not a readable CSV"):
        th.read_label_sheet(bad, SEGMENTS, SHA)
