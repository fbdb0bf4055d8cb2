"""Small workflows for the engine tests."""

from whittle.workflows import Field, Step, StepContext, Workflow


class Survey(Workflow):
    name = "survey"
    title = "Survey"
    steps = (
        Step(
            "who",
            "Who",
            fields=(Field("name", "Name", max_length=20, keep=True), Field("team", "Team", required=False)),
        ),
        Step(
            "rate",
            "Rate",
            fields=(
                Field("score", "Score", kind="number", min=1, max=5),
                Field("mood", "Mood", kind="select", choices=("good", "bad")),
                Field("tags", "Tags", kind="list", required=False, keep=True),
                Field("public", "Public", kind="checkbox", required=False),
            ),
            handler="summarise",
        ),
        Step("done", "Done", fields=(Field("comment", "Comment", kind="textarea", required=False),), handler="finish"),
    )
    failures: list[str] = []  # set by a test to make `finish` raise

    async def summarise(self, ctx: StepContext) -> str:
        return f"{ctx.result('who')['name']} rates {ctx.values['score']} ({ctx.values['mood']})"

    def finish(self, ctx: StepContext) -> dict:
        if Survey.failures:
            raise RuntimeError(Survey.failures[0])
        return {"summary": ctx.result("rate"), "comment": ctx.values["comment"]}


class Batch(Workflow):
    """A background-style step that checkpoints after each item, like the competitive analysis."""

    name = "batch"
    title = "Batch"
    steps = (
        Step("items", "Items", fields=(Field("items", "Items", kind="list"),)),
        Step("work", "Work", fields=(Field("mode", "Mode", default="upper"),), handler="work", background=True),
    )
    calls: list[str] = []
    crash_after: int | None = None

    async def work(self, ctx: StepContext) -> list[str]:
        items = ctx.result("items")["items"]
        done = dict(ctx.saved or {})
        for item in items:
            if item in done:
                continue
            if Batch.crash_after is not None and len(Batch.calls) >= Batch.crash_after:
                raise ConnectionError("the model went away")
            Batch.calls.append(item)
            done[item] = item.upper() if ctx.values["mode"] == "upper" else item.lower()
            ctx.checkpoint(done, done=len(done), total=len(items), message=f"did {item}")
        return [done[item] for item in items]
