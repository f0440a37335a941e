"""Cancelling: Ctrl-C, SIGTERM or a closed terminal ends a run the same way, cleaning up as it goes.

Each of them raises `KeyboardInterrupt` where the program is, so every `finally` and `with` on
the way out runs: temporary files are removed, previous outputs stay whole, and the processes
docgen started (build lanes, LibreOffice, PDF drawers) are stopped by whoever started them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

GRACE_SECONDS = 3.0
"""How long a stopped process may take to clean up before it is killed."""


SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def raise_on_termination() -> None:
    """Ctrl-C, SIGTERM and SIGHUP raise `KeyboardInterrupt` once (in this process and its forks);
    a second one while cleaning up is ignored, so the cleaning is not itself cut short."""
    for name in SIGNALS:
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, _interrupt)


_cancelling = False


def _interrupt(signum, frame):
    global _cancelling
    if _cancelling:
        return
    _cancelling = True
    raise KeyboardInterrupt


def stop_process(proc: subprocess.Popen, grace: float = GRACE_SECONDS) -> None:
    """Stop `proc` (started with `start_new_session`) and everything it started: SIGTERM to its
    process group, then SIGKILL after `grace` seconds; waits for it."""
    if proc.poll() is not None:
        _kill_group(proc.pid, getattr(signal, "SIGKILL", None))  # children it may have left
        return
    if not hasattr(os, "killpg"):  # Windows: no process groups
        proc.kill()
        proc.wait()
        return
    _kill_group(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    _kill_group(proc.pid, signal.SIGKILL)
    proc.wait()


def _kill_group(pgid: int, sig) -> None:
    if sig is None or not hasattr(os, "killpg"):
        return
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def stop_children(pids: list[int], grace: float = GRACE_SECONDS) -> None:
    """Stop forked children: SIGTERM (they clean up as on Ctrl-C), SIGKILL after `grace`; reap them all."""
    for pid in pids:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    waiting = set(pids)
    while waiting:
        for pid in list(waiting):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                waiting.discard(pid)
        if not waiting:
            break
        if time.monotonic() > deadline:
            for pid in waiting:
                _signal(pid, signal.SIGKILL)
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    pass
            break
        time.sleep(0.02)


def _signal(pid: int, sig) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
