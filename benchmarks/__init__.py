"""Speed and memory benchmarks: each ``bench_<area>.py`` exposes
``run(quick: bool = False) -> list[dict]`` returning rows
``{"name", "value", "unit", "target", "ratio"}`` (ratio = value / target,
measured in one run). ``python -m benchmarks.run`` (``make bench``) runs them all."""
