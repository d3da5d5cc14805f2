"""The web interface: server-rendered pages with HTMX, and the JSON API (see app.create_app)."""
