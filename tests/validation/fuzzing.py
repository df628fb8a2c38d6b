"""Hypothesis strategies for damaged files, shared by the pipeline and upload fuzz tests."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.validation import samples

SEEDS = [samples.text_pdf(2), samples.png(48, 32), samples.jpeg(48, 32), samples.heic(48, 32)]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes] = SEEDS) -> bytes:
    """A valid PDF, PNG, JPEG or HEIC (or one of `seeds`) with bytes flipped, cut, or inserted."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 512))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        if not data:
            break
    return bytes(data)
