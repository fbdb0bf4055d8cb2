"""Routing: decide which model tier answers a request, and record how each decision was made.

- `cascade`      the Router: plan → attempts → ledger; escalates on a failed check, falls back on a failed tier
- `plan`         the pre-route pass: kind, candidate tiers with the privacy decision for each, cache decision
- `attempts`     one call to one tier inside one budget charge, recorded as one ledger row
- `budget`       reserve a true upper bound before a paid call, stop at it, settle never above it
- `ledger`       every attempt: prompt, answer, tier, cost, and why (table llm_calls)
- `checks`       what an answer is held to before it is accepted: JSON/regex/choice, confidence, arithmetic,
                 grounding of a local tier's knowledge answers
- `calculator`   program-aided arithmetic on a local tier (an expression under a grammar, evaluated exactly)
- `word_problem` a word problem's numbers and units, and whether a calculated result makes sense
- `agreement`    whether two samples of an answer agree (label, extracted object, final number)
- `task_kind`    what a request is (chat, extraction, classification, summarisation, reasoning, knowledge),
                 from its words
- `conversation` the question being answered and what the conversation said before it
- `request`      what a caller asks the router for (LLMRequest) and gets back (RouteResult, Attempt)
- `tier_runtime` tiers made real: backend, price, the reason a tier is unusable
- `prices`       prices per tier: genai-prices, overridable in whittle.toml
- `report`       the ledger summed up for the dashboard
- `learned/`     the learned pre-router that `whittle router fit` trains (features, difficulty, fit)
"""
