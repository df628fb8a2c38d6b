"""Image checks on generated files: decoded in full, turned upright, sized, bomb-proof."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image

from tests.validation import samples
from tests.validation.checking import Check
from tests.validation.samples import codes


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (samples.jpeg(640, 480), "photo.jpg"),
        (samples.png(640, 480), "scan.png"),
        (samples.heic(640, 480), "IMG_0001.HEIC"),
    ],
)
def test_good_images_report_their_size(check: Check, data: bytes, name: str) -> None:
    report = check(data, name)
    assert (report.ok, report.kind, report.width, report.height) == (True, "image", 640, 480)


@pytest.mark.parametrize("make", [samples.jpeg, samples.png, samples.heic])
def test_size_is_reported_after_exif_orientation(check: Check, make: Callable[..., bytes]) -> None:
    data = make(400, 300, exif=samples.phone_exif(orientation=6))
    report = check(data, "sideways")
    assert (report.width, report.height) == (300, 400)


def test_tiff_with_orientation_is_reported_upright(check: Check) -> None:
    exif = samples.phone_exif(orientation=6).tobytes()
    data = samples.encoded(samples.picture(40, 30), "TIFF", exif=exif)
    report = check(data, "scan.tif")
    assert (report.width, report.height) == (30, 40)


def test_truncated_jpeg_passes_verify_but_not_the_check(check: Check) -> None:
    data = samples.jpeg(640, 480)[:-2000]
    with Image.open(io.BytesIO(data)) as im:
        im.verify()  # Pillow's quick check lets it through …
    assert codes(check(data, "cut.jpg")) == ["image_unreadable"]  # … a full decode does not


@pytest.mark.parametrize(
    "data",
    [
        samples.png(64, 64)[:40] + bytes(200),
        b"\xff\xd8\xff\xe0" + bytes(500),
        samples.heic(64, 64)[:300],
    ],
    ids=["png-garbage", "jpeg-header-only", "heic-cut"],
)
def test_damaged_images_are_unreadable(check: Check, data: bytes) -> None:
    report = check(data, "x")
    assert report.kind == "image"
    assert codes(report) == ["image_unreadable"]


def test_image_smaller_than_the_item_minimum(check: Check) -> None:
    report = check(samples.jpeg(300, 200), "photo.jpg", min_width=400, min_height=500)
    assert codes(report) == ["image_too_small"]
    message = report.findings[0].message("en")
    assert "300 × 200" in message
    assert "400 × 500" in message


def test_image_at_the_item_minimum_passes(check: Check) -> None:
    assert check(samples.jpeg(400, 500), "photo.jpg", min_width=400, min_height=500).ok


def test_image_over_the_item_pixel_limit(check: Check) -> None:
    report = check(samples.png(200, 100), "big.png", max_pixels=19_999)
    assert codes(report) == ["image_too_many_pixels"]
    assert (report.width, report.height) == (200, 100)


@pytest.mark.parametrize(
    ("width", "height"),
    [(10_000, 7_000), (12_000, 10_000), (20_000, 20_000)],
    ids=["over-the-item-limit", "pillow-warns", "pillow-refuses"],
)
def test_decompression_bomb_is_refused_before_decoding(
    check: Check, width: int, height: int
) -> None:
    data = samples.png_claiming(width, height)
    assert len(data) < 200
    report = check(data, "bomb.png")
    assert codes(report) == ["image_too_many_pixels"]
    assert f"{width * height / 1e6:.1f} megapixels" in report.findings[0].message("en")


def test_image_minimum_does_not_apply_to_pdfs(check: Check) -> None:
    assert check(samples.text_pdf(), "a.pdf", min_width=4000, min_height=4000).ok
