"""The isolated child: answers, survives its callers' errors, dies of its own, never outlives us."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tracker import isolation
from tracker.isolation import ChildLimits, IsolationError, run_isolated

# ---- run in the child (module-level, so they can be sent by reference) ----


def add(a: int, b: int) -> int:
    return a + b


def pid() -> int:
    return os.getpid()


def fail(message: str) -> None:
    raise ValueError(message)


def sleep_for(seconds: float) -> tuple[float, float]:
    started = time.monotonic()
    time.sleep(seconds)
    return started, time.monotonic()


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def spin() -> None:
    while True:
        pass


def segfault() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


# ---- tests ----


@pytest.fixture(autouse=True)
def fresh_child() -> Iterator[None]:
    isolation.configure(ChildLimits())
    yield
    isolation.configure(ChildLimits())
    isolation.stop()


def test_runs_the_function_in_one_child_that_stays() -> None:
    first = run_isolated(pid, timeout=30)
    assert first != os.getpid()
    assert run_isolated(add, 2, 3, timeout=30) == 5
    assert run_isolated(pid, timeout=30) == first


def test_the_functions_own_exception_reaches_the_caller_and_the_child_stays() -> None:
    before = run_isolated(pid, timeout=30)
    with pytest.raises(ValueError, match="bad file"):
        run_isolated(fail, "bad file", timeout=30)
    assert run_isolated(pid, timeout=30) == before


def test_a_call_over_its_time_is_abandoned_and_the_child_replaced() -> None:
    before = run_isolated(pid, timeout=30)
    started = time.monotonic()
    with pytest.raises(IsolationError, match="no answer within 0.5 s"):
        run_isolated(sleep_for, 60, timeout=0.5)
    assert time.monotonic() - started < 10
    assert run_isolated(pid, timeout=30) != before


def test_memory_beyond_the_cap_fails_the_call_not_the_caller() -> None:
    isolation.configure(ChildLimits(memory_bytes=512 * isolation.MB))
    with pytest.raises(IsolationError, match="out of memory"):
        run_isolated(allocate, 1024, timeout=30)
    assert run_isolated(allocate, 64, timeout=30) == 64 * 1024 * 1024


@pytest.mark.slow  # burns the CPU limit on purpose
def test_cpu_time_is_capped_per_call() -> None:
    isolation.configure(ChildLimits(cpu_seconds=1))
    run_isolated(pid, timeout=30)  # the start-up's CPU time does not count against the call
    with pytest.raises(IsolationError, match="out of CPU time"):
        run_isolated(spin, timeout=60)
    assert run_isolated(add, 1, 1, timeout=30) == 2


def test_a_crash_in_the_child_is_an_error_and_the_next_call_gets_a_new_child() -> None:
    with pytest.raises(IsolationError, match="SIGSEGV"):
        run_isolated(segfault, timeout=30)
    assert run_isolated(add, 1, 2, timeout=30) == 3


class JobTimeout(Exception):
    """What RQ raises, from a signal handler, in a job that ran over its time."""


def test_a_caller_interrupted_while_waiting_never_leaves_its_answer_to_the_next() -> None:
    def interrupt(signum: int, frame: object) -> None:
        raise JobTimeout

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with pytest.raises(JobTimeout):
            run_isolated(sleep_for, 1.5, timeout=30)
    finally:
        signal.signal(signal.SIGALRM, previous)
    time.sleep(1.5)  # the abandoned call would have answered by now
    assert run_isolated(add, 1, 2, timeout=30) == 3


def test_calls_from_many_threads_take_turns_in_one_child() -> None:
    with ThreadPoolExecutor(8) as pool:
        spans = list(pool.map(lambda _: run_isolated(sleep_for, 0.05, timeout=30), range(16)))
        pids = set(pool.map(lambda _: run_isolated(pid, timeout=30), range(8)))
    spans.sort()
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:], strict=False))
    assert len(pids) == 1


def test_the_child_outlives_the_thread_that_first_called() -> None:
    # The kernel's parent-death signal follows the starting *thread*: a request thread
    # that ends must not take the child (and its loaded models) with it.
    seen: list[int] = []
    caller = threading.Thread(target=lambda: seen.append(run_isolated(pid, timeout=30)))
    caller.start()
    caller.join()
    time.sleep(0.3)
    assert run_isolated(pid, timeout=30) == seen[0]


PARENT = """
import sys, time
from tests.test_isolation import pid
from tracker.isolation import run_isolated
print(run_isolated(pid, timeout=30), flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_the_child_dies_with_its_parent(how: signal.Signals) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, env=env
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    assert _running(child)
    parent.send_signal(how)
    parent.wait(10)
    parent.stdout.close()
    deadline = time.monotonic() + 5
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)


def test_the_module_is_pure() -> None:
    code = "import sys, tracker.isolation; print(sorted(m for m in sys.modules if 'flask' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _running(process_id: int) -> bool:
    try:
        stat = Path(f"/proc/{process_id}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.split(") ")[1][0] != "Z"  # a zombie has finished
