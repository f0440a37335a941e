"""Builds for the page: a bounded queue, a few worker processes, a time limit, old jobs forgotten.

Each build runs `docgen.build.build` (the call `docgen build` makes) in a process of its own,
started by a forkserver (never forked from the threaded server). The worker reports each document
as it finishes through a pipe. LibreOffice runs under a file lock, one conversion at a time.
"""

from __future__ import annotations

import contextlib
import os
import queue
import secrets
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import DocgenError

FINISHED = ("done", "failed")
PRELOAD = ["docgen.web.worker", "docgen.build", "docgen.readers", "docgen.resources", "lxml.etree", "docx"]


class Busy(DocgenError):
    """The queue is full."""


@dataclass
class Job:
    id: str
    class_id: str
    folder: Path
    kinds: list[str]
    pdf: bool
    status: str = "queued"  # queued, running, done, failed
    planned: list[str] = field(default_factory=list)
    docs: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    phase: str = ""
    """What the build does after the documents (PDFs, previews)."""
    error: str = ""
    pdf_error: str = ""
    finished_at: float = 0.0
    pid: int = 0

    def public(self) -> dict:
        return {"id": self.id, "status": self.status, "planned": self.planned, "docs": self.docs, "phase": self.phase,
                "warnings": self.warnings[:20], "error": self.error, "pdf_error": self.pdf_error}


class JobManager:
    def __init__(self, workspace: Path, workers: int = 2, queue_size: int = 32, time_limit: float = 600,
                 keep_seconds: float = 3600):
        self.workspace = workspace
        self.time_limit = time_limit
        self.keep_seconds = keep_seconds
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self.pending: queue.Queue[Job] = queue.Queue(maxsize=queue_size)
        self.queue_size = queue_size
        self.office_lock = workspace / ".docgen-office.lock"
        self.threads = [threading.Thread(target=self._serve, daemon=True, name=f"docgen-build-{i}")
                        for i in range(workers)]
        for t in self.threads:
            t.start()

    def submit(self, class_id: str, folder: Path, kinds: list[str], pdf: bool) -> Job:
        """Queue a build of the class (or return its build still queued or running)."""
        with self.lock:
            self._forget_old()
            for job in self.jobs.values():
                if job.class_id == class_id and job.status not in FINISHED:
                    return job
            job = Job("j" + secrets.token_hex(8), class_id, folder, kinds, pdf)
            try:
                self.pending.put_nowait(job)
            except queue.Full:
                raise Busy(f"服务器正忙：已有 {self.queue_size} 个生成任务在排队，请稍后再试") from None
            self.jobs[job.id] = job
            return job

    def get(self, class_id: str, job_id: str) -> Job | None:
        with self.lock:
            job = self.jobs.get(job_id)
        return job if job and job.class_id == class_id else None

    def building(self, class_id: str) -> bool:
        latest = self.latest(class_id)
        return latest is not None and latest.status not in FINISHED

    def latest(self, class_id: str) -> Job | None:
        with self.lock:
            jobs = [j for j in self.jobs.values() if j.class_id == class_id]
        return jobs[-1] if jobs else None

    def stop(self) -> None:
        """When the server stops: end the builds still running (their class keeps its previous files)."""
        with self.lock:
            running = [j for j in self.jobs.values() if j.status == "running" and j.pid]
        for job in running:
            _kill(job.pid)

    def _forget_old(self) -> None:
        now = time.time()
        for job_id in [k for k, j in self.jobs.items() if j.status in FINISHED and now - j.finished_at > self.keep_seconds]:
            del self.jobs[job_id]

    def _serve(self) -> None:
        while True:
            job = self.pending.get()
            try:
                self._run(job)
            except Exception as e:  # noqa: BLE001 - a worker thread must outlive any one build
                job.error = job.error or f"内部错误（{type(e).__name__}: {e}），请报告此问题"
            job.status = "failed" if job.error else "done"
            job.finished_at = time.time()

    def _run(self, job: Job) -> None:
        import multiprocessing

        from docgen.web import worker

        ctx = multiprocessing.get_context("forkserver" if hasattr(os, "fork") else "spawn")
        if ctx.get_start_method() == "forkserver":
            ctx.set_forkserver_preload(PRELOAD)  # imported once by the forkserver, not by every build
        receiver, sender = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=worker.main, args=(sender, str(job.folder), job.kinds, job.pdf,
                                                     str(self.office_lock)), daemon=False)
        job.status = "running"
        proc.start()
        job.pid = proc.pid
        sender.close()
        deadline = time.monotonic() + self.time_limit
        try:
            self._follow(job, receiver, proc, deadline)
        finally:
            receiver.close()
            proc.join(5)
            if proc.is_alive():
                _kill(proc.pid)
                proc.join()

    def _follow(self, job: Job, receiver, proc, deadline: float) -> None:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                _kill(proc.pid)
                job.error = f"生成超时（超过 {self.time_limit:.0f} 秒），已停止"
                return
            if receiver.poll(min(left, 0.5)):
                try:
                    message = receiver.recv()
                except EOFError:
                    break
                if _apply(job, message):
                    return
            elif not proc.is_alive() and not receiver.poll(0):
                break
        job.error = job.error or "生成进程意外退出，请重试"


def _apply(job: Job, message: dict) -> bool:
    """Update the job from a worker message; True at the last one."""
    kind = message.get("type")
    if kind == "plan":
        job.planned = message["labels"]
    elif kind == "doc":
        job.docs.append(message["doc"])
    elif kind == "phase":
        job.phase = message["text"]
    elif kind == "warning":
        job.warnings.append(message["text"])
    elif kind == "end":
        job.error, job.pdf_error = message.get("error", ""), message.get("pdf_error", "")
        return True
    return False


def _kill(pid: int) -> None:
    """End the worker and everything under it: its build lanes, and LibreOffice and the PDF drawer,
    which run in sessions of their own (so the worker's process group alone would miss them)."""
    tree = [pid, *descendants(pid)]
    own = os.getpgrp() if hasattr(os, "getpgrp") else None
    groups = set()
    for p in tree:
        try:
            groups.add(os.getpgid(p))
        except (ProcessLookupError, AttributeError, PermissionError):
            pass
    for group in groups - {own}:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)
    for p in tree:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(p, signal.SIGKILL)


def descendants(pid: int) -> set[int]:
    """Every process under `pid` (Linux: from /proc; elsewhere none are found)."""
    found, todo = set(), [pid]
    while todo:
        try:
            tasks = list(Path(f"/proc/{todo.pop()}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found.update(children)
            todo += children
    return found
