"""Language detection in its own process, so loading the models never freezes the web server.

lingua builds its models in pure Python (seconds, holding the GIL, hundreds of
MB); in the web process that would stall every request. One long-lived
worker process, started on first use, keeps the models loaded between jobs.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tracker.validation.language import LanguageResult, detect_document_language

TIMEOUT_SECONDS = 240  # a longer detection is abandoned and its document marked for a person

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def detect(path: Path, kind: str) -> LanguageResult:
    """Run detect_document_language in the worker process; restart it after a failure."""
    future = _get_pool().submit(detect_document_language, path, kind=kind)
    try:
        return future.result(timeout=TIMEOUT_SECONDS)
    except BaseException:
        _reset()
        raise


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            context = multiprocessing.get_context("spawn")  # never fork a threaded server
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        return _pool


def _reset() -> None:
    """Stop a stuck or broken worker; the next job starts a fresh one."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)


atexit.register(_reset)
