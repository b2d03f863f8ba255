"""Many documents in one run: which files, where each one's Turtle goes, and the work spread
over the cores. Each file is a `Job`; running it never raises for a bad file: its `Outcome`
carries the one-line error instead, so that one unreadable file among good ones costs only
itself.

Outputs are written atomically (a temporary file beside the target, then a rename), so an
error or an interrupt never leaves a half-written .ttl; an existing output is kept unless
`force` is set, and the check is made by the rename itself (a hard link, which fails when
the name exists), so two runs racing for the same name cannot both win.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from parkgraph.errors import InputFileError, OutputError, ParkgraphError
from parkgraph.extract.reading import DEFAULT_MAX_BYTES, SUFFIXES

__all__ = ["Job", "Outcome", "collect_inputs", "plan_jobs", "run_job", "run_jobs"]

# Up to this many files the work runs in this process: a pool of two forked workers starts and
# stops in about 8 ms here, the time of two or three short articles, and shipping the jobs and
# results costs more; past a handful of files the second core wins.
IN_PROCESS_MAX = 8


@dataclass(frozen=True)
class Job:
    source: str  # the path as the user gave it (or a directory's entry)
    target: str | None  # the .ttl to write; None: hand the Turtle back (for stdout)
    force: bool = False
    title: str | None = None
    url: str | None = None
    published: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class Outcome:
    source: str
    target: str | None
    error: str | None = None  # one line, starting with the path it is about
    summary: dict[str, int] = field(default_factory=dict)
    facts: int = 0  # entities + relations + observations + codes proposed
    encoding: str = ""
    media_type: str = ""
    chars: int = 0  # length of the document's text, for speed figures
    warnings: list[str] = field(default_factory=list)
    turtle: bytes | None = None  # only when the job has no target

    @property
    def ok(self) -> bool:
        return self.error is None


def collect_inputs(arguments: list[str]) -> list[str]:
    """The files to read: each argument as given, a directory replaced by its .txt, .html,
    .htm and .pdf entries, sorted (not recursive: a folder of articles is flat). A missing
    argument stays in the list, so that it gets its own error among the others' results.
    Raises InputFileError for a directory with none of those files."""
    files: list[str] = []
    for argument in arguments:
        if not os.path.isdir(argument):
            files.append(argument)
            continue
        try:
            names = sorted(n for n in os.listdir(argument) if n.lower().endswith(SUFFIXES))
        except OSError as error:
            raise InputFileError(f"{argument}: cannot list the directory ({error.strerror or error})") \
                from None
        if not names:
            raise InputFileError(f"{argument}: no .txt, .html, .htm or .pdf files in the directory")
        files.extend(os.path.join(argument, n) for n in names)
    return files


def plan_jobs(files: list[str], *, out: str | None, out_dir: str | None, force: bool = False,
              title: str | None = None, url: str | None = None, published: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Job], list[Outcome]]:
    """(jobs, refused): one Job per file, its output `<stem>.ttl` in out_dir, or `out`, or
    none (stdout, one file only). Inputs that would write the same output are refused here."""
    from parkgraph.errors import check_output_directory

    if out is not None and out_dir is not None:
        raise OutputError("give --out FILE or --out-dir DIR, not both")
    if len(files) > 1 and out_dir is None:
        raise OutputError(f"{len(files)} input files: give --out-dir DIR for one .ttl each "
                          "(--out and stdout take one file)")
    if len(files) > 1 and (title or url or published):
        raise ParkgraphError("--title, --url and --published describe one document: give one FILE")
    if out is not None:
        if os.path.isdir(out):
            raise OutputError(f"{out}: is a directory; use --out-dir for a directory")
        check_output_directory(out)
    if out_dir is not None and not os.path.isdir(out_dir):
        if os.path.exists(out_dir):
            raise OutputError(f"{out_dir}: exists and is not a directory; give a directory to --out-dir")
        raise OutputError(f"{out_dir}: the output directory does not exist; create it first")
    jobs: list[Job] = []
    refused: list[Outcome] = []
    claimed: dict[str, str] = {}
    for source in files:
        if out_dir is not None:
            stem = os.path.splitext(os.path.basename(source))[0]
            target: str | None = os.path.join(out_dir, stem + ".ttl")
        else:
            target = out
        if target is not None and target in claimed:
            refused.append(Outcome(source, target, error=f"{source}: would write {target}, as "
                                   f"{claimed[target]} does; rename one of them"))
            continue
        if target is not None:
            claimed[target] = source
        jobs.append(Job(source, target, force, title, url, published, max_bytes))
    return jobs, refused


def run_job(job: Job) -> Outcome:
    """Read, extract and write one document. Errors become the Outcome's `error`."""
    outcome = Outcome(job.source, job.target)
    try:
        if job.target is not None and not job.force and os.path.lexists(job.target):
            raise OutputError(f"{job.target}: exists; use --force to replace it")
        from parkgraph import __version__
        from parkgraph.extract import extract_text
        from parkgraph.extract.reading import read_document
        from parkgraph.extract.writing import write_turtle

        document = read_document(job.source, title=job.title, url=job.url, published=job.published,
                                 max_bytes=job.max_bytes)
        outcome.encoding, outcome.media_type = document.encoding, document.media_type
        outcome.chars, outcome.warnings = len(document.text), list(document.warnings)
        extraction = extract_text(document)
        outcome.summary = extraction.summary()
        outcome.facts = (len(extraction.entities) + len(extraction.relations) + len(extraction.observations)
                         + len(extraction.codes))
        data = write_turtle(extraction, version=__version__).encode("utf-8")
        if job.target is None:
            outcome.turtle = data
        else:
            write_atomically(job.target, data, force=job.force)
    except ParkgraphError as error:
        outcome.error = error.message
    except Exception as error:  # a bug in a rule must not end a batch of a thousand files
        outcome.error = (f"{job.source}: the extractor failed ({type(error).__name__}: {error}); "
                         "please report it with this file")
        outcome.error = " ".join(outcome.error.split())
    return outcome


