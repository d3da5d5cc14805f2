"""Tracking rules: stages, transitions and what is derived from a stage history."""
