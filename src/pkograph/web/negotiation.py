"""Content negotiation: which of the media types a resource is offered in the client prefers.

An ``Accept`` header lists media ranges with optional quality values (RFC 9110, 12.5.1):
``text/html,application/xhtml+xml;q=0.9,*/*;q=0.8``. The most specific range that matches a
type gives that type's quality; a quality of 0 refuses it; ties go to the server's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

#: Names clients use for the SPARQL and RDF media types, and the type each one means.
ALIASES: dict[str, tuple[str, ...]] = {
    "application/json": ("application/sparql-results+json", "application/ld+json"),
    "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "application/x-turtle": ("text/turtle",),
    "application/turtle": ("text/turtle",),
    "text/plain": ("application/n-triples",),
    "text/n-triples": ("application/n-triples",),
}


@lru_cache(maxsize=512)
def ranges(header: str | None) -> tuple[tuple[str, float], ...]:
    """The media ranges of an ``Accept`` header with their qualities, best first (a missing or
    empty header accepts anything).

    >>> ranges("text/html;q=0.5, application/json")
    (('application/json', 1.0), ('text/html', 0.5))
    """
    if not header or not header.strip():
        return (("*/*", 1.0),)
    found: list[tuple[str, float]] = []
    for item in header.split(","):
        media, *params = item.split(";")
        media = media.strip().lower()
        if not media:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(1.0, max(0.0, float(value)))
                except ValueError:
                    quality = 0.0
        found.append((media, quality))
    return tuple(sorted(found, key=lambda r: -r[1]))  # sorted() is stable: ties keep their order


def quality(header: str | None, media_type: str) -> float:
    """How much the client wants ``media_type``: the quality of the most specific matching range
    (an alias counts for the type it names)."""
    best, specificity = 0.0, -1
    for media, q in ranges(header):
        names = (media, *ALIASES.get(media, ()))
        if media_type in names:
            level = 2
        elif media == "*/*":
            level = 0
        elif media.endswith("/*") and media_type.startswith(media[:-1]):
            level = 1
        else:
            continue
        if level > specificity:
            best, specificity = q, level
    return best


def best(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers (the first offered on a tie), or None if it
    accepts none of them.

    >>> best("text/html;q=0.9, */*;q=0.1", ["text/turtle", "text/html"])
    'text/html'
    >>> best("application/json", ["text/turtle"]) is None
    True
    """
    chosen, top = None, 0.0
    for media_type in offered:
        q = quality(header, media_type)
        if q > top:
            chosen, top = media_type, q
    return chosen


def preferences(header: str | None) -> list[str]:
    """The media ranges the client accepts, best first, with aliases replaced by the types they
    name (for :meth:`pkograph.store.base.GraphStore.answer`, which takes the first its query's
    form can be answered in).

    >>> preferences("application/json, */*;q=0.1")
    ['application/sparql-results+json', 'application/ld+json', '*/*']
    """
    out: list[str] = []
    for media, q in ranges(header):
        if q > 0:
            out.extend(ALIASES.get(media, (media,)))
    return out
