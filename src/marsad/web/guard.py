"""What stands between the network and the app: Host check, optional bearer token, security headers.

- **Host header.** A page on another site can point its own name at 127.0.0.1 (DNS rebinding) and
  then read this server's API from the analyst's browser. Such requests carry the attacker's name in
  ``Host``, so only the bound host, the loopback names and names given with ``--allow-host`` are
  answered; anything else gets a 421 with a message saying how to allow it.
- **Token.** With ``--token`` (or ``MARSAD_TOKEN``) set, every request needs it: as
  ``Authorization: Bearer TOKEN``, or once as ``?token=TOKEN`` in a browser, which sets a cookie.
- **Headers.** Every response says: scripts, styles and data only from this server
  (Content-Security-Policy), never in a frame, no content sniffing, no referrer.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})
TOKEN_COOKIE = "marsad_token"


def is_loopback(host: str) -> bool:
    return host.strip("[]").lower() in LOOPBACK_HOSTS or host.startswith("127.")


def host_name(header: str) -> str:
    """The name in a Host header, without the port (``[::1]:8765`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def allowed_hosts(bound: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """Loopback names, the bound address (unless a wildcard) and ``extra``, all lower-case."""
    names = set(LOOPBACK_HOSTS) | {host_name(name) for name in extra if name.strip()}
    if bound not in WILDCARD_BINDS:
        names.add(host_name(bound))
    return frozenset(names)


class Guard:
    """ASGI middleware: check Host and token, add the security headers to every response."""

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str], token: str | None = None) -> None:
        self.app = app
        self.hosts = hosts
        self.token = token or None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        host = host_name(headers.get("host", ""))
        if host not in self.hosts:
            message = (
                f"this server does not answer to the host name {host!r}; to reach it by that name, "
                f"start it with `marsad serve --allow-host {host or 'NAME'}`"
            )
            await self.refuse(send, 421, message)
            return
        set_cookie = False
        if self.token is not None:
            given = self.token_of(scope, headers)
            if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
                await self.refuse(send, 401, "a token is required: send `Authorization: Bearer TOKEN`")
                return
            set_cookie = "token=" in scope.get("query_string", b"").decode("latin-1")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = list(SECURITY_HEADERS)
                if set_cookie and self.token is not None:
                    cookie = f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
                    extra.append((b"set-cookie", cookie.encode("latin-1")))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def token_of(scope: Scope, headers: dict[str, str]) -> str | None:
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and value:
            return value.strip()
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is no token
            return None
        if TOKEN_COOKIE in cookies:
            return str(cookies[TOKEN_COOKIE].value)
        query: dict[str, list[str]] = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        values = query.get("token")
        return values[0] if values else None

    @staticmethod
    async def refuse(send: Send, status: int, message: str) -> None:
        body = json.dumps({"ok": False, "error": message, "status": status}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            *SECURITY_HEADERS,
        ]
        if status == 401:
            headers.append((b"www-authenticate", b"Bearer"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
