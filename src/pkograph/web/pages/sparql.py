"""The SPARQL query page for browsers: a plain form (no script), the saved queries as
examples, and the result as a table.

The SPARQL endpoint answers ``GET /sparql`` from a browser without a query with
:func:`sparql_page`. The form sends the query to ``/query``, which runs it through the store
(the same checks as the endpoint: read-only, no SERVICE, the time limit) and shows the result
as a table, with the same result as CSV, JSON or TSV (``&format=csv``); a second button sends
it to the endpoint, ``/sparql``, for the raw protocol answer.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pkograph import output
from pkograph.queries import load, load_all
from pkograph.store.base import QueryError, Rows
from pkograph.store.results import JSON, NTRIPLES, parse_graph, parse_json
from pkograph.web.pages.context import SECURITY_HEADERS, Links, Pages
from pkograph.web.pages.errors import PageError, status_of
from pkograph.web.pages.rdf import names_jsonld
from pkograph.web.pages.tables import iris_of, labels_of, table

#: Most bytes of result the page reads; a larger result is for the endpoint to stream.
MAX_RESULT = 16 << 20
MAX_QUERY = 64 << 10
DEFAULT_QUERY = """# The people of the graph and how many posts each held
SELECT ?person ?person_label (COUNT(DISTINCT ?post) AS ?posts) WHERE {
  ?person a foaf:Person ; rdfs:label ?person_label .
  OPTIONAL { ?post org:member ?person }
}
GROUP BY ?person ?person_label
ORDER BY DESC(?posts) ?person_label
LIMIT 20
"""
DOWNLOADS = {"csv": ("text/csv", output.to_csv),
             "json": ("application/sparql-results+json", output.to_json),
             "tsv": ("text/tab-separated-values", output.to_tsv)}


def _read(chunks: Any) -> bytes:
    """The result's bytes, refused past MAX_RESULT (the store stops the query)."""
    parts, size = [], 0
    iterator = iter(chunks)
    try:
        for chunk in iterator:
            size += len(chunk)
            if size > MAX_RESULT:
                raise QueryError(f"the result is larger than {MAX_RESULT >> 20} MiB, more than a "
                                 "page shows: add a LIMIT, or ask the SPARQL endpoint")
            parts.append(chunk)
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()
    return b"".join(parts)


class QueryPage:
    def __init__(self, pages: Pages) -> None:
        self.pages = pages

    def examples(self) -> list[tuple[str, str, str]]:
        return [(q.name, q.title, q.description)
                for q in load_all(self.pages.site.project).values() if not q.is_check]

    def page(self, request: Request, text: str | None = None, status: int = 200,
             **context: Any) -> Response:
        context.setdefault("result", None)
        context.setdefault("error", None)
        context.setdefault("downloads", [])
        context.setdefault("form", None)
        return self.pages.html(request, "query.html", status, title="SPARQL query",
                               query=DEFAULT_QUERY if text is None else text,
                               examples=self.examples(), **context)

    def __call__(self, request: Request) -> Response:
        """``/query``: the form; with ``?query=``, its result; ``?example=NAME`` fills the form
        with a saved query."""
        params = request.query_params
        example = params.get("example")
        if example is not None and "query" not in params:
            saved = load(self.pages.site.project, example)
            return self.page(request, saved.text)
        text = params.get("query")
        if text is None:
            return self.page(request)
        if len(text.encode("utf-8")) > MAX_QUERY:
            raise PageError(400, f"the query is longer than {MAX_QUERY >> 10} KiB")
        fmt = params.get("format")
        if fmt is not None and fmt not in DOWNLOADS:
            raise PageError(400, f"unknown format {fmt!r}: use one of {', '.join(DOWNLOADS)}")
        try:
            answer = self.pages.store.answer(text, [JSON, NTRIPLES])
            data = _read(answer.chunks)
        except QueryError as exc:
            return self.page(request, text, status_of(exc), error=str(exc))
        links = Links(request.scope.get("root_path", ""))
        if answer.form == "graph":
            graph = parse_graph(data)
            if fmt is not None:
                raise PageError(400, "a CONSTRUCT or DESCRIBE result is RDF: ask the SPARQL "
                                "endpoint for it")
            rows = Rows(["subject", "predicate", "object"],
                        [{"subject": s, "predicate": p, "object": o}
                         for s, p, o in sorted(graph, key=lambda t: tuple(x.n3() for x in t))])
        else:
            parsed = parse_json(data)
            if isinstance(parsed, bool):
                return self.page(request, text, boolean=parsed)
            rows = parsed
        if fmt is not None:
            media_type, write = DOWNLOADS[fmt]
            return Response(write(rows), 200, {
                **SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="result.{fmt}"'},
                media_type=media_type)
        labels = labels_of(self.pages.store, iris_of(rows))
        result = table(rows, links, labels)
        downloads = ([] if answer.form == "graph" else
                     [(f.upper(), links.to("/query", {"query": text, "format": f}))
                      for f in DOWNLOADS])
        return self.page(request, text, result=result, downloads=downloads,
                         jsonld=names_jsonld(labels.items()))
