"""Writing several output files all or nothing: a failed build or export leaves every
output as it was.

Each file is written to a temporary file beside its target first. Then the targets are
committed: every old target is kept as a hard link (a copy where links are not possible),
the new files are renamed over the targets, and if any rename fails the ones already done
are undone from the kept copies. A target that is a directory is refused before anything
is written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from parkgraph.errors import OutputError


def file_mode() -> int:
    """The mode a new file gets from open() (0o666 less the umask): mkstemp makes 0o600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def check_targets(targets: list[Path], hint: str) -> None:
    """OutputError naming the first target that is a directory (a rename could not replace it)."""
    for target in targets:
        if target.is_dir():
            raise OutputError(f"{target}: is a directory, not a file; {hint}")


def write_all(directory: Path, files: dict[str, bytes], hint: str) -> list[Path]:
    """Write `files` ({name: bytes}) into the existing `directory`, all or nothing.

    `hint` ends every error message (e.g. "build stopped, dist/ left unchanged").
    """
    targets = [directory / name for name in files]
    check_targets(targets, hint)
    temps: dict[Path, Path] = {}
    mode = file_mode()
    try:
        for target, data in zip(targets, files.values(), strict=True):
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
            temps[target] = Path(name)
            with os.fdopen(fd, "wb") as fh:
                os.fchmod(fh.fileno(), mode)
                fh.write(data)
        commit(temps, hint)
    except OSError as err:
        where = getattr(err, "filename", None) or directory
        raise OutputError(f"{where}: cannot write ({err.strerror or err}); {hint}") from None
    finally:
        for leftover in temps.values():  # all renamed away on success
            with contextlib.suppress(OSError):
                leftover.unlink()
    return targets


def commit(temps: dict[Path, Path], hint: str) -> None:
    """Rename each temporary over its target; on a failure put every target back as it was."""
    if not temps:
        return
    backups = Path(tempfile.mkdtemp(prefix=".backup-", dir=next(iter(temps)).parent))
    kept: dict[Path, Path] = {}
    done: list[Path] = []
    target = next(iter(temps))
    try:
        for target in temps:
            if os.path.lexists(target):
                keep = backups / target.name
                try:
                    os.link(target, keep, follow_symlinks=False)
                except OSError:
                    shutil.copy2(target, keep, follow_symlinks=False)
                kept[target] = keep
        for target, tmp in temps.items():
            os.replace(tmp, target)
            done.append(target)
    except OSError as err:
        failed = [t for t in done if not undo(t, kept.get(t))]
        lost = f"; and {', '.join(map(str, failed))} could not be put back" if failed else f"; {hint}"
        raise OutputError(f"{target}: cannot write ({err.strerror or err}){lost}") from None
    finally:
        shutil.rmtree(backups, ignore_errors=True)


def undo(target: Path, kept: Path | None) -> bool:
    """Put `target` back as it was before the commit (absent when it was new)."""
    try:
        if kept is None:
            target.unlink()
        else:
            os.replace(kept, target)
    except OSError:
        return False
    return True
