"""Benchmark helpers: the lab beside the product, never installed with it.

Imported by the scripts in bench/ (which put bench/ first on sys.path by being run from it)
and by the tests (pytest adds bench/ to sys.path, see pyproject.toml):

- routing.py, route_report.py, outcomes.py, metrics.py, selection.py: `bench/route.py`
  (also `whittle bench route`), routers scored on RouteLLM's logged outcomes;
- grouped_cv.py, approaches.py, cv_cache.py: `bench/route.py --grouped-cv`, router approaches
  compared on held-out subject groups, features and fold scores cached on disk to resume;
- feedback_curve.py: `bench/route.py --feedback-rows`;
- qqp.py, cache_calibrate.py: `bench/cache_qqp.py`, the answer cache on Quora Question Pairs.

The learned router users run (`whittle router fit`) is product code: whittle.router.learned.
"""
