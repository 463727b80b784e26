"""`reagroove live` (drums played along on MIDI ports) and `reagroove ports` (the ports it can use).

Split from commands.py to keep each file short; the entry points still name commands.py, which
re-exports these. The model is loaded through commands._engine, so one stand-in serves every command.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time

from reagroove.core.errors import ReaGrooveError
from reagroove.core.live_cues import STOP_AFTER
from reagroove.core.options import (BPM_RANGE, add_settings_options, live_meter_option, pattern_ref,
                                    settings_from_args, tempo_bpm)
from reagroove.core.option_paths import (refuse_non_midi_output, refuse_overwriting_inputs,
                                         refuse_saving_settings_onto)


class DefaultBPM(float):
    """--bpm's default, 120, told apart from a 120 given: the entry line offers its half to a player whose notes read
    both ways (live_half_tempo.py; a ballad at 60 had the drums at 120, unsaid), never to one who asked for 120."""


def _engine(args):
    from . import commands

    return commands._engine(args)



def add_live_command(sub) -> None:
    p = sub.add_parser("live", help="play along on MIDI ports", description="Listen on a MIDI input and play drums on a MIDI output. Ctrl-C stops.")
    p.add_argument("--in", dest="inport", required=True, metavar="PORT", help="input port (name or a unique part of it; 'reagroove ports' lists them)")
    p.add_argument("--out", dest="outport", required=True, metavar="PORT", help="output port for the drums (channel 10)")
    clock = p.add_mutually_exclusive_group()
    clock.add_argument("--bpm", type=tempo_bpm, default=DefaultBPM(120.0),
                       help=f"internal clock tempo, {BPM_RANGE} (default 120): where you start; the drums then take your tempo from "
                            "your first notes (about 0.68-1.4 times it) and follow it")
    clock.add_argument("--clock-in", action="store_true", help="follow MIDI clock on the input port")
    p.add_argument("--record", metavar="FILE.mid", help="keep the session (input and drums) as a MIDI file")
    p.add_argument("--memory", type=float, default=0.6, metavar="0..1",
                   help="how much of what you played the drums still follow a bar later (0 = only the bar just "
                        "played; default 0.6)")
    p.add_argument("--no-adaptive", action="store_true", help="dense input does not forget faster")
    p.add_argument("--every", choices=("bar", "beat"), default="bar", help="regenerate each bar (default) or each beat")
    p.add_argument("--idle-pattern", metavar="NAME",
                   help="play this pattern while the input is silent: before you start and when you stop (a saved "
                        "pattern, a genre prototype, or a MIDI or audio file; default: silence until you play, then "
                        "the last loop kept)")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--beats-per-bar", type=float, default=4.0, metavar="BEATS",
                     help="quarter-note beats per bar, 1 to 16 in halves (default 4; 3 = 3/4, 3.5 = 7/8)")
    bar.add_argument("--meter", type=live_meter_option, metavar="N/D",
                     help="the time signature, e.g. 6/8 or 12/8: played in its own pulse (6/8 in two dotted "
                          "quarters, where --beats-per-bar 3 plays three quarters; default 4/4)")
    p.add_argument("--stop-after", type=int, default=STOP_AFTER, metavar="BARS",
                   help=f"after this many bars with nothing played, the drums end (a last hit on the bar line) and "
                        f"come back in when you play again (default {STOP_AFTER}; 0: they play on until Ctrl-C)")
    p.add_argument("--duration", type=float, metavar="SECONDS", help="stop after this many seconds (default: play until Ctrl-C)")
    p.add_argument("--drum-map", metavar="FILE", help="a drum map (JSON/TOML) for the output's kit (default General MIDI)")
    p.add_argument("--cue-cc", type=int, metavar="0..127",
                   help="a footswitch's controller number that cues the next section: a value from 64 is a press; "
                        "the drums fill in the bar before it and crash on its 1 (default: none)")
    p.add_argument("--cue-note", type=int, metavar="0..127",
                   help="a pad's note that cues the next section as --cue-cc does; never played along with "
                        "(default: none)")
    p.add_argument("--cue-channel", type=int, metavar="1..16",
                   help="the MIDI channel --cue-cc or --cue-note come on: the same note or controller on another "
                        "channel is played (a bassist's low C under a pad's) (default: any)")
    add_settings_options(p)
    p.set_defaults(func=run_live)


@contextlib.contextmanager
def _ctrl_c_held():
    """Ctrl-C is ignored while the take is closed and saved: a second press (the usual habit) would
    lose the recording it is waiting for. Only the main thread can set signal handlers."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# Why a saved hold does nothing live, after "hold (where it came from)": one sentence for `live --settings` and the
