"""The program-file schema: turn a parsed TOML document into a checked Program."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.i18n import LANGS, Text
from tracker.rules.conditions import Condition, ConditionError
from tracker.rules.countries import is_country
from tracker.rules.program import (
    DEFAULT_NOTICE_DAYS,
    Constraint,
    DateRule,
    FactSpec,
    Guide,
    Hint,
    Item,
    ItemLimits,
    Note,
    Offset,
    PhotoRule,
    Program,
    ProgramError,
    Rule,
    Section,
)
from tracker.validation.limits import KINDS

Raw = dict[str, Any]

FACT_TYPES = ("enum", "bool", "int", "country", "date")  # a date: "YYYY-MM-DD"
AUDIENCES = ("eligible", "ineligible", "everyone")
# The dates a program's date rules may count from: the case's, then each person's.
CASE_DATES = ("complete_since",)
PERSON_DATES = ("stay_expires_on", "travel_document_expires_on", "first_entry_on")

# The keys each kind of entry may have: a typo (`whne`) must not silently drop a rule.
ALLOWED = {
    "program": {
        "code",
        "version",
        "source",
        "title",
        "description",
        "guide",
        "sponsor",
        "intro",
        "label_fact",
        "ad_hoc_source",
        "limits_by",
    },
    "guide": {"title", "url"},
    "fact": {
        "level",
        "type",
        "title",
        "values",
        "default",
        "required_when",
        "ask_when",
        "min",
        "max",
        "help",
    },  # fmt: skip
    "rule": {"code", "when", "source", "message"},
    "constraint": {"code", "when", "message"},
    "date": {
        "code",
        "from",
        "offset",
        "when",
        "applicants_only",
        "title",
        "source",
        "advice",
        "deadline",
        "must_outlast",
        "notice_days",
    },
    "offset": {"years", "months", "weeks", "days"},
    "section": {"code", "scope", "title", "source", "when"},
    "item": {
        "code",
        "section",
        "title",
        "source",
        "when",
        "accepts",
        "max_bytes",
        "max_files",
        "min_width",
        "min_height",
        "hint",
        "hints",
        "photo",
        "check_language",
        "travel_document",
    },
    "hint": {"when", "text"},
    "photo": {"formats", "square", "min_side", "max_side", "max_bytes", "colour"},
    "note": {"code", "when", "applies_to", "source", "message"},
}


def _keys(raw: Raw, kind: str, path: Path, entry: str) -> Raw:
    unknown = sorted(set(raw) - ALLOWED[kind])
    if unknown:
        raise ProgramError(path, entry, f"unknown key {unknown[0]!r}")
    return raw


def build_program(raw: Raw, path: Path) -> Program:
    """Check every entry of a program document and build the Program."""
    head = _keys(_table(raw.get("program"), path, "program"), "program", path, "program")
    constants = _table(raw.get("constants", {}), path, "constants")
    facts = {
        key: _fact(key, spec, path) for key, spec in _table(raw.get("facts"), path, "facts").items()
    }
    defaults = _table(raw.get("defaults", {}), path, "defaults")
    sections = tuple(_section(s, path, i) for i, s in enumerate(_list(raw, "sections", path)))
    by_code = {s.code: s for s in sections}
    program = Program(
        code=_str(head, "code", path, "program"),
        version=_str(head, "version", path, "program"),
        source=_str(head, "source", path, "program"),
        title=text_of(head.get("title"), path, "program.title"),
        path=str(path),
        facts=facts,
        constants=constants,
        lists=_lists(raw, path),
        eligibility=tuple(
            _rule(r, path, i, constants) for i, r in enumerate(_list(raw, "eligibility", path))
        ),
        sections=sections,
        items=tuple(
            _item(it, path, i, _Shared(defaults, constants, by_code))
            for i, it in enumerate(_list(raw, "items", path))
        ),
        notes=tuple(_note(n, path, i, constants) for i, n in enumerate(_list(raw, "notes", path))),
        constraints=tuple(
            _constraint(c, path, i, constants)
            for i, c in enumerate(_list(raw, "constraints", path))
        ),
        dates=tuple(
            _date(d, path, i, constants, _date_facts(facts))
            for i, d in enumerate(_list(raw, "dates", path))
        ),
        guide=_guide(head.get("guide"), path),
        has_sponsor=_bool(head, "sponsor", path, "program", default=False),
        intro=_said(head["intro"], constants, path, "program.intro") if "intro" in head else None,
        label_fact=_label_fact(head, facts, path),
        date_inputs=_date_inputs(raw.get("date_inputs", {}), path),
        limits_by=text_of(head["limits_by"], path, "program.limits_by")
        if "limits_by" in head
        else None,
        defaults=_limits(defaults, path, "defaults"),
        ad_hoc_source=_str(head, "ad_hoc_source", path, "program")
        if "ad_hoc_source" in head
        else None,
    )
    _check_unique(program, path)
    _check_conditions(program, path)
    _check_sponsor(program, path)
    return program


def _check_sponsor(program: Program, path: Path) -> None:
    """A program without a sponsor has nobody to hold sponsor items."""
    if program.has_sponsor:
        return
    for section in program.sections:
        if section.scope == "sponsor":
            problem = "sponsor scope in a program without a sponsor"
            raise ProgramError(path, f"sections ({section.code})", problem)


def _table(raw: object, path: Path, entry: str) -> Raw:
    if not isinstance(raw, dict):
        raise ProgramError(path, entry, "missing or not a table")
    return raw


def _list(raw: Raw, key: str, path: Path) -> list[Raw]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ProgramError(path, key, "must be an array of tables ([[...]])")
    return value


def _lists(raw: Raw, path: Path) -> dict[str, tuple[object, ...]]:
    """Named lists (e.g. countries) that conditions test membership in."""
    lists: dict[str, tuple[object, ...]] = {}
    for name, values in _table(raw.get("lists", {}), path, "lists").items():
        if not isinstance(values, list) or not all(
            isinstance(v, str | int | float | bool) for v in values
        ):
            raise ProgramError(path, f"lists.{name}", "must be an array of literal values")
        lists[name] = tuple(values)
    return lists


def _str(raw: Raw, key: str, path: Path, entry: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise ProgramError(path, f"{entry}.{key}", "missing or not a string")
    return value


def _bool(raw: Raw, key: str, path: Path, entry: str, *, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ProgramError(path, f"{entry}.{key}", "must be true or false")
    return value


def _int(raw: Raw, key: str, path: Path, entry: str, default: int) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ProgramError(path, f"{entry}.{key}", "must be a whole number ≥ 0")
    return value


def _fact(key: str, raw: object, path: Path) -> FactSpec:
    entry = f"facts.{key}"
    spec = _keys(_table(raw, path, entry), "fact", path, entry)
    kind = spec.get("type")
    if kind not in FACT_TYPES:
        raise ProgramError(path, entry, f"type must be one of {', '.join(FACT_TYPES)}")
    if spec.get("level", "applicant") not in ("case", "applicant"):
        raise ProgramError(path, entry, "level must be 'case' or 'applicant'")
    values = {}
    if kind == "enum":
        raw_values = _table(spec.get("values"), path, f"{entry}.values")
        for name, attrs in raw_values.items():
            attrs = dict(_table(attrs, path, f"{entry}.values.{name}"))
            attrs["title"] = text_of(attrs.get("title"), path, f"{entry}.values.{name}.title")
            values[name] = attrs
    return FactSpec(
        key=key,
        type=kind,
        level=spec.get("level", "applicant"),
        title=text_of(spec.get("title"), path, f"{entry}.title"),
        values=values,
        default=spec.get("default"),
        required="default" not in spec and "required_when" not in spec,
        required_when=condition_of(spec.get("required_when"), path, f"{entry}.required_when"),
        ask_when=_ask_when(spec, path, entry),
        min=spec.get("min"),
        max=spec.get("max"),
    )


def _ask_when(spec: Raw, path: Path, entry: str) -> Condition | None:
    """A question left out must still have an answer: its default, or none needed."""
    if "ask_when" in spec and "default" not in spec and "required_when" not in spec:
        message = "a fact asked only sometimes needs a `default` or a `required_when`"
        raise ProgramError(path, f"{entry}.ask_when", message)
    return condition_of(spec.get("ask_when"), path, f"{entry}.ask_when")


def _rule(raw: Raw, path: Path, index: int, constants: Raw) -> Rule:
    entry = f"eligibility[{index}] ({raw.get('code', '?')})"
    _keys(raw, "rule", path, entry)
    return Rule(
        code=_str(raw, "code", path, entry),
        when=_required_when(raw, path, entry),
        source=_str(raw, "source", path, entry),
        message=_said(raw.get("message"), constants, path, f"{entry}.message"),
    )


def _constraint(raw: Raw, path: Path, index: int, constants: Raw) -> Constraint:
    entry = f"constraints[{index}] ({raw.get('code', '?')})"
    _keys(raw, "constraint", path, entry)
    return Constraint(
        code=_str(raw, "code", path, entry),
        when=_required_when(raw, path, entry),
        message=_said(raw.get("message"), constants, path, f"{entry}.message"),
    )


def _required_when(raw: Raw, path: Path, entry: str) -> Condition:
    when = condition_of(raw.get("when"), path, entry)
    if when is None:
        raise ProgramError(path, entry, "needs `when`")
    return when


def _label_fact(head: Raw, facts: dict[str, FactSpec], path: Path) -> str | None:
    name = head.get("label_fact")
    if name is None:
        return None
    if name not in facts or facts[name].level != "applicant":
        raise ProgramError(path, "program.label_fact", "must name an applicant fact")
    return str(name)


def _date_inputs(raw: object, path: Path) -> dict[str, Text]:
    """The person dates a case asks for, with the program's own titles for them."""
    inputs = {}
    for name, title in _table(raw, path, "date_inputs").items():
        if name not in PERSON_DATES:
            message = f"must be one of {', '.join(PERSON_DATES)}"
            raise ProgramError(path, f"date_inputs.{name}", message)
        inputs[name] = text_of(title, path, f"date_inputs.{name}")
    return inputs


