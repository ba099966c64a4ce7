"""Loading and validating the YAML configuration files.

Each loader raises :class:`analysis.errors.InputError` naming the file and the
problem (malformed YAML, an unknown key, a missing field, a wrong type).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key that a mapping repeats (a second
    ``oda:`` theme would otherwise silently replace the first)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":      # "<<: *defaults" merges, it is no key
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} repeated (first on line {seen[key]})", key_node.start_mark)
                seen[key] = key_node.start_mark.line + 1
            except TypeError:           # an unhashable key: the base class reports it
                continue
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: str | Path) -> Any:
    """Read a YAML file; a missing, unreadable or malformed file is an InputError."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "file not found")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"malformed YAML{where}: {problem}") from None
    if data is None:
        raise InputError(path, "file is empty")
    return _nfc(data)


def _nfc(value: Any) -> Any:
    """Every string in a loaded YAML tree in NFC, as the articles are: a pattern
    typed with combining accents must match text typed without them."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def check_keys(path: str | Path, where: str, mapping: Any, allowed: set[str], required: set[str] = frozenset()) -> dict:
    """Check that ``mapping`` is a dict whose keys are all in ``allowed`` and
    include ``required``; ``where`` names the entry in the message."""
    if not isinstance(mapping, dict):
        raise InputError(path, f"{where}: expected a mapping, got {type(mapping).__name__}")
    unknown = sorted(set(map(str, mapping)) - allowed)
    if unknown:
        raise InputError(path, f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})")
    missing = sorted(required - set(mapping))
    if missing:
        raise InputError(path, f"{where}: missing required key {missing[0]!r}")
    return mapping


def _str_list(path, where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise InputError(path, f"{where}: expected a list of strings")
    out = tuple(str(v).strip() for v in value)
    if any(not v for v in out):
        raise InputError(path, f"{where}: empty string in list")
    return out


@dataclass(frozen=True)
class Actor:
    """One country as the corpus names it."""

    key: str
    label: str
    names: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def all_terms(self) -> tuple[str, ...]:
        return self.names + self.case_sensitive + self.adjectives + self.people

    @property
    def adjective(self) -> str:
        """The first adjective ("Vietnamese"), or the label when none is given."""
        return self.adjectives[0] if self.adjectives else self.label


@dataclass(frozen=True)
class Outlet:
    """One outlet of ``partners.yaml``'s ``outlets`` table: the code a report
    shows, its name, the forms its signatures take, the web hosts it publishes
    on, whose it is (``country``: the home key, a partner key or another
    country's name) and who owns it (``ownership``: state, public or private);
    ``kind`` is agency, newspaper, broadcaster, magazine, portal or government."""

    code: str
    name: str
    aliases: tuple[str, ...]
    hosts: tuple[str, ...] = ()
    country: str = ""
    ownership: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Actors:
    """The parsed ``partners.yaml``: home country, partners (in file order), outlets."""

    home: Actor
    partners: dict[str, Actor]
    outlets: dict[str, Outlet] = field(default_factory=dict)
    path: str = ""
    # partners defined in the file but not selected for this report: still
    # recognised, so a paragraph about one of them is not taken for another
    unselected: dict[str, Actor] = field(default_factory=dict)
    # third countries (``others`` in the file): never compared, only recognised,
    # so a paragraph naming only one of them is ``other``
    others: dict[str, Actor] = field(default_factory=dict)

    @property
    def partner_keys(self) -> list[str]:
        return list(self.partners)

    def select(self, keys: list[str] | None) -> Actors:
        """Keep only the named partners (in the given order); unknown keys are an InputError."""
        if not keys:
            return self
        unknown = [k for k in keys if k not in self.partners]
        if unknown:
            raise InputError(self.path, f"unknown partner {unknown[0]!r} (defined: {', '.join(self.partners)})")
        rest = {k: a for k, a in {**self.partners, **self.unselected}.items() if k not in keys}
        return Actors(self.home, {k: self.partners[k] for k in keys}, self.outlets, self.path, rest, self.others)

    def stop_words(self) -> set[str]:
        """Lower-cased, folded word tokens of every actor and outlet name, for
        topic models and keyness that should follow content, not who was there."""
        from .text import words

        out: set[str] = set()
        for actor in [self.home, *self.partners.values()]:
            for term in actor.all_terms():
                out.update(words(term))
        for outlet in self.outlets.values():
            # codes and one-word aliases only: an outlet's descriptive name
            # ("World & Vietnam Report") is made of ordinary words
            for term in (outlet.code, *outlet.aliases):
                if " " not in term:
                    out.update(words(term))
        return out


_ACTOR_KEYS = {"key", "label", "names", "case_sensitive", "adjectives", "people", "exclude"}


def _actor(path, where: str, key: str, raw: Any) -> Actor:
    check_keys(path, where, raw, _ACTOR_KEYS, {"label"})
    lists = {k: _str_list(path, f"{where}.{k}", raw.get(k)) for k in _ACTOR_KEYS - {"key", "label"}}
    actor = Actor(key=str(raw.get("key", key)), label=str(raw["label"]), **lists)
    if not actor.names and not actor.case_sensitive and not actor.adjectives and not actor.people:
        raise InputError(path, f"{where}: needs at least one of names, case_sensitive, adjectives, people")
    return actor


def load_actors(path: str | Path) -> Actors:
    """Load and validate ``partners.yaml`` (see the shipped file for the format)."""
    data = load_yaml(path)
    check_keys(path, "top level", data, {"home", "partners", "others", "outlets"}, {"home", "partners"})
    home = _actor(path, "home", "home", data["home"])
    if "key" not in data["home"]:
        raise InputError(path, "home: missing required key 'key'")
    partners_raw = data["partners"]
    if not isinstance(partners_raw, dict) or not partners_raw:
        raise InputError(path, "partners: expected a non-empty mapping of partner key -> definition")
    partners = {}
    for key, raw in partners_raw.items():
        key = str(key)
        if key in ("both", "none", "other", "home", home.key):
            raise InputError(path, f"partners.{key}: {key!r} is reserved, choose another key")
        partners[key] = _actor(path, f"partners.{key}", key, raw)
    others = {}
    others_raw = data.get("others") or {}
    if not isinstance(others_raw, dict):
        raise InputError(path, "others: expected a mapping of country key -> definition")
    for key, raw in others_raw.items():
        key = str(key)
        if key in ("both", "none", "other", "home", home.key) or key in partners:
            raise InputError(path, f"others.{key}: {key!r} is reserved or already a partner, choose another key")
        others[key] = _actor(path, f"others.{key}", key, raw)
    outlets = {}
    for code, raw in (data.get("outlets") or {}).items():
        where = f"outlets.{code}"
        check_keys(path, where, raw, {"name", "aliases", "hosts", "country", "ownership", "kind"}, {"name"})
        for key, allowed in (("ownership", OWNERSHIPS), ("kind", OUTLET_KINDS)):
            if key in raw and str(raw[key]) not in allowed:
                raise InputError(path, f"{where}.{key}: {raw[key]!r} is not one of {', '.join(sorted(allowed))}")
        hosts = tuple(h.lower().removeprefix("www.") for h in _str_list(path, f"{where}.hosts", raw.get("hosts")))
        outlets[str(code)] = Outlet(str(code), str(raw["name"]), _str_list(path, f"{where}.aliases", raw.get("aliases")) or (str(code),),
                                    hosts, str(raw.get("country", "")), str(raw.get("ownership", "")), str(raw.get("kind", "")))
    return Actors(home, partners, outlets, str(path), others=others)


#: who owns an outlet: the state (or a party or ministry), a public-service
#: broadcaster (licence-funded, NHK, KBS), or private owners
OWNERSHIPS = {"state", "public", "private"}
OUTLET_KINDS = {"agency", "newspaper", "broadcaster", "magazine", "portal", "government", "aggregator"}
