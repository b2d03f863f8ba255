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

import os

import pyoxigraph as ox

from parkgraph.errors import QueryError, UnknownName
from parkgraph.namespaces import PREFIXES

TYPE_CHECKING = False  # `typing` costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping  # imports collections: annotations only
    from pathlib import Path  # pathlib imports re and urllib (≈6 ms): `parkgraph query` uses os.path

    from parkgraph.query import Term

XSD = PREFIXES["xsd"]
PARAM_TYPES = ("iri", "string", "integer", "decimal", "year", "auto")
HEADER_KEYS = ("title", "description", "param", "compute")
# The header is read with string methods, not regular expressions: `re` (with enum and
# functools) costs ≈4 ms of start-up, and `parkgraph query --name` reads a header every time.
DASHES = "—–-"


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

    def __init__(self, path: Path | str, text: str) -> None:
        self.path, self.text = path, text
        self.name = os.path.splitext(os.path.basename(path))[0]
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
        field = header_field(line)
        if field:
            key, value = field
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


def header_field(line: str) -> tuple[str, str] | None:
    """`# KEY: VALUE` (at most one space after #, KEY one of HEADER_KEYS) as (KEY, VALUE)."""
    body = line[1:]
    if body[:1].isspace():
        body = body[1:]
    key, colon, value = body.partition(":")
    return (key, value.strip()) if colon and key in HEADER_KEYS else None


def is_word(text: str) -> bool:
    """One or more letters, digits or underscores (the regex \\w+)."""
    return bool(text) and all(c.isalnum() or c == "_" for c in text)


def identifier_end(text: str) -> int:
    """The length of the name at the start of `text`: an ASCII letter or _, then \\w*; 0 if none."""
    if not text or not (text[0] == "_" or (text[0].isascii() and text[0].isalpha())):
        return 0
    end = 1
    while end < len(text) and is_word(text[end]):
        end += 1
    return end


def parse_param(path: Path | str, text: str) -> Param:
    """`NAME [(TYPE)] [— MEANING] [(default VALUE)]`, e.g. `park (iri) — the park (default 永川高新区)`."""
    end = identifier_end(text)
    if not end:
        raise QueryError(f"{path}: cannot read the parameter line {text!r}")
    name, rest = text[:end], text[end:].lstrip()
    kind = "auto"
    inside, close, after = rest[1:].partition(")")
    if rest.startswith("(") and close and is_word(inside):
        kind, rest = inside, after.lstrip()
    if kind not in PARAM_TYPES:
        raise QueryError(f"{path}: parameter type {kind!r} is not one of {', '.join(PARAM_TYPES)}")
    if rest[:1] and rest[0] in DASHES:
        rest = rest.lstrip(DASHES).lstrip()
    # A default is a last "(default[:] VALUE)" with no ")" in VALUE.
    default = None
    opening = rest.find("(default", rest.rfind(")", 0, len(rest) - 1) + 1)
    if rest.endswith(")") and opening >= 0:
        value = rest[opening + len("(default") : -1].removeprefix(":").strip()
        rest, default = rest[:opening], value or None
    return Param(name, kind, rest.strip(), default)


def parse_compute(path: Path | str, text: str) -> Compute:
    """`OUTPUT = FUNCTION(ARG, …)`, e.g. `growthPct = cagr(actualValue, targetValue, years)`."""
    output, equals, call = text.partition("=")
    output, call = output.strip(), call.strip()
    function, opening, rest = call.partition("(")
    args, closing, tail = rest.partition(")")
    well_formed = equals and opening and closing and not tail.strip() and is_word(function)
    good_output = output != "" and identifier_end(output) == len(output)
    if not (well_formed and good_output) or function not in COMPUTE_FUNCTIONS:
        known = ", ".join(sorted(COMPUTE_FUNCTIONS))
        raise QueryError(f"{path}: cannot read the compute line {text!r} (functions: {known})")
    names = [a.strip().lstrip("?") for a in args.split(",") if a.strip()]
    return Compute(output, function, names)


# --------------------------------------------------------------------------- finding them


def list_queries(queries_dir: Path) -> list[NamedQuery]:
    """Every named query in `queries_dir`, by name."""
    return [load_file(p) for p in sorted(queries_dir.glob("*.rq"))]


def load_file(path: Path | str) -> NamedQuery:
    try:
        with open(path, encoding="utf-8") as fh:
            return NamedQuery(path, fh.read())
    except OSError as err:
        raise QueryError(f"{path}: cannot read ({err.strerror or err})") from None


