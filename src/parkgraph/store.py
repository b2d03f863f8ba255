"""An on-disk pyoxigraph store: load RDF files once, query them many times, serve them.

A store is a directory that pyoxigraph (RocksDB) writes. `parkgraph load` bulk-loads files
into it; `query --store`, `describe`, `viz --focus` and `export --store` open it read-only, so
a large graph is parsed once, not at every command; `parkgraph serve` hands it to the
`oxigraph` server, read-only.

Loading is all-or-nothing: files are loaded into a new store beside the target (a hard-link
checkpoint of the target when it already exists), which replaces the target only when every
file has loaded. A syntax error in the last line of the last file leaves the store as it was.

Imports only pyoxigraph and the standard library, so commands that open a store start fast.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from parkgraph.errors import InputFileError, OutputError
from parkgraph.rdfio import format_for, syntax_error

# Called after each file with (bytes loaded so far, total bytes, the file just loaded).
LoadProgress = Callable[[int, int, Path], None]

# RocksDB writes CURRENT (the name of the live MANIFEST) in every database directory.
STORE_MARKER = "CURRENT"
SERVER_HINT = "pip install 'parkgraph[server]'"
CHUNK_BYTES = 32 << 20  # N-Triples/N-Quads chunk size when a progress bar is shown


def is_store(directory: Path) -> bool:
    """Whether `directory` holds an oxigraph (RocksDB) store: a CURRENT file naming a
    MANIFEST that exists (a stray CURRENT alone is no store, and opening it would write
    RocksDB's LOCK and LOG into the directory before failing)."""
    marker = directory / STORE_MARKER
    if not (directory.is_dir() and marker.is_file()):
        return False
    try:
        manifest = marker.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return False
    return manifest.startswith("MANIFEST-") and "/" not in manifest and (directory / manifest).is_file()


def store_path(directory: Path | str) -> Path:
    """`directory` as a Path; an empty one is an error, not the current directory."""
    if not os.fspath(directory):
        raise InputFileError("--store '': give the store's directory (an empty path names none)")
    return Path(directory)


def open_store(directory: Path | str, read_only: bool = True) -> ox.Store:
    """The on-disk store in `directory`.

    Raises InputFileError when the directory is missing or is not a store, instead of
    letting pyoxigraph create an empty store there.
    """
    path = store_path(directory)
    if not path.is_dir():
        file = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
        if file is not None:  # `parkgraph load --store` could not make a store here either
            where = "is a file, not" if file == path else f"{file} is a file, so this cannot be"
            raise InputFileError(
                f"{path}: {where} a store directory (a store is a directory made by "
                "`parkgraph load --store DIR FILES…`)"
            )
        raise InputFileError(f"{path}: no store directory; make it with `parkgraph load --store {path}`")
    if not is_store(path):
        raise InputFileError(
            f"{path}: not a parkgraph store (no RocksDB {STORE_MARKER} file naming its MANIFEST); "
            f"create one with `parkgraph load --store {path} FILES…`"
        )
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as err:
        raise InputFileError(f"{path}: cannot open the store ({err})") from None


def load_store(directory: Path | str, files: Sequence[Path], progress: LoadProgress | None = None) -> int:
    """Bulk-load `files` (any RDF format, by extension) into the store in `directory`.

    Creates the store if the directory does not exist or is empty; adds to it otherwise.
    Returns the number of quads in the store afterwards. All or nothing: on any error
    (InputFileError, RdfSyntaxError, OutputError) the store is left as it was.
    """
    target = store_path(directory)
    paths = [Path(f) for f in files]
    for path in paths:
        format_for(path)  # an unknown extension is an error before anything is written
        if not path.is_file():
            raise InputFileError(f"{path}: no such file")
    exists = target.exists()
    if exists and not target.is_dir():
        raise InputFileError(f"{target}: is a file, not a store directory; give a new or empty directory")
    if exists and not (target.is_dir() and (is_store(target) or not any(target.iterdir()))):
        raise InputFileError(
            f"{target}: not a parkgraph store and not empty; give a new or empty directory to create one"
        )
    parent = target.resolve().parent
    blocking = next((p for p in (parent, *parent.parents) if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise OutputError(f"{target}: cannot create the store ({blocking} is a file, not a directory)")
    if not parent.is_dir():  # like every output: a missing directory is an error, not created
        raise OutputError(f"{target}: the directory {parent} does not exist; create it first")
    with load_lock(parent, target.name):
        return load_locked(target, parent, paths, progress)


def merge_into_default_graph(store: ox.Store) -> None:
    """The RDF merge of the named graphs (one per source) as the store's default graph.

    A fact two sources state is in two named graphs; pyoxigraph's union default graph is a
    multiset, so a query without GRAPH would see it twice (measured: 0.5.13, both with
    use_default_graph_as_union and with several default graphs). The default graph holds
    each triple once, as SPARQL's merge does; GRAPH queries still see the sources. One named
    graph is held in memory at a time.
    """
    for graph in list(store.named_graphs()):
        store.extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                      for q in store.quads_for_pattern(None, None, None, graph)])


def _named_triples(store: ox.Store) -> set[ox.Triple]:
    return {q.triple for q in store.quads_for_pattern(None, None, None, None)
            if not isinstance(q.graph_name, ox.DefaultGraph)}


def update_keeping_merge(store: ox.Store, update: str, prefixes: dict[str, str]) -> None:
    """Run `update`, then carry what it changed in the named graphs into the merge in the
    default graph: a triple no source states any more leaves it, a new one joins it, and what
    the update wrote to the default graph itself stays. Two passes over the named graphs:
    updates are rare next to queries."""
    before = _named_triples(store)
    store.update(update, prefixes=prefixes)
    after = _named_triples(store)
    default = ox.DefaultGraph()
    for t in before - after:
        store.remove(ox.Quad(t.subject, t.predicate, t.object, default))
    store.extend([ox.Quad(t.subject, t.predicate, t.object, default) for t in after - before])


def has_merged_default_graph(store: ox.Store) -> bool:
    """Whether the store's default graph holds triples (the merge `load` writes)."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def load_locked(target: Path, parent: Path, paths: list[Path], progress: LoadProgress | None) -> int:
    """The load itself, with the store's lock held (see `load_lock`)."""
    # A killed load leaves its copy (or the swapped-out old store) behind; with the lock held
    # no other load of this store is running, so each one is stale. A load killed between
    # its two renames left no store but the old one: that is put back, not removed.
    for name in sorted(os.listdir(parent)):
        if name.startswith(f".{target.name}.old-") and not target.exists():
            os.replace(parent / name, target)
        elif name.startswith((f".{target.name}.loading-", f".{target.name}.old-")):
            shutil.rmtree(parent / name, ignore_errors=True)
    exists = target.exists()
    staging = parent / f".{target.name}.loading-{os.getpid()}"
    try:
        if exists and is_store(target):
            # A checkpoint is hard links to the immutable files: cheap, and the original
            # stays untouched until the swap below.
            ox.Store(str(target)).backup(str(staging))
        store = ox.Store(str(staging))
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"{target}: cannot write the store ({err.strerror or err})") from None
    try:
        total = sum(p.stat().st_size for p in paths)
        done = 0
        for path in paths:
            start = done

            def report(loaded: int, path: Path = path, start: int = start) -> None:
                if progress is not None:
                    progress(start + loaded, total, path)

            bulk_load_file(store, path, report if progress is not None else None)
            done += path.stat().st_size
            report(path.stat().st_size)
        count = len(store)
        merge_into_default_graph(store)
        store.flush()
        # Compacts what bulk_load wrote: 20–30 % more load time, and queries 1.15–1.5×
        # faster at 1 M triples, 3.6–7× at 10 M (bench/scale/bench_scale.py).
        store.optimize()
        del store  # close RocksDB before the directories move
        swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


