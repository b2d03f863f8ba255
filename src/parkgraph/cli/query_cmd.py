"""`parkgraph query`: SPARQL from the command line.

Parsed with argparse, not typer: `parkgraph.cli.main` sends `parkgraph query …` here before
typer (≈100 ms to import) is loaded, so a query starts almost as fast as a bare pyoxigraph
script. The typer app registers a pass-through `query` command that calls `main` too, so
`parkgraph --help` lists it and CliRunner tests see the same behaviour.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from parkgraph.errors import ParkgraphError

DESCRIPTION = """\
Run a SPARQL query on the parkgraph graph and print the answer.

The query is given as an argument, read from a file (-f), from stdin (-), or picked by name
(--name, see `parkgraph queries`). It runs on the built graph dist/ by default, or on RDF
files (--data), an on-disk store (--store) or a SPARQL 1.1 endpoint (--endpoint).

Predeclared prefixes: pg: pgr: rdf: rdfs: owl: xsd: skos: prov: time: dcterms: schema: qb:
org: sh: void: dcat: — so `SELECT ?p WHERE { ?p a pg:Park }` just works."""

EPILOG = """\
examples:
  parkgraph query 'SELECT ?p ?label WHERE { ?p a pg:HighTechZone ; rdfs:label ?label }'
  parkgraph query --name park-overview --param park=永川高新区
  parkgraph query --name keyword --param keyword='"新材料"' --format json
  parkgraph query -f my.rq --format csv -o answer.csv
  echo 'ASK { ?p a pg:Park }' | parkgraph query -
  parkgraph query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5' --data data/sources.ttl
  parkgraph query --name clusters --endpoint http://127.0.0.1:7878/query --labels en

formats: SELECT/ASK: table (default on a terminal), csv (default in a pipe), tsv, json,
  xml, md. CONSTRUCT/DESCRIBE: ttl (default), nt, jsonld.
parameters: --param NAME=VALUE binds ?NAME to a term (never pasted into the query text): a
  name, prefixed name or <IRI> is resolved to the resource; "quoted" text is a string;
  a number is a number. Named queries declare their parameters' types and defaults.
safety: updates need --allow-update (and --store or --endpoint); SERVICE needs
  --allow-service; --timeout stops a query that runs too long.
