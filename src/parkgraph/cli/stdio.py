"""Standard streams that misbehave: closed, full, gone, or a terminal to protect.

On the start-up path of every command (`parkgraph query` included): imports only what the
interpreter has loaded already (os, sys, io).
"""

from __future__ import annotations

import io
import os
import sys

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides
# and isolates: on a terminal a label holding them could clear the screen, retitle the
# window or reorder what is shown ("gnp.exe" as "exe.png"). Shown as \xNN / \uNNNN.
CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F)]
CONTROLS += [*range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]


class Closed:
    """Whether writes to a stdout that was closed at start-up still raise (see `abandon_stdout`)."""

    armed = True


def closed_output() -> io.RawIOBase:
    """Stands for a stdout that was closed when the process started: writing to it is an
    error (EBADF) until `abandon_stdout`, then everything written is dropped. (A class made
    here, not at import: subclassing io's ABCs costs start-up time on every command.)"""

    class ClosedOutput(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data: object) -> int:
            if Closed.armed:
                raise OSError(9, "stdout is closed")
            return len(data)  # type: ignore[arg-type]

    return ClosedOutput()


def guard_stdio() -> None:
    """Before anything runs: a closed stderr goes to the null device (otherwise `print(…,
    file=sys.stderr)` would print to stdout, and the next file opened would take fd 2); a
    closed stdout keeps fd 1 taken by the null device and makes writes to it an error."""
    if sys.stderr is None:
        occupy(2)
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the process's life)
    if sys.stdout is None:
        occupy(1)
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(closed_output()), encoding="utf-8")


def occupy(fd: int) -> None:
    """Put the null device on the closed descriptor `fd`."""
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def abandon_stdout() -> None:
    """stdout failed (a reader gone, a full disk, closed): send what is still buffered, and
    everything later, to the null device, so that no flush fails again at exit."""
    Closed.armed = False
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no descriptor (a ClosedOutput): writes are dropped already
        pass


def write_error(error: OSError) -> str:
    """The `Error:` line for a failed write to stdout."""
    return f"Error: stdout: cannot write the answer ({error.strerror or error})"


def on_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (OSError, ValueError):
        return False


_TABLE: dict[int, str] | None = None


def terminal_safe(text: str) -> str:
    """`text` with control and bidi characters shown as escapes (\\x1b, \\u202e)."""
    global _TABLE
    if text.isascii() and text.isprintable():
        return text
    if _TABLE is None:
        _TABLE = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in CONTROLS}
    return text.translate(_TABLE)


def not_utf8(error: UnicodeEncodeError) -> str:
    """What to say when text holds bytes that are not UTF-8 (Python keeps such argument or
    file-name bytes as lone surrogates, which no output can encode)."""
    around = error.object[max(0, error.start - 20) : error.end + 20]
    shown = around.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return (
        f"text that is not UTF-8 ({shown!r}): give command-line text (names, titles, queries, "
        "user names) in UTF-8"
    )
