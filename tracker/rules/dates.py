"""The dates that matter to a case: extension windows, deadlines, warnings, milestones.

Pure: plain dates and the program's constants in, dated entries with their
guidebook source out. A program without the constants for a date gets no entry.

Travel documents (our choice, not the guidebook's): a travel document should
stay valid `travel_document_min_months` beyond the day the applicant will need
it — the later of today, the expected decision and, for an extension, the end of
the current limit of stay. It is flagged "too soon" when it does not, and its
"renew by" date (expiry minus that margin) counts as a deadline.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.i18n import Text

SOURCE_EXTENSION_SPECIFIED = "para 10–11, footnote 5"
SOURCE_EXTENSION_OTHER = "para 10, footnote 5"
SOURCE_STAY = "para 10"
SOURCE_DECISION = "para 22"
SOURCE_RIGHT_OF_ABODE = "para 19"
SOURCE_TRAVEL_DOCUMENT = "VII(A) A2, VII(C) C2"

# Titles of the entries; `{n}` is filled from the program's constants.
TITLES: Mapping[str, Text] = {
    "extension_window_opens": Text(
        "Extension window opens", "可申請延期逗留的首日", "可申请延期逗留的首日"
    ),
    "extension_latest": Text(
        "Latest day to apply for an extension",
        "申請延期逗留的最後限期",
        "申请延期逗留的最后限期",
    ),
    "stay_expires": Text("Limit of stay expires", "逗留期限屆滿", "逗留期限届满"),
    "expected_decision": Text(
        "Expected decision (about {n} weeks after the case is complete)",
        "預計結果（文件齊全後約 {n} 星期）",
        "预计结果（文件齐全后约 {n} 星期）",
    ),
    "travel_document_renew_by": Text(
        "Renew the travel document by (it must stay valid {n} months longer)",
        "旅行證件須於此日前續期（須再有效最少 {n} 個月）",
        "旅行证件须于此日前续期（须再有效最少 {n} 个月）",
    ),
    "travel_document_expires": Text("Travel document expires", "旅行證件屆滿", "旅行证件届满"),
    "right_of_abode": Text(
        "May apply for the right of abode ({n} years' continuous residence)",
        "可申請居留權（連續通常居住 {n} 年）",
        "可申请居留权（连续通常居住 {n} 年）",
    ),
}


@dataclass(frozen=True)
class PersonDates:
    """One person's dates as entered; `key` identifies the person to the caller."""

    key: int
    applicant: bool
    stay_expires_on: date | None = None
    travel_document_expires_on: date | None = None
    first_entry_on: date | None = None


@dataclass(frozen=True)
class DateEntry:
    code: str
    on: date
    source: str
    title: Text
    deadline: bool = False  # counts towards the case's next deadline
    warning: bool = False  # a problem now (e.g. a travel document expiring too soon)

    def days_from(self, today: date) -> int:
        return (self.on - today).days


@dataclass(frozen=True)
class CaseDates:
    case: tuple[DateEntry, ...]
    people: Mapping[int, tuple[DateEntry, ...]]

    @property
    def entries(self) -> tuple[DateEntry, ...]:
        return self.case + tuple(e for entries in self.people.values() for e in entries)

    @property
    def next_deadline(self) -> DateEntry | None:
        return next_deadline(self.entries)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _int(constants: Mapping[str, object], name: str) -> int | None:
    value = constants.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _title(code: str, n: int | None = None) -> Text:
    text = TITLES[code]
    if n is None:
        return text
    return Text(*(t.format(n=n) for t in (text.en, text.zh_hant, text.zh_hans)))


def extension_window(
    stay_expires_on: date, *, specified: bool, constants: Mapping[str, object]
) -> tuple[date, date] | None:
    """(first day, last day) to apply for an extension; None without the program's constants.

    Specified schemes: from N months before expiry, at the latest M weeks before.
    Others: from N weeks before expiry, and before the stay ends (the day before).
    """
    if specified:
        months = _int(constants, "extension_window_specified_months")
        weeks = _int(constants, "extension_latest_specified_weeks")
        if months is None or weeks is None:
            return None
        return add_months(stay_expires_on, -months), stay_expires_on - timedelta(weeks=weeks)
    other = _int(constants, "extension_window_other_weeks")
    if other is None:
        return None
    return stay_expires_on - timedelta(weeks=other), stay_expires_on - timedelta(days=1)


def expected_decision(complete_since: date, *, constants: Mapping[str, object]) -> date | None:
    """About `processing_weeks` after the Department has every document (para 22)."""
    weeks = _int(constants, "processing_weeks")
    return None if weeks is None else complete_since + timedelta(weeks=weeks)


