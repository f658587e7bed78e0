"""``/queries`` and ``/queries/{name}``: the saved queries, run from a form.

A parameter takes what the command line takes (a name in any word order, an IRI, ``id:...``),
resolved by :func:`pkograph.queries.run`; an ambiguous name shows its candidates, each a link
that runs the query with that one. ``/queries/{name}.csv`` (``.json``, ``.tsv``) with the same
parameters downloads the same result in the W3C result formats ``pkograph query`` writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pkograph import output
from pkograph.lookup import AmbiguousName, LookupFailed
from pkograph.output import shorten
from pkograph.queries import SavedQuery, UsageError, convert, load, load_all, run
from pkograph.web.pages.context import SECURITY_HEADERS, Links, Pages
from pkograph.web.pages.errors import PageError
from pkograph.web.pages.rdf import names_jsonld
from pkograph.web.pages.tables import iris_of, labels_of, table

#: Download suffixes: media type and writer.
DOWNLOADS = {".csv": ("text/csv", output.to_csv), ".json": ("application/sparql-results+json",
                                                           output.to_json),
             ".tsv": ("text/tab-separated-values", output.to_tsv)}
RUN = "run"
MAX_VALUE = 500


@dataclass
class Field:
    """A parameter's field on a form (saved queries, figures)."""

    name: str
    kind: str
    description: str
    value: str
    placeholder: str = ""
    #: the words it takes, for a parameter with a few (a figure's ``by``)
    choices: tuple[str, ...] = ()


class Saved:
    def __init__(self, pages: Pages) -> None:
        self.pages = pages

    def index(self, request: Request) -> Response:
        saved = load_all(self.pages.site.project)
        questions = [q for q in saved.values() if not q.is_check]
        checks = [q for q in saved.values() if q.is_check]
        return self.pages.html(request, "queries.html", title="Saved queries",
                               questions=questions, checks=checks)

    def query(self, request: Request) -> Response:
        raw = request.path_params["name"]
        suffix = next((s for s in DOWNLOADS if raw.endswith(s)), None)
        name = raw[: -len(suffix)] if suffix else raw
        try:
            saved = load(self.pages.site.project, name)
        except UsageError as exc:
            raise PageError(404, str(exc)) from None
        given = {p.name: request.query_params[p.name].strip() for p in saved.params
                 if request.query_params.get(p.name, "").strip()}
        if any(len(v) > MAX_VALUE for v in given.values()):
            raise PageError(400, f"a parameter value is at most {MAX_VALUE} characters")
        if suffix is not None:
            rows = run(self.pages.store, saved, given, self.pages.lookup)
            media_type, write = DOWNLOADS[suffix]
            return Response(write(rows), 200, {
                **SECURITY_HEADERS,
                "Content-Disposition": f'attachment; filename="{name}{suffix}"'},
                media_type=media_type)
        return self.page(request, saved, given, run_it=RUN in request.query_params)

    def page(self, request: Request, saved: SavedQuery, given: dict[str, str],
             run_it: bool) -> Response:
        links = Links(request.scope.get("root_path", ""))
        fields = [Field(p.name, p.kind.doc, p.description,
                        given.get(p.name, p.default or ""),
                        "any" if p.default is None else "") for p in saved.params]
        context: dict[str, Any] = {"saved": saved, "fields": fields, "result": None,
                                      "error": None, "candidates": [], "downloads": []}
        status = 200
        if run_it:
            try:
                rows = run(self.pages.store, saved, given, self.pages.lookup)
            except AmbiguousName as exc:
                status, context["error"] = 400, str(exc)
                param = _param_of(self.pages, saved, given)
                context["candidates"] = [
                    (m.label, m.type, links.to(f"/queries/{saved.name}", {
                        **given, param: shorten(str(m.iri)), RUN: "1"}))
                    for m in exc.candidates]
            except (LookupFailed, UsageError) as exc:
                status, context["error"] = 400, str(exc)
            else:
                labels = labels_of(self.pages.store, iris_of(rows))
                context["result"] = table(rows, links, labels, [p.name for p in saved.params])
                context["jsonld"] = names_jsonld(labels.items())
                context["downloads"] = [(s[1:].upper(), links.to(f"/queries/{saved.name}{s}",
                                                                 given)) for s in DOWNLOADS]
        return self.pages.html(request, "saved_query.html", status, title=saved.title, **context)


def _param_of(pages: Pages, saved: SavedQuery, given: dict[str, str]) -> str:
    """The parameter whose name is ambiguous: the first that fails alone."""
    for p in saved.params:
        if p.kind.named and p.name in given:
            try:
                convert(p, given[p.name], pages.lookup)
            except AmbiguousName:
                return p.name
            except LookupFailed:
                continue
    return next(p.name for p in saved.params if p.kind.named)
