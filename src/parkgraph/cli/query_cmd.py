"""`parkgraph query`: SPARQL from the command line.

Parsed without typer: `parkgraph.cli.main` sends `parkgraph query …` here before typer
(≈100 ms to import) is loaded, so a query starts almost as fast as a bare pyoxigraph
script. The typer app registers a pass-through `query` command that calls `main` too, so
`parkgraph --help` lists it and CliRunner tests see the same behaviour.

The options are defined once, in OPTIONS. Both readers of a command line are built from
that table: `scan` reads the usual ones, and argparse (with the re, enum and gettext it
imports, ≈12 ms of start-up) reads everything else and writes --help and usage errors.
"""

from __future__ import annotations

import os
import sys
import types

from parkgraph.errors import ParkgraphError

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

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


class Option:
    """One option of `parkgraph query`, for argparse and `scan` alike.

    `kind` is "positional" (the query), "value", "append" (repeatable), "values" (one or
    more, up to the next option) or "flag". `convert` turns the text into the value.
    """

    __slots__ = ("choices", "convert", "dest", "flags", "help", "kind", "metavar")

    def __init__(
        self,
        flags: tuple[str, ...],
        help: str,
        *,
        kind: str = "value",
        metavar: str | None = None,
        choices: tuple[str, ...] | None = None,
        convert: Callable[[str], object] | None = None,
    ) -> None:
        self.flags, self.help, self.kind = flags, help, kind
        self.metavar, self.choices, self.convert = metavar, choices, convert
        long = next((f for f in flags if f.startswith("--")), flags[0])
        self.dest = long.lstrip("-").replace("-", "_")  # as argparse names it

    def default(self) -> object:
        return False if self.kind == "flag" else [] if self.kind == "append" else None


OPTIONS: tuple[tuple[str, tuple[Option, ...]], ...] = (
    (
        "the query",
        (
            Option(("query",), "SPARQL text, or - to read it from stdin", kind="positional"),
            Option(("-f", "--file"), "read the query from FILE (.rq)"),
            Option(("-n", "--name"), "run the named query NAME from queries/ (see `parkgraph queries`)"),
            Option(
                ("-p", "--param"),
                "bind ?NAME to VALUE as a term (repeatable)",
                kind="append",
                metavar="NAME=VALUE",
            ),
        ),
    ),
    (
        "the graph (default: dist/ of the project)",
        (
            Option(("--data",), "query these RDF files instead", kind="values", metavar="FILE"),
            Option(("--store",), "query an on-disk store (see `parkgraph load`)", metavar="DIR"),
            Option(("--endpoint",), "query a remote SPARQL 1.1 endpoint", metavar="URL"),
            Option(
                ("--default-graph-uri",),
                "with --endpoint: a graph of the query's default graph (repeatable)",
                kind="append",
                metavar="IRI",
            ),
            Option(
                ("--named-graph-uri",),
                "with --endpoint: a named graph the query may use with GRAPH (repeatable)",
                kind="append",
                metavar="IRI",
            ),
            Option(("--root",), "project directory (default: found from the current directory)"),
            Option(
                ("--rebuild",),
                "rebuild dist/ first when data/ or ontology/ changed since the build",
                kind="flag",
            ),
        ),
    ),
    (
        "the answer",
        (
            Option(("--format", "-F"), "table, csv, tsv, json, xml, md | ttl, nt, jsonld", metavar="FMT"),
            Option(("--labels",), "show labels in this language instead of IRIs", choices=("zh", "en")),
            Option(("-o", "--output"), "write the answer to FILE (only on success)", metavar="FILE"),
        ),
    ),
    (
        "safety",
        (
            Option(("--allow-update",), "allow SPARQL updates (INSERT, DELETE, …)", kind="flag"),
            Option(("--allow-service",), "allow SERVICE (federated queries)", kind="flag"),
            Option(("--timeout",), "stop the query after SECONDS", metavar="SECONDS", convert=float),
        ),
    ),
)
BY_FLAG = {flag: opt for _, group in OPTIONS for opt in group for flag in opt.flags if flag[0] == "-"}


def scan(argv: list[str]) -> types.SimpleNamespace | None:
    """`argv` read as argparse reads it, for the usual command lines: options from OPTIONS
    (`--opt VALUE`, `--opt=VALUE`, `-o VALUE`, flags) and the query. None for anything else:
    -h, --, an abbreviated or unknown option, a missing or invalid value, a value that starts
    with "-", a second query …; argparse then reads the line, or reports what is wrong."""
    args = types.SimpleNamespace(**{opt.dest: opt.default() for _, group in OPTIONS for opt in group})
    query_seen, i = False, 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if not looks_like_option(arg):
            if query_seen:
                return None
            args.query, query_seen = arg, True
            continue
        flag, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        opt = BY_FLAG.get(flag)
        if opt is None or (equals and opt.kind in ("flag", "values")):
            return None
        if opt.kind == "flag":
            setattr(args, opt.dest, True)
            continue
        if opt.kind == "values":
            end = i
            while end < len(argv) and not looks_like_option(argv[end]):
                end += 1
            if end == i:
                return None
            setattr(args, opt.dest, argv[i:end])
            i = end
            continue
        if not equals:
            if i == len(argv) or looks_like_option(argv[i]):
                return None
            value = argv[i]
            i += 1
        converted: object = value
        if opt.convert is not None:
            try:
                converted = opt.convert(value)
            except ValueError:
                return None
        if opt.choices is not None and converted not in opt.choices:
            return None
        if opt.kind == "append":
            getattr(args, opt.dest).append(converted)
        else:
            setattr(args, opt.dest, converted)
    return args


