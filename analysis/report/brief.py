"""The brief on the index page: five to eight findings in plain sentences with
their counts, each count linked to the units behind it; the caveats that apply
to this corpus; and one headline figure.

Every number is counted here from the report's own ``data/*.csv`` (the
segments, the theme hits, the relationship labels, the reporting verbs), with
the report's parameters (boilerplate and near-duplicates left out unless the
run said otherwise; headlines left out), and the units behind it are kept, so
``evidence.html`` lists exactly what each count rests on, each unit linked to
its place in the article view. The counting unit is the meeting when the
corpus has meetings (``event_id``), else the article.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from .articles import read_data
from .tables import article_href, short_names, unit_label


@dataclass
class Count:
    """A count with the units behind it: ``k`` of ``n`` groups (meetings or
    articles), and the ids of the paragraphs/sentences that make the k."""

    key: str
    k: int
    n: int
    units: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    label: str = ""
    #: every group counted in n (the denominator), when the count has groups
    of: list[str] = field(default_factory=list)
    #: what k counts: "group" (meetings or articles), "doc" (articles), "unit" (paragraphs or sentences)
    per: str = "group"
    #: the group (meeting or article) of each unit, where the count knows it
    unit_groups: dict = field(default_factory=dict)


@dataclass
class Finding:
    """One sentence of the brief (``html``: escaped, counts linked to
    ``evidence.html#<key>``) and the counts it shows."""

    key: str
    html: str
    source: str
    counts: list[Count] = field(default_factory=list)
    title: str = ""


def _truthy(s: pd.Series) -> pd.Series:
    return s.astype(str).str.strip().str.lower().isin(["true", "1", "yes"])


def counted_paragraphs(segments: pd.DataFrame, include_boilerplate: bool = False,
                       include_duplicates: bool = False) -> pd.DataFrame:
    """The paragraphs the report counts (as ``analysis.corpus.select_units``
    with the run's parameters; headline rows are never counted), with
    ``group``: the meeting (``event_id``) or, without one, the article."""
    segs = segments.copy()
    keep = pd.Series(True, index=segs.index)
    if not include_boilerplate and "boilerplate" in segs:
        keep &= ~_truthy(segs["boilerplate"])
    if not include_duplicates and "duplicate_of" in segs:
        keep &= segs["duplicate_of"].fillna("") == ""
    if "unit" in segs:
        keep &= segs["unit"] != "headline"
    segs = segs[keep].copy()
    event = segs["event_id"].fillna("") if "event_id" in segs else pd.Series("", index=segs.index)
    segs["event_list"] = [e.split(";") if e else [] for e in event]
    segs["group"] = [ev[0] if len(ev) == 1 else d for ev, d in zip(segs["event_list"], segs["doc_id"])]
    segs["partner_list"] = [p.split(";") if p else [] for p in segs.get("partners", pd.Series("", index=segs.index))]
    return segs


def event_partners(report_dir) -> dict[str, str]:
    """event_id -> partner, from ``data/events.csv`` when the run wrote it."""
    events = read_data(report_dir, "events")
    if events is None or not {"event_id", "partner"} <= set(events.columns):
        return {}
    return dict(zip(events["event_id"], events["partner"]))


def partner_groups(paras: pd.DataFrame, partner: str, events: dict[str, str]) -> pd.Series:
    """The meeting each paragraph belongs to *for this partner*: the one of its
    meetings that is the partner's (a paragraph about both partners of a joint
    visit belongs to one meeting with each), else its article."""
    out = []
    for ev, doc in zip(paras["event_list"], paras["doc_id"]):
        mine = [e for e in ev if events.get(e, e.split(":")[0]) == partner]
        out.append(mine[0] if mine else doc)
    return pd.Series(out, index=paras.index, dtype=object)


def group_noun(segments: pd.DataFrame) -> str:
    return "meetings" if "event_id" in segments and (segments["event_id"] != "").any() else "articles"


def theme_counts(paras: pd.DataFrame, hits: pd.DataFrame, theme: str, partner: str,
                 events: dict[str, str] | None = None) -> Count:
    """Of the groups (the partner's meetings, or articles) with a paragraph
    about ``partner``, those where one of those paragraphs carries ``theme``."""
    mine = paras[[partner in p for p in paras["partner_list"]]].copy()
    mine["group"] = partner_groups(mine, partner, events or {})
    with_theme = set(hits.loc[hits["theme"] == theme, "seg_id"])
    carrying = mine[mine["seg_id"].isin(with_theme)]
    return Count(f"{theme}-{partner}", carrying["group"].nunique(), mine["group"].nunique(),
                 list(carrying["seg_id"]), sorted(carrying["group"].unique()), label=partner,
                 of=sorted(mine["group"].unique()), unit_groups=dict(zip(carrying["seg_id"], carrying["group"])))


def _link(count: Count, text: str) -> str:
    return f"<a href='evidence.html#{html.escape(count.key)}'>{html.escape(text)}</a>"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def theme_findings(paras, hits, themes: list[str], theme_labels: dict, partners: list[str],
                   partner_labels: dict, noun: str, events: dict[str, str] | None = None) -> list[Finding]:
    """One finding per main theme: in how many of each partner's meetings (or
    articles) it comes up; the themes whose shares differ most come first."""
    out = []
    for t in themes:
        counts = [theme_counts(paras, hits, t, p, events) for p in partners]
        for c, p in zip(counts, partners):
            c.label = f"{theme_labels.get(t, t)}, {partner_labels.get(p, p)}: {c.k} of {c.n} {noun}"
        if not any(c.n for c in counts):
            continue
        parts = [_link(c, f"{c.k} of {c.n}") + f" {noun} with {html.escape(partner_labels.get(p, p))}"
                 for c, p in zip(counts, partners) if c.n]
        label = theme_labels.get(t, t)
        sentence = f"<b>{html.escape(label)}</b> comes up in {_join(parts)}."
        shares = [c.k / c.n for c in counts if c.n]
        spread = max(shares) - min(shares) if shares else 0
        out.append((spread, Finding(f"theme-{t}", sentence, "data/theme_hits.csv", counts, title=label)))
    out.sort(key=lambda x: -x[0])
    return [f for _, f in out]


def label_finding(labels: pd.DataFrame | None, partners: list[str], partner_labels: dict) -> Finding | None:
    """What each relationship is called: its partnership labels, by the number of articles using each."""
    if labels is None or labels.empty or not {"partner", "label", "kind", "sent_id", "doc_id"} <= set(labels):
        return None
    sub = labels[(labels.get("scope", "bilateral") == "bilateral") & (labels["kind"] == "partnership")]
    parts, counts = [], []
    for p in partners:
        mine = sub[sub["partner"] == p]
        if mine.empty:
            continue
        by = mine.groupby("label", sort=False).agg(n=("doc_id", "nunique"), sents=("sent_id", list))
        by = by.sort_values("n", ascending=False, kind="stable").head(2)
        n_docs = labels.loc[labels["partner"] == p, "doc_id"].nunique()
        bits = []
        for lab, row in by.iterrows():
            c = Count(f"label-{p}-{len(counts)}", int(row["n"]), n_docs, list(row["sents"]),
                      label=f"{partner_labels.get(p, p)}: “{lab}” in {int(row['n'])} of {n_docs} articles", per="doc")
            counts.append(c)
            bits.append(f"“{html.escape(lab)}” ({_link(c, f'{c.k} article' + ('s' if c.k != 1 else ''))})")
        parts.append(f"with {html.escape(partner_labels.get(p, p))} {' and '.join(bits)}")
    if not parts:
        return None
    return Finding("labels", "The relationship is called a partnership " + "; ".join(parts) + ".",
                   "data/relationship_labels.csv", counts, title="Relationship labels")


def agency_finding(agency: pd.DataFrame | None, partners: list[str], partner_labels: dict, home: str,
                   home_label: str) -> Finding | None:
    """Who asks and who pledges: request sentences of the home side and pledge
    sentences of each partner, in that partner's talks."""
    if agency is None or agency.empty or not {"verb_class", "speaker_side", "sent_id"} <= set(agency):
        return None
    plist = [p.split(";") if p else [] for p in agency.get("partners", agency.get("partner", pd.Series("", index=agency.index)))]
    counts, asks, pledges = [], [], []
    for p in partners:
        talks = agency[[p in x for x in plist]]
        if talks.empty:
            continue
        req = talks[(talks["verb_class"] == "request") & (talks["speaker_side"] == home)]["sent_id"].unique()
        pl = talks[(talks["verb_class"] == "pledge") & (talks["speaker_side"] == p)]["sent_id"].unique()
        n = talks["sent_id"].nunique()
        name = partner_labels.get(p, p)
        c1 = Count(f"asks-{p}", len(req), n, list(req), per="unit",
                   label=f"requests by the {home_label} side in talks with {name}: {len(req)} of {n} sentences")
        c2 = Count(f"pledges-{p}", len(pl), n, list(pl), per="unit",
                   label=f"pledges by {name}: {len(pl)} of {n} sentences")
        counts += [c1, c2]
        label = html.escape(name)
        asks.append(f"{_link(c1, str(c1.k))} in talks with {label}")
        pledges.append(f"{label} {_link(c2, str(c2.k))}")
    if not counts:
        return None
    text = (f"Requests by the {html.escape(home_label)} side: {_join(asks)}; pledges: {_join(pledges)} "
            "(sentences with a reporting verb).")
    return Finding("agency", text, "data/agency.csv", counts, title="Who asks, who pledges")


def pair_finding(pairs: pd.DataFrame | None, paras: pd.DataFrame, hits: pd.DataFrame, theme_labels: dict,
                 min_support: int = 2) -> Finding | None:
    """The pair of themes that travels together most (paragraph NPMI, all
    partners, supported by at least ``min_support`` paragraphs)."""
    if pairs is None or pairs.empty:
        return None
    sub = pairs[(pairs["level"] == "paragraph") & (pairs["partner"] == "all")].copy()
    sub["a_n"] = pd.to_numeric(sub["a"], errors="coerce")
    sub["npmi_n"] = pd.to_numeric(sub["npmi"], errors="coerce")
    sub = sub[(sub["a_n"] >= min_support) & (sub["npmi_n"] > 0)]
    if sub.empty:
        return None
    top = sub.sort_values(["npmi_n", "a_n"], ascending=False, kind="stable").iloc[0]
    ta, tb = top["theme_a"], top["theme_b"]
    a_ids, b_ids = set(hits.loc[hits["theme"] == ta, "seg_id"]), set(hits.loc[hits["theme"] == tb, "seg_id"])
    both = paras[paras["seg_id"].isin(a_ids & b_ids)]
    c = Count("pair-units", len(both), len(paras), list(both["seg_id"]), sorted(both["group"].unique()),
              label=f"paragraphs with both: {len(both)} of {len(paras)}", per="unit")
    text = (f"<b>{html.escape(theme_labels.get(ta, ta))}</b> and <b>{html.escape(theme_labels.get(tb, tb))}</b> "
            f"travel together most: both in {_link(c, f'{c.k} paragraphs')} (NPMI {float(top['npmi_n']):.2f}).")
    return Finding("pair", text, "data/cooccurrence.csv", [c], title="Themes that travel together")


def build_brief(report_dir, params: dict, actors) -> dict | None:
    """The findings, the counting noun and the table behind the headline
    figure, from the report's CSVs (None without ``data/segments.csv``)."""
    segments, hits = read_data(report_dir, "segments"), read_data(report_dir, "theme_hits")
    themes = read_data(report_dir, "codebook_themes")
    if segments is None:
        return None
    paras = counted_paragraphs(segments, bool(params.get("include_boilerplate")), bool(params.get("include_duplicates")))
    noun = group_noun(segments)
    partners = list(actors.partner_keys)
    partner_labels = {k: a.label for k, a in actors.partners.items()}
    findings: list[Finding] = []
    rows = []
    if hits is not None and themes is not None:
        main = list(themes.loc[_truthy(themes["main"]), "theme"])
        theme_labels = dict(zip(themes["theme"], themes["label"]))
        tf = theme_findings(paras, hits, main, theme_labels, partners, partner_labels, noun,
                            event_partners(report_dir))
        findings += tf[:4]
        for f in tf:
            for c, p in zip(f.counts, partners):
                rows.append({"theme": f.key.removeprefix("theme-"), "label": f.title, "partner": p, "k": c.k,
                             "n": c.n, "unit": noun[:-1]})
        pair = pair_finding(read_data(report_dir, "cooccurrence"), paras, hits, theme_labels)
    else:
        theme_labels, pair = {}, None
    for f in (label_finding(read_data(report_dir, "relationship_labels"), partners, partner_labels),
              agency_finding(read_data(report_dir, "agency"), partners, partner_labels, actors.home.key,
                             actors.home.adjective), pair):
        if f is not None:
            findings.append(f)
    return {"findings": findings[:8], "noun": noun, "headline": pd.DataFrame(rows), "paragraphs": paras,
            "partner_labels": partner_labels, "theme_labels": theme_labels}


def evidence_html(findings: list[Finding], report_dir, paras: pd.DataFrame) -> str:
    """``evidence.html``'s content: per finding, per count, the units behind it
    (a link to each in the article view and the text), grouped by meeting or article."""
    segs = read_data(report_dir, "segments")
    sents = read_data(report_dir, "sentences")
    text = dict(zip(segs["seg_id"], segs["text"])) if segs is not None else {}
    if sents is not None:
        text.update(zip(sents["sent_id"], sents["text"]))
    group = dict(zip(paras["seg_id"], paras["group"]))
    names = short_names(segs["doc_id"]) if segs is not None else {}
    events = read_data(report_dir, "events")
    meetings = {}
    if events is not None and {"event_id", "doc_ids"} <= set(events.columns):
        for e in events.itertuples(index=False):
            docs = ", ".join(f"<a href='{html.escape(article_href(d))}'>{html.escape(names.get(d, d))}</a>"
                             for d in str(e.doc_ids).split(";") if d)
            meetings[e.event_id] = (f"meeting <b>{html.escape(e.event_id)}</b> "
                                    f"<span class='kit-note'>reported in {docs}</span>")
    out = ["<h1>The evidence behind the brief</h1><p>Each count of the brief, with the paragraphs or sentences "
           "it rests on; each links to its place in the article view.</p>"]
    for f in findings:
        out.append(f"<h2 id='{html.escape(f.key)}'>{html.escape(f.title or f.key)}</h2><p>{f.html}</p>"
                   f"<p class='kit-note'>counted from <a href='{html.escape(f.source)}'>{html.escape(f.source)}</a></p>")
        for c in f.counts:
            out.append(f"<h3 id='{html.escape(c.key)}'>{html.escape(c.label or f'{c.key}: {c.k} of {c.n}')}</h3>")
            by_group: dict[str, list[str]] = {}
            for u in c.units:
                seg = u.split(":s")[0]
                key = (seg.split(":")[0] if c.per == "doc"
                       else c.unit_groups.get(u) or group.get(seg, seg.split(":")[0]))
                by_group.setdefault(key, []).append(u)
            items = []
            for g, units in by_group.items():
                head = (f"<a href='{html.escape(article_href(g))}'>{html.escape(names.get(g, g))}</a> "
                        f"<span class='kit-note'>{html.escape(g)}</span>" if g in names
                        else meetings.get(g, html.escape(g)))
                rows = "".join(f"<li class='kit-ev-unit'><a class='kit-unit' href='{html.escape(article_href(u))}'>"
                               f"{html.escape(unit_label(u, names))}</a> {html.escape(text.get(u, ''))}</li>"
                               for u in units)
                items.append(f"<li class='kit-ev-group'>{head}<ul>{rows}</ul></li>")
            if items:
                out.append("<ul class='kit-evidence-list'>" + "".join(items) + "</ul>")
            missing = [g for g in c.of if g not in by_group]
            if missing:
                links = ", ".join(f"<a href='{html.escape(article_href(g))}'>{html.escape(names.get(g, g))}</a>"
                                  if g in names else meetings.get(g, html.escape(g)) for g in missing)
                out.append(f"<p class='kit-note'>Not in: {links} (the other {len(missing)} of the {c.n}).</p>")
            elif not c.units:
                out.append("<p class='kit-note'>no unit: the count is zero.</p>")
    return "".join(out)


def _country_adjective(actors, key: str) -> str:
    if not key:
        return ""
    if key == actors.home.key:
        return actors.home.adjective
    actor = actors.partners.get(key) or getattr(actors, "unselected", {}).get(key)
    return actor.adjective if actor is not None else key


def caveats(report_dir, actors, paras: pd.DataFrame, noun: str, partner_labels: dict) -> list[str]:
    """What a reader must know before quoting the brief (HTML, escaped): who
    published the corpus (home or foreign, state or private media, from the
    outlets of ``partners.yaml``), how small it is, whether the codebook was
    validated on it, and what was set aside."""
    docs = read_data(report_dir, "documents")
    if docs is None:
        return []
    out = []
    n_docs = len(docs)
    by_outlet = docs["outlet"].replace("", "unknown").value_counts()
    kinds, unknown = {}, []
    for code, n in by_outlet.items():
        outlet = actors.outlets.get(code)
        country = getattr(outlet, "country", "") if outlet is not None else ""
        owner = getattr(outlet, "ownership", "") if outlet is not None else ""
        if not (country or owner):
            unknown.append(code)
        desc = " ".join(x for x in (_country_adjective(actors, country), owner) if x) or "unrecorded"
        kinds.setdefault(desc, []).append(f"{code} {n}")
    listing = "; ".join(f"{k} media ({', '.join(v)})" if k != "unrecorded" else f"outlets of unrecorded ownership "
                        f"({', '.join(v)})" for k, v in kinds.items())
    text = f"<b>Who published it.</b> The {n_docs} articles come from {html.escape(listing)}."
    homes = [k for k in kinds if k.startswith(actors.home.adjective)]
    if homes and len(kinds) == len(homes):
        text += (f" All are {html.escape(actors.home.adjective)} outlets: this is how the home country's own media "
                 "report the meetings, not how the partners or independent media do.")
    if unknown:
        text += (f" Whose outlets {html.escape(', '.join(unknown))} are (country, ownership) is not recorded in "
                 "<code>partners.yaml</code>.")
    out.append(text)
    events = event_partners(report_dir)
    sizes = []
    for p in partner_labels:
        mine = paras[[p in x for x in paras["partner_list"]]]
        sizes.append((partner_labels.get(p, p), partner_groups(mine, p, events).nunique()))
    smallest = min((n for _, n in sizes if n), default=0)
    size = ", ".join(f"{html.escape(name)} {n}" for name, n in sizes)
    text = f"<b>How much there is.</b> {n_docs} articles, {len(paras)} counted paragraphs; {noun} per partner: {size}."
    if smallest and smallest < 20:
        text += (f" With {smallest} {noun} a single one moves a share by {100 / smallest:.0f} points: read differences "
                 "as leads to check in the text, not as findings.")
    out.append(text)
    quality = read_data(report_dir, "theme_quality")
    if quality is not None and len(quality):
        f1 = pd.to_numeric(quality["f1"], errors="coerce")
        n_units = pd.to_numeric(quality["n_units"], errors="coerce").max()
        out.append(f"<b>Was the codebook checked here?</b> Yes, against a hand labelling of {int(n_units)} paragraphs "
                   f"of this corpus: F1 {f1.min():.2f}{'' if f1.min() == f1.max() else f'–{f1.max():.2f}'} over the "
                   f"{len(quality)} main themes "
                   "(<a href='data/theme_quality.csv'>data/theme_quality.csv</a>). The labelling covers only these "
                   "articles; new articles need their own.")
    else:
        out.append("<b>Was the codebook checked here?</b> No: no hand labelling covers this corpus, so the theme "
                   "counts are unverified (see the Themes page for how to label a sample).")
    segs = read_data(report_dir, "segments")
    if segs is not None:
        bp = int(_truthy(segs["boilerplate"]).sum()) if "boilerplate" in segs else 0
        head = segs["unit"] == "headline" if "unit" in segs else pd.Series(False, index=segs.index)
        dup = int(((segs["duplicate_of"] != "") & ~head).sum()) if "duplicate_of" in segs else 0
        undated = int((docs["date"] == "").sum()) if "date" in docs else 0
        bits = [f"{bp} boilerplate paragraphs (captions, bylines, links) are left out",
                f"{dup} near-duplicate paragraphs (the same meeting in a second outlet) are counted once"]
        if head.any():
            bits.append(f"{int(head.sum())} headline lines (repeats above photos included) are not counted as paragraphs")
        if undated:
            bits.append(f"{undated} articles have no date")
        out.append("<b>Set aside.</b> " + "; ".join(bits) + ".")
    return out
