"""Hand edits: hits a producer added or removed on the piano roll, kept over the generated drums.

An edit is keyed by (bar, step, voice): `bar` is the bar number the 2-bar window starts at (the
input's window, as InputGroove.bars and DrumifyResult.bars number them), `step` the 16th in that
window (0..31), `voice` the drum voice's index. Its value is the velocity (0..1] of a hit added, or
None for a hit removed. The edits are plain immutable data, applied on top of whatever the engine
makes, so a setting changed (density, genre, seed...) redraws the drums with the edits still on top,
and the preview and the export apply the same ones.

Each of Variations' versions has its own edits (PanelController.edits_on): version 1's are the plain drums'
(Export, Drumify), version k's are on version k only (Variations writes them); showing another version
neither applies nor drops them, and they are there again when it is shown again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np

from reagroove.core.loop import N_VOICES, STEPS

HIT_WIDTH = 0.6  # pianoroll.HIT_WIDTH (not imported: this module stays free of Qt)

DEFAULT_VELOCITY = 100 / 127  # a hit added on a voice that plays nothing in the loop
WHEEL_STEP = 8 / 127  # one notch of the mouse wheel on a hit


@dataclass(frozen=True)
class HandEdits:
    """(bar, step, voice) -> velocity of a hit added, or None for a hit removed; immutable."""

    cells: tuple = ()  # sorted ((bar, step, voice), velocity | None) pairs

    def __len__(self) -> int:
        return len(self.cells)

    def as_dict(self) -> dict:
        return dict(self.cells)

    def _with(self, cells: dict) -> HandEdits:
        return HandEdits(tuple(sorted(cells.items())))

    def set(self, bar: int, step: int, voice: int, velocity: float | None) -> HandEdits:
        """These edits with the cell's hit added at `velocity` (None: removed)."""
        cells = self.as_dict()
        cells[(int(bar), int(step), int(voice))] = None if velocity is None else float(np.clip(velocity, 1 / 127, 1.0))
        return self._with(cells)

    def drop(self, bar: int, step: int, voice: int) -> HandEdits:
        """These edits without the cell's: it is the generated drums' again."""
        cells = self.as_dict()
        cells.pop((int(bar), int(step), int(voice)), None)
        return self._with(cells)

    def in_window(self, bar: int) -> dict:
        """(step, voice) -> velocity | None of the edits of the window starting at `bar`."""
        return {(s, v): vel for (b, s, v), vel in self.cells if b == int(bar)}

    def apply(self, loop: np.ndarray, bar: int) -> np.ndarray:
        """A copy of `loop` (32, 27) of the window starting at `bar`, with these edits on top: a hit added
        plays on the grid at its velocity, a hit the loop has plays at the edit's velocity on its own timing
        (the wheel made it softer and also moved it onto the grid), a hit removed is gone (velocity, offset too)."""
        out = np.array(loop, np.float32, copy=True)
        n = N_VOICES
        for (step, voice), vel in self.in_window(bar).items():
            if not (0 <= step < STEPS and 0 <= voice < n):
                continue
            if vel is None or out[step, voice] <= 0:
                out[step, 2 * n + voice] = 0.0
            out[step, voice] = 0.0 if vel is None else 1.0
            out[step, n + voice] = 0.0 if vel is None else vel
        return out

    def apply_all(self, loops: np.ndarray, bars) -> np.ndarray:
        """Every window's loop (W, 32, 27), numbered by `bars` (W,), with the edits on top (an export)."""
        if not self.cells:
            return loops
        return np.stack([self.apply(loop, int(b)) for loop, b in zip(loops, bars)]) if len(loops) else loops


@dataclass(frozen=True)
class EditsOn:
    """An Undo step of hand edits: the edits `version` had before a click."""

    version: int
    edits: HandEdits


def median_velocity(loop: np.ndarray, voice: int) -> float:
    """The velocity a hit added on `voice` gets: the voice's median in the loop, else 100/127."""
    n = N_VOICES
    loop = np.asarray(loop)
    played = loop[:, voice] > 0
    if not played.any():
        return DEFAULT_VELOCITY
    return float(np.median(loop[played, n + voice]))


