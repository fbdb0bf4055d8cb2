"""The chat panel's brain: stored messages, prompt building, and the hub apps talk to."""
