"""The ground floor's statistics against values worked out by hand."""
from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.stats import association, bh_adjust, exact_interval, share_interval, wilson

Z95 = 1.959964


def test_wilson_zero_of_nineteen_is_not_zero_width():
    # k = 0: centre = (z²/2n)/(1+z²/n), half = (z/2n)·z/(1+z²/n) -> low 0, high = z²/(n+z²)
    # z² = 3.841459; high = 3.841459 / 22.841459 = 0.168179
    low, high = wilson(0, 19)
    assert low == pytest.approx(0.0, abs=1e-12) and high == pytest.approx(0.168179, abs=1e-6)


def test_wilson_three_of_nineteen_by_hand():
    # p = 3/19 = 0.157895; z²/n = 0.202182; centre = (0.157895 + 0.101091) / 1.202182 = 0.215430
    # half = 1.959964 * sqrt(0.157895*0.842105/19 + 3.841459/1444) / 1.202182
    #      = 1.959964 * sqrt(0.006998 + 0.002660) / 1.202182 = 1.959964 * 0.098277 / 1.202182 = 0.160225
    low, high = wilson(3, 19)
    assert low == pytest.approx(0.215430 - 0.160225, abs=1e-5)
    assert high == pytest.approx(0.215430 + 0.160225, abs=1e-5)


def test_wilson_no_units_is_nan():
    low, high = wilson(np.array([0, 1]), np.array([0, 2]))
    assert np.isnan(low[0]) and np.isnan(high[0]) and 0 < low[1] < 0.5 < high[1] < 1


def test_exact_interval_by_hand():
    # Clopper–Pearson, 95%. k = 0 of 19: high = 1 - 0.025^(1/19) = 1 - exp(-3.688879/19) = 0.176466
    low, high = exact_interval(0, 19)
    assert low == 0.0 and high == pytest.approx(1 - 0.025 ** (1 / 19)) and high == pytest.approx(0.176466, abs=1e-6)
    # k = n = 3: low = 0.025^(1/3) = 0.292402, high = 1
    low, high = exact_interval(3, 3)
    assert low == pytest.approx(0.025 ** (1 / 3)) and high == 1.0
    # 1 of 2: Beta(1, 2) has cdf 1-(1-x)², so low = 1 - sqrt(0.975) = 0.012579;
    # Beta(2, 1) has cdf x², so high = sqrt(0.975) = 0.987421
    low, high = exact_interval(1, 2)
    assert low == pytest.approx(1 - math.sqrt(0.975)) and high == pytest.approx(math.sqrt(0.975))


def test_share_interval_dispatches_and_checks_method():
    assert share_interval(0, 19, 0.95, "wilson")[1] == pytest.approx(wilson(0, 19, Z95)[1], rel=1e-6)
    assert share_interval(0, 19, 0.95, "exact")[1] == pytest.approx(1 - 0.025 ** (1 / 19))
    # a 90% interval is narrower: z = 1.644854, high = z²/(n+z²) = 2.705543/21.705543 = 0.124648
    assert share_interval(0, 19, 0.90)[1] == pytest.approx(0.124648, abs=1e-6)
    with pytest.raises(ValueError, match="method"):
        share_interval(1, 2, 0.95, "bootstrap")


def test_bh_on_finite_p_values_only():
    # finite p sorted 0.01 0.03 0.04 0.5 (m = 4, the NaN is not counted):
    # raw 0.04, 0.06, 0.0533, 0.5 -> monotone 0.04, 0.0533, 0.0533, 0.5
    q = bh_adjust([0.01, np.nan, 0.04, 0.03, 0.5])
    assert np.isnan(q[1])
    assert q[[0, 2, 3, 4]] == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5])
    assert bh_adjust([]).size == 0 and np.isnan(bh_adjust([np.nan])).all()


def test_npmi_undefined_when_a_theme_never_occurs():
    never = association(0, 3, 2, 5)           # both occur, never together
    assert never["npmi"] == -1.0
    missing = association(0, 0, 2, 8)         # X occurs in no unit: nothing to associate
    assert np.isnan(missing["npmi"])
    arr = association(np.array([0, 0]), np.array([3, 0]), np.array([2, 0]), np.array([5, 10]))
    assert arr["npmi"][0] == -1.0 and np.isnan(arr["npmi"][1])
