"""Build hook: the wheel carries compiled catalogs, the templates, static files and migrations.

The .mo files are not in git (they are built), and the templates, static files
and migrations live beside the package in the repository; a wheel must hold
them all inside `tracker/`, or an installed app shows its pages in English.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("templates", "static", "migrations")


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        package = Path(self.build_lib) / "tracker"
        for name in SHIPPED:
            shutil.copytree(Path(name), package / name, dirs_exist_ok=True)
        for po in package.glob("translations/*/LC_MESSAGES/*.po"):
            _compile(po)


def _compile(po: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source, locale=po.parents[1].name)
    with po.with_suffix(".mo").open("wb") as target:
        write_mo(target, catalog)


setup(cmdclass={"build_py": BuildWithCatalogs})
