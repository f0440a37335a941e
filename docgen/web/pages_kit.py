"""Page ③: the kit — a build in a worker (docgen/web/jobs.py), its progress, the files, the zip, previews."""

from __future__ import annotations

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, JSONResponse, RedirectResponse

from docgen.errors import DocgenError
from docgen.web import classes, kit
from docgen.web.classes import NotFound

OLD_TEMPORARY = 3600


class KitPages:
    async def kit_page(self, request, form, cf):
        from docgen.build import KIND_LABELS

        job = self.jobs.latest(cf.id)
        return self.render(request, "kit.html", cf=cf, kinds=KIND_LABELS, office=self.office,
                           job=job.id if job else "", cards=kit.cards(cf))

    async def build(self, request, form, cf):
        from docgen.build import KINDS

        kit.remove_old_files(self.tmp, OLD_TEMPORARY)
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

    def _not_while_building(self, cf) -> None:
        if self.jobs.building(cf.id):
            raise DocgenError("材料正在生成，请等生成完成后再下载")

    async def download(self, request, form, cf):
        self._not_while_building(cf)
        path = kit.document(cf, request.path_params["name"])
        return FileResponse(path, filename=path.name)

    async def preview(self, request, form, cf):
        return FileResponse(kit.preview(cf, request.path_params["name"]), media_type="image/png")

    async def zip(self, request, form, cf):
        self._not_while_building(cf)
        info = classes.load_info(cf)
        path = await run_in_threadpool(kit.make_zip, cf, self.tmp)
        name = f"{info.name if info else '培训班'}-全套材料.zip"
        return FileResponse(path, filename=name, media_type="application/zip",
                            background=BackgroundTask(path.unlink, missing_ok=True))
