"""Applying a plan (reaper_plan.Plan): every write atomic, every step undone if a later one fails."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from reaper_files import ENC, InstallError, read_text

if TYPE_CHECKING:
    from reaper_plan import Plan


def writable(path: Path) -> bool:
    """os.access, plus the owner's write bit (os.access says yes to root even for a read-only file)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return True
    if os.name == "nt" and stat.S_ISDIR(mode):
        return os.access(path, os.W_OK)  # Windows ignores a folder's read-only attribute
    return os.access(path, os.W_OK) and bool(mode & stat.S_IWUSR)


def real(path: Path) -> Path:
    """A file linked elsewhere (reaper.ini kept in a dotfiles folder) is written where it is: renaming over
    the link would replace it with a copy, and the producer's own file would miss the change."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def check_writable(plan: Plan) -> None:
    folders = {real(p).parent for p in plan.writes} | {p.parent for p, _ in plan.backups} | {p.parent for p in plan.deletes}
    folders |= {p.parent for p in plan.mkdirs} | {p.parent for p in plan.rmtrees} | {p.parent for p in plan.rmdirs}
    for folder in sorted(folders):
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not writable(existing) or (existing.exists() and not os.access(existing, os.X_OK)):
            raise InstallError(f"cannot write in {existing} (permission denied); nothing was changed")
    for path in [real(p) for p in plan.writes] + plan.deletes:
        if path.exists() and not writable(path):
            raise InstallError(f"{path} is read-only; nothing was changed")


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """A temporary file beside `path`, synced, then renamed over it: never half a file. A new file gets the
    umask's mode (made 0666, as open() does; mkstemp would make it 0600) or `mode` (a deleted file put back),
    a replaced one keeps its own."""
    path = real(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.reagroove.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            if path.exists() or mode is not None:
                os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else mode)
            owned_like(tmp, path if path.exists() else path.parent)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def owned_like(path: Path, model: Path) -> None:
    """Run as root (sudo) on a producer's folder, what it writes is still theirs: a root-owned reaper.ini or
    Scripts/ReaGroove/ is one their REAPER cannot save its settings or its log into."""
    if getattr(os, "geteuid", lambda: -1)() == 0:
        st = model.stat()
        if (st.st_uid, st.st_gid) != (0, 0):
            os.chown(path, st.st_uid, st.st_gid, follow_symlinks=False)


def atomic_copy(source: Path, target: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        shutil.copy2(source, tmp)
        owned_like(Path(tmp), source)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_unchanged(plan: Plan, path: Path) -> None:
    """A file REAPER writes must still be what the plan was made from: a REAPER running meanwhile (or a sync
    tool) may have written it, and writing over that would lose what it wrote."""
    if path in plan.seen and read_text(path) != plan.seen[path]:
        raise InstallError(f"{path} changed while this ran (is REAPER running? quit it and run this again); "
                           "nothing was changed")


def dry_run(plan: Plan) -> None:
    """Check what apply checks first, and log the folders it would remove or keep, as apply logs them."""
    check_writable(plan)
    gone = set(plan.deletes) | set(plan.rmtrees)
    for folder in plan.rmdirs:
        left = sorted(p.name for p in folder.iterdir() if p not in gone) if folder.is_dir() else []
        if left:
            plan.log.append(f"kept    {plan.rel(folder)}/ (not empty: {', '.join(left[:5])})")
        else:
            gone.add(folder)
            plan.log.append(f"delete  {plan.rel(folder)}/")


def apply(plan: Plan) -> None:
    """Carry out the plan; on any failure undo what was done, then raise InstallError."""
    check_writable(plan)
    for path in [*plan.writes, *plan.deletes, *(source for source, _ in plan.backups)]:
        check_unchanged(plan, path)
    undo: list = []  # (the file it puts back or None, the step), in the order done
    try:
        for folder in plan.mkdirs:
            folder.mkdir()
            undo.append((None, lambda f=folder: f.rmdir()))
            owned_like(folder, folder.parent)
        for source, backup in plan.backups:
            check_unchanged(plan, source)
            atomic_copy(source, backup)
            undo.append((backup, lambda b=backup: b.unlink()))
        for path, text in plan.writes.items():
            check_unchanged(plan, path)
            before = path.read_bytes() if path.exists() else None
            write_atomic(path, text.encode(*ENC))
            # Undone atomically too: a crash while undoing leaves each file as it was or as written, never half.
            undo.append((path, lambda p=path, b=before: write_atomic(p, b) if b is not None else p.unlink()))
        for path in plan.deletes:
            check_unchanged(plan, path)
            before, mode = path.read_bytes(), path.stat().st_mode & 0o777
            path.unlink()
            undo.append((path, lambda p=path, b=before, m=mode: write_atomic(p, b, m)))
        for folder in plan.rmtrees:
            shutil.rmtree(folder)  # last of all: not undoable, and only ReaGroove's own folder
        for folder in plan.rmdirs:
            try:
                folder.rmdir()
            except OSError:
                left = ", ".join(sorted(p.name for p in folder.iterdir())[:5]) if folder.is_dir() else ""
                plan.log.append(f"kept    {plan.rel(folder)}/ (not empty: {left})" if left else
                                f"kept    {plan.rel(folder)}/")
            else:
                plan.log.append(f"delete  {plan.rel(folder)}/")
    except (OSError, KeyboardInterrupt, InstallError) as exc:  # Ctrl-C midway too: never half an install
        stuck = undo_all(plan, undo)
        kept = [plan.rel(b) for s, b in plan.backups if plan.rel(s) in stuck and b.exists()]
        outcome = "nothing was changed" if not stuck else (
            f"{', '.join(stuck)} could not be put back as {'they were' if len(stuck) > 1 else 'it was'}"
            + (f" (kept: {', '.join(kept)})" if kept else "") + ": run this again once there is room")
        if isinstance(exc, InstallError):
            if not stuck:
                raise
            raise InstallError(str(exc).replace("nothing was changed", outcome)) from None
        if isinstance(exc, KeyboardInterrupt):
            raise InstallError(f"interrupted (Ctrl-C); {outcome}") from None
        where = exc.filename or "a file"
        # Permissions were checked first: denied now is Windows refusing to replace a file a program holds open.
        held = " (is REAPER running? quit it and run this again)" if isinstance(exc, PermissionError) else ""
        raise InstallError(f"cannot write {where}: {exc.strerror or exc}{held}; {outcome}") from None


def undo_all(plan: Plan, undo: list) -> list[str]:
    """Undo the steps done, last first; returns the files that could not be put back (a disk still full). Their
    backups stay: the one copy left of what they were."""
    stuck: list[str] = []
    keep = set()
    for path, step in reversed(undo):
        if path in keep:
            continue
        try:
            step()
        except OSError:
            if path is not None:
                stuck.append(plan.rel(path))
                keep.update(b for s, b in plan.backups if s == path)
    return stuck
