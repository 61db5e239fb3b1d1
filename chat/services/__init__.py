"""Every state change of the chat (rooms, messages, read marks, presence, follow-ups).

Split by responsibility; import from the submodules (`chat.services.messages` …)."""
