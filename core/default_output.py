"""Where `reagroove drumify IN` writes when no -o is given: IN_drums.mid beside the input, or for a folder of parts,
a folder IN_drums/ beside it.

A first try, `reagroove drumify bass.mid`, had stopped at "the following arguments are required: -o/--output". The
name is the one a folder's drums get (IN_drums.mid: models/commands._output_paths), so a re-run replaces them (said)
and the refusals stand as for any -o: never over an input, never over a MIDI file ReaGroove did not write. A run with
--bars 9-12 writes IN_drums_bars9-12.mid: under the plain name, redoing one section replaced the whole song's drums
with its 4 bars.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

from .errors import ReaGrooveError

SUFFIX = "_drums"
HELP = ("default: IN_drums.mid beside the input (a folder IN: a folder IN_drums beside it; with --bars 9-12: "
        "IN_drums_bars9-12.mid)")


def _bars_suffix(bars: str | None) -> str:
    """'_bars9-12' for --bars 9-12 ('_bars5' for 5, '_bars5-end' for 5-, '_bars1-8' for -8); '' without --bars, or
    for a range drumify refuses anyway (its own error says what is wrong with it)."""
    if not bars:
        return ""
    import argparse

    from .options import bar_range

    try:
        first, last = bar_range(bars)
    except argparse.ArgumentTypeError:
        return ""
    return f"_bars{first}" + ("" if last == first else f"-{'end' if last is None else last}")


def default_output(inputs: list[str], bars: str | None = None) -> str:
    """The output drumify writes to for `inputs` (as typed) without -o, `bars` its --bars as typed; ReaGrooveError
    where none is clear: several inputs or a pattern (whose drums would go where?)."""
    if len(inputs) != 1:
        raise ReaGrooveError(f"{len(inputs)} inputs: give -o, the folder for their drums (e.g. -o drums/)")
    raw = inputs[0]
    path = Path(raw)
    if not path.exists() and glob.has_magic(raw):
        raise ReaGrooveError(f"{raw}: a pattern of inputs: give -o, the folder for their drums (e.g. -o drums/)")
    suffix = SUFFIX + _bars_suffix(bars)
    if path.is_dir():  # "parts/", "." and ".." name the folder itself: its drums beside it, not inside
        whole = path.resolve()
        parent = str(whole.parent) if path.is_absolute() else os.path.relpath(whole.parent)
        return os.path.normpath(os.path.join(parent, whole.name + suffix)) + os.sep
    # a file (or a name not there: the input's own check says so); a file with no suffix still gets .mid
    return str(path.with_name(path.stem + suffix + ".mid"))


def fill_default_output(args, parser) -> None:
    """drumify's args.output where -o was not given (None): default_output of its inputs; where there is none, a usage
    error of drumify's `parser`, pointing at its help as the missing -o had. args.output_defaulted says so (a
    folder that cannot take the drums then names -o as the way out)."""
    if getattr(args, "command", None) == "drumify" and getattr(args, "output", "") is None:
        try:
            args.output = default_output(list(args.inputs), getattr(args, "bars", None))
            args.output_defaulted = True
        except ReaGrooveError as exc:
            parser.error(str(exc))


__all__ = ["HELP", "default_output", "fill_default_output"]