def run_jobs(jobs: list[Job], *, workers: int | None = None,
             on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Run every job, in this process for a few, else over `workers` processes (default: one
    per core). Outcomes come back, and `on_outcome` is called, in the order of `jobs`."""
    workers = workers or os.cpu_count() or 1
    outcomes: list[Outcome] = []
    for outcome in _outcomes(jobs, workers):
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return outcomes


def _outcomes(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    if workers <= 1 or len(jobs) <= IN_PROCESS_MAX:
        yield from map(run_job, jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Load the extractor before the workers are forked, so that none of them imports it again.
    import parkgraph.extract.facts
    import parkgraph.extract.reading
    import parkgraph.extract.writing  # noqa: F401

    # fork on Linux: the workers start at once with everything loaded (spawn or forkserver,
    # the defaults elsewhere and from Python 3.14, would import parkgraph anew in each).
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    workers = min(workers, len(jobs))
    # Jobs go out in chunks: one message per chunk instead of per file; small enough chunks
    # that the cores finish together and the progress bar moves.
    chunk = max(1, min(16, len(jobs) // (workers * 8)))
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield from executor.map(run_job, jobs, chunksize=chunk)
    except BrokenProcessPool:  # a worker was killed (out of memory, a crash in a C library)
        executor.shutdown(wait=True, cancel_futures=True)
        raise ParkgraphError("a worker process died (out of memory?); the files written so far are "
                             "complete; run again with --jobs 1 to find the file that kills it") from None
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


def _mode() -> int:
    """The permission bits of a new file under the current umask (mkstemp makes 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(target: str, data: bytes, *, force: bool) -> None:
    """Write `data` to `target` through a temporary file in the same directory. Without
    `force` the final step is a hard link, which fails if `target` exists meanwhile."""
    import tempfile

    directory = os.path.dirname(target) or "."
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, _mode())
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise OutputError(f"{target}: exists; use --force to replace it") from None
            except OSError:  # a file system without hard links: check, then rename
                if os.path.lexists(target):
                    raise OutputError(f"{target}: exists; use --force to replace it") from None
                os.replace(tmp, target)
                tmp = None
    except OSError as error:
        raise OutputError(f"{target}: cannot write ({error.strerror or error})") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
