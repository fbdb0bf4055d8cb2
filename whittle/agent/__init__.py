"""The assistant acting in the apps: /commands, tool calls planned by a model, confirmations."""