# panels (reaper_ext/panel/modes.py, reaper_ext/dock/host.py), which said nothing of it
HOLD_NO_EFFECT_LIVE = ("has no effect live: drumify holds one loop through each section of a song it has read whole; "
                       "live, the drums follow each bar you play")


def live_ignored(settings) -> list[str]:
    """A line for each saved setting live play cannot honour: a settings file saved by `drumify --hold` played
    live had its hold dropped unsaid (live drums follow each bar played; the song's sections are not known ahead)."""
    if not settings.hold:
        return []
    return [f"hold (from the settings file) {HOLD_NO_EFFECT_LIVE}"]


def run_live(args) -> int:
    from reagroove.core.drummap import GM_DRUM_MAP, load_drum_map
    from reagroove.core.live_entry import JoinedSession
    from reagroove.core.live_lines import settings_said, summary_line
    from reagroove.core.livemidi import Recording, close_live_player, open_live_player

    from reagroove.core.files import check_writable, refuse_writing_over_own_midi

    if not 0.0 <= args.memory <= 1.0:
        raise ReaGrooveError(f"--memory must be from 0 to 1, got {args.memory:g}")
    if not (1 <= args.beats_per_bar <= 16 and (args.beats_per_bar * 2).is_integer()):  # 3.5 = a 7/8 bar
        raise ReaGrooveError(f"--beats-per-bar must be quarter notes from 1 to 16 in halves (4 = 4/4, 3.5 = 7/8), "
                             f"got {args.beats_per_bar:g}")
    meter = args.meter or args.beats_per_bar
    if not 0 <= args.stop_after <= 999:
        raise ReaGrooveError(f"--stop-after must be a number of bars from 0 (play on) to 999, got {args.stop_after}")
    if args.duration is not None and not 0 < args.duration < float("inf"):
        raise ReaGrooveError(f"--duration must be a number of seconds above 0, got {args.duration:g}")
    if args.record:  # a take saved as take.wav, or onto a folder, was lost at its end
        refuse_non_midi_output(args.record, "--record", "the take is")
        refuse_overwriting_inputs(args.record, args)  # a pattern, settings or drum map file read for the session
        refuse_saving_settings_onto([args.record], args)
        check_writable(args.record)  # now, not after the take
        if refuse_writing_over_own_midi([args.record], "--record"):  # the player's own MIDI is never written over
            print(f"note: {args.record} holds an earlier take; this take replaces it at its end", file=sys.stderr)
    drum_map = load_drum_map(args.drum_map) if args.drum_map else GM_DRUM_MAP
    record = Recording() if args.record else None
    # The ports first: a misspelled name is said at once, not after the model has loaded (seconds).
    player = open_live_player(None, args.inport, args.outport, args.bpm, clock_in=args.clock_in,
                              drum_map=drum_map, record=record, cue_cc=args.cue_cc, cue_note=args.cue_note,
                              cue_channel=args.cue_channel)
    player.default_bpm = isinstance(args.bpm, DefaultBPM)  # (--clock-in: the clock reads no opening)
    try:
        engine = _engine(args)
        settings = settings_from_args(args, engine)
        # a file too, as --pattern-a takes one (its name lives for this session)
        idle = pattern_ref(args.idle_pattern, engine) if args.idle_pattern else None
        # a LiveSession that joins where a MIDI clock master starts mid-song (LivePlayer: live_entry.join_at)
        session = player.session = JoinedSession(
            engine, settings, beats_per_bar=meter, regenerate=args.every, memory=args.memory,
            adaptive=not args.no_adaptive, idle_pattern=idle, stop_after=args.stop_after or None,
        )
        session.drum_map = drum_map  # pads played are read as a kit by the map the drums play (live_kit.py)
        player.idle_name = args.idle_pattern and os.path.basename(args.idle_pattern)  # as typed (a file: its name)
    except BaseException:
        close_live_player(player)
        raise
    from reagroove.core.settings import far_settings, ignored_settings

    for note in ignored_settings(settings) + far_settings(settings) + live_ignored(settings):  # as drumify says them
        print(f"note: {note}")
    early = 0 if args.clock_in else player.drain()  # (a clock master's start may be waiting: kept)
    if early:
        print(f"note: {early} note{'s' if early != 1 else ''} played while the drums were loading left out: "
              "the drums follow what you play from here")
    print(_first_line(args, player, settings_said(settings)), flush=True)
    player.say = lambda line: print(line, flush=True)  # the tempo the drums come in at, a tempo followed
    t0 = time.monotonic()
    stopped = False
    try:
        player.run(duration=args.duration)
        stopped = True
    except KeyboardInterrupt:  # pressed as the play began: stopped the same way
        stopped = True
    finally:
        with _ctrl_c_held():
            try:
                close_live_player(player)
            finally:
                # the take is kept even when the play ended on an error; one with none of the player's notes in it (the
                # wrong port, Ctrl-C before a note; an idle pattern's drums alone) never replaces an earlier take there
                keep = record is not None and not record.input_notes and os.path.exists(args.record)
                if record is not None and not keep:
                    record.save(args.record, player.clock.bpm, session.time_signature)
                    if not stopped:  # an error (a port unplugged) follows: say the take is safe before it
                        print(f"recorded {args.record} (the take up to the error)")
    took = session.stats.seconds
    n = session.stats.generated
    # the tempo the drums ended at: a player far from --bpm is followed, to the nearest tempo octave (70 played
    # against --bpm 120 ends at 140, the backbeat on the player's "and"s), so it is said
    ended = player.clock.bpm
    followed = "" if args.clock_in or abs(ended / args.bpm - 1) < 0.02 else \
        f", ending at {ended:.0f} BPM (followed from --bpm {args.bpm:g})"
    stats = player.stats
    print(summary_line(time.monotonic() - t0, notes=stats.sent, bars=stats.bars, runs=stats.runs, loops=n,
                       late=stats.late, late_ms=stats.late_ms, slowest_ms=max(took, default=0.0) * 1000,
                       followed=followed))
    if keep:
        print(f"no notes of yours recorded: the earlier take in {args.record} is kept")
    elif record is not None:
        print(f"recorded {args.record}")
    for line in _unheard(args, player, n, early):
        print(line)
    return 0


