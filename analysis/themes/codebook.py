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
* at one position the longest phrase wins across all themes, so "South China
  Sea" is not also a "China" hit elsewhere unless that theme says ``nested: true``.

A malformed codebook raises :class:`analysis.errors.InputError` naming the file,
the theme, the pattern and the problem.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import check_keys, load_yaml
from ..errors import InputError
from ..text import fold

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_RESERVED = {"unit_id", "doc_id", "partner", "seg_id", "sent_id", "para", "text", "level", "n_units"}
_FORBIDDEN = set("()[]{}|+?\\^$")
_THEME_KEYS = {"label", "description", "main", "patterns", "case_sensitive", "exclude", "nested"}
_SEP = r"[\s\-]+"            # between words: any run of spaces or hyphens
_ONE_WORD = r"\w+(?:['\u2019\-]\w+)*"
_APOS = "['\u2019]"


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


def _word_regex(token: str) -> str:
    if token == "*":
        return _ONE_WORD
    out = []
    for ch in token:
        if ch == "*":
            out.append(r"\w*")
        elif ch == "-":
            out.append(r"[\-\s]?")
        elif ch in "'\u2019":
            out.append(_APOS)
        else:
            out.append(re.escape(ch))
    return "".join(out)


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


def pattern_regex(pattern: str, fold_diacritics: bool = True) -> str:
    """The regular expression (without case flag or word boundaries) for one
    pattern of the language above; diacritics are folded unless asked not to."""
    text = fold(pattern.strip()) if fold_diacritics else pattern.strip()
    return _SEP.join(_word_regex(t) for t in text.split())


def _literal_length(pattern: str) -> int:
    return len(pattern.replace("*", ""))


@dataclass(frozen=True)
class _Alt:
    regex: str
    case_sensitive: bool
    owners: tuple[tuple[str, str], ...]   # (theme key, pattern as written)
    length: int
    order: int


def _factor(regexes) -> str:
    """Alternatives grouped by their first character (``v(?:isa|isas)``), order
    kept within a group: only one group can match at a position, so the
    leftmost-first choice is unchanged, and the engine tries one group instead
    of every phrase at each word start."""
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for rx in regexes:
        if rx[:1].isalnum():
            groups.setdefault(rx[0], []).append(rx[1:])
        else:
            rest.append(rx)
    parts = [f"{re.escape(c)}(?:{'|'.join(tails)})" for c, tails in groups.items()]
    return "|".join(parts + rest)


class _Finder:
    """One alternation of phrases, longest first, WITHOUT capture groups (named
    groups make Python's regex engine many times slower); which phrase matched
    is found afterwards by re-matching the (few distinct) matched strings."""

    def __init__(self, alts: list[_Alt], flags: int = 0):
        self.alts = sorted(alts, key=lambda a: (-a.length, a.order))
        self.regex = re.compile(r"\b(?:" + _factor(a.regex for a in self.alts) + r")(?!\w)", flags)
        self._single = [re.compile(a.regex, flags) for a in self.alts]
        self._cache: dict[str, tuple[tuple[str, str], ...]] = {}

    def owners(self, matched: str) -> tuple[tuple[str, str], ...]:
        """The (theme, pattern) pairs of the alternative the regex chose: the
        first alternative, in the regex's order, that matches the whole string."""
        got = self._cache.get(matched)
        if got is None:
            got = next((a.owners for a, rx in zip(self.alts, self._single) if rx.fullmatch(matched)), ())
            self._cache[matched] = got
        return got

    def spans(self, text: str) -> list[tuple[int, int, tuple[tuple[str, str], ...]]]:
        return [(m.start(), m.end(), self.owners(m.group())) for m in self.regex.finditer(text)]


def _leftmost_longest(hits: list[tuple[int, int, tuple]]) -> list[tuple[int, int, tuple]]:
    """Merge the hits of several passes: at each position the longest wins and
    the text it covers is not matched again."""
    out, end = [], -1
    for s, e, owners in sorted(hits, key=lambda h: (h[0], -h[1])):
        if s >= end:
            out.append((s, e, owners))
            end = e
    return out


class _Pass:
    """Case-insensitive phrases matched on the lower-cased text (fast) plus
    case-sensitive phrases on the text as it is, merged leftmost-longest."""

    def __init__(self, entries: list[tuple[str, str, bool]], fold_diacritics: bool):
        self.insensitive = _Finder(_merge([e for e in entries if not e[2]], fold_diacritics, lower=True))
        self.fallback = None   # used when lower() would change the text's length
        cs = [e for e in entries if e[2]]
        self.sensitive = _Finder(_merge(cs, fold_diacritics)) if cs else None
        self._entries, self._fold = entries, fold_diacritics

    def spans(self, text: str, lowered: str | None) -> list[tuple[int, int, tuple]]:
        if not self.insensitive.alts:
            found = []
        elif lowered is not None:
            found = self.insensitive.spans(lowered)
        else:
            if self.fallback is None:
                self.fallback = _Finder(_merge([e for e in self._entries if not e[2]], self._fold, lower=True),
                                        re.IGNORECASE)
            found = [(s, e, self.fallback.owners(text[s:e].lower())) for s, e, _ in self.fallback.spans(text)]
        if self.sensitive is not None:
            found = _leftmost_longest(found + self.sensitive.spans(text))
        return found


