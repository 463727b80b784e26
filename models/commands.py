"""The engine's commands: drumify and train; live and ports are in commands_live.py, interpolate and
patterns in commands_patterns.py (re-exported here, where the entry points name them).

They live in the models layer because they need the shipped network; torch
is imported only when a command runs, never to build `reagroove --help`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from reagroove.core.default_output import HELP as OUTPUT_DEFAULT
from reagroove.core.errors import InputFileError, OutputFileError, ReaGrooveError
from reagroove.core.files import check_writable, refuse_writing_over_own_midi
from reagroove.core.file_kinds import AUDIO_SUFFIXES, MIDI_SUFFIXES
from reagroove.core.options import (BPM_RANGE, add_audio_meter_options, add_settings_options, audio_meter_of,
                                    audio_options_note, bar_range, settings_from_args, start_help, tempo_bpm,
                                    variations_option)
from reagroove.core.option_paths import (input_paths, names_output_folder, refuse_missing_windows_files,
                                         refuse_missing_windows_input, refuse_non_midi_output,
                                         refuse_overwriting_inputs, refuse_saving_settings_onto)

# live and ports, interpolate and patterns: modules of their own, named here as pyproject's entry points name them
from .commands_live import add_live_command, add_ports_command, run_live, run_ports
from .commands_patterns import add_interpolate_command, add_patterns_command, run_interpolate, run_patterns

__all__ = ["add_drumify_command", "add_interpolate_command", "add_live_command", "add_patterns_command",
           "add_ports_command", "add_train_command", "run_drumify", "run_interpolate", "run_live", "run_patterns",
           "run_ports"]


def _engine(args):
    from .drummer import default_engine

    return default_engine(args.weights)


def _expand_globs(paths: list[str]) -> tuple[list[str], set[str]]:
    """'parts/*.mid' as the files it matches, where no file has that very name: Windows shells (cmd,
    PowerShell) hand a pattern over as typed, and a quoted one reads the same on every OS. (paths, the matches)"""
    import glob

    out: list[str] = []
    matched: set[str] = set()
    for raw in paths:
        matches = [] if os.path.exists(raw) or not glob.has_magic(raw) else sorted(glob.glob(raw, recursive=True))
        if glob.has_magic(raw) and not os.path.exists(raw) and not matches:
            refuse_missing_windows_input(raw)  # 'parts\*.mid' typed as on Windows
            raise InputFileError(raw, "no file or folder matches this pattern")
        out += matches or [raw]
        matched.update(matches)
    return out, matched


def _inputs(paths: list[str], passed_over: list | None = None) -> list[Path]:
    """The files to drum; what a folder holds that cannot be read (a locked subfolder, a link to nothing) goes
    to `passed_over` as (path, problem)."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found, unread = _parts_in(p)
            if not found:
                problem = f" ({unread[0][0]}: {unread[0][1]})" if unread else ""
                raise InputFileError(p, f"folder holds no MIDI or audio files{' that can be read' if unread else ''}"
                                        f"{problem}")
            files += found
            if passed_over is not None:
                passed_over += unread
        elif p.exists():
            files.append(p)
        else:
            refuse_missing_windows_input(raw)
            raise InputFileError(p, "no such file or folder")
    # a file named twice (`parts/ parts/bass.mid`) is drummed once: twice wrote it over itself, counted twice
    seen: set[Path] = set()
    return [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]


