"""Run the jobs of a build on several cores: forked worker processes, one lane of jobs each.

A build is mostly Python: importing python-pptx/python-docx and filling XML. Each lane runs in a
child forked from the planned build, so it inherits the jobs, the class and every monkeypatch, and
imports only the library its own documents need (the .pptx lane never imports python-docx and the
other way round). Children report each finished job and every warning through a pipe; the parent
prints progress as they arrive and re-emits the warnings through the `docgen` logger.

Inputs several documents need (the speech, the roster) are loaded by the parent *after* forking,
while the lanes import their libraries, and sent to the lanes that need them, pickled, through a
second pipe per lane (`Feed`); each lane runs first the documents that need none of them.

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
from dataclasses import dataclass

# Rough cost of each document of the sample class in its lane, milliseconds, and the library it
# imports (whose import cost a lane pays once). Only the ratios matter: they balance the lanes.
# Measured with bench/bench_build.py (warm documents; cold imports on top). The handout and the
# test paper are planned in the parent (build.PLANNERS): their lanes only render them.
JOB_COST = {"slides": 30, "handout": 14, "quiz": 24, "survey": 8, "signin": 12, "cards": 8, "certificates": 14}
LIBRARY = {"slides": "lxml", "cards": "lxml", "certificates": "docxtpl"}
LIBRARY_COST = {"lxml": 2, "docx": 40, "docxtpl": 45}  # .pptx is written with lxml (loaded before forking);
# docxtpl includes python-docx and its XML patching
SPEECH_KINDS = ("slides", "handout", "quiz")
SPEECH_COST = 45  # reading and analysing a speech, once per lane that needs it
CRASHED = "生成这份材料的进程意外退出（可能是内存不足或被结束），上次的文件保留未动"


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
    counting the library imports and speech readings a lane has not paid for yet. Within a lane the
    documents of a speech come last: the speech is still being read when the lane starts."""
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
    return [sorted(p, key=lambda i: (kinds[i] in SPEECH_KINDS, i)) for p in plan if p]


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


@dataclass
class Feed:
    """An input the parent loads after forking and sends to the lanes that need it."""

    load: Callable[[], object]
    """Run in the parent; its value (or the error it raises) goes to the lanes."""
    lanes: frozenset[int]
    """Indices into the `lanes` of `run_in_lanes` that need it."""
    adopt: Callable[[Callable[[Callable[[], object]], object]], None]
    """Run in each of those lanes before its jobs, with `receive(fallback)`: the parent's value,
    or its error raised again, or `fallback()` when the parent could not send it."""


def run_in_lanes(lanes: list[list[int]], run_one: Callable[[int], dict],
                 on_result: Callable[[int, dict], None], on_warning: Callable[[str], None],
                 feeds: Sequence[Feed] = ()) -> None:
    """Fork one child per lane; each runs `run_one(i)` for its jobs and sends the result dicts back.
    `on_result(i, result)` runs in this process as results arrive; a job whose child died gets
    `{"error": CRASHED}`. Then each of `feeds`, in order, is loaded here and sent to its lanes."""
    children: dict[int, tuple[int, list[int]]] = {}  # read fd -> (pid, jobs not yet reported)
    buffers: dict[int, bytes] = {}
    outbox = _Outbox()
    for number, lane in enumerate(lanes):
        read_fd, write_fd = os.pipe()
        feed_read, feed_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: keep only its own ends of its own pipes
            for fd in (read_fd, feed_write, *children, *outbox.fds.values()):
                os.close(fd)
            _child(lane, run_one, write_fd, _Inbox(feed_read, number, feeds))
        os.close(write_fd)
        os.close(feed_read)
        outbox.add(number, feed_write)
        children[read_fd] = (pid, list(lane))
        buffers[read_fd] = b""
    try:
        for key, feed in enumerate(feeds):
            outbox.send(feed.lanes, _packed(key, feed.load))
        outbox.close_when_sent()
        _collect(children, buffers, outbox, on_result, on_warning)
    except BaseException:  # Ctrl-C, SIGTERM: the lanes clean up their temporary files and end with this one
        from docgen.cancel import stop_children

        stop_children([pid for pid, _ in children.values()])
        raise
    finally:
        for fd in children:
            os.close(fd)
        outbox.close_all()


