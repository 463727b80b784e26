"""Where `reagroove drumify IN` writes when no -o is given: IN_drums.mid beside the input, or for a folder of parts,
a folder IN_drums/ beside it.

A first try, `reagroove drumify bass.mid`, had stopped at "the following arguments are required: -o/--output". The
name is the one a folder's drums get (IN_drums.mid: models/commands._output_paths), so a re-run replaces them (said)
and the refusals stand as for any -o: never over an input, never over a MIDI file ReaGroove did not write.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

from .errors import ReaGrooveError

SUFFIX = "_drums"
HELP = "default: IN_drums.mid beside the input (a folder IN: a folder IN_drums beside it)"


def default_output(inputs: list[str]) -> str:
    """The output drumify writes to for `inputs` (as typed) without -o; ReaGrooveError where none is clear: several
    inputs or a pattern (whose drums would go where?)."""
    if len(inputs) != 1:
        raise ReaGrooveError(f"{len(inputs)} inputs: give -o, the folder for their drums (e.g. -o drums/)")
    raw = inputs[0]
    path = Path(raw)
    if not path.exists() and glob.has_magic(raw):
        raise ReaGrooveError(f"{raw}: a pattern of inputs: give -o, the folder for their drums (e.g. -o drums/)")
    if path.is_dir():  # "parts/", "." and ".." name the folder itself: its drums beside it, not inside
        whole = path.resolve()
        parent = str(whole.parent) if path.is_absolute() else os.path.relpath(whole.parent)
        return os.path.normpath(os.path.join(parent, whole.name + SUFFIX)) + os.sep
    # a file (or a name not there: the input's own check says so); a file with no suffix still gets .mid
    return str(path.with_name(path.stem + SUFFIX + ".mid"))


def fill_default_output(args, parser) -> None:
    """drumify's args.output where -o was not given (None): default_output of its inputs; where there is none, a usage
    error of drumify's `parser`, pointing at its help as the missing -o had."""
    if getattr(args, "command", None) == "drumify" and getattr(args, "output", "") is None:
        try:
            args.output = default_output(list(args.inputs))
        except ReaGrooveError as exc:
            parser.error(str(exc))


__all__ = ["HELP", "default_output", "fill_default_output"]
