"""The one declaration of every report parameter's type and range, and the one
function that checks a value against it (in the style of scikit-learn's
``_parameter_constraints``).

:data:`PARAMETERS` maps each parameter a notebook declares to the constraints
its value must meet (any one of them); :func:`check_parameter` raises an
InputError naming the file, the parameter set and the key, saying what is
allowed. ``report.yaml`` is checked with it before anything runs
(:func:`analysis.report.params.load_report_config`). A parameter that a new
notebook declares and this table does not know must keep the type of the
notebook's default.

Public names: :data:`PARAMETERS`, :data:`FROM_COMMAND_LINE`, :class:`Interval`,
:class:`Options`, :class:`ListOf`, :func:`check_parameter`, :func:`describe`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any

from ..errors import InputError

__all__ = ["FROM_COMMAND_LINE", "PARAMETERS", "Interval", "ListOf", "Options", "check_parameter", "describe"]


@dataclass(frozen=True)
class Interval:
    """A number of ``kind`` (``Integral`` or ``Real``) between ``left`` and
    ``right`` (``None``: unbounded); ``closed`` is "both", "left", "right" or
    "neither"."""

    kind: type
    left: float | None
    right: float | None
    closed: str = "both"

    def accepts(self, value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, self.kind):
            return False
        if isinstance(value, float) and not math.isfinite(value):
            return False
        lo_ok = self.left is None or (value >= self.left if self.closed in ("both", "left") else value > self.left)
        hi_ok = self.right is None or (value <= self.right if self.closed in ("both", "right") else value < self.right)
        return lo_ok and hi_ok

    def __str__(self) -> str:
        what = "an integer" if self.kind is Integral else "a number"
        if self.left is None and self.right is None:
            return what
        lo = "[" if self.closed in ("both", "left") else "("
        hi = "]" if self.closed in ("both", "right") else ")"
        left, right = _number(self.left), _number(self.right)
        if self.right is None:
            return f"{what} of at least {left}" if lo == "[" else f"{what} above {left}"
        if self.left is None:
            return f"{what} of at most {right}" if hi == "]" else f"{what} below {right}"
        return f"{what} in {lo}{left}, {right}{hi}"


def _number(x: float | None) -> str:
    return "" if x is None else f"{x:,}" if float(x).is_integer() and abs(x) >= 1000 else f"{x:g}"


@dataclass(frozen=True)
class Options:
    """One of a fixed set of values."""

    values: tuple

    def accepts(self, value: Any) -> bool:
        return any(value == v and type(value) is type(v) for v in self.values)

    def __str__(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)


@dataclass(frozen=True)
class ListOf:
    """A list whose items meet ``item`` (a type or a constraint), with at least
    ``min_len`` items, all different when ``unique``."""

    item: Any
    min_len: int = 0
    unique: bool = False

    def accepts(self, value: Any) -> bool:
        if not isinstance(value, list) or len(value) < self.min_len:
            return False
        if self.unique and len({repr(v) for v in value}) != len(value):
            return False
        return all(_accepts(self.item, v) for v in value)

    def __str__(self) -> str:
        size = f"at least {self.min_len} " if self.min_len else ""
        distinct = "distinct " if self.unique else ""
        return f"a list of {size}{distinct}{_describe_one(self.item, plural=True)}"


def _accepts(constraint: Any, value: Any) -> bool:
    if constraint is None:
        return value is None
    if constraint is bool:
        return isinstance(value, bool)
    if constraint is str:
        return isinstance(value, str)
    return constraint.accepts(value)


def _describe_one(constraint: Any, plural: bool = False) -> str:
    if constraint is None:
        return "null"
    if constraint is bool:
        return "true or false"
    if constraint is str:
        return "strings" if plural else "a string"
    text = str(constraint)
    if plural:      # "an integer of at least 2" -> "integers of at least 2"
        text = text.replace("an integer", "integers").replace("a number", "numbers")
    return text


def describe(constraints: list) -> str:
    """What ``constraints`` allow, in words ("an integer of at least 1 or null")."""
    return " or ".join(_describe_one(c) for c in constraints)


#: Set by the command line (the run's paths), never in report.yaml.
FROM_COMMAND_LINE = ("corpus_dir", "codebook_path", "partners_path", "output_dir", "cache_dir", "labels_path")

#: Every parameter a notebook declares -> the constraints its value must meet (any one).
PARAMETERS: dict[str, list] = {
    # every notebook
    "partners": [ListOf(str, unique=True)],
    "include_boilerplate": [bool],
    "include_duplicates": [bool],
    "seed": [Interval(Integral, 0, 2**32 - 1)],           # numpy's seeds
    "dup_threshold": [Interval(Real, 0, 1, "right")],
    # 02_themes
    "gold_path": [str, None],
    # fewer resamples cannot place the ends of an interval (2.5% of 20 is half a resample)
    "n_boot": [Interval(Integral, 20, 1_000_000)],
    "compare": [ListOf(str, unique=True)],
    "include_both": [bool],
    "figure_level": [Options(("sentence", "paragraph", "document"))],
    "min_support": [Interval(Integral, 1, None)],
    "time_freq": [Options(("year", "month"))],
    "kwic_width": [Interval(Integral, 10, 1000)],
    "n_misses": [Interval(Integral, 1, 1000)],           # candidate misses listed per main theme
    # 03_topics
    "unit": [Options(("paragraph", "sentence"))],
    "model": [Options(("nmf", "kmeans", "lda"))],
    "n_topics": [Options(("auto",)), Interval(Integral, 2, None)],
    "k_range": [ListOf(Interval(Integral, 2, None), min_len=1, unique=True)],
    "n_stability_runs": [Interval(Integral, 1, None)],
    "stability_threshold": [Interval(Real, 0, 1)],
    "n_top_terms": [Interval(Integral, 1, 100)],
    "n_representative": [Interval(Integral, 0, 100)],
    # 04_framing
    "ci": [Interval(Real, 0, 1, "neither")],
    "interval": [Options(("wilson", "exact"))],
    "min_meetings": [Interval(Integral, 1, None)],
    "min_count": [Interval(Integral, 1, None)],
    "prior_scale": [None, Interval(Real, 0, None, "neither")],
    "fdr_q": [Interval(Real, 0, 1, "right")],
    "n_label_terms": [Interval(Integral, 0, 200)],
}


def _type_of_default(default: Any) -> list:
    """The constraint of a parameter the table does not know: its default's type."""
    if default is None:
        return [None]
    if isinstance(default, bool):
        return [bool]
    if isinstance(default, int):
        return [Interval(Integral, None, None)]
    if isinstance(default, float):
        return [Interval(Real, None, None)]
    if isinstance(default, str):
        return [str]
    if isinstance(default, list):
        return [ListOf(_type_of_default(default[0])[0]) if default else ListOf(str)]
    return []


def check_parameter(path, where: str, name: str, value: Any, default: Any = None) -> Any:
    """``value`` if parameter ``name`` may take it; InputError naming ``path`` and
    ``where`` (the set and key, e.g. ``default.notebooks.03_topics.n_topics``)
    otherwise. ``default`` (the notebook's) gives the type of a parameter the
    table does not know."""
    if name in FROM_COMMAND_LINE:
        raise InputError(path, f"{where}: {name} is set from the command line, not in this file")
    constraints = PARAMETERS.get(name) or _type_of_default(default)
    if constraints and not any(_accepts(c, value) for c in constraints):
        raise InputError(path, f"{where}: expected {describe(constraints)}, got {value!r}")
    return value
