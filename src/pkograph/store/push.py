"""Loading the built dataset into a SPARQL store, replacing an earlier push, all or nothing.

``pkograph push`` keeps the named graphs (every citation's graph, the provenance, ISO 3166 and
ontology graphs). Every graph whose name starts with ``https://w3id.org/pkograph/`` belongs to
pkograph: a push replaces them all and leaves other graphs alone. Two ways, by size:

- up to :data:`ATOMIC_QUADS` quads, one SPARQL Update request drops the previous version's
  graphs and inserts the new ones (``INSERT DATA``). A store that runs an update request as one
  transaction (Oxigraph, Fuseki) switches at once, and a push that fails or is killed changes
  nothing: the previous version answers exactly as before.
- above, a single request would be too large: the new version is loaded in parts under staging
  graph names (``https://w3id.org/pkograph/staging/{token}/{graph, percent-encoded}``) through
  the SPARQL 1.1 Graph Store HTTP Protocol, then one update request drops the previous version
  and moves each staging graph to its name. A failure before the switch leaves the previous
  version's graphs as they were and drops the staging graphs (or names them in the message if
  even that fails; the next push drops them). While staging graphs exist they are part of a
  union default graph: queries asking ``GRAPH ?citation`` and joining the citation's
  description are not affected, plain patterns may see the staged statements too.

The push is checked by counting the quads the store holds afterwards.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from SPARQLWrapper import POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from pkograph.iri import BASE
from pkograph.store.base import GraphStore, StoreUnavailable
from pkograph.store.remote import Credentials, RemoteStore, redact
from pkograph.terms import Quad

STAGING = f"{BASE}staging/"
#: Quads per request while loading in parts.
PART = 100_000
#: Most quads pushed in one update request (larger datasets are staged).
ATOMIC_QUADS = 500_000
Log = Callable[[str], None]


class PushFailed(Exception):
    """The push did not replace the previous version; the message says what it left."""


@dataclass(frozen=True)
class Target:
    """Where a push goes: the query endpoint, the Graph Store Protocol URL of the dataset, and
    the update endpoint."""

    endpoint: str
    graph_store: str
    update: str

    @classmethod
    def derive(cls, endpoint: str, graph_store: str | None = None,
               update: str | None = None) -> Target:
        """Oxigraph server's layout by default: ``/query``, ``/store``, ``/update``."""
        base = endpoint.removesuffix("/query") if endpoint.endswith("/query") else None
        if (graph_store is None or update is None) and base is None:
            raise PushFailed(f"give --graph-store and --update for {redact(endpoint)} (they are "
                             "derived only from an endpoint ending in /query, as Oxigraph's)")
        return cls(endpoint, graph_store or f"{base}/store", update or f"{base}/update")


@dataclass
class Pushed:
    """What a push did."""

    graphs: int
    quads: int
    dropped: int
    seconds: float


def _staging_name(token: str, graph: str) -> str:
    return f"{STAGING}{token}/{quote(graph, safe='')}"


def _nquads(quads: Iterable[Quad]) -> Iterator[bytes]:
    part: list[str] = []
    for s, p, o, g in quads:
        part.append(f"{s.n3()} {p.n3()} {o.n3()} {g.n3()} .\n")
        if len(part) >= PART:
            yield "".join(part).encode("utf-8")
            part = []
    if part:
        yield "".join(part).encode("utf-8")


