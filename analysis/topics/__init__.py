"""The topics stage: content clusters beyond the codebook.

In: a units table (paragraphs or sentences) from the corpus stage. Out: a fitted
topic model (``model``: TF-IDF, NMF/k-means/LDA, class-based TF-IDF labels), its
quality (``quality``: choice of k, stability across refits, NPMI coherence) and
the topic tables a report shows (``tables``: sizes, terms, assignments, spread
over partners and time, overlap with themes). Imports the corpus stage and the
ground floor.
"""

from .model import (
    TopicModel,
    build_stop_words,
    build_vectorizer,
    ctfidf,
    fit_topics,
    label_terms,
    make_analyzer,
    refit,
    tfidf_from_counts,
    top_terms,
    vectorize,
)
from .quality import (
    choose_k,
    jaccard,
    match_topics,
    npmi_coherence,
    small_corpus_note,
    stability_from_runs,
    topic_stability,
)
from .tables import (
    TopicResult,
    analyse_topics,
    display_label,
    project_2d,
    representative_units,
    segment_topics,
    topic_by_partner,
    topic_over_time,
    topic_table,
    topic_terms,
    topic_theme_cooccurrence,
    topics_summary,
)

__all__ = ["TopicModel", "TopicResult", "analyse_topics", "build_stop_words", "build_vectorizer", "choose_k",
    "ctfidf", "display_label", "fit_topics", "jaccard", "label_terms", "make_analyzer", "match_topics",
    "npmi_coherence", "project_2d", "refit", "representative_units", "segment_topics", "small_corpus_note",
    "stability_from_runs",
    "tfidf_from_counts", "top_terms", "topic_by_partner", "topic_over_time", "topic_stability", "topic_table",
    "topic_terms", "topic_theme_cooccurrence", "topics_summary", "vectorize"]