def toggle(edits: HandEdits, base: np.ndarray, shown: np.ndarray, bar: int, step: int, voice: int) -> tuple[HandEdits, str]:
    """A click on cell (step, voice) of the window at `bar`: the hit shown there removed, or one added where
    there is none. `base`: the generated loop, `shown`: with the edits. Returns the edits and what was done.
    A cell put back as the engine made it drops its edit (a hit added then removed leaves no edit)."""
    n = N_VOICES
    if shown[step, voice] > 0:
        velocity, done = None, "removed"
    else:
        velocity, done = median_velocity(shown, voice), "added"
    generated = base[step, voice] > 0
    # a hit put back plays on its generated timing (HandEdits.apply): at its velocity it is the engine's again
    if (velocity is None and not generated) or (velocity is not None and generated
                                                 and abs(base[step, n + voice] - velocity) < 0.5 / 127):
        return edits.drop(bar, step, voice), done
    return edits.set(bar, step, voice, velocity), done


def nudge_velocity(edits: HandEdits, shown: np.ndarray, bar: int, step: int, voice: int, notches: int,
                   base: np.ndarray | None = None) -> HandEdits | None:
    """The mouse wheel on a hit: its velocity up (down) WHEEL_STEP a notch; None where there is no hit. `base`: the
    generated loop; a hit wheeled back to the engine's velocity drops its edit, as a click does (toggle): it stayed
    counted, and pinned there when a setting changed the drums."""
    if shown[step, voice] <= 0:
        return None
    changed = edits.set(bar, step, voice, float(shown[step, N_VOICES + voice]) + notches * WHEEL_STEP)
    velocity = changed.in_window(bar)[(step, voice)]
    if base is not None and base[step, voice] > 0 and abs(base[step, N_VOICES + voice] - velocity) < 0.5 / 127:
        return edits.drop(bar, step, voice)
    return changed


class EditedEngine:
    """The engine with hand edits on top of drumify_windows' loops: Drumify into REAPER from the editor writes
    what the roll shows (the selection's windows are numbered by bar as the editor's input is)."""

    def __init__(self, engine, edits: HandEdits, versions: dict | None = None):
        self._engine, self._edits = engine, edits
        self._versions = {1: edits, **(versions or {})}  # version -> its edits, for variations_of

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def drumify_windows(self, *args, **kwargs):
        result = self._engine.drumify_windows(*args, **kwargs)
        return replace(result, loops=self._edits.apply_all(result.loops, result.bars))

    def variations_of(self, part, *args, **kwargs):
        """Variations into REAPER from the editor: each version with the hand edits made on it."""
        versions = np.array(self._engine.variations_of(part, *args, **kwargs), copy=True)
        for k, edits in self._versions.items():
            if 1 <= k <= len(versions):
                versions[k - 1] = edits.apply_all(versions[k - 1], part.bars)
        return versions


def count_text(n: int) -> str:
    return f"{n} hand edit{'s' if n != 1 else ''}"


__all__ = ["DEFAULT_VELOCITY", "EditedEngine", "EditsOn", "HandEdits", "PanelHandEdits", "count_text", "median_velocity", "nudge_velocity", "toggle"]


