"""Page ②: the speech — upload, the detected outline, and the clerk's edits (docgen/web/outline.py)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from docgen.errors import DocgenError
from docgen.web import classes, outline, uploads


class SpeechPages:
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
        path = cf.speech_path(name)
        try:
            if path.suffix.lower() != ".md":
                raise DocgenError(f"source/{name}：只能在网页上修改网页上传的讲话稿；这篇请用 docgen parse --format md 导出后修改")
            await run_in_threadpool(outline.apply_edits, path, form)
        except DocgenError as e:
            return await self._speech(request, cf, name, classes.user_message(e, cf, self.workspace), 400)
        return await self._speech(request, cf, name, saved=f"已保存 source/{name}")

    async def _speech(self, request, cf, name: str, message: str = "", status: int = 200, saved: str = "",
                      notes: list[str] = ()):
        names = cf.speech_names()
        name = name if name in names else (names[0] if names else "")
        speech, rows = None, []
        if name:
            try:
                speech = await run_in_threadpool(outline.read, cf.speech_path(name))
                rows = outline.rows(speech)
            except DocgenError as e:
                message = message or classes.user_message(e, cf, self.workspace)
        found = dict.fromkeys([*notes, *(speech.warnings if speech else [])])
        warnings = [classes.user_message(w, cf, self.workspace) for w in found]
        return self.render(request, "speech.html", status, cf=cf, names=names, name=name, speech=speech,
                           rows=rows, warnings=warnings, message=message, saved=saved)
