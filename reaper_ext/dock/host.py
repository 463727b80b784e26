"""The docked panel inside REAPER: ReaImGui, the defer loop, the docker it is in, the shared settings, the engine.

Runs in REAPER's embedded Python (the action "ReaGroove: Docked panel" calls
`run_action()`): no torch and no Qt here; core's Settings (with numpy) is
the heaviest import. Each defer cycle (~30 Hz) draws one frame:

1. the settings record both panels share (settings.json, panel/store.py) is
   read if the other panel changed it, so its change shows here within one
   frame, and written at once after a gesture here (the Qt panel reads it
   within its 50 ms tick);
2. the window is drawn (view.py) in the docker it was in: REAPER's docker
   number (or 0, floating) is kept in REAPER's ext-state, persisted, and
   given back to ReaImGui on the first frame after a restart;
3. buttons start the engine as REAPER's ReaGroove actions do (the installed
   reagroove_common module beside the action scripts), with `--settings`
   pointing at the shared record, so the engine uses what the panel shows.

Why ReaImGui: Python ReaScript has no gfx functions, and ReaImGui windows
dock into REAPER's dockers on Windows, macOS and Linux alike; reparenting
the Qt window into a docker works only on Windows and X11, and breaks easily.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from reagroove.core.constants import EXT_SECTION
from reagroove.core.errors import ReaGrooveError
from reagroove.core.settings import DEFAULT_VARIATIONS, MAX_VARIATIONS, Settings

from ..errors import DockError
from ..panel.store import SharedSettings, default_config_dir
from ..reaper_names import DRUMS_TRACK_NAME, LIVE_RUNNING, _r, is_drumify_undo_name, is_variations_undo_name
from .binding import IMGUI_API_DIR, REAIMGUI_MISSING, context_flags, load_imgui  # noqa: F401 - named here
from .latin1 import Latin1Binding, latin1_font
from .livestatus import INPUT_POLL_S, LIVE_KEY, StatusReader, drum_items, drum_track_name
from .results import discard, read_report, report_path
from .toolbar import action_command, light as _light

from .view import (
    CLEAR_A, CLEAR_B, DRUMIFY, EDITOR, FILL, LIVE_OFF, LIVE_ON, NEW_TAKE, PATTERN_A, PATTERN_B, VARIATIONS, DockView,
    LiveStatus, new_take,
)

# INPUT_POLL_S, DRUMS_TRACK_NAME, LIVE_KEY: named here by docs/panel_shots.py, benchmarks and tests
__all__ = ["DRUMS_TRACK_NAME", "INPUT_POLL_S", "LIVE_KEY", "WINDOW_TITLE", "DockError", "DockedPanel", "load_imgui",
           "run_action"]

GENERATING = (DRUMIFY, NEW_TAKE, VARIATIONS, PATTERN_A, PATTERN_B)  # commands whose engine writes to the project

WINDOW_TITLE = "ReaGroove"
CONTEXT_LABEL = "ReaGroove docked panel"  # ReaImGui keys its own saved window settings by this label
DOCK_KEY = "dock_id"  # ext-state key: 0 floating, -1..-16 REAPER's dockers (ReaImGui's numbering)
# ext-state key where versions before 2026-12 kept the panel's own Variations count: taken into the settings once
VARIATIONS_KEY = "variations"
# the undo points the engine's runs make (reaper_ext/actions.py's undo_name): a later run that made one went well
UNDO_NAMES = {DRUMIFY: is_drumify_undo_name, VARIATIONS: is_variations_undo_name}
# An engine run still going after this long is taken as hung (a real run, model loading included, takes seconds):
# it is stopped and the buttons freed, instead of "Drumify running…" until the panel was opened again.
ENGINE_TIMEOUT_S = 120.0
DEFAULT_SIZE = (330.0, 620.0)
TICK_FUNCTION = "_reagroove_dock_tick"  # name of the deferred call in the script's __main__
EXIT_FUNCTION = "_reagroove_dock_exit"  # name of the script's atexit call in its __main__
OWN_SETTINGS_NAME = "reagroove-dock-settings.json"  # in the temp folder: when settings.json cannot hold them

def installed_engine():
    """Start `reagroove ARGS --port PORT` as REAPER's ReaGroove actions do (reagroove_common, installed beside them)."""
    try:
        import reagroove_common
    except ImportError:
        folder = os.path.join(_r().RPR_GetResourcePath(), "Scripts", "ReaGroove")
        if folder not in sys.path:
            sys.path.insert(0, folder)
        try:
            import reagroove_common
        except ImportError:
            raise DockError("ReaGroove's REAPER actions are not installed: run install/reaper.py from ReaGroove's "
                            "virtual environment, then restart REAPER") from None

    def launch(args: list[str]):
        try:
            return reagroove_common.run_engine(args)  # the engine's process: the panel waits for it to end
        except reagroove_common.ActionError as exc:
            raise DockError(str(exc)) from None

    return launch


