"""Ctrl-C that stops a command even while pyoxigraph is inside a long query.

Python runs a signal handler only between bytecodes of the main thread, and a query that
pyoxigraph evaluates in Rust returns to Python only when it is done, so KeyboardInterrupt
would wait for the answer. pyoxigraph releases the GIL while it works, so a watcher thread
can act: the signal's C handler writes its number to a pipe (`set_wakeup_fd`), the
watcher reads it, gives the main thread a moment to stop the usual way (KeyboardInterrupt:
`Error: interrupted`, temporaries removed), and otherwise ends the process itself with the
same line and status 130. Outputs are written only after a query has finished, into a
temporary file renamed into place, so nothing half-written is left.

Imports only built-in modules (`_signal`, `_thread`, `time`; `signal` would import enum):
this runs at the start of every `parkgraph query`.
"""

from __future__ import annotations

import os

GRACE_SECONDS = 0.5
_installed = False


def stop_on_interrupt() -> None:
    """Install the watcher once per process (from the main thread of the console script)."""
    global _installed
    if _installed:
        return
    import _signal
    import _thread

    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    try:
        _signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    except ValueError:  # not the main thread: leave signals as they are
        os.close(read_end)
        os.close(write_end)
        return
    _installed = True
    _thread.start_new_thread(watch, (read_end, _signal.SIGINT))


def watch(read_end: int, sigint: int) -> None:
    import time

    while True:
        try:
            signals = os.read(read_end, 64)
        except OSError:
            return
        if not signals:
            return
        if sigint in signals:
            break
    time.sleep(GRACE_SECONDS)  # the main thread, if it runs Python, stops in this time
    import contextlib

    with contextlib.suppress(OSError):  # stderr closed: the status still says it
        os.write(2, b"Error: interrupted\n")
    os._exit(130)
