"""``pkograph serve``: the graph over HTTP, read-only."""

from __future__ import annotations

import click

from pkograph.cli.common import cli, current_project, graph_store, store_options

#: Seconds a query may run at the endpoint unless --timeout says otherwise.
SERVE_TIMEOUT = 10.0


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--base-url", default="", metavar="URL",
              help="The public address of the server, where its IRIs resolve, as the dataset "
                   "description gives it (behind the w3id redirect: https://w3id.org/pkograph/); "
                   "default: the address each request was sent to.")
@store_options
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, base_url: str) -> None:
    """Serve the graph over HTTP, read-only: the SPARQL endpoint, the dataset description, the
    dumps and a page for every IRI. Builds the graph first if it is missing or out of date.
    Prints 'serving on http://HOST:PORT' once ready; stops on Ctrl-C or SIGTERM."""
    source = ctx.get_parameter_source("timeout")  # type: ignore[attr-defined]
    options = ctx.find_object(dict) or {}
    if source is click.core.ParameterSource.DEFAULT:
        options["timeout"] = SERVE_TIMEOUT
    from pkograph.web.app import Site, run

    store = graph_store(ctx)
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    site = Site(store, current_project(ctx), timeout=options["timeout"], base_url=base_url)
    run(site, host, port)
