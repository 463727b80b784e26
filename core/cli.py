"""The `reagroove` command.

Each layer registers its own subcommands through the `reagroove.commands`
entry-point group (see pyproject.toml), so this module never imports the
layers above it, and a light command such as `reagroove groove` never pays
for importing torch. A registration function takes the argparse subparsers
object and adds one parser whose `func(args)` runs the command; it imports
nothing heavy (torch, Qt, reapy load inside `func`), so `reagroove --help`,
which registers every command, answers at once. A command whose options are
declared beside torch adds them with `add_options_when_used`.

Errors the user can act on (ReaGrooveError, a file name too long for the file
system, a path of theirs that cannot be made or written) print as one line on
stderr and exit with code 2; nothing else is caught, so real bugs keep their
traceback. Output piped into a reader that stops early (`| head`) goes quiet.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from importlib import metadata

from .default_output import fill_default_output
from .errors import ReaGrooveError
from .near_names import did_you_mean

EXIT_USAGE = 2


def version_line() -> str:
    """What `reagroove --version` says."""
    return f"reagroove {version()}"


def version() -> str:
    try:
        return metadata.version("reagroove")
    except metadata.PackageNotFoundError:
        return "0+unknown"


class OneLineErrorParser(argparse.ArgumentParser):
    """A parser whose usage errors are one line: what is wrong, what was likely meant, and where the help is
    (a whole usage block buries the one line that matters)."""

    _args_seen: list | tuple = ()  # the words of the last parse

    def parse_known_args(self, args=None, namespace=None):
        if args is not None:  # the words this parser reads, for naming a mistyped option in `error`
            self._args_seen = [a for a in args if isinstance(a, str)]
        return super().parse_known_args(args, namespace)

    def _check_value(self, action, value):
        # a choice (a command, `--every beat`) mistyped: argparse's message, with the one it likely was
        try:
            super()._check_value(action, value)
        except argparse.ArgumentError:
            meant = did_you_mean(value, action.choices or ()) if isinstance(value, str) else None
            if meant is None:
                raise
            raise argparse.ArgumentError(action, f"invalid choice: {value!r}: did you mean {meant!r}?") from None

    def _get_value(self, action, arg_string):
        # argparse's own words for `--density high` were "invalid float value: 'high'" and for `--steps x`
        # "invalid int value: 'x'": said as what the option takes, with its range where its metavar gives one (0..1).
        if action.type not in (int, float):
            return super()._get_value(action, arg_string)
        try:
            return action.type(arg_string)
        except ValueError:
            span = str(action.metavar or "").split("..")
            within = f" from {span[0]} to {span[1]}" if len(span) == 2 and all(span) else ""
            kind = "a whole number" if action.type is int else "a number"
            said = f"{arg_string!r} is not {kind}" + (f": give one{within}" if within else "")
            raise argparse.ArgumentError(action, said) from None

    def error(self, message: str):
        if message.startswith("the following arguments are required"):  # often an option mistyped: --ouput
            message += self.meant_options(self._args_seen)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")

    def meant_options(self, words) -> str:
        """': did you mean '--density'?' for the words that look like this parser's options mistyped
        ('--densty', '--max_hits', '-density'), '' for none."""
        known = [o for o in self._option_string_actions if o.startswith("--")]
        pairs = []
        for word in words:
            name = word.split("=", 1)[0]
            if not name.startswith("-") or name in self._option_string_actions or not name.lstrip("-")[:1].isalpha():
                continue
            meant = did_you_mean("--" + name.lstrip("-").replace("_", "-"), known)
            if meant is not None and (meant, name) not in pairs:
                pairs.append((meant, name))
        if not pairs:
            return ""
        if len(pairs) == 1:
            return f": did you mean '{pairs[0][0]}'?"
        return ": did you mean " + ", ".join(f"'{meant}' for {name}" for meant, name in pairs) + "?"


class CommandParser(OneLineErrorParser):
    """A command's parser whose options may be added only when the command is used.

    Listing the commands (`reagroove --help`) then never imports a module that
    loads torch at import just to declare its options (see `add_options_when_used`).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pending_options: list = []

    def _add_pending_options(self) -> None:
        while self._pending_options:
            self._pending_options.pop(0)(self)

    def parse_known_args(self, args=None, namespace=None):
        self._add_pending_options()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self._add_pending_options()
        return super().format_help()

    def format_usage(self) -> str:
        self._add_pending_options()
        return super().format_usage()


