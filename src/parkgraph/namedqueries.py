"""Named queries: `queries/*.rq`, each with a header that says what it answers.

    # title: Targets against actuals, with the required annual growth
    # description: For each indicator of a park, the latest actual and a later target …
    #   (continued on lines that start with "#" and two spaces)
    # param: park (iri) — the park, by name or IRI (default 永川高新区)
    # compute: growthPct = cagr(actualValue, targetValue, years)

Parameter types: `iri` (a name, prefixed name or IRI, resolved to the resource),
`string`, `integer`, `decimal`, `year`; without a type, a value is taken as `auto`:
"quoted" → a string, a number → a number, anything else → a name resolved to its IRI.
`compute` lines add a column computed in Python from the row (SPARQL has no pow()).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pyoxigraph as ox

from parkgraph.errors import QueryError, UnknownName
from parkgraph.namespaces import PREFIXES

TYPE_CHECKING = False  # `typing` costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from parkgraph.query import Term

XSD = PREFIXES["xsd"]
PARAM_TYPES = ("iri", "string", "integer", "decimal", "year", "auto")
_HEADER = re.compile(r"^#\s?(title|description|param|compute):\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*(?:\((?P<type>\w+)\))?\s*(?:[—–-]+\s*)?(?P<meaning>.*?)"
    r"\s*(?:\(default:?\s*(?P<default>[^)]*)\))?\s*$"
)
_COMPUTE = re.compile(r"^(?P<out>[A-Za-z_]\w*)\s*=\s*(?P<fn>\w+)\((?P<args>[^)]*)\)\s*$")


class Param:
    __slots__ = ("default", "meaning", "name", "type")

    def __init__(self, name: str, type: str, meaning: str, default: str | None) -> None:
        self.name, self.type, self.meaning, self.default = name, type, meaning, default

    def __repr__(self) -> str:
        return f"Param({self.name}: {self.type}, default={self.default!r})"


class Compute:
    __slots__ = ("args", "function", "output")

    def __init__(self, output: str, function: str, args: list[str]) -> None:
        self.output, self.function, self.args = output, function, args


class NamedQuery:
    __slots__ = ("computes", "description", "name", "params", "path", "text", "title")

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text, self.name = path, text, path.stem
        self.title = self.description = ""
        self.params: list[Param] = []
        self.computes: list[Compute] = []
        parse_header(self)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def __repr__(self) -> str:
        return f"NamedQuery({self.name})"


def parse_header(nq: NamedQuery) -> None:
    """Fill title, description, params and computes from the leading comment block."""
    last: str | None = None
    for raw in nq.text.splitlines():
        line = raw.rstrip()
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            key, value = match.group(1), match.group(2).strip()
            last = key
            if key == "title":
                nq.title = value
            elif key == "description":
                nq.description = value
            elif key == "param":
                nq.params.append(parse_param(nq.path, value))
            else:
                nq.computes.append(parse_compute(nq.path, value))
        elif last == "description" and line.startswith("#  "):
            nq.description += " " + line[1:].strip()
        else:
            last = None
    if not nq.title:
        raise QueryError(f"{nq.path}: a named query needs a '# title:' line in its header")


def parse_param(path: Path, text: str) -> Param:
    match = _PARAM.match(text)
    if not match:
        raise QueryError(f"{path}: cannot read the parameter line {text!r}")
    kind = match.group("type") or "auto"
    if kind not in PARAM_TYPES:
        raise QueryError(f"{path}: parameter type {kind!r} is not one of {', '.join(PARAM_TYPES)}")
    default = match.group("default")
    return Param(match.group("name"), kind, match.group("meaning"), default.strip() if default else None)


def parse_compute(path: Path, text: str) -> Compute:
    match = _COMPUTE.match(text)
    if not match or match.group("fn") not in COMPUTE_FUNCTIONS:
        known = ", ".join(sorted(COMPUTE_FUNCTIONS))
        raise QueryError(f"{path}: cannot read the compute line {text!r} (functions: {known})")
    args = [a.strip().lstrip("?") for a in match.group("args").split(",") if a.strip()]
    return Compute(match.group("out"), match.group("fn"), args)


# --------------------------------------------------------------------------- finding them


def list_queries(queries_dir: Path) -> list[NamedQuery]:
    """Every named query in `queries_dir`, by name."""
    return [load_file(p) for p in sorted(queries_dir.glob("*.rq"))]


def load_file(path: Path) -> NamedQuery:
    try:
        return NamedQuery(path, path.read_text(encoding="utf-8"))
    except OSError as err:
        raise QueryError(f"{path}: cannot read ({err.strerror or err})") from None


def find_query(queries_dir: Path, name: str) -> NamedQuery:
    """The named query `name` (file stem, with or without .rq); UnknownName suggests others."""
    stem = name[:-3] if name.endswith(".rq") else name
    path = queries_dir / f"{stem}.rq"
    if path.is_file():
        return load_file(path)
    import difflib

    names = sorted(p.stem for p in queries_dir.glob("*.rq"))
    close = difflib.get_close_matches(stem, names, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise UnknownName(f"no named query {name!r} in {queries_dir}; {hint}`parkgraph queries` lists them")


# --------------------------------------------------------------------------- parameters


def bind_params(
    named: NamedQuery | None, raw: Mapping[str, str], resolve: Callable[[str], ox.NamedNode]
) -> dict[str, Term]:
    """Terms for the query's variables: given values, else the declared defaults."""
    if named is None:
        return {name: to_term(value, "auto", resolve) for name, value in raw.items()}
    for name in raw:
        if named.param(name) is None:
            takes = ", ".join(p.name for p in named.params) or "no parameters"
            raise UnknownName(f"{named.name} has no parameter {name!r}; it takes: {takes}")
    bound: dict[str, Term] = {}
    for param in named.params:
        value = raw.get(param.name, param.default)
        if value is None:
            raise QueryError(f"{named.name} needs --param {param.name}=… ({param.meaning})")
        bound[param.name] = to_term(value, param.type, resolve)
    return bound