class _Client:
    """Requests to the target's three URLs, with the environment's credentials."""

    def __init__(self, target: Target, credentials: Credentials, timeout: float) -> None:
        self.target, self.credentials, self.timeout = target, credentials, timeout
        self.remote = RemoteStore(target.endpoint, credentials=credentials,
                                  expect_dataset=False)

    def _authorize(self, request: urllib.request.Request) -> None:
        if self.credentials.token:
            request.add_header("Authorization", f"Bearer {self.credentials.token}")
        elif self.credentials.user:
            pair = f"{self.credentials.user}:{self.credentials.password}".encode()
            request.add_header("Authorization", "Basic " + base64.b64encode(pair).decode())

    def post_quads(self, data: bytes) -> None:
        request = urllib.request.Request(self.target.graph_store, data=data, method="POST")
        request.add_header("Content-Type", "application/n-quads")
        self._authorize(request)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise PushFailed(f"{redact(self.target.graph_store)} refused the data: HTTP "
                             f"{exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise PushFailed(f"cannot reach {redact(self.target.graph_store)}: "
                             f"{getattr(exc, 'reason', exc)}") from None

    def update(self, text: str) -> None:
        wrapper = SPARQLWrapper(self.target.endpoint, updateEndpoint=self.target.update)
        wrapper.setMethod(POST)
        wrapper.setQuery(text)
        wrapper.setTimeout(max(1, round(self.timeout)))
        if self.credentials.token:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {self.credentials.token}")
        elif self.credentials.user:
            wrapper.setCredentials(self.credentials.user, self.credentials.password)
        try:
            wrapper.query()
        except (SPARQLWrapperException, urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
            raise PushFailed(f"{redact(self.target.update)} refused the update: {reason}"
                             ) from None

    def graphs(self) -> set[str]:
        """The pkograph graphs the store holds now (staging ones included)."""
        try:
            rows = self.remote.select(
                f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                f'FILTER(STRSTARTS(STR(?g), "{BASE}")) }}')
        except StoreUnavailable as exc:
            raise PushFailed(str(exc)) from None
        return {str(r["g"]) for r in rows}

    def count(self) -> int:
        rows = self.remote.select(
            f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
            f'FILTER(STRSTARTS(STR(?g), "{BASE}") && !STRSTARTS(STR(?g), "{STAGING}")) }}')
        return int(str(rows.rows[0]["n"]))


def _drop(graphs: Iterable[str]) -> str:
    return " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in sorted(graphs))


def _clear(keep: str = "") -> str:
    """An update dropping every pkograph graph (but those under ``keep``), decided by the store
    when it runs the update, not from a list read earlier: a push racing another still leaves
    exactly one version."""
    spare = f' && !STRSTARTS(STR(?g), "{keep}")' if keep else ""
    return ("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{BASE}"){spare}) }}')


def _insert_data(quads: Iterable[Quad]) -> str:
    graphs: dict[str, list[str]] = {}
    for s, p, o, g in quads:
        graphs.setdefault(str(g), []).append(f"{s.n3()} {p.n3()} {o.n3()} .")
    return "INSERT DATA {\n" + "\n".join(
        f"GRAPH <{g}> {{\n" + "\n".join(triples) + "\n}" for g, triples in graphs.items()
    ) + "\n}"


def push(local: GraphStore, target: Target, credentials: Credentials | None = None,
         timeout: float = 600.0, log: Log = lambda _: None,
         atomic_quads: int = ATOMIC_QUADS) -> Pushed:
    """Replace the pkograph graphs of ``target`` by the quads of ``local``."""
    started = time.monotonic()
    client = _Client(target, credentials or Credentials.from_environment(), timeout)
    before = client.graphs()
    quads = list(local.quads())
    names = {str(q[3]) for q in quads}
    if len(quads) <= atomic_quads:
        try:
            client.update(f"{_clear()} ;\n{_insert_data(quads)}")
        except PushFailed as exc:
            raise PushFailed(f"{exc}; nothing was changed: the previous version is still "
                             "served") from None
        log(f"replaced {len(before)} graphs by {len(names)} in one update")
    else:
        _staged(client, quads, names, log)
    held = client.count()
    if held != len(quads):
        raise PushFailed(f"the store holds {held} pkograph quads after the push, not "
                         f"{len(quads)}")
    return Pushed(len(names), len(quads), len(before - names), time.monotonic() - started)


def _staged(client: _Client, quads: list[Quad], names: set[str], log: Log) -> None:
    """Load under staging names in parts, then switch with one update (see the docstring)."""
    token = f"{time.time_ns():x}"
    staged = [(s, p, o, type(g)(_staging_name(token, str(g)))) for s, p, o, g in quads]
    try:
        for part in _nquads(staged):
            client.post_quads(part)
        log(f"loaded {len(quads)} quads in {len(names)} graphs under staging names")
        moves = " ;\n".join(f"MOVE SILENT <{_staging_name(token, g)}> TO <{g}>"
                            for g in sorted(names))
        client.update(f"{_clear(keep=f'{STAGING}{token}/')} ;\n{moves}")
    except PushFailed as exc:
        staging = {_staging_name(token, g) for g in names}
        try:
            client.update(_drop(staging))
            left = "the staging graphs were dropped"
        except PushFailed:
            left = (f"{len(staging)} staging graphs under {STAGING}{token}/ are left (the next "
                    "push drops them)")
        raise PushFailed(f"{exc}; the previous version is still served; {left}") from None
