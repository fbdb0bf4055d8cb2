async def test_a_repeated_question_in_the_same_context_is_answered_from_the_cache(whittle):
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is the capital of France?"}]
    first = await whittle.route(messages, purpose="test", max_tokens=12)
    again = await whittle.route(
        [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "what is the capital of france"}],
        purpose="test",
        max_tokens=12,
    )
    assert first.tier == "local" and again.tier == "cache" and again.cache_hit
    assert again.text == first.text and again.cost_usd == 0
    rows = whittle.db.query("SELECT tier, cache_hit, reason FROM llm_calls ORDER BY id")
    assert [(r["tier"], r["cache_hit"]) for r in rows] == [("local", 0), ("cache", 1)]
    assert rows[1]["reason"].startswith("answer cache: exact repeat")


async def test_the_cache_never_crosses_contexts_or_reversed_questions(whittle):
    await whittle.route([{"role": "user", "content": "Convert 10 Celsius to Fahrenheit."}], purpose="t", max_tokens=8)
    other_context = await whittle.route(
        [{"role": "system", "content": "You are a pirate."}, {"role": "user", "content": "Convert 10 Celsius to Fahrenheit."}],
        purpose="t",
        max_tokens=8,
    )
    reversed_question = await whittle.route(
        [{"role": "user", "content": "Convert 10 Fahrenheit to Celsius."}], purpose="t", max_tokens=8
    )
    assert other_context.tier == "local" and reversed_question.tier == "local"
