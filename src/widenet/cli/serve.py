"""`widenet serve`: the web UI and the JSON API over your search."""

from __future__ import annotations

from typing import Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, handle_errors

WILDCARDS = ("0.0.0.0", "::", "")  # noqa: S104 - names, not a bind: only --host binds them
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help="Address to listen on (default 127.0.0.1, or WIDENET_HOST): only this machine.",
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option("--port", help="Port (default 8765, or WIDENET_PORT).", show_default=False),
    ] = None,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the web UI in your browser.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Serve the web UI and the JSON API (under /api/v1) on this machine.

    Only localhost names are answered unless WIDENET_ALLOWED_HOSTS adds others (a --host
    that names this machine's address is added for you). Stop with Ctrl+C.

    Example: widenet serve --port 8765 --open
    """
    import socket
    import threading
    import webbrowser

    import uvicorn

    from widenet.errors import InvalidInput
    from widenet.web.app import create_app

    config = common.settings(db)
    host = config.host if host is None else host
    port = config.port if port is None else port
    if not 1 <= port <= 65535:
        raise InvalidInput(f"{port} is not a port (1-65535).", field="port")
    if host not in WILDCARDS and host not in LOOPBACK:
        config = config.model_copy(update={"allowed_hosts": [*config.allowed_hosts, host]})
    _check_free(socket, host, port)
    app = create_app(config)
    url = f"http://{_url_host(host)}:{port}/"
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    out = common.console()
    out.print(f"widenet is serving [bold]{url}[/]", soft_wrap=True)
    out.print(f"API reference: {url}api/docs · stop with Ctrl+C", soft_wrap=True, style="dim")
    if host not in LOOPBACK:
        common.error_console().print(
            f"[yellow]Listening on {host}: anyone who can reach it can read and change your "
            "search (there is no login). Use it only on a network you trust.[/]"
        )
    if open_browser:
        threading.Thread(
            target=_open_when_ready, args=(server, url, webbrowser), daemon=True
        ).start()
    server.run()


def _url_host(host: str) -> str:
    if host in WILDCARDS:
        return "localhost"
    return f"[{host}]" if ":" in host else host


def _check_free(socket: object, host: str, port: int) -> None:
    from widenet.errors import Conflict

    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # type: ignore[attr-defined]
    probe = socket.socket(family, socket.SOCK_STREAM)  # type: ignore[attr-defined]
    try:
        probe.bind((host, port))
    except OSError as exc:
        raise Conflict(
            f"Cannot listen on {host}:{port}: {exc.strerror}.",
            hint="Another program (or another widenet) may use that port; pick one with --port.",
        ) from None
    finally:
        probe.close()


def _open_when_ready(server: object, url: str, webbrowser: object) -> None:
    import time

    for _ in range(100):
        if getattr(server, "started", False):
            webbrowser.open(url)  # type: ignore[attr-defined]
            return
        time.sleep(0.05)


def register(app: typer.Typer) -> None:
    app.command()(handle_errors(serve))