def add_options_when_used(parser: argparse.ArgumentParser, add) -> None:
    """Call `add(parser)` when `parser` first parses or prints help (at once on a plain parser)."""
    if isinstance(parser, CommandParser):
        parser._pending_options.append(add)
    else:
        add(parser)


def _commands() -> dict:
    """Registered subcommands: name -> entry point (nothing imported yet)."""
    return {ep.name: ep for ep in metadata.entry_points(group="reagroove.commands")}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with `only` the parser with just that subcommand loaded."""
    parser = OneLineErrorParser(
        prog="reagroove",
        description="Drum loops that lock into the rhythm you play.",
        # the variables ReaGroove reads, said where a newcomer looks first (each command's help names its own)
        epilog="Run 'reagroove COMMAND --help' for a command's options. Folders set by the environment: "
               "REAGROOVE_DATA (your saved patterns and hand edits), REAGROOVE_CONFIG (the panel's settings and "
               "presets), REAGROOVE_GMD (the Groove MIDI Dataset, for train and evaluate), REAGROOVE_BAND (train's "
               "band songs), REAGROOVE_CACHE (the training windows' cache).",
    )
    parser.add_argument("--version", action="version", version=version_line())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for name, ep in sorted(_commands().items()):
        if only is None or name == only:
            ep.load()(sub)
    return parser


def _command_name(argv: list[str]) -> str | None:
    """The subcommand named on the command line, if it is a registered one."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in _commands() else None


