"""Benchmark helpers: the lab beside the product, never installed with it.

Imported by the scripts in bench/ (which put bench/ first on sys.path by being run from it)
and by the tests (pytest adds bench/ to sys.path, see pyproject.toml):

- routing.py, route_report.py, outcomes.py, metrics.py, selection.py: `bench/route.py`
  (also `whittle bench route`), routers scored on RouteLLM's logged outcomes;
- qqp.py, cache_calibrate.py: `bench/cache_qqp.py`, the answer cache on Quora Question Pairs.

The learned router users run (`whittle router fit`) is product code: whittle.router.learned.
"""
