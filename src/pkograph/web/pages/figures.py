"""``/figures`` and ``/figures/{name}``: the pictures of ``pkograph plot``, on the web.

A figure's page has a form for its parameters (names as typed on the command line), the figure
as SVG in the page, and the same figure as an SVG, PNG or PDF file
(``/figures/{name}.svg?person=Akashi``), byte for byte what ``pkograph plot`` writes. A
person's page shows their network as an image of ``/figures/network.svg``. Drawing takes up to
a second and matplotlib's settings are process-wide, so figures are drawn one at a time and kept
in the page cache.
"""

from __future__ import annotations

import threading
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pkograph.lookup import LookupFailed
from pkograph.queries import UsageError
from pkograph.web.pages.context import SECURITY_HEADERS, Links, Pages
from pkograph.web.pages.errors import PageError
from pkograph.web.pages.saved import Field

MEDIA_TYPES = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}
MAX_VALUE = 500


class Figures:
    """The figure pages of one site."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self._drawing = threading.Lock()

    def file(self, name: str, given: dict[str, str], fmt: str) -> bytes:
        """The figure as ``pkograph plot`` writes it; UsageError, LookupFailed or NoData."""
        from pkograph.figures import draw
        from pkograph.figures.common import figure_bytes, style

        def make() -> bytes:
            with self._drawing, style():
                return figure_bytes(draw(self.pages.store, name, given), fmt)

        return self.pages.cache.get(("figure", name, fmt, tuple(sorted(given.items()))), make)

    def index(self, request: Request) -> Response:
        from pkograph.figures import FIGURES

        return self.pages.html(request, "figures.html", title="Figures",
                               figures=list(FIGURES.values()))

    def figure(self, request: Request) -> Response:
        from pkograph.figures import get
        from pkograph.figures.common import NoData

        raw = request.path_params["name"]
        name, _, fmt = raw.partition(".")
        try:
            spec = get(name)
        except UsageError as exc:
            raise PageError(404, str(exc)) from None
        given = {p.name: request.query_params[p.name].strip() for p in spec.params
                 if request.query_params.get(p.name, "").strip()}
        if any(len(v) > MAX_VALUE for v in given.values()):
            raise PageError(400, f"a parameter value is at most {MAX_VALUE} characters")
        if fmt:
            if fmt not in MEDIA_TYPES:
                raise PageError(404, f"a figure is offered as {', '.join(MEDIA_TYPES)}")
            try:
                body = self.file(name, given, fmt)
            except (UsageError, LookupFailed) as exc:
                raise PageError(400, str(exc)) from None
            except NoData as exc:
                raise PageError(404, f"nothing to draw: {exc}") from None
            return Response(body, 200, {**SECURITY_HEADERS}, media_type=MEDIA_TYPES[fmt])
        links = Links(request.scope.get("root_path", ""))
        context: dict[str, Any] = {"spec": spec, "svg": None, "error": None, "downloads": [],
                                   "fields": [Field(p.name, p.kind.doc, p.description,
                                                    given.get(p.name, p.default or ""),
                                                    choices=spec.choices.get(p.name, ()))
                                              for p in spec.params]}
        status = 200
        try:
            svg = self.file(name, given, "svg").decode("utf-8")
            context["svg"] = svg[svg.index("<svg"):]
            context["downloads"] = [(f.upper(), links.to(f"/figures/{name}.{f}", given))
                                    for f in MEDIA_TYPES]
        except (UsageError, LookupFailed) as exc:
            status, context["error"] = 400, str(exc)
        except NoData as exc:
            status, context["error"] = 404, f"nothing to draw: {exc}"
        return self.pages.html(request, "figure.html", status, title=spec.title, **context)
