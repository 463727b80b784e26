"""Files ReaGroove keeps: JSON read with one-line errors, and atomic writes.

Atomic writing: a temporary file in the target folder, then a rename over the
target. A crash or an error mid-write leaves the previous file as it was.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any, BinaryIO, Callable

from .errors import InputFileError, OutputFileError, ReaGrooveError, os_problem


DATA_ENV = "REAGROOVE_DATA"


def user_data_folder() -> Path:
    """The folder of the producer's own ReaGroove data (saved patterns, the editor's lock): $REAGROOVE_DATA, else
    platformdirs' user data folder. A '~' in the variable is the home folder: quoted in a shell profile
    (REAGROOVE_DATA="~/music") the shell leaves it, and patterns were saved in a folder named '~' in the current one."""
    from platformdirs import user_data_dir

    folder = Path(os.environ.get(DATA_ENV) or user_data_dir("reagroove"))
    try:
        return folder.expanduser()
    except RuntimeError:  # '~name' of no such user: left as written, said by check_user_data_folder
        return folder


def check_user_data_folder() -> None:
    """A one-line error where $REAGROOVE_DATA names something other than a folder: the saved patterns in it were
    listed as none, and a pattern saved by name was 'no pattern named ...', the variable unsaid."""
    folder = user_data_folder()
    if os.environ.get(DATA_ENV, "").startswith("~") and str(folder).startswith("~"):
        user = str(folder)[1:].split("/", 1)[0].split(os.sep, 1)[0]
        raise ReaGrooveError(f"{DATA_ENV}={folder}: no user '{user}' on this computer for its '~': set {DATA_ENV} "
                             "to the folder for your saved patterns (~/name for one in your home folder), or unset it")
    if os.environ.get(DATA_ENV) and folder.exists() and not folder.is_dir():
        raise ReaGrooveError(f"{DATA_ENV}={folder}: a file, not a folder: set {DATA_ENV} to the folder for your "
                             "saved patterns, or unset it")


def closed_folder(path: str | os.PathLike) -> Path | None:
    """The first folder on `path` that is there but cannot be opened (no permission to enter it): no file below it
    can be read or written, whatever the file's own permissions. None where every folder opens."""
    for folder in reversed(Path(path).parents):  # the outermost first: the one that stops the way
        try:
            if folder.is_dir() and not os.access(folder, os.X_OK):
                return folder
        except OSError:
            return None
    return None


def path_problem(exc: OSError) -> str:
    """os_problem, but a permission error on a path whose folder cannot be opened names that folder: reading a file
    there was said as "permission denied (a read-only folder?)", a hint for writing."""
    closed = closed_folder(exc.filename) if isinstance(exc, PermissionError) and exc.filename is not None else None
    return f"cannot be reached: permission denied on its folder {closed}" if closed is not None else os_problem(exc)


def read_json(path: str | os.PathLike, what: str, file_format: str | None = None, *,
              error: type[InputFileError] = InputFileError) -> Any:
    """The JSON document in `path`, or an InputFileError (or the subclass `error`) naming the file and the problem.

    `what` names the kind of file for the user ("ReaGroove patterns file"); with
    `file_format` the document must be an object whose "format" is that value.
    """
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")  # a byte order mark (Windows Notepad's) is no error
    except OSError as exc:
        raise error(path, f"cannot read this {what}: {path_problem(exc)}") from None
    except UnicodeDecodeError:
        raise error(path, f"not valid JSON (a {what} is UTF-8 text)") from None
    if not text.strip():  # a 0-byte file was "not valid JSON: Expecting value: line 1 column 1 (char 0)"
        raise error(path, "file is empty")
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise error(path, f"not valid JSON: {str(exc).splitlines()[0]}") from None
    except RecursionError:  # json's parser recurses per nesting level: a damaged file of "[[[[..." ran it out
        raise error(path, "not valid JSON: nested too deeply") from None
    if file_format is not None and (not isinstance(doc, dict) or doc.get("format") != file_format):
        raise error(path, f"not a {what}")
    return doc


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new file beside `path`, made with mode 0666 so the kernel applies the umask (as open() does).

    tempfile.mkstemp would make it 0600, private to this user, and reading the umask means
    setting it, which races with other threads creating files."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue


def _temp_beside(path: Path) -> tuple[int, Path]:
    """_create_temp, its folder made first; a path that cannot be written there is an OutputFileError."""
    if path.is_dir():
        raise OutputFileError(path, "is a folder, not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _create_temp(path)
    except OSError as exc:
        raise OutputFileError(path, f"cannot write here: {os_problem(exc)}") from None


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Call `write(fh)` on a temporary binary file, then replace `path` with it.

    A path that cannot be written (a read-only folder, a folder of that name, a file where a folder
    is needed) raises OutputFileError, one line, and leaves what was there as it was."""
    path = given = Path(path)
    if path.is_symlink():  # written through the link, as an editor saves (replacing it had left its target old)
        path = Path(os.path.realpath(path))
    if path.exists() and not path.is_file() and not path.is_dir():  # a device or a pipe is never replaced
        raise OutputFileError(given, "not a regular file (a device or a pipe): not written over; give a file name")
    fd, tmp = _temp_beside(path)
    try:
        try:  # replacing a file keeps its mode
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except OSError:  # a new file (or an unreadable old one): the umask's mode
            pass
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputFileError(path, f"cannot write here: {os_problem(exc)}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def check_writable(path: str | os.PathLike) -> None:
    """Raise OutputFileError now if `path` could not be written later (a live take is not lost at its end). The
    folders it makes to check are taken away again (a session that then fails on a port leaves none behind);
    the write makes them for good."""
    made = [p for p in Path(path).absolute().parents if not p.exists()]  # deepest first
    fd, tmp = _temp_beside(Path(path))
    os.close(fd)
    tmp.unlink(missing_ok=True)
    for folder in made:
        try:
            folder.rmdir()
        except OSError:  # something else put a file there meanwhile: it stays
            break


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))


def refuse_writing_over_own_midi(outputs, option: str = "-o") -> set:
    """The outputs already there, to be said as replaced. A MIDI file ReaGroove did not write (the user's own
    drums, song or take) is refused before anything is written: `-o song.mid` replaced it unsaid; so is a folder
    where a file goes (found at writing, it had left a set of variations half written)."""
    from .midi_write import written_by_reagroove  # here: midi_write writes through this module

    for o in outputs:
        if Path(o).is_dir():
            raise OutputFileError(o, "is a folder, not a file")
    there = {Path(o) for o in outputs if Path(o).is_file() and Path(o).stat().st_size > 0}
    for o in sorted(there):
        if not written_by_reagroove(o):
            raise OutputFileError(o, "a file ReaGroove did not write (your own MIDI?): not written over; "
                                     f"move it or give {option} another name")
    return there
