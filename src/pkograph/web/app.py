"""The web application: one Starlette app over one store, built from each part's routes."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.applications import Starlette
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
    #: the public address of the server, where its IRIs resolve (``https://w3id.org/pkograph/``
    #: behind the w3id redirect), used in the dataset description
    base_url: str = "http://127.0.0.1:8000/"


def routes(site: Site) -> list[BaseRoute]:
    """Every route of the site, each part contributing its own."""
    from pkograph.web import endpoint, pages

    return [*endpoint.routes(site), *pages.routes(site)]


def create_app(site: Site) -> Starlette:
    """The application serving ``site`` (read-only: no route changes the graph)."""
    app = Starlette(routes=routes(site))
    app.state.site = site
    return app