def to_term(value: str, kind: str, resolve: Callable[[str], ox.NamedNode]) -> Term:
    """A bound term for a raw parameter value; the text is never spliced into the query."""
    value = value.strip()
    if kind == "auto":
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            return ox.Literal(value[1:-1])
        if re.fullmatch(r"[+-]?\d+", value):
            kind = "integer"
        elif re.fullmatch(r"[+-]?\d*\.\d+", value):
            kind = "decimal"
        else:
            kind = "iri"
    if kind == "iri":
        return resolve(value)
    if kind == "string":
        return ox.Literal(value)
    checks = {"integer": r"[+-]?\d+", "decimal": r"[+-]?(\d+\.?\d*|\.\d+)", "year": r"-?\d{4,}"}
    if not re.fullmatch(checks[kind], value):
        raise QueryError(f"parameter value {value!r} is not a valid {kind}")
    datatype = {"integer": "integer", "decimal": "decimal", "year": "gYear"}[kind]
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


# --------------------------------------------------------------------------- computed columns


def number(term: Term | None) -> float | None:
    if not isinstance(term, ox.Literal):
        return None
    try:
        return float(term.value)
    except ValueError:
        return None


def cagr(start: Term | None, end: Term | None, years: Term | None) -> Term | None:
    """The compound annual growth rate, in percent, that takes `start` to `end` in `years`:
    ((end / start) ** (1 / years) − 1) × 100, rounded to two decimals."""
    a, b, n = number(start), number(end), number(years)
    if a is None or b is None or n is None or a <= 0 or b <= 0 or n <= 0:
        return None
    rate = (b / a) ** (1 / n) - 1
    return ox.Literal(f"{rate * 100:.2f}", datatype=ox.NamedNode(XSD + "decimal"))


COMPUTE_FUNCTIONS: dict[str, Callable[..., Term | None]] = {"cagr": cagr}
