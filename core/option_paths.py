"""The paths the commands' options name, checked before anything runs: inputs never written over, outputs of
the right kind (MIDI where MIDI is written, JSON for settings), Windows paths typed on another system, and
standard output refused where a file is needed. Split from options.py."""

from __future__ import annotations

import os

from .errors import ReaGrooveError
from .file_kinds import AUDIO_SUFFIXES, MIDI_SUFFIXES


def env_path(name: str):
    """The path a REAGROOVE_* variable names, its '~' the home folder (None where it is unset or empty): quoted in a
    shell profile (REAGROOVE_BAND="~/band") the shell leaves the '~', and the path was read as a folder named '~'
    in the current one ("~/band: no such folder"). core/files.user_data_folder does the same for REAGROOVE_DATA."""
    raw = os.environ.get(name)
    return home_path(raw, f"{name}={raw}") if raw else None


def home_path(path, named=None):
    """`path` as a Path, a leading '~' or '~user' read as that home folder; a '~name' of no user on this computer is
    a one-line error naming `named` (the variable or option that gave it; default the path), where Python had
    raised "Could not determine home directory"."""
    from pathlib import Path

    try:
        return Path(path).expanduser()
    except RuntimeError:
        user = str(path)[1:].replace("\\", "/").split("/", 1)[0]
        raise ReaGrooveError(f"{named or path}: no user '{user}' on this computer for its '~' (~/name is a folder in "
                             "your home folder)") from None


def input_paths(args) -> set:
    """Every file the command line names as something to read (inputs, files in input folders, pattern files,
    a settings file, a drum map), resolved: ReaGroove never writes over one of them."""
    from pathlib import Path

    folders = list(getattr(args, "inputs", None) or [])  # input folders are read file by file
    named = folders + [getattr(args, k, None) for k in ("file", "a", "b", "pattern_a", "pattern_b", "idle_pattern",
                                                        "settings", "drum_map")]
    out = set()
    for raw in named:
        if not raw or not isinstance(raw, (str, os.PathLike)):
            continue
        p = Path(raw)
        if p.is_dir():
            if not any(raw is f for f in folders):  # a file option naming a folder: its own check refuses it
                continue
            out.update(f.resolve() for f in p.rglob("*") if f.is_file())
        elif p.exists():
            out.add(p.resolve())
    return out


def refuse_overwriting_inputs(output, args, inputs: set | None = None) -> None:
    """A one-line error when `output` is a file the command reads (see input_paths)."""
    from pathlib import Path

    from .errors import OutputFileError

    if Path(output).resolve() in (input_paths(args) if inputs is None else inputs):
        raise OutputFileError(output, "refusing to overwrite an input file")


# file kinds a MIDI file written under their name is not: a DAW opens a .wav as audio, a .json as data
NOT_MIDI_SUFFIXES = AUDIO_SUFFIXES + (".json", ".toml", ".txt", ".csv", ".rpp", ".rpp-bak")


def names_output_folder(output) -> bool:
    """Whether an output that takes a file or a folder (drumify's -o) names a folder: one without .mid at its
    end, one ending in '/' or one there already. `-o out/x.mid` where the folder x.mid is had been refused as
    "is a folder", and `-o new.mid/` wrote a file named new.mid."""
    from pathlib import Path

    text = str(output)
    return (Path(text).suffix.lower() not in MIDI_SUFFIXES or text.endswith(("/", os.sep))
            or Path(text).is_dir())


def refuse_non_midi_output(output, option: str, what: str = "the drums are", folder_ok: bool = False) -> None:
    """A one-line error, before anything is read, where `option` names a file that would get MIDI under another
    kind's name (-o drums.wav, --record take.json) or, for a file output, a folder (-o out/, an existing folder):
    such a file was written unsaid (or a folder made of it), or a take was lost at its end."""
    from pathlib import Path

    text = str(output)
    path = Path(text)
    kind = "a .mid file or a folder" if folder_ok else "a .mid file"
    refuse_standard_output(text, option, kind)
    refuse_windows_path(text)
    if path.suffix.lower() in NOT_MIDI_SUFFIXES:
        raise ReaGrooveError(f"{text}: {what} written as MIDI: give {option} {kind}")
    if not folder_ok and (text.endswith(("/", os.sep)) or path.is_dir()):
        raise ReaGrooveError(f"{text}: names a folder: give {option} a .mid file")
    # `interpolate -o build` wrote a MIDI file named 'build' (drumify makes a folder of such a name), which a DAW
    # does not open as MIDI; so did `-o build.v2`
    if not folder_ok and path.suffix.lower() not in MIDI_SUFFIXES:
        raise ReaGrooveError(f"{text}: no .mid at its end: give {option} a .mid file ({path.name}.mid)")


