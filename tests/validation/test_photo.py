"""The US visa photo: every number of its specification checked, and met by the photo tool."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.validation import samples
from tests.validation.checking import Check, Write
from tests.validation.samples import PHOTO, codes
from tracker.validation.image import make_compliant_photo
from tracker.validation.limits import US_VISA_PHOTO, Limits, PhotoSpec
from tracker.validation.pipeline import validate_file
from tracker.validation.terms import human_bytes


def test_compliant_photo_passes(check: Check) -> None:
    report = check(samples.jpeg(800, 800), "photo.jpg", **PHOTO)
    assert (report.ok, codes(report)) == (True, [])


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (samples.png(800, 800), "it is PNG"),
        (samples.jpeg(800, 600), "it is 800 × 600 pixels"),
        (samples.jpeg(500, 500), "it is 500 × 500 pixels"),
        (samples.jpeg(1300, 1300), "it is 1300 × 1300 pixels"),
        (samples.jpeg(800, 800, mode="L"), "black and white"),
    ],
    ids=["format", "not-square", "too-few-pixels", "too-many-pixels", "grey"],
)
def test_each_broken_rule_is_named_with_its_number(check: Check, data: bytes, problem: str) -> None:
    report = check(data, "photo", **PHOTO)
    assert codes(report) == ["photo_spec"]
    message = report.findings[0].message("en")
    assert problem in message
    for number in ("JPEG", "600 × 600 to 1200 × 1200 pixels", "240 KB or less", "square"):
        assert number in message


def test_photo_over_the_byte_limit_names_its_size(check: Check) -> None:
    data = samples.noise_jpeg(1200, 1200)
    report = check(data, "photo.jpg", **PHOTO)
    assert codes(report) == ["photo_spec"]
    assert f"it is {human_bytes(len(data))}. It must be" in report.findings[0].message("en")


def test_photo_just_over_the_byte_limit_shows_the_exact_size(check: Check) -> None:
    data = samples.jpeg(800, 800)
    data += bytes(US_VISA_PHOTO.max_bytes + 1 - len(data))  # ignored after the end marker
    message = check(data, "photo.jpg", **PHOTO).findings[0].message("en")
    assert "it is 240 KB (245,761 B)" in message


def test_several_broken_rules_make_one_finding_naming_each(check: Check) -> None:
    report = check(samples.png(300, 400, mode="L"), "photo.png", **PHOTO)
    assert codes(report) == ["photo_spec"]
    zh = report.findings[0].message("zh-Hant")
    for part in ("PNG", "300 × 400 像素", "黑白", "600 × 600 至 1200 × 1200 像素", "240 KB 或以下"):
        assert part in zh


def test_grey_picture_saved_as_rgb_is_still_black_and_white(check: Check) -> None:
    grey = samples.picture(800, 800, mode="L").convert("RGB")
    report = check(samples.encoded(grey, "JPEG"), "photo.jpg", **PHOTO)
    assert "black and white" in report.findings[0].message("en")


def test_photo_spec_is_not_checked_for_other_items(check: Check) -> None:
    assert check(samples.png(300, 400, mode="L"), "photo.png").ok


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (samples.noise_jpeg(3000, 4000), "phone.jpg"),
        (samples.heic(900, 600, exif=samples.phone_exif(orientation=6)), "IMG_1.HEIC"),
        (samples.png(300, 200), "small.png"),
    ],
    ids=["12-megapixel", "heic-sideways", "too-small"],
)
def test_photo_tool_output_meets_the_specification(
    write: Write, tmp_path: Path, data: bytes, name: str
) -> None:
    out = tmp_path / "visa.jpg"
    make_compliant_photo(write(data, name), out, US_VISA_PHOTO)
    report = validate_file(out, name="visa.jpg", limits=Limits(**PHOTO))
    assert (report.ok, codes(report)) == (True, [])
    assert report.width == report.height
    assert report.width is not None
    assert 600 <= report.width <= 1200
    assert report.size <= 240 * 1024


def test_photo_tool_keeps_the_sideways_photo_upright(write: Write, tmp_path: Path) -> None:
    out = tmp_path / "visa.jpg"
    exif = samples.phone_exif(orientation=6)
    make_compliant_photo(write(samples.jpeg(1600, 800, exif=exif), "p.jpg"), out, US_VISA_PHOTO)
    report = validate_file(out, name="visa.jpg", limits=Limits(**PHOTO))
    assert (report.width, report.height) == (800, 800)


def test_photo_tool_drops_location(write: Write, tmp_path: Path) -> None:
    out = tmp_path / "visa.jpg"
    src = write(samples.jpeg(900, 900, exif=samples.phone_exif()), "p.jpg")
    make_compliant_photo(src, out, US_VISA_PHOTO)
    assert b"PhoneMaker" in src.read_bytes()
    assert b"PhoneMaker" not in out.read_bytes()
    assert b"Exif" not in out.read_bytes()


def test_photo_tool_refuses_an_impossible_byte_limit(write: Write, tmp_path: Path) -> None:
    spec = PhotoSpec(frozenset({"jpeg"}), True, 600, 1200, max_bytes=500, colour=True)
    with pytest.raises(ValueError, match="500 bytes"):
        make_compliant_photo(write(samples.noise_jpeg(800, 800), "p.jpg"), tmp_path / "o.jpg", spec)