def _parts_in(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(the MIDI and audio files in `folder` and its subfolders, what could not be read there as (path, problem)).
    A subfolder that cannot be read, a link to a file that is gone, a pipe named bass.mid were passed over
    without a word: a folder drummed to exit code 0 with parts missing."""
    from reagroove.core.errors import os_problem

    found: list[Path] = []
    unread: list[tuple[Path, str]] = []

    def unreadable(exc: OSError) -> None:
        problem = "permission denied" if isinstance(exc, PermissionError) else os_problem(exc)
        unread.append((Path(exc.filename), f"folder cannot be read: {problem}"))

    for root, folders, names in os.walk(folder, onerror=unreadable):
        # hidden files are no parts: a Mac's ._bass.mid beside bass.mid on a shared drive, a .Trashes folder
        folders[:] = [d for d in folders if not d.startswith(".")]
        for name in names:
            f = Path(root) / name
            if name.startswith(".") or f.suffix.lower() not in MIDI_SUFFIXES + AUDIO_SUFFIXES:
                continue
            if f.is_file():
                found.append(f)
            elif f.is_symlink() and not f.exists():
                unread.append((f, "a link to a file that is not there"))
            elif not f.is_dir():
                unread.append((f, "not a regular file (a pipe or a device)"))
    return sorted(found), sorted(unread)


# ---------------------------------------------------------------- drumify


def add_drumify_command(sub) -> None:
    p = sub.add_parser(
        "drumify",
        help="drums for MIDI or audio parts: one loop per 2-bar window, written as drum MIDI",
        description="Generate drums that lock into the rhythm of MIDI or audio parts (any instrument) and print them as "
        "a drum chart. Input files are never changed.",
    )
    p.add_argument("inputs", nargs="+", metavar="IN", help="MIDI or audio files (WAV/BWF, FLAC, OGG/Opus, MP3, AIFF, CAF), or folders of them")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (.mid, one input) or folder (a name "
                   "without .mid, a folder there already, or a name ending in /); "
                   "drums ReaGroove wrote there are replaced (and said), any other MIDI file is left alone (refused); "
                   + OUTPUT_DEFAULT)
    p.add_argument("--variations", type=int, metavar="N", help="write N versions of the drum part, 1 to 64, as OUT_v1.mid ... OUT_vN.mid (default 1, or the count --settings saved)")
    hold = p.add_mutually_exclusive_group()
    hold.add_argument("--hold", action="store_true", default=None, help="hold one loop through each section instead of following every window (the drums still change where the band changes section)")
    hold.add_argument("--no-hold", dest="hold", action="store_false", default=None, help="follow every window (the default; where --settings holds one loop per section)")
    p.add_argument("--bars", metavar="FIRST-LAST", help="only these bars (e.g. 5-12; 5- is bar 5 to the end, -8 bars 1 to 8; default: every bar)")
    p.add_argument("--drum-map", metavar="FILE", help="a drum map (JSON/TOML) for your drum plugin's pads (default General MIDI)")
    p.add_argument("--bpm", type=tempo_bpm, help=f"tempo of audio inputs, {BPM_RANGE} (default: estimated)")
    p.add_argument("--start", type=float, metavar="SECONDS", help=start_help("audio inputs"))
    add_audio_meter_options(p)
    p.add_argument("--quiet", action="store_true", help="print nothing but errors (no piano roll)")
    add_settings_options(p)
    p.set_defaults(func=run_drumify)


def _output_names(files: list[Path]) -> dict[Path, str]:
    """A distinct name for each input's drums in an output folder: its own name, or, where two inputs share
    one (verse/bass.mid, chorus/bass.mid), with as many of their folders in front as tell them apart
    (verse_bass, chorus_bass); bass.mid beside bass.wav keep their types (bass_mid, bass_wav). Names differing
    only in case clash too (a macOS or Windows disk holds one of Bass_drums.mid and bass_drums.mid); those no
    folder tells apart (bass.mid beside bass.MID) are numbered: bass_mid_1, bass_mid_2."""
    def clashing(names: dict) -> set:
        seen: dict[str, int] = {}
        for n in names.values():
            seen[n.casefold()] = seen.get(n.casefold(), 0) + 1
        return {f for f, n in names.items() if seen[n.casefold()] > 1}

    same_place = clashing({f: str(f.resolve().with_suffix("")) for f in files})
    own = {f: f.stem + (f"_{f.suffix.lstrip('.').lower()}" if f in same_place else "") for f in files}
    names = dict(own)
    for depth in range(1, 8):
        clash = clashing(names)
        if not clash:
            break
        for f in clash:
            names[f] = "_".join((*f.resolve().parts[1:-1][-depth:], own[f]))
    # Still clashing: the second file's drums went over the first's, both said as written there.
    clash = clashing(names)
    taken = {n.casefold() for f, n in names.items() if f not in clash}
    for f in sorted(clash, key=str):
        number = 1
        while f"{own[f]}_{number}".casefold() in taken:
            number += 1
        names[f] = f"{own[f]}_{number}"
        taken.add(names[f].casefold())
    return names


def _without_earlier_drums(files: list[Path], args, matched=frozenset()) -> tuple[list[Path], list[Path]]:
    """(the files to drum, the files left out). The drum files ReaGroove wrote that a folder or a pattern brings in
    are left out: earlier drums are not parts. A run writing into the folder it reads (`drumify parts/ -o parts/`,
    run again) drummed them again, or refused them as inputs it would write over; and drums written beside a
    part without -o (song/bass_drums.mid) were drummed as a part by `drumify song/`. A file named on the command
    line is always an input (the user asked for it); so are the drum files of a folder or pattern that holds
    nothing else and is written elsewhere (a folder of drums re-drummed). `matched`: the files a pattern the run
    expanded matched (walked, as a folder's)."""
    from reagroove.core.midi_write import written_by_reagroove

    roots = [Path(raw).resolve() for raw in args.inputs if Path(raw).is_dir()]
    matched = {Path(m).resolve() for m in matched}
    if not roots and not matched:
        return files, []
    named = {Path(raw).resolve() for raw in args.inputs if not Path(raw).is_dir()} - matched

    def walked(f: Path) -> bool:
        f = f.resolve()
        return f in matched or (f not in named and any(r in f.parents for r in roots))

    earlier = [f for f in files if walked(f) and written_by_reagroove(f)]
    kept = [f for f in files if f not in earlier]
    if earlier and not kept:
        out = Path(args.output)
        out_dir = (out if names_output_folder(args.output) else out.parent).resolve()
        into = [f for f in earlier if f.resolve().parent == out_dir or f.resolve().parent in out_dir.parents]
        if into:  # drumming them again would write over what it reads
            raise InputFileError(into[0].parent, "folder holds only drums ReaGroove wrote, no parts to drum")
        return files, []
    return kept, earlier


def _variations(args) -> int:
    """How many versions drumify writes: --variations, else the count a --settings file chose (saved with
    --variations, or the panels' count), else one."""
    from reagroove.core.settings import Settings

    if args.variations is not None:
        return variations_option(args.variations)
    saved = Settings.load(args.settings) if args.settings else None
    return saved.variations if saved is not None and not saved.variations_auto else 1


def _output_paths(src: Path, args, n_inputs: int, name: str | None = None, count: int = 1) -> list[Path]:
    if not str(args.output).strip():  # `-o "$OUT"` with OUT unset wrote into the current folder, unsaid
        raise ReaGrooveError("-o is empty: give the output .mid file or folder")
    out = Path(args.output)
    # -o drums.wav or drums.txt made a folder of that name (or failed on the input)
    refuse_non_midi_output(out, "-o", folder_ok=True)
    single = n_inputs == 1 and not names_output_folder(args.output)
    if not single and not names_output_folder(args.output):
        raise ReaGrooveError(f"{out}: several inputs need an output folder, not a file")
    base = out.with_suffix("") if single else out / f"{name or src.stem}_drums"
    suffix = out.suffix if single else ".mid"
    if count == 1:
        return [base.with_name(base.name + suffix)]
    return [base.with_name(f"{base.name}_v{i + 1}{suffix}") for i in range(count)]


def run_drumify(args) -> int:
    from tqdm import tqdm

    from reagroove.core.drummap import GM_DRUM_MAP, load_drum_map
    from reagroove.core.loop import Loop
    from reagroove.core.midi_write import write_loops
    from reagroove.core.patterns import read_input_file
    from reagroove.core.textroll import HITS_LEGEND, SWUNG_LEGEND, loops_roll, repeats_legend, versions_rolls

    refuse_missing_windows_files(args)  # before --settings is read for its count of variations
    args.inputs, matched = _expand_globs(args.inputs)  # the files matched are inputs everywhere below (never written over)
    passed_over: list[tuple[Path, str]] = []
    files = _inputs(args.inputs, passed_over)
    count = _variations(args)  # checked before the files are read
    bars = None
    if args.bars:
        try:
            bars = bar_range(args.bars)
        except argparse.ArgumentTypeError as exc:
            raise ReaGrooveError(f"--bars: {exc}") from None
    # Drums an earlier run wrote into a folder of parts are not parts: this run writes them again.
    files, earlier = _without_earlier_drums(files, args, matched)
    names = _output_names(files)
    outputs = {src: _output_paths(src, args, len(files), names[src], count) for src in files}
    # the inputs (folders walked) and every other file read are never written over: checked for every
    # file before any is written (not after minutes of a folder's files)
    sources = input_paths(args) - {f.resolve() for f in earlier}
    for src, outs in outputs.items():
        for o in outs:
            try:
                refuse_overwriting_inputs(o, args, sources)
            except OutputFileError:
                if len(files) == 1:
                    raise
                # in a folder of parts: whose drums would have gone there, and the way out
                raise OutputFileError(o, f"refusing to overwrite an input file (the drums for {src.name} go "
                                         "there): give -o another folder, or rename that file") from None
    refuse_saving_settings_onto([o for outs in outputs.values() for o in outs], args)
    replaced = refuse_writing_over_own_midi([o for outs in outputs.values() for o in outs])
    # a folder that cannot take the drums (read-only, a file in its place) is said now, not after the model has
    # loaded and the first part been drummed
    # one file per folder, its first: a read-only folder is said by the first file that could not be written (v_v1,
    # not v_v3)
    for out in {o.parent: o for outs in reversed(outputs.values()) for o in reversed(outs)}.values():
        _check_writable(out, args)
    drum_map = load_drum_map(args.drum_map) if args.drum_map else GM_DRUM_MAP
    engine = _engine(args)
    settings = settings_from_args(args, engine)
    for path, problem in passed_over:  # said with the parts skipped, and counted with them
        print(f"skipped {path}: {problem}", file=sys.stderr)
    failed = len(passed_over)
    show_bar = len(files) > 1 and not args.quiet and _is_terminal(sys.stderr)  # a bar in a log is clutter
    shown_legend = False
    # an output folder that is not there is made, and said (a typo in -o made a new folder tree unseen)
    new_folders = sorted({_first_missing(o.parent) for outs in outputs.values() for o in outs} - {None})
    if earlier and not args.quiet:
        listed = ", ".join(map(str, earlier[:3])) + (", ..." if len(earlier) > 3 else "")
        print(f"note: {len(earlier)} drum file{'s' if len(earlier) != 1 else ''} ReaGroove wrote left out (earlier "
              f"drums, not parts; name one on its own to drum it): {listed}")
    done: list[Path] = []  # inputs whose drums are written: said if Ctrl-C stops the run
    with _said_when_interrupted(done, files):
        for src in tqdm(files, desc="Drumifying", unit="file", disable=not show_bar):
            outs = outputs[src]
            try:
                with _reading_bar(src, enabled=not show_bar and not args.quiet) as progress:
                    content = read_input_file(src, bpm=args.bpm, start=args.start, progress=progress,
                                                  time_signature=audio_meter_of(args))
                if note := audio_options_note(src, args):
                    content.warnings.append(note)
                result = engine.drumify(content, settings, bars=bars, drum_map=drum_map)
            except ReaGrooveError as exc:
                if len(files) == 1:
                    raise
                tqdm.write(f"skipped {exc}", file=sys.stderr)
                failed += 1
                done.append(None)
                continue
            versions = (
                engine.variations_of(result, settings, count)
                if count > 1
                else [result.loops]
            )
            # the drums stop where the music (or --bars) does: a 3-bar part gets 3 bars, not its last loop's 4th
            spans, meters = result.spans, result.meters_played
            with _said_when_stopped_midway(outs) as written:
                for out, loops in zip(outs, versions):
                    write_loops(
                        out,
                        [Loop.from_hvo(h) for h in loops],
                        tempos=content.tempos,
                        time_signatures=content.time_signatures,
                        starts=result.starts,
                        spans=spans,
                        drum_map=drum_map,
                        cross_sticks=result.cross_sticks,
                    )
                    written.append(out)
            done.append(src)
            if not args.quiet:
                more = len(outs) - 1
                # (version 1 is the plain drumify's, and said so: "(+1 variation)" had read as if v1 were new too)
                msg = f"{src} -> {outs[0]}" + (f" .. {outs[-1].name} ({more + 1} versions, v1 the plain drums)"
                                               if more else "")
                heard = result.heard
                msg += f": {heard.sum()} loop{'s' if heard.sum() != 1 else ''}"
                if any(o in replaced for o in outs):  # re-running into the same file: said, never done unseen
                    msg += f" (replacing {'earlier drums' if more else 'the earlier file'})"
                tqdm.write(msg)
                if made := [f for f in new_folders if f.is_dir() and outs[0].is_relative_to(f)]:
                    new_folders = [f for f in new_folders if f not in made]
                    tqdm.write(f"  note: made the folder {made[0]} for the drums (it was not there)")
                if stale := _stale_variations(outs):
                    tqdm.write(f"  note: {_listed(stale)} from an earlier run with {'more ' if more else ''}variations "
                               f"{'are' if len(stale) > 1 else 'is'} still there, not written by this run")
                # what reading assumed (an audio file's estimated tempo and start, a MIDI file without a tempo)
                for note in list(getattr(content, "warnings", [])) + result.messages:
                    tqdm.write(f"  note: {note}")
                roll = [] if shown_legend else [HITS_LEGEND]
                shown_legend = True
                shown = None if meters is None else [m for m, h in zip(meters, heard) if h]
                # (the steps written: none before the file's start, where a take's bar line is before it: --start -1)
                if len(versions) == 1:
                    rows = loops_roll(versions[0][heard], result.bars[heard], shown, result.starts[heard])
                    said = sum(1 for line in rows[:1] if line == SWUNG_LEGEND)  # (the chart's own legend first)
                    rows[said:said] = repeats_legend(rows) if roll else []
                    tqdm.write("\n".join(f"  {line}" for line in roll + rows))
                # each version heard, not the first, their charts in one column
                charts = [] if len(versions) == 1 else versions_rolls([v[heard] for v in versions],
                                                                        result.bars[heard], shown, result.starts[heard])
                for k, chart in enumerate(charts):
                    tqdm.write("\n".join([f"  {line}" for line in roll] + [f"  version {k + 1} ({outs[k].name}):"]
                                          + [f"    {line}" for line in chart]))
                    roll = []
    if failed:
        # not 'could not be read': a file is skipped too where --bars lie past its end
        print(f"{failed} of {len(files) + len(passed_over)} files skipped (no drums written for "
              f"{'it' if failed == 1 else 'them'})", file=sys.stderr)
        return 2
    return 0


def _check_writable(out: Path, args) -> None:
    """check_writable, and where -o was filled in by default (IN_drums.mid beside the input) the way out said: a
    read-only folder of parts had named only the folder, the user having given no -o to change."""
    try:
        check_writable(out)
    except OSError as exc:
        if not getattr(args, "output_defaulted", False):
            raise
        from reagroove.core.errors import os_problem

        path, problem = (exc.path, exc.problem) if isinstance(exc, OutputFileError) else \
            (exc.filename or out, os_problem(exc))
        raise OutputFileError(path, f"{problem}; give -o to write the drums elsewhere") from None


def _first_missing(folder: Path) -> Path | None:
    """The outermost folder of `folder`'s path that does not exist yet (the one a write makes first), or None."""
    missing = [p for p in [folder, *folder.parents] if not p.exists()]
    return missing[-1] if missing else None


def _stale_variations(outs: list[Path]) -> list[Path]:
    """Drum files of an earlier run with more variations (OUT_v3.mid after a run writing v1 and v2): a folder
    of 4 versions, 2 of them older drums, read as one run's. A run of one file (OUT.mid) has OUT_v1.mid on:
    they were left unsaid beside the new drums."""
    from reagroove.core.midi_write import written_by_reagroove

    stem = outs[0].stem.removesuffix("_v1") if len(outs) > 1 else outs[0].stem
    stale = []
    for k in range(len(outs) + 1 if len(outs) > 1 else 1, 65):  # MAX_VARIATIONS
        o = outs[0].with_name(f"{stem}_v{k}{outs[0].suffix}")
        if not o.is_file():
            break
        if written_by_reagroove(o):
            stale.append(o)
    return stale


def _listed(paths: list[Path]) -> str:
    return ", ".join(p.name for p in paths[:3]) + (f" ... {paths[-1].name}" if len(paths) > 3 else "")


@contextlib.contextmanager
def _said_when_stopped_midway(outs: list[Path]):
    """Variations written one by one (each atomically): a disk filling or Ctrl-C between two says which of the
    set were written, before the error (the set had been left part written without a word)."""
    written: list[Path] = []
    try:
        yield written
    except (ReaGrooveError, KeyboardInterrupt):
        if written and len(outs) > 1:
            print(f"note: {_listed(written)} of the {len(outs)} variations written before it stopped", file=sys.stderr)
        raise


@contextlib.contextmanager
def _said_when_interrupted(done: list, files: list[Path]):
    """Ctrl-C in a run of several files says how many drums were written (each whole: written atomically) and
    the file it stopped at, so the run can be taken up there: 'interrupted' alone left a folder to check.
    `done` has one entry per file finished: the file, or None where it was skipped."""
    try:
        yield
    except KeyboardInterrupt:
        if len(files) > 1 and len(done) < len(files):
            written = sum(f is not None for f in done)
            print(f"stopped at {files[len(done)]}: drums written for {written} of {len(files)} files "
                  f"(each whole), none for the {len(files) - len(done)} from there", file=sys.stderr)
        raise


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


@contextlib.contextmanager
def _reading_bar(src: Path, *, enabled: bool):
    """A progress bar for reading one long audio file (it appears after a second; a short file shows none), on a
    terminal only: written to a log or a pipe, its redrawn lines were left around the messages (and an error taking
    a second on a busy machine came after two lines of bar)."""
    from tqdm import tqdm

    enabled = enabled and _is_terminal(sys.stderr)
    with tqdm(desc=f"Reading {src.name}", unit="s", unit_scale=False, delay=1.0, leave=False, disable=not enabled,
              bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total:.0f} s of audio [{elapsed}<{remaining}]") as bar:
        def progress(done_s: float, total_s: float) -> None:
            bar.total = total_s
            bar.update(done_s - bar.n)

        yield progress


# ---------------------------------------------------------------- interpolate


def add_train_command(sub) -> None:
    """`reagroove train`. train.py imports torch when loaded, so its options are declared only when the command runs."""
    from reagroove.core.cli import add_options_when_used

    from .train_options import DEFAULT_OUT

    p = sub.add_parser("train", help="train the drum generator on GMD drumming and band parts",
                       description="Train the drum generator (transformer VAE) on GMD 2-bar windows, band-like parts "
                       "generated from them and, with --band, real band songs with their drums. The result, "
                       f"drummer.pt in --out ({DEFAULT_OUT} by default), plays where --weights names it (drumify, "
                       "interpolate, live, reaper, panel, evaluate); the shipped model is left as it is.")
    add_options_when_used(p, lambda parser: _train().add_train_arguments(parser))
    p.set_defaults(func=lambda args: _train().run_train(args))


def _train():
    from . import train

    return train
