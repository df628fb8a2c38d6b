"""Readable streams for the storage tests: fed from a generator, or slow, or failing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO, cast

BLOCK = bytes(range(256)) * 256  # 64 KiB


def blocks(total: int) -> Iterator[bytes]:
    """Yield `total` bytes in 64 KiB blocks without ever holding more than one."""
    whole, rest = divmod(total, len(BLOCK))
    for _ in range(whole):
        yield BLOCK
    if rest:
        yield BLOCK[:rest]


class FedStream:
    """A file-like object over a generator; records the size of every read."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._pending = b""
        self.sizes: list[int] = []
        self.delivered = 0

    def read(self, size: int = -1) -> bytes:
        self.sizes.append(size)
        if size < 0:  # everything at once: what a store must never ask for
            data, self._pending = self._pending + b"".join(self._chunks), b""
        else:
            self._fill(size)
            data, self._pending = self._pending[:size], self._pending[size:]
        self.delivered += len(data)
        return data

    def _fill(self, size: int) -> None:
        while len(self._pending) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                return
            self._pending += chunk


def fed(chunks: Iterable[bytes]) -> BinaryIO:
    return cast(BinaryIO, FedStream(chunks))


def endless() -> Iterator[bytes]:
    while True:
        yield BLOCK


def failing_after(good: int) -> Iterator[bytes]:
    """Some bytes, then the connection drops."""
    yield from blocks(good)
    raise ConnectionResetError("client went away")
