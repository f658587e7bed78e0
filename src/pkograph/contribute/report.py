"""A contribution's validation outcome for people (text), programs (JSON) and SHACL tools.

The text report has one line per finding, ``file:line: Severity: message (focus ...; path ...;
value ...) [rule: ...]``, IRIs shortened to the project's prefixes. The JSON report has the same
fields. The SHACL report is the W3C ``sh:ValidationReport`` of the focus nodes, in Turtle: the
shapes' results as pyshacl gives them, and a result for each finding of the contribution rules
(``sh:sourceShape pkosh:<Rule>``, ``sh:sourceConstraintComponent
pkosh:ContributionRuleComponent``) and of the quality-check queries.
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH

from pkograph.contribute import REPORT_FORMATS
from pkograph.contribute.findings import CONTRIBUTION_COMPONENT, Located, path_text
from pkograph.contribute.validate import Outcome
from pkograph.namespaces import PREFIXES, SHAPES
from pkograph.output import term_text
from pkograph.text import printable

FORMATS = REPORT_FORMATS


def _fields(item: Located, report: Graph) -> dict[str, Any]:
    f = item.finding
    return {
        "file": item.origin.file if item.origin else None,
        "line": item.origin.line if item.origin else None,
        "severity": f.severity,
        "focus": term_text(f.focus),
        "path": path_text(f.path, report) or None,
        "value": term_text(f.value) if f.value is not None else None,
        "message": f.message,
        "rule": f.rule,
    }


def summary(outcome: Outcome) -> str:
    n = len(outcome.violations)
    others = len(outcome.findings) - n
    verdict = "conforms" if outcome.conforms else f"{n} violation{'s' if n != 1 else ''}"
    extra = f", {others} other finding{'s' if others != 1 else ''}" if others else ""
    return (f"{len(outcome.delta.statements)} triples in {len(outcome.delta.files)} file(s), "
            f"{len(outcome.focus)} focus nodes: {verdict}{extra}")


def text(outcome: Outcome) -> str:
    lines = []
    for item in outcome.findings:
        d = _fields(item, outcome.report)
        where = f"{d['file']}:{d['line']}" if d["file"] else "(existing graph)"
        parts = [f"focus {d['focus']}"]
        if d["path"]:
            parts.append(f"path {d['path']}")
        if d["value"]:
            parts.append(f"value {d['value']}")
        lines.append(printable(f"{where}: {d['severity']}: {d['message']} "
                               f"({'; '.join(parts)}) [rule: {d['rule']}]"))
    lines.append(printable(summary(outcome)))
    return "\n".join(lines) + "\n"


def as_json(outcome: Outcome) -> str:
    return json.dumps({
        "conforms": outcome.conforms,
        "files": outcome.delta.files,
        "triples": len(outcome.delta.statements),
        "focus_nodes": len(outcome.focus),
        "violations": len(outcome.violations),
        "findings": [_fields(item, outcome.report) for item in outcome.findings],
    }, indent=2, ensure_ascii=False) + "\n"


def shacl_report(outcome: Outcome) -> Graph:
    """The W3C validation report of the whole outcome (see the module docstring)."""
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    graph.bind("sh", SH)
    graph.bind("pkosh", SHAPES)
    reports = list(outcome.report.subjects(RDF.type, SH.ValidationReport))
    node = reports[0] if reports else BNode()
    for triple in outcome.report:
        if triple[1] != SH.conforms:
            graph.add(triple)
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(outcome.conforms)))
    for item in outcome.findings:
        f = item.finding
        if not f.rule.startswith(("contribution/", "queries/")):
            continue  # a result of the shapes, already in pyshacl's report
        result = BNode()
        graph.add((node, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, f.focus))
        graph.add((result, SH.resultSeverity, SH[f.severity]))
        graph.add((result, SH.resultMessage, Literal(f.message)))
        graph.add((result, SH.sourceConstraintComponent, CONTRIBUTION_COMPONENT))
        graph.add((result, SH.sourceShape, SHAPES[f.rule.split("/", 1)[1]]))
        if f.path is not None:
            graph.add((result, SH.resultPath, f.path))
        if f.value is not None:
            graph.add((result, SH.value, f.value))
    return graph


def render(outcome: Outcome, fmt: str) -> str:
    if fmt == "json":
        return as_json(outcome)
    if fmt == "shacl":
        return shacl_report(outcome).serialize(format="turtle")
    return text(outcome)
