"""The submission bundle: every accepted document of a case, in checklist order, in one ZIP.

Files are numbered and named by person and item (`01 Maria Reyes - A2 Applicant's
valid travel document.pdf`, plain ASCII), each translation beside its original; an
accepted compliant copy stands in for its original; images the Department does
not take (HEIC, WebP…) become JPEG; the index PDF, in the consultant's chosen
language, comes first. The ZIP is written to an anonymous temporary file, never
held in memory.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, BinaryIO

from flask_babel import force_locale
from flask_babel import gettext as _

from tracker.extensions import db
from tracker.isolation import run_isolated
from tracker.models import Case, Document, ItemStatus, Person, PersonRole, Requirement, Review, User
from tracker.rules.program import FactSpec, Program
from tracker.services import audit
from tracker.services.bundle_index import IndexLine, IndexSummary, IndexWords, index_pdf
from tracker.services.errors import ConflictError
from tracker.services.file_checks import item_of
from tracker.services.filing import FILING_MAX_BYTES, FILING_TYPES, OverLimit, over_limit
from tracker.services.registry import get_storage
from tracker.services.status import is_good_translation
from tracker.services.stored_files import storage_copy
from tracker.services.views.labels import status_label
from tracker.storage.base import Storage
from tracker.validation.photo import make_smaller_jpeg

log = logging.getLogger(__name__)

INDEX_NAME = "00 Index.pdf"
CONVERT_SECONDS = 60.0  # one photo decoded and re-encoded: seconds for a 12 MP HEIC
NAME_LIMIT = 120  # characters of a file name, extension included
UNSAFE = re.compile(r"[^A-Za-z0-9 .,()&'+-]+")


class ConfirmationNeeded(ConflictError):
    """The case is not ready: exporting it anyway needs the consultant's confirmation."""

    def __init__(self, missing: list[IndexLine]) -> None:
        super().__init__(f"{len(missing)} required item(s) are not accepted yet.")
        self.missing = missing


@dataclass(frozen=True)
class Planned:
    name: str
    doc: Document


@dataclass(frozen=True)
class Bundle:
    file: BinaryIO
    name: str
    files: int
    missing: tuple[IndexLine, ...]


@dataclass(frozen=True)
class BundleReview:
    """What the bundle page shows before the download."""

    missing: tuple[IndexLine, ...]
    files: tuple[Planned, ...]
    over_limit: tuple[OverLimit, ...]


def export_bundle(
    case: Case, program: Program, *, actor: User, lang: str = "en", confirm: bool = False
) -> Bundle:
    """Write the case's ZIP (a case that is not ready needs `confirm`) and audit the export."""
    with _locale(lang):
        lines, planned = plan(case, program, lang)
        missing = [line for line in lines if line.status != ItemStatus.ACCEPTED.value]
        if missing and not confirm:
            raise ConfirmationNeeded(missing)
        index = index_pdf(summary(case, program, missing, lang), lines)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    try:
        _write_zip(out, index, planned, get_storage())
    except BaseException:
        out.close()
        raise
    out.seek(0)
    audit.record(
        "case.exported",
        case=case,
        user=actor,
        files=len(planned),
        lang=lang,
        readiness=case.readiness,
        missing=[f"{m.code} {m.person}" for m in missing],
    )
    db.session.commit()
    return Bundle(out, f"{case.reference}-bundle.zip", len(planned), tuple(missing))


def review_bundle(case: Case, program: Program, lang: str) -> BundleReview:
    """The items not accepted yet and the files over the Department's limits."""
    lines, planned = plan(case, program, lang)
    missing = tuple(line for line in lines if line.status != ItemStatus.ACCEPTED.value)
    over = (over_limit(p.doc, p.name) for p in planned)
    return BundleReview(missing, tuple(planned), tuple(o for o in over if o is not None))


def plan(case: Case, program: Program, lang: str) -> tuple[list[IndexLine], list[Planned]]:
    """Index lines of every required item, and the files to write, in checklist order."""
    taken: set[str] = {INDEX_NAME}
    lines: list[IndexLine] = []
    planned: list[Planned] = []
    for req in ordered_requirements(case, program):
        files = [
            Planned(_unique(_numbered(len(planned) + n, name), taken), doc)
            for n, (name, doc) in enumerate(_names(req, program), start=1)
        ]
        planned += files
        title = item_title(req, program, lang)
        status = req.status.value
        names = tuple(f.name for f in files)
        person = _person(req.person, program, lang)
        lines.append(IndexLine(req.code, person, title, status, status_label(status), names))
    return lines, planned


def ordered_requirements(case: Case, program: Program) -> list[Requirement]:
    """Required items by section (program order), then person, then item."""
    sections = {s.code: i for i, s in enumerate(program.sections)}
    required = [r for r in case.requirements if r.status is not ItemStatus.NOT_REQUIRED]
    return sorted(
        required,
        key=lambda r: (sections.get(r.section, len(sections)), r.person.position, r.position, r.id),
    )


def item_title(req: Requirement, program: Program, lang: str) -> str:
    """The item's title in `lang`: the program's, or the one an ad-hoc item was given."""
    return item_of(program, req).title(lang)


def safe_name(text: str) -> str:
    """Plain ASCII letters, digits, spaces and a little punctuation; '' when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(UNSAFE.sub(" ", ascii_text).split()).strip(" .")


def _person(person: Person, program: Program, lang: str) -> str:
    """'Ann Reyes (Spouse)' in `lang`: the name and the label fact's value."""
    if person.role is PersonRole.SPONSOR:
        return f"{person.name} ({_('Sponsor')})"
    spec = program.facts.get(program.label_fact) if program.label_fact else None
    return (
        f"{person.name} ({_said(spec, person.facts.get(spec.key), lang)})" if spec else person.name
    )


