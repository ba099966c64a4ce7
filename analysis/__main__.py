"""Command line: ``python -m analysis report [options]`` (what ``make report`` calls),
``python -m analysis validate`` (``make validate``: the codebook against a gold
labelling) and ``python -m analysis label`` (``make label``: a sheet to label).

Exit codes: 0 report written; 1 a notebook failed (the partial notebook is
kept in ``<reports>/<name>.failed/``, the previous report is untouched);
2 bad input (one line ``error: <path>: <problem>`` on stderr, nothing written);
130 / 143 interrupted by SIGINT (Ctrl-C) / SIGTERM (one line saying what was kept).
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from . import __version__
from .errors import InputError


def _split(values: list[str] | None) -> list[str] | None:
    """``--partner us --partner japan`` or ``--partner us,japan`` -> ['us', 'japan']."""
    if values is None:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    prog = "framing-kit" if Path(sys.argv[0]).name == "framing-kit" else "python -m analysis"
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="execute every notebook on a corpus and render reports/<name>/",
                         description="Execute notebooks/NN_*.ipynb with papermill on a corpus and render "
                                     "self-contained HTML into <reports-dir>/<name>/.")
    rep.add_argument("--corpus", default="seeds", metavar="DIR", help="folder of .txt articles (default: seeds)")
    rep.add_argument("--name", default="default", help="report name: output goes to <reports-dir>/<name>/ (default: default)")
    rep.add_argument("--codebook", default="config/codebook.yaml", metavar="FILE", help="theme codebook (default: config/codebook.yaml)")
    rep.add_argument("--partners", default="config/partners.yaml", metavar="FILE", help="actors file (default: config/partners.yaml)")
    rep.add_argument("--partner", action="append", metavar="KEY",
                     help="partner key(s) to compare, repeatable or comma-separated (default: the parameter set's, "
                          "i.e. every partner in the partners file)")
    rep.add_argument("--params-set", default="default", metavar="NAME", help="parameter set in the report config (default: default)")
    rep.add_argument("--report-config", default="config/report.yaml", metavar="FILE", help="parameter sets (default: config/report.yaml)")
    rep.add_argument("--only", nargs="+", default=[], metavar="NOTEBOOK", help="run only these notebooks, e.g. 01_corpus 02_themes")
    rep.add_argument("--notebooks-dir", default="notebooks", metavar="DIR", help="where the notebooks are (default: notebooks)")
    rep.add_argument("--reports-dir", default=os.environ.get("KIT_REPORTS_DIR", "reports"), metavar="DIR",
                     help="where reports go (default: $KIT_REPORTS_DIR or reports)")
    rep.add_argument("--kernel", default="python3", help="Jupyter kernel name (default: python3)")
    rep.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    rep.add_argument("--labels", default=None, metavar="FILE",
                     help="a filled label sheet (from `label`): the Themes page shows the codebook's quality on this corpus")
    rep.add_argument("--engine", default=os.environ.get("KIT_ENGINE", "local"), choices=("local", "dask"),
                     help="where the corpus and theme coding are computed: local (a process pool, the default) "
                          "or dask (a Dask cluster: a local one started for the run, or --scheduler)")
    rep.add_argument("--scheduler", default=os.environ.get("KIT_SCHEDULER") or None, metavar="ADDRESS",
                     help="address of an existing Dask scheduler, e.g. tcp://host:8786 (implies --engine dask)")
    rep.add_argument("--workers", type=_positive, default=None, metavar="N",
                     help="worker processes of the local pool or local Dask cluster (default: cores; Dask: 2)")
    rep.add_argument("--jobs", type=_positive, default=None, metavar="N",
                     help="notebooks run at the same time (default: the cores, at least 2)")
    rep.add_argument("--force", action="store_true", help="run even when the report is up to date")

    lab = sub.add_parser("label", help="write <reports-dir>/<name>/label_sheet.csv: a stratified sample to label by hand",
                         description="Sample N counted units of a corpus (coded ones per theme, uncoded look-alikes, "
                                     "a random share), with sampling weights and the corpus hash, for hand labelling.")
    lab.add_argument("--corpus", default="seeds", metavar="DIR", help="folder of .txt articles (default: seeds)")
    lab.add_argument("--name", default="default", help="report name: the sheet goes to <reports-dir>/<name>/")
    lab.add_argument("--n", type=int, default=150, metavar="N", help="units to sample (default: 150)")
    lab.add_argument("--codebook", default="config/codebook.yaml", metavar="FILE", help="theme codebook")
    lab.add_argument("--partners", default="config/partners.yaml", metavar="FILE", help="actors file")
    lab.add_argument("--seed", type=int, default=0, help="random seed of the sample (default: 0)")
    lab.add_argument("--reports-dir", default=os.environ.get("KIT_REPORTS_DIR", "reports"), metavar="DIR",
                     help="where reports go (default: $KIT_REPORTS_DIR or reports)")
    lab.add_argument("--force", action="store_true", help="replace an existing label sheet (its labels are lost)")
    val = sub.add_parser("validate", help="score the codebook and the keyword baseline against a gold labelling",
                         description="Precision, recall and F1 per main theme, with 95%% intervals, of the codebook "
                                     "and of a four-line keyword baseline, on the paragraphs a gold CSV labels.")
    val.add_argument("--corpus", default="seeds", metavar="DIR", help="folder of the labelled articles (default: seeds)")
    val.add_argument("--gold", default="tests/data/gold_seeds.csv", metavar="FILE", help="gold CSV (tests/data/gold_guide.md)")
    val.add_argument("--codebook", default="config/codebook.yaml", metavar="FILE", help="theme codebook")
    val.add_argument("--errors", action="store_true", help="also list every false positive and false negative")
    return parser


def _label(args) -> int:
    from .report.labelling import write_label_sheet

    here = [Path(p).expanduser().resolve() for p in (args.corpus, args.reports_dir, args.codebook, args.partners)]
    path, strata = write_label_sheet(here[0], args.name, args.n, here[1], here[2], here[3], seed=args.seed,
                                     force=args.force)
    print(f"label sheet written: {path} ({int(strata['stratum_sampled'].sum())} units in {len(strata)} strata; "
          f"what each stratum holds: {path.with_name('label_strata.csv')})")
    print("fill each theme column with 1 or 0 (rules: README, 'Validating the codebook on your corpus'), "
          f"then: make report CORPUS={args.corpus} NAME={args.name} LABELS={path}")
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


def _validate(args) -> int:
    from .themes.codebook import load_codebook
    from .themes.validation import format_validation, validate

    table, errors, gold = validate(args.corpus, args.gold, load_codebook(args.codebook))
    print(f"{args.gold}: {table['n_units'].max()} content paragraphs of {gold['doc_id'].nunique()} articles in "
          f"{args.corpus} (boilerplate left out); 95% Wilson intervals for precision and recall "
          "(over paragraphs), for F1 the F1 of those bounds")
    print(format_validation(table))
    if args.errors:
        for r in errors.itertuples(index=False):
            print(f"{r.theme}\t{r.error}\t{r.seg_id}\t[{r.matched}]\t{r.text}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "report":
        try:
            return _label(args) if args.command == "label" else _validate(args)
        except InputError as exc:
            print("error: " + " ".join(str(exc).split()), file=sys.stderr)
            return 2
    from .report.spec import NotebookFailed, ReportSpec

    spec = ReportSpec(
        corpus_dir=Path(args.corpus), codebook_path=Path(args.codebook), partners_path=Path(args.partners),
        name=args.name, reports_dir=Path(args.reports_dir), notebooks_dir=Path(args.notebooks_dir),
        report_config=Path(args.report_config), params_set=args.params_set, only=tuple(args.only),
        partners=None if args.partner is None else tuple(_split(args.partner)),
        kernel_name=args.kernel, quiet=args.quiet, labels_path=Path(args.labels) if args.labels else None,
        engine=args.engine, scheduler=args.scheduler, workers=args.workers, jobs=args.jobs, force=args.force,
    )
    started = time.time()
    try:
        if not spec.force and spec.name and not spec.name.endswith(".failed"):
            # decided from the manifest before pandas or a notebook tool is imported
            from .report.uptodate import up_to_date

            done = up_to_date(spec)
            if done is not None:
                print(f"report up to date: {spec.reports_dir / spec.name / 'index.html'} (inputs unchanged "
                      f"since {done.get('created', 'the last run')}; --force to run anyway)")
                return 0
        from .report.build import build_report

        with _signals_as_interrupts():
            result = build_report(spec)
    except KeyboardInterrupt as exc:
        return _interrupted(spec, exc.args[0] if exc.args else "SIGINT", started)
    except InputError as exc:
        print("error: " + " ".join(str(exc).split()), file=sys.stderr)
        return 2
    except NotebookFailed as exc:
        if exc.ename == "KeyboardInterrupt":       # Ctrl-C reached the kernel too (one process group)
            return _interrupted(spec, "SIGINT", started)
        print(f"error: notebook {exc.notebook} failed"
              + (f" in cell [{exc.cell}]" if exc.cell is not None else "")
              + f": {exc.ename}: {exc.evalue}", file=sys.stderr)
        if exc.partial is not None:
            print(f"partial notebook: {exc.partial}", file=sys.stderr)
        print(f"the previous report (if any) in {spec.reports_dir / spec.name} was left untouched", file=sys.stderr)
        return 1
    if result.up_to_date:
        print(f"report up to date: {result.report_dir / 'index.html'}")
        return 0
    print(f"report written: {result.report_dir / 'index.html'}")
    return 0


class _signals_as_interrupts:
    """SIGTERM and SIGHUP raise KeyboardInterrupt (as SIGINT does), so a run
    stopped by any of them cleans up the same way: the staging folder is kept
    as ``<name>.failed``, the kernel shut down, the previous report untouched."""

    SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))

    def __enter__(self):
        def interrupt(signum, frame):
            raise KeyboardInterrupt(signal.Signals(signum).name)
        try:
            self.saved = {s: signal.signal(s, interrupt) for s in self.SIGNALS}
        except ValueError:       # not the main thread: leave the handlers alone
            self.saved = {}
        return self

    def __exit__(self, *exc):
        for s, handler in self.saved.items():
            signal.signal(s, handler)
        return False


def _interrupted(spec, signame: str, started: float) -> int:
    """The one line of a run stopped by a signal; its exit code (128 + signal number)."""
    failed = spec.reports_dir / f"{spec.name}.failed"
    kept = (f"the partial run is kept in {failed}" if failed.is_dir() and failed.stat().st_mtime >= started - 1
            else "nothing of this run was kept")
    print(f"interrupted by {signame}: {kept}; the previous report (if any) in {spec.reports_dir / spec.name} "
          "was left untouched", file=sys.stderr)
    return 128 + getattr(signal, signame, signal.SIGINT)


if __name__ == "__main__":
    sys.exit(main())
