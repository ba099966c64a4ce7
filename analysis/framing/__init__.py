"""The framing stage: how each partner is talked about, side by side.

In: the corpus tables and the theme matrices of the themes stage, plus the
actors of ``partners.yaml``. Out: theme salience per partner, counted per
meeting with intervals on that count (``salience``, ``meetings``), distinctive
vocabulary on words and phrases by weighted log-odds (``keyness``),
relationship labels as quotations over time (``labels``), who raises what: the
verb lexicon (``lexicon``), noun phrases around a verb (``phrases``), what a
phrase refers to (``referents``), speakers (``speakers``) and their sides
(``sides``), the agency tables (``agency``), each request with its answer in
the same meeting (``asks``), and the side-by-side summary (``summary``).
Imports the themes and corpus stages and the ground floor.
"""

from .agency import agency_crosstab, agency_evidence
from .asks import asks_answers, asks_note, asks_sentences, asks_summary
from .keyness import comparisons, default_stop_words, log_odds, prior_note, term_counts, tokens, top_terms
from .labels import find_labels, label_timeline
from .meetings import meeting_ids
from .salience import partner_units, salience_note
from .sides import SideMatcher, learn_names, looks_vietnamese
from .speakers import attribute_speakers, outlet_side
from .summary import agency_rows, asks_rows, keyness_rows, label_rows, partners_note, salience_rows, summary_table

__all__ = ["SideMatcher", "agency_crosstab", "agency_evidence", "agency_rows", "asks_answers", "asks_note",
    "asks_rows", "asks_sentences", "asks_summary", "attribute_speakers", "comparisons", "default_stop_words",
    "find_labels", "keyness_rows", "label_rows", "label_timeline", "learn_names", "log_odds", "looks_vietnamese",
    "meeting_ids", "outlet_side", "partner_units", "partners_note", "prior_note", "salience_note",
    "salience_rows", "summary_table", "term_counts", "tokens", "top_terms"]
