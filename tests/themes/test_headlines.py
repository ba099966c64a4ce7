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
    content = bundle.segments[~bundle.segments["boilerplate"] & ~th.headline_mask(bundle.segments)]
    assert len(coding.paragraphs) == len(content) == 24
    assert not set(coding.paragraphs["unit_id"]) & set(coding.headlines["unit_id"])


def _without_unit_column(segments, sentences):
    """The segments as the corpus layer wrote them before it had a ``unit``
    column: headline and copy flagged as boilerplate of kind ``headline`` and
    ``repeated_headline``, no ``duplicate_of`` between them."""
    segs = segments.copy()
    heads = segs["unit"] == "headline"
    copy = heads & (segs["duplicate_of"].fillna("") != "")
    segs.loc[heads, "boilerplate"] = True
    segs.loc[heads & ~copy, "boilerplate_kind"] = "headline"
    segs.loc[copy, "boilerplate_kind"] = "repeated_headline"
    segs.loc[copy, "duplicate_of"] = ""
    sents = sentences.copy()
    sents.loc[sents["seg_id"].isin(set(segs.loc[heads, "seg_id"])), "boilerplate"] = True
    return segs.drop(columns="unit"), sents.drop(columns="unit")


def test_with_or_without_the_corpus_layers_unit_column_the_codes_are_the_same(coding, bundle):
    assert "unit" in bundle.segments      # issue 10's segments: headline rows, not boilerplate
    segs, sents = _without_unit_column(bundle.segments, bundle.sentences)
    again = th.code_corpus(segs, sents, bundle.documents, bundle.codebook)
    for name in ("headlines", "paragraphs", "sentences", "documents", "document_slices"):
        assert getattr(again, name).equals(getattr(coding, name)), name


def test_prevalence_has_a_headline_level(coding, bundle):
    prev = th.prevalence_levels(coding, bundle.codebook.keys)
    head = prev[(prev["level"] == "headline") & (prev["group"] == "all") & (prev["theme"] == "visas")]
    # headlines with visas: a01, a07 ("ease travel"), a08 -> 3 of 8
    assert head[["n_with", "n_units"]].values.tolist() == [[3, 8]]
