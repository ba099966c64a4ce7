"""The codebook's matcher: every phrase and near-rule cue of every theme
compiled into ONE alternation (longest first, factored as a trie), the
case-sensitive acronyms into a second, the context of near rules looked for
only around a cue, exclusions only around their theme's hits.

In: the themes of a :class:`analysis.themes.codebook.Codebook`. Out: a
:class:`Matcher` whose :meth:`~Matcher.scan` yields ``(theme, pattern, start,
end)`` for a text (the folded, joined units of
:func:`analysis.themes.coding.find_hits`). :func:`pattern_regex` is the
regular expression of one pattern of the language (see ``config/codebook.yaml``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..text import fold

UNIT = "unit"                # a near rule's window: the whole paragraph or headline
_REACH = 200                 # characters around a hit in which the exclusions that may overlap it are looked for
_SEP = r"[\s\-]+"            # between words: any run of spaces or hyphens
_ONE_WORD = r"\w+(?:['\u2019\-]\w+)*"
_APOS = "['\u2019]"


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
    owners: tuple[tuple[str, str, Any], ...]   # (theme key, pattern as written, near rule or None)
    length: int
    order: int


def _factor(regexes: list[str]) -> str:
    """The alternation of ``regexes`` (in order) as a trie on their leading
    literal characters (``v(?:isa(?:s|)|...)``). Alternatives with different
    first characters cannot match at the same place, so grouping them keeps
    the leftmost-first choice; a run is factored only while every alternative
    in it starts with a literal letter or digit, and alternatives that do not
    stay where they are. The engine then tries one branch per character
    instead of every phrase at each word start."""
    parts: list[str] = []
    run: list[str] = []

    def flush():
        groups: dict[str, list[str]] = {}
        for rx in run:
            groups.setdefault(rx[0], []).append(rx[1:])
        for c, tails in groups.items():
            parts.append(c + (tails[0] if len(tails) == 1 else f"(?:{_factor(tails)})"))
        run.clear()

    for rx in regexes:
        if rx[:1].isalnum():
            run.append(rx)
        else:
            flush()
            parts.append(rx)
    flush()
    return "|".join(parts)


def _alternation(regexes: list[str], sensitive: bool) -> str:
    """The whole pattern of a finder: word start, the factored phrases, word end.
    For case-sensitive acronyms (mostly capitals, rare in text) the word-start
    test comes after the first character (``A(?<=\\b.)…``), so the pattern opens
    with a set of literal characters and the engine skips every position that
    cannot start one; for lower-cased text a look-ahead on the first letters
    does the same job more cheaply than a branch per letter."""
    if not regexes:
        return r"(?!)"
    if sensitive and all(rx[:1].isalnum() for rx in regexes):
        groups: dict[str, list[str]] = {}
        for rx in regexes:
            groups.setdefault(rx[0], []).append(rx[1:])
        body = "|".join(f"{c}(?<=\\b.)(?:{_factor(tails)})" for c, tails in groups.items())
        return f"(?:{body})(?!\\w)"
    firsts = sorted({rx[0] for rx in regexes if rx[:1].isalnum()})
    look = f"(?=[{''.join(firsts)}])" if firsts and all(rx[:1].isalnum() for rx in regexes) else ""
    return rf"\b{look}(?:{_factor(regexes)})(?!\w)"


class _Finder:
    """One alternation of phrases, longest first, WITHOUT capture groups (named
    groups make Python's regex engine many times slower); which phrase matched
    is found afterwards by re-matching the (few distinct) matched strings."""

    def __init__(self, alts: list[_Alt], flags: int = 0, sensitive: bool = False):
        self.alts = sorted(alts, key=lambda a: (-a.length, a.order))
        self.regex = re.compile(_alternation([a.regex for a in self.alts], sensitive), flags)
        self._single = [re.compile(a.regex, flags) for a in self.alts]
        self._cache: dict[str, tuple[tuple[str, str], ...]] = {}

    def owners(self, matched: str) -> tuple[tuple[str, str, Any], ...]:
        """The (theme, pattern, rule) triples of the alternative the regex chose: the
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

    def __init__(self, entries: list[tuple], fold_diacritics: bool):
        self.insensitive = _Finder(_merge([e for e in entries if not e[2]], fold_diacritics, lower=True))
        self.fallback = None   # used when lower() would change the text's length
        cs = [e for e in entries if e[2]]
        self.sensitive = _Finder(_merge(cs, fold_diacritics), sensitive=True) if cs else None
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


def _merge(entries: list[tuple], fold_diacritics: bool, lower: bool = False) -> list[_Alt]:
    """One alternative per distinct regex so the same phrase under two themes is
    matched once and credited to both (``lower``: regexes for lower-cased text).
    ``entries``: ``(theme, pattern, case_sensitive[, near rule])``."""
    merged: dict[str, list] = {}
    for order, (theme, pat, _cs, *rule) in enumerate(entries):
        rx = pattern_regex(pat.lower() if lower else pat, fold_diacritics)
        slot = merged.setdefault(rx, [order, _literal_length(pat), []])
        slot[2].append((theme, pat, rule[0] if rule else None))
    return [_Alt(rx, not lower, tuple(owners), length, order) for rx, (order, length, owners) in merged.items()]


class _Context:
    """The compiled context and unless phrases of one near rule, looked for in a
    window of ``within`` words on either side of a cue's match (never across
    units: the joined corpus separates them with ``\\x00``)."""

    def __init__(self, rule, fold_diacritics: bool):
        self.rule = rule
        cs = set(rule.case_sensitive)
        self.unit = rule.within == UNIT
        self.span = 0 if self.unit else rule.within * 25 + 60   # characters enough for ``within`` words
        self.finders = {}
        for kind, pats in (("context", rule.context), ("unless", rule.unless)):
            ci = [(kind, p, False) for p in pats if p not in cs]
            sens = [(kind, p, True) for p in pats if p in cs]
            self.finders[kind] = (_Finder(_merge(ci, fold_diacritics, lower=True)) if ci else None,
                                  _Finder(_merge(ci, fold_diacritics, lower=True), re.IGNORECASE) if ci else None,
                                  _Finder(_merge(sens, fold_diacritics), sensitive=True) if sens else None)

    def _window(self, text: str, s: int, e: int) -> tuple[int, int]:
        """Start of the ``within``-th word before ``s`` and end of the
        ``within``-th word after ``e`` (a word: a run of non-space characters,
        so "Korea's" and "US-based" are one; never across a unit boundary); the
        unit's ends for a rule whose window is the unit."""
        if self.unit:
            b = text.find("\x00", e)
            return text.rfind("\x00", 0, s) + 1, len(text) if b < 0 else b
        n = self.rule.within
        lo = max(0, s - self.span)
        left = text[lo:s]
        cut = left.rfind("\x00")
        if cut >= 0:
            lo, left = lo + cut + 1, left[cut + 1:]
        parts = left.rsplit(None, n)
        a = lo + (len(parts[0]) if len(parts) > n else 0)
        right = text[e:e + self.span]
        cut = right.find("\x00")
        if cut >= 0:
            right = right[:cut]
        parts = right.split(None, n)
        b = e + len(right) - (len(parts[n]) if len(parts) > n else 0)
        return a, b

    def _find(self, kind: str, text: str, lowered: str | None, s: int, e: int, a: int, b: int) -> str | None:
        """The first ``kind`` phrase (as written) that ends in ``[a, s)`` or starts in ``[e, b)``."""
        ci, ci_fallback, sens = self.finders[kind]
        for finder, src in ((ci, lowered), (ci_fallback, None if lowered is not None else text), (sens, text)):
            if finder is None or src is None:
                continue
            m = finder.regex.search(src[a:s])
            if m is None:
                m = finder.regex.search(src, e, min(len(src), b + 60))
                if m is not None and m.start() >= b:
                    m = None
            if m is not None:
                got = m.group().lower() if finder is ci_fallback else m.group()
                owners = finder.owners(got)
                return owners[0][1] if owners else got
        return None

    def check(self, text: str, lowered: str | None, s: int, e: int) -> str | None:
        """``None`` when the cue at ``[s, e)`` does not count, else the context
        phrase that made it count (``""`` for a rule with no context list)."""
        a, b = self._window(text, s, e)
        found = ""
        if self.rule.context:
            found = self._find("context", text, lowered, s, e, a, b)
            if found is None:
                return None
        if self.rule.unless and self._find("unless", text, lowered, s, e, a, b) is not None:
            return None
        return found


def _entries(themes, key_filter=None) -> list[tuple]:
    """``(theme, pattern, case_sensitive, rule)`` for every phrase, acronym and near cue."""
    out = []
    for t in themes:
        if key_filter is not None and t.key not in key_filter:
            continue
        out += [(t.key, p, False, None) for p in t.patterns]
        out += [(t.key, p, True, None) for p in t.case_sensitive]
        for rule in t.near:
            out += [(t.key, p, p in rule.case_sensitive, rule) for p in rule.cue]
    return out


class Matcher:
    """The compiled codebook.

    ``main``: every theme's phrases and near-rule cues, one alternation (longest
    first) for the case-insensitive ones and one for the case-sensitive acronyms,
    merged so that at each position the longest phrase wins; a cue's match then
    counts only when its rule's context is around it (``contexts``, compiled per
    rule and looked for in the cue's window only); ``nested``: the phrases of
    ``nested`` themes, matched again so they count inside other themes' phrases;
    ``exclusions``: per theme, its exclusion phrases. Texts given to
    :meth:`scan` must already be folded when the codebook folds diacritics (see
    :func:`analysis.themes.find_hits`).
    """

    def __init__(self, themes: tuple, fold_diacritics: bool = True):
        self.fold_diacritics = fold_diacritics
        self.main = _Pass(_entries(themes), fold_diacritics)
        nested = _entries(themes, {t.key for t in themes if t.nested})
        self.nested = _Pass(nested, fold_diacritics) if nested else None
        self.contexts = {r: _Context(r, fold_diacritics) for t in themes for r in t.near}
        self.exclusions = {t.key: _Pass([(t.key, p, False, None) for p in t.exclude], fold_diacritics)
                           for t in themes if t.exclude}

    def _resolve(self, spans, text: str, lowered: str | None) -> list[tuple[int, int, str, str]]:
        """Hits from matched spans: a phrase counts as it is; a near cue only
        when its context check passes (its pattern then reads ``cue near
        context``); one hit per theme and span."""
        out, seen = [], set()
        for s, e, owners in spans:
            for theme, pat, rule in owners:
                if (s, e, theme) in seen:
                    continue
                if rule is not None:
                    why = self.contexts[rule].check(text, lowered, s, e)
                    if why is None:
                        continue
                    pat = f"{pat} near {why}" if why else pat
                seen.add((s, e, theme))
                out.append((s, e, theme, pat))
        return out

    def _unexcluded(self, hits: list, text: str, lowered: str | None) -> list:
        """Drop the hits that one of their theme's exclusions overlaps. The
        exclusions of a theme are looked for only around that theme's hits
        (``_REACH`` characters either side, nearby windows merged), so a theme
        whose hits are rare costs nothing on the rest of the text."""
        windows: dict[str, list[list]] = {}
        for i, (s, e, theme, _) in enumerate(hits):
            if theme not in self.exclusions:
                continue
            ws = windows.setdefault(theme, [])
            a, b = max(0, s - _REACH), e + _REACH
            if ws and a <= ws[-1][1]:
                ws[-1][1] = max(ws[-1][1], b)
                ws[-1][2].append(i)
            else:
                ws.append([a, b, [i]])
        drop = set()
        for theme, ws in windows.items():
            own = self.exclusions[theme]
            for a, b, members in ws:
                found = own.spans(text[a:b], None if lowered is None else lowered[a:b])
                if not found:
                    continue
                for i in members:
                    s, e = hits[i][0] - a, hits[i][1] - a
                    if any(x < e and s < y for x, y, _ in found):
                        drop.add(i)
        return [h for i, h in enumerate(hits) if i not in drop] if drop else hits

    def scan(self, text: str) -> Iterator[tuple[str, str, int, int]]:
        """Yield ``(theme, pattern, start, end)`` for every hit in ``text``, in
        order of position (then codebook order)."""
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = None
        hits = self._resolve(self.main.spans(text, lowered), text, lowered)
        if self.nested is not None:
            have = {(s, e, t) for s, e, t, _ in hits}
            spans: dict[str, list] = {}
            for s, e, t, _ in hits:
                spans.setdefault(t, []).append((s, e))
            for s, e, theme, pat in self._resolve(self.nested.spans(text, lowered), text, lowered):
                if (s, e, theme) in have or any(a < e and s < b for a, b in spans.get(theme, ())):
                    continue
                hits.append((s, e, theme, pat))
        hits.sort(key=lambda h: (h[0], h[1]))
        if self.exclusions:
            hits = self._unexcluded(hits, text, lowered)
        for s, e, theme, pat in hits:
            yield theme, pat, s, e