def _first_line(args, player, said: str = "") -> str:
    """What the session waits for, as it starts: "playing at 120 BPM" was all a first session said, then silence
    until the player's first bar (with --bpm left out, a tempo the drums never play unless the player does). `said`:
    the settings the drums play with (live_lines.settings_said), said back so a player knows the command took."""
    ports = f"{player.inport.name} -> {player.outport.name}"
    drums = f"the drums play {said}; they" if said else "the drums"
    if args.clock_in:
        return f"following MIDI clock: {ports}; {drums} start with the master's transport; Ctrl-C stops"
    if args.idle_pattern:
        then = f"; then the drums play {said}" if said else ""
        name = player.idle_name or args.idle_pattern  # (named as the later lines name it: a file by its name)
        return f"playing at {args.bpm:g} BPM: {ports}; {name} plays until you do{then}; Ctrl-C stops"
    if isinstance(args.bpm, DefaultBPM):
        return (f"listening: {ports}; {drums} come in when you play, at your tempo (read from about "
                f"{args.bpm:g} BPM; --bpm sets it); Ctrl-C stops")
    return f"playing at {args.bpm:g} BPM: {ports}; {drums} come in when you play; Ctrl-C stops"


def _unheard(args, player, loops: int, early: int) -> list[str]:
    """Why the drums never played, where nothing reached them: a session on the wrong port (the keyboard on
    another one) or --clock-in with no master started had ended on "0 drum notes", unexplained."""
    port = f"'{player.inport.name}'"
    if args.clock_in and not loops:
        kept = player.stats.unclocked
        left = f" ({kept} note{'s' if kept != 1 else ''} played were left out)" if kept else ""
        return [f"no MIDI clock start came in on {port}{left}: the drums wait for the master's transport to start; "
                "leave --clock-in out to have them follow your playing"]
    if not args.clock_in and not player.stats.input_notes and not early:  # (notes left out while loading: said)
        return [f"no notes came in on {port}: is your keyboard on that port? ('reagroove ports' lists them)"]
    return []


def add_ports_command(sub) -> None:
    p = sub.add_parser("ports", help="list MIDI input and output ports",
                       description="List the MIDI input and output ports, by the names `reagroove live --in/--out` take.")
    p.set_defaults(func=run_ports)


def run_ports(args) -> int:
    from reagroove.core.livemidi import port_names

    ins, outs = port_names()
    print("inputs:" + ("".join(f"\n  {n}" for n in ins) or " none"))
    print("outputs:" + ("".join(f"\n  {n}" for n in outs) or " none"))
    return 0
