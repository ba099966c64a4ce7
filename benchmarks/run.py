"""Run every ``benchmarks/bench_*.py``: import it, call ``run(quick)``, print a
table of name / value / unit / target / ratio and write ``reports/bench.json``.

Usage: ``python -m benchmarks.run [--quick] [--only report corpus] [--out reports/bench.json]``.
Exit code 1 when a benchmark module raises (the others still run).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import json
import math
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ("name", "value", "unit", "target", "ratio")


def discover(only: list[str] | None = None) -> list[str]:
    """Module names ``benchmarks.bench_<area>`` in name order (``only``: areas to keep)."""
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        names = [n for n in names if n.removeprefix("bench_") in only or n in only]
    return [f"benchmarks.{n}" for n in names]


def check_row(module: str, row: dict) -> dict:
    """Validate a row and recompute nothing: ratio must be value / target."""
    missing = [f for f in FIELDS if f not in row]
    if missing:
        raise ValueError(f"{module}: row {row!r} lacks {missing}")
    return {"module": module.removeprefix("benchmarks."), **{f: row[f] for f in FIELDS},
            **{k: v for k, v in row.items() if k not in FIELDS}}


def _fmt(x) -> str:
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"
    return str(x)


def format_table(rows: list[dict]) -> str:
    """A plain-text table: module, name, value, unit, target, ratio."""
    cols = ("module", *FIELDS)
    cells = [cols] + [tuple(_fmt(r[c]) for c in cols) for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cols))]
    lines = ["  ".join(v.ljust(w) if i < 3 else v.rjust(w) for i, (v, w) in enumerate(zip(row, widths)))
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, for a smoke test")
    parser.add_argument("--only", nargs="+", metavar="AREA", help="run only bench_<AREA>.py")
    parser.add_argument("--out", default="reports/bench.json", help="where to write the JSON (default: reports/bench.json)")
    args = parser.parse_args(argv)

    rows, failures, seconds = [], [], {}
    for module in discover(args.only):
        print(f"running {module} ...", flush=True)
        start = time.perf_counter()
        try:
            result = importlib.import_module(module).run(quick=args.quick)
            rows.extend(check_row(module, r) for r in result)
        except Exception:  # noqa: BLE001 - report and go on with the others
            failures.append({"module": module, "error": traceback.format_exc(limit=3)})
            print(f"  FAILED:\n{failures[-1]['error']}", file=sys.stderr)
        seconds[module] = round(time.perf_counter() - start, 2)

    print()
    print(format_table(rows) if rows else "(no results)")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "created": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "quick": args.quick, "python": platform.python_version(), "platform": platform.platform(terse=True),
        "rows": rows, "failures": failures, "module_seconds": seconds,
    }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