class DockedPanel:
    """One open docked panel: call `frame()` once per defer cycle while it returns True, then `close()`."""

    def __init__(self, rpr, ig, *, shared: SharedSettings | None = None, launch=None, clock=time.monotonic):
        self.rpr, self.ig = rpr, (Latin1Binding(ig) if latin1_font(ig) else ig)
        # Written on a writer thread: REAPER's UI thread never waits for the disk.
        self.shared = shared or SharedSettings(default_config_dir() / "settings.json", background=True)
        self.launch = launch
        self.clock = clock
        self.view = DockView()
        self.settings = self.shared.read() or Settings()
        self.message = ""  # what the last command said (its own line; the settings' and live status' problems
        self._status_problem = ""  # are drawn from their sources each frame, so they go once fixed)
        self._message_holds = None  # (message, DockError.holds): it goes once no longer true, checked each frame
        self._said = None  # (line, whole text) an engine run reported: shown cut to the docker, whole in a tooltip
        self.status = LiveStatus()
        self.frames = 0
        self._status_reader = StatusReader(rpr)
        # The engine started by Drumify / Variations / Set pattern, while it runs: one at a time, as two
        # engines writing the same drum track at once would leave it half of each.
        self._engine = None
        self._engine_command = ""
        self._engine_started = 0.0  # self.clock() when it was started
        self._engine_changes: dict = {}  # settings it makes once it has finished well (a pattern A / B saved)
        self._engine_report = None  # the file it says its outcome in (results.py)
        self._editor = None  # the full editor's process this panel started, while it runs
        self._follower = None  # the live follower's process this panel started, while it runs
        self._dock_id = self._saved_dock_id()
        self._take_old_variations()
        try:
            self.ctx = self.ig.CreateContext(CONTEXT_LABEL, context_flags(self.ig))  # docking, the keyboard
        except Exception as exc:  # noqa: BLE001 - the binding is there but the extension is not loaded
            raise DockError(f"{REAIMGUI_MISSING} ({type(exc).__name__}: {exc})") from None

    # ------------------------------------------------------------ one frame

    def frame(self) -> bool:
        """Draw one frame and act on its gestures; False once the window was closed."""
        ig, ctx = self.ig, self.ctx
        theirs = self.shared.poll()
        if theirs is not None:
            self.settings = theirs
        try:
            self._read_status()
            self._status_problem = ""
        except Exception as exc:  # noqa: BLE001 - the status line says it; the controls keep working
            self._status_problem = f"live status unavailable: {type(exc).__name__}: {exc}"
        if self.frames == 0:
            ig.SetNextWindowSize(ctx, *DEFAULT_SIZE, ig.Cond_FirstUseEver())
            if self._dock_id is not None:
                # DOC UNCLEAR: whether ReaImGui brings a window back into a REAPER docker by itself after a
                # restart is not documented; ReaGroove keeps the docker in ext-state and sets it once.
                ig.SetNextWindowDockID(ctx, self._dock_id, ig.Cond_Once())
        self.frames += 1
        visible, open_ = ig.Begin(ctx, WINDOW_TITLE, True)
        commands: list[str] = []
        if visible:
            self._remember_dock(ig.GetWindowDockID(ctx))
            # while an engine started here runs (it loads the model: seconds), the press shows it was taken
            running = self._running_line()
            said = self._said if self._said and self.message == self._said[0] else None  # not since replaced
            notes = (self.shared.problem, self._status_problem, said or self.message or running)
            settings, commands = self.view.draw(ig, ctx, self.settings, self.status, notes)
            ig.End(ctx)  # ReaImGui 0.9+: End only after a Begin that returned visible
            if settings != self.settings:
                self._publish(settings)
        self._check_engine()
        self._check_follower()
        held = self._message_holds
        if held is not None and (self.message != held[0] or not held[1]()):
            if self.message == held[0]:
                self.message = ""  # no longer true: the next press is not refused
            self._message_holds = None
        for command in commands:
            self._run(command)
        return bool(open_)

    def _publish(self, settings) -> None:
        self.settings = settings
        try:
            self.shared.write(settings)
        except OSError as exc:
            self.message = f"cannot write {self.shared.path}: {exc.strerror or exc}"

    # ------------------------------------------------------------ the docker

    def _saved_dock_id(self) -> int | None:
        text = self.rpr.RPR_GetExtState(EXT_SECTION, DOCK_KEY)
        try:
            return int(text) if text else None
        except ValueError:
            return None

    def _remember_dock(self, dock_id: int) -> None:
        """REAPER's dockers (negative) and floating (0) are kept; an ImGui dock space id (positive) is
        valid only while the windows it joins are open, so it is not."""
        dock_id = int(dock_id)
        if dock_id > 0 or dock_id == self._dock_id:
            return
        self._dock_id = dock_id
        self.rpr.RPR_SetExtState(EXT_SECTION, DOCK_KEY, str(dock_id), True)

    # ------------------------------------------------------------ the Variations count

    def _take_old_variations(self) -> None:
        """The count is a setting both panels share (Settings.variations); one this panel kept in REAPER's
        ext-state before is taken into it once, unless the shared record already holds another count."""
        text = self.rpr.RPR_GetExtState(EXT_SECTION, VARIATIONS_KEY)
        if not text:
            return
        self.rpr.RPR_DeleteExtState(EXT_SECTION, VARIATIONS_KEY, True)
        try:
            count = min(max(int(text), 1), MAX_VARIATIONS)
        except ValueError:
            return
        if self.settings.variations == DEFAULT_VARIATIONS and count != DEFAULT_VARIATIONS:
            self._publish(self.settings.replace(variations=count))

    # ------------------------------------------------------------ commands

    def _run(self, command: str) -> None:
        said, before = "", None  # what a command that went well says (a saved hold live follow cannot honour)
        try:
            if command in GENERATING and self._engine is not None:
                raise DockError(f"{self._engine_command} is still running: press it again once it has finished")
            if command in (DRUMIFY, NEW_TAKE) and self.rpr.RPR_GetExtState(EXT_SECTION, LIVE_KEY) == "on":
                # live follow writes the drum track as the play cursor moves: one writer at a time
                # said while it stays on: turned off by the toggle action or the Qt panel, the line went stale
                raise DockError(LIVE_RUNNING.format(what="drumify", track=self._drum_track_name()),
                                holds=lambda: self.status.live)
            if command == NEW_TAKE:  # the seed changes only for a Drumify that starts (refused or failing: it stays)
                before, command = self.settings, DRUMIFY
                self._publish(new_take(before))
            with_settings = ["--settings", self._settings_file()] if command in (
                DRUMIFY, VARIATIONS, LIVE_ON) else []
            if command == DRUMIFY:
                self._generate(command, ["reaper", "drumify", *with_settings])
            elif command == VARIATIONS:
                self._generate(command, ["reaper", "variations", "--count", str(self.settings.variations),
                                         *with_settings])
            elif command in (PATTERN_A, PATTERN_B):
                slot = command[-1]
                # the engine saves the selection's groove as reaper-A / reaper-B: the panels' A or B from now on,
                # once it has (nothing selected, the engine says so and A / B stay as they were)
                key, name = f"pattern_{slot.lower()}", f"reaper-{slot}"
                self._generate(command, ["reaper", "set-pattern", slot], {key: name})
            elif command == LIVE_ON:
                if self._engine is not None and self._engine_command == DRUMIFY:
                    # both write the drum track (Drumify refuses while live follow runs, for the same reason)
                    raise DockError(f"drumify is still running (it writes '{self._drum_track_name()}'): turn live "
                                    "follow on once it has finished")  # "still running": said until it has
                if self._follower is not None and self._follower.poll() is None:
                    # turned off, it ends at its next look at the flag (after loading the model: seconds); on
                    # again before then, it went on following beside a second one writing the same drum track
                    raise DockError("live follow turned off a moment ago is still stopping: turn it on again "
                                    "in a second", holds=lambda f=self._follower: f.poll() is None)
                self.rpr.RPR_SetExtState(EXT_SECTION, LIVE_KEY, "on", False)
                try:
                    follower = self._launch(["reaper", "live", *with_settings])
                    self._follower = follower if hasattr(follower, "poll") else None
                except DockError:
                    self.rpr.RPR_SetExtState(EXT_SECTION, LIVE_KEY, "off", False)
                    raise
                said = self._hold_ignored()
            elif command == LIVE_OFF:
                self.rpr.RPR_SetExtState(EXT_SECTION, LIVE_KEY, "off", False)  # the follower stops at its next poll
            elif command == FILL:  # a count moved on: the follower's process cues the section at its next poll
                from ..reaper_live_input import CUE_KEY

                count = self.rpr.RPR_GetExtState(EXT_SECTION, CUE_KEY)
                self.rpr.RPR_SetExtState(EXT_SECTION, CUE_KEY, str(int(count) + 1 if count.isdigit() else 1), False)
                said = "next section cued: live follow's drums fill into it (while REAPER plays)"
            elif command == EDITOR:
                if self._editor is not None and hasattr(self._editor, "poll") and self._editor.poll() is None:
                    # it takes seconds to load the model: a second press opened a second editor over the same files
                    raise DockError("the full editor is open (or still starting): it is the window titled ReaGroove",
                                    holds=lambda e=self._editor: e.poll() is None)
                self._refuse_second_editor()
                self._editor = self._launch(["reaper", "panel"])  # (why it did not open is said in the console)
            # × (the view cleared the pattern): "Pattern A set from…" from the last run read as still true; a run
            # still going stays said (its own line replaces this one when it ends)
            cleared = f"Pattern {command[-1]} cleared" if command in (CLEAR_A, CLEAR_B) else ""
            self.message = "; ".join(filter(None, (cleared, self._running_line()))) if cleared else said
            if said:  # it goes once live follow is off or the hold is cleared (in the full editor); a fill: live off
                self._message_holds = (said, lambda c=command: self.status.live and (c == FILL or self.settings.hold))
        except DockError as exc:
            self._publish(before) if before is not None else None  # Dice's seed back: no take was drawn
            self._say(str(exc))
            self._message_holds = None if exc.holds is None else (self.message, exc.holds)
        except Exception as exc:  # noqa: BLE001 - one line in the panel, never a traceback dialog
            self._say(f"{command} failed: {type(exc).__name__}: {exc}")

    def _hold_ignored(self) -> str:
        """A hold saved in the full editor (this panel has no Hold box) is said to do nothing live: live follow
        dropped it without a word, the producer waiting for a loop held through each section."""
        if not self.settings.hold:
            return ""
        from reagroove.models.commands_live import HOLD_NO_EFFECT_LIVE  # here: 0.1 s of imports, once, when said

        return f"Hold (saved in the full editor) {HOLD_NO_EFFECT_LIVE}"

    def _running_line(self) -> str:
        """"Drumify running…" while an engine started here runs (it loads the model: seconds), else ""."""
        command = self._engine_command
        return f"{command[:1].upper()}{command[1:]} running…" if self._engine is not None else ""

    def _refuse_second_editor(self) -> None:
        """An editor opened elsewhere (the "Open panel" action, a terminal) holds the editor's lock (panel/lock.py);
        said until it is closed (looked at once a second: a file read, on REAPER's UI thread)."""
        from ..panel.lock import ALREADY_OPEN, running_editor

        try:
            pid = running_editor()
        except OSError:  # unreadable: the editor checks it again as it starts
            return
        if pid is None:
            return
        def still_open() -> bool | None:
            try:
                return running_editor() == pid
            except OSError:  # unreadable: as it was
                return None

        raise DockError(ALREADY_OPEN.format(pid=pid), holds=self._once_a_second(still_open))

    def _once_a_second(self, check):
        """A `holds` (DockError's) that is `check()` looked at once a second (a file read or REAPER calls, on
        REAPER's UI thread; the frames between reuse the answer): true until the first look, and as it was where
        `check` answers None (it could not tell)."""
        seen = {"at": self.clock(), "holds": True}

        def holds() -> bool:
            if self.clock() - seen["at"] >= 1.0:
                seen["at"] = self.clock()
                answer = check()
                if answer is not None:
                    seen["holds"] = answer
            return seen["holds"]

        return holds

    def _say(self, text: str) -> None:
        """A problem the producer must see: in the panel, and in REAPER's console where the engine reports too."""
        self.message = text
        self.rpr.RPR_ShowConsoleMsg(f"ReaGroove: {text}\n")

    def _settings_file(self) -> str:
        """A file holding what the panel shows, for the engine's --settings: the shared record, once on disk.

        Not yet written (a fresh install), it is written now; damaged, from a newer ReaGroove or unwritable,
        the engine would read something else or fail, so it gets the panel's settings in a file of its own.
        """
        self.shared.flush()  # the engine reads settings.json: what the panel shows must be on disk first
        path = self.shared.path
        if not path.exists():
            self.shared.write(self.settings)
            self.shared.flush()
        try:
            if Settings.load(path) == self.settings:
                return str(path)
        except (ReaGrooveError, OSError):
            pass
        own = Path(tempfile.gettempdir()) / OWN_SETTINGS_NAME
        try:
            self.settings.save(own)
        except OSError as exc:
            raise DockError(f"cannot write the settings for the engine ({own}: {exc.strerror or exc})") from None
        return str(own)

    def _launch(self, args: list[str]):
        self.shared.flush()  # the engine reads settings.json: what the panel shows must be on disk first
        if self.launch is None:
            self.launch = installed_engine()
        return self.launch(args)

    def _generate(self, command: str, args: list[str], changes: dict | None = None) -> None:
        report = report_path()
        process = self._launch([*args, "--report", report])  # its outcome in one line, for the message line
        if not hasattr(process, "poll"):  # a launcher that does not hand back the process: nothing to wait for
            discard(report)
            if changes:
                self._publish(self.settings.replace(**changes))
            return
        self._engine, self._engine_command, self._engine_changes = process, command, dict(changes or {})
        self._engine_started, self._engine_report = self.clock(), report

    def adopt(self, closed: "DockedPanel") -> None:
        """The processes a panel closed before this one opened had started, while they run: one engine at a time
        and one editor still, and the settings an engine makes once finished are made here."""
        if closed._engine is not None and closed._engine.poll() is None:
            self._engine, self._engine_command = closed._engine, closed._engine_command
            self._engine_changes, self._engine_started = closed._engine_changes, closed._engine_started
            self._engine_report = closed._engine_report
        for name in ("_editor", "_follower"):
            process = getattr(closed, name)
            if process is not None and hasattr(process, "poll") and process.poll() is None:
                setattr(self, name, process)

    def _check_engine(self) -> None:
        """Once the engine started here has ended: the next command may start; a failure is said once."""
        if self._engine is None:
            return
        code = self._engine.poll()  # non-blocking; None while it runs
        if code is None:
            if self.clock() - self._engine_started >= ENGINE_TIMEOUT_S:
                self._stop_hung_engine()
            return
        command, changes, running = self._engine_command, self._engine_changes, self._running_line()
        if self.message.endswith("; " + running):  # said beside a line given meanwhile (×): no longer true
            self.message = self.message[: -len(running) - 2]
        self._engine, self._engine_changes = None, {}
        said = self._said = read_report(self._engine_report, command)  # what it did, or why not, in one line
        self._engine_report = None
        if "still running" in self.message:  # no longer true
            self.message = ""
        if code == 0:
            if said:  # the producer sees what happened without opening the console
                self.message = said[0]
                self._message_holds = self._until_undone(command)
            if changes:  # made to the settings as they are now (a control moved meanwhile stays moved)
                self._publish(self.settings.replace(**changes))
        else:  # the engine says why (nothing selected, a muted item...), if it got that far; else the console may
            self.message = said[0] if said else f"{command} did not finish (exit code {code}): see REAPER's console"
            self._message_holds = self._until_done_since(command)

    def _until_done_since(self, command: str):
        """(the line just said, holds): it goes once `command` has since made its undo point in this project (run
        from REAPER's actions or the editor: it went well), or another project tab is shown, looked at once a
        second. None: set-pattern makes none."""
        done, r = UNDO_NAMES.get(command), self.rpr
        if done is None:
            return None

        def state():
            try:
                last = r.RPR_Undo_CanUndo2(0) or ""
            except AttributeError:  # REAPER's wrapper on NULL: nothing to undo
                last = ""
            return r.RPR_EnumProjects(-1, "", 0)[0], r.RPR_GetProjectStateChangeCount(0), last

        failed = state()

        def holds() -> bool:  # in another tab a press takes that tab's selection: the reason was this one's
            project, count, last = state()
            return project == failed[0] and not (count != failed[1] and done(last))

        return self.message, self._once_a_second(holds)

    def _until_undone(self, command: str):
        """(the line a run that went well said, holds): it goes once its undo point is undone in REAPER, or another
        project tab is shown ("Variations: 4 variations on new tracks…" stayed after Ctrl+Z had removed them, and
        over an empty project in another tab). None: set-pattern makes no undo point (a pattern is every tab's)."""
        done, r = UNDO_NAMES.get(command), self.rpr
        if done is None:
            return None
        made_in = r.RPR_EnumProjects(-1, "", 0)[0]

        def holds() -> bool:
            try:
                undone = r.RPR_Undo_CanRedo2(0) or ""
            except AttributeError:  # REAPER's wrapper on NULL: nothing to redo
                undone = ""
            return r.RPR_EnumProjects(-1, "", 0)[0] == made_in and not done(undone)

        return self.message, self._once_a_second(holds)

    def _stop_hung_engine(self) -> None:
        """An engine that never ended: stopped (so a press now starts no second writer beside it), buttons freed."""
        command, process = self._engine_command, self._engine
        self._engine, self._engine_changes = None, {}
        discard(self._engine_report)  # written by a killed run only partly, if at all
        self._engine_report = None
        try:
            process.kill()
        except (AttributeError, OSError):  # gone meanwhile, or a stand-in that cannot be stopped
            pass
        self._say(f"{command}: the engine did not answer in {ENGINE_TIMEOUT_S:.0f} s and was stopped: "
                  "see REAPER's console and the engine log, then press it again")

    def _check_follower(self) -> None:
        """The live follower started here has ended: if it left the flag on (it crashed, or was killed), live
        follow is said off and turned off, or the panel said "on" and refused Drumify with nothing following."""
        if self._follower is None or self._follower.poll() is None:
            return
        code, self._follower = self._follower.poll(), None
        if self.rpr.RPR_GetExtState(EXT_SECTION, LIVE_KEY) == "on":
            self.rpr.RPR_SetExtState(EXT_SECTION, LIVE_KEY, "off", False)
            self._say(f"live follow stopped (exit code {code}): see REAPER's console")

    # ------------------------------------------------------------ live status

    def _read_status(self) -> None:
        self._status_reader.read(self.status, self.clock())

    def _drum_track_name(self) -> str:
        return drum_track_name(self.rpr)

    def _drum_items(self) -> int:
        return drum_items(self.rpr)


