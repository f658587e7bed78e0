"""The web application: one Starlette app over one store, built from each part's routes."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute

from pkograph.paths import Project
from pkograph.store.base import GraphStore


@dataclass(frozen=True)
class Site:
    """What every route needs: the store, the project (ontology, queries, documents) and the
    server's settings."""

    store: GraphStore
    project: Project
    #: seconds a query may run (the store stops it; the server answers with an error)
    timeout: float = 10.0
    #: largest request body accepted, in bytes
    max_body: int = 1 << 20
    #: the public address of the server, ending in ``/`` (``https://w3id.org/pkograph/`` behind
    #: the w3id redirect), used in the dataset and service descriptions; empty: the address
    #: each request was sent to
    base_url: str = ""


def routes(site: Site) -> list[BaseRoute]:
    """Every route of the site, each part contributing its own (the endpoint's first; its GET
    /sparql without a query shows a browser ``pages.sparql_page``)."""
    from pkograph.web import endpoint, pages

    return [*endpoint.routes(site), *pages.routes(site)]


def create_app(site: Site) -> Starlette:
    """The application serving ``site`` (read-only: no route changes the graph). Every route
    may be read from pages of other origins (CORS, GET and POST), as SPARQL clients in
    browsers need."""
    cors = Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD", "POST"],
                      allow_headers=["*"],
                      expose_headers=["ETag", "Last-Modified", "Content-Length"], max_age=86400)
    app = Starlette(routes=routes(site), middleware=[cors])
    app.state.site = site
    return app


def run(site: Site, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``site`` until Ctrl-C or SIGTERM (``pkograph serve``): one process, its event loop
    answering every request (queries wait on the store's worker processes, not on threads);
    prints ``serving on http://HOST:PORT`` once it listens."""
    import socket

    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.should_exit:
                return
            bound, port = self.servers[0].sockets[0].getsockname()[:2]
            print(f"serving on http://{bound}:{port}", flush=True)

    config = uvicorn.Config(create_app(site), host=host, port=port, log_level="warning",
                            access_log=False)
    Server(config).run()
