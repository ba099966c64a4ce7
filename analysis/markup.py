"""Making corpus- and config-derived values safe to put into Markdown shown as HTML."""
from __future__ import annotations


def md_escape(value) -> str:
    """A value from a corpus or a config file, made safe to put into Markdown
    shown as HTML: ``<``, ``>`` and ``&`` are escaped, so an ``<img onerror>``
    in a partner label stays text. (Values inside backticks need no escaping.)"""
    import html

    return html.escape(str(value), quote=False)
