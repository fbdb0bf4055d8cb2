"""Routing: decide which model tier answers a request, and measure how well that decision is made.

- `cascade`     the Router: kind → privacy → budget → cheapest tier → checks → escalate, all in the ledger
- `task_kind`   what a request is (chat, extraction, classification, summarisation, reasoning), from its words
- `agreement`   whether two samples of an answer agree (label, extracted object, final number)
- `features`    cheap local text features of a request (no network, no model)
- `difficulty`  a small logistic model: P(the cheap model fails) from those features; npz on disk
- `verifiers`   checks a cheap model can be held to after it answers (arithmetic re-evaluation)
- `metrics`     RouteLLM's yardsticks: PGR curve, APGR, CPT, cost reduction at 95% quality
- `outcomes`    logged weak/strong outcomes in RouteLLM's CSV format; where the shared data is
- `bench`       `whittle bench route`: train/test on the RouteLLM outcomes (`bench_report`:
                the figures, table and plot)
"""
