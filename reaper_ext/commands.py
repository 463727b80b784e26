"""`reagroove reaper ...`: the engine's side of REAPER's actions (the installed action scripts run these)."""

from __future__ import annotations

import argparse
import json
import sys
import time

from reagroove.core.constants import SERVER_PORT
from reagroove.core.errors import ReaGrooveError
from reagroove.core.files import atomic_write_text
from reagroove.core.options import add_settings_options, server_port, settings_from_args, wait_seconds
from reagroove.core.settings import MAX_VARIATIONS, check_variations

# Live follow polls REAPER at most this far apart: its bars are written 0.5 s ahead of the play cursor and REAPER
# renders 0.25 s ahead, so a longer wait between polls can write a bar after REAPER has rendered its first hits.
MAX_POLL_S = 0.25
# Live follow waits this long for a stalled REAPER (a dialog opened while playing) before it gives up.
LIVE_STALL_WAIT_S = 60.0
# An action that gave up on a stalled REAPER waits this long for it to answer again, to say so in its console
# (not when run from a terminal, which said it already; live follow always, to turn its toggle off there).
STALLED_MESSAGE_WAIT_S = 120.0
# --panel-settings: REAPER's actions play what the panels show (settings.json in ReaGroove's config folder, the file
# the docked panel gives its own runs); without it they played the defaults, the panels' Funk unheard
PANEL_SETTINGS_HELP = ("play the panels' settings (settings.json in ReaGroove's config folder: what the docked panel "
                       "and the editor show; REAPER's actions give it), the options given changing them for this run; "
                       "a damaged file is said and the defaults play")


def _share(text: str) -> float:
    """--memory: a share from 0 to 1 (out of range, live follow had reached REAPER and stopped on a bug there)."""
    try:
        share = float(text)
    except ValueError:  # as the other commands say a word given for a number (core/cli.py)
        raise argparse.ArgumentTypeError(f"{text!r} is not a number: give one from 0 to 1") from None
    if not 0.0 <= share <= 1.0:  # NaN too
        raise argparse.ArgumentTypeError(f"a number from 0 to 1, not {text!r}")  # argparse names the option
    return share


