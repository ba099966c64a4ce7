"""The reports folder as a workspace shared by runs: which report names are
allowed, one run at a time per name, and the folders that interrupted runs
left behind.

* :func:`check_name` — a name is a letter or digit followed by letters,
  digits, ``_``, ``-`` or ``.`` (the whole name: a trailing newline is not
  allowed), not ending in ``.failed``, and never the name of something in the
  reports folder that is not a report (``README.md``);
* :func:`check_reports_dir` — the reports folder is a folder, or can be made;
* :func:`report_lock` — while a run writes ``<reports>/<name>/``, a second run
  of the same name stops at once with one line naming the first run's process
  (an advisory lock on ``<reports>/.lock-<name>``, released when the process
  ends, however it ends);
* :func:`clean_stale` — ``.staging-<name>-<pid>`` and ``.old-<name>-<pid>``
  folders of processes that no longer run (killed by SIGKILL, a power cut)
  are removed by the next run.

Public names: :data:`NAME_RE`, :func:`check_name`, :func:`check_reports_dir`,
:func:`report_lock`, :func:`clean_stale`.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path

from ..errors import InputError
from .spec import NAME_RE

__all__ = ["NAME_RE", "check_name", "check_reports_dir", "clean_stale", "is_report", "report_lock"]

NAME_MAX = 100
_LEFT_BEHIND = re.compile(r"\.(?:staging|old)-(?P<name>.+)-(?P<pid>\d+)")


def is_report(path: Path) -> bool:
    """True for a folder a run of this kit wrote: it holds ``manifest.json``, or
    only the label sheet that ``make label`` wrote before any report."""
    from .labelling import KEEP_FILES

    if not path.is_dir():
        return False
    if (path / "manifest.json").is_file():
        return True
    names = {p.name for p in path.iterdir()}
    return bool(names) and names <= set(KEEP_FILES)


def check_name(name: str, reports_dir: str | Path) -> str:
    """``name`` if it may name a report in ``reports_dir``; InputError otherwise."""
    if not NAME_RE.fullmatch(name) or name.endswith(".failed") or len(name) > NAME_MAX:
        raise InputError(None, f"report name {name!r}: start with a letter or digit, then use letters, "
                               f"digits, '_', '-' or '.' (at most {NAME_MAX} characters, not ending in '.failed')")
    target = Path(reports_dir) / name
    if (target.exists() or target.is_symlink()) and (target.is_symlink() or not is_report(target)):
        raise InputError(target, "exists and is not a report of this kit (no manifest.json); "
                                 "choose another --name or move it away")
    return name


def check_reports_dir(reports_dir: str | Path, create: bool = True) -> Path:
    """The reports folder, created if missing (``create``); InputError when it
    is a file, or cannot be created or written to. With ``create=False``
    nothing is made: the nearest existing folder must be writable."""
    reports_dir = Path(reports_dir)
    if reports_dir.exists() and not reports_dir.is_dir():
        raise InputError(reports_dir, "not a folder (--reports-dir must name a folder)")
    if not create:
        existing = reports_dir.absolute()
        while not existing.exists():
            existing = existing.parent
        if not existing.is_dir():
            raise InputError(reports_dir, f"cannot be created: {existing} is not a folder")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise InputError(reports_dir, "cannot write to the reports folder (permission denied)")
        return reports_dir
    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
        probe = reports_dir / f".probe-{os.getpid()}"
        probe.mkdir()
        probe.rmdir()
    except OSError as exc:
        raise InputError(reports_dir, f"cannot write to the reports folder ({exc.strerror})") from None
    return reports_dir


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:          # it exists but is not ours (PermissionError)
        return True
    return True


def clean_stale(reports_dir: str | Path, name: str) -> list[Path]:
    """Remove the staging and backup folders that runs left in ``reports_dir``:
    those of ``name`` whatever their process (call it holding ``name``'s lock,
    so no other run of it is alive), and those of any other name whose process
    is gone. Returns what was removed."""
    removed = []
    for entry in Path(reports_dir).iterdir():
        m = _LEFT_BEHIND.fullmatch(entry.name)
        if not m or not entry.is_dir() or entry.is_symlink():
            continue
        pid = int(m["pid"])
        if pid == os.getpid():
            continue
        if m["name"] == name or not _pid_alive(pid):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


@contextlib.contextmanager
def report_lock(reports_dir: str | Path, name: str):
    """Hold the lock of report ``name`` for the block; InputError at once if
    another process holds it. Where ``fcntl`` is missing (Windows) there is no
    lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    path = Path(reports_dir) / f".lock-{name}"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise InputError(Path(reports_dir) / name, f"another run (process {holder}) is writing this "
                                                       "report; wait for it to end or choose another --name") from None
        # the holder before us may have removed the file between our open and our lock
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)           # removed while still held: a waiting opener sees a new file
        os.close(fd)
