"""Minting of pkograph IRIs.

Every entity IRI has the form ``https://w3id.org/pkograph/id/{kind}/{slug}[/{slug}...]``; the
kind names what the thing is (``person``, ``organization``, ``assignment``...) and the slugs come
from the curated records or from the source text, never from a counter or a clock, so a rebuild
of the same data gives the same IRIs.

>>> mint("person", "Yasushi Akashi")
rdflib.term.URIRef('https://w3id.org/pkograph/id/person/yasushi-akashi')
>>> slugify("Zaïre (currently D.R. Congo)")
'zaire-currently-d-r-congo'
"""

from __future__ import annotations

import re

from rdflib import URIRef
from unidecode import unidecode

BASE = "https://w3id.org/pkograph/"
ID = BASE + "id/"

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; the readable part of an IRI."""
    slug = _NOT_SLUG.sub("-", unidecode(str(text)).lower()).strip("-")
    if not slug:
        raise ValueError(f"cannot make a slug from {text!r}")
    return slug


def mint(kind: str, *parts: str | int) -> URIRef:
    """The IRI of a thing of ``kind`` identified by ``parts`` (each slugified)."""
    if not SLUG.match(kind):
        raise ValueError(f"bad IRI kind {kind!r}")
    if not parts:
        raise ValueError("an IRI needs at least one slug")
    return URIRef(ID + kind + "/" + "/".join(slugify(str(p)) for p in parts))


def kind_of(iri: str) -> str | None:
    """The kind segment of a pkograph entity IRI, or None for other IRIs."""
    if not iri.startswith(ID):
        return None
    return iri[len(ID) :].split("/", 1)[0]
