"""Use cases: one function per user action, shared by the CLI, the web UI and the API."""
