"""Command-line options shared by every command that generates drums.

`reagroove drumify`, `interpolate`, `live` and `reagroove reaper ...` take the
same generation controls; they are declared and turned into a `Settings` here,
in core, so the REAPER layer needs the models layer only for the engine.
The engine is passed in (anything with a `patterns` store and `tuned_thresholds`); nothing here
imports torch.
"""

from __future__ import annotations

import argparse
import os
import sys

from .errors import ReaGrooveError
from .loop import VOICE_GROUPS, VOICES
from .near_names import meant
from .file_kinds import AUDIO_SUFFIXES, MIDI_SUFFIXES
from .settings import (FEELS, MAX_BPM, MAX_TEMPERATURE, MAX_VARIATIONS, MIN_BPM, TAKE_TEMPERATURE, SettingsError, check_bpm,
                       check_variations, list_items)
from .wording import listed
from .option_paths import (input_paths, refuse_missing_windows_files, refuse_missing_windows_input,
                           refuse_non_json_output, refuse_overwriting_inputs, refuse_writing_over_other_kind)

BPM_RANGE = f"{MIN_BPM:g} to {MAX_BPM:g}"  # said in every --bpm help: tempo_bpm refuses the rest


def start_help(what: str, drums: bool = True) -> str:
    """--start's help, for `what` (an audio file, audio inputs). Below 0 is taken, not refused: a take bounced from
    mid-bar (from beat 3) has its bar line before its start, and the part bar is a pickup (`--start -1` at 120 BPM:
    beats 3 and 4, then bar 1 at 1 s); the help had not said what it meant."""
    pickup = "plays as a pickup" if drums else "is read as a pickup"
    return (f"where bar 1 starts in {what}; below 0 for a take that opens mid-bar, its bar line that long before "
            f"the audio: the part bar {pickup}, bar 1 is the next (default: estimated)")


def bar_range(text: str) -> tuple[int, int | None]:
    """'5-12' -> (5, 12); '5' -> (5, 5); '5-' -> (5, None), bar 5 to the end; '-8' -> (1, 8), up to bar 8 (as
    '5-' reads from bar 5). An argparse type: bad text is an ArgumentTypeError."""
    try:
        lo, dash, hi = text.strip().partition("-")
        first = 1 if dash and not lo.strip() and hi.strip() else int(lo)
        last = int(hi) if hi.strip() else (None if dash else first)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a bar range such as 5-12, 5- or -8") from None
    if first < 1 or (last is not None and last < first):
        raise argparse.ArgumentTypeError(f"'{text}' is not a bar range: bars count from 1, first <= last")
    return first, last


def tempo_bpm(text: str) -> float:
    """A --bpm value: settings.check_bpm's range, the one every path takes (an audio file's tempo, the live
    clock, interpolate's output), with its one-line error. An argparse type."""
    try:
        return check_bpm(text)
    except SettingsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def meter_option(text: str) -> tuple[int, int]:
    """A time signature 'N/D' as (N, D): the syntax every --meter takes. An argparse type."""
    num, _, den = str(text).strip().partition("/")
    try:
        n, d = int(num), int(den)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time signature such as 3/4 or 6/8") from None
    if n < 1 or d < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time signature such as 3/4 or 6/8")
    return n, d


def live_meter_option(text: str) -> tuple[int, int]:
    """Live's --meter: a time signature (meter_option's syntax) of 1 to 16 quarter notes a bar in 4ths, 8ths or
    16ths, what a live session plays (3/4, 6/8, 7/8, 12/8). An argparse type."""
    n, d = meter_option(text)
    if d not in (4, 8, 16) or not 1 <= n * 4 / d <= 16:
        raise argparse.ArgumentTypeError(f"'{text}' is not a meter live plays: 4ths, 8ths or 16ths, 1 to 16 quarter "
                                         "notes a bar (3/4, 6/8, 7/8, 12/8)")
    return n, d


