"""The Starlette application: routes, the session and CSRF check every page goes through, and
each error shown as the CLI's one-line Chinese message."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from docgen.errors import DocgenError
from docgen.web import classes, kit, outline, security, uploads
from docgen.web.classes import ClassFolder, NotFound
from docgen.web.jobs import JobManager

HERE = Path(__file__).parent
MAX_REQUEST = uploads.MAX_SPEECH + 1024 * 1024
OLD_TEMPORARY = 3600
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


class Site:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.workspace = settings.workspace
        self.tmp = self.workspace / ".tmp"
        remove_old_files(self.tmp, 0)  # left by a server that was stopped mid-upload or mid-download
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

    async def home(self, request, form, cf, message: str = ""):
        rows = []
        for c in classes.owned_classes(self.workspace, request.session["uid"]):
            try:
                info = classes.load_info(c)
                name = info.name if info else "（未填写）"
            except DocgenError:
                name = "（class.toml 有错误）"
            rows.append({"id": c.id, "name": name})
        return self.render(request, "home.html", 400 if message else 200, classes=rows, message=message)

    async def new_class(self, request, form, cf):
        values = classes.form_from_post(form, "", [])
        if not values["name"]:
            return await self.home(request, form, cf, message="请填写培训班名称")
        cf = classes.create_class(self.workspace, request.session["uid"])
        try:
            classes.save_class(cf, values)
        except DocgenError as e:
            return self._class_form(request, cf, values, classes.user_message(e, cf, self.workspace), 400)
        return RedirectResponse(f"/c/{cf.id}", status_code=303)

    async def class_page(self, request, form, cf):
        if form is None:
            message = ""
            try:
                info = classes.load_info(cf)
                values = classes.form_from_info(info) if info else classes.form_from_post({}, "", [])
            except DocgenError as e:
                values, message = classes.form_from_post({}, "", []), classes.user_message(e, cf, self.workspace)
            return self._class_form(request, cf, values, message)
        values = classes.form_from_post(form, _roster_name(cf), _speech_names(cf))
        try:
            classes.save_class(cf, values)
        except DocgenError as e:
            return self._class_form(request, cf, values, classes.user_message(e, cf, self.workspace), 400)
        return self._class_form(request, cf, values, "", saved="已保存 source/class.toml")

    def _class_form(self, request, cf: ClassFolder, values: dict, message: str, status: int = 200, saved: str = "",
                    notes: list[str] = ()):
        from docgen.config import PERIODS

        schedule = values["schedule"] + [dict.fromkeys(classes.SESSION_FIELDS, "")] * 2
        return self.render(request, "class.html", status, cf=cf, v=values, schedule=schedule, periods=PERIODS,
                           speeches=_speech_names(cf), message=message, saved=saved,
                           bad=classes.field_at_line(values, message) if message else "",
                           roster=_roster_name(cf), notes=notes)

    async def roster(self, request, form, cf):
        info = classes.load_info(cf)
        values = classes.form_from_info(info)
        try:
            upload = await uploads.receive(form.get("roster"), uploads.ROSTER_TYPES, uploads.MAX_ROSTER, "名单",
                                           self.tmp)
            values["roster"], notes = await run_in_threadpool(uploads.store_roster, cf, upload)
            classes.save_class(cf, values)
        except DocgenError as e:
            return self._class_form(request, cf, values, classes.user_message(e, cf, self.workspace), 400)
        notes = [classes.user_message(n, cf, self.workspace) for n in notes]
        return self._class_form(request, cf, values, "", saved=f"名单已保存为 source/{values['roster']}", notes=notes)

    async def speech_page(self, request, form, cf):
        if form is None:
            return await self._speech(request, cf, request.query_params.get("s", ""))
        try:
            upload = await uploads.receive(form.get("speech"), uploads.SPEECH_TYPES, uploads.MAX_SPEECH, "讲话稿",
                                           self.tmp)
            name, notes = await run_in_threadpool(uploads.store_speech, cf, upload)
        except DocgenError as e:
            return await self._speech(request, cf, "", classes.user_message(e, cf, self.workspace), 400)
        return await self._speech(request, cf, name, saved=f"已保存 source/{name}（原文件在 source/uploads/）",
                                  notes=notes)

    async def speech_edit(self, request, form, cf):
        name = request.path_params["name"]
        path = _speech_path(cf, name)
        try:
            if path.suffix.lower() != ".md":
                raise DocgenError(f"source/{name}：只能在网页上修改网页上传的讲话稿；这篇请用 docgen parse --format md 导出后修改")
            await run_in_threadpool(outline.apply_edits, path, form)
        except DocgenError as e:
            return await self._speech(request, cf, name, classes.user_message(e, cf, self.workspace), 400)
        return await self._speech(request, cf, name, saved=f"已保存 source/{name}")

    async def _speech(self, request, cf, name: str, message: str = "", status: int = 200, saved: str = "",
                      notes: list[str] = ()):
        names = _speech_names(cf)
        name = name if name in names else (names[0] if names else "")
        speech, rows = None, []
        if name:
            try:
                speech = await run_in_threadpool(outline.read, _speech_path(cf, name))
                rows = outline.rows(speech)
            except DocgenError as e:
                message = message or classes.user_message(e, cf, self.workspace)
        found = dict.fromkeys([*notes, *(speech.warnings if speech else [])])
        warnings = [classes.user_message(w, cf, self.workspace) for w in found]
        return self.render(request, "speech.html", status, cf=cf, names=names, name=name, speech=speech,
                           rows=rows, warnings=warnings, message=message, saved=saved)

    async def kit_page(self, request, form, cf):
        from docgen.build import KIND_LABELS

        job = self.jobs.latest(cf.id)
        return self.render(request, "kit.html", cf=cf, kinds=KIND_LABELS, office=self.office,
                           job=job.id if job else "", files=kit.rows(cf))

    async def build(self, request, form, cf):
        from docgen.build import KINDS

        remove_old_files(self.tmp, OLD_TEMPORARY)
        kinds = [k for k in KINDS if form.get(f"kind_{k}")] or list(KINDS)
        job = self.jobs.submit(cf.id, cf.folder, kinds, bool(form.get("pdf")) and self.office)
        if request.headers.get("accept", "").startswith("application/json"):
            return JSONResponse({"job": job.id})
        return RedirectResponse(f"/c/{cf.id}/kit", status_code=303)

    async def job_status(self, request, form, cf):
        job = self.jobs.get(cf.id, request.path_params["job_id"])
        if job is None:
            raise NotFound("找不到这个生成任务（可能已过期）")
        data = job.public()
        data["warnings"] = [classes.user_message(w, cf, self.workspace) for w in data["warnings"]]
        data["error"] = classes.user_message(data["error"], cf, self.workspace)
        data["pdf_error"] = classes.user_message(data["pdf_error"], cf, self.workspace)
        for doc in data["docs"]:
            doc["error"] = classes.user_message(doc["error"], cf, self.workspace)
        if job.status in ("done", "failed"):
            data["files"] = kit.rows(cf)
        return JSONResponse(data)

    async def download(self, request, form, cf):
        path = kit.document(cf, request.path_params["name"])
        return FileResponse(path, filename=path.name)

    async def preview(self, request, form, cf):
        return FileResponse(kit.preview(cf, request.path_params["name"]), media_type="image/png")

    async def zip(self, request, form, cf):
        info = classes.load_info(cf)
        path = await run_in_threadpool(kit.make_zip, cf, self.tmp)
        name = f"{info.name if info else '培训班'}-全套材料.zip"
        return FileResponse(path, filename=name, media_type="application/zip",
                            background=BackgroundTask(path.unlink, missing_ok=True))


def remove_old_files(folder: Path, age: float) -> None:
    """Temporary files older than `age` seconds (a zip whose download was cut off, say)."""
    import time

    if folder.is_dir():
        for p in folder.iterdir():
            if p.is_file() and time.time() - p.stat().st_mtime > age:
                p.unlink(missing_ok=True)


def _speech_names(cf: ClassFolder) -> list[str]:
    from docgen.build import SPEECH_SUFFIXES

    if not cf.source.is_dir():
        return []
    return sorted(p.name for p in cf.source.iterdir()
                  if p.is_file() and p.suffix.lower() in SPEECH_SUFFIXES and p.stem.lower() not in ("roster", "readme")
                  and not p.name.startswith((".", "~")))


def _speech_path(cf: ClassFolder, name: str) -> Path:
    """The speech of that name in source/ (compared with the listing, never joined from the URL)."""
    for listed in _speech_names(cf):
        if listed == name:
            return cf.source / listed
    raise NotFound("找不到这篇讲话稿")


def _roster_name(cf: ClassFolder) -> str:
    for suffix in uploads.ROSTER_TYPES:
        if (cf.source / f"roster{suffix}").is_file():
            return f"roster{suffix}"
    return ""
