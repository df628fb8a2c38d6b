"""Users and demo data: `create-user` and `seed-demo`."""

from __future__ import annotations

import click

from tracker.cli.helpers import command, fail, get_program
from tracker.models import Role


@command("create-user")
@click.option("--email", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.CONSULTANT.value,
    show_default=True,
)
@click.option("--name", default="")
def create_user_command(email: str, password: str, role: str, name: str) -> None:
    """Create a user who can log in."""
    from tracker.services.errors import TrackerError
    from tracker.services.users import create_user

    try:
        user = create_user(email, password, Role(role), name=name)
    except TrackerError as exc:
        fail(str(exc))
    click.echo(f"created {user.role.value} {user.email}")


@command("seed-demo")
@click.option(
    "--cases", "extra_cases", default=0, show_default=True, help="Also build N realistic cases."
)
def seed_demo_command(extra_cases: int) -> None:
    """Create the demo users and cases (idempotent) and print how to log in."""
    from tracker.services.demo import seed_demo

    for line in seed_demo(get_program("hk_dependant"), extra_cases=extra_cases):
        click.echo(line)