def _guide(raw: object, path: Path) -> Guide | None:
    if raw is None:
        return None
    table = _keys(_table(raw, path, "program.guide"), "guide", path, "program.guide")
    return Guide(
        title=text_of(table.get("title"), path, "program.guide.title"),
        url=text_of(table.get("url"), path, "program.guide.url"),
    )


def _date_facts(facts: dict[str, FactSpec]) -> tuple[str, ...]:
    """The facts that are dates (an intended arrival): date rules may count from them too."""
    return tuple(key for key, spec in facts.items() if spec.type == "date")


def _date(
    raw: Raw, path: Path, index: int, constants: Raw, date_facts: tuple[str, ...]
) -> DateRule:
    entry = f"dates[{index}] ({raw.get('code', '?')})"
    _keys(raw, "date", path, entry)
    base = _str(raw, "from", path, entry)
    bases = CASE_DATES + PERSON_DATES + date_facts
    if base not in bases:
        raise ProgramError(path, f"{entry}.from", f"must be one of {', '.join(bases)}")
    advice = _bool(raw, "advice", path, entry, default=False)
    if advice == ("source" in raw):
        raise ProgramError(
            path, entry, "give a `source`, or `advice = true` for the tracker's own advice"
        )
    if advice and raw.get("deadline", False):
        raise ProgramError(path, entry, "the tracker's advice never makes a deadline")
    outlast = raw.get("must_outlast", [])
    if not isinstance(outlast, list) or not all(isinstance(c, str) for c in outlast):
        raise ProgramError(path, f"{entry}.must_outlast", "must be a list of date codes")
    return DateRule(
        code=_str(raw, "code", path, entry),
        base=base,
        offset=_offset(raw.get("offset", {}), constants, path, f"{entry}.offset"),
        when=condition_of(raw.get("when"), path, entry),
        applicants_only=_bool(raw, "applicants_only", path, entry, default=False),
        title=_said(raw.get("title"), constants, path, f"{entry}.title"),
        source=None if advice else _str(raw, "source", path, entry),
        deadline=_bool(raw, "deadline", path, entry, default=False),
        must_outlast=tuple(outlast),
        notice_days=_notice_days(raw, constants, path, entry),
    )


