"""Text normalisation shared by every matcher.

The central promise: :func:`fold` is *length-preserving*, so an offset found in
the folded text is the same offset in the original text. That is what lets a
theme hit or a partner mention keep its exact position in the article.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = {
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u00a0": " ",
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch.isascii():
        return ch
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    # keep the length: a character that decomposes to several bases stays as is
    return base if len(base) == 1 else ch


# every character of the Latin, Greek, Cyrillic and punctuation blocks mapped once
_TABLE = {cp: _fold_char(chr(cp)) for cp in range(0x80, 0x2070) if _fold_char(chr(cp)) != chr(cp)}


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(m: re.Match) -> str:
    ch = m.group()
    return _TABLE.get(ord(ch)) or _fold_char(ch)


def fold(text: str) -> str:
    """Strip diacritics (Việt Nam -> Viet Nam, Hà Nội -> Ha Noi, đ -> d) and map
    curly quotes and dashes to ASCII, one character for one character.

    Case is kept; matchers decide about case. ``len(fold(s)) == len(s)`` always.
    """
    if text.isascii():
        return text
    # news text is mostly ASCII: replacing only the non-ASCII characters is
    # several times faster than translating every character
    return _NON_ASCII.sub(_fold_match, text)


_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def normalise_key(text: str) -> str:
    """A comparison key: folded, lower-case, whitespace squashed."""
    return squash(fold(text)).lower()


_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")


def words(text: str) -> list[str]:
    """Word tokens of the folded, lower-cased text (hyphenated words kept whole)."""
    return _WORD.findall(fold(text).lower())
