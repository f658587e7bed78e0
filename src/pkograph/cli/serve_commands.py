"""``pkograph serve``: the graph over HTTP, read-only."""

from __future__ import annotations

import socket

import click

from pkograph.cli.common import cli, current_project, graph_store, store_options

#: Seconds a query may run at the endpoint unless --timeout says otherwise.
SERVE_TIMEOUT = 10.0


def _run(app: object, host: str, port: int) -> None:
    """Run uvicorn's server, saying where it listens once it does."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.should_exit:
                return
            bound, port = self.servers[0].sockets[0].getsockname()[:2]
            click.echo(f"serving on http://{bound}:{port}")

    Server(uvicorn.Config(app, host=host, port=port, log_level="warning")).run()  # type: ignore[arg-type]


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
    source = ctx.get_parameter_source("timeout")  # type: ignore[attr-defined]
    options = ctx.find_object(dict) or {}
    if source is click.core.ParameterSource.DEFAULT:
        options["timeout"] = SERVE_TIMEOUT
    from pkograph.web.app import Site, create_app

    store = graph_store(ctx)
    site = Site(store, current_project(ctx), timeout=options["timeout"])
    _run(create_app(site), host, port)