def _notice_days(raw: Raw, constants: Raw, path: Path, entry: str) -> int:
    """How many days before a deadline it is highlighted: a number or an integer constant."""
    value = _constant_int(raw.get("notice_days", DEFAULT_NOTICE_DAYS), constants)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        message = "must be a whole number of days (or an integer constant), 0 or more"
        raise ProgramError(path, f"{entry}.notice_days", message)
    return value


def _offset(raw: object, constants: Raw, path: Path, entry: str) -> Offset:
    """`{months = -3}`; a value may name a constant, negated with `-` (`{months = "-n"}`)."""
    table = _keys(_table(raw, path, entry), "offset", path, entry)
    values: dict[str, int] = {}
    for key, raw_value in table.items():
        value = _constant_int(raw_value, constants)
        if not isinstance(value, int) or isinstance(value, bool):
            message = "must be a whole number or an integer constant"
            raise ProgramError(path, f"{entry}.{key}", message)
        values[key] = value
    return Offset(**values)


def _constant_int(value: object, constants: Raw) -> object:
    if not isinstance(value, str):
        return value
    named = constants.get(value.removeprefix("-"))
    if isinstance(named, int) and value.startswith("-"):
        return -named
    return named


def _section(raw: Raw, path: Path, index: int) -> Section:
    entry = f"sections[{index}] ({raw.get('code', '?')})"
    _keys(raw, "section", path, entry)
    scope = raw.get("scope")
    if scope not in ("applicant", "sponsor"):
        raise ProgramError(path, entry, "scope must be 'applicant' or 'sponsor'")
    return Section(
        code=_str(raw, "code", path, entry),
        scope=scope,
        title=text_of(raw.get("title"), path, f"{entry}.title"),
        source=_str(raw, "source", path, entry),
        when=condition_of(raw.get("when"), path, entry),
    )


