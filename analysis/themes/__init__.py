"""The themes stage: codebook, coding with evidence, co-occurrence, validation.

In: the corpus tables (``segments``, ``sentences``, ``documents``) and a codebook
(``config/codebook.yaml``, loaded and compiled into one matcher by ``codebook``).
Out: theme hits with matched text and offsets, one theme matrix per level
(sentence, paragraph, document) from ``coding``, prevalence per partner
(``prevalence``), theme-pair association measures (``cooccurrence``) and the
codebook's precision and recall against a hand labelling (``validation``).
Imports the corpus stage and the ground floor.
"""

from .codebook import (
    Codebook,
    Matcher,
    Theme,
    codebook_from_dict,
    load_codebook,
    pattern_problem,
    pattern_regex,
)
from .coding import Coding, assign_sentences, code_corpus, document_matrix, find_hits, kwic, theme_matrix
from .cooccurrence import (
    bootstrap_difference,
    cooccurrence_by_partner,
    cooccurrence_table,
    describe_bootstrap,
    level_disagreement,
    level_rank_agreement,
    partner_difference,
    partner_units,
    square,
)
from .shares import add_period, prevalence, prevalence_levels
from .validation import check_gold, evaluate, gold_errors, load_gold, quality_report

__all__ = ["Codebook", "Coding", "Matcher", "Theme", "add_period", "assign_sentences", "bootstrap_difference",
    "check_gold", "code_corpus", "codebook_from_dict", "cooccurrence_by_partner", "cooccurrence_table",
    "describe_bootstrap", "document_matrix", "evaluate", "find_hits", "gold_errors", "kwic",
    "level_disagreement", "level_rank_agreement", "load_codebook", "load_gold", "partner_difference",
    "partner_units", "pattern_problem", "pattern_regex", "prevalence", "prevalence_levels", "quality_report",
    "square", "theme_matrix"]
