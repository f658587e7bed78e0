"""Which representation of a resource to send: by explicit suffix, or by the ``Accept`` header.

Every page of a thing has an HTML representation for people and RDF representations for
machines (Cool URIs for the Semantic Web, W3C): ``/id/person/yasushi-akashi`` answers with
the one the client prefers, ``/id/person/yasushi-akashi.ttl`` always with Turtle. A client that
states no preference (no header, or ``*/*``) gets HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pkograph.web.protocol import accepted


@dataclass(frozen=True)
class Representation:
    """One representation of a resource: its suffix, media type and name for people."""

    suffix: str
    media_type: str
    title: str
    #: the media types a client may ask for it by, besides ``media_type``
    aliases: tuple[str, ...] = ()
    #: True: the statements stay in the named graphs of their citations
    keeps_graphs: bool = False


HTML = Representation(".html", "text/html", "HTML", ("application/xhtml+xml",))
#: The RDF representations, in the order they are offered (Turtle first: the default for RDF).
RDF: tuple[Representation, ...] = (
    Representation(".ttl", "text/turtle", "Turtle", ("application/x-turtle",)),
    Representation(".jsonld", "application/ld+json", "JSON-LD", ("application/json",)),
    Representation(".nt", "application/n-triples", "N-Triples"),
    Representation(".rdf", "application/rdf+xml", "RDF/XML"),
    Representation(".trig", "application/trig", "TriG", keeps_graphs=True),
    Representation(".nq", "application/n-quads", "N-Quads", keeps_graphs=True),
)
ALL: tuple[Representation, ...] = (HTML, *RDF)
BY_SUFFIX = {r.suffix: r for r in ALL}


def split_suffix(path: str, offered: Sequence[Representation] = ALL,
                 ) -> tuple[str, Representation | None]:
    """The path without a representation's suffix, and that representation (None: none)."""
    for r in offered:
        if path.endswith(r.suffix):
            return path[: -len(r.suffix)], r
    return path, None


def _ranges(accept: str) -> list[tuple[float, int, int, str]]:
    """The media ranges of an Accept header (read by :func:`pkograph.web.protocol.accepted`,
    the one reader of the header) as (quality, specificity, position, range)."""
    return [(quality, 0 if media == "*/*" else 1 if media.endswith("/*") else 2, position, media)
            for position, (media, quality) in enumerate(accepted(accept)) if "/" in media]


def _quality(r: Representation, ranges: list[tuple[float, int, int, str]]) -> tuple[float, int]:
    """The quality the client gives a representation: that of the most specific range
    matching it (RFC 9110, 12.5.1), and the position of that range (earlier wins ties). A
    wildcard ``type/*`` matches the main media type only, not its aliases."""
    best: tuple[int, float, int] | None = None
    for quality, specificity, position, media in ranges:
        kind = media.split("/")[0]
        names = (r.media_type, *r.aliases)
        matches = (media in names or media == "*/*"
                   or (specificity == 1 and r.media_type.startswith(kind + "/")))
        if matches and (best is None or specificity > best[0]):
            best = (specificity, quality, position)
    return (0.0, 0) if best is None else (best[1], -best[2])


def choose(accept: str | None, offered: Sequence[Representation] = ALL,
           ) -> Representation | None:
    """The representation the client prefers, or None if it accepts none of them; without an
    Accept header, or when several are equally acceptable, the first offered (HTML)."""
    ranges = _ranges(accept or "")
    if not ranges:
        return offered[0]
    scored = [(_quality(r, ranges), -i, r) for i, r in enumerate(offered)]
    (quality, _), _, chosen = max(scored, key=lambda item: (item[0], item[1]))
    return chosen if quality > 0 else None


def link_header(base: str, offered: Sequence[Representation] = ALL) -> str:
    """The ``Link`` header naming each representation of the resource at ``base``."""
    return ", ".join(f'<{base}{r.suffix}>; rel="alternate"; type="{r.media_type}"'
                     for r in offered)
