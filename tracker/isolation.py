"""One long-lived child process, with memory and CPU limits, for work a hostile file can blow up.

pdfium, tesseract and the language models run there and nowhere else: the worst a
file can do is kill the child, which is started again for the next call, never the
web or worker process. The child stays between calls so models stay loaded; calls
from several threads take turns. Pure: no Flask here.
"""

from __future__ import annotations

import atexit
import ctypes
import errno
import math
import os
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from typing import Any, TypeVar

T = TypeVar("T")
MB = 1024 * 1024
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
STOP_SECONDS = 5.0


@dataclass(frozen=True)
class ChildLimits:
    """What the child may use: address space for its whole life, CPU time per call.

    The address space holds the libraries and the small language model plus one page
    being read, and tesseract's packs while it reads (in this process). Measured peaks:
    ~35 MB reading a text PDF, ~130 MB with OCR, ~750 MB drawing a 60-megapixel PNG
    (the largest image an item accepts); pdfium on a Flate bomb dies at the cap.
    """

    memory_bytes: int = 1536 * MB
    cpu_seconds: int = 120


class IsolationError(Exception):
    """The child ran out of time or memory, or crashed; it is started afresh next time."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"isolated call failed: {reason}")
        self.reason = reason


def run_isolated(fn: Callable[..., T], *args: Any, timeout: float) -> T:
    """Call the module-level `fn(*args)` in the child; wait at most `timeout` seconds for it."""
    global _child
    with _lock:
        if _child is None or not _child.alive():
            _child = _SPAWNER.submit(_Child, _limits).result()
        try:
            status, value = _child.call(fn, args, timeout)
        except BaseException:
            # Also a signal's exception (a job's time limit) raised while waiting: the
            # child is mid-call, and its late answer must never reach the next caller.
            _child.stop()
            _child = None
            raise
    if status == "raised":
        raise value
    result: T = value
    return result


def configure(limits: ChildLimits) -> None:
    """Use these limits from the next child on (the running one is stopped if they differ)."""
    global _limits
    with _lock:
        if limits != _limits:
            _limits = limits
            _stop_locked()


def stop() -> None:
    """End the child now (at exit; tests)."""
    with _lock:
        _stop_locked()


def child_pid() -> int | None:
    """The running child's process id, if there is one."""
    child = _child
    return child.pid if child is not None and child.alive() else None


class _Child:
    """The parent's handle on one child: a pipe to send calls on, and the process."""

    def __init__(self, limits: ChildLimits) -> None:
        ours, theirs = Pipe()
        self._conn: Connection = ours
        command = "from tracker.isolation import serve; serve()"
        argv = [str(theirs.fileno()), str(os.getpid()), str(limits.memory_bytes)]
        self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", command, *argv, str(limits.cpu_seconds)],
            pass_fds=[theirs.fileno()],
            env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # the CLI's JSON goes to our stdout; stderr is shared
        )
        theirs.close()
        self.pid = self._process.pid

    def alive(self) -> bool:
        return self._process.poll() is None

    def call(
        self, fn: Callable[..., Any], args: tuple[Any, ...], timeout: float
    ) -> tuple[str, Any]:
        """Send one call; return ("ok", result) or ("raised", the function's exception)."""
        try:
            self._conn.send((fn, args))
            if not self._conn.poll(timeout):
                raise IsolationError(f"no answer within {timeout:g} s")
            status, value = self._conn.recv()
        except (EOFError, OSError):
            raise IsolationError(self._death()) from None
        if status == "memory":
            raise IsolationError("out of memory")
        return status, value

    def stop(self) -> None:
        self._conn.close()
        self._process.kill()
        self._process.wait(STOP_SECONDS)

    def _death(self) -> str:
        try:
            code = self._process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            return "the child stopped answering"
        if code == -signal.SIGXCPU:
            return "out of CPU time"
        if code < 0:
            return f"the child died of {signal.Signals(-code).name}"
        return f"the child exited with status {code}"


def _stop_locked() -> None:
    global _child
    if _child is not None:
        _child.stop()
        _child = None


def _spawner() -> ThreadPoolExecutor:
    # PR_SET_PDEATHSIG fires when the *thread* that started the child ends, so children
    # are started from this one long-lived thread, never from a short-lived request thread.
    return ThreadPoolExecutor(1, thread_name_prefix="isolation-spawner")


def _forget_after_fork() -> None:
    """A forked process (a gunicorn worker) starts its own child: the parent's is not its own."""
    global _child, _lock, _SPAWNER
    _child, _lock, _SPAWNER = None, threading.Lock(), _spawner()


_lock = threading.Lock()
_child: _Child | None = None
_limits = ChildLimits()
_SPAWNER = _spawner()
os.register_at_fork(after_in_child=_forget_after_fork)
atexit.register(stop)


# ---- in the child ----


def serve() -> None:
    """The child's loop: receive a call, run it under the limits, send back what came of it."""
    fd, parent, memory, cpu = (int(a) for a in sys.argv[1:5])
    _die_with(parent)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file behind
    conn = Connection(fd)
    while True:
        try:
            fn, args = conn.recv()
        except EOFError:
            return  # the parent closed the pipe
        _limit_cpu(cpu)
        try:
            conn.send(("ok", fn(*args)))
        except Exception as exc:  # noqa: BLE001 - the caller gets the exception itself
            if _out_of_memory(exc):
                conn.send(("memory", None))
                return  # the heap may be in pieces: the next call gets a fresh child
            _send_raised(conn, exc)


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies, however it dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _limit_cpu(seconds: int) -> None:
    """Allow `seconds` more CPU time from now: the kernel's limit counts the child's whole life."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = math.ceil(usage.ru_utime + usage.ru_stime)
    resource.setrlimit(resource.RLIMIT_CPU, (used + seconds, resource.RLIM_INFINITY))


def _out_of_memory(exc: Exception) -> bool:
    """Tell the ways the address-space cap shows: no heap, or no room to map a library."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
        return True
    # A shared library that finds no room: ImportError from Python, OSError from ctypes.
    return isinstance(exc, ImportError | OSError) and "failed to map segment" in str(exc)


def _send_raised(conn: Connection, exc: Exception) -> None:
    try:
        conn.send(("raised", exc))
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled is told by name
        conn.send(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))
