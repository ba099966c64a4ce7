"""Headlines coded as their own unit, on a corpus built here: theme hits, one
headline per article (a copy above the photo never counts again), article-level
presence including the headline, and paragraph counts unchanged by it, with or
without the corpus layer's ``unit`` column."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis import themes as th
from analysis.report.prepare import prepare

from .built_corpus import write_corpus

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    corpus = write_corpus(tmp_path_factory.mktemp("headlines") / "corpus")
    return prepare(corpus, ROOT / "config" / "partners.yaml", ROOT / "config" / "codebook.yaml")


@pytest.fixture(scope="module")
def coding(bundle):
    return th.code_corpus(bundle.segments, bundle.sentences, bundle.documents, bundle.codebook)


def test_one_headline_unit_per_article_with_its_hits(coding, bundle):
    heads = coding.headlines.set_index("unit_id")
    assert len(heads) == bundle.documents.shape[0] == 8
    # a01 names visas only in its headline (and the copy above the photo, which is not a second unit)
    assert heads.loc["a01_visa_headline:p000", "visas"]
    assert "a01_visa_headline:p001" not in heads.index
    hits = coding.counted_hits
    assert set(hits.loc[hits["unit"] == "headline", "seg_id"]) >= {"a01_visa_headline:p000", "a08_visa:p000"}
    assert "a01_visa_headline:p001" not in set(hits["seg_id"])
    assert not heads.loc["a05_trade:p000", ["oda", "visas", "war_legacy", "scs"]].any()


def test_article_presence_includes_the_headline_and_paragraph_counts_do_not_change(coding, bundle):
    docs = coding.documents.set_index("doc_id")
    # no paragraph of a01 carries visas, its headline does
    assert not coding.paragraphs.loc[coding.paragraphs["doc_id"] == "a01_visa_headline", "visas"].any()
    assert docs.loc["a01_visa_headline", "visas"]
    assert coding.document_slices.set_index("unit_id").loc["a01_visa_headline|japan", "visas"]
    # three content paragraphs per article, whatever the headline holds
    assert docs["n_units"].tolist() == [3] * 8
    content = bundle.segments[~bundle.segments["boilerplate"]]
    assert len(coding.paragraphs) == len(content) == 24
    assert not set(coding.paragraphs["unit_id"]) & set(coding.headlines["unit_id"])


def test_with_the_corpus_layers_unit_column_the_codes_are_the_same(coding, bundle):
    """Issue 10's segments: ``unit`` = headline for the headline and its copy
    (``duplicate_of`` = the first headline), headline rows not boilerplate."""
    segs = bundle.segments.copy()
    kind = segs["boilerplate_kind"]
    segs["unit"] = ["headline" if k in ("headline", "repeated_headline") else "paragraph" for k in kind]
    first = segs[kind == "headline"].set_index("doc_id")["seg_id"]
    copy = kind == "repeated_headline"
    segs.loc[copy, "duplicate_of"] = segs.loc[copy, "doc_id"].map(first)
    heads = segs["unit"] == "headline"
    segs.loc[heads, "boilerplate"] = False
    segs.loc[heads, "boilerplate_kind"] = ""
    sents = bundle.sentences.copy()
    sents["unit"] = sents["seg_id"].map(dict(zip(segs["seg_id"], segs["unit"])))
    sents.loc[sents["unit"] == "headline", "boilerplate"] = False
    again = th.code_corpus(segs, sents, bundle.documents, bundle.codebook)
    for name in ("headlines", "paragraphs", "sentences", "documents", "document_slices"):
        assert getattr(again, name).equals(getattr(coding, name)), name


def test_prevalence_has_a_headline_level(coding, bundle):
    prev = th.prevalence_levels(coding, bundle.codebook.keys)
    head = prev[(prev["level"] == "headline") & (prev["group"] == "all") & (prev["theme"] == "visas")]
    # headlines with visas: a01, a07 ("ease travel"), a08 -> 3 of 8
    assert head[["n_with", "n_units"]].values.tolist() == [[3, 8]]