@contextlib.contextmanager
def load_lock(parent: Path, name: str) -> Iterator[None]:
    """Hold the store's lock (`.NAME.lock` beside it) for a whole load.

    Each load copies the store and swaps its copy in, so two loads at once would each keep
    only their own files (the last swap wins). The second waits for the first, then copies
    the store the first one left. The lock file is removed on release; a waiter that locked
    a file removed meanwhile tries again on the new one.
    """
    import fcntl

    path = parent / f".{name}.lock"
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise OutputError(f"{path}: cannot create the store's lock ({err.strerror or err})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def bulk_load_file(store: ox.Store, path: Path, on_bytes: Callable[[int], None] | None = None) -> None:
    """Bulk-load one file. With `on_bytes`, line-based files (N-Triples, N-Quads) go in chunks
    that end at a line break, so that a progress bar moves; syntax errors keep the file's
    own line numbers."""
    fmt = format_for(path)
    try:
        if on_bytes is None or fmt not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
            store.bulk_load(path=str(path), format=fmt)
            return
        lines_before = loaded = 0
        rest = b""
        with path.open("rb") as fh:
            while True:
                block = fh.read(CHUNK_BYTES)
                data = rest + block
                cut = len(data) if not block else data.rfind(b"\n") + 1
                chunk, rest = data[:cut], data[cut:]
                if chunk:
                    try:
                        store.bulk_load(input=chunk, format=fmt)
                    except SyntaxError as err:
                        if err.lineno is not None:
                            err.lineno += lines_before
                        raise
                    lines_before += chunk.count(b"\n")
                    loaded += len(chunk)
                    on_bytes(loaded)
                if not block:
                    break
    except SyntaxError as err:
        raise syntax_error(path, err) from None
    except OSError as err:
        raise InputFileError(f"{path}: cannot load ({err})") from None


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` (two renames; the old store is removed afterwards)."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    try:
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
    except OSError as err:
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise OutputError(f"{target}: cannot replace the store ({err.strerror or err})") from None
    shutil.rmtree(old, ignore_errors=True)


def oxigraph_server_binary() -> str:
    """The `oxigraph` server binary (the optional `server` extra), or an error saying how to get it."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise InputFileError(f"the `oxigraph` server is not installed; {SERVER_HINT}")


def serve_command(directory: Path | str, port: int = 7878, host: str = "127.0.0.1") -> list[str]:
    """The command line that serves the store in `directory` read-only over SPARQL."""
    path = Path(directory)
    if not is_store(path):
        open_store(path)  # raises the right error
    check_address(host, port)
    return [
        oxigraph_server_binary(),
        "serve-read-only",
        "--location",
        str(path),
        "--bind",
        f"{host}:{port}",
        # As in `parkgraph query`: a query without GRAPH sees every named graph (one per source),
        # from the merge `load` writes into the default graph; a store loaded before that has
        # only named graphs and is served with their union.
        *([] if has_merged_default_graph(open_store(path)) else ["--union-default-graph"]),
    ]


def check_address(host: str, port: int) -> None:
    """That `host:port` can be listened on, before the server is started: a port out of range,
    an unknown host or a port already in use is one `Error:` line here, not the server's
    own message (with a Rust backtrace when RUST_BACKTRACE is set) after "serving …"."""
    import socket

    from parkgraph.errors import EndpointError

    if not 0 < port < 65536:
        raise EndpointError(f"--port {port}: give a TCP port between 1 and 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError, ValueError) as err:
        raise EndpointError(f"--host {host!r}: cannot listen there ({err})") from None
    family, kind, proto, _, address = infos[0]
    try:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind(address)
    except OSError as err:
        raise EndpointError(
            f"{host}:{port}: cannot listen there ({err.strerror or err}); "
            "is another server using the port? try --port with another number"
        ) from None


def serve(directory: Path | str, port: int = 7878, host: str = "127.0.0.1") -> None:
    """Replace this process by `oxigraph serve-read-only` on the store (never returns)."""
    command = serve_command(directory, port, host)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)
