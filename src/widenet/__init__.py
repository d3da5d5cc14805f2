"""widenet: run a broad, methodical job search."""

__version__ = "0.1.0"
