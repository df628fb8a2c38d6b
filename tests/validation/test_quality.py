"""Blur, darkness, washed-out pages and glare: the thresholds and the samples they were set on.

Measures on the grey copy (≤ 1200 px a side) and what each sample gets; a
threshold sits between the worst picture that must pass and the best that must not.

| sample                    | sharpness | white | range | clipped | median | findings          |
|---------------------------|-----------|-------|-------|---------|--------|-------------------|
| sharp scan                |   1.84    |  255  |  255  |  0.93   |  255   | —                 |
| phone photo (σ 1.2, noise)|   0.46    |  236  |  201  |  0.00   |  210   | —                 |
| portrait photo            |   0.24    |  185  |  146  |  0.00   |  179   | —                 |
| scan, blur σ 1.5          |   0.41    |  255  |  212  |  0.85   |  255   | —                 |
| scan, blur σ 3            |   0.14    |  255  |  142  |  0.78   |  255   | blurry            |
| scan, blur σ 6            |   0.06    |  255  |   95  |  0.70   |  255   | blurry            |
| photo, blur σ 3           |   0.10    |  235  |  133  |  0.00   |  208   | blurry            |
| photo, blur σ 6           |   0.05    |  234  |  105  |  0.00   |  207   | blurry            |
| sideways scan, blur σ 3   |   0.14    |  255  |  142  |  0.78   |  255   | blurry            |
| scan at 25 % light        |   1.86    |   63  |   63  |  0.00   |   63   | too dark          |
| photo at 30 % light       |   0.47    |   70  |   60  |  0.00   |   63   | too dark          |
| washed-out scan           |   1.90    |  255  |   60  |  0.94   |  255   | too dark (washed) |
| washed-out photo          |   0.48    |  254  |   50  |  0.31   |  247   | too dark (washed) |
| photo with glare          |   0.39    |  255  |  218  |  0.36   |  222   | too dark (glare)  |
| dark blurred photo        |   0.11    |   70  |   36  |  0.00   |   62   | blurry + too dark |

Thresholds (tracker/validation/quality.py):

| finding                  | rule                                                              |
|--------------------------|-------------------------------------------------------------------|
| `image_blurry`           | sharpness (99.9th pct of abs(Laplacian) ÷ range) < 0.20           |
| `image_too_dark` dark    | white (99.5th percentile of luminance) < 100                      |
| `image_too_dark` glare   | clipped share (≥ 250) ≥ 0.05 while the median is < 235            |
| `image_too_dark` washed  | range (99.5th − 0.01th percentile) < 70                           |
| none at all              | range < 12: an empty page, nothing to judge                       |

No false alarms (tested below): clean scans and phone photos of all 25 language
samples, their text PDFs and full-page scanned PDFs, a stamp-only page and a blank page.
A PDF page is judged only when pictures cover ≥ 60 % of it (a scan or a photo).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.validation.lang_samples import (
    BY_NAME,
    blank_scan,
    photo,
    scan,
    stamp_scan,
    stamped_scan_pdf,
    text_pdf,
)
from tests.validation.quality_samples import (
    SAMPLES,
    QualitySample,
    blurred,
    glare,
    phone_photo,
    sharp_scan,
)
from tracker.validation import quality
from tracker.validation.findings import Severity
from tracker.validation.language_verdict import language_verdict, quality_and_language
from tracker.validation.quality import judge, measure, quality_findings


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_sample_gets_exactly_its_findings(sample: QualitySample) -> None:
    found = list(judge(measure(sample.make())))
    assert {f.code for f in found} == sample.findings
    assert all(f.severity is Severity.WARNING for f in found)


def test_each_threshold_sits_between_the_samples_on_either_side() -> None:
    measures = {s.name: measure(s.make()) for s in SAMPLES}
    passing = [m.sharpness for n, m in measures.items() if "blur" not in n]
    blurry = [m.sharpness for n, m in measures.items() if "blur σ 3" in n or "σ 6" in n]
    assert max(blurry) < quality.SHARP_EDGES < min(passing)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_clean_scans_and_phone_photos_of_every_language_pass(name: str, tmp_path: Path) -> None:
    for picture, suffix in ((scan(BY_NAME[name]), "png"), (photo(BY_NAME[name]), "jpg")):
        path = tmp_path / f"page.{suffix}"
        picture.save(path)
        assert quality_findings(path, "image") == [], f"{name} {suffix}"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_text_pdfs_and_full_page_scanned_pdfs_pass(name: str, tmp_path: Path) -> None:
    assert quality_findings(text_pdf(BY_NAME[name], tmp_path / "text.pdf"), "pdf") == []
    scanned = stamped_scan_pdf(BY_NAME[name], "Signed 2024-03-12", tmp_path / "scan.pdf")
    assert quality_findings(scanned, "pdf") == []


def test_stamp_only_and_blank_pages_pass(tmp_path: Path) -> None:
    assert quality_findings(stamp_scan(tmp_path / "stamp.png"), "image") == []
    assert quality_findings(blank_scan(tmp_path / "blank.png"), "image") == []


def test_blurry_scanned_pdf_is_blurry(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    blurred(sharp_scan, 4)().save(path, "PDF", resolution=150)
    assert [f.code for f in quality_findings(path, "pdf")] == ["image_blurry"]


def test_exif_orientation_is_applied_before_measuring(tmp_path: Path) -> None:
    """A sideways phone photo (EXIF 6) is judged as it is shown, upright."""
    page = blurred(sharp_scan, 3)().rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "turned.jpg"
    page.save(path, "JPEG", exif=exif, quality=90)
    assert [f.code for f in quality_findings(path, "image")] == ["image_blurry"]


def test_message_names_the_light_problem_in_three_languages() -> None:
    (finding,) = judge(measure(glare(phone_photo)()))
    assert "glare" in finding.message("en")
    assert "反光" in finding.message("zh-Hant")
    assert "反光" in finding.message("zh-Hans")


@pytest.mark.parametrize("kind", ["blurry scan", "text", "photo"])
def test_one_trip_gives_what_the_two_checks_give_alone(kind: str, tmp_path: Path) -> None:
    """Quality and language judged together, a PDF's loaded pages shared, answer as apart."""
    if kind == "blurry scan":
        path = tmp_path / "scan.pdf"
        blurred(sharp_scan, 3)().save(path, "PDF", resolution=150)
    elif kind == "text":
        path = text_pdf(BY_NAME["vietnamese"], tmp_path / "text.pdf", pages=2)
    else:
        path = tmp_path / "page.jpg"
        photo(BY_NAME["german"]).save(path)
    file_kind = "image" if kind == "photo" else "pdf"
    alone = (quality_findings(path, file_kind), language_verdict(path, file_kind))
    assert quality_and_language(path, file_kind) == alone
    assert alone[1].languages
