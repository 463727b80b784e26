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
import os
import sys
from importlib import metadata

from .default_output import fill_default_output
from .errors import ReaGrooveError, said_with_option
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
    from .command_overview import command_order

    commands = _commands()
    for name in command_order(commands):  # the producer's first in its help too, the model's last
        if only is None or name == only:
            commands[name].load()(sub)
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
        if getattr(args, "command", None) is None:  # bare `reagroove`: what a producer runs first (exit 0, as --help)
            from .command_overview import overview

            parser._print_message(overview(parser), sys.stdout)  # (argparse's: a full stdout is no traceback)
            return 0
        parser.print_help()
        return EXIT_USAGE
    try:
        refuse_empty_names(_parser_of(parser, argv), args)
        expand_home(_parser_of(parser, argv), args)
        from .named_drums import leave_out_earlier_drums

        leave_out_earlier_drums(args)  # `drumify *.mid` over bass.mid and bass_drums.mid: the part alone
        fill_default_output(args, _parser_of(parser, argv))  # `drumify bass.mid`: bass_drums.mid beside it
        code = int(args.func(args) or 0)
        from .options import save_pending_settings

        save_pending_settings(args)  # after the run: none for a run refused on its input
        return code
    except ReaGrooveError as exc:  # a file given to an option said with it: "--drum-map kit.toml: ..."
        print(f"reagroove: error: {said_with_option(exc, _parser_of(parser, argv), args)}", file=sys.stderr)
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


# ---------------------------------------------------------------- groove: core/groove_command.py

def add_groove_command(sub) -> None:
    """`reagroove groove`, in core/groove_command.py: pyproject.toml's entry point names it here."""
    from .groove_command import add_groove_command as add

    add(sub)


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
