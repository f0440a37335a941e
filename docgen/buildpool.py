"""Run the jobs of a build on several cores: forked worker processes, one lane of jobs each.

A build is mostly Python: importing python-pptx/python-docx and filling XML. Each lane runs in a
child forked from the planned build, so it inherits the jobs, the class and every monkeypatch, and
imports only the library its own documents need (the .pptx lane never imports python-docx and the
other way round). Children report each finished job and every warning through a pipe; the parent
prints progress as they arrive and re-emits the warnings through the `docgen` logger.

Serial where fork is missing or unsafe (Windows, macOS, a caller running threads), on one core,
for one job, or when the environment sets DOCGEN_JOBS=1.
"""

from __future__ import annotations

import json
import logging
import os
import select
import sys
from collections.abc import Callable, Sequence

# Rough cost of each document of the sample class on one core, milliseconds, and the library it
# imports (whose import cost a lane pays once). Only the ratios matter: they balance the lanes.
# Measured with bench/bench_build.py (warm documents; cold imports on top).
JOB_COST = {"slides": 75, "handout": 30, "quiz": 65, "survey": 10, "signin": 16, "cards": 21, "certificates": 28}
LIBRARY = {"slides": "pptx", "cards": "pptx", "certificates": "docxtpl"}
LIBRARY_COST = {"pptx": 110, "docx": 60, "docxtpl": 80}  # docxtpl includes python-docx and its XML patching
SPEECH_KINDS = ("slides", "handout", "quiz")
SPEECH_COST = 45  # reading and analysing a speech, once per lane that needs it
CRASHED = "内部错误（生成进程意外退出），请报告此问题"


def worker_count(jobs: int) -> int:
    """How many processes to use for `jobs` jobs (1 means serial, in this process)."""
    if jobs < 2 or not hasattr(os, "fork") or sys.platform == "darwin" or _threaded():
        return 1
    wanted = os.environ.get("DOCGEN_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        return min(int(wanted), jobs)
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, jobs))


def _threaded() -> bool:
    """Forking a process that runs other threads can deadlock the child (a lock held mid-fork)."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def plan_lanes(kinds: Sequence[str], speeches: Sequence[object], lanes: int) -> list[list[int]]:
    """Job indices per lane, longest job first onto the lane that would finish it soonest,
    counting the library imports and speech readings a lane has not paid for yet."""
    load = [0.0] * lanes
    paid: list[set] = [set() for _ in range(lanes)]
    plan: list[list[int]] = [[] for _ in range(lanes)]
    order = sorted(range(len(kinds)), key=lambda i: -JOB_COST.get(kinds[i], 50))

    def cost(lane: int, i: int) -> float:
        needs = _needs(kinds[i], speeches[i])
        extra = sum(_need_cost(n) for n in needs - paid[lane])
        return load[lane] + JOB_COST.get(kinds[i], 50) + extra

    for i in order:
        lane = min(range(lanes), key=lambda n: (cost(n, i), n))
        load[lane] = cost(lane, i)
        paid[lane] |= _needs(kinds[i], speeches[i])
        plan[lane].append(i)
    return [sorted(p) for p in plan if p]


def _needs(kind: str, speech: object) -> set:
    lib = LIBRARY.get(kind, "docx")
    needs = {lib, "docx"} if lib == "docxtpl" else {lib}
    if kind in SPEECH_KINDS:
        needs.add(("speech", id(speech)))
    return needs


def _need_cost(need) -> float:
    if isinstance(need, tuple):
        return SPEECH_COST
    return LIBRARY_COST[need] - (LIBRARY_COST["docx"] if need == "docxtpl" else 0)


def run_in_lanes(lanes: list[list[int]], run_one: Callable[[int], dict],
                 on_result: Callable[[int, dict], None], on_warning: Callable[[str], None]) -> None:
    """Fork one child per lane; each runs `run_one(i)` for its jobs and sends the result dicts back.
    `on_result(i, result)` runs in this process as results arrive; a job whose child died gets
    `{"error": CRASHED}`."""
    children: dict[int, tuple[int, list[int]]] = {}  # read fd -> (pid, jobs not yet reported)
    buffers: dict[int, bytes] = {}
    for lane in lanes:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_fd)
            _child(lane, run_one, write_fd)
        os.close(write_fd)
        children[read_fd] = (pid, list(lane))
        buffers[read_fd] = b""
    while children:
        ready, _, _ = select.select(list(children), [], [])
        for fd in ready:
            chunk = os.read(fd, 65536)
            if chunk:
                buffers[fd] += chunk
                *lines, buffers[fd] = buffers[fd].split(b"\n")
                for line in lines:
                    _dispatch(json.loads(line), children[fd][1], on_result, on_warning)
                continue
            pid, pending = children.pop(fd)
            os.close(fd)
            os.waitpid(pid, 0)
            for i in pending:
                on_result(i, {"error": CRASHED})


def _dispatch(message: dict, pending: list[int], on_result, on_warning) -> None:
    if "warning" in message:
        on_warning(message["warning"])
        return
    index = message.pop("index")
    pending.remove(index)
    on_result(index, message)


def _child(lane: list[int], run_one: Callable[[int], dict], write_fd: int) -> None:
    """Run a lane and exit without returning into the parent's code (no atexit, no test teardown)."""
    status = 0
    try:
        out = os.fdopen(write_fd, "wb", buffering=0)

        def send(message: dict) -> None:
            out.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")

        _forward_warnings(send)
        for i in lane:
            send({"index": i, **run_one(i)})
    except BaseException:  # noqa: BLE001 - the parent reports the lane's unfinished jobs
        status = 1
    finally:
        os._exit(status)


def _forward_warnings(send: Callable[[dict], None]) -> None:
    """Send every `docgen` warning to the parent, which shows it the way it shows its own."""

    class Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            send({"warning": record.getMessage()})

    logger = logging.getLogger("docgen")
    logger.handlers[:] = [Forward()]
    logger.propagate = False
    logger.setLevel(logging.WARNING)
