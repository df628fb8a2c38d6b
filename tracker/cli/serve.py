"""`tracker serve`: the production server (`tracker run` stays Flask's development server)."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
def serve_command(host: str, port: int, workers: int) -> None:
    """Serve the app with gunicorn: several worker processes; SIGTERM stops everything."""
    from tracker.server import Server

    Server(host=host, port=port, workers=workers).run()
