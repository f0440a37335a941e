"""Page ①: the class — the form for class.toml (validated by docgen.config) and the roster upload."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

from docgen.errors import DocgenError
from docgen.web import classes, uploads
from docgen.web.classes import ClassFolder


class ClassPages:
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
        values = classes.form_from_post(form, cf.roster_name(), cf.speech_names())
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
                           speeches=cf.speech_names(), message=message, saved=saved,
                           bad=classes.field_at_line(values, message) if message else "",
                           roster=cf.roster_name(), notes=notes)

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