def _merge(entries: list[tuple[str, str, bool]], fold_diacritics: bool, lower: bool = False) -> list[_Alt]:
    """One alternative per distinct regex so the same phrase under two themes is
    matched once and credited to both (``lower``: regexes for lower-cased text)."""
    merged: dict[str, list] = {}
    for order, (theme, pat, _cs) in enumerate(entries):
        rx = pattern_regex(pat.lower() if lower else pat, fold_diacritics)
        slot = merged.setdefault(rx, [order, _literal_length(pat), []])
        slot[2].append((theme, pat))
    return [_Alt(rx, not lower, tuple(owners), length, order) for rx, (order, length, owners) in merged.items()]


class Matcher:
    """The compiled codebook.

    ``main``: every theme's phrases, one alternation (longest first) for the
    case-insensitive ones and one for the case-sensitive acronyms, merged so that
    at each position the longest phrase wins; ``nested``: the phrases of
    ``nested`` themes, matched again so they count inside other themes' phrases;
    ``exclusions``: per theme, its exclusion phrases. Texts given to
    :meth:`scan` must already be folded when the codebook folds diacritics (see
    :func:`analysis.themes.find_hits`).
    """

    def __init__(self, themes: tuple[Theme, ...], fold_diacritics: bool = True):
        self.fold_diacritics = fold_diacritics
        entries = [(t.key, p, False) for t in themes for p in t.patterns]
        entries += [(t.key, p, True) for t in themes for p in t.case_sensitive]
        self.main = _Pass(entries, fold_diacritics)
        nested_keys = {t.key for t in themes if t.nested}
        nested = [e for e in entries if e[0] in nested_keys]
        self.nested = _Pass(nested, fold_diacritics) if nested else None
        self.exclusions = {t.key: _Pass([(t.key, p, False) for p in t.exclude], fold_diacritics)
                           for t in themes if t.exclude}

    def scan(self, text: str) -> Iterator[tuple[str, str, int, int]]:
        """Yield ``(theme, pattern, start, end)`` for every hit in ``text``, in
        order of position (then codebook order)."""
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = None
        hits = [(s, e, theme, pat) for s, e, owners in self.main.spans(text, lowered) for theme, pat in owners]
        if self.nested is not None:
            have = {(s, e, t) for s, e, t, _ in hits}
            spans: dict[str, list] = {}
            for s, e, t, _ in hits:
                spans.setdefault(t, []).append((s, e))
            for s, e, owners in self.nested.spans(text, lowered):
                for theme, pat in owners:
                    if (s, e, theme) in have or any(a < e and s < b for a, b in spans.get(theme, ())):
                        continue
                    hits.append((s, e, theme, pat))
        if self.exclusions:
            vetoes = {k: [(s, e) for s, e, _ in p.spans(text, lowered)] for k, p in self.exclusions.items()}
            hits = [h for h in hits if not any(a < h[1] and h[0] < b for a, b in vetoes.get(h[2], ()))]
        hits.sort(key=lambda h: (h[0], h[1]))
        for s, e, theme, pat in hits:
            yield theme, pat, s, e


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
        ``phrase``, ``case-sensitive`` or ``exclude`` — the codebook as a reader sees it."""
        rows = []
        for t in self.themes:
            for kind, pats in (("phrase", t.patterns), ("case-sensitive", t.case_sensitive), ("exclude", t.exclude)):
                rows += [(t.key, t.label, t.main, kind, p) for p in pats]
        return pd.DataFrame(rows, columns=["theme", "label", "main", "kind", "pattern"])

    def summary(self) -> pd.DataFrame:
        """One row per theme: key, label, main, description, number of phrases and exclusions."""
        return pd.DataFrame([(t.key, t.label, t.main, t.description, len(t.patterns) + len(t.case_sensitive),
                              len(t.exclude)) for t in self.themes],
                            columns=["theme", "label", "main", "description", "n_patterns", "n_exclusions"])


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
        if not lists["patterns"] and not lists["case_sensitive"]:
            raise InputError(path, f"theme {key!r}: needs at least one phrase under patterns or case_sensitive")
        themes.append(Theme(key=key, label=spec["label"].strip(), description=" ".join(str(spec.get("description") or "").split()),
                            main=bool(spec.get("main", False)), nested=bool(spec.get("nested", False)), **lists))
    themes.sort(key=lambda t: not t.main)   # stable: main themes first, file order otherwise
    cb = Codebook(tuple(themes), diacritics, str(path))
    try:
        _ = cb.matcher   # compile now, so a bad pattern is an input error
    except re.error as exc:  # pragma: no cover - the validation above should make this unreachable
        raise InputError(path, f"codebook does not compile: {exc}") from None
    return cb


def load_codebook(path: str | Path) -> Codebook:
    """Load, validate and compile ``codebook.yaml``. Errors are InputError naming
    the file, the theme, the pattern and what is wrong with it."""
    return codebook_from_dict(load_yaml(path), path)
