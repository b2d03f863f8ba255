"""`parkgraph extract`: outputs, summaries, batches with bad files among good ones, refusals,
atomic and deterministic writing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from test_extract_reading import ARTICLE, EMPTY_HTML, corpus_article, make_pdf
from typer.testing import CliRunner

from parkgraph import __version__
from parkgraph.cli import app
from parkgraph.errors import ParkgraphError
from parkgraph.extract import extract_document
from parkgraph.extract.batch import IN_PROCESS_MAX
from parkgraph.extract.model import Document, Extraction
from parkgraph.extract.writing import write_turtle

runner = CliRunner()
SUMMARY = re.compile(r"^(?P<file>.+): \d+ parks, \d+ observations, \d+ codes, \d+ titles \((?P<enc>[^)]+)\)$")


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["extract", *args])
    return result.exit_code, result.stdout, result.stderr


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error: ")]


def leftovers(directory: Path) -> list[str]:
    """Temporary files a write left behind (there must be none)."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".") or p.suffix == ".tmp")


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    """A folder with three articles: the corpus one in UTF-8 and in GB18030, and a short one."""
    folder = tmp_path / "articles"
    folder.mkdir()
    text = corpus_article().read_text(encoding="utf-8")
    (folder / ARTICLE).write_text(text, encoding="utf-8")
    (folder / "gb.txt").write_bytes(text.encode("gb18030"))
    (folder / "short.txt").write_text("永川高新区规上工业总产值突破940亿元。\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article: not picked from the folder\n", encoding="utf-8")
    return folder


def test_one_file_to_stdout_is_the_writers_turtle(articles: Path) -> None:
    code, stdout, stderr = cli(str(articles / ARTICLE))
    assert code == 0, stderr
    assert stdout == write_turtle(extract_document(str(articles / ARTICLE)), version=__version__)
    summary = stderr.splitlines()[0]
    m = SUMMARY.match(summary)
    assert m and m["file"] == str(articles / ARTICLE) and m["enc"] == "utf-8", summary


def test_detected_encoding_is_reported(articles: Path, tmp_path: Path) -> None:
    code, _, stderr = cli(str(articles / "gb.txt"), "--out", str(tmp_path / "gb.ttl"))
    assert code == 0, stderr
    assert SUMMARY.match(stderr.splitlines()[0])["enc"] == "gb18030"  # type: ignore[index]
    assert f"warning: {articles / 'gb.txt'}: decoded as GB18030 (detected, confidence " in stderr


def test_html_and_pdf_say_what_they_were(tmp_path: Path) -> None:
    from test_extract_reading import ARTICLE_HTML

    (tmp_path / "page.html").write_bytes(ARTICLE_HTML.replace("{charset}", "gbk").encode("gb18030"))
    make_pdf(tmp_path / "report.pdf", ["合肥高新区位列全国第七，较上年前进3位。"])
    out = tmp_path / "out"
    out.mkdir()
    code, _, stderr = cli(str(tmp_path / "page.html"), str(tmp_path / "report.pdf"), "--out-dir", str(out))
    assert code == 0, stderr
    found = {m["file"]: m["enc"] for m in map(SUMMARY.match, stderr.splitlines()) if m}
    assert found == {str(tmp_path / "page.html"): "html, gb18030", str(tmp_path / "report.pdf"): "pdf"}
    assert sorted(p.name for p in out.iterdir()) == ["page.ttl", "report.ttl"]


def test_a_readable_text_without_facts_warns_and_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "nothing.txt"
    path.write_text("这是一段没有任何事实的文字。\n", encoding="utf-8")
    code, stdout, stderr = cli(str(path), "--out", str(tmp_path / "nothing.ttl"))
    assert code == 0, stderr
    assert f"warning: {path}: no facts found" in stderr.splitlines()
    assert stdout == f"{tmp_path / 'nothing.ttl'}\n" and (tmp_path / "nothing.ttl").is_file()


