"""Instant experts: expertise as a system prompt, written once (by a person or a big model), used by the local one."""