def audio_meter_option(text: str) -> tuple[int, int]:
    """An audio file's --meter: one of core.audio.AUDIO_METERS (4/4, 3/4, 6/8, 12/8), checked where read_audio
    checks it, with its one-line error. An argparse type."""
    from .audio import audio_meter

    try:
        return audio_meter(meter_option(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_audio_meter_options(p, inputs: str = "audio inputs") -> None:
    """--meter and --beats-per-bar (its older name for 3/4 and 4/4), one or the other: `audio_meter_of` reads them."""
    group = p.add_mutually_exclusive_group()
    group.add_argument("--meter", type=audio_meter_option, metavar="N/D",
                       help=f"the time signature of {inputs}: 4/4, 3/4, 6/8 or 12/8 (default: read from the audio, "
                            "4/4 unless it clearly shows a waltz, a 6/8 or a 12/8); --bpm counts quarter notes in any meter (6/8 at 60 dotted "
                            "quarters a minute is --bpm 90)")
    group.add_argument("--beats-per-bar", type=int, choices=(3, 4), help="3 or 4: as --meter 3/4 or 4/4")


def audio_meter_of(args) -> tuple[int, int] | None:
    """The meter --meter or --beats-per-bar gave for audio inputs, (N, D), or None (read from the audio)."""
    meter = getattr(args, "meter", None)
    beats = getattr(args, "beats_per_bar", None)
    return meter if meter is not None else (beats, 4) if beats is not None else None


def variations_option(count: int) -> int:
    """drumify's --variations (a whole number: argparse read it): settings.check_variations's range, the one the
    panels and `reaper variations --count` take, with drumify's one-line error."""
    try:
        return check_variations(count, "--variations")
    except SettingsError:
        raise SettingsError(f"--variations must be from 1 to {MAX_VARIATIONS}, got {count}") from None


def fill_every_option(text: str) -> int:
    """--fill-every: a count of 2-bar loops ('4'), or of bars ('8bars', '8 bars'), even, as the panels show it;
    the loops either way (Settings.fill_every, whose range check says 0 to 64). An argparse type."""
    t = str(text).strip().lower().replace(" ", "")
    bars = t.endswith("bar") or t.endswith("bars")
    digits = t.removesuffix("s").removesuffix("bar") if bars else t
    try:
        n = int(digits)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of 2-bar loops (4) or of bars (8bars)") from None
    if not bars:
        return n
    if n % 2:
        near = " or ".join(f"{m}bars" for m in (n - 1, n + 1) if m > 0)
        raise argparse.ArgumentTypeError(f"'{text}': a fill ends a 2-bar loop, so phrases are an even number of bars "
                                         f"(give {near})")
    if n > 128:  # said in bars, as typed (Settings would say 'got 100' of 200bars)
        raise argparse.ArgumentTypeError(f"'{text}': at most 128bars (64 loops)")
    return n // 2


# --swing's word for the part's own swing (Settings.swing None), so a saved swing can be undone
PART_SWING = "part"


def swing_option(text: str) -> float | str:
    """--swing: a percent as DAWs say it ('62', '62%'; Settings checks its range) or 'part' (PART_SWING: the part's
    own swing, the default). An argparse type."""
    t = str(text).strip().lower().removesuffix("%").strip()
    if t == PART_SWING:
        return PART_SWING
    try:
        return float(t)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a swing: give a percent from 50 (straight) to 75, "
                                         f"66 for a triplet shuffle, or 'part' for the part's own") from None


def seed_option(text: str) -> int:
    """--seed: a whole number (Settings checks its range). argparse's own "invalid int value: 'abc'" said
    neither what a seed is nor which numbers are one."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a seed: give a whole number from 0 to {2**32 - 1}") from None


def server_port(text: str) -> int:
    """--port: a port REAPER's server can listen on (another was said to be "not answering" forever)."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a number from 1 to 65535, not {text!r}")  # argparse names --port
    return port


def wait_seconds(text: str) -> float:
    """--timeout: a wait above 0 s (at 0 or less every call to REAPER failed, said as "REAPER is not answering")."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):  # NaN too
        raise argparse.ArgumentTypeError(f"a number of seconds above 0, not {text!r}")
    return seconds


def add_settings_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("generation controls")
    g.add_argument("--settings", metavar="FILE.json", help="start from settings saved with --save-settings")
    g.add_argument("--save-settings", metavar="FILE.json", help="save the settings used")
    g.add_argument("--genre", metavar="MIX", help="genre mix, e.g. rock, or funk=0.7,jazz=0.3 with a weight for each (genres: afro disco funk hiphop jazz latin pop reggae rock; default: none, no genre preference)")
    g.add_argument("--follow", type=float, metavar="0..1", help="how closely the drums follow the input versus pattern A/B: 0 plays a drum pattern's own beat "
                   "('reagroove patterns show NAME' prints it), 1 the input's drums (default 1; 0.5 once a pattern is named)")
    g.add_argument("--pattern-a", metavar="NAME|FILE", help="pattern A: a saved pattern, a genre prototype (e.g. rock), or a MIDI or audio file (default: none)")
    g.add_argument("--pattern-b", metavar="NAME|FILE", help="pattern B, where --interpolate 1 arrives from pattern A; given alone, the pattern the drums lean toward, as pattern A (default: none)")
    g.add_argument("--interpolate", type=float, metavar="0..1", help="position between pattern A (0) and B (1) (default 0)")
    g.add_argument("--density", type=float, metavar="0..1", help="fewer (0) to more (1) hits; default: what the input suggests")
    # --mute kick --mute snare mutes both (the last alone was kept, kick played unsaid)
    g.add_argument("--mute", metavar="GROUPS", action="append", help=f"voice groups to switch off, e.g. toms,cymbals ({', '.join(VOICE_GROUPS)}); all = every group off, none = every group on (default: none, every group plays)")
    # a settings file that mutes toms had no option to bring them back (as --no-hold undoes a saved --hold)
    g.add_argument("--unmute", metavar="GROUPS", action="append", help="voice groups to switch back on where --settings muted them, e.g. toms (all = every group; default: none)")
    # its default follows the seed (Settings): "0 (default)" left a seeded run's 0.3 unsaid
    g.add_argument("--temperature", type=float, metavar="T", help=f"0 = most likely loop; higher, up to {MAX_TEMPERATURE:g}, = more variety (0.5-1 keeps the groove; above 1.5 often leaves it); default 0 at seed 0, {TAKE_TEMPERATURE:g} with another seed (each seed its own take)")
    g.add_argument("--threshold", metavar="T|VOICE=T,...", help="hit threshold 0..1, for all voices or per voice (e.g. kick=0.3,ride=0.7; voices as --max-hits; default: the model's tuned one per voice)")
    g.add_argument("--max-hits", metavar="N|VOICE=N,...", help=f"maximum hits per loop, 0 to 32 (a loop is 2 bars), for all voices or per voice (voices: {' '.join(VOICES)}), kept as a drummer thins: kick=4 keeps the kick on 1 and 3, closed_hat=8 the hats on the beats (default: no limit)")
    g.add_argument("--humanize", type=float, metavar="0..1", help="1 = the model's timing and dynamics, and a drummer's small seeded touch over a part "
                   "entered on the grid (default); 0 = quantized and flat")
    g.add_argument("--seed", type=seed_option, help=f"same settings + same seed = same drums; another seed, another take (0 to {2**32 - 1}; default 0)")
    # a count of loops, as stored (Settings.fill_every); Nbars as the panels show it ('every 8 bars'): a producer
    # typed --fill-every 8 for fills every 8 bars and got them every 16
    g.add_argument("--fill-every", type=fill_every_option, metavar="N|Nbars", help="a fill every 2N bars: phrases of N 2-bar loops, 0 to 64, or given in bars as the panels show it (8bars = 4): a fill ends each phrase, a crash opens the next (4 or 8bars = fills ending bars 8, 16, 24, ...; default 0 = none)")
    g.add_argument("--fill-bars", metavar="BARS", help="bars that end in a fill, e.g. 8,16,24 or '8 16 24' (a crash opens the next bar; default: none)")
    g.add_argument("--fill-length", choices=("beat", "half", "bar"), help="how much of its bar a fill takes (default half)")
    g.add_argument("--feel", choices=FEELS, help="half: each 4/4 bar in half time, the kick on 1, the backbeat on 3, the hats on the bar's 8ths (trap, hip-hop; with --genre reggae its one drop, the kick with the snare on 3; jazz keeps its ride; default normal)")
    g.add_argument("--swing", type=swing_option, metavar="PERCENT|part", help="the drums' swing, as DAWs say it: 50 plays straight, 58 a light swing, 66 a triplet shuffle, 75 a hard one, whatever swing the part plays; part: the part's own (default; a drum part keeps its own feel)")
    crash = g.add_mutually_exclusive_group()
    crash.add_argument("--no-opening-crash", dest="opening_crash", action="store_false", default=None, help="no crash on the part's first downbeat")
    # a settings file saved with --no-opening-crash had no option to turn it back on
    crash.add_argument("--opening-crash", dest="opening_crash", action="store_true", default=None, help="a crash on the part's first downbeat (the default; turns it on where --settings turned it off)")
    g.add_argument("--weights", metavar="FILE", help="another model's weights: a drummer.pt, or a training run's folder holding one (default: the shipped model)")


def per_voice_option(text: str, name: str, kind):
    """'0.3' -> 0.3 for every voice; 'kick=0.3,ride=0.7' -> {'kick': 0.3, 'ride': 0.7} (names checked by Settings)."""
    if "=" not in text:
        try:
            return kind(text)
        except ValueError:
            raise ReaGrooveError(f"--{name} '{text}' is not {_number(text, kind)}") from None
    out = {}
    for part in list_items(text):
        voice, _, value = part.partition("=")
        voice = voice.strip().lower()  # Kick=4 as --genre Rock and --mute Toms are read: names in any case
        if not voice:  # '=4' was "unknown voice ''"
            example = f"kick={4 if kind is int else 0.3}"
            raise ReaGrooveError(f"--{name}: '{part.strip()}' names no voice: give VOICE=VALUE, e.g. {example}")
        if voice in out:  # the last had won without a word, as a genre given twice is refused
            raise ReaGrooveError(f"--{name}: {voice} is given twice in '{text}': give each voice once")
        try:
            out[voice] = kind(value)
        except ValueError:
            raise ReaGrooveError(f"--{name}: '{value}' for {voice} is not {_number(value, kind)}") from None
    return out


def _number(text: str, kind) -> str:
    """What `text` is not: 'a number', or for a count given as 2.5 'a whole number' (it is a number)."""
    try:
        float(text)
    except ValueError:
        return "a number"
    return "a whole number" if kind is int else "a number"


def settings_from_args(args, engine=None, *, patterns_later: bool = False, base=None):
    """Settings from --settings plus the options given; MIDI or audio files as patterns are added to the engine.
    patterns_later: the caller fills in pattern B afterwards and checks --interpolate there (REAPER's actions, from
    the patterns set from items); base: the settings the options change, read already (None: --settings')."""
    from .errors import InputFileError
    from .settings import Settings, SettingsError, parse_fill_bars, parse_genre_mix, per_voice

    damaged = getattr(getattr(engine, "patterns", None), "damaged", None)
    if damaged and not getattr(args, "quiet", False):  # the run goes on without them: said, with the file to fix
        print(f"note: your saved patterns are left out (fix or remove the file to use them): {damaged}", file=sys.stderr)
    for option in ("settings", "save_settings"):  # `--settings "$S"` with S unset played the defaults, unsaid
        if getattr(args, option, None) is not None and not str(getattr(args, option)).strip():
            raise ReaGrooveError(f"--{option.replace('_', '-')} is empty: give a .json settings file")
    refuse_missing_windows_files(args)
    if base is None:
        base = Settings.load(args.settings) if getattr(args, "settings", None) else Settings()
    changes: dict = {}
    if args.genre is not None:
        changes["genre"] = parse_genre_mix(args.genre, "--genre")
    for name in ("follow", "interpolate", "density", "temperature", "humanize", "seed", "fill_every", "fill_length",
                 "opening_crash", "feel"):
        if getattr(args, name, None) is not None:
            changes[name] = getattr(args, name)
    if getattr(args, "swing", None) is not None:  # 'part': none asked, also over a saved one
        changes["swing"] = None if args.swing == PART_SWING else args.swing
    if getattr(args, "fill_bars", None) is not None:
        changes["fill_bars"] = parse_fill_bars(args.fill_bars, "--fill-bars")  # the panel's field reads it alike
    groups = _voice_groups(args, base.voice_groups)
    if groups is not None:
        changes["voice_groups"] = groups
    if getattr(args, "variations", None) is not None:  # drumify's count: saved, so --settings plays it again
        changes["variations"] = variations_option(args.variations)
    if args.threshold is not None:
        threshold = per_voice_option(args.threshold, "threshold", float)
        if isinstance(threshold, dict):  # kick=0.4: the voices not named keep theirs, not a flat 0.5
            try:
                threshold = per_voice("threshold", threshold, float, 0.0, 1.0, base.threshold or engine.tuned_thresholds())
            except SettingsError as exc:
                raise SettingsError(_in_option_words(str(exc), {"threshold": threshold}, args)) from None
        changes["threshold"] = threshold
    if args.max_hits is not None:
        max_hits = per_voice_option(args.max_hits, "max-hits", int)
        if isinstance(max_hits, dict) and base.max_hits is not None:  # kick=4: a saved closed_hat=16 stays
            try:
                max_hits = per_voice("max_hits", max_hits, int, 0, 32, base.max_hits)
            except SettingsError as exc:
                raise SettingsError(_in_option_words(str(exc), {"max_hits": max_hits}, args)) from None
        changes["max_hits"] = max_hits
    from pathlib import Path

    files: dict = {}  # a pattern from a file: its path (the name it gets lives for this run only)
    for key in ("pattern_a", "pattern_b"):
        ref = getattr(args, key)
        saved = ref is None and names_file(getattr(base, key))
        if saved:  # a settings file saved with a file as pattern
            ref = getattr(base, key)
        if ref is not None:
            try:
                changes[key] = pattern_ref(ref, engine, quiet=getattr(args, "quiet", False))
            except InputFileError as exc:  # a file moved since: said as the settings' pattern, not one typed
                if not saved:
                    raise
                what = "pattern A" if key == "pattern_a" else "pattern B"
                raise InputFileError(exc.path, f"{exc.problem} ({what} in the settings file {args.settings}; "
                                     f"give --{key.replace('_', '-')} to play another)") from None
            if changes[key] != ref:  # a file, taken as the pattern of its name
                files[key] = str(Path(ref).resolve())
    if getattr(args, "hold", None) is not None:  # drumify's --hold / --no-hold (the one a saved hold needs)
        changes["hold"] = args.hold
    try:
        settings = base.replace(**changes) if changes else base
    except SettingsError as exc:  # Settings names its fields (fill_every): say the option the user typed
        raise SettingsError(_in_option_words(str(exc), changes, args)) from None
    # `reagroove interpolate A B` walks its own A and B (args.a, args.b): there --interpolate is said not to apply
    own_ends = hasattr(args, "a") and hasattr(args, "b")
    if getattr(args, "interpolate", None) and settings.pattern_b is None and not own_ends and not patterns_later:
        # typed with no B: refused. From a settings file (the pad dragged across before a B was chosen, in either
        # panel) it has no effect, as the panels show it (A <-> B greyed out): the file played, it was refused
        raise ReaGrooveError("--interpolate needs --pattern-b (and --pattern-a)")
    if (getattr(args, "pattern_b", None) is not None and settings.interpolate == 0 and settings.pattern_a
            and settings.pattern_a != settings.pattern_b and not own_ends and not getattr(args, "quiet", False)):
        # B was asked for but plays nowhere: at --interpolate 0 the drums lean toward A alone (said, not refused:
        # a settings file may hold B for later)
        print("note: pattern B plays only with --interpolate above 0 (0: pattern A, 1: pattern B); "
              "the drums lean toward pattern A alone", file=sys.stderr)
    if (getattr(args, "pattern_b", None) is not None and settings.pattern_a is None and not own_ends
            and not getattr(args, "quiet", False)):
        # B alone played as A (the engine's "B alone is both ends"), where the help said "for --interpolate"
        print("note: pattern B alone is the pattern the drums lean toward, as pattern A; give --pattern-a too to "
              "blend from A to B with --interpolate", file=sys.stderr)
    if getattr(args, "feel", None) == "half" and own_ends:
        # half time lays a part's windows on its bars (core/feel.py), as live play lays its loops (core/live_bars.py):
        # a path's loops are not laid so (interpolate's --quiet still says what it cannot use)
        print("note: --feel half plays in drumify (and REAPER's drumify) and live play; interpolate plays the "
              "normal feel", file=sys.stderr)
    if getattr(args, "swing", None) not in (None, PART_SWING) and own_ends:  # (a path's swing moves from end to end)
        print("note: --swing plays in drumify (and REAPER's drumify and variations) and live play; interpolate plays "
              "each end's own swing", file=sys.stderr)
    if getattr(args, "feel", None) == "half" and hasattr(args, "stop_after") and not getattr(args, "quiet", False):
        from .meter import time_signature  # (live play loads the engine and numpy anyway)

        num, den = time_signature(getattr(args, "meter", None) or getattr(args, "beats_per_bar", 4.0))
        if (num, den) != (4, 4):  # half time plays 4/4 bars only (core/feel.py): in 3/4 it changes nothing
            print(f"note: --feel half has no effect in {num}/{den}: half time plays 4/4 bars as two half-note beats",
                  file=sys.stderr)
    if getattr(args, "save_settings", None):
        inputs = input_paths(args)
        if getattr(args, "settings", None) and _plain_settings_file(args.settings):
            # `--settings verse.json --density 0.3 --save-settings verse.json` updates the settings it started
            # from (already read), where it was refused as an input; the panel's panel.json is still refused
            inputs.discard(Path(args.settings).resolve())
        refuse_overwriting_inputs(args.save_settings, args, inputs)
        refuse_non_json_output(args.save_settings, "--save-settings")
        refuse_writing_over_other_kind(args.save_settings, "settings", "--save-settings")
        from .files import check_writable

        # now, not once the drums are written: a folder there (or a file where a folder goes) failed the run at
        # its end, its drums written and its settings not
        check_writable(args.save_settings)
        newer = Settings.newer_version(args.save_settings)
        if newer is not None:  # it holds what this ReaGroove cannot read: the panel leaves it too
            from .errors import OutputFileError

            raise OutputFileError(args.save_settings, f"saved by a newer ReaGroove (settings format {newer}): "
                                  "not written over; update ReaGroove or save elsewhere")
        # a pattern from a file is saved as that file (its name lives for this run only): --settings reads the
        # file again and plays the same drums, from any folder. Saved once the run has done its work
        # (save_pending_settings): a run refused on its input (an empty MIDI file) had saved them all the same.
        args.pending_settings = settings.replace(**files) if files else settings
    return settings


def save_pending_settings(args) -> None:
    """--save-settings' file, written after the command ran (settings_from_args checked it could be)."""
    settings = getattr(args, "pending_settings", None)
    if settings is None:
        return
    args.pending_settings = None
    settings.save(args.save_settings)
    if not getattr(args, "quiet", False):  # written unsaid, where groove --json and drumify -o say theirs
        print(f"wrote {args.save_settings}: the settings used")


def _voice_groups(args, base: dict) -> dict | None:
    """The voice groups after --mute and --unmute (None: neither given). 'all' names every group (--mute all: every
    group off, --unmute all: every group on), as 'none' (--mute none: every group on); a group both muted and
    unmuted is refused rather than one of them ignored."""
    from .settings import SettingsError

    def given(option: str) -> str | None:  # every --mute (--unmute) given, as one list
        value = getattr(args, option, None)
        return " ".join(value) if isinstance(value, list) else value

    def named(option: str, words: tuple[str, ...]) -> list[str]:
        items = [i.lower() for i in list_items(given(option) or "")]
        for everything in (w for w in words if w in items):
            if len(items) > 1:
                raise SettingsError(f"--{option} {everything} means every group: give it alone, not with "
                                    f"{', '.join(i for i in items if i != everything)}")
            return list(VOICE_GROUPS)
        for item in items:
            if item not in VOICE_GROUPS:
                raise SettingsError(f"--{option}: unknown voice group '{item}'{meant(item, VOICE_GROUPS)} (groups are: "
                                    f"{', '.join(VOICE_GROUPS)})")
        return items

    if given("mute") is None and given("unmute") is None:
        return None
    for option, everything in (("mute", "all or none"), ("unmute", "all")):
        if given(option) is not None and not list_items(given(option)):
            raise SettingsError(f"--{option} is empty: give voice groups such as toms,cymbals, or {everything}")
    # --mute all (every group off) was "unknown voice group 'all'" where --unmute all was every group on
    muted, unmuted = named("mute", ("all", "none")), named("unmute", ("all",))
    if (given("mute") or "").strip().lower() == "none":
        muted, unmuted = [], list(VOICE_GROUPS)
    both = [g for g in muted if g in unmuted]
    if both:
        raise SettingsError(f"{both[0]} is given to both --mute and --unmute: give it to one")
    return {**base, **{g: True for g in unmuted}, **{g: False for g in muted}}


def _plain_settings_file(path) -> bool:
    """Whether `path` holds settings alone (a settings document or the older bare dict), which saving settings
    over loses nothing of."""
    from .errors import InputFileError
    from .files import read_json
    from .settings import SETTINGS_FORMAT, document_kind

    try:
        doc = read_json(path, "settings file")
    except InputFileError:
        return False
    return document_kind(doc) == "settings" and doc.get("format", SETTINGS_FORMAT) == SETTINGS_FORMAT


# Settings fields set by an option of another name
_OPTION_OF = {"voice_groups": "mute"}
# Settings errors that begin with what is wrong, not the field's name: the field they are about
_ABOUT = {"unknown genre ": "genre", "unknown voice group ": "voice_groups"}


def _in_option_words(message: str, changes: dict, args) -> str:
    """A Settings error about a field the command line set, in the option's words: 'fill_every must be ...'
    -> '--fill-every must be ...', and a list of fill bars as the option takes it (8,16,24), not as Python
    writes it."""
    for start, name in _ABOUT.items():  # 'unknown genre ...' -> '--genre: unknown genre ...'
        if message.startswith(start) and name in changes:
            return f"--{_OPTION_OF.get(name, name).replace('_', '-')}: {message}"
    for name in changes:
        if message.startswith((name + " ", name + ":")):  # 'threshold: unknown voice' too
            option = "--" + _OPTION_OF.get(name, name).replace("_", "-")
            message = option + message[len(name):]
            if isinstance(changes[name], (int, float)):  # one value for all voices: not 'for kick', the first checked
                message = message.replace(f" for {VOICES[0]} ", " ", 1)
            if name == "swing":  # (Settings' None is the option's 'part')
                message = message.replace("or none for the part's own", "or 'part' for the part's own")
            if name == "fill_bars":
                message = message.replace("[8, 16, 24]", "8,16,24").split(", got ")[0] + f", got {args.fill_bars!r}"
            break
    return message


def audio_options_note(path, args) -> str | None:
    """A note where --bpm or --start (an audio file's tempo and bar 1) was given for a MIDI file, which keeps
    its own: the option would otherwise do nothing, unsaid. None where neither was given, or for audio."""
    from .patterns import reads_as_audio

    given = [o for o in ("bpm", "start", "beats_per_bar", "meter") if getattr(args, o, None) is not None]
    if not given or reads_as_audio(path):
        return None
    options = ["--" + o.replace("_", "-") for o in given]
    return (f"{listed(options)} {'are' if len(given) > 1 else 'is'} for audio files: a MIDI file keeps its own tempo, bar 1 "
            "and meter")


def names_file(ref) -> bool:
    """Whether a pattern reference is a MIDI or audio file rather than a pattern's name."""
    return isinstance(ref, str) and (ref.lower().endswith(MIDI_SUFFIXES + AUDIO_SUFFIXES) or os.path.sep in ref)


def pattern_ref(ref: str, engine, *, quiet: bool = False) -> str:
    """A pattern name, or a MIDI or audio file turned into a pattern (kept for this run only).

    An audio file's tempo and bar 1 are estimated (the input's --bpm is not
    taken for it: a pattern often comes from another recording); the estimate
    is printed as a note (not with `quiet`: drumify --quiet prints nothing but errors).
    """
    # a saved pattern's name that reads as a file ('groove.mid', 'verse/chorus') is that pattern where no such file is
    named = engine is not None and ref in engine.patterns.names() and not os.path.exists(ref)
    if not named and ref.lower().endswith((".json", ".toml")) and os.path.isfile(ref):
        # a settings file or drum map given as a pattern said "no pattern named 'settings.json'"
        from .errors import InputFileError
        from .settings import file_kind

        said = {"settings": "this looks like settings, not a pattern: give it to --settings",
                "drum map": "this looks like a drum map, not a pattern: give it to --drum-map",
                "patterns": "this looks like a patterns file: its patterns play by name (reagroove patterns list)"}
        raise InputFileError(ref, said.get(file_kind(ref), "not a pattern: a pattern is a MIDI or audio file, a "
                                                           "saved pattern's name or a genre prototype"))
    if names_file(ref) and not named:
        from .patterns import pattern_from_file

        refuse_missing_windows_input(ref)

        notes: list[str] = []
        pattern = pattern_from_file(ref, warnings=notes)
        for note in [] if quiet else notes:
            print(f"note: pattern {ref}: {note}", file=sys.stderr)
        if engine is not None:
            engine.patterns.add(pattern, save=False)
        return pattern.name
    if engine is not None:
        if ref not in engine.patterns.names():  # the saved patterns unread for a $REAGROOVE_DATA that is no folder
            from .files import check_user_data_folder

            check_user_data_folder()
        engine.patterns.get(ref)  # unknown names fail here, listing the known ones
    return ref


__all__ = ["add_audio_meter_options", "add_settings_options", "audio_meter_of", "audio_meter_option", "audio_options_note",
           "meter_option", "bar_range", "pattern_ref", "start_help", "tempo_bpm", "per_voice_option", "settings_from_args"]
