"""What the pages of the seeds report say and link to, read from the HTML the
CLI wrote: the brief's counts agree with the framing page's tables and list the
units behind them; the article view has every paragraph, sentence and counted
hit at its id; evidence rows link there; the DataTables bundle is inlined once
on a page that needs it and nowhere else; the parameters are shown once."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def report(seed_report) -> Path:
    return seed_report.report_dir


def test_the_brief_counts_what_the_framing_page_counts(report):
    index = (report / "index.html").read_text(encoding="utf-8")
    findings = re.search(r'<ol class="kit-findings">(.*?)</ol>', index, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", findings, re.S)
    assert 5 <= len(items) <= 8
    # counted per meeting (data/events.csv), worked by hand from the seeds: the US meetings are
    # Bangkok 2022-11-17 (article 000) and Hà Nội 2023-04-15 (004); Japan's are Bangkok 2022-11-17
    # (000 and 001), 2023-10-10 (003) and 2024-03-12 (002). ODA: every Japan meeting (001 ¶5,
    # 003, 002; 000's Japan paragraphs repeat 001 and are counted once), no US meeting. War legacy:
    # both US meetings (000 ¶4, 004 ¶2), no Japan one. Visas: Japan 2022-11-17 (001 ¶11) and
    # 2023-10-10, no US. South China Sea: the 2023 US meeting only.
    expected = {"oda": ((0, 2), (3, 3)), "war_legacy": ((2, 2), (0, 3)), "visas": ((0, 2), (2, 3)),
                "scs": ((1, 2), (0, 3))}
    labels = {r["theme"]: r["label"] for r in rows(report / "data" / "codebook_themes.csv")}
    for theme, ((uk, un), (jk, jn)) in expected.items():
        item = next(i for i in items if f"<b>{labels[theme]}</b>" in i)
        assert f">{uk} of {un}</a> meetings with United States" in item, item
        assert f">{jk} of {jn}</a> meetings with Japan" in item, item
    # when the framing page counts meetings too, the two agree
    salience = [r for r in rows(report / "data" / "salience.csv") if r["level"] == "meeting"]
    for r in salience:
        if r["theme"] in expected:
            k, n = expected[r["theme"]][["us", "japan"].index(r["partner"])]
            assert (int(r["k"]), int(r["n"])) == (k, n), r


def test_the_caveats_name_the_publishers_size_and_validation(report):
    index = (report / "index.html").read_text(encoding="utf-8")
    caveats = re.search(r'<ul class="kit-caveats">(.*?)</ul>', index, re.S).group(1)
    assert "Who published it." in caveats and "VNS 3" in caveats and "WVR 1" in caveats and "VNA 1" in caveats
    assert "How much there is." in caveats and "5 articles" in caveats
    # 2 US meetings: one meeting moves a US share by 50 points
    assert "moves a share by 50 points" in caveats
    assert "Was the codebook checked here?</b> Yes" in caveats and "59 paragraphs" in caveats
    # the figure comes with a real description
    alt = re.search(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)"', index).group(1)
    assert alt.startswith("The main themes: share of each partner") and "Japan 3 of 3" in alt


def test_the_evidence_lists_exactly_the_units_behind_a_count(report):
    evidence = (report / "evidence.html").read_text(encoding="utf-8")
    section = evidence.split("id='oda-japan'", 1)[1].split("<h3", 1)[0]
    listed = set(re.findall(r"href='articles/[^#']+#([^']+)'", section))
    segs = {r["seg_id"]: r for r in rows(report / "data" / "segments.csv")}
    expected = {h["seg_id"] for h in rows(report / "data" / "theme_hits.csv")
                if h["theme"] == "oda" and "japan" in segs[h["seg_id"]]["partners"].split(";")}
    # three meetings: 001 ¶5 (Bangkok), 002 and 003
    assert listed == expected and len({s.split(":")[0] for s in listed}) == 3


def test_the_article_view_has_every_paragraph_sentence_and_hit(report):
    segs = rows(report / "data" / "segments.csv")
    sents = rows(report / "data" / "sentences.csv")
    hits = rows(report / "data" / "theme_hits.csv")
    docs = {r["doc_id"] for r in rows(report / "data" / "documents.csv")}
    assert {p.stem for p in (report / "articles").glob("*.html")} == docs | {"index"}
    for doc in docs:
        page = (report / "articles" / f"{doc}.html").read_text(encoding="utf-8")
        ids = set(re.findall(r"""id=['"]([^'"]+)['"]""", page))
        assert {s["seg_id"] for s in segs if s["doc_id"] == doc} <= ids
        assert {s["sent_id"] for s in sents if s["doc_id"] == doc} <= ids
        assert {h["hit_id"] for h in hits if h["doc_id"] == doc} <= ids
    # a repeated paragraph says which one it repeats, with a link there
    page = (report / "articles" / "000_47b72d136ef06a5a.html").read_text(encoding="utf-8")
    assert "repeats <a href='001_769d80ff2aa4f581.html#001_769d80ff2aa4f581:p004'>" in page


def test_evidence_rows_link_to_their_unit(report):
    framing = (report / "04_framing.html").read_text(encoding="utf-8")
    table = framing.split("The sentences behind the cross table", 1)[1].split("</table>", 1)[0]
    links = re.findall(r'<a class="kit-unit" href="(articles/[^"#]+\.html#[^"]+)"', table)
    agency = rows(report / "data" / "agency_evidence.csv")
    assert len(links) == len(agency)
    for link, row in zip(links, agency):
        assert link.endswith("#" + row["sent_id"]) and (report / link.split("#")[0]).is_file()


def test_datatables_inlined_once_where_needed(report):
    for page in sorted(report.glob("*.html")) + sorted((report / "articles").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        bundles = text.count('id="kit-datatables"')
        needs = re.search(r"""class=["']kit-table kit-dt""", text) is not None  # an interactive table
        assert bundles == (1 if needs else 0), page.name
    assert (report / "04_framing.html").read_text(encoding="utf-8").count('id="kit-datatables"') == 1


def test_index_shows_the_parameters_once_at_the_end(report):
    index = (report / "index.html").read_text(encoding="utf-8")
    body = index.split("<body", 1)[1]
    assert body.count("<th>corpus_dir</th>") == 1 and body.count("<th>02_themes.n_boot</th>") == 1
    assert body.index("<th>corpus_dir</th>") > body.index('id="kit-made"')


def test_noise_goes_to_the_csv_or_the_appendix(report):
    themes = (report / "02_themes.html").read_text(encoding="utf-8")
    appendix = themes.split('id="Appendix"', 1)[1]
    for caption in ("Every phrase of the codebook", "Co-occurrence of every pair of themes"):
        assert caption in appendix and caption not in themes.split('id="Appendix"', 1)[0]
    n_hits = len(rows(report / "data" / "theme_hits.csv"))
    assert f"Every theme hit with its offsets</b>: {n_hits} rows, not shown on the page" in themes
    topics = (report / "03_topics.html").read_text(encoding="utf-8")
    assert "not shown on the page" in topics and "segment_topics.csv" in topics
