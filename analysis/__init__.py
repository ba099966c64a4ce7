"""Framing-analysis report kit for diplomatic news.

All logic lives in this package; the notebooks in ``notebooks/`` only call it.
Stages are pure functions over tidy pandas DataFrames (see ``docs/tables.md``).
"""

__version__ = "0.1.0"