# ---------------------------------------------------------------- the action

# REAPER keeps one interpreter per session: the open panel, if any, its defer chain's token, and the action's
# (section, command id) whose toolbar button is lit while the panel is open.
# "last": the panel closed last, whose engine or editor may still run when the action opens a new one.
_open: dict = {"panel": None, "token": 0, "command": None, "last": None}


def _console(text: str) -> None:
    _r().RPR_ShowConsoleMsg(f"ReaGroove: {text}\n")


def _closed() -> None:
    """The open panel is gone (closed, run again, failed): its button goes dark."""
    command = _open["command"]
    _open["last"] = _open["panel"] or _open.get("last")
    _open["panel"], _open["command"] = None, None
    _light(_r(), command, False)


def _exit(token: int) -> None:
    """The action's script ends (REAPER terminates it or quits): its panel's button goes dark, unless a newer panel
    (another instance of the action) is open. A control moved just before REAPER quit is written first: the
    settings are written on a daemon thread, which dies with REAPER's Python, and the move was lost."""
    if token == _open["token"]:
        # the panel closed just before (its window's ×, then File > Quit) may still be writing its last move
        last = _open["panel"] or _open.get("last")
        if last is not None:
            last.shared.flush(timeout=2.0)
        _closed()


def _tick(token: int) -> None:
    """One defer cycle of the open panel; a tick left over from a panel closed since ends its chain."""
    panel = _open["panel"]
    if panel is None or token != _open["token"]:
        return
    try:
        keep = panel.frame()
    except Exception as exc:  # noqa: BLE001 - a bug: say it once in the console and close, never a traceback dialog
        _console(f"the docked panel stopped: {type(exc).__name__}: {exc}")
        traceback.print_exc()
        keep = False
    if keep:
        _r().RPR_defer(f"{TICK_FUNCTION}({token})")
    else:
        _closed()