def windows_path_problem(text) -> str | None:
    """What is wrong with a Windows-style path (backslashes) on a system whose folders are split by '/':
    `parts\\bass.mid` was 'no such file', and `-o C:\\drums\\x.mid` wrote a file of that whole name in the
    current folder. None where the path has no backslash, exists, or this is Windows."""
    text = str(text)
    if os.sep == "\\" or "\\" not in text or os.path.exists(text):
        return None
    said = "a Windows-style path: folders are separated by '/' here"
    if len(text) > 1 and text[1] == ":":  # C:\\Users\\...: no drive letters here, no path to suggest
        return f"{said}, and {text[:2]} is no folder"
    return f"{said} ({text.replace(chr(92), '/')})"


def refuse_standard_output(output, option: str, kind: str) -> None:
    """A one-line error for `-o -`: ReaGroove writes files, never standard output; drumify made a folder named
    '-' and wrote into it, interpolate a file named '-', both said as if written where asked."""
    if str(output).strip() == "-":
        raise ReaGrooveError(f"{option} -: ReaGroove writes files, not to standard output: give {option} {kind}")


def refuse_windows_path(path) -> None:
    """A one-line error naming `path` where it is a Windows-style path this system cannot use (windows_path_problem)."""
    problem = windows_path_problem(path)
    if problem:
        raise ReaGrooveError(f"{path}: {problem}")


def refuse_missing_windows_input(path) -> None:
    """'no such file' said with why, for an input named by a Windows-style path (windows_path_problem), one in
    a folder that cannot be opened (an audio file there was 'no such file'), or a mistyped name beside the file
    meant ('bas.mid', 'bass' for bass.mid: said as the file meant)."""
    import glob

    from .errors import InputFileError
    from .files import closed_folder
    from .near_names import near_file

    problem = windows_path_problem(path)
    if problem:
        raise InputFileError(path, f"no such file or folder; {problem}")
    if (closed := closed_folder(path)) is not None:
        raise InputFileError(path, f"cannot be reached: permission denied on its folder {closed}")
    # a pattern ('parts/*.mid') matching nothing is said by its command as that, not as a name mistyped
    if not os.path.lexists(path) and not glob.has_magic(str(path)) and (near := near_file(path)) is not None:
        raise InputFileError(path, f"no such file or folder: did you mean '{near}'?")


def refuse_missing_windows_files(args) -> None:
    """refuse_missing_windows_input for each other file the command line names: --settings, --drum-map, --weights."""
    for key in ("settings", "drum_map", "weights"):
        if isinstance(getattr(args, key, None), str):
            refuse_missing_windows_input(getattr(args, key))


def refuse_non_json_output(output, option: str) -> None:
    """A one-line error where `option` (--json, --save-settings) names a MIDI or audio file: JSON text was
    written under that name (bass_groove.mid), which a DAW then fails to open."""
    from pathlib import Path

    refuse_standard_output(output, option, "a .json file")
    refuse_windows_path(output)
    if Path(str(output)).suffix.lower() in MIDI_SUFFIXES + AUDIO_SUFFIXES:
        raise ReaGrooveError(f"{output}: {option} writes JSON text, not MIDI or audio: give it a .json file")
    if str(output).endswith(("/", os.sep)) or Path(str(output)).is_dir():  # `--json out/` wrote a file named 'out'
        raise ReaGrooveError(f"{output}: names a folder: give {option} a .json file")


def refuse_writing_over_other_kind(output, kind: str, option: str) -> None:
    """A one-line error where `option` names a file there that holds something else than `kind` (settings.file_kind:
    a drum map, patterns, presets, a groove, any other JSON): `--save-settings kit.json` replaced the drum map
    kit.json, unsaid. An empty file, or one of that kind, is written over."""
    from pathlib import Path

    from .errors import OutputFileError
    from .settings import file_kind

    path = Path(str(output))
    if not path.is_file() or path.stat().st_size == 0:
        return
    there = file_kind(path)
    if there != kind:
        said = {"settings": "ReaGroove settings", "groove": "a groove (reagroove groove --json)", "drum map": "a drum map",
                "patterns": "your saved patterns", "presets": "the panel's presets", "midi": "MIDI", "audio": "audio"}
        what = said.get(there, "something other than ReaGroove's")
        raise OutputFileError(output, f"holds {what}: not written over; give {option} another file")


def refuse_saving_settings_onto(outputs, args) -> None:
    """A one-line error when --save-settings names a file the command writes its drums to (-o, --record): the
    settings were saved, then the drums written over them, unsaid."""
    from pathlib import Path

    from .errors import OutputFileError

    target = getattr(args, "save_settings", None)
    if target and Path(target).resolve() in {Path(o).resolve() for o in outputs}:
        raise OutputFileError(target, "the drums are written to this file: save the settings to another, "
                                      "e.g. settings.json")
