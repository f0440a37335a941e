"""The Starlette application: routes, the session and CSRF check every page goes through, and
each error shown as the CLI's one-line Chinese message."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from docgen.errors import DocgenError
from docgen.web import classes, kit, security, uploads
from docgen.web.classes import NotFound
from docgen.web.jobs import JobManager
from docgen.web.pages_class import ClassPages
from docgen.web.pages_kit import KitPages
from docgen.web.pages_speech import SpeechPages

HERE = Path(__file__).parent
MAX_REQUEST = uploads.MAX_SPEECH + 1024 * 1024
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]
log = logging.getLogger("docgen.web")


@dataclass
class Settings:
    workspace: Path
    password: str | None = None
    workers: int = 2
    queue_size: int = 32
    time_limit: float = 600
    secure_cookie: bool = False
    allowed_hosts: list[str] | None = None
    """Host headers answered (loopback names on a loopback bind: a page elsewhere cannot rebind a name to it)."""


def create_app(settings: Settings) -> Starlette:
    settings.workspace = Path(settings.workspace).resolve()
    settings.workspace.mkdir(parents=True, exist_ok=True)
    site = Site(settings)
    middleware = [Middleware(security.SecurityHeaders), Middleware(security.BodyLimit, limit=MAX_REQUEST),
                  Middleware(SessionMiddleware, secret_key=security.session_secret(settings.workspace),
                             session_cookie="docgen_session", max_age=365 * 24 * 3600, same_site="strict",
                             https_only=settings.secure_cookie)]
    if settings.allowed_hosts:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts))
    app = Starlette(routes=site.routes(), middleware=middleware, exception_handlers=site.http_errors(),
                    lifespan=site.lifespan)
    app.state.site = site
    return app


def soffice_present() -> bool:
    from docgen.export.pdf import find_soffice

    return find_soffice() is not None


class Site(ClassPages, SpeechPages, KitPages):
    """The pages (one mixin per page), the gate each goes through, and the build queue."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.workspace = settings.workspace
        self.tmp = self.workspace / ".tmp"
        kit.remove_old_files(self.tmp, 0)  # left by a server that was stopped mid-upload or mid-download
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.jobs = JobManager(self.workspace, settings.workers, settings.queue_size, settings.time_limit)
        self.office = soffice_present()

    def routes(self) -> list:
        page = self.page
        return [
            Route("/", page(self.home)), Route("/login", page(self.login, login=True), methods=["GET", "POST"]),
            Route("/classes", page(self.new_class), methods=["POST"]),
            Route("/c/{class_id}", page(self.class_page), methods=["GET", "POST"]),
            Route("/c/{class_id}/roster", page(self.roster), methods=["POST"]),
            Route("/c/{class_id}/speech", page(self.speech_page), methods=["GET", "POST"]),
            Route("/c/{class_id}/speech/{name}", page(self.speech_edit), methods=["POST"]),
            Route("/c/{class_id}/kit", page(self.kit_page)),
            Route("/c/{class_id}/build", page(self.build), methods=["POST"]),
            Route("/c/{class_id}/jobs/{job_id}", page(self.job_status)),
            Route("/c/{class_id}/files/{name}", page(self.download)),
            Route("/c/{class_id}/preview/{name}", page(self.preview)),
            Route("/c/{class_id}/kit.zip", page(self.zip)),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ]

    # --- the one gate every page goes through -------------------------------------------------

    def page(self, handler, login: bool = False):
        async def endpoint(request):
            session = request.session
            security.ensure_session(session)
            form = None
            try:
                if self.settings.password and not session.get("auth") and not login:
                    if request.method != "POST":
                        return RedirectResponse("/login", status_code=303)
                    raise security.Refused("请先登录")
                if request.method == "POST":
                    form = await self._form(request)
                    security.check_csrf(session, form.get("csrf"))
                cf = None
                if "class_id" in request.path_params:
                    cf = classes.find_class(self.workspace, request.path_params["class_id"], session["uid"])
                return await handler(request, form, cf)
            except security.TooLarge:
                raise  # answered by security.BodyLimit
            except NotFound as e:
                return self.error(request, str(e), 404)
            except security.Refused as e:
                return self.error(request, str(e), 403)
            except DocgenError as e:
                return self.error(request, classes.user_message(e, None, self.workspace), 400)
            except Exception as e:  # noqa: BLE001 - a page shows one line, never a stack trace
                log.exception("internal error")
                return self.error(request, f"内部错误（{type(e).__name__}），请报告此问题", 500)
            finally:
                if form is not None:
                    await form.close()

        return endpoint

    async def _form(self, request):
        try:
            return await request.form(max_files=2, max_fields=400, max_part_size=64 * 1024)
        except security.TooLarge:
            raise
        except Exception:  # noqa: BLE001 - malformed multipart bodies
            raise DocgenError("提交的表单格式不正确，请刷新页面后重试") from None

    @contextlib.asynccontextmanager
    async def lifespan(self, app):
        yield
        self.jobs.stop()

    def http_errors(self) -> dict:
        """Starlette's own answers (no such page, wrong method, a bug past the gate) as one Chinese line."""
        texts = {404: "找不到这个页面", 405: "不支持这种请求方式", 500: "内部错误，请报告此问题"}

        async def handle(request, exc):
            status = getattr(exc, "status_code", 500)
            return self.render(request, "error.html", status, message=texts.get(status, f"请求无法处理（{status}）"))

        return {404: handle, 405: handle, 500: handle}

    def render(self, request, template: str, status: int = 200, **context) -> Response:
        context.update(csrf=request.session.get("csrf", ""), password=bool(self.settings.password))
        return self.templates.TemplateResponse(request, template, context, status_code=status)

    def error(self, request, message: str, status: int) -> Response:
        if request.url.path.startswith("/c/") and "/jobs/" in request.url.path:
            return JSONResponse({"error": message}, status_code=status)
        return self.render(request, "error.html", status, message=message)

    # --- pages ----------------------------------------------------------------------------------

    async def login(self, request, form, cf):
        if not self.settings.password:
            return RedirectResponse("/", status_code=303)
        message = ""
        if form is not None:
            if security.password_matches(self.settings.password, form.get("password")):
                request.session["auth"] = True
                return RedirectResponse("/", status_code=303)
            await asyncio.sleep(1)  # slows guessing
            message = "密码不正确"
        return self.render(request, "login.html", 403 if message else 200, message=message)
