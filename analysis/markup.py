"""Making corpus- and config-derived values safe to show as Markdown or HTML.

``md_escape`` is the one function every value from an article, a file name or
a config file goes through before it is put into Markdown (which the report
renders as HTML) or into HTML; ``md_code`` shows such a value in code type.

Public names: :func:`md_escape`, :func:`md_code`.
"""
from __future__ import annotations

__all__ = ["md_code", "md_escape"]

#: Characters with a meaning in Markdown (emphasis, links and images, code,
#: headings, lists, tables, math, autolinks of URLs and e-mail addresses,
#: footnotes, attributes) or in HTML. Each becomes a numeric character
#: reference, which Markdown and HTML both show as the character itself and
#: never read as syntax (a backslash escape would show as a backslash in HTML,
#: and an escaped URL is still linked by the autolink extension).
_SPECIAL = "\\`*_{}[]()#+-.!|~$:@^<>&\"'="
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}


def md_escape(value) -> str:
    """``value`` as text that shows literally in Markdown and in HTML.

    White space (newlines included) is squashed to single spaces, so a value
    cannot start a new Markdown block or break a table row, and every
    character of ``_SPECIAL`` becomes a numeric character reference:
    ``[x](javascript:alert(1))`` stays those characters, ``<img onerror>``
    stays text, ``$x$`` is not math, ``http://…`` is not linked. Do not put the
    result inside backticks (a code span shows references as written): use
    :func:`md_code` for a value in code type.

    >>> md_escape("[x](javascript:1) <b>")
    '&#91;x&#93;&#40;javascript&#58;1&#41; &#60;b&#62;'
    """
    return " ".join(str(value).split()).translate(_TABLE)


def md_code(value) -> str:
    """``value`` in code type (``<code>``), escaped by :func:`md_escape`: safe in
    Markdown and HTML where a backtick code span is not (a value holding a
    backtick would end the span)."""
    return f"<code>{md_escape(value)}</code>"
