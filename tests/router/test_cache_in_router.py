from whittle.config import Settings
from whittle.core import Whittle


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


NEAR = "What are some good exercises for strengthening the lower back muscles at home?"
NEAR_AGAIN = "What are good exercises for strengthening the lower back muscles at home?"  # "some" dropped: similar, not exact


async def test_by_default_only_repeats_are_answered_from_the_cache(whittle):
    await whittle.route([{"role": "user", "content": NEAR}], purpose="t", max_tokens=8)
    near = await whittle.route([{"role": "user", "content": NEAR_AGAIN}], purpose="t", max_tokens=8)
    assert near.tier == "local" and not near.cache_hit


async def test_cache_similar_also_answers_near_identical_questions(home, model):
    (home / "whittle.toml").write_text("[router]\ncache_similar = true\n")
    instance = Whittle(Settings(home=home, max_tokens=8), model=model)
    try:
        first = await instance.route([{"role": "user", "content": NEAR}], purpose="t", max_tokens=8)
        near = await instance.route([{"role": "user", "content": NEAR_AGAIN}], purpose="t", max_tokens=8)
        reversed_question = await instance.route(
            [{"role": "user", "content": "Convert 10 Celsius to Fahrenheit."}], purpose="t", max_tokens=8
        )
        reversed_again = await instance.route(
            [{"role": "user", "content": "Convert 10 Fahrenheit to Celsius."}], purpose="t", max_tokens=8
        )
    finally:
        instance.close()
    assert near.tier == "cache" and near.cache_hit and near.text == first.text
    assert reversed_question.tier == "local" and reversed_again.tier == "local"
