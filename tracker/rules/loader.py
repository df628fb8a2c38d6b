"""Programs are data: read every program file, check it against the schema, freeze it.

A broken file is a ProgramError naming the file and the entry, raised at
start-up, never a KeyError in the middle of a request.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from tracker.rules.program import Program, ProgramError
from tracker.rules.schema import build_program

PROGRAMS_DIR = Path(__file__).resolve().parent.parent / "programs"


def load_programs(directory: Path = PROGRAMS_DIR) -> dict[str, Program]:
    """Load every `*.toml` program in `directory`, keyed by program code."""
    if not directory.is_dir():
        raise ProgramError(directory, "folder", "no such folder of program files")
    programs: dict[str, Program] = {}
    for path in sorted(directory.glob("*.toml")):
        program = load_program(path)
        if program.code in programs:
            raise ProgramError(path, "program.code", f"{program.code!r} is defined twice")
        programs[program.code] = program
    return programs


def load_program(path: Path) -> Program:
    """Read and check one program file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgramError(path, "file", str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ProgramError(path, "file", f"not valid TOML: {exc}") from None
    return build_program(raw, path)
