"""Validation: the SHACL shapes (pySHACL) and the SPARQL checks (must return no rows).

Both report into one list of violations, each naming the offending resource, what is wrong
and, when known, the data file it is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from parkgraph.errors import InputFileError, QueryError
from parkgraph.namespaces import PREFIXES
from parkgraph.project import Project
from parkgraph.rdfio import parse_file, read_files, syntax_error
from parkgraph.sparqltext import QueryText

SH = PREFIXES["sh"]


@dataclass(frozen=True)
class Violation:
    rule: str  # the shape or the check file that found it
    focus: str
    message: str
    path: str = ""
    value: str = ""
    severity: str = "Violation"
    where: str = ""  # file:line of the focus node's first mention, when found

    def line(self) -> str:
        where = (f"{self.where}: " if self.where else "") + self.focus
        where += f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{where}: {self.message}{value} [{self.rule}]"


@dataclass
class ValidationReport:
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0
    shapes_run: bool = True
    checks_run: int = 0

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def errors(self) -> list[Violation]:
        order = sorted(self.violations, key=lambda v: (v.where or "~", v.focus, v.rule, v.path))
        return [v for v in order if v.severity == "Violation"]

    def summary(self) -> str:
        """One line: conforms, or the first violation and how many more there are."""
        if self.conforms:
            return f"conforms: {self.triples} triples, SHACL shapes and {self.checks_run} checks passed"
        errors = self.errors()
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{errors[0].line()}{more}"

    def text(self) -> str:
        lines = [v.line() for v in sorted(self.violations, key=lambda v: (v.where or "~", v.focus, v.rule))]
        n = len(self.errors())
        verdict = self.summary() if self.conforms else f"does not conform: {n} violation{'s' * (n != 1)}"
        return "\n".join([*lines, verdict])

    def locate(self, files: list[Path], root: Path | None = None) -> None:
        """Fill in each violation's file:line, the first line that mentions its focus node."""
        texts = []
        for path in files:
            try:
                texts.append((path, path.read_text(encoding="utf-8").splitlines()))
            except OSError:
                continue
        for i, v in enumerate(self.violations):
            if not v.focus or v.where:
                continue
            full = expand_short(v.focus)
            token = re.compile(rf"(?<![\w:-]){re.escape(v.focus)}(?![\w-])|<{re.escape(full)}>")
            for path, lines in texts:
                hit = next((n for n, line in enumerate(lines, 1) if token.search(line)), None)
                if hit is not None:
                    shown = path.relative_to(root) if root and path.is_relative_to(root) else path
                    self.violations[i] = replace(v, where=f"{shown}:{hit}")
                    break


def expand_short(name: str) -> str:
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES else name


def short(term: str) -> str:
    """An IRI as a prefixed name where a known prefix fits."""
    for prefix, ns in PREFIXES.items():
        if term.startswith(ns) and term != ns:
            return f"{prefix}:{term[len(ns) :]}"
    return term


def run_shapes(triples: Iterable[ox.Triple], shapes_path: Path) -> list[Violation]:
    """pySHACL over the data, with the ontology inside it (for subclass targets)."""
    import logging

    # rdflib logs a warning with a traceback for each ill-typed literal ("abc"^^xsd:integer);
    # the shapes and the ill-typed-literals check report them as violations instead.
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)
    try:
        return shape_violations(triples, shapes_path)
    finally:
        term_log.setLevel(level)


def shape_violations(triples: Iterable[ox.Triple], shapes_path: Path) -> list[Violation]:
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    data.parse(data=ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph()
    try:
        shapes.parse(shapes_path, format="turtle")
    except FileNotFoundError:
        raise InputFileError(f"{shapes_path}: no such file") from None
    except Exception as err:  # rdflib raises many types; re-parse for a positioned error
        try:
            list(ox.parse(path=str(shapes_path), format=ox.RdfFormat.TURTLE))
        except SyntaxError as syn:
            raise syntax_error(shapes_path, syn) from None
        except OSError as os_err:  # a directory, unreadable …
            reason = os_err.strerror or os_err
            raise InputFileError(f"{shapes_path}: cannot read the shapes ({reason})") from None
        raise InputFileError(f"{shapes_path}: cannot read the shapes ({err})") from None
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    sh = rdflib.Namespace(SH)
    out = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):

        def one(pred: rdflib.URIRef, node: rdflib.term.Node = result) -> str:
            value = results.value(node, pred)
            return "" if value is None else short(str(value))

        shape = results.value(result, sh.sourceShape)
        if not isinstance(shape, rdflib.URIRef):  # a property shape: name the node shape holding it
            shape = shapes.value(predicate=sh.property, object=shape)
        rule = str(shape).rsplit("#", 1)[-1] if isinstance(shape, rdflib.URIRef) else "shape"
        out.append(
            Violation(
                rule=rule,
                focus=one(sh.focusNode),
                path=one(sh.resultPath),
                value=one(sh.value),
                message=one(sh.resultMessage) or "violates the shape",
                severity=one(sh.resultSeverity).removeprefix("sh:"),
            )
        )
    return out


def run_checks(triples: Iterable[ox.Triple], check_files: list[Path]) -> list[Violation]:
    """Each check is a SELECT that returns the rows that are wrong (?focus, ?message)."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    out = []
    for path in check_files:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise InputFileError(f"{path}: cannot read the check ({err.strerror or err})") from None
        except UnicodeDecodeError:
            raise InputFileError(f"{path}: the check is not UTF-8 text") from None
        if QueryText(text).service:  # decided from the parse tree, as for `parkgraph query`
            raise QueryError(
                f"{path}: SERVICE (a call to another endpoint) is not allowed in a check; "
                "checks run on the local graph only"
            )
        try:
            rows = store.query(text, prefixes=PREFIXES)
        except SyntaxError as err:
            raise QueryError(f"{path}: {err}") from None
        if not isinstance(rows, ox.QuerySolutions):
            raise QueryError(f"{path}: a check must be a SELECT query returning ?focus and ?message")
        for row in rows:
            focus, message = row["focus"], row["message"]
            out.append(
                Violation(
                    rule=path.name,
                    focus=short(str(getattr(focus, "value", focus))) if focus is not None else "",
                    message=str(getattr(message, "value", "")) or "a check found this row",
                )
            )
    return out


def validate_triples(triples: list[ox.Triple], project: Project) -> ValidationReport:
    """Run the project's shapes and checks on `triples`."""
    checks = project.check_files()
    violations = run_shapes(triples, project.shapes) + run_checks(triples, checks)
    report = ValidationReport(violations=violations, triples=len(triples), checks_run=len(checks))
    if not report.conforms:
        report.locate([*project.data_files(), *project.ontology_files()], project.root)
    return report


def validate_files(files: list[Path], project: Project) -> ValidationReport:
    """Validate any RDF files, with the project's ontology beside them (for its terms)."""
    quads = read_files(project.ontology_files())
    for path in files:
        found = list(parse_file(path))
        if not found:  # a report that it "conforms" would mislead: there was nothing to check
            raise InputFileError(f"{path}: no triples to validate")
        quads.extend(found)
    triples = list({q.triple for q in quads})
    report = validate_triples(triples, project)
    report.locate(files)
    return report
