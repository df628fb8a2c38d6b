"""SIGKILL in the middle of a save: no blob under a key, one temporary to clean up."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.storage.local import LocalStorage

pytestmark = pytest.mark.slow  # kills a real process: seconds each

REPO = Path(__file__).resolve().parents[2]

SLOW_UPLOAD = """
import sys, time
from pathlib import Path
from tracker.storage.local import LocalStorage

class Slow:
    def read(self, size=-1):
        print("chunk", flush=True)
        time.sleep(0.05)
        return b"x" * size

LocalStorage(Path(sys.argv[1])).save(Slow(), max_bytes=10**9)
"""


def kill_mid_save(root: Path, *, after_chunks: int) -> int:
    """Start a save that never ends, wait for some chunks, kill -9 it; return its status."""
    args = [sys.executable, "-c", SLOW_UPLOAD, str(root)]
    with subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            for _ in range(after_chunks):
                assert proc.stdout.readline() == "chunk\n", "the save did not start"
            proc.send_signal(signal.SIGKILL)
            return proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()


def test_a_killed_save_leaves_only_a_temporary(tmp_path: Path) -> None:
    status = kill_mid_save(tmp_path, after_chunks=5)
    assert status == -signal.SIGKILL
    storage = LocalStorage(tmp_path)
    assert list(storage.keys()) == []
    [leftover] = storage.temporaries()
    assert Path(leftover).stat().st_size > 0
    assert storage.remove_temporaries() == 1
    assert storage.temporaries() == []
    assert list(storage.keys()) == []
