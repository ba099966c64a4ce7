"""The codebook: themes an analyst defines in ``config/codebook.yaml``, validated
and compiled into ONE regular expression.

In: a YAML file (see the shipped ``config/codebook.yaml`` for the format and the
pattern language). Out: a :class:`Codebook` with the themes in order (the
analysts' ``main`` themes first) and a compiled :class:`Matcher`.

The pattern language, in short (the YAML header says it in full):

* words match whole (``visa`` is not in ``visage``); a space in a pattern
  matches any run of spaces/hyphens; a hyphen inside a word is optional;
* ``*`` inside/at the end of a word = any letters or digits (``loan*``);
  ``*`` standing alone = exactly one word (``entry of * citizens``);
* case-insensitive and diacritic-insensitive, except the ``case_sensitive`` list;
* ``exclude`` phrases veto hits of their theme that they overlap;
* ``near`` rules: a cue counts only with a context phrase within a few words
  (``loan*`` near ``yen``, ``ODA``, ``JICA``) and not with an ``unless`` phrase
  there (``aid`` unless ``humanitarian``); cues join the one alternation, and
  the context is looked for only around a cue's match;
* at one position the longest phrase wins across all themes, so "South China
  Sea" is not also a "China" hit elsewhere unless that theme says ``nested: true``.

A malformed codebook raises :class:`analysis.errors.InputError` naming the file,
the theme, the pattern and the problem.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import check_keys, load_yaml
from ..errors import InputError
from ..text import fold
from .matcher import UNIT, Matcher, pattern_regex  # noqa: F401  (pattern_regex: the codebook's public name)

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_RESERVED = {"unit_id", "doc_id", "partner", "seg_id", "sent_id", "para", "text", "level", "n_units"}
_FORBIDDEN = set("()[]{}|+?\\^$")
_THEME_KEYS = {"label", "description", "main", "patterns", "case_sensitive", "exclude", "nested", "near"}
_NEAR_KEYS = {"cue", "context", "unless", "within", "case_sensitive"}
NEAR_WITHIN = 8              # default window of a near rule, in words either side of the cue
_MAX_WITHIN = 30


@dataclass(frozen=True)
class NearRule:
    """A cue that counts only in context: one of the ``cue`` phrases, with one of
    the ``context`` phrases (when any are given) and none of the ``unless``
    phrases within ``within`` words before or after it, in the same unit
    (``within = "unit"``: anywhere in the same paragraph or headline).
    ``case_sensitive``: the phrases of this rule (cue, context or unless)
    matched with exact case."""

    cue: tuple[str, ...]
    context: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    within: int | str = NEAR_WITHIN
    case_sensitive: tuple[str, ...] = ()

    def describe(self) -> str:
        """The rule in one line, as the codebook table shows it."""
        out = " / ".join(self.cue)
        if self.context:
            out += f" near {', '.join(self.context)}"
        if self.unless:
            out += f"; not near {', '.join(self.unless)}"
        return out + (" (in the same unit)" if self.within == UNIT else f" (within {self.within} words)")


@dataclass(frozen=True)
class Theme:
    """One theme: its key, label, description, whether it is a main theme, and
    its phrase lists as written in the YAML."""

    key: str
    label: str
    description: str = ""
    main: bool = False
    patterns: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    nested: bool = False
    near: tuple[NearRule, ...] = ()


def pattern_problem(pattern: Any) -> str | None:
    """What is wrong with one pattern, or None when it is fine."""
    if not isinstance(pattern, str):
        return f"expected a string, got {type(pattern).__name__}"
    if not pattern.strip():
        return "empty pattern"
    bad = sorted(set(pattern) & _FORBIDDEN)
    if bad:
        return f"character {bad[0]!r} is not part of the pattern language (use words, spaces, '-' and '*')"
    tokens = pattern.split()
    if "**" in pattern:
        return "'**' is not allowed: use '*' inside a word or a lone '*' for one word"
    if all(t == "*" or not re.search(r"\w", t.replace("*", "")) for t in tokens):
        return "pattern has no letters or digits: it would match any word"
    for t in tokens:
        if t != "*" and not re.search(r"\w", t.replace("*", "")):
            return f"word {t!r} has no letters or digits"
    if tokens[0] == "*" or tokens[-1] == "*":
        return "a lone '*' (one word) must sit between two words"
    if re.match(r"^\W", pattern.strip()) and not pattern.strip().startswith("*"):
        return "pattern must start with a letter, digit or '*'"
    return None


@dataclass(frozen=True)
class Codebook:
    """Validated themes, main themes first (file order otherwise)."""

    themes: tuple[Theme, ...]
    diacritics: str = "insensitive"
    path: str = ""

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.themes]

    @property
    def main_keys(self) -> list[str]:
        return [t.key for t in self.themes if t.main]

    @property
    def labels(self) -> dict[str, str]:
        return {t.key: t.label for t in self.themes}

    def theme(self, key: str) -> Theme:
        for t in self.themes:
            if t.key == key:
                return t
        raise KeyError(key)

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.themes, self.diacritics == "insensitive")

    def table(self) -> pd.DataFrame:
        """One row per pattern: ``theme, label, main, kind, pattern`` where kind is
        ``phrase``, ``case-sensitive``, ``near`` (a cue in context, see
        :meth:`NearRule.describe`) or ``exclude`` — the codebook as a reader sees it."""
        rows = []
        for t in self.themes:
            for kind, pats in (("phrase", t.patterns), ("case-sensitive", t.case_sensitive),
                               ("near", [r.describe() for r in t.near]), ("exclude", t.exclude)):
                rows += [(t.key, t.label, t.main, kind, p) for p in pats]
        return pd.DataFrame(rows, columns=["theme", "label", "main", "kind", "pattern"])

    def summary(self) -> pd.DataFrame:
        """One row per theme: key, label, main, description, number of phrases,
        near rules and exclusions."""
        return pd.DataFrame([(t.key, t.label, t.main, t.description, len(t.patterns) + len(t.case_sensitive),
                              len(t.near), len(t.exclude)) for t in self.themes],
                            columns=["theme", "label", "main", "description", "n_patterns", "n_near_rules",
                                     "n_exclusions"])


def _pattern_list(path, key: str, field_name: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise InputError(path, f"theme {key!r}, {field_name}: expected a list of phrases, got {type(value).__name__}")
    seen: dict[str, str] = {}
    out = []
    for pat in value:
        problem = pattern_problem(pat)
        if problem:
            raise InputError(path, f"theme {key!r}, {field_name} pattern {pat!r}: {problem}")
        norm = " ".join(fold(pat).split())
        norm = norm if field_name == "case_sensitive" else norm.lower()
        if norm in seen:
            raise InputError(path, f"theme {key!r}, {field_name} pattern {pat!r}: listed twice (as {seen[norm]!r})")
        seen[norm] = pat
        out.append(pat.strip())
    return tuple(out)


def _near_rules(path, key: str, value: Any) -> tuple[NearRule, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError(path, f"theme {key!r}, near: expected a list of rules (cue, context, unless, within)")
    rules = []
    for i, spec in enumerate(value, 1):
        where = f"theme {key!r}, near rule {i}"
        check_keys(path, where, spec, _NEAR_KEYS, {"cue"})
        lists = {f: _pattern_list(path, key, f"near rule {i} {f}", spec.get(f)) for f in ("cue", "context", "unless")}
        if not lists["cue"]:
            raise InputError(path, f"{where}: cue: needs at least one phrase")
        if not lists["context"] and not lists["unless"]:
            raise InputError(path, f"{where}: needs a context or an unless list (a cue that always counts "
                                   "belongs under patterns)")
        within = spec.get("within", NEAR_WITHIN)
        if within != UNIT and (isinstance(within, bool) or not isinstance(within, int) or not 1 <= within <= _MAX_WITHIN):
            raise InputError(path, f"{where}: within: expected a number of words from 1 to {_MAX_WITHIN} or "
                                   f"'{UNIT}', got {within!r}")
        cs = _pattern_list(path, key, f"near rule {i} case_sensitive", spec.get("case_sensitive"))
        listed = {p for f in lists.values() for p in f}
        stray = [p for p in cs if p not in listed]
        if stray:
            raise InputError(path, f"{where}: case_sensitive {stray[0]!r} is not one of the rule's cue, context "
                                   "or unless phrases")
        rules.append(NearRule(lists["cue"], lists["context"], lists["unless"], within, cs))
    return tuple(rules)


def codebook_from_dict(data: Any, path: str | Path = "<codebook>") -> Codebook:
    """Validate a parsed codebook (the YAML as Python objects) and build it."""
    check_keys(path, "top level", data, {"settings", "themes", "version"}, {"themes"})
    settings = data.get("settings") or {}
    check_keys(path, "settings", settings, {"diacritics"})
    diacritics = str(settings.get("diacritics", "insensitive"))
    if diacritics not in ("insensitive", "sensitive"):
        raise InputError(path, f"settings.diacritics: {diacritics!r} is not 'insensitive' or 'sensitive'")
    raw = data["themes"]
    if not isinstance(raw, dict) or not raw:
        raise InputError(path, "themes: expected a non-empty mapping of theme key -> definition")
    themes = []
    for key, spec in raw.items():
        key = str(key)
        if not _KEY.match(key):
            raise InputError(path, f"theme {key!r}: key must be lower-case letters, digits and '_' (starting with a letter)")
        if key in _RESERVED:
            raise InputError(path, f"theme {key!r}: key is reserved for a table column, choose another")
        check_keys(path, f"theme {key!r}", spec, _THEME_KEYS, {"label"})
        for flag in ("main", "nested"):
            if flag in spec and not isinstance(spec[flag], bool):
                raise InputError(path, f"theme {key!r}, {flag}: expected true or false, got {spec[flag]!r}")
        if not isinstance(spec["label"], str) or not spec["label"].strip():
            raise InputError(path, f"theme {key!r}, label: expected a non-empty string")
        lists = {f: _pattern_list(path, key, f, spec.get(f)) for f in ("patterns", "case_sensitive", "exclude")}
        near = _near_rules(path, key, spec.get("near"))
        if not lists["patterns"] and not lists["case_sensitive"] and not near:
            raise InputError(path, f"theme {key!r}: needs at least one phrase under patterns, case_sensitive or near")
        themes.append(Theme(key=key, label=spec["label"].strip(), description=" ".join(str(spec.get("description") or "").split()),
                            main=bool(spec.get("main", False)), nested=bool(spec.get("nested", False)),
                            near=near, **lists))
    themes.sort(key=lambda t: not t.main)   # stable: main themes first, file order otherwise
    cb = Codebook(tuple(themes), diacritics, str(path))
    try:
        _ = cb.matcher
    except re.error as exc:  # pragma: no cover - the validation above should make this unreachable
        raise InputError(path, f"codebook does not compile: {exc}") from None
    return cb


def load_codebook(path: str | Path) -> Codebook:
    """Load, validate and compile ``codebook.yaml``. Errors are InputError naming
    the file, the theme, the pattern and what is wrong with it."""
    return codebook_from_dict(load_yaml(path), path)
