"""The submission bundle: every accepted document of a case, in checklist order, in one ZIP.

Files are named by item code, person and item title (`A4-spouse-proof-of-….pdf`),
each translation beside its original; images the Department does not take
(HEIC, WebP…) become JPEG; an index PDF comes first. The ZIP is written to an
anonymous temporary file, never held in memory.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, BinaryIO

from flask_babel import gettext as _

from tracker.extensions import db
from tracker.models import Case, Document, ItemStatus, Person, PersonRole, Requirement, Review, User
from tracker.rules.program import FactSpec, Program
from tracker.services import audit
from tracker.services.bundle_index import IndexLine, IndexSummary, index_pdf
from tracker.services.errors import ConflictError
from tracker.services.registry import get_storage
from tracker.services.status import is_good_translation
from tracker.storage.base import Storage

# What GovHK's e-services take as they are (spec §5); other images become JPEG.
KEEP = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/tiff": "tif",
}
JPEG_QUALITIES = (90, 80, 70, 60)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
INDEX_NAME = "00-index.pdf"


class ConfirmationNeeded(ConflictError):
    """The case is not ready: exporting it anyway needs the consultant's confirmation."""

    def __init__(self, missing: list[IndexLine]) -> None:
        super().__init__(f"{len(missing)} required item(s) are not accepted yet.")
        self.missing = missing


@dataclass(frozen=True)
class Planned:
    name: str
    doc: Document
    max_bytes: int


@dataclass(frozen=True)
class Bundle:
    file: BinaryIO
    name: str
    files: int
    missing: tuple[IndexLine, ...]


def export_bundle(case: Case, program: Program, *, actor: User, confirm: bool = False) -> Bundle:
    """Write the case's ZIP (a case that is not ready needs `confirm`) and audit the export."""
    lines, planned = plan(case, program)
    missing = [line for line in lines if line.status != ItemStatus.ACCEPTED.value]
    if missing and not confirm:
        raise ConfirmationNeeded(missing)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    try:
        _write_zip(out, case, program, lines, missing, planned, get_storage())
    except BaseException:
        out.close()
        raise
    out.seek(0)
    audit.record(
        "case.exported",
        case=case,
        user=actor,
        files=len(planned),
        readiness=case.readiness,
        missing=[f"{m.code} {m.person}" for m in missing],
    )
    db.session.commit()
    return Bundle(out, f"{case.reference}-bundle.zip", len(planned), tuple(missing))


def missing_items(case: Case, program: Program) -> list[IndexLine]:
    """Required items not accepted yet, in checklist order."""
    lines, _ = plan(case, program)
    return [line for line in lines if line.status != ItemStatus.ACCEPTED.value]


def plan(case: Case, program: Program) -> tuple[list[IndexLine], list[Planned]]:
    """Index lines of every required item, and the files to write, in checklist order."""
    labels = person_labels(case, program)
    taken: set[str] = {INDEX_NAME}
    lines: list[IndexLine] = []
    planned: list[Planned] = []
    for req in ordered_requirements(case, program):
        item = program.item(req.code)
        title = item_title(req, program)
        max_bytes = item.max_bytes if item is not None else DEFAULT_MAX_BYTES
        base = f"{req.code}-{labels[req.person_id]}-{slug(title)}"
        files = [Planned(_unique(name, taken), doc, max_bytes) for name, doc in _names(base, req)]
        planned += files
        person = f"{req.person.name} ({labels[req.person_id]})"
        lines.append(
            IndexLine(req.code, person, title, req.status.value, tuple(f.name for f in files))
        )
    return lines, planned


def ordered_requirements(case: Case, program: Program) -> list[Requirement]:
    """Required items by section (program order), then person, then item."""
    sections = {s.code: i for i, s in enumerate(program.sections)}
    required = [r for r in case.requirements if r.status is not ItemStatus.NOT_REQUIRED]
    return sorted(
        required,
        key=lambda r: (sections.get(r.section, len(sections)), r.person.position, r.position, r.id),
    )


def person_labels(case: Case, program: Program) -> dict[int, str]:
    """'sponsor', or the applicant's label fact, e.g. relationship (numbered when shared)."""
    raw = {p.id: _label(p, program.label_fact) for p in case.people}
    shared = Counter(raw.values())
    seen: Counter[str] = Counter()
    labels = {}
    for person in sorted(case.people, key=lambda p: p.position):
        label = raw[person.id]
        if shared[label] > 1:
            seen[label] += 1
            label = f"{label}-{seen[label]}"
        labels[person.id] = label
    return labels