def _parser_of(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.ArgumentParser:
    """The parser of the (sub)command named on the command line (`reagroove patterns add`'s for
    `patterns add ...`): its help lists the options that command takes."""
    for token in argv:
        sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
        if sub is None:
            break
        parser = sub.choices.get(token, parser)
    return parser


def refuse_empty_names(parser: argparse.ArgumentParser, args) -> None:
    """A one-line error for a file or name given as '' (`drumify "$BASS"` with BASS unset): an empty input was
    the current folder, so `-o out/` drummed every file there; an empty --drum-map was ignored, unsaid."""
    for action in parser._actions:
        metavar = str(action.metavar or "")
        # a folder or weights option too: `train --calibrate "$W"` with W unset trained anew, `--band ''` left
        # the band songs out, `evaluate --out ''` wrote into the current folder
        names_folder = metavar.upper() in ("FOLDER", "DIR")
        names_file = "FILE" in metavar.upper() or metavar.lower().endswith(".json") or metavar.upper() == "WEIGHTS"
        if action.option_strings and not (names_file or names_folder):
            continue  # a value's own check says what an empty one means (--genre '' asks for no genre)
        values = getattr(args, action.dest, None)
        values = values if isinstance(values, list) else [values]
        if not any(isinstance(v, str) and not v.strip() for v in values):
            continue
        what = "a name" if action.dest == "name" else "a name or a file" if "NAME" in metavar.upper() else \
            "a file name" if names_file else "a folder" if names_folder else "a file or folder"
        named = action.option_strings[-1] if action.option_strings else \
            "a name given" if action.dest == "name" else "an input's name"
        raise ReaGrooveError(f"{named} is empty (an unset shell variable?): give {what}")


def expand_home(parser: argparse.ArgumentParser, args) -> None:
    """A path given as ~/... (quoted, from a script, or in a Windows console: no shell expanded it) names the home
    folder: `-o "~/Desktop/drums.mid"` made a folder named ~ in the current one, said as "made the folder ~", and
    an input "~/bass.mid" was not found. Only ~ alone or ~/ in front: ~name is left as typed."""
    for action in parser._actions:
        metavar = str(action.metavar or "").upper()
        takes_path = any(word in metavar for word in ("FILE", "FOLDER", "DIR", "OUT", "WEIGHTS", "NAME")) or \
            metavar.endswith(".JSON")  # NAME: live's --idle-pattern, a pattern's name or a file
        if action.option_strings and not takes_path or action.dest == "name" or not action.dest:
            continue
        values = getattr(args, action.dest, None)
        if isinstance(values, list):
            setattr(args, action.dest, [_home_expanded(v) for v in values])
        else:
            setattr(args, action.dest, _home_expanded(values))


def _home_expanded(value):
    if isinstance(value, str) and (value == "~" or value.startswith(("~/", "~" + os.sep))):
        return os.path.expanduser(value)
    return value


def _printable_output() -> None:
    """Print what the console cannot show as escapes: a file named ベース.mid on a console or pipe in cp1252
    (Windows' output redirected) was a UnicodeEncodeError traceback after its drums were written."""
    try:
        sys.stdout.reconfigure(errors="backslashreplace")
    except (AttributeError, ValueError):  # not a text stream that can be reconfigured (a test's capture)
        pass


class _QuietOncePipeCloses:
    """stdout or stderr that goes quiet once its reader has gone (`reagroove groove x.mid | head`): that was a
    BrokenPipeError traceback, and a folder drumify piped so stopped after its first file with exit code 0.
    Now the run goes on and writes every file, its words dropped."""

    def __init__(self, stream):
        self._stream = stream
        self._gone = False

    def write(self, text):
        if not self._gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._reader_gone()
        return len(text)

    def flush(self):
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._reader_gone()

    def _reader_gone(self) -> None:
        self._gone = True
        try:  # what is left in the stream's buffer goes nowhere at exit, not into a second BrokenPipeError
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # no file descriptor (a test's capture)
            pass

    def __getattr__(self, name):  # isatty, encoding, reconfigure, fileno ... as the stream's own
        return getattr(self._stream, name)


_interrupt_notes: list = []  # the running command's: what a Ctrl-C leaves behind and how to go on


def note_when_interrupted(note) -> None:
    """Have a Ctrl-C say `note()` (a str, or None for nothing) after 'interrupted': a training run stopped after
    hours said only "interrupted", its checkpoint and --resume unsaid."""
    _interrupt_notes.append(note)


def main(argv: list[str] | None = None) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    # no stream (pythonw, an embedded interpreter) stays none: print() to it writes nothing, as Python's own does
    sys.stdout, sys.stderr = (None if s is None else _QuietOncePipeCloses(s) for s in (stdout, stderr))
    _interrupt_notes.clear()
    try:
        return _main(argv)
    except KeyboardInterrupt:  # at any moment: while the commands load and parse too (their first half second)
        _close_progress_bars()
        said = [text for text in (note() for note in _interrupt_notes) if text]
        print("reagroove: interrupted" + "".join(f"; {text}" for text in said), file=sys.stderr)
        return 130
    finally:
        sys.stdout, sys.stderr = stdout, stderr
        _interrupt_notes.clear()


def _close_progress_bars() -> None:
    """Close the progress bars a Ctrl-C left open, so 'interrupted' gets a line of its own: it was printed onto
    the bar's line, and the bar drawn again under it as it closed at exit."""
    tqdm_module = sys.modules.get("tqdm")  # none open where tqdm was never imported
    for bar in list(getattr(getattr(tqdm_module, "tqdm", None), "_instances", ())):
        try:
            bar.close()
        except Exception:  # noqa: BLE001 - a bar that cannot draw any more is no reason for a traceback here
            pass


def _blocked_path(exc: OSError) -> bool:
    """Whether an OSError is a path of the user's that cannot be made or written (a file where a folder goes, a
    read-only folder, a full disk): said in one line. A missing file keeps its traceback: the commands check
    their inputs, so one missing later is ReaGroove's own."""
    return isinstance(exc, (FileExistsError, NotADirectoryError, IsADirectoryError, PermissionError)) or \
        exc.errno in (errno.EROFS, errno.ENOSPC)


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    _printable_output()
    if argv[:1] == ["--version"]:  # as argparse's version action says it, without loading every command first
        print(version_line())
        return 0
    # Load only the command asked for: `reagroove groove` never pays for torch.
    parser = build_parser(_command_name(argv))
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # said by the command's parser: its help lists its options, the top one's only the commands
        owner = _parser_of(parser, argv)
        owner.error(f"unrecognized arguments: {' '.join(unknown)}{owner.meant_options(unknown)}")
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        refuse_empty_names(_parser_of(parser, argv), args)
        expand_home(_parser_of(parser, argv), args)
        fill_default_output(args, _parser_of(parser, argv))  # `drumify bass.mid`: bass_drums.mid beside it
        code = int(args.func(args) or 0)
        from .options import save_pending_settings

        save_pending_settings(args)  # after the run: none for a run refused on its input
        return code
    except ReaGrooveError as exc:
        print(f"reagroove: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        # a name longer than the file system takes: the checks' Path.exists()/is_dir() raise it (only "no such
        # file" is False to them), so `-o` with a 300-letter name was a traceback. Any other OSError but a path
        # that cannot be written keeps its traceback: a real bug, or a check that should say it in the user's words.
        if exc.errno == errno.ENAMETOOLONG:
            name = exc.filename if exc.filename is not None else "a file name"
            print(f"reagroove: error: {name}: file name too long for this file system: give a shorter one",
                  file=sys.stderr)
            return EXIT_USAGE
        if exc.filename is not None and _blocked_path(exc):  # `evaluate --out report.md`, a file: mkdir's traceback
            from .files import path_problem

            print(f"reagroove: error: {exc.filename}: {path_problem(exc)}", file=sys.stderr)
            return EXIT_USAGE
        raise


# ---------------------------------------------------------------- groove


def add_groove_command(sub) -> None:
    from .options import BPM_RANGE, add_audio_meter_options, bar_range, start_help, tempo_bpm

    p = sub.add_parser(
        "groove",
        help="print the groove of a MIDI or audio file, per 2-bar window",
        description="Flatten every note of a MIDI file (any instrument), or an audio file's onsets, to the 16th-note "
        "groove ReaGroove follows. Drums (MIDI channel 10) are shown one row per voice.",
    )
    p.add_argument("file", help="a Standard MIDI File, or an audio file (WAV/BWF, FLAC, OGG/Opus, MP3, AIFF, CAF)")
    p.add_argument("--bpm", type=tempo_bpm, help=f"tempo of an audio file, {BPM_RANGE} (default: estimated)")
    p.add_argument("--start", type=float, metavar="SECONDS", help=start_help("an audio file", drums=False))
    add_audio_meter_options(p, "an audio file")
    p.add_argument("--bars", type=bar_range, metavar="FIRST-LAST", help="only these bars (e.g. 5-12; 5- is bar 5 to the end, -8 bars 1 to 8; default: every bar)")
    p.add_argument("--flat-velocity", action="store_true", help="ignore velocity: every hit equal")
    p.add_argument("--quantize", action="store_true", help="ignore micro-timing: offsets 0")
    p.add_argument("--drum-map", metavar="FILE", help="a drum map (JSON/TOML) to read drum voices with (default General MIDI)")
    p.add_argument("--json", metavar="OUT.json", help="also write the grooves as JSON")
    p.add_argument("--quiet", action="store_true", help="print nothing (the grooves, notes and the JSON file written)")
    p.set_defaults(func=run_groove)


def run_groove(args) -> int:
    from .drummap import load_drum_map
    from .groove import bar_grid, extract_windows
    from .options import audio_meter_of, audio_options_note
    from .option_paths import (refuse_missing_windows_files, refuse_missing_windows_input, refuse_non_json_output,
                               refuse_overwriting_inputs, refuse_writing_over_other_kind)
    from .patterns import read_input_file
    from .textroll import LEGEND

    refuse_missing_windows_input(args.file)
    refuse_missing_windows_files(args)
    if args.drum_map:  # checked up front: a file without drums (or --quiet) never reads it, and a typo went unsaid
        load_drum_map(args.drum_map)
    if args.json:  # before a long audio file is read: an input, a folder it cannot write, a MIDI file's name
        from .files import check_writable

        refuse_overwriting_inputs(args.json, args)
        check_writable(args.json)
        refuse_non_json_output(args.json, "--json")
        refuse_writing_over_other_kind(args.json, "groove", "--json")
    content = read_input_file(args.file, bpm=args.bpm, start=args.start, time_signature=audio_meter_of(args),
                              for_drums=False)  # it prints the audio's bar 1: no drums are made
    if note := audio_options_note(args.file, args):
        content.warnings.append(note)
    if len(content.notes) == 0:
        raise ReaGrooveError(f"{args.file}: file has no notes")
    try:
        wins = extract_windows(content, bars=args.bars, use_velocity=not args.flat_velocity, use_timing=not args.quantize,
                               drums=False)  # it prints the input's groove: its notes say nothing of drums
    except ValueError as exc:
        raise ReaGrooveError(f"{args.file}: {exc}") from None
    notes_for = "notes" if len(content.notes) != 1 else "note"
    said = [f"{n}/{d}" for _, n, d in content.time_signatures]
    if len(said) > 1 and bar_grid(content.time_signatures, content.end_beat).first_bar == 1:
        said[0] += " (a pickup bar)"  # the bar numbering's pickup ("1/4, 3/4" had read as two meters)
    sigs = ", ".join(m for i, m in enumerate(said) if i == 0 or m != said[i - 1])  # a repeated one is no change
    if not args.quiet:
        print(f"{args.file}: {len(content.notes)} {notes_for}, {content.bpm:.4g} BPM, {sigs}, {len(wins)} window{'s' if len(wins) != 1 else ''}{_window_bars(content, wins)}")
        for msg in content.warnings + wins.messages:
            print(f"  note: {msg}")
        print(f"  {LEGEND}")
        for line in _swung_said(wins):
            print(f"  {line}")
        for line in _groove_roll(content, wins, args):
            print(line)
    if args.json:
        from .files import atomic_write_text

        doc = {
            "file": str(args.file),
            "bpm": content.bpm,
            "tempos": [{"beat": b, "bpm": t} for b, t in content.tempos],
            "time_signatures": [{"beat": b, "numerator": n, "denominator": d} for b, n, d in content.time_signatures],
            "messages": content.warnings + wins.messages,
            "windows": [
                {
                    "bar": int(bar),
                    "start_beat": float(start),
                    "notes": int(count),
                    "groove": [[round(float(x), 5) for x in step] for step in groove],
                }
                for start, bar, groove, count in zip(wins.starts, wins.bars, wins.grooves, wins.note_counts)
            ],
        }
        atomic_write_text(args.json, json.dumps(doc, indent=1) + "\n")
        if not args.quiet:
            print(f"wrote {args.json}")
    return 0


def _window_bars(content, wins) -> str:
    """' of 2 bars', or what a window holds in the file's meter (' of 1 bar' in 12/8, ' of 4 bars' in 2/4); ''
    where windows differ (a meter change, a bar longer than a window): '4 windows of 2 bars' was said of any."""
    if all((n, d) == (4, 4) for _, n, d in content.time_signatures):
        return " of 2 bars"
    played = [int(b) for b in wins.bars if b > 0]  # a pickup's window (bar 0) holds part of a bar
    steps = {later - first for first, later in zip(played, played[1:])}
    if len(steps) != 1 or 0 in steps:
        return ""
    k = steps.pop()
    return f" of {k} bar{'s' if k != 1 else ''}"


def _swung_said(wins) -> list[str]:
    """The swung-8ths legend where the groove is swung (drumify's charts say it): a shuffle's off-beat 8ths, drawn on
    each beat's 'a' and marked early, had read as rushed 16ths."""
    import numpy as np

    from .loop import HVO_WIDTH, N_VOICES
    from .textroll import swing_legend

    loops = np.zeros((len(wins.grooves), wins.grooves.shape[1], HVO_WIDTH), np.float32)
    loops[..., 0::N_VOICES] = wins.grooves  # (the groove as one voice: hit, velocity, offset)
    return swing_legend(loops)


def _groove_roll(content, wins, args) -> list[str]:
    """Per window: its groove row, or with drums (channel 10) one row per voice (and the groove of all
    parts); then its timing row."""
    from .constants import DRUM_CHANNEL
    from .drummap import GM_DRUM_MAP, load_drum_map
    from .groove import FLAT_VELOCITY, loops_from_notes
    from .loop import N_VOICES
    from .textroll import VOICE_WIDTH, groove_row, labelled, loop_rows, shown_steps, window_labels

    is_drum = content.notes.channel == DRUM_CHANNEL
    drums = content.notes.select(is_drum)
    loops = None
    if len(drums):
        drum_map = load_drum_map(args.drum_map) if args.drum_map else GM_DRUM_MAP
        loops, unmapped = loops_from_notes(drums, wins.starts, drum_map)
        if args.flat_velocity:
            loops[:, :, N_VOICES : 2 * N_VOICES] = (loops[:, :, :N_VOICES] > 0) * FLAT_VELOCITY
    lines = []
    if len(drums) and unmapped:  # a kit on other pitches: say why its rows are missing and how to read them
        lines.append(f"  note: {unmapped} drum note{'s' if unmapped != 1 else ''} (MIDI channel 10) outside the drum map "
                     "not shown as voices: read them with --drum-map FILE")
    labels = window_labels(wins.bars)
    width = max([8, *map(len, labels)])
    for i, (label, groove, count) in enumerate(zip(labels, wins.grooves, wins.note_counts)):
        meter = wins.meters[i] if wins.meters else None  # bar lines where the song's bars are
        hits, timing = groove_row(groove, meter)
        hits_n = int(groove[shown_steps(meter), 0].sum())  # the hits shown: not the next bar's a 3/4 window reaches
        extra = f"{hits_n:2d} hit{'s' if hits_n != 1 else ''}" if count else "empty"
        indent = ""
        if loops is not None and loops[i, :, :N_VOICES].any():
            rows = loop_rows(loops[i], meter)
            if not is_drum.all():  # other parts too: the whole groove ReaGroove follows, under the drums
                rows.append(f"{'groove':<{VOICE_WIDTH}} {hits}")
            lines += labelled(label, [rows[0] + f" {extra}", *rows[1:]], width)
            indent = " " * (VOICE_WIDTH + 1)  # the timing row under the voice rows' steps
        else:
            lines.append(f"{label:>{width}} {hits} {extra}")
        if count:
            lines.append(f"{'':>{width}} {indent}{timing}")
    return lines


# ---------------------------------------------------------------- data


def add_data_command(sub) -> None:
    p = sub.add_parser("data", help="build the Groove MIDI Dataset training windows",
                       description="The Groove MIDI Dataset's 2-bar training windows, which 'reagroove train' reads.")
    dsub = p.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    b = dsub.add_parser("build", help="cut GMD into 2-bar windows and cache them",
                        description="Cut the Groove MIDI Dataset (magenta.tensorflow.org/datasets/groove, the MIDI-only "
                        "zip) into 2-bar windows, with GMD's own train/validation/test split, and cache them.")
    b.add_argument("--gmd", metavar="FOLDER", help="the Groove MIDI Dataset folder (default: $REAGROOVE_GMD)")
    b.add_argument("--cache-dir", metavar="FOLDER",
                   help="where to cache the windows (default: $REAGROOVE_CACHE, else the user cache folder)")
    b.add_argument("--force", action="store_true", help="rebuild even if the cache is current")
    b.add_argument("--workers", type=_workers, default=None, metavar="N",
                   help="processes to read files with, 1 or more (default: up to 4)")
    b.set_defaults(func=run_data_build)


def _workers(text: str) -> int:
    """--workers: a count of processes, 1 or more (-1 was a ValueError traceback from the process pool)."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"a whole number of processes, 1 or more, not {text!r}")
    return n


def _check_cache_writable(args) -> None:
    """A cache folder the windows cannot be written to (read-only, a file in its place) is said before GMD's
    thousand files are read, not after. One that holds windows already may be read-only: they may be current."""
    from pathlib import Path

    from .dataset import default_cache_dir, resolve_gmd_path
    from .errors import OutputFileError
    from .files import check_writable

    resolve_gmd_path(args.gmd)  # no dataset given: that is said first
    cache = Path(args.cache_dir) if args.cache_dir else default_cache_dir()
    if args.force or not any(cache.glob("gmd-windows-v*.npz")):
        try:
            check_writable(cache / "gmd-windows.npz")
        except OutputFileError as exc:  # said of the folder, not of a file in it
            problem = exc.problem.removeprefix("cannot write here: ")
            raise OutputFileError(cache, f"cannot cache the windows here: {problem}; give --cache-dir another "
                                         "folder") from None


def run_data_build(args) -> int:
    import time

    from .dataset import SPLITS, build_dataset
    from .genres import GENRES

    _check_cache_writable(args)
    t0 = time.perf_counter()
    ds, cache_file, built = build_dataset(args.gmd, args.cache_dir, force=args.force, workers=args.workers)
    took = time.perf_counter() - t0
    if len(ds) == 0:  # MIDI files missing (half unpacked) was "built: 0 windows", exit 0; train then a traceback
        from .dataset import DatasetError, resolve_gmd_path

        raise DatasetError(f"{resolve_gmd_path(args.gmd)}: no 2-bar drum windows: none of the 4/4 MIDI files its "
                           "info.csv lists could be read as drums (a half-unpacked download?)")
    print(f"{'built' if built else 'cache is current'}: {cache_file} ({len(ds)} windows, {took:.1f} s)")
    counts = ds.counts()
    print(f"{'genre':<10}" + "".join(f"{s:>12}" for s in SPLITS))
    for g in GENRES + ("total",):
        print(f"{g:<10}" + "".join(f"{counts[s][g]:>12}" for s in SPLITS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