def right_of_abode_from(first_entry_on: date, *, constants: Mapping[str, object]) -> date | None:
    """The first day after `right_of_abode_years` of continuous residence (para 19)."""
    years = _int(constants, "right_of_abode_years")
    return None if years is None else add_months(first_entry_on, 12 * years)


def travel_document_renew_by(expires_on: date, *, constants: Mapping[str, object]) -> date | None:
    """The last day on which the document is still valid for the margin the program asks."""
    months = _int(constants, "travel_document_min_months")
    return None if months is None else add_months(expires_on, -months)


def travel_document_too_soon(
    expires_on: date, *, needed_from: date, constants: Mapping[str, object]
) -> bool:
    """Expires less than the program's margin after the day it is needed (or has expired)."""
    months = _int(constants, "travel_document_min_months") or 0
    return expires_on < add_months(needed_from, months)


def case_dates(
    people: Sequence[PersonDates],
    *,
    extension: bool,
    specified: bool,
    complete_since: date | None,
    today: date,
    constants: Mapping[str, object],
) -> CaseDates:
    """Every dated entry of a case: the expected decision, then each person's dates."""
    decision = expected_decision(complete_since, constants=constants) if complete_since else None
    case: tuple[DateEntry, ...] = ()
    if decision is not None:
        weeks = _int(constants, "processing_weeks")
        case = (
            DateEntry(
                "expected_decision", decision, SOURCE_DECISION, _title("expected_decision", weeks)
            ),
        )
    return CaseDates(
        case,
        {
            p.key: person_entries(
                p,
                extension=extension,
                specified=specified,
                decision=decision,
                today=today,
                constants=constants,
            )
            for p in people
        },
    )


def person_entries(
    person: PersonDates,
    *,
    extension: bool,
    specified: bool,
    decision: date | None,
    today: date,
    constants: Mapping[str, object],
) -> tuple[DateEntry, ...]:
    """One person's entries in date order."""
    entries: list[DateEntry] = []
    if person.stay_expires_on is not None:
        entries += _stay_entries(person, person.stay_expires_on, extension, specified, constants)
    if person.travel_document_expires_on is not None:
        needed = max(
            d
            for d in (today, decision, person.stay_expires_on if extension else None)
            if d is not None
        )
        entries += _travel_entries(person.travel_document_expires_on, needed, constants)
    if person.first_entry_on is not None:
        abode = right_of_abode_from(person.first_entry_on, constants=constants)
        if abode is not None:
            years = _int(constants, "right_of_abode_years")
            entries.append(
                DateEntry(
                    "right_of_abode", abode, SOURCE_RIGHT_OF_ABODE, _title("right_of_abode", years)
                )
            )
    return tuple(sorted(entries, key=lambda e: e.on))


def _stay_entries(
    person: PersonDates,
    expires: date,
    extension: bool,
    specified: bool,
    constants: Mapping[str, object],
) -> list[DateEntry]:
    entries = [DateEntry("stay_expires", expires, SOURCE_STAY, _title("stay_expires"), True)]
    window = extension_window(expires, specified=specified, constants=constants)
    if extension and person.applicant and window is not None:
        source = SOURCE_EXTENSION_SPECIFIED if specified else SOURCE_EXTENSION_OTHER
        opens, latest = window
        entries.append(
            DateEntry("extension_window_opens", opens, source, _title("extension_window_opens"))
        )
        entries.append(
            DateEntry("extension_latest", latest, source, _title("extension_latest"), deadline=True)
        )
    return entries


def _travel_entries(
    expires: date, needed_from: date, constants: Mapping[str, object]
) -> list[DateEntry]:
    too_soon = travel_document_too_soon(expires, needed_from=needed_from, constants=constants)
    entries = [
        DateEntry(
            "travel_document_expires",
            expires,
            SOURCE_TRAVEL_DOCUMENT,
            _title("travel_document_expires"),
            warning=too_soon,
        )
    ]
    renew_by = travel_document_renew_by(expires, constants=constants)
    if renew_by is not None:
        months = _int(constants, "travel_document_min_months")
        entries.append(
            DateEntry(
                "travel_document_renew_by",
                renew_by,
                SOURCE_TRAVEL_DOCUMENT,
                _title("travel_document_renew_by", months),
                deadline=True,
                warning=too_soon,
            )
        )
    return entries


def next_deadline(entries: Iterable[DateEntry]) -> DateEntry | None:
    """The earliest deadline, overdue ones included: they are the most urgent."""
    return min((e for e in entries if e.deadline), key=lambda e: e.on, default=None)