def _label(person: Person, fact: str | None) -> str:
    if person.role is PersonRole.SPONSOR:
        return "sponsor"
    return slug(str((person.facts.get(fact) if fact else None) or "applicant"))


def item_title(req: Requirement, program: Program) -> str:
    item = program.item(req.code)
    if item is not None and not req.ad_hoc:
        return item.title.en
    return str((req.title or {}).get("en") or req.code)


def slug(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "document"


def _names(base: str, req: Requirement) -> Iterator[tuple[str, Document]]:
    """Each accepted original, then its good translations, with their file names."""
    originals = [
        d for d in req.documents if d.translation_of_id is None and d.review is Review.ACCEPTED
    ]
    for n, doc in enumerate(originals, start=1):
        stem = base if n == 1 else f"{base}-{n}"
        yield f"{stem}.{_extension(doc)}", doc
        translations = [t for t in doc.translations if is_good_translation(t)]
        for k, translation in enumerate(translations, start=1):
            suffix = "translation" if k == 1 else f"translation-{k}"
            yield f"{stem}-{suffix}.{_extension(translation)}", translation


def _extension(doc: Document) -> str:
    return KEEP.get(doc.mime, "jpg" if doc.kind == "image" else "pdf")


def _unique(name: str, taken: set[str]) -> str:
    stem, _, ext = name.rpartition(".")
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{ext}"
    taken.add(candidate)
    return candidate


def _write_zip(
    out: IO[bytes],
    case: Case,
    program: Program,
    lines: list[IndexLine],
    missing: list[IndexLine],
    planned: list[Planned],
    storage: Storage,
) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(INDEX_NAME, index_pdf(summary(case, program, missing), lines))
        for entry in planned:
            with archive.open(entry.name, "w") as target:
                _copy(entry, storage, target)


def _copy(entry: Planned, storage: Storage, target: IO[bytes]) -> None:
    try:
        source = storage.open(entry.doc.storage_key)
    except FileNotFoundError:
        raise ConflictError(
            _(
                "The stored file of %(name)s is missing; ask for it to be uploaded again.",
                name=entry.name,
            )
        ) from None
    with source:
        if entry.doc.mime in KEEP:
            shutil.copyfileobj(source, target)
        else:
            target.write(to_jpeg(source, max_bytes=entry.max_bytes))


def to_jpeg(source: BinaryIO, *, max_bytes: int) -> bytes:
    """An image as an upright RGB JPEG without metadata, smaller quality until it fits."""
    from PIL import Image, ImageOps
    from pillow_heif import register_heif_opener

    register_heif_opener()
    with Image.open(source) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    data = b""
    for quality in JPEG_QUALITIES:
        buffer = io.BytesIO()
        upright.save(buffer, "JPEG", quality=quality, optimize=True)
        data = buffer.getvalue()
        if len(data) <= max_bytes:
            break
    return data


def summary(case: Case, program: Program, missing: list[IndexLine]) -> IndexSummary:
    """The case's facts for the top of the index."""
    facts = [
        ("Program", program.title.en),
        ("Reference", case.reference),
        *(
            (spec.title.en, _said(spec, case.facts.get(spec.key)))
            for spec in program.facts_at("case")
        ),
        *([("Sponsor", case.sponsor.name)] if case.sponsor else []),
        *(("Applicant", _applicant_line(p, program)) for p in case.applicants),
        ("Readiness", f"{case.readiness}%"),
        ("Consultant", case.consultant.name or case.consultant.email if case.consultant else "-"),
        ("Prepared", date.today().isoformat()),
    ]
    return IndexSummary(f"Submission bundle {case.reference}", facts, missing)


def _said(spec: FactSpec, value: object) -> str:
    """A fact's value as the index shows it: its English title, else the value itself."""
    title = spec.value_title(value) if isinstance(value, str) else None
    return title.en if title else ("-" if value is None else str(value))


def _applicant_line(person: Person, program: Program) -> str:
    spec = program.facts.get(program.label_fact) if program.label_fact else None
    return f"{person.name} ({_said(spec, person.facts.get(spec.key))})" if spec else person.name
