"""The SPARQL 1.1 Protocol endpoint, the dataset description and the dumps (to be built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute

if TYPE_CHECKING:
    from pkograph.web.app import Site


def routes(site: Site) -> list[BaseRoute]:
    return []
