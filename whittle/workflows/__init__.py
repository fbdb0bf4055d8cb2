"""Notebook-style workflows: steps as data, runs saved per step in SQLite, driven from the browser or Python.

from whittle.workflows import Field, Step, Workflow
from whittle.workflows.app import WorkflowApp   # the web face of a Workflow
"""

from whittle.workflows.engine import Run, Services, StepContext, StepFailed
from whittle.workflows.keys import RunKeyError, normalize_key
from whittle.workflows.steps import Field, Step, StepInputError, WorkflowError
from whittle.workflows.store import RunSummary, StepState
from whittle.workflows.workflow import Workflow

__all__ = [
    "Field",
    "Run",
    "RunKeyError",
    "RunSummary",
    "Services",
    "Step",
    "StepContext",
    "StepFailed",
    "StepInputError",
    "StepState",
    "Workflow",
    "WorkflowError",
    "normalize_key",
]