exit status: 0 success, 2 could not run (bad query, unknown name, unreachable endpoint …)."""


class Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter imports shutil (~5 ms) to find the terminal width; os can tell."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 30) -> None:
        try:
            columns = os.get_terminal_size().columns
        except OSError:
            columns = int(os.environ.get("COLUMNS", "100") or 100)
        super().__init__(prog, indent_increment, max_help_position, width=max(columns, 60) - 2)


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One line on stderr and exit 2, like every other parkgraph error."""
        print(f"Error: {message} (see `parkgraph query --help`)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> Parser:
    parser = Parser(
        prog="parkgraph query",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    what = parser.add_argument_group("the query")
    what.add_argument("query", nargs="?", help="SPARQL text, or - to read it from stdin")
    what.add_argument("-f", "--file", type=Path, help="read the query from FILE (.rq)")
    what.add_argument("-n", "--name", help="run the named query NAME from queries/ (see `parkgraph queries`)")
    what.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to VALUE as a term (repeatable)",
    )
    where = parser.add_argument_group("the graph (default: dist/ of the project)")
    where.add_argument("--data", nargs="+", type=Path, metavar="FILE", help="query these RDF files instead")
    where.add_argument(
        "--store", type=Path, metavar="DIR", help="query an on-disk store (see `parkgraph load`)"
    )
    where.add_argument("--endpoint", metavar="URL", help="query a remote SPARQL 1.1 endpoint")
    where.add_argument(
        "--root", type=Path, help="project directory (default: found from the current directory)"
    )
    where.add_argument(
        "--rebuild",
        action="store_true",
        help="rebuild dist/ first when data/ or ontology/ changed since the build",
    )
    out = parser.add_argument_group("the answer")
    out.add_argument("--format", "-F", metavar="FMT", help="table, csv, tsv, json, xml, md | ttl, nt, jsonld")
    out.add_argument("--labels", choices=("zh", "en"), help="show labels in this language instead of IRIs")
    out.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the answer to FILE (only on success)"
    )
    safety = parser.add_argument_group("safety")
    safety.add_argument(
        "--allow-update", action="store_true", help="allow SPARQL updates (INSERT, DELETE, …)"
    )
    safety.add_argument("--allow-service", action="store_true", help="allow SERVICE (federated queries)")
    safety.add_argument("--timeout", type=float, metavar="SECONDS", help="stop the query after SECONDS")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse `argv` (without the leading "query"), run, print; return the exit status."""
    args = build_parser().parse_args(sys.argv[2:] if argv is None else argv)
    try:
        return run(args)
    except ParkgraphError as error:
        print(f"Error: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        return 130


def query_text(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """(SPARQL text, named-query name): exactly one of the four ways must be used."""
    from parkgraph.errors import InputFileError, QueryError

    given = [x for x in (args.query, args.file, args.name) if x is not None]
    if len(given) != 1:
        raise QueryError(
            "give exactly one query: as an argument, - for stdin, -f FILE or --name NAME"
            + ("" if given else " (see `parkgraph queries` for the named ones)")
        )
    if args.name is not None:
        return None, str(args.name)
    if args.file is not None:
        try:
            return Path(args.file).read_text(encoding="utf-8"), None
        except OSError as err:
            raise InputFileError(f"{args.file}: cannot read the query ({err.strerror or err})") from None
        except UnicodeDecodeError:
            raise InputFileError(f"{args.file}: not UTF-8 text") from None
    if args.query == "-":
        return sys.stdin.read(), None
    return str(args.query), None


def parse_params(items: list[str]) -> dict[str, str]:
    from parkgraph.errors import QueryError

    params: dict[str, str] = {}
    for item in items:
        name, eq, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not eq or not name.isidentifier():
            raise QueryError(f"--param {item!r}: write NAME=VALUE, e.g. --param park=永川高新区")
        params[name] = value
    return params


def run(args: argparse.Namespace) -> int:
    from parkgraph.errors import QueryError
    from parkgraph.query import Source, check, run_query
    from parkgraph.results import LABELLED_FORMATS, TABLE_CELL_MAX, choose_format, render

    text, name = query_text(args)
    params = parse_params(args.param)
    sources = [s for s in (args.data, args.store, args.endpoint) if s]
    if len(sources) > 1:
        raise QueryError("give at most one of --data, --store and --endpoint")

    project = None
    if name is not None or not sources:
        from parkgraph.project import find_project

        project = find_project(args.root)
    query: object = text
    if name is not None:
        from parkgraph.namedqueries import find_query

        assert project is not None
        named = find_query(project.queries_dir, name)
        query, text = named, named.text
    assert text is not None
    qt = check(text, allow_update=args.allow_update, allow_service=args.allow_service)
    tty = args.output is None and sys.stdout.isatty()
    fmt = choose_format(args.format, is_graph=qt.is_graph, is_update=qt.is_update, tty=tty)
    if args.labels and fmt not in LABELLED_FORMATS and not qt.is_graph:
        raise QueryError(f"--labels applies to the {', '.join(LABELLED_FORMATS)} formats, not {fmt}")

    if args.data:
        source = Source.files(args.data)
    elif args.store:
        source = Source.store(args.store)
    elif args.endpoint:
        source = Source.endpoint(args.endpoint)
    else:
        assert project is not None
        ensure_dist(project, rebuild=args.rebuild)
        source = Source.dist(project)

    result = run_query(
        source,
        query,  # type: ignore[arg-type]
        params=params,
        allow_update=args.allow_update,
        allow_service=args.allow_service,
        timeout=args.timeout,
        labels=args.labels,
        accept=fmt,
    )
    if result.kind == "update":
        print(result.message, file=sys.stderr)
        return 0
    output = render(result, fmt, max_cell=TABLE_CELL_MAX if tty else None)
    if args.output is not None:
        write_atomically(Path(args.output), output)
    else:
        try:
            sys.stdout.write(output)
            sys.stdout.flush()
        except BrokenPipeError:  # `parkgraph query … | head`
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
    return 0


def ensure_dist(project: object, *, rebuild: bool) -> None:
    """dist/ must exist; when its inputs changed, rebuild (--rebuild) or say so on stderr."""
    from parkgraph.errors import InputFileError
    from parkgraph.graphsource import DIST_FILE, maybe_stale, stale_inputs
    from parkgraph.project import Project

    assert isinstance(project, Project)
    built = (project.dist / DIST_FILE).is_file()
    if built and not maybe_stale(project):
        return
    changed = stale_inputs(project) if built else ["dist/ (not built yet)"]
    if not changed:
        return
    if rebuild:
        from parkgraph.build import build  # heavy (pyshacl); only when asked to rebuild

        print(f"rebuilding dist/: changed since the last build: {', '.join(changed)}", file=sys.stderr)
        build(project, progress=lambda msg: print(msg, file=sys.stderr))
        return
    if not built:
        raise InputFileError(f"{project.dist / DIST_FILE}: no such file; run `parkgraph build` first")
    print(
        f"Warning: dist/ is out of date ({', '.join(changed)} changed since the last build); "
        "answering from the old build — run `parkgraph build`, or pass --rebuild",
        file=sys.stderr,
    )


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` via a temporary file beside it: all or nothing."""
    from parkgraph.errors import OutputError

    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({err.strerror or err})") from None
