"""Which outlet wrote an article: from its signatures, else from the host of its URL.

The outlets table is ``partners.yaml``'s ``outlets`` (see
:class:`analysis.config.Outlet`): codes, the aliases signatures use, the web
hosts each outlet publishes on, whose it is and who owns it. Rules:

- a signature the text carries (a sign-off, a dateline agency, a byline, a
  ``(Source: …)`` line) names the outlet; a combined credit ``WVR/VNA`` is the
  publisher's, the first part;
- with no signature, the host of the article's ``url`` (``metadata.csv``) names
  it when the table lists that host (``outlet_source`` = ``url: <host>``);
- a page whose host belongs to no outlet, or to another outlet than the one
  the text names, is a copy: the outlet stays the one the text names and the
  host is kept in ``via``;
- nothing else: an article with neither stays ``unknown``.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..config import Actors, Outlet
from ..text import fold, normalise_key

__all__ = ["host_of", "outlet_aliases", "outlet_hosts", "outlet_info", "resolve_outlet", "outlet_for"]


def outlet_aliases(actors: Actors) -> dict[str, str]:
    """Normalised alias -> outlet code, from ``partners.yaml``'s ``outlets``."""
    out = {}
    for code, outlet in actors.outlets.items():
        for alias in (code, outlet.name, *outlet.aliases, *outlet.hosts):
            out.setdefault(normalise_key(alias), code)
    return out


def outlet_hosts(actors: Actors) -> dict[str, str]:
    """Web host (lower case, no ``www.``) -> outlet code."""
    return {h: code for code, outlet in actors.outlets.items() for h in outlet.hosts}


def host_of(url: str) -> str:
    """The host of a URL, lower case, without ``www.`` (``""`` for no URL)."""
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        url = "http://" + url
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _host_outlet(host: str, hosts: dict[str, str]) -> str:
    """The outlet of a host or of the domain it is a subdomain of."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        code = hosts.get(".".join(parts[i:]))
        if code:
            return code
    return ""


def resolve_outlet(signatures: list[str], aliases: dict[str, str]) -> tuple[str, str]:
    """The outlet code and the signature it came from. A combined credit such as
    ``WVR/VNA`` (publisher/wire) is the publisher's, the first part. The
    ``Source:``/``Nguồn:``/``Theo`` lead-in, brackets, dashes, bullets and
    Kyodo's ``==`` are stripped first; a credit naming two outlets ("JIJI,
    Kyodo", "REUTERS, BLOOMBERG") is the first's. A signature naming no
    configured outlet is shown as written, cut before any date or time it
    carries ("Source: Taipei Times September 11, 2023" -> "Taipei Times")."""
    def inner(sig: str) -> str:
        folded = fold(sig.strip())
        m = re.match(r"^\(?\s*(?:(?:sources?|nguon)\s*:|theo\s)\s*", folded, flags=re.I)
        return sig.strip()[m.end() if m else 0:].strip(" ()—–-.=•*·")

    for sig in signatures:
        whole = inner(sig)
        for part in [whole, *re.split(r"\s*/\s*", whole), *re.split(r"\s*(?:/|,|&|\band\b)\s*", whole)]:
            code = aliases.get(normalise_key(part))
            if code:
                return code, sig.strip()
    for sig in signatures:  # an acronym not in the config: show it as written
        text = re.split(r"\s*/\s*", inner(sig))[0]
        text = re.split(r"\s+(?=\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)", text)[0]
        text = " ".join(text.split()[:5]).strip(" ,.")
        if text:
            return text, sig.strip()
    return "unknown", ""


def outlet_for(signatures: list[str], url: str, aliases: dict[str, str],
               hosts: dict[str, str]) -> tuple[str, str, str]:
    """``(outlet, outlet_source, via)`` of one article (see the module
    docstring). ``via`` is the URL's host when the page is a copy (the host
    belongs to no outlet, or to another than the one the text names)."""
    host = host_of(url)
    by_host = _host_outlet(host, hosts) if host else ""
    outlet, source = resolve_outlet(signatures, aliases)
    if outlet != "unknown":
        return outlet, source, (host if host and by_host != outlet else "")
    if by_host:
        return by_host, f"url: {host}", ""
    if host:
        return "unknown", f"no signature; host {host} is not in the outlets table", host
    return "unknown", "", ""


def outlet_info(actors: Actors, code: str) -> Outlet | None:
    """The table's entry for an outlet code (None for one shown as written)."""
    return actors.outlets.get(code)