def _collect(children: dict[int, tuple[int, list[int]]], buffers: dict[int, bytes], outbox: _Outbox,
             on_result, on_warning) -> None:
    """Read the lanes' results as they come, until every lane has exited."""
    while children:
        ready, writable, _ = select.select(list(children), outbox.waiting(), [])
        outbox.flush(writable)
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


def _packed(key: int, load: Callable[[], object]) -> bytes:
    """A feed message: its value or the error loading it raised, or neither when unpicklable."""
    import pickle

    try:
        outcome = (True, load())
    except Exception as e:  # noqa: BLE001 - raised again in each lane that needs the input
        outcome = (False, e)
    try:
        data = pickle.dumps((key, *outcome), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - the lanes load it themselves
        data = pickle.dumps((key, None, None))
    return len(data).to_bytes(8, "little") + data


class _Outbox:
    """The parent's side of the feed pipes: non-blocking writes, so a lane that is busy (or has
    exited) never stops the parent from collecting results."""

    def __init__(self):
        self.fds: dict[int, int] = {}  # lane -> write fd
        self.pending: dict[int, bytearray] = {}  # write fd -> bytes not written yet
        self.closing = False

    def add(self, lane: int, fd: int) -> None:
        os.set_blocking(fd, False)
        self.fds[lane] = fd
        self.pending[fd] = bytearray()

    def send(self, lanes: frozenset[int], data: bytes) -> None:
        for lane in lanes:
            fd = self.fds.get(lane)
            if fd in self.pending:
                self.pending[fd] += data
                self._write(fd)

    def close_when_sent(self) -> None:
        self.closing = True
        for fd in list(self.pending):
            self._write(fd)

    def waiting(self) -> list[int]:
        return [fd for fd, data in self.pending.items() if data]

    def flush(self, writable: list[int]) -> None:
        for fd in writable:
            self._write(fd)

    def close_all(self) -> None:
        for fd in self.pending:
            os.close(fd)
        self.pending.clear()

    def _write(self, fd: int) -> None:
        data = self.pending[fd]
        try:
            while data:
                del data[:os.write(fd, data)]
        except BlockingIOError:
            return
        except OSError:  # the lane has exited: it needs nothing more
            data.clear()
        if self.closing and not data:
            del self.pending[fd]
            os.close(fd)


class _Inbox:
    """A lane's side of its feed pipe: messages read as the lane's jobs ask for them."""

    def __init__(self, fd: int, lane: int, feeds: Sequence[Feed]):
        self.fd = fd
        self.feeds = [(key, feed) for key, feed in enumerate(feeds) if lane in feed.lanes]
        self.received: dict[int, tuple] = {}
        self.buffer = bytearray()

    def adopt(self) -> None:
        for key, feed in self.feeds:
            feed.adopt(lambda fallback, k=key: self.receive(k, fallback))

    def receive(self, key: int, fallback: Callable[[], object]):
        import pickle

        while key not in self.received:
            message = self._next()
            if message is None:  # the parent is gone: load it here
                return fallback()
            try:
                got, ok, value = pickle.loads(message)
            except Exception:  # noqa: BLE001 - e.g. a class the lane cannot import: load it here
                return fallback()
            self.received[got] = (ok, value)
        ok, value = self.received[key]
        if ok is None:
            return fallback()
        if not ok:
            raise value
        return value

    def _next(self) -> bytes | None:
        while len(self.buffer) < 8 or len(self.buffer) < 8 + int.from_bytes(self.buffer[:8], "little"):
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return None
            self.buffer += chunk
        size = 8 + int.from_bytes(self.buffer[:8], "little")
        message = bytes(self.buffer[8:size])
        del self.buffer[:size]
        return message


def _child(lane: list[int], run_one: Callable[[int], dict], write_fd: int, inbox: _Inbox) -> None:
    """Run a lane and exit without returning into the parent's code (no atexit, no test teardown)."""
    status = 0
    try:
        out = os.fdopen(write_fd, "wb", buffering=0)

        def send(message: dict) -> None:
            out.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")

        _forward_warnings(send)
        inbox.adopt()
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
