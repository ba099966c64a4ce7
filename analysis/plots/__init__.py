"""Figures: the only place in the package that draws.

One module per report section; every function takes tidy tables and returns a
matplotlib Figure (nothing is shown or saved here — see analysis.report.outputs).
"""
