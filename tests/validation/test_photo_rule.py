"""us_b1b2's photo item (U5), from program data to findings: each number broken one at a time."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tracker.i18n import Lang
from tracker.rules.loader import PROGRAMS_DIR, load_program
from tracker.rules.program import Item
from tracker.services.file_checks import limits_for
from tracker.validation.pipeline import FileReport, validate_file

PROGRAM = load_program(PROGRAMS_DIR / "us_b1b2.toml")


def item(code: str) -> Item:
    found = PROGRAM.item(code)
    assert found is not None
    return found


U5 = item("U5")
assert U5.photo is not None
SPEC = U5.photo


def picture(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """A smooth colour picture (a face-sized disc on a gradient): small once compressed."""
    im = Image.new("RGB", (width, height))
    im.putdata(
        [(x * 255 // width, 120, y * 255 // height) for y in range(height) for x in range(width)]
    )
    ImageDraw.Draw(im).ellipse(
        (width // 4, height // 5, 3 * width // 4, 4 * height // 5), fill=(230, 180, 150)
    )
    return im.convert(mode)


def encoded(im: Image.Image, fmt: str = "JPEG", quality: int = 85) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **({"quality": quality} if fmt == "JPEG" else {}))
    return out.getvalue()


def noise_jpeg(side: int) -> bytes:
    """A JPEG far over the byte limit: random pixels do not compress."""
    return encoded(Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)), quality=95)


def padded(data: bytes, size: int) -> bytes:
    """The same JPEG grown to exactly `size` bytes (bytes after the end marker are ignored)."""
    assert len(data) <= size
    return data + b"\0" * (size - len(data))


def check(tmp_path: Path, data: bytes, name: str, code: str = "U5") -> FileReport:
    path = tmp_path / name
    path.write_bytes(data)
    return validate_file(path, name=name, limits=limits_for(item(code)))


def codes(report: FileReport) -> list[str]:
    return [f.code for f in report.findings]


def photo_message(report: FileReport, lang: Lang = "en") -> str:
    assert codes(report) == ["photo_spec"]
    return report.findings[0].message(lang)


def test_the_rule_comes_from_program_data() -> None:
    limits = limits_for(U5)
    assert limits.photo is not None
    assert limits.photo.formats == frozenset({"jpeg"})
    assert (limits.photo.min_side, limits.photo.max_side) == (600, 1200)
    assert (limits.photo.max_bytes, limits.photo.square, limits.photo.colour) == (
        245760,
        True,
        True,
    )
    assert limits.accepts == frozenset({"image"})


@pytest.mark.parametrize("side", [SPEC.min_side, 900, SPEC.max_side])
def test_compliant_photos_pass_at_and_between_the_limits(tmp_path: Path, side: int) -> None:
    report = check(tmp_path, encoded(picture(side, side)), "photo.jpg")
    assert report.ok
    assert codes(report) == []


def test_a_photo_of_exactly_the_byte_limit_passes(tmp_path: Path) -> None:
    data = padded(encoded(picture(800, 800)), SPEC.max_bytes)
    assert check(tmp_path, data, "photo.jpg").ok


NEEDED = ("JPEG", "square", "600", "1200", "240 KB", "colour")


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (encoded(picture(800, 800), "PNG"), "it is PNG"),
        (encoded(picture(800, 799)), "it is 800 × 799 pixels"),
        (encoded(picture(SPEC.min_side - 1, SPEC.min_side - 1)), "it is 599 × 599 pixels"),
        (encoded(picture(SPEC.max_side + 1, SPEC.max_side + 1)), "it is 1201 × 1201 pixels"),
        (padded(encoded(picture(800, 800)), SPEC.max_bytes + 1), "it is 240 KB"),
        (encoded(picture(800, 800, mode="L")), "black and white"),
    ],
    ids=["format", "square", "min_side", "max_side", "max_bytes", "colour"],
)
def test_each_number_broken_alone_is_named_with_what_is_needed(
    tmp_path: Path, data: bytes, found: str
) -> None:
    message = photo_message(check(tmp_path, data, "photo"))
    assert found in message
    for number in NEEDED:
        assert number in message


def test_a_photo_far_over_the_byte_limit_names_its_size(tmp_path: Path) -> None:
    data = noise_jpeg(700)
    assert SPEC.max_bytes < len(data) < U5.max_bytes
    message = photo_message(check(tmp_path, data, "photo.jpg"))
    assert f"it is {len(data) / 1024:.0f} KB" in message


def test_every_broken_number_at_once_in_chinese(tmp_path: Path) -> None:
    data = encoded(picture(500, 400, mode="L"), "PNG")
    message = photo_message(check(tmp_path, data, "photo.png"), "zh-Hant")
    for part in ("PNG", "500 × 400", "黑白", "正方形", "600", "1200", "240 KB", "彩色"):
        assert part in message


def test_the_photo_item_takes_no_pdf(tmp_path: Path) -> None:
    pdf = io.BytesIO()
    picture(800, 800).save(pdf, "PDF")
    assert "type_not_allowed" in codes(check(tmp_path, pdf.getvalue(), "photo.pdf"))


def test_other_items_do_not_apply_the_photo_rule(tmp_path: Path) -> None:
    data = encoded(picture(500, 400, mode="L"), "PNG")
    assert "photo_spec" not in codes(check(tmp_path, data, "passport.png", code="U4"))
