"""``pkograph serve``: the graph over HTTP, read-only."""

from __future__ import annotations

import click
import uvicorn

from pkograph.cli.common import cli, current_project, graph_store, limits, store_options
from pkograph.web.app import Site, create_app


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@store_options
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int) -> None:
    """Serve the graph over HTTP, read-only: the SPARQL endpoint, the dataset description, the
    dumps and a page for every IRI. Builds the graph first if it is missing or out of date.
    Prints 'serving on http://HOST:PORT' once ready; stops on Ctrl-C or SIGTERM."""
    store = graph_store(ctx)
    site = Site(store, current_project(ctx), timeout=limits(ctx).timeout or 10.0)
    config = uvicorn.Config(create_app(site), host=host, port=port, log_level="warning")
    server = uvicorn.Server(config)
    server.run()
