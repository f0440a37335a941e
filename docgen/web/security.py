"""What makes the page safe on a network: loopback by default, a password elsewhere, signed
cookie sessions with a CSRF token on every POST, a request size limit, strict response headers."""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
from pathlib import Path

from docgen.errors import DocgenError

PASSWORD_ENV = "DOCGEN_SERVE_PASSWORD"
SECRET_FILE = ".docgen-web-secret"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class Refused(DocgenError):
    """A request without a valid session, CSRF token or login."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, password: str | None) -> None:
    """Any address but loopback needs a password: refuse to start without one."""
    if not is_loopback(host) and not password:
        raise DocgenError(f"在 {host} 上提供服务会让局域网中的其他电脑访问，必须设置密码："
                          f"加 --password 或设置环境变量 {PASSWORD_ENV}（只在本机使用时不加 --host）")


def session_secret(workspace: Path) -> str:
    """The cookie-signing key, kept in the workspace so sessions (and class ownership) survive a restart."""
    path = workspace / SECRET_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
        if len(text) >= 32:
            return text
    except (OSError, UnicodeDecodeError):
        pass
    text = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(text)
    return text


def ensure_session(session: dict) -> None:
    """A session has its user id (the owner of its classes) and its CSRF token from its first page."""
    session.setdefault("uid", secrets.token_hex(16))
    session.setdefault("csrf", secrets.token_urlsafe(32))


def check_csrf(session: dict, token) -> None:
    expected = session.get("csrf")
    if not expected or not isinstance(token, str) or not hmac.compare_digest(expected, token):
        raise Refused("页面已过期或来源不明（缺少会话或校验码），请刷新页面后重试")


def password_matches(expected: str, given) -> bool:
    return isinstance(given, str) and hmac.compare_digest(expected.encode(), given.encode())


class BodyLimit:
    """ASGI middleware: refuse a request body over `limit` bytes with one Chinese line (413)."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise TooLarge()
            return message

        try:
            await self.app(scope, limited, send)
        except TooLarge:
            await self._refuse(send)

    async def _refuse(self, send):
        body = f"错误：上传的内容太大（超过 {self.limit // (1024 * 1024)} MB）".encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class TooLarge(Exception):
    pass


class SecurityHeaders:
    def __init__(self, app):
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, with_headers)
