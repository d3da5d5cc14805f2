"""Safety even on localhost: Host checks (DNS rebinding), CSRF tokens, security headers.

A page on another site must not be able to drive the local server:
- only Host headers naming this machine are answered (a rebound DNS name is refused with 400);
- pages carry a signed token, also kept in a SameSite=Strict cookie, that every form and
  HTMX call sends back (double submit); a missing or wrong token is refused with 403;
- API writes must be JSON (a cross-site HTML form cannot send that, and a cross-site script
  cannot either without a CORS preflight this server never grants) and must not come from
  another origin;
- every response forbids framing, referrers and scripts from anywhere but this server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from typing import Any

from fastapi import HTTPException, Request
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_FIELD = "csrf_token"
TOKEN_HEADER = "x-csrf-token"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        # Plotly adds its own style rules (tooltips, cursors, the mode bar) at run time; a
        # style cannot run code, and scripts stay limited to this server's files.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def host_name(host: str) -> str:
    """The name part of a Host header value, lower-cased: ``[::1]:8765`` -> ``[::1]``."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        return host[: end + 1] if end > 0 else ""
    return host.rsplit(":", 1)[0] if ":" in host else host


def allowed_hosts(extra: Iterable[str]) -> frozenset[str]:
    """This machine's names plus the ones the settings add (``WIDENET_ALLOWED_HOSTS``)."""
    return LOCAL_HOSTS | {host_name(name) for name in extra if name.strip()}


class Tokens:
    """Signed CSRF tokens: ``nonce.signature``, so only this server's tokens are accepted."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def new(self) -> str:
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._sign(nonce)}"

    def valid(self, token: str | None) -> bool:
        if not token or token.count(".") != 1:
            return False
        nonce, signature = token.split(".")
        return hmac.compare_digest(signature, self._sign(nonce))

    def _sign(self, nonce: str) -> str:
        digest = hmac.new(self._secret, nonce.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")


def cookie_name(scope: Scope) -> str:
    # Cookies ignore ports: two servers on one machine (the demo and your search) each keep
    # their own token.
    server = scope.get("server") or ("", 0)
    return f"widenet_csrf_{server[1] or 0}"


class Guard:
    """ASGI middleware: refuse foreign Host headers, hand out the CSRF cookie, add headers."""

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str], tokens: Tokens) -> None:
        self.app = app
        self.hosts = hosts
        self.tokens = tokens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if host_name(headers.get("host", "")) not in self.hosts:
            await _refuse_host(scope, send)
            return
        name = cookie_name(scope)
        current = _cookie(headers, name)
        fresh = None if self.tokens.valid(current) else self.tokens.new()
        scope.setdefault("state", {})["csrf_token"] = fresh or current
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    out.setdefault(key, value)
                if not static:
                    out.setdefault("cache-control", "no-store")
                if fresh is not None and not static:
                    out.append("set-cookie", f"{name}={fresh}; Path=/; SameSite=Strict; HttpOnly")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cookie(headers: Headers, name: str) -> str | None:
    for header in headers.getlist("cookie"):
        for part in header.split(";"):
            key, _, value = part.strip().partition("=")
            if key == name:
                return value
    return None


async def _refuse_host(scope: Scope, send: Send) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = (
        b"Bad Request: this server only answers to localhost names. "
        b"Add other host names with WIDENET_ALLOWED_HOSTS.\n"
    )
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *[(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()],
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def csrf_token(request: Request) -> str:
    """The token the current page embeds in its forms and HTMX headers."""
    token: str = request.state.csrf_token
    return token


def _same_origin(request: Request) -> bool:
    """False when a browser says the request comes from another origin (another site, or
    another server on this machine); scripts send neither header and pass."""
    origin = request.headers.get("origin")
    # With Referrer-Policy: no-referrer, browsers send "Origin: null" on their own form
    # posts, so "null" proves nothing either way; Sec-Fetch-Site and the token decide.
    if origin is not None and origin != "null":
        _, _, netloc = origin.partition("://")
        if netloc.lower() != request.headers.get("host", "").lower():
            return False
    return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


async def check_page_write(request: Request) -> None:
    """Dependency of every page route: a state-changing request must carry the page's token."""
    if request.method in SAFE_METHODS:
        return
    tokens: Tokens = request.app.state.tokens
    if not _same_origin(request):
        raise HTTPException(403, "This request came from another site; it was refused.")
    expected = _cookie(request.headers, cookie_name(request.scope))
    sent = request.headers.get(TOKEN_HEADER) or await _form_token(request)
    if not (tokens.valid(expected) and sent and hmac.compare_digest(sent, expected or "")):
        raise HTTPException(
            403,
            "The form's security token is missing or out of date "
            "(the server may have restarted). Reload the page and try again.",
        )


async def _form_token(request: Request) -> str | None:
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    value: Any = (await request.form()).get(TOKEN_FIELD)
    return value if isinstance(value, str) else None


async def check_api_write(request: Request) -> None:
    """Dependency of every API route: writes are JSON and come from this origin (or a script)."""
    if request.method in SAFE_METHODS:
        return
    if not _same_origin(request):
        raise HTTPException(403, "This request came from another site; it was refused.")
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if request.method != "DELETE" and media != "application/json" and not media.endswith("+json"):
        raise HTTPException(
            415, "API writes take a JSON body: send 'Content-Type: application/json'."
        )
