"""The pages for people and the RDF of each IRI for machines (to be built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute

if TYPE_CHECKING:
    from pkograph.web.app import Site


def routes(site: Site) -> list[BaseRoute]:
    return []