@dataclass(frozen=True)
class _Shared:
    """What every item reads besides its own table."""

    defaults: Raw
    constants: Raw
    sections: dict[str, Section]


def _item(raw: Raw, path: Path, index: int, shared: _Shared) -> Item:
    entry = f"items[{index}] ({raw.get('code', '?')})"
    _keys(raw, "item", path, entry)
    section = _str(raw, "section", path, entry)
    sections, constants = shared.sections, shared.constants
    if section not in sections:
        raise ProgramError(path, entry, f"unknown section {section!r}")
    limits = _limits({**shared.defaults, **raw}, path, entry)
    hints = tuple(
        Hint(
            condition_of(h.get("when"), path, f"{entry}.hints"),
            _said(h.get("text"), constants, path, f"{entry}.hints"),
        )
        for h in (_keys(h, "hint", path, f"{entry}.hints") for h in _list(raw, "hints", path))
    )
    return Item(
        code=_str(raw, "code", path, entry),
        section=section,
        scope=sections[section].scope,
        title=_said(raw.get("title"), constants, path, f"{entry}.title"),
        source=raw.get("source") or sections[section].source,
        when=condition_of(raw.get("when"), path, entry),
        accepts=limits.accepts,
        max_bytes=limits.max_bytes,
        max_files=limits.max_files,
        min_width=_int(raw, "min_width", path, entry, 0),
        min_height=_int(raw, "min_height", path, entry, 0),
        hint=_said(raw["hint"], constants, path, f"{entry}.hint") if "hint" in raw else None,
        hints=hints,
        photo=_photo(raw.get("photo"), path, entry),
        check_language=_bool(raw, "check_language", path, entry, default=True),
        travel_document=_bool(raw, "travel_document", path, entry, default=False),
    )