def looks_like_option(arg: str) -> bool:
    return arg.startswith("-") and arg != "-"


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser, built from OPTIONS: --help, usage errors, unusual command lines."""
    import argparse

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

    parser = Parser(
        prog="parkgraph query",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    for title, options in OPTIONS:
        group = parser.add_argument_group(title)
        for opt in options:
            if opt.kind == "positional":
                group.add_argument(opt.dest, nargs="?", help=opt.help)
            elif opt.kind == "flag":
                group.add_argument(*opt.flags, action="store_true", help=opt.help)
            else:
                group.add_argument(
                    *opt.flags,
                    action="append" if opt.kind == "append" else "store",
                    nargs="+" if opt.kind == "values" else None,
                    default=opt.default(),
                    type=opt.convert or str,
                    choices=opt.choices,
                    metavar=opt.metavar,
                    help=opt.help,
                )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse `argv` (without the leading "query"), run, print; return the exit status."""
    argv = sys.argv[2:] if argv is None else argv
    args = scan(argv)
    if args is None:
        args = build_parser().parse_args(argv, namespace=types.SimpleNamespace())
    try:
        return run(args)
    except ParkgraphError as error:
        print(f"Error: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        return 130


def query_text(args: types.SimpleNamespace) -> tuple[str | None, str | None]:
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
            with open(args.file, encoding="utf-8") as fh:
                return fh.read(), None
        except OSError as err:
            raise InputFileError(f"{args.file}: cannot read the query ({err.strerror or err})") from None
        except UnicodeDecodeError:
            raise InputFileError(f"{args.file}: not UTF-8 text") from None
    if args.query == "-":
        if sys.stdin is None or sys.stdin.closed:
            raise InputFileError("-: no standard input to read the query from (stdin is closed)")
        try:
            text = sys.stdin.read()
            text.encode("utf-8")  # stdin may decode with surrogateescape: undecodable bytes fail here
        except (UnicodeDecodeError, UnicodeEncodeError):
            raise InputFileError("-: the query on standard input is not UTF-8 text") from None
        except OSError as err:
            reason = err.strerror or err
            raise InputFileError(f"-: cannot read the query from standard input ({reason})") from None
        if not text.strip():
            raise QueryError(
                "-: standard input was empty; pipe a query in, e.g. echo 'ASK {}' | parkgraph query -"
            )
        return text, None
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


def run(args: types.SimpleNamespace) -> int:
    from parkgraph.errors import QueryError
    from parkgraph.query import Source, check, run_query
    from parkgraph.results import LABELLED_FORMATS, TABLE_CELL_MAX, choose_format, render

    text, name = query_text(args)
    params = parse_params(args.param)
    sources = [s for s in (args.data, args.store, args.endpoint) if s is not None]  # '' is an error
    if len(sources) > 1:
        raise QueryError("give at most one of --data, --store and --endpoint")
    if (args.default_graph_uri or args.named_graph_uri) and args.endpoint is None:
        raise QueryError("--default-graph-uri and --named-graph-uri name the dataset of an --endpoint query")

    project = None
    if name is not None or not sources:
        from parkgraph.project import QUERIES_DIR, find_project

        project = find_project(args.root)
    query: object = text
    if name is not None:
        from parkgraph.namedqueries import find_query

        assert project is not None
        named = find_query(project.path(QUERIES_DIR), name)
        query, text = named, named.text
    assert text is not None
    qt = check(text, allow_update=args.allow_update, allow_service=args.allow_service)
    tty = args.output is None and sys.stdout.isatty()
    fmt = choose_format(args.format, is_graph=qt.is_graph, is_update=qt.is_update, tty=tty)
    if args.labels and fmt not in LABELLED_FORMATS and not qt.is_graph:
        raise QueryError(f"--labels applies to the {', '.join(LABELLED_FORMATS)} formats, not {fmt}")

    if args.data is not None:
        source = Source.files(args.data)
    elif args.store is not None:
        source = Source.store(args.store)
    elif args.endpoint is not None:
        source = Source.endpoint(
            args.endpoint, default_graphs=args.default_graph_uri, named_graphs=args.named_graph_uri
        )
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
        write_atomically(args.output, output)
    else:
        try:
            sys.stdout.write(output)
            sys.stdout.flush()
        except BrokenPipeError:  # `parkgraph query … | head`
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except UnicodeEncodeError:  # the whole answer is encoded first: nothing was written
            from parkgraph.errors import OutputError

            raise OutputError(
                f"stdout: the answer has characters that the output encoding {sys.stdout.encoding} "
                "cannot show; set PYTHONIOENCODING=utf-8 (or a UTF-8 locale), or write it with -o FILE"
            ) from None
    return 0


def ensure_dist(project: object, *, rebuild: bool) -> None:
    """dist/ must exist; when its inputs changed, rebuild (--rebuild) or say so on stderr."""
    from parkgraph.errors import InputFileError
    from parkgraph.graphsource import DIST_FILE, maybe_stale, stale_inputs
    from parkgraph.project import DIST_DIR, Project

    assert isinstance(project, Project)
    dist_file = project.path(DIST_DIR, DIST_FILE)
    built = os.path.isfile(dist_file)
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
        raise InputFileError(f"{dist_file}: no such file; run `parkgraph build` first")
    print(
        f"Warning: dist/ is out of date ({', '.join(changed)} changed since the last build); "
        "answering from the old build — run `parkgraph build`, or pass --rebuild",
        file=sys.stderr,
    )


def write_atomically(path: str, text: str) -> None:
    """Write `text` to `path` via a temporary file beside it: all or nothing."""
    from parkgraph.errors import OutputError, check_output_directory

    check_output_directory(path)
    directory, name = os.path.split(path)
    tmp = os.path.join(directory, f".{name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as err:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write ({err.strerror or err})") from None
