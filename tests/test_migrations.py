"""Migrations go down and up again on a database that holds cases, losing none of them."""

from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from tests.apps import make_app
from tracker.extensions import db
from tracker.models import Case, Requirement
from tracker.services.demo import seed_demo
from tracker.services.registry import get_programs


def test_sqlite_goes_down_to_the_first_schema_and_up_again_with_its_cases(
    tmp_path: Path,
) -> None:
    """Batch mode rebuilds SQLite tables: foreign keys pointing at `cases` stopped the downgrade."""
    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path / "uploads")
    with app.app_context():
        upgrade()
        list(seed_demo(get_programs()["hk_dependant"], extra_cases=3))
        db.session.commit()
        counted = select(func.count(Case.id)), select(func.count(Requirement.id))
        before = [db.session.scalar(q) for q in counted]
        db.session.remove()
        first = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
        downgrade(revision=first.get_base())  # every migration after the first, undone
        with db.engine.connect() as connection:
            assert connection.execute(text("select count(*) from cases")).scalar() == before[0]
            assert connection.execute(text("pragma foreign_key_check")).all() == []
        upgrade()
        assert [db.session.scalar(q) for q in counted] == before
        missing = db.session.scalar(select(func.sum(Case.count_missing)))
        assert missing == db.session.scalar(
            select(func.count(Requirement.id)).where(Requirement.status == "missing")
        )
        db.session.remove()
        db.engine.dispose()
