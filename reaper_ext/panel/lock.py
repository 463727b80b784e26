"""One full editor at a time: a lock file in the user's data folder holding the open editor's process id.

Two editors linked to REAPER write the same drum track; they could be opened from the docked panel, the
"ReaGroove: Open panel" action and a terminal alike, and each entry point knew only of editors it had
started itself. The editor takes the lock as it starts (`EditorLock.acquire`, before the model loads),
the REAPER side asks `running_editor()` before starting one, so a second is refused in one line.

Light on purpose (standard library and platformdirs): REAPER's embedded Python imports it.
A lock left by an editor that is gone (a crash, a kill) is stale: its process id is looked up and the
lock taken over.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reagroove.core.errors import ReaGrooveError
from reagroove.core.files import user_data_folder

LOCK_NAME = "editor.lock"
ALREADY_OPEN = ("the full editor is already open (process {pid}): it is the window titled ReaGroove; "
                "close it to open another")


def lock_path() -> Path:
    return user_data_folder() / LOCK_NAME


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, or a process id now reused by something else, does not count)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it there
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            return bool(kernel.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it runs
        pass
    proc = Path(f"/proc/{pid}")
    if proc.is_dir():  # Linux: ended but not reaped, or the number taken by another program
        try:
            if proc.joinpath("stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                return False
            return b"reagroove" in proc.joinpath("cmdline").read_bytes().lower()
        except (OSError, IndexError):
            pass
    return True


def _holder(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return None


def running_editor(path: Path | None = None) -> int | None:
    """The process id of the open editor, None if there is none (no lock, or a stale one)."""
    pid = _holder(path or lock_path())
    return pid if pid is not None and _alive(pid) else None


class EditorLock:
    """Held while this process's editor is open; `release()` (also at exit) gives it up."""

    def __init__(self, path: Path):
        self.path = path

    @classmethod
    def acquire(cls, path: Path | None = None) -> "EditorLock":
        """Take the lock, or raise EditorOpen if another editor holds it. This process or its parent (the
        `reagroove` launcher on Windows) holding it counts as ours."""
        path = path or lock_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        ours = {os.getpid(), os.getppid()}
        for _ in range(3):
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)  # atomic: two starting at once
            except FileExistsError:
                pid = _holder(path)
                if pid is not None and pid not in ours and _alive(pid):
                    raise EditorOpen(ALREADY_OPEN.format(pid=pid)) from None
                try:  # stale, unreadable or ours: taken over
                    path.unlink()
                except FileNotFoundError:
                    pass
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(f"{os.getpid()}\n")
            lock = cls(path)
            import atexit

            atexit.register(lock.release)
            return lock
        raise EditorOpen(f"cannot take the editor's lock {path}: remove it if no editor is open")

    def release(self) -> None:
        if _holder(self.path) == os.getpid():  # never another editor's, taken over after this one was stale
            try:
                self.path.unlink()
            except OSError:
                pass


class EditorOpen(ReaGrooveError):
    """Another editor is open (one line for the producer; the CLI's exit code 2)."""