def test_a_directory_gives_one_ttl_per_article_named_by_its_stem(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, stderr = cli(str(articles), "--out-dir", str(out))
    assert code == 0, stderr
    names = [ARTICLE.removesuffix(".txt") + ".ttl", "gb.ttl", "short.ttl"]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert stdout.splitlines() == [str(out / n) for n in sorted(names)]  # in input order: sorted
    assert len([line for line in stderr.splitlines() if SUMMARY.match(line)]) == 3


def test_existing_output_is_refused_without_force_and_replaced_with_it(articles: Path,
                                                                       tmp_path: Path) -> None:
    target = tmp_path / "a.ttl"
    target.write_text("keep me\n", encoding="utf-8")
    code, stdout, stderr = cli(str(articles / "short.txt"), "--out", str(target))
    assert code == 2 and stdout == ""
    assert errors(stderr) == [f"Error: {target}: exists; use --force to replace it"]
    assert target.read_text(encoding="utf-8") == "keep me\n"
    code, stdout, stderr = cli(str(articles / "short.txt"), "--out", str(target), "--force")
    assert code == 0, stderr
    replaced = target.read_text(encoding="utf-8")
    assert "@prefix pg:" in replaced and len(rdflib.Graph().parse(data=replaced, format="turtle")) > 0
    assert leftovers(tmp_path) == []
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # a normal file, not mkstemp's 0600


def test_a_batch_with_bad_files_extracts_the_good_ones(articles: Path, tmp_path: Path) -> None:
    # Unreadable even for root (tests run as root in CI, where chmod 000 stops nothing): a
    # dangling symlink, a FIFO (which would block a naive open), a binary file, an empty one.
    (articles / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(articles / "pipe.txt")
    (articles / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (articles / "empty.txt").write_bytes(b"")
    (articles / "noise.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    with open(articles / "huge.txt", "wb") as fh:  # 50 MB, sparse
        fh.truncate(50 * 1024 * 1024)
    (articles / "404.html").write_text(EMPTY_HTML, encoding="utf-8")
    make_pdf(articles / "scan.pdf", None)
    out = tmp_path / "out"
    out.mkdir()
    (out / "short.ttl").write_text("an older result\n", encoding="utf-8")  # exists: refused, kept
    code, stdout, stderr = cli(str(articles), "--out-dir", str(out))
    assert code == 2
    assert sorted(errors(stderr)) == sorted([
        f"Error: {articles / '404.html'}: no article text found in the HTML page",
        f"Error: {articles / 'dangling.txt'}: cannot read (No such file or directory)",
        f"Error: {articles / 'empty.txt'}: empty file (0 bytes)",
        f"Error: {articles / 'huge.txt'}: 50.0 MB is more than the 20 MB limit for one document; split it, "
        "or raise the limit with --max-size",
        f"Error: {articles / 'image.txt'}: a PNG image, not a text, HTML or PDF file",
        f"Error: {articles / 'noise.txt'}: not text in any known encoding (byte 0x80 at offset 0 is not "
        "UTF-8, and neither GB18030, Big5 nor UTF-16 explains the bytes)",
        f"Error: {articles / 'pipe.txt'}: not a regular file (a pipe, socket or device)",
        f"Error: {articles / 'scan.pdf'}: the PDF has no text layer (scanned?); run OCR first",
        f"Error: {out / 'short.ttl'}: exists; use --force to replace it",
    ])
    good = sorted([ARTICLE.removesuffix(".txt") + ".ttl", "gb.ttl"])
    assert stdout.splitlines() == [str(out / n) for n in good]
    assert sorted(p.name for p in out.iterdir()) == sorted([*good, "short.ttl"])
    assert (out / "short.ttl").read_text(encoding="utf-8") == "an older result\n"
    assert leftovers(out) == []


def test_out_dir_must_be_an_existing_directory(articles: Path, tmp_path: Path) -> None:
    code, _, stderr = cli(str(articles), "--out-dir", str(tmp_path / "missing"))
    assert code == 2
    assert stderr == f"Error: {tmp_path / 'missing'}: the output directory does not exist; create it first\n"
    assert not (tmp_path / "missing").exists()
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, stderr = cli(str(articles), "--out-dir", str(blocker))
    assert code == 2
    assert stderr == f"Error: {blocker}: exists and is not a directory; give a directory to --out-dir\n"


@pytest.mark.parametrize(("args", "needle"), [
    (["{a}", "{b}"], "2 input files: give --out-dir DIR"),
    (["{a}", "{b}", "--out", "{tmp}/x.ttl"], "2 input files: give --out-dir DIR"),
    (["{a}", "--out", "{tmp}/x.ttl", "--out-dir", "{tmp}"], "give --out FILE or --out-dir DIR, not both"),
    (["{a}", "--out", "{tmp}"], "is a directory; use --out-dir"),
    (["{a}", "--out", "{tmp}/no/x.ttl"], "does not exist; create it first"),
    (["{a}", "{b}", "--out-dir", "{tmp}", "--title", "t"], "describe one document: give one FILE"),
    (["{a}", "--published", "27.8.2024"], "--published 27.8.2024: give a date as YYYY-MM-DD"),
    (["{tmp}/nothing-here"], "nothing-here: cannot read (No such file or directory)"),
    (["{empty_dir}"], "no .txt, .html, .htm or .pdf files in the directory"),
])
def test_usage_errors_are_one_line(articles: Path, tmp_path: Path, args: list[str], needle: str) -> None:
    (tmp_path / "empty_dir").mkdir()
    values = {"a": str(articles / "short.txt"), "b": str(articles / "gb.txt"), "tmp": str(tmp_path),
              "empty_dir": str(tmp_path / "empty_dir")}
    code, stdout, stderr = cli(*(a.format(**values) for a in args))
    assert code == 2 and stdout == "", stderr
    assert len(stderr.splitlines()) == 1 and stderr.startswith("Error: ") and needle in stderr, stderr


def test_same_stem_twice_is_refused_for_the_second(articles: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(articles / "short.txt", other / "short.txt")
    out = tmp_path / "out"
    out.mkdir()
    code, _, stderr = cli(str(articles / "short.txt"), str(other / "short.txt"), "--out-dir", str(out))
    assert code == 2
    assert errors(stderr) == [f"Error: {other / 'short.txt'}: would write {out / 'short.ttl'}, as "
                              f"{articles / 'short.txt'} does; rename one of them"]
    assert (out / "short.ttl").is_file()


def test_reruns_are_byte_identical_in_process_and_in_the_pool(articles: Path, tmp_path: Path) -> None:
    many = tmp_path / "many"
    many.mkdir()
    for i in range(IN_PROCESS_MAX + 4):  # enough files for the process pool
        shutil.copy(articles / (ARTICLE if i % 2 else "gb.txt"), many / f"doc{i:02d}.txt")
    outputs = {}
    for name, jobs in (("one", "1"), ("two", "2"), ("again", "2")):
        out = tmp_path / name
        out.mkdir()
        code, _, stderr = cli(str(many), "--out-dir", str(out), "--jobs", jobs)
        assert code == 0, stderr
        outputs[name] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert len(outputs["one"]) == IN_PROCESS_MAX + 4
    assert outputs["one"] == outputs["two"] == outputs["again"]


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "parkgraph extract articles/ --out-dir candidates/" in result.stdout


def test_console_script_exit_status_and_stderr(articles: Path, tmp_path: Path) -> None:
    """The real command in a subprocess: no progress bar when stderr is not a terminal."""
    out = tmp_path / "out"
    out.mkdir()
    (articles / "empty.txt").write_bytes(b"")
    command = [sys.executable, "-m", "parkgraph", "extract", str(articles)]
    done = subprocess.run([*command, "--out-dir", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert errors(done.stderr) == [f"Error: {articles / 'empty.txt'}: empty file (0 bytes)"]
    assert "\x1b[" not in done.stderr  # no terminal escapes into a log
    assert len(list(out.iterdir())) == 3
    done = subprocess.run([*command, "--jobs", "0"], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("Error: ") and "--jobs" in done.stderr


def test_a_progress_bar_on_a_terminal_only(articles: Path, tmp_path: Path) -> None:
    """stderr on a pseudo-terminal: the bar is drawn (and cleared), the summaries still print."""
    import pty

    out = tmp_path / "out"
    out.mkdir()
    leader, follower = pty.openpty()
    command = [sys.executable, "-m", "parkgraph", "extract", str(articles), "--out-dir", str(out)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=60) == 0
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "extracting" in shown and "3/3" in shown, shown
    summaries = [line for line in shown.replace("\r", "\n").split("\n") if SUMMARY.search(line)]
    assert len(summaries) == 3, shown  # each on one line, however narrow the terminal


def test_a_failed_write_leaves_nothing_behind(articles: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from parkgraph.extract import batch

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(batch.os, "replace", full)
    monkeypatch.setattr(batch.os, "link", full)
    out = tmp_path / "out"
    out.mkdir()
    for extra in ([], ["--force"]):
        code, stdout, stderr = cli(str(articles / "short.txt"), "--out-dir", str(out), *extra)
        assert code == 2 and stdout == ""
        assert errors(stderr) == [f"Error: {out / 'short.ttl'}: cannot write (No space left on device)"]
        assert list(out.iterdir()) == []


@pytest.mark.slow
def test_the_benchmark_scores_with_the_referee(tmp_path: Path) -> None:
    """bench/extract/bench_extract.py, quality only: one .ttl per article, the referee's table."""
    corpus_article()  # the corpus is there, or a loud skip
    bench = Path(__file__).resolve().parents[1] / "bench" / "extract" / "bench_extract.py"
    done = subprocess.run([sys.executable, str(bench), "--skip-speed", "--out", str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (run_dir,) = tmp_path.glob("extract-*")
    assert len(list(run_dir.glob("*.ttl"))) == len(list(corpus_article().parent.glob("*.txt")))
    table = (tmp_path / "extract.md").read_text(encoding="utf-8")
    for category in ("obs_strict", "parks", "areas", "orgs", "clusters", "titles", "codes", "members"):
        assert f"| {category} |" in table
    assert (run_dir / "score.json").is_file()


def test_a_bug_in_a_rule_costs_only_its_file(articles: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import parkgraph.extract.facts as facts

    real = facts.extract_facts

    def fragile(document: Document) -> Extraction:
        if "940亿元" in document.text[:200]:
            raise IndexError("list index out of range")
        return real(document)

    monkeypatch.setattr(facts, "extract_facts", fragile)
    out = tmp_path / "out"
    out.mkdir()
    code, _, stderr = cli(str(articles), "--out-dir", str(out))
    assert code == 2
    assert errors(stderr) == [f"Error: {articles / 'short.txt'}: the extractor failed (IndexError: list "
                              "index out of range); please report it with this file"]
    assert sorted(p.name for p in out.iterdir()) == sorted([ARTICLE.removesuffix(".txt") + ".ttl", "gb.ttl"])


def _die(job: object) -> None:
    """A worker's end as the kernel's OOM killer leaves it (module-level: the pool pickles it)."""
    os._exit(9)


def test_a_worker_that_dies_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parkgraph.extract import batch

    monkeypatch.setattr(batch, "run_job", _die)
    jobs = [batch.Job(str(tmp_path / f"{i}.txt"), None) for i in range(IN_PROCESS_MAX + 2)]
    with pytest.raises(ParkgraphError, match=r"^a worker process died \(out of memory\?\)"):
        batch.run_jobs(jobs, workers=2)
