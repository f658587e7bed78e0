"""Contributions: new triples validated against the ontology, the shapes and the existing graph,
then added to ``data/contributed/`` all or nothing.

- ``read``: strict, safe reading of Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML, with
  the file and line of every triple;
- ``provenance``: the named graph (citation) each triple goes into;
- ``context``: the focus nodes and their neighbourhood in the existing graph;
- ``rules`` and ``vocabulary``: what the shapes cannot check (declared terms, references,
  duplicates...);
- ``consistency``: what the OWL reasoner would find contradictory (disjoint classes, ranges);
- ``validate``: all checks together, SHACL restricted to the focus nodes;
- ``report``: text, JSON and W3C SHACL reports; ``add``: the locked, atomic write.
"""

#: The reports ``validate`` and ``add`` print: for people, JSON, the W3C SHACL report.
REPORT_FORMATS = ("text", "json", "shacl")