def _poll_seconds(text: str) -> float:
    """--poll: seconds between polls, above 0 and at most MAX_POLL_S."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number: give one above 0 and at most "
                                         f"{MAX_POLL_S:g} seconds") from None
    if not 0.0 < seconds <= MAX_POLL_S:
        raise argparse.ArgumentTypeError(f"seconds above 0 and at most {MAX_POLL_S:g} (the drums are written 0.5 s "
                                         f"ahead of the play cursor), not {text!r}")
    return seconds


def add_reaper_command(sub) -> None:
    p = sub.add_parser("reaper", help="work on the open REAPER project (what REAPER's ReaGroove actions run)",
                       description="Work on the open REAPER project through ReaGroove's server in REAPER: what "
                       "REAPER's ReaGroove actions run (drumify and variations of the selected items, a pattern "
                       "from them, live follow of the armed track, status). REAPER must be running with "
                       "ReaGroove installed (install/reaper.py).")
    rsub = p.add_subparsers(dest="reaper_command", metavar="ACTION", required=True)

    def action(name, help_text, *, generates: bool = True, panel_help: str = PANEL_SETTINGS_HELP):
        a = rsub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        if panel_help:  # REAPER's actions give it: what they play is what the panels show
            a.add_argument("--panel-settings", action="store_true", help=panel_help)
        a.add_argument("--port", type=server_port, default=None,
                       help=f"ReaGroove's server port in REAPER, 1-65535 (default {SERVER_PORT})")
        a.add_argument("--timeout", type=wait_seconds, default=5.0,
                       help="seconds to wait for REAPER before giving up, above 0 (default 5)")
        a.add_argument("--report", metavar="FILE", default=None,
                       help="also write what this run said (done or why not) to FILE, as JSON (the docked panel "
                            "shows it in its message line)")
        if generates:  # only the actions that write drums take the generation controls
            a.add_argument("--drum-map", metavar="FILE",
                           help="a drum map (JSON or TOML) for your kit's notes (default: the map the drum track "
                                "keeps from an earlier --drum-map, else General MIDI)")
            add_settings_options(a)
        a.set_defaults(func=run_reaper)
        return a

    d = action("drumify", "drums for the selected MIDI or audio items on the 'ReaGroove Drums' track")
    d.add_argument("--overwrite-edited", action="store_true", help="also replace generated items you have edited")
    v = action("variations", "N versions of the drums on N new tracks (the first plays, the rest are muted)")
    v.add_argument("--count", type=int, default=None,
                   help=f"how many versions, 1-{MAX_VARIATIONS} (default: the count of the settings played, from "
                        "--settings or --panel-settings, else 4)")
    sp = action("set-pattern", "save the selected item's groove as pattern A or B (--clear: none)", generates=False,
                panel_help="also make it the panels' pattern A (or B), which Drumify, Variations and Live follow "
                           "then lean toward (at Follow below 1) in every project until cleared (REAPER's "
                           "actions give it)")
    sp.add_argument("which", choices=("A", "B"), help="A or B: the pattern the selected item's groove becomes")
    sp.add_argument("--clear", action="store_true",
                    help="make the panels' pattern A (or B) none instead, as × beside it in the docked panel (its "
                         "groove stays saved as reaper-A or reaper-B); nothing need be selected")
    lv = action("live", "follow armed live input while REAPER plays (until the toggle action turns it off)")
    lv.add_argument("--memory", type=_share, default=0.6, metavar="0..1",
                    help="how much of the last bars' input each new loop still hears (0 = only the bar just played; "
                         "default 0.6)")
    lv.add_argument("--poll", type=_poll_seconds, default=0.03, metavar="SECONDS",
                    help=f"seconds between polls of the armed input, above 0 and at most {MAX_POLL_S:g} (default 0.03)")
    action("status", "check the connection to REAPER", generates=False, panel_help="")
    # The action 'ReaGroove: Open panel' runs the editor as `reagroove reaper panel`: `reagroove panel` whose
    # reason for not opening is said in REAPER's console too (its output goes to the engine log)
    from .panel.command import add_panel_command

    add_panel_command(rsub)
    rsub.choices["panel"].set_defaults(func=run_panel_for_reaper)


def run_panel_for_reaper(args) -> int:
    """The editor opened by REAPER's action: why it did not open (no display, a Qt library missing, the editor
    open already) reached only the engine log, and the press did nothing the producer could see."""
    from .bridge import DistantBridge
    from .panel.command import run_panel

    try:
        return run_panel(args)
    except ReaGrooveError as exc:
        bridge = DistantBridge(args.port or SERVER_PORT, timeout=args.timeout)
        try:
            bridge.call("show_message", f"ReaGroove: the panel did not open: {exc}")
        except ReaGrooveError:  # REAPER gone meanwhile: the log has it
            pass
        finally:
            bridge.close()
        raise


def _bridge(args):
    from .bridge import DistantBridge

    return DistantBridge(args.port or SERVER_PORT, timeout=args.timeout)


def run_reaper(args) -> int:
    from .bridge import ReaperStalled
    from .warm_engine import serve_from_action, warm_requested

    if warm_requested(args):  # started by REAPER's action to stay up for the next clicks (warm_engine.py)
        return serve_from_action(args)

    bridge = _bridge(args)
    try:
        return _run(args, bridge)
    except ReaperStalled:
        line = _stalled_line(args)
        print(f"reagroove: error: {line}", file=sys.stderr, flush=True)
        _report(args, False, line)  # before the wait below: the panel need not wait for REAPER to answer again
        if args.reaper_command == "live" or not _in_terminal():
            # run from REAPER, its console is where the producer looks; live follow's toggle and take need REAPER
            if _in_terminal():
                print(f"reagroove: waiting up to {STALLED_MESSAGE_WAIT_S:g} s for REAPER to answer, to turn live "
                      "follow off there (Ctrl-C stops waiting)", file=sys.stderr, flush=True)
            _tell_when_reaper_answers(args, f"ReaGroove: {line}")
        return 2  # as for any error the producer can act on (core/cli.py)
    except ReaGrooveError as exc:
        _report(args, False, _panel_words(args, str(exc)))
        try:  # tell the producer where they are looking: REAPER's console
            bridge.call("show_message", f"ReaGroove: {_panel_words(args, str(exc))}")
            if args.reaper_command == "live":  # follow has ended: the toggle shows it, one press starts it again
                bridge.call("set_live_flag", False)
        except ReaGrooveError:
            pass
        raise
    except Exception as exc:  # a bug: its traceback goes to the engine log (core/cli.py), its name to the panel
        _report(args, False, f"stopped on a bug ({type(exc).__name__}: {exc}); see the engine log")
        _say_bug(args, bridge, exc)
        raise
    finally:
        bridge.close()


def _say_bug(args, bridge, exc: Exception) -> None:
    """A bug, said in REAPER's console in one line: run from REAPER's action list, the engine's traceback goes to
    its log, and the action had ended in silence (live follow's toggle still lit, as if it followed)."""
    where = ("the traceback in the terminal" if _in_terminal() else
             "the engine log, reagroove.log in Scripts/ReaGroove in REAPER's resource folder")
    what = {"set-pattern": f"set pattern {getattr(args, 'which', '')}"}.get(args.reaper_command, args.reaper_command)
    try:
        bridge.call("show_message", f"ReaGroove: {what} stopped on a bug ({type(exc).__name__}: {exc}): see "
                    f"{where}, and run it again")
        if args.reaper_command == "live":  # follow has ended: the toggle shows it, one press starts it again
            bridge.call("set_live_flag", False)
    except Exception:  # noqa: BLE001 - REAPER not there, or the bug is in reaching it: the log has it
        pass


def _report(args, ok: bool, line: str, notes=()) -> None:
    """What this run said, for the docked panel (which owns the process, its output going to the shared engine log):
    {"ok", "line" (the one line, without "ReaGroove: "), "notes"} in the --report file, written whole or not at all."""
    path = getattr(args, "report", None)
    if not path:
        return
    text = json.dumps({"ok": bool(ok), "line": line.removeprefix("ReaGroove: "), "notes": list(notes)})
    try:
        atomic_write_text(path, text)
    except ReaGrooveError as exc:  # the panel falls back to "see REAPER's console", where the run said it too
        print(f"reagroove: cannot write the report: {exc}", file=sys.stderr)


def _in_terminal() -> bool:
    """The run's errors go to a terminal, where the producer has read them (REAPER's actions and the panel send
    them to the engine log, so REAPER's console is where theirs are read)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # no stderr, or a closed one
        return False


def _stalled_line(args) -> str:
    """What happened and what to do, in one line, when REAPER stopped answering (a modal dialog, a render) or
    another program holds the port (it takes the connection and never answers as ReaGroove's server does)."""
    why = f"a dialog open, a render, or another program on port {args.port or SERVER_PORT}: see --port"
    if args.reaper_command == "live":
        return (f"live follow stopped: REAPER stopped answering ({why}); the loops already written stay. Turn "
                "live follow on again once REAPER responds")
    what = {"set-pattern": f"set pattern {getattr(args, 'which', '')}", "status": "the status check"}.get(
        args.reaper_command, args.reaper_command)
    return (f"{what} gave up and changed nothing: REAPER did not answer within {args.timeout:g} s ({why}). "
            f"Close the dialog or let the render finish, then run {what} again")


def _tell_when_reaper_answers(args, text: str) -> None:
    """`text` in REAPER's console once it answers again (the server drops the request the engine gave up on,
    so this line comes after it); live follow's toggle is turned off as well. Bounded: REAPER may be gone."""
    from .bridge import DistantBridge

    bridge = DistantBridge(args.port or SERVER_PORT, timeout=STALLED_MESSAGE_WAIT_S)
    try:
        bridge.call("show_message", text)
        if args.reaper_command == "live":
            bridge.call("set_live_flag", False)
            if getattr(args, "live_take_open", False):  # the bars written so far: one undo point, as always
                bridge.call("end_live_take")
    except ReaGrooveError:
        pass
    finally:
        bridge.close()


def _run(args, bridge) -> int:
    from reagroove.core.drummap import load_drum_map

    from . import actions

    if args.reaper_command == "status":
        info = bridge.call("project_info")
        print(f"connected to REAPER on port {bridge.port}: tempo {info['tempos'][0][1]:g} BPM, {bridge.round_trips} round trip")
        return 0
    if args.reaper_command == "variations" and args.count is not None:
        # the settings' count from here on, so --save-settings saves it with the rest and --settings plays it again;
        # a count out of range is said before REAPER is reached, as a mistyped option is
        args.variations = check_variations(args.count, "--count")
    panel_notes = _use_panel_settings(args)  # (a damaged file: a note, and the defaults play)
    bridge.connect()  # REAPER not there: said at once, not after torch and the network have loaded (4 s)
    if args.reaper_command == "set-pattern" and args.clear:  # the panels' settings alone: no model to load
        return _said(args, bridge, _clear_panel_pattern(args.which), panel_notes)
    from reagroove.models.drummer import default_engine

    engine = default_engine(getattr(args, "weights", None))
    generates = args.reaper_command != "set-pattern"  # a pattern is the item's groove: no generation controls
    if generates:
        base, missing = _panel_patterns_kept(args, engine)
        panel_notes = list(panel_notes) + missing
    settings = _settings_with_patterns(args, engine, base) if generates else None
    if generates and args.reaper_command != "live" and not any(settings.voice_groups.values()):
        raise _all_muted(args)  # before REAPER is written: the drums there stay, and no silent undo point is made
    drum_map = load_drum_map(args.drum_map) if generates and args.drum_map else None
    t0 = time.perf_counter()
    res: dict = {}
    if args.reaper_command == "set-pattern":
        notes: list[str] = []
        pattern = actions.pattern_from_selection(bridge, f"reaper-{args.which}", notes)
        engine.patterns.add(pattern)
        chosen, said = _choose_panel_pattern(args.which, pattern.name) if args.panel_settings else ("", [])
        # (with --panel-settings, the action list's: heard from the next Drumify on, as the panel's ←item makes it)
        msg = f"ReaGroove: pattern {args.which} set from {pattern.source} (saved as '{pattern.name}'{chosen})"
        notes += said
        res = {"messages": notes}
    elif args.reaper_command == "drumify":
        res = actions.drumify_selection(bridge, engine, settings, drum_map=drum_map, overwrite_edited=args.overwrite_edited)
        msg = f"ReaGroove: {actions.wrote_said(res)} ({actions.settings_label(settings)})"
        msg += actions.kept_note(res)
    elif args.reaper_command == "variations":
        # the count both panels show (settings.json, through --settings) unless one is given
        count = settings.variations
        res = actions.variations_of_selection(bridge, engine, settings, count, drum_map=drum_map)
        msg = "ReaGroove: " + actions.variations_line(count, res)
    else:
        return _live(args, bridge, engine, settings, drum_map, panel_notes)
    msg += f" in {time.perf_counter() - t0:.1f} s"
    # what the producer should know about this run (an item left out, the meter the drums follow), once each
    notes = panel_notes + res.get("messages", []) + res.get("kit_notes", [])  # then the tracks' instrument
    if args.panel_settings and settings is not None:  # the panels grey an unheard pattern out: said once, at set time
        unheard = _unheard_pattern_notes(settings)
        notes = [n for n in notes if n not in unheard]
    return _said(args, bridge, msg, notes)


def _said(args, bridge, msg: str, notes) -> int:
    """The run's line and its notes (once each) in REAPER's console, on stdout and in the --report file."""
    notes = list(dict.fromkeys(_panel_words(args, n) for n in notes))
    msg = _panel_words(args, msg)  # (Drumify's "nothing written ... (a new seed draws a new take)")
    line, msg = msg, msg + "".join(f"\n  note: {m}" for m in notes)
    bridge.call("show_message", msg)
    print(msg)
    _report(args, True, line, notes)
    return 0


def _panel_words(args, text: str) -> str:
    """`text` naming the panels' controls where the run plays their settings (REAPER's actions, the docked panel):
    its producer set Swing in a panel and read "the drums swing at 62%, as --swing asks" in REAPER's console. A
    range of bars is a time selection in REAPER, typed or not (`reagroove reaper` takes no --bars): items spanning
    over 10,000 bars were told "drum a range of bars (the CLI's --bars FIRST-LAST)"."""
    from .panel.note_words import in_panel_words, in_reaper_words  # (no Qt)

    text = in_reaper_words(text)  # (the editor linked to REAPER says the same: one place)
    if not getattr(args, "panel_settings", False):  # typed in a terminal: the options typed are the words
        return text
    return in_panel_words(text)


def _all_muted(args):
    """The error for a Drumify or Variations with every voice group muted (reaper_names.ALL_MUTED), in the panels'
    words or the options typed."""
    from .bridge import ReaperError
    from .reaper_names import ALL_MUTED, ALL_MUTED_PANEL, ALL_MUTED_TYPED

    how = ALL_MUTED_PANEL if getattr(args, "panel_settings", False) else ALL_MUTED_TYPED
    return ReaperError(ALL_MUTED.format(how=how))


def _panel_settings_path():
    """The panels' settings.json: where the docked panel (reaper_ext/dock/host.py) and the editor keep theirs."""
    from .panel.store import default_config_dir

    return default_config_dir() / "settings.json"


def _read_panel_settings(path):
    """(the panels' settings or None where none are saved yet, "" or why the file cannot be played)."""
    from reagroove.core.settings import Settings

    if not path.exists():
        return None, ""
    try:
        return Settings.load(path), ""
    except ReaGrooveError as exc:  # damaged, or a newer ReaGroove's: one line, never a traceback
        return None, f"the panels' settings cannot be read ({exc})"


def _use_panel_settings(args) -> list[str]:
    """--panel-settings: the panels' settings.json becomes the run's --settings (none saved yet: the defaults);
    a file that cannot be read is a note, and the defaults play. The notes to say."""
    if not getattr(args, "panel_settings", False) or args.reaper_command == "set-pattern":  # (it writes them)
        return []
    if getattr(args, "settings", None):
        raise ReaGrooveError("give --settings FILE or --panel-settings, not both")
    path = args.panel_settings_path = _panel_settings_path()  # (live follow reads it again as a panel moves)
    settings, problem = _read_panel_settings(path)
    if problem:
        return [f"{problem}: the default settings play"]
    if settings is not None:
        args.settings = str(path)
        args.panel_settings_read = settings  # (read once: _panel_patterns_kept and settings_from_args start from it)
    return []


def _choose_panel_pattern(which: str, name: str) -> tuple[str, list[str]]:
    """Pattern `which` in the panels' settings becomes `name` (as the docked panel's ←item makes it): what to add
    to the run's line, and its note, said once here: how it is heard (or how to hear it, where Follow is 1) and
    how to clear it."""
    path = _panel_settings_path()
    settings, problem = _read_panel_settings(path)
    if problem:
        return "", [f"{problem}: it is not made the panels' pattern {which}; fix or remove the file, then set it "
                    "again"]
    from reagroove.core.settings import Settings

    settings = settings or Settings()
    chosen = settings.replace(**{f"pattern_{which.lower()}": name})
    try:
        if chosen != settings or not path.exists():
            chosen.save(path)
    except ReaGrooveError as exc:
        return "", [f"it is not made the panels' pattern {which}: {exc}"]
    until = (f"it stays pattern {which} in every project until cleared: the action 'ReaGroove: Clear pattern "
             f"{which}', or × beside {which} in the docked panel")
    if chosen.follow >= 1.0:
        heard = (f"Follow is 1 in the panels' settings, so the drums follow your groove only: lower Follow (docked "
                 f"panel or editor) to hear pattern {which}; {until}")
    elif which == "B" and chosen.pattern_a not in (None, name) and chosen.interpolate == 0:
        heard = f"it is the far end of A ↔ B, at 0 in the panels: move A ↔ B toward it to hear it; {until}"
    else:
        heard = (f"Drumify, Variations and Live follow lean toward it at Follow {chosen.follow:.2f} (lower for more "
                 f"of it); {until}")
    return f"; the panels' pattern {which}", [heard]


def _clear_panel_pattern(which: str) -> str:
    """set-pattern --clear: pattern `which` in the panels' settings becomes none, as × in the docked panel."""
    path = _panel_settings_path()
    settings, problem = _read_panel_settings(path)
    if problem:
        raise ReaGrooveError(f"{problem}: pattern {which} is not cleared; fix or remove the file")
    key = f"pattern_{which.lower()}"
    name = getattr(settings, key) if settings is not None else None
    if name is None:
        return f"ReaGroove: pattern {which} was not set in the panels' settings: nothing to clear"
    settings.replace(**{key: None}).save(path)
    kept = f" (its groove stays saved as '{name}')" if name == f"reaper-{which}" else f" (it was '{name}')"
    return f"ReaGroove: pattern {which} cleared from the panels' settings{kept}"


def _unheard_pattern_notes(settings) -> set[str]:
    """The engine's notes that patterns A/B have no effect at Follow 1: said when the pattern is set (and greyed
    out in the panels), not on every run that plays the panels' settings."""
    from reagroove.core.settings import ignored_settings

    quiet = settings.replace(pattern_a=None, pattern_b=None, interpolate=0.0)
    return set(ignored_settings(settings)) - set(ignored_settings(quiet))


def _panel_patterns_kept(args, engine):
    """The panels' settings (--panel-settings) with a pattern they name that is not among the saved patterns left
    out, and a note for each: the run plays without it (every action had failed on "no pattern named 'reaper-A'"
    once the patterns file was damaged or the pattern deleted). (None, []) where the run reads no panels' settings."""
    base = getattr(args, "panel_settings_read", None)  # (_use_panel_settings read the file)
    if base is None:
        return None, []
    from reagroove.core.options import names_file

    names, notes = engine.patterns.names(), []
    for which in ("A", "B"):
        name = getattr(base, f"pattern_{which.lower()}")
        if name is not None and name not in names and not names_file(name):
            base = base.replace(**{f"pattern_{which.lower()}": None})
            notes.append(f"the panels' pattern {which} '{name}' is not among your saved patterns: the drums play "
                         f"without it (choose another in a panel, or run the action 'ReaGroove: Clear pattern "
                         f"{which}')")
    return base, notes


def _settings_with_patterns(args, engine, base=None):
    """Patterns set from REAPER items (saved as reaper-A / reaper-B) are the triangle's A and B, where heard, for
    a run given neither settings nor the panels' (a shell's): at a Follow below 1, or with --interpolate; at the
    default Follow of 1 they are left out, as they change nothing (they had been named in every item and said to
    have no effect on every run, in every project). A settings file (the panels' record: they name reaper-A when
    it is their A) is played as it is: a pattern cleared there (× in the docked panel, or set-pattern --clear)
    plays no more."""
    names = engine.patterns.names()
    from_items = "reaper-A" in names and not getattr(args, "settings", None) and not getattr(
        args, "panel_settings", False)
    settings = settings_from_args(args, engine, patterns_later=from_items, base=base)  # --interpolate checked below
    heard = settings.follow < 1.0 or getattr(args, "interpolate", None) is not None
    if settings.pattern_a is None and from_items and heard:
        follow = 1.0 if settings.follow_auto else settings.follow  # not the 0.5 that naming a pattern implies
        settings = settings.replace(pattern_a="reaper-A", pattern_b="reaper-B" if "reaper-B" in names else None,
                                    follow=follow)
    if getattr(args, "interpolate", None) and settings.pattern_b is None:
        raise ReaGrooveError("--interpolate needs pattern B: set it from an item (the action 'ReaGroove: Set "
                             "pattern B') or give --pattern-b")
    return settings


def _live(args, bridge, engine, settings, drum_map, panel_notes=()) -> int:
    from .live_follow import LiveFollower
    from .bridge import ReaperStalled

    from .panel.store import SharedSettings

    # no --drum-map: the one the drum track keeps (Drumify's), read as each take starts
    follower = LiveFollower(bridge, engine, settings, drum_map=drum_map, memory=args.memory)
    # Started with the panels' settings.json: a control moved in a panel takes effect at the next bar.
    # --panel-settings: the panels' file, read as it is saved (none yet when follow started, or damaged: the defaults)
    shared_path = getattr(args, "panel_settings_path", None) or getattr(args, "settings", None)
    shared = SharedSettings(shared_path) if shared_path else None
    from reagroove.models.commands_live import live_ignored

    # a hold saved in the panels cannot act live (the drums follow each bar played): said in the console, as
    # `reagroove live --settings` says it (the dock's Live follow had dropped it unsaid)
    bridge.call("show_message", "ReaGroove: live follow on (play or record with a record-armed MIDI track)"
                + "".join(f"\n  note: {m}" for m in [*panel_notes, *live_ignored(settings)]))
    stalled_since = None
    try:
        while True:
            try:
                follower.poll()
                stalled_since = None
            except ReaperStalled:
                # A dialog opened during playback pauses REAPER's scripts: wait for it, the take goes on after.
                stalled_since = stalled_since or time.monotonic()
                if time.monotonic() - stalled_since > LIVE_STALL_WAIT_S:
                    raise
                continue
            moved = shared.poll() if shared is not None else None
            if moved is not None:
                if moved.hold and not follower.settings.hold:  # Hold ticked in a panel while following
                    bridge.call("show_message", f"ReaGroove: note: {live_ignored(moved)[0]}")
                follower.settings = moved
                follower.session.update_settings(moved)
            if follower.last_info_live == "off":
                break
            time.sleep(args.poll)
    except KeyboardInterrupt:
        pass
    finally:
        try:
            follower.close()  # a take still playing becomes its undo point, however follow ends
        except ReaGrooveError:
            # REAPER did not answer: the take's point is made once it does (_tell_when_reaper_answers)
            args.live_take_open = bool(follower.take_written)
    bars = len(follower.written)
    written = f"{bars} loop{'s' if bars != 1 else ''} written"
    bridge.call("show_message", f"ReaGroove: live follow off ({written})")
    print(f"live follow stopped: {written}", file=sys.stderr)
    return 0
