"""The framing stage: how each partner is talked about, side by side.

In: the corpus tables and the theme matrices of the themes stage, plus the
actors of ``partners.yaml``. Out: theme salience per partner with intervals
(``salience``), distinctive vocabulary by weighted log-odds (``keyness``),
relationship labels over time (``labels``), who raises what: the verb lexicon
(``lexicon``), speakers (``speakers``) and their sides (``sides``), the agency
tables (``agency``), and the side-by-side summary (``summary``). Imports the
themes and corpus stages and the ground floor.
"""

from .agency import agency_crosstab, agency_evidence
from .keyness import comparisons, default_stop_words, log_odds, prior_note, term_counts, tokens, top_terms
from .labels import find_labels, label_timeline
from .salience import partner_units
from .sides import SideMatcher, learn_names, looks_vietnamese
from .speakers import attribute_speakers
from .summary import agency_rows, keyness_rows, label_rows, partners_note, salience_rows, summary_table

__all__ = ["SideMatcher", "agency_crosstab", "agency_evidence", "agency_rows", "attribute_speakers",
    "comparisons", "default_stop_words", "find_labels", "keyness_rows", "label_rows", "label_timeline",
    "learn_names", "log_odds", "looks_vietnamese", "partner_units", "partners_note", "prior_note",
    "salience_rows", "summary_table", "term_counts", "tokens", "top_terms"]
