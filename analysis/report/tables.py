"""What a report page shows of a table (:class:`HTMLTable`), and the links
from a unit id to its place in the article view.

The evidence (a sentence, a paragraph) is the widest column and wraps; unit
ids become one short link (``000 ¶3.1``) to ``articles/<doc_id>.html#<id>``;
offsets, coarser ids and empty columns are left to the CSV; a long table is
collapsed, and on the report page becomes sortable, filterable and searchable
(DataTables, inlined once per page by the template); a table too long to embed
keeps rows of every partner.
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import pandas as pd

#: Columns that carry the evidence, in the order they are looked for.
EVIDENCE_COLUMNS = ("sentence", "text", "context", "earlier_text", "claim", "example_text", "title", "description")
#: Unit id columns, finest first: the finest present becomes the row's link.
ID_COLUMNS = ("hit_id", "sent_id", "seg_id", "doc_id")
#: Columns that only locate text (offsets, numbers within an article): CSV only.
LOCATOR_COLUMNS = ("para", "sent", "start", "end", "verb_start", "path")
#: A table with more rows than this is collapsed and made interactive.
COLLAPSE_ROWS = 10
#: At most this many rows are put into a page (every partner kept); the CSV has all.
ROW_CAP = 1000

_UNIT = re.compile(r"^(?P<doc>[^:\s]+):p(?P<p>\d+)(?::s(?P<s>\d+))?(?::h(?P<h>\d+))?$")
_DOC_SHORT = re.compile(r"^([^_\-.]+)[_\-.]")


def article_href(unit_id: str, base: str = "") -> str:
    """The address of a unit in the article view: ``articles/<doc_id>.html``
    with the unit id (paragraph, sentence or hit) as the fragment."""
    unit_id = str(unit_id)
    m = _UNIT.match(unit_id)
    doc = m.group("doc") if m else unit_id
    href = f"{base}articles/{quote(doc, safe='')}.html"
    return f"{href}#{quote(unit_id, safe=':')}" if m else href


def short_names(doc_ids) -> dict[str, str]:
    """A short name for each article id: its leading token (``000_47b72d…``
    -> ``000``) when no other id of ``doc_ids`` shares it, else the id cut to
    14 characters."""
    ids = sorted({str(d) for d in doc_ids})
    prefix = {d: (m.group(1) if (m := _DOC_SHORT.match(d)) else None) for d in ids}
    counts: dict[str, int] = {}
    for p in prefix.values():
        if p:
            counts[p] = counts.get(p, 0) + 1
    return {d: (prefix[d] if prefix[d] and counts[prefix[d]] == 1 else (d if len(d) <= 14 else d[:13] + "…"))
            for d in ids}


def _doc_of(unit_id: str) -> str:
    m = _UNIT.match(str(unit_id))
    return m.group("doc") if m else str(unit_id)


def unit_label(unit_id: str, names: dict[str, str] | None = None) -> str:
    """``000 ¶3`` for a paragraph, ``000 ¶3.1`` for its first sentence, ``000``
    for an article (the paragraph number as in the ids and the article view);
    ``names`` maps article ids to their short names (default: :func:`short_names`)."""
    unit_id = str(unit_id)
    doc = _doc_of(unit_id)
    name = (names or {}).get(doc) or short_names([doc])[doc]
    m = _UNIT.match(unit_id)
    if not m:
        return name
    label = f"{name} ¶{int(m.group('p'))}"
    if m.group("s") is not None:
        label += f".{int(m.group('s')) + 1}"     # ¶3.1: paragraph 3 (as in its id), its first sentence
    return label


def _unit_link(unit_id: str, names: dict[str, str], base: str = "") -> str:
    return (f'<a class="kit-unit" href="{html.escape(article_href(unit_id, base))}" '
            f'title="{html.escape(str(unit_id))}">{html.escape(unit_label(unit_id, names))}</a>')


def _is_id_column(values: pd.Series) -> bool:
    vals = [str(v) for v in values if str(v) not in ("", "nan")]
    return bool(vals) and all(_UNIT.match(v) for v in vals[:200])


def _fair_head(df: pd.DataFrame, cap: int, by: str = "partner") -> pd.DataFrame:
    """The first ``cap`` rows, taken in turn from each value of ``by`` (so
    every partner is shown), in the table's own order."""
    if len(df) <= cap:
        return df
    by = by if by in df.columns else ("group" if "group" in df.columns else None)
    if by is None:
        return df.head(cap)
    rank = df.groupby(by, sort=False).cumcount()
    keep = rank.sort_values(kind="stable").index[:cap]
    return df.loc[sorted(keep, key=df.index.get_loc)]


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if v != v:  # NaN
            return ""
        if v in (float("inf"), float("-inf")):
            return "−∞" if v < 0 else "∞"
        return f"{v:.3g}" if abs(v) < 1e6 else f"{v:,.0f}"
    return str(v)


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` escaped, with ``spans`` (offsets into it) in ``<mark>``."""
    out, pos = [], 0
    for a, b in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if a < pos:
            continue
        out += [html.escape(text[pos:a]), "<mark>", html.escape(text[a:b]), "</mark>"]
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


class HTMLTable:
    """A DataFrame shown as an escaped HTML table in a notebook and a report page.

    * ``evidence``: the text columns (default: the first of
      :data:`EVIDENCE_COLUMNS` present, plus ``earlier_text``), shown widest and wrapping;
      a KWIC table's ``left``/``matched``/``right`` become one ``context``
      column with the match marked; a row's ``start``/``end`` (or
      ``verb_start`` and ``verb``) mark the span in its sentence.
    * Unit ids (``hit_id``, ``sent_id``, ``seg_id``, ``doc_id``) become one
      short link (``000 ¶3.1``) to the unit in the article view; other columns
      of ids are shown as links; offsets are left to the CSV; ``hide`` drops more.
    * ``mode``: ``"auto"`` (collapsed and interactive above ``COLLAPSE_ROWS``
      rows), ``"open"``, ``"collapsed"``, ``"appendix"`` (collapsed and moved to
      the end of the page), ``"csv"`` (a line naming the CSV, no table).
    * At most ``cap`` rows go into the page, taken in turn from every partner.
    """

    def __init__(self, df: pd.DataFrame, max_rows: int | None = None, caption: str = "", csv: str = "",
                 evidence: list[str] | None = None, hide: list[str] | None = None, mode: str = "auto",
                 cap: int = ROW_CAP, link_base: str = ""):
        if mode not in ("auto", "open", "collapsed", "appendix", "csv"):
            raise ValueError(f"mode must be auto, open, collapsed, appendix or csv, not {mode!r}")
        self.df, self.caption, self.csv, self.mode, self.cap = df, caption, csv, mode, cap
        self.page_length = max_rows if max_rows and max_rows < 50 else 10
        self.evidence, self.hide, self.link_base = evidence, list(hide or []), link_base

    # -- the table as shown
    def _columns(self) -> tuple[pd.DataFrame, list[str], str | None, list[str]]:
        """(frame to show, evidence columns, the row's unit column, id-link columns)."""
        df = self.df.reset_index(drop=True)
        if {"left", "matched", "right"} <= set(df.columns):
            df = df.copy()
            df["context"] = [f"{left} \x00{m}\x01 {right}" for left, m, right
                             in zip(df["left"].astype(str), df["matched"].astype(str), df["right"].astype(str))]
            df = df.drop(columns=["left", "right", "matched"])   # the match is marked in the context
        unit_col = next((c for c in ID_COLUMNS if c in df.columns and _is_id_column(df[c])
                         or (c == "doc_id" and c in df.columns)), None)
        if self.evidence is not None:
            evidence = [c for c in self.evidence if c in df.columns]
        else:
            evidence = [c for c in EVIDENCE_COLUMNS if c in df.columns][:1]
            if "earlier_text" in df.columns and "earlier_text" not in evidence:
                evidence.append("earlier_text")
            # "ask_sentence", "answer_sentence", "example_text": text columns named as such
            evidence += [c for c in df.columns if c.endswith(("_sentence", "_text")) and c not in evidence
                         and c != "speaker_text"]
        drop = set(self.hide) | {c for c in LOCATOR_COLUMNS if c in df.columns}
        # ids coarser than the row's unit say nothing more; the unit itself becomes the link
        if unit_col is not None:
            drop |= set(ID_COLUMNS[ID_COLUMNS.index(unit_col):]) & set(df.columns)
        id_links = [c for c in df.columns if c not in drop and c != unit_col
                    and (df[c].dtype == object or pd.api.types.is_string_dtype(df[c])) and _is_id_column(df[c])]
        if {"start", "end"} <= set(df.columns) and set(evidence) & {"sentence", "text"}:
            drop |= {"matched", "quote"} & set(df.columns)   # it is marked in the sentence itself
        drop |= {c for c in df.columns if c not in ID_COLUMNS and c not in evidence
                 and all(_fmt(v) in ("", "None", "<NA>") for v in df[c])}
        # an evidence column "x_sentence" (or "x_text") shows the ids of "x_sent_ids" (or "x_seg_ids") as
        # links in front of its text; those id columns, and doc_ids beside them, are left to the CSV
        self._paired_ids = {}
        for c in evidence:
            stem = c.rsplit("_", 1)[0] if "_" in c else ""
            for ids in (f"{stem}_sent_ids", f"{stem}_seg_ids", f"{stem}_sent_id", f"{stem}_seg_id"):
                if stem and ids in df.columns:
                    self._paired_ids[c] = ids
                    drop.add(ids)
                    break
        if self._paired_ids and "doc_ids" in df.columns:
            drop.add("doc_ids")
        # a column with one value in every row says it once, above the table
        self.constants = {}
        if len(df) > 1:
            for c in df.columns:
                if c in drop or c in evidence or c in ID_COLUMNS or c == unit_col:
                    continue
                # exactly one value (compared as written, not as shown rounded)
                vals = {"" if _fmt(v) == "" else repr(v) for v in df[c]}
                if len(vals) == 1:
                    self.constants[c] = df[c].iloc[0]
                    drop.add(c)
        shown = [c for c in df.columns if c not in drop]
        id_links = [c for c in id_links if c not in drop]
        return df[shown + [c for c in (unit_col,) if c and c not in shown]], evidence, unit_col, id_links

    def _rows_html(self, df, evidence, unit_col, id_links, docs) -> tuple[str, str]:
        cols = [c for c in df.columns if c != unit_col]
        # the evidence shares 60% of the width (each of two sentences 30%)
        ev_class = f" class='kit-ev' style='width: {60 // max(len(evidence), 1)}%'"
        head = (["<th class='kit-where'>where</th>"] if unit_col else []) + [
            f"<th{ev_class if c in evidence else ''}>{html.escape(str(c)).replace('_', '_<wbr>')}</th>" for c in cols]
        body = []
        raw = self.df.reset_index(drop=True)
        # columns of short values do not wrap (a label of 14 characters or less stays on one line)
        short = {c for c in cols if c not in evidence and max((len(_fmt(v)) for v in df[c]), default=0) <= 14}
        for i, row in enumerate(df.itertuples(index=False, name=None)):
            rec = dict(zip(df.columns, row))
            cells = []
            if unit_col:
                cells.append(f"<td class='kit-where'>{_unit_link(rec[unit_col], docs, self.link_base)}</td>")
            for c in cols:
                v = rec[c]
                if c in id_links and _fmt(v):
                    cell = _unit_link(v, docs, self.link_base)
                elif c == "context":
                    cell = html.escape(_fmt(v)).replace("\x00", "<mark>").replace("\x01", "</mark>")
                elif c in evidence:
                    text = _fmt(v)
                    spans = []
                    src = raw.iloc[self._index[i]] if hasattr(self, "_index") else None
                    if src is not None and {"start", "end"} <= set(raw.columns) and c in ("sentence", "text"):
                        try:
                            spans.append((int(src["start"]), int(src["end"])))
                        except (TypeError, ValueError):
                            pass
                    if src is not None and {"verb_start", "verb"} <= set(raw.columns) and c == "sentence":
                        try:
                            a = int(src["verb_start"])
                            spans.append((a, a + len(str(src["verb"]))))
                        except (TypeError, ValueError):
                            pass
                    cell = _marked(text, spans)
                    # "ask_sentence" carries the links of its "ask_sent_ids" in front of the text
                    ids_col = self._paired_ids.get(c)
                    if ids_col and src is not None and _fmt(src[ids_col]):
                        links = ", ".join(_unit_link(x, docs, self.link_base) for x in _fmt(src[ids_col]).split(";") if x)
                        cell = f"<span class='kit-ev-where'>{links}</span> {cell}"
                elif c.endswith("_ids") and isinstance(v, str) and v:
                    cell = ", ".join(_unit_link(x, docs, self.link_base) for x in v.split(";") if x)
                else:
                    cell = html.escape(_fmt(v)).replace("_", "_<wbr>").replace(";", ";<wbr>").replace(":", ":<wbr>")
                num = isinstance(v, (int, float)) and not isinstance(v, bool)
                cls = "kit-ev" if c in evidence else ("kit-num" if num else ("kit-short" if c in short else ""))
                order = f" data-order='{html.escape(_fmt(v))}'" if num else ""
                cells.append(f"<td{f' class={cls!r}' if cls else ''}{order}>{cell}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        return "<tr>" + "".join(head) + "</tr>", "\n".join(body)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": repr(self)}, {"kit": {"table": self.csv,
                                                                                     "mode": self.mode}}

    def _repr_html_(self) -> str:
        n = len(self.df)
        csv_link = (f'<a href="{html.escape(self.csv)}">{html.escape(self.csv)}</a>' if self.csv else "")
        cap = html.escape(self.caption) if self.caption else html.escape(self.csv or "table")
        if self.mode == "csv":
            return (f"<p class='kit-note kit-csv-only'><b>{cap}</b>: {n} rows, not shown on the page; "
                    f"{csv_link or 'no CSV'}.</p>")
        if n == 0:
            return (f"<div class='kit-table-wrap'><p class='kit-caption'><b>{cap}</b>: no rows"
                    f"{f' ({csv_link})' if csv_link else ''}.</p></div>")
        fair = _fair_head(self.df.reset_index(drop=True), self.cap)
        self._index = list(fair.index)
        shown, evidence, unit_col, id_links = self._columns()
        shown = shown.loc[fair.index]
        ids = set(self.df["doc_id"].astype(str)) if "doc_id" in self.df.columns else set()
        for c in [unit_col, *id_links]:
            if c:
                ids |= {_doc_of(v) for v in map(_fmt, shown[c]) if v}
        for c in [*(c for c in shown.columns if c.endswith("_ids")), *self._paired_ids.values()]:
            src = shown if c in shown.columns else self.df
            ids |= {_doc_of(x) for v in map(_fmt, src[c]) for x in v.split(";") if x}
        docs = short_names(ids)
        head, body = self._rows_html(shown, evidence, unit_col, id_links, docs)
        interactive = n > COLLAPSE_ROWS
        wide = len(shown.columns) > 10
        classes = ("kit-table" + (" kit-dt" if interactive else "") + (" kit-has-ev" if evidence else "")
                   + (" kit-wide" if wide else "") + (" kit-multi-ev" if len(evidence) > 1 else ""))
        table = (f"<table class='{classes}' data-page-length='{self.page_length}'>"
                 f"<thead>{head}</thead><tbody>{body}</tbody></table>")
        notes = []
        if len(fair) < n:
            by = " (rows of every partner)" if "partner" in self.df.columns else ""
            notes.append(f"showing {len(fair)} of {n} rows{by}")
        if csv_link:
            notes.append(f"full table: {csv_link}")
        if self.constants:
            notes.insert(0, "in every row: " + ", ".join(f"{html.escape(str(k))} = {html.escape(_fmt(v))}"
                                                         for k, v in self.constants.items()))
        foot = f"<p class='kit-note'>{' · '.join(notes)}</p>" if notes else ""
        collapsed = self.mode in ("collapsed", "appendix") or (self.mode == "auto" and interactive)
        wrap_cls = "kit-table-wrap" + (" kit-appendix" if self.mode == "appendix" else "")
        if collapsed:
            return (f"<div class='{wrap_cls}'><details class='kit-collapse'><summary><b>{cap}</b> "
                    f"<span class='kit-count'>{n} row{'s' if n != 1 else ''}</span></summary>"
                    f"{table}{foot}</details></div>")
        return f"<div class='{wrap_cls}'><p class='kit-caption'><b>{cap}</b></p>{table}{foot}</div>"

    def __repr__(self) -> str:  # plain-text fallback (terminal, text export)
        return self.df.head(self.page_length).to_string(index=False)
