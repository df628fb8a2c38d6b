"""Location privacy: GPS leaves stored images; orientation, other EXIF and pixels stay."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.validation import samples
from tests.validation.checking import Write
from tracker.validation.image import strip_location
from tracker.validation.pillow_safe import GPS_IFD, ORIENTATION, open_image, untrusted

EXIF_IFD, CAPTURED = 0x8769, 0x9003


def exif_of(path: Path) -> Image.Exif:
    with untrusted(), open_image(path) as im:
        return im.getexif()


def pixels(path: Path) -> Image.Image:
    with untrusted(), open_image(path) as im:
        return im.convert("RGB")


def same_pixels(a: Path, b: Path) -> bool:
    return ImageChops.difference(pixels(a), pixels(b)).getbbox() is None


def scan_data(jpeg: bytes) -> bytes:
    """The compressed image data of a JPEG, from its start-of-scan marker on."""
    return jpeg[jpeg.index(b"\xff\xda") :]


@pytest.mark.parametrize("make", [samples.jpeg, samples.png], ids=["jpeg", "png"])
def test_gps_is_removed_and_the_rest_kept(
    write: Write, tmp_path: Path, make: Callable[..., bytes]
) -> None:
    src = write(make(400, 300, exif=samples.phone_exif(orientation=6)), "photo")
    dst = tmp_path / "clean"
    assert GPS_IFD in exif_of(src)
    assert strip_location(src, dst) is True
    exif = exif_of(dst)
    assert GPS_IFD not in exif
    assert exif[ORIENTATION] == 6
    assert exif.get_ifd(EXIF_IFD)[CAPTURED] == "2025:06:01 10:00:00"
    assert same_pixels(src, dst)


def test_jpeg_image_data_is_kept_byte_for_byte(write: Write, tmp_path: Path) -> None:
    src = write(samples.jpeg(400, 300, exif=samples.phone_exif()), "photo.jpg")
    strip_location(src, tmp_path / "clean.jpg")
    assert scan_data((tmp_path / "clean.jpg").read_bytes()) == scan_data(src.read_bytes())


def test_xmp_naming_a_position_is_dropped(write: Write, tmp_path: Path) -> None:
    xmp = b'<x:xmpmeta><rdf:Description exif:GPSLatitude="22,16.8N"/></x:xmpmeta>'
    im = samples.picture(200, 100)
    data = samples.encoded(im, "JPEG", exif=samples.phone_exif().tobytes(), xmp=xmp)
    src = write(data, "photo.jpg")
    strip_location(src, tmp_path / "clean.jpg")
    assert b"GPSLatitude" in src.read_bytes()
    assert b"GPSLatitude" not in (tmp_path / "clean.jpg").read_bytes()


def test_heic_loses_gps_and_stays_upright(write: Write, tmp_path: Path) -> None:
    src = write(samples.heic(400, 300, exif=samples.phone_exif(orientation=6)), "IMG.HEIC")
    dst = tmp_path / "clean.heic"
    assert strip_location(src, dst) is True
    assert GPS_IFD not in exif_of(dst)
    with untrusted(), open_image(dst) as im:
        assert (im.format, im.size) == ("HEIF", (300, 400))


def test_tiff_loses_gps_and_keeps_its_pixels(write: Write, tmp_path: Path) -> None:
    data = samples.encoded(samples.picture(60, 40), "TIFF", exif=samples.phone_exif().tobytes())
    src = write(data, "scan.tif")
    assert strip_location(src, tmp_path / "clean.tif") is True
    assert GPS_IFD not in exif_of(tmp_path / "clean.tif")
    assert same_pixels(src, tmp_path / "clean.tif")


def test_image_without_gps_is_copied_unchanged(write: Write, tmp_path: Path) -> None:
    src = write(samples.jpeg(200, 100, exif=samples.phone_exif(gps=False)), "photo.jpg")
    assert strip_location(src, tmp_path / "copy.jpg") is False
    assert (tmp_path / "copy.jpg").read_bytes() == src.read_bytes()


def test_fill_bytes_before_a_marker_are_legal(write: Write, tmp_path: Path) -> None:
    """Issue 11 finding 10: a valid JPEG with GPS and a 0xFF fill byte was "damaged"."""
    src = write(
        samples.jpeg_with_fill_byte(samples.jpeg(400, 300, exif=samples.phone_exif())), "f.jpg"
    )
    assert strip_location(src, tmp_path / "clean.jpg") is True
    assert GPS_IFD not in exif_of(tmp_path / "clean.jpg")
    assert scan_data((tmp_path / "clean.jpg").read_bytes()) == scan_data(src.read_bytes())
    assert same_pixels(src, tmp_path / "clean.jpg")


def _damaged_header(offset: int, replacement: bytes) -> bytes:
    data = bytearray(samples.jpeg(64, 80, exif=samples.phone_exif()))
    data[offset : offset + len(replacement)] = replacement
    return bytes(data)


@pytest.mark.parametrize(
    "data",
    [_damaged_header(4, b"\x00\x00"), _damaged_header(3, b"\x00")],
    ids=["app0-length-zero", "marker-ff00"],
)
def test_a_header_libjpeg_forgives_is_re_encoded_without_gps(
    write: Write, tmp_path: Path, data: bytes
) -> None:
    """Issue 11 finding 10 (found by the HTTP fuzzing): such a photo passed its checks,
    then location stripping raised "damaged JPEG header" (a 500)."""
    src = write(data, "odd.jpg")
    assert strip_location(src, tmp_path / "clean.jpg") is True
    assert GPS_IFD not in exif_of(tmp_path / "clean.jpg")
    assert pixels(tmp_path / "clean.jpg").size == pixels(src).size
