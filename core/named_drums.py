"""Drum files ReaGroove wrote, named beside the parts they were written for: `reagroove drumify *.mid` in a folder
holding bass.mid and the bass_drums.mid an earlier run wrote beside it (default_output.py's name).

The shell had expanded the pattern before ReaGroove saw it, so bass_drums.mid came in as a named input: drummed
again into bass_drums_drums.mid (with -o), or the run refused for its "2 inputs". A folder or a quoted pattern
already left such files out (models/commands._without_earlier_drums); this does the same for named files: a drum
file ReaGroove wrote (midi_write.written_by_reagroove), named with a part ReaGroove did not write, is earlier drums,
not a part, whatever its name (bass_drums.mid, or drums.mid from `-o drums.mid`); the line names its part where
its name is the part's with default_output.SUFFIX (and --bars' or --variations' tail). Drum files named alone
are the user's choice (a drum part re-drummed) and stay inputs.
"""

from __future__ import annotations

import re
from pathlib import Path

from .default_output import SUFFIX

# IN_drums.mid, IN_drums_bars9-12.mid, IN_drums_v2.mid (--variations), IN_drums_bars5-end_v3.mid
_DRUMS_NAME = re.compile(rf"^(?P<part>.+){SUFFIX}(?:_bars\d+(?:-(?:\d+|end))?)?(?:_v\d+)?$")


def _key(path: Path) -> tuple[str, str]:
    """(the file's folder, its name without its type): two names for one place (./bass.mid, bass.mid) meet."""
    whole = path.absolute()
    return str(whole.parent.resolve()), whole.stem


def earlier_drums_named(inputs: list[str]) -> dict[str, str | None]:
    """{input as typed: the part named in `inputs` it holds the drums of (by its name), else None}, for each named
    drum file ReaGroove wrote, where a part (a file ReaGroove did not write) is named too: `drumify *.mid` after
    `drumify bass.mid -o drums.mid` names drums.mid too, as a folder's reading does (models/commands.py). Folders,
    patterns and files not there are left to drumify's own reading."""
    from .midi_write import written_by_reagroove

    files = {raw: Path(raw) for raw in inputs if Path(raw).is_file()}
    written = {raw for raw, path in files.items() if written_by_reagroove(path)}
    if not written or len(written) == len(files):
        return {}  # no drums named, or drums alone: the user's choice (a drum file re-drummed)
    parts = {_key(p): raw for raw, p in files.items() if raw not in written}
    found: dict[str, str | None] = {}
    for raw in sorted(written, key=list(files).index):
        named = _DRUMS_NAME.match(files[raw].stem)
        found[raw] = None if named is None else parts.get((_key(files[raw])[0], named["part"]))
    return found


def leave_out_earlier_drums(args) -> None:
    """drumify's args.inputs without the earlier drums of parts named with them, said in one line (unless
    --quiet): before the output is chosen, so `drumify *.mid` over bass.mid and bass_drums.mid writes
    bass_drums.mid again, as `drumify bass.mid` does."""
    if getattr(args, "command", None) != "drumify" or not getattr(args, "inputs", None):
        return
    found = earlier_drums_named(list(args.inputs))
    if not found:
        return
    args.inputs = [raw for raw in args.inputs if raw not in found]
    if getattr(args, "quiet", False):
        return
    if len(found) == 1:
        (drums, part), = found.items()
        print(f"note: {drums} left out: drums ReaGroove wrote{'' if part is None else f' for {part}'}, named with "
              "parts to drum (name it on its own to drum it)")
    else:
        listed = ", ".join(list(found)[:3]) + (", ..." if len(found) > 3 else "")
        print(f"note: {len(found)} drum files left out: drums ReaGroove wrote, named with parts to drum (name one "
              f"on its own to drum it): {listed}")


__all__ = ["earlier_drums_named", "leave_out_earlier_drums"]
