"""Findings about a contribution, each with the file and line of the triple it concerns.

SHACL results come from ``pkograph.shacl``; the rules SHACL cannot express (declared terms,
references, citations, duplicates...) produce findings of the same form, named
``contribution/<Rule>`` and, in the W3C report, ``pkosh:<Rule>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from pkograph.contribute.read import Statement
from pkograph.namespaces import SHAPES
from pkograph.output import term_text
from pkograph.records import Origin
from pkograph.shacl import Finding

#: The sh:sourceConstraintComponent of the results of the contribution rules.
CONTRIBUTION_COMPONENT = SHAPES["ContributionRuleComponent"]


@dataclass(frozen=True)
class Located:
    """A finding and the place in the contributed files it comes from (None: the graph)."""

    finding: Finding
    origin: Origin | None

    @property
    def is_violation(self) -> bool:
        return self.finding.severity == "Violation"

    def sort_key(self) -> tuple[str, int, str, str, str]:
        f = self.finding
        where = (self.origin.file, self.origin.line) if self.origin else ("~", 0)
        return (*where, str(f.focus), f.rule, str(f.value))


def contribution_finding(rule: str, focus: Node, path: Node | None, value: Node | None,
                         origin: Origin | None, message: str,
                         severity: str = "Violation") -> Located:
    """A finding of one of the contribution rules."""
    return Located(Finding(focus=focus, path=path, value=value, message=message,
                           severity=severity, shape=SHAPES[rule], constraint=rule,
                           rule=f"contribution/{rule}"), origin)


def path_text(path: Node | None, report: Graph) -> str:
    """A result path as text: ``pko:quantity``, or ``^pko:hasItemLine`` for an inverse path."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return term_text(path)
    inverse = report.value(path, SH.inversePath)
    return f"^{term_text(inverse)}" if inverse is not None else "(path)"


def finding_key(finding: Finding, report: Graph) -> tuple[str, str, str, str]:
    """What identifies a finding across runs (a path's blank node differs from run to run)."""
    return (str(finding.focus), path_text(finding.path, report), str(finding.value),
            finding.constraint)


class StatementIndex:
    """Where the statements of a contribution were written, by triple, subject and object."""

    def __init__(self, statements: list[Statement]) -> None:
        self._triple: dict[tuple[Node, Node, Node], Origin] = {}
        self._subject: dict[Node, Origin] = {}
        self._object: dict[Node, Origin] = {}
        for st in statements:
            self._triple.setdefault(st.triple, st.origin)
            self._subject.setdefault(st.subject, st.origin)
            self._object.setdefault(st.object, st.origin)

    def locate(self, finding: Finding, report: Graph) -> Origin | None:
        """The statement a SHACL result is about; else where its focus node is described."""
        focus, path, value = finding.focus, finding.path, finding.value
        if isinstance(path, URIRef) and value is not None:
            origin = self._triple.get((focus, path, value))
            if origin:
                return origin
        if path is not None and not isinstance(path, URIRef):
            inverse = report.value(path, SH.inversePath)
            if inverse is not None and value is not None:
                origin = self._triple.get((value, inverse, focus))
                if origin:
                    return origin
        return self._subject.get(focus) or self._object.get(focus)