class PanelHandEdits:
    """The editor window's side (mixed into app.PanelWindow; no Qt here): a click or the wheel on the roll
    edits, the preview draws the generated loop with the edits on top, Clear hand edits drops them."""

    _base_shown = None  # (tag, groove, loop) of the generated loop drawn, before the edits

    def _wire_hand_edits(self) -> None:
        self.roll.cell_clicked.connect(self.toggle_hit)
        self.roll.wheeled.connect(self.wheel_hit)

    _version_drawn = 1  # the Variations version of the loop drawn (versions.py): whose hand edits are on it

    @property
    def edits_shown(self) -> HandEdits:
        """The hand edits of the version drawn."""
        return self.controller.edits_on(self._version_drawn)

    def _kept_text(self) -> str:
        on = f" on version {self._version_drawn}" if self._version_drawn > 1 else ""
        return f"{count_text(len(self.edits_shown))} kept{on}"

    def show_drums(self, groove, loop, tag) -> None:
        """Draw a generated loop (None: none) with the hand edits of its version and window on top."""
        self._base_shown = None if loop is None else (tag, groove, np.asarray(loop))
        source, marked, edits = self.controller.input, [], self.edits_shown
        if loop is not None and source is not None and len(edits):
            bar = int(source.bars[source.window])
            loop, marked = edits.apply(loop, bar), list(edits.in_window(bar))
        self.roll.show_loop(groove, loop, tag=tag)
        self.roll.mark_edits(marked)

    def _editable(self):
        """(bar of the window shown, generated loop) where a click edits; None (and why, said) elsewhere."""
        base, source = self._base_shown, self.controller.input
        if self.live_on or source is None or source.live or base is None or base[0] != self.roll.tag:
            self.say("hand edits are made on a file's or selection's drums, once they are drawn (not live)")
            return None
        return int(source.bars[source.window]), base

    def toggle_hit(self, step: int, voice: int) -> None:
        found = self._editable()
        if found is None:
            return
        bar, (tag, groove, loop) = found
        named = self._named(step, voice)
        edits, done = toggle(self.edits_shown, loop, self.roll.loop, bar, step, voice)
        self._hand_edit(edits, tag, groove, loop)
        if done == "added":
            named = self._named(step, voice)
        self.say(f"{done}: {named}; {self._kept_text()} (Ctrl+Z undoes)")

    def wheel_hit(self, step: int, voice: int, notches: int) -> None:
        found = self._editable()
        if found is None:
            return
        bar, (tag, groove, loop) = found
        edits = nudge_velocity(self.edits_shown, self.roll.loop, bar, step, voice, notches, loop)
        if edits is not None:  # a turn of the wheel on one hit is one Undo step (controller.remember_edits)
            self._hand_edit(edits, tag, groove, loop, gesture=("wheel", self._version_drawn, bar, step, voice))
            self.say(f"{self._named(step, voice)}; {self._kept_text()}")

    def _named(self, step: int, voice: int) -> str:
        """The hit drawn at the cell as a drummer reads it ("kick at bar 1, beat 1, velocity 100")."""
        x = step + float(self.roll.loop[step, 2 * N_VOICES + voice]) + HIT_WIDTH / 2
        return self.roll.hit_at(x, voice + 0.5) or f"step {step + 1}"

    def _hand_edit(self, edits: HandEdits, tag, groove, loop, gesture=None) -> None:
        version = self._version_drawn
        before = self.controller.edits_on(version)
        self.controller.set_edits_on(version, edits)
        self.controller.remember_edits(before, version, gesture, time.monotonic())
        PanelHandEdits.show_drums(self, groove, loop, tag)  # the same version again (the base loop has no tag of it)
        self._save_soon()  # kept with the part (persistence.py): a crash or tomorrow's session finds them

    def clear_hand_edits(self) -> None:
        """The hand edits of the version shown (another version's stay: they are not in sight)."""
        version = self._version_drawn
        on = f" on version {version}" if version > 1 else ""
        before = self.controller.edits_on(version)
        n = len(before)
        others = {k: e for k, e in self.controller.all_edits().items() if k != version}
        elsewhere = f"; kept: {where_edits_are(others)}" if others else ""
        if not n:
            self.say(f"no hand edits to clear{on or ' on version 1'}{elsewhere} (show a version to clear its own)"
                     if others else "no hand edits to clear")
            return
        self.controller.set_edits_on(version, HandEdits())
        self.controller.remember_edits(before, version)  # one Undo step: Ctrl+Z brings them all back
        self._save_soon()  # gone from the part's kept edits too: not back at the next session
        if self._base_shown is not None:
            tag, groove, loop = self._base_shown
            PanelHandEdits.show_drums(self, groove, loop, tag)
        self.say(f"cleared {count_text(n)}{on} (Ctrl+Z brings them back){elsewhere}")

    def engine_for_reaper(self):
        """The engine REAPER's Drumify runs: with the hand edits on top where the editor shows the selection
        (edits made on a file's bars are not the selection's), and a note where some are left out."""
        edits, source = self.controller.edits, self.controller.input
        every = self.controller.all_edits()
        if not every:
            return self.controller.engine, []
        if source is not None and source.path is None and not source.live:
            return EditedEngine(self.controller.engine, edits, self.controller.version_edits), []
        n = sum(len(e) for e in every.values())
        return self.controller.engine, [f"{count_text(n)} of the file shown not written into REAPER "
                                        "(they are the file's: Export and Variations… write them)"]

    def hand_edits_note(self) -> str:
        """After a setting changed: the edits kept on top of the new drums of the version shown ('' when it has
        none: another version's are not in sight, and switching to it says them)."""
        return f"{self._kept_text()} on top" if len(self.edits_shown) else ""


def where_edits_are(every: dict) -> str:
    """"3 hand edits on version 1, 1 on version 3": where a producer finds the hand edits again."""
    parts = [f"{count_text(len(e)) if i == 0 else len(e)} on version {k}" for i, (k, e) in enumerate(sorted(every.items()))]
    return ", ".join(parts)