def find_query(queries_dir: Path | str, name: str) -> NamedQuery:
    """The named query `name` (file stem, with or without .rq); UnknownName suggests others."""
    stem = name[:-3] if name.endswith(".rq") else name
    path = os.path.join(queries_dir, f"{stem}.rq")
    if os.path.isfile(path):
        return load_file(path)
    import difflib
    from pathlib import Path

    names = sorted(p.stem for p in Path(queries_dir).glob("*.rq"))
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
        if is_integer(value):
            kind = "integer"
        elif is_decimal(value, point_needed=True):
            kind = "decimal"
        else:
            kind = "iri"
    if kind == "iri":
        return resolve(value)
    if kind == "string":
        return ox.Literal(value)
    valid = {"integer": is_integer(value), "decimal": is_decimal(value), "year": is_integer(value, "-", 4)}
    if not valid[kind]:
        raise QueryError(f"parameter value {value!r} is not a valid {kind}")
    datatype = {"integer": "integer", "decimal": "decimal", "year": "gYear"}[kind]
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def unsigned(text: str, signs: str = "+-") -> str:
    """`text` without one leading sign."""
    return text[1:] if text[:1] and text[0] in signs else text


def ascii_digits(text: str) -> bool:
    """Only 0-9: full-width ３３２２ is a name to resolve, not an xsd:integer's lexical form."""
    return text.isascii() and text.isdecimal()


def is_integer(text: str, signs: str = "+-", digits: int = 1) -> bool:
    r"""[+-]?[0-9]+, or `digits` or more digits."""
    body = unsigned(text, signs)
    return len(body) >= digits and ascii_digits(body)


def is_decimal(text: str, *, point_needed: bool = False) -> bool:
    r"""[+-]?(\d+\.?\d*|\.\d+), or [+-]?\d*\.\d+ when `point_needed`."""
    whole, point, fraction = unsigned(text).partition(".")
    if point_needed or not whole:
        return bool(point) and (not whole or ascii_digits(whole)) and ascii_digits(fraction)
    return ascii_digits(whole) and (not fraction or ascii_digits(fraction))


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


# --------------------------------------------------------------------------- portability

HAVING_SOME = "HAVING (COUNT(*) > 0)"


def portability_problems(named: NamedQuery) -> list[str]:
    """Patterns known to give different answers on other engines (found with Virtuoso 7,
    Comunica 5 and rdflib 7 against pyoxigraph; tests/test_engines.py runs them all):

    * an optional or repeated path (`p?`, `p*`) from a parameter's variable: Virtuoso ignores
      the VALUES binding of the subject in the zero-length case and answers for every subject;
    * a GROUP_CONCAT, or a GROUP BY in a query with parameters, without HAVING (COUNT(*) > 0):
      over no solutions rdflib returns one empty row, and a GROUP_CONCAT over nothing is ""
      on Virtuoso and Comunica but unbound on pyoxigraph.
    """
    import re  # not on the start-up path: the tests run the lint

    text = "\n".join(strip_comment(line) for line in named.text.splitlines())
    flat = " ".join(text.split())
    problems = []
    for param in named.params:
        path = re.search(rf"\?{param.name}\s+([^\s?$][^\s]*[?*])(?=\s)", text)
        if path:
            problems.append(
                f"{named.name}: `?{param.name} {path.group(1)}`: an optional path from the parameter "
                f"?{param.name}; write the zero-length case as a UNION branch with BIND"
            )
    having = flat.count(HAVING_SOME)
    concats = flat.upper().count("GROUP_CONCAT(")
    if concats > having:
        problems.append(
            f"{named.name}: GROUP_CONCAT without {HAVING_SOME} in its (sub-)select: engines differ "
            "on an empty group (no row, an empty row, \"\" or unbound)"
        )
    elif named.params and "GROUP BY" in flat.upper() and not having:
        problems.append(
            f"{named.name}: GROUP BY without {HAVING_SOME}: rdflib answers one empty row when the "
            "parameter matches nothing"
        )
    return problems


def strip_comment(line: str) -> str:
    """`line` without a `#` comment (a `#` inside <IRI> or "string" is kept)."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "<" and ">" in line[i:] and " " not in line[i : line.index(">", i)]:
            quote = ">"
        elif ch == "#":
            return line[:i]
    return line