def _limits(merged: Raw, path: Path, entry: str) -> ItemLimits:
    """An item's upload limits: its own, else the program's [defaults], else the app's."""
    fallback = ItemLimits()
    accepts = merged.get("accepts", list(KINDS))
    if not isinstance(accepts, list) or not accepts or any(k not in KINDS for k in accepts):
        raise ProgramError(path, f"{entry}.accepts", f"must list kinds among {', '.join(KINDS)}")
    return ItemLimits(
        accepts=tuple(accepts),
        max_bytes=_int(merged, "max_bytes", path, entry, fallback.max_bytes),
        max_files=_int(merged, "max_files", path, entry, fallback.max_files),
    )


def _photo(raw: object, path: Path, entry: str) -> PhotoRule | None:
    if raw is None:
        return None
    spec = _keys(_table(raw, path, f"{entry}.photo"), "photo", path, f"{entry}.photo")
    formats = spec.get("formats", ["jpeg"])
    if not isinstance(formats, list) or not formats:
        raise ProgramError(path, f"{entry}.photo.formats", "must be a non-empty list")
    return PhotoRule(
        formats=tuple(formats),
        square=bool(spec.get("square", False)),
        min_side=_int(spec, "min_side", path, f"{entry}.photo", 0),
        max_side=_int(spec, "max_side", path, f"{entry}.photo", 100_000),
        max_bytes=_int(spec, "max_bytes", path, f"{entry}.photo", 10 * 1024 * 1024),
        colour=bool(spec.get("colour", False)),
    )


def _note(raw: Raw, path: Path, index: int, constants: Raw) -> Note:
    entry = f"notes[{index}] ({raw.get('code', '?')})"
    _keys(raw, "note", path, entry)
    applies_to = raw.get("applies_to", "eligible")
    if applies_to not in AUDIENCES:
        raise ProgramError(path, f"{entry}.applies_to", f"must be one of {', '.join(AUDIENCES)}")
    return Note(
        code=_str(raw, "code", path, entry),
        when=condition_of(raw.get("when"), path, entry),
        applies_to=applies_to,
        source=_str(raw, "source", path, entry),
        message=_said(raw.get("message"), constants, path, f"{entry}.message"),
    )


def _said(raw: object, constants: Raw, path: Path, entry: str) -> Text:
    """Check a three-language text and put the program's constants (fees, days) into it."""
    text = text_of(raw, path, entry)
    try:
        return Text(*(t.format(**constants) for t in (text.en, text.zh_hant, text.zh_hans)))
    except (KeyError, IndexError, ValueError) as exc:
        raise ProgramError(path, entry, f"unknown placeholder {exc}") from None


def _check_unique(program: Program, path: Path) -> None:
    for kind, codes in (
        ("items", [i.code for i in program.items]),
        ("sections", [s.code for s in program.sections]),
    ):
        dupes = {c for c in codes if codes.count(c) > 1}
        if dupes:
            raise ProgramError(path, kind, f"duplicate codes {sorted(dupes)}")
    asked = set(program.date_inputs) | set(CASE_DATES) | set(_date_facts(dict(program.facts)))
    unasked = sorted({d.base for d in program.dates} - asked)
    if unasked:
        raise ProgramError(path, "date_inputs", f"dates read {unasked[0]!r}, which is not asked")
    date_codes = {d.code for d in program.dates}
    unknown = sorted({c for d in program.dates for c in d.must_outlast} - date_codes)
    if unknown:
        raise ProgramError(path, "dates", f"must_outlast names no date {unknown[0]!r}")
    clash = set(program.facts) & (set(program.constants) | set(program.lists))
    if clash:
        raise ProgramError(path, "constants", f"names also used by facts: {sorted(clash)}")


