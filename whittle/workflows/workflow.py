"""Workflow: a class that lists its steps as data; the engine (engine.py) runs it, one Run per key.

    class HelloWorkflow(Workflow):
        name = "hello-workflow"
        title = "Hello workflow"
        steps = (Step("name", "Your name", fields=(Field("name", "Name"),)), ...)

    run = HelloWorkflow.open("default-hello-01")   # from Python: the data home's database
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from whittle.plurals import counted
from whittle.workflows.engine import Run, context_services, open_run, resolve_profile
from whittle.workflows.notebook import notebook_context
from whittle.workflows.steps import Step, WorkflowError
from whittle.workflows.store import RunSummary, WorkflowStore

if TYPE_CHECKING:
    from whittle.apps.context import AppContext


class Workflow:
    """Subclass with name, title, steps (a tuple of Step) and, for steps that do work, handler methods."""

    name: ClassVar[str]
    title: ClassVar[str]
    steps: ClassVar[tuple[Step, ...]] = ()
    training_prompt: ClassVar[str | None] = None
    key_prefix: ClassVar[str | None] = None  # suggested keys: <profile>-<key_prefix>-NN (default: name)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        ids = [s.id for s in cls.steps]
        if len(ids) != len(set(ids)):
            raise TypeError(f"{cls.__name__}: two steps share an id")
        for step in cls.steps:
            if step.handler and not callable(getattr(cls, step.handler, None)):
                raise TypeError(
                    f"{cls.__name__}: step {step.id!r} names handler {step.handler!r}, which is not a method"
                )

    @classmethod
    def step(cls, step_id: str) -> Step:
        for step in cls.steps:
            if step.id == step_id:
                return step
        raise WorkflowError(
            f"{cls.title} has no step {step_id!r}; its steps are: {', '.join(s.id for s in cls.steps)}."
        )

    @classmethod
    def index(cls, step_id: str) -> int:
        return [s.id for s in cls.steps].index(cls.step(step_id).id)

    @classmethod
    def describe(cls) -> str:
        """The steps in words, for the assistant's training prompt."""
        lines = [
            f"{i}. {s.title}" + (f" — {s.description}" if s.description else "") for i, s in enumerate(cls.steps, 1)
        ]
        return f"The {cls.title} workflow has {counted(len(cls.steps), 'step')}:\n" + "\n".join(lines)

    @classmethod
    def open(
        cls,
        key: str,
        *,
        home: Path | str | None = None,
        profile: str | int | None = None,
        ctx: AppContext | None = None,
    ) -> Run:
        """Open (or start) the run `key` from Python, against the same database the web app uses.

        home: the data directory (default: $WHITTLE_HOME or the per-user one). The model is only
        loaded if a step asks it. Pass ctx= (an app's AppContext) to share a running server instead.
        """
        if ctx is not None:
            return open_run(cls, key, ctx.db, ctx.profiles, profile, context_services(ctx))
        db, profiles, services = notebook_context(home, cls.name)
        try:
            return open_run(cls, key, db, profiles, profile, services)
        except BaseException:
            db.close()
            raise

    @classmethod
    def runs(cls, *, home: Path | str | None = None, profile: str | int | None = None) -> list[RunSummary]:
        """The runs of this workflow in a profile (default: the active one), newest first."""
        db, profiles, _ = notebook_context(home, cls.name)
        try:
            return WorkflowStore(db).runs(cls.name, resolve_profile(profiles, profile).id)
        finally:
            db.close()