def _file_person(person: Person) -> str:
    """The person in a file name: the name in ASCII, else the role and place in the case."""
    if name := safe_name(person.name):
        return name
    if person.role is PersonRole.SPONSOR:
        return "Sponsor"
    return f"Applicant {person.case.applicants.index(person) + 1}"


def _names(req: Requirement, program: Program) -> Iterator[tuple[str, Document]]:
    """Each accepted original (or its accepted copy), then its good translations, named."""
    item = safe_name(item_title(req, program, "en")) or "Document"
    stem = f"{_file_person(req.person)} - {req.code} {item}"
    for n, doc in enumerate(_filed(req), start=1):
        own = stem if n == 1 else f"{stem} ({n})"
        yield _named(own, doc), doc
        translations = [t for t in _translations(req, doc) if is_good_translation(t)]
        for k, translation in enumerate(translations, start=1):
            label = "translation" if k == 1 else f"translation {k}"
            yield _named(f"{own} - {label}", translation), translation


def _filed(req: Requirement) -> list[Document]:
    """The accepted originals, each replaced by its newest accepted compliant copy."""
    accepted = [
        d for d in req.documents if d.translation_of_id is None and d.review is Review.ACCEPTED
    ]
    replaced = {d.copy_of_id for d in accepted if d.copy_of_id is not None}
    return [d for d in accepted if d.id not in replaced]


def _translations(req: Requirement, doc: Document) -> list[Document]:
    """A copy's translations are its original's (the translation was attached to that)."""
    origin = next((d for d in req.documents if d.id == doc.copy_of_id), None)
    return doc.translations or (origin.translations if origin is not None else [])


def _named(stem: str, doc: Document) -> str:
    ext = _extension(doc)
    return f"{stem[: NAME_LIMIT - len(ext) - 5].rstrip(' .-')}.{ext}"


def _numbered(n: int, name: str) -> str:
    return f"{n:02d} {name}"


def _extension(doc: Document) -> str:
    return FILING_TYPES.get(doc.mime, "jpg" if doc.kind == "image" else "pdf")


def _unique(name: str, taken: set[str]) -> str:
    stem, _, ext = name.rpartition(".")
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}).{ext}"
    taken.add(candidate.lower())
    return candidate


def _write_zip(out: IO[bytes], index: bytes, planned: list[Planned], storage: Storage) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(INDEX_NAME, index)
        for entry in planned:
            with archive.open(entry.name, "w") as target:
                _copy(entry, storage, target)


def _copy(entry: Planned, storage: Storage, target: IO[bytes]) -> None:
    if entry.doc.mime not in FILING_TYPES:
        with _stored(entry), storage_copy(entry.doc.storage_key) as local:
            target.write(_as_jpeg(entry, local))
        return
    with _stored(entry):
        source = storage.open(entry.doc.storage_key)
    with source:
        shutil.copyfileobj(source, target)


def _as_jpeg(entry: Planned, local: Path) -> bytes:
    """Decode and re-encode in the isolated child: the web process never decodes an upload."""
    try:
        return run_isolated(make_smaller_jpeg, local, FILING_MAX_BYTES, timeout=CONVERT_SECONDS)
    except Exception:  # noqa: BLE001 - Pillow's many errors, cannot fit, the child's limits
        log.warning("converting %s for the bundle failed", entry.doc.storage_key, exc_info=True)
        raise ConflictError(
            _(
                "%(name)s cannot be converted to JPEG for filing; ask for it to be taken or"
                " scanned again.",
                name=entry.name,
            )
        ) from None


@contextmanager
def _stored(entry: Planned) -> Iterator[None]:
    """Turn a stored file that vanished into a clear message naming the bundle's file."""
    try:
        yield
    except FileNotFoundError:
        raise ConflictError(
            _(
                "The stored file of %(name)s is missing; ask for it to be uploaded again.",
                name=entry.name,
            )
        ) from None


def summary(case: Case, program: Program, missing: list[IndexLine], lang: str) -> IndexSummary:
    """The case's facts for the top of the index, in `lang`."""
    facts = [
        (_("Program"), program.title(lang)),
        (_("Reference"), case.reference),
        *(
            (spec.title(lang), _said(spec, case.facts.get(spec.key), lang))
            for spec in program.facts_at("case")
        ),
        *([(_("Sponsor"), case.sponsor.name)] if case.sponsor else []),
        *((_("Applicant"), _person(p, program, lang)) for p in case.applicants),
        (_("Readiness"), f"{case.readiness}%"),
        (_("Consultant"), _consultant(case)),
        (_("Prepared"), date.today().isoformat()),
    ]
    return IndexSummary(
        _("Submission bundle %(ref)s", ref=case.reference), facts, missing, _index_words(missing)
    )


def _index_words(missing: list[IndexLine]) -> IndexWords:
    columns = (_("Item"), _("Person"), _("Document"), _("Status"), _("Files"))
    not_ready = _("Not ready: %(count)s required item(s) not accepted yet", count=len(missing))
    return IndexWords(columns, not_ready)


def _consultant(case: Case) -> str:
    return (case.consultant.name or case.consultant.email) if case.consultant else "-"


def _said(spec: FactSpec, value: object, lang: str) -> str:
    """A fact's value as the index shows it: its title in `lang`, else the value itself."""
    title = spec.value_title(value) if isinstance(value, str) else None
    return title(lang) if title else ("-" if value is None else str(value))


def _locale(lang: str) -> AbstractContextManager[None]:
    """Babel's locale for one of our languages (zh-Hant → zh_Hant)."""
    locale: AbstractContextManager[None] = force_locale(lang.replace("-", "_"))
    return locale