def _conditions(program: Program) -> list[tuple[str, Condition]]:
    found: list[tuple[str, Condition | None]] = []
    found += [(f"eligibility ({r.code})", r.when) for r in program.eligibility]
    found += [(f"constraints ({c.code})", c.when) for c in program.constraints]
    found += [(f"dates ({d.code})", d.when) for d in program.dates]
    found += [(f"sections ({s.code})", s.when) for s in program.sections]
    found += [(f"items ({i.code})", i.when) for i in program.items]
    found += [(f"items ({i.code}).hints", h.when) for i in program.items for h in i.hints]
    found += [(f"notes ({n.code})", n.when) for n in program.notes]
    found += [(f"facts ({f.key}).required_when", f.required_when) for f in program.facts.values()]
    found += [(f"facts ({f.key}).ask_when", f.ask_when) for f in program.facts.values()]
    return [(entry, c) for entry, c in found if c is not None]


def _check_conditions(program: Program, path: Path) -> None:
    """Every name a condition reads exists; values compared with a fact can be its values."""
    for entry, condition in _conditions(program):
        for ref in condition.references:
            _check_reference(program, ref.name, ref.attribute, path, entry)
        compared = [(lit.reference, lit.values) for lit in condition.literals]
        compared += [(n.reference, _named_values(program, n.name)) for n in condition.named]
        for ref, values in compared:
            fact = program.facts.get(ref.name)
            if fact is not None and ref.attribute is None:
                _check_values(fact, values, path, entry)


def _named_values(program: Program, name: str) -> tuple[object, ...]:
    if name in program.lists:
        return program.lists[name]
    return (program.constants[name],) if name in program.constants else ()


def _check_values(fact: FactSpec, values: tuple[object, ...], path: Path, entry: str) -> None:
    """An enum fact takes its declared values; a country fact upper-case ISO alpha-2 codes."""
    if fact.type == "enum":
        unknown = [v for v in values if v not in fact.values]
    elif fact.type == "country":
        unknown = [v for v in values if not (isinstance(v, str) and is_country(v))]
    else:
        return
    if unknown:
        raise ProgramError(path, entry, f"{fact.key} has no value {unknown[0]!r}")


def _check_reference(
    program: Program, name: str, attribute: str | None, path: Path, entry: str
) -> None:
    if name in program.constants or name in program.lists:
        if attribute is None:
            return
        raise ProgramError(path, entry, f"{name} has no attributes")
    fact = program.facts.get(name)
    if fact is None:
        raise ProgramError(path, entry, f"unknown name {name!r}")
    if attribute is not None and (
        fact.type != "enum" or any(attribute not in v for v in fact.values.values())
    ):
        raise ProgramError(path, entry, f"{name} values have no attribute {attribute!r}")


def text_of(raw: object, path: Path, entry: str) -> Text:
    """Check a `{en, zh-Hant, zh-Hans}` table and turn it into a Text."""
    if not isinstance(raw, dict):
        raise ProgramError(path, entry, "must be a table with en, zh-Hant and zh-Hans")
    missing = [lang for lang in LANGS if not isinstance(raw.get(lang), str) or not raw[lang]]
    if missing:
        raise ProgramError(path, entry, f"missing text for {', '.join(missing)}")
    return Text(raw["en"], raw["zh-Hant"], raw["zh-Hans"])


def condition_of(raw: object, path: Path, entry: str) -> Condition | None:
    """Parse an optional `when` expression."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ProgramError(path, entry, "`when` must be a string expression")
    try:
        return Condition(raw)
    except ConditionError as exc:
        raise ProgramError(path, entry, str(exc)) from None
