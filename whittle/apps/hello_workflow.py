"""Hello workflow: the smallest complete workflow. Copy this file to start your own.

A workflow is a class with its steps as data; the web app, saving, resuming, revert,
finalize and the assistant's briefing come from the framework. From Python:

    from whittle.apps.hello_workflow import HelloWorkflow
    run = HelloWorkflow.open("default-hello-01")
    run.submit("name", {"name": "Ada"})
    run.submit("greeting", {"greeting": "Hi"})
    run.result("greeting")   # 'Hi, Ada!'
"""

from __future__ import annotations

from whittle.plugins import hookimpl
from whittle.workflows import Field, Step, StepContext, Workflow
from whittle.workflows.app import WorkflowApp


class HelloWorkflow(Workflow):
    name = "hello-workflow"  # URL (/app/hello-workflow) and the name runs are saved under
    title = "Hello workflow"
    key_prefix = "hello"  # suggested run keys: <profile>-hello-01, -02, ...
    training_prompt = "Hello workflow is the minimal example: the user types a name, then picks a greeting."

    steps = (
        # A step without a handler just saves what the user typed. keep=True: on revert the
        # name stays filled in instead of being cleared.
        Step(
            "name", "Your name", fields=(Field("name", "Name", placeholder="Ada Lovelace", max_length=80, keep=True),)
        ),
        # A step with a handler computes its result from its own values and earlier results.
        Step(
            "greeting",
            "Greeting",
            fields=(
                Field("greeting", "Greeting", kind="select", choices=("Hello", "Hi", "Good morning"), default="Hello"),
            ),
            handler="greet",
            show="text",
            submit_label="Greet me",
        ),
    )

    def greet(self, ctx: StepContext) -> str:
        # Handlers may be async and may call the model: `await ctx.complete(messages, purpose=...)`.
        return f"{ctx.values['greeting']}, {ctx.result('name')['name']}!"


class HelloWorkflowApp(WorkflowApp):
    workflow = HelloWorkflow  # name, title and the assistant's training prompt come from it
    menu_order = 50
    intro = "The minimal two-step workflow: type a name, pick a greeting."


@hookimpl
def register_apps(register):
    register(HelloWorkflowApp)