def run_action(*, launch=None) -> DockedPanel | None:
    """The action "ReaGroove: Docked panel": open the panel (in the docker it was last in), or close it if open.

    Without ReaImGui it says in one line how to install it. Returns the panel opened, if any.
    """
    rpr = _r()
    if _open["panel"] is not None:  # run again while open: close it (the action toggles the panel)
        _closed()
        return None
    try:
        panel = DockedPanel(rpr, load_imgui(rpr), launch=launch)
    except DockError as exc:
        _console(str(exc))
        rpr.RPR_ShowMessageBox(str(exc), "ReaGroove", 0)
        return None
    if _open.get("last") is not None:
        panel.adopt(_open["last"])
        _open["last"] = None
    _open["panel"] = panel
    _open["token"] += 1
    _open["command"] = action_command(rpr)  # asked while the action runs: its context is this run's
    _light(rpr, _open["command"], True)
    # Deferred code runs in the script's __main__ (REAPER's Python host): the tick is put there by name.
    sys.modules["__main__"].__dict__[TICK_FUNCTION] = _tick
    sys.modules["__main__"].__dict__[EXIT_FUNCTION] = _exit
    rpr.RPR_defer(f"{TICK_FUNCTION}({_open['token']})")
    try:
        rpr.RPR_atexit(f"{EXIT_FUNCTION}({_open['token']})")
    except AttributeError:
        pass
    return panel
