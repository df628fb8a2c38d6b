"""Location privacy: remove EXIF GPS from a stored image, keeping its orientation and pixels.

A JPEG keeps its compressed data byte for byte (only its metadata segments are
rewritten); a PNG is re-saved losslessly with its other EXIF; a TIFF losslessly,
upright, without EXIF; a HEIC is re-encoded by pillow-heif (its pixels are upright).
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from tracker.validation.pillow_safe import GPS_IFD, open_image, untrusted

SOI, SOS, APP1 = b"\xff\xd8", 0xDA, 0xE1
EXIF_HEADER = b"Exif\x00\x00"
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
MAX_SEGMENT = 0xFFFF - 2
HEIF_QUALITY = 90


def strip_location(src: Path, dst: Path) -> bool:
    """Copy `src` to `dst` without GPS metadata; return True when some was removed."""
    with untrusted(), open_image(src) as im:
        exif = im.getexif()
        if GPS_IFD not in exif:
            shutil.copyfile(src, dst)
            return False
        del exif[GPS_IFD]
        if im.format in {"JPEG", "MPO"}:
            _strip_jpeg(im, src, dst, exif)
        else:
            _resave(im, dst, exif)
    return True


def _strip_jpeg(im: Image.Image, src: Path, dst: Path, exif: Image.Exif) -> None:
    """Rewrite the metadata only; a header too odd to walk (that libjpeg still decodes)
    is re-encoded with the file's own quantisation tables instead."""
    try:
        _rewrite_jpeg(src, dst, exif.tobytes())
    except ValueError:
        _resave(im, dst, exif)


def _rewrite_jpeg(src: Path, dst: Path, exif: bytes) -> None:
    """Replace the EXIF segment and drop an XMP packet naming GPS; copy the rest as is."""
    with src.open("rb") as fin, dst.open("wb") as out:
        if fin.read(2) != SOI:
            raise ValueError("not a JPEG")
        out.write(SOI)
        while (code := _next_marker(fin)) != SOS:
            body = _segment_body(fin)
            if code == APP1 and body.startswith(EXIF_HEADER):
                body = exif
            elif code == APP1 and body.startswith(XMP_HEADER) and b"GPS" in body:
                continue
            if len(body) > MAX_SEGMENT:
                raise ValueError("EXIF too large for one JPEG segment")
            out.write(bytes([0xFF, code]) + struct.pack(">H", len(body) + 2) + body)
        out.write(bytes([0xFF, SOS]))
        shutil.copyfileobj(fin, out)


def _next_marker(fin: BinaryIO) -> int:
    """The next marker's code, past the 0xFF fill bytes a JPEG may put before any marker."""
    if fin.read(1) != b"\xff":
        raise ValueError("damaged JPEG header")
    while (byte := fin.read(1)) == b"\xff":
        pass
    if byte in (b"", b"\x00"):
        raise ValueError("damaged JPEG header")
    return byte[0]


def _segment_body(fin: BinaryIO) -> bytes:
    (length,) = struct.unpack(">H", fin.read(2).rjust(2, b"\x00"))
    body = fin.read(length - 2) if length >= 2 else b""
    if len(body) != length - 2:
        raise ValueError("damaged JPEG header")
    return body


def _resave(im: Image.Image, dst: Path, exif: Image.Exif) -> None:
    """Write the same pixels in the same format with only the cleaned EXIF, ICC and dpi."""
    im.load()
    clean = im.copy()
    clean.info = {}  # no XMP or text chunks that might repeat the location
    options: dict[str, object] = {k: im.info[k] for k in ("icc_profile", "dpi") if k in im.info}
    if im.format == "TIFF":
        # Pillow has turned the pixels upright on load; the rest of the IFD is layout.
        options["compression"] = im.info.get("compression", "raw")
    else:
        options["exif"] = exif.tobytes()
    if im.format == "HEIF":
        options["quality"] = HEIF_QUALITY
    if im.format in {"JPEG", "MPO"}:
        options["qtables"] = getattr(im, "quantization", None)  # the file's own quality
    clean.save(dst, im.format, **options)
