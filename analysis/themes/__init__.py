"""The themes stage: codebook, coding with evidence, co-occurrence, validation.

In: the corpus tables (``segments``, ``sentences``, ``documents``) and a codebook
(``config/codebook.yaml``, loaded and compiled into one matcher by ``codebook``).
Out: theme hits with matched text and offsets, one theme matrix per level
(headline, sentence, paragraph, document) from ``coding``, prevalence per partner
(``prevalence``), theme-pair association measures (``cooccurrence``), the
codebook's precision and recall against a hand labelling and beside a keyword
baseline (``validation``, ``baseline``), a label sheet to validate it on the
analyst's own corpus and its design-weighted scores (``labels``), and the
uncoded units most like the coded ones (``misses``). The compiled matcher is
``matcher``.
Imports the corpus stage and the ground floor.
"""

from .codebook import (
    Codebook,
    Matcher,
    NearRule,
    Theme,
    codebook_from_dict,
    load_codebook,
    pattern_problem,
    pattern_regex,
)
from .coding import (
    Coding,
    assign_sentences,
    code_corpus,
    counted_units,
    document_matrix,
    find_hits,
    headline_mask,
    headline_table,
    headline_units,
    kwic,
    theme_matrix,
)
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
from .labels import read_label_sheet, sample_label_sheet, score_label_sheet, strata_table
from .misses import candidate_misses, lookalike_ids, miss_scores
from .shares import add_period, prevalence, prevalence_levels, prevalence_over_time
from .validation import (
    check_gold,
    evaluate,
    format_validation,
    gold_errors,
    gold_paragraphs,
    load_gold,
    quality_report,
    validate,
    validation_table,
)

__all__ = ["Codebook", "Coding", "Matcher", "NearRule", "Theme", "add_period", "assign_sentences",
    "bootstrap_difference", "candidate_misses", "check_gold", "code_corpus", "codebook_from_dict", "counted_units",
    "cooccurrence_by_partner", "cooccurrence_table", "describe_bootstrap", "document_matrix", "evaluate",
    "find_hits", "format_validation", "gold_errors", "gold_paragraphs", "headline_mask", "headline_table", "headline_units", "kwic",
    "level_disagreement", "level_rank_agreement", "load_codebook", "load_gold", "lookalike_ids", "miss_scores",
    "partner_difference", "partner_units", "pattern_problem", "pattern_regex", "prevalence", "prevalence_levels",
    "prevalence_over_time", "quality_report", "read_label_sheet", "sample_label_sheet", "score_label_sheet", "square",
    "strata_table",
    "theme_matrix", "validate", "validation_table"]
