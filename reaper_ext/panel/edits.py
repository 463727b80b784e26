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
from dataclasses import dataclass, field, replace

import numpy as np

from reagroove.core.loop import N_VOICES, STEPS, STEPS_PER_BEAT
from reagroove.core.swing import SWUNG_EARLY
from reagroove.core.wording import counted

from .hand_room import crowd_text, replaced_text, room_for, taken_off

HIT_WIDTH = 0.6  # pianoroll.HIT_WIDTH (not imported: this module stays free of Qt)

DEFAULT_VELOCITY = 100 / 127  # a hit added on a voice that plays nothing in the loop
WHEEL_STEP = 8 / 127  # one notch of the mouse wheel on a hit


@dataclass(frozen=True)
class HandEdits:
    """(bar, step, voice) -> velocity of a hit added, or None for a hit removed; immutable. A hit dragged there
    also keeps its timing: `offsets`, its offset from the grid (a hit added by a click plays where the loop plays
    its step: `played_offset`)."""

    cells: tuple = ()  # sorted ((bar, step, voice), velocity | None) pairs
    offsets: tuple = ()  # sorted ((bar, step, voice), offset in steps) pairs, of hits moved by a drag

    def __len__(self) -> int:
        return len(self.cells)

    def as_dict(self) -> dict:
        return dict(self.cells)

    def _with(self, cells: dict, offsets: dict) -> HandEdits:
        return HandEdits(tuple(sorted(cells.items())), tuple(sorted(offsets.items())))

    def offset_at(self, bar: int, step: int, voice: int) -> float | None:
        """The timing kept for the cell's hit (a hit dragged there); None: its own (or the grid, if added)."""
        return dict(self.offsets).get((int(bar), int(step), int(voice)))

    def set(self, bar: int, step: int, voice: int, velocity: float | None, offset: float | None = None) -> HandEdits:
        """These edits with the cell's hit added at `velocity` (None: removed), played `offset` steps off the grid
        (None: the timing it has, so the wheel on a hit dragged there keeps it late or early)."""
        cells, offsets, key = self.as_dict(), dict(self.offsets), (int(bar), int(step), int(voice))
        cells[key] = None if velocity is None else float(np.clip(velocity, 1 / 127, 1.0))
        if velocity is None:
            offsets.pop(key, None)
        elif offset is not None:
            offsets[key] = float(np.clip(offset, -0.5, 0.5))  # a loop's offsets are within half a step
        return self._with(cells, offsets)

    def drop(self, bar: int, step: int, voice: int) -> HandEdits:
        """These edits without the cell's: it is the generated drums' again."""
        cells, offsets, key = self.as_dict(), dict(self.offsets), (int(bar), int(step), int(voice))
        cells.pop(key, None)
        offsets.pop(key, None)
        return self._with(cells, offsets)

    def in_window(self, bar: int) -> dict:
        """(step, voice) -> velocity | None of the edits of the window starting at `bar`."""
        return {(s, v): vel for (b, s, v), vel in self.cells if b == int(bar)}

    def apply(self, loop: np.ndarray, bar: int) -> np.ndarray:
        """A copy of `loop` (32, 27) of the window starting at `bar`, with these edits on top: a hit added
        plays on the grid at its velocity, a hit the loop has plays at the edit's velocity on its own timing
        (the wheel made it softer and also moved it onto the grid), a hit removed is gone (velocity, offset too)."""
        out = np.array(loop, np.float32, copy=True)
        n = N_VOICES
        timing = {(s, v): o for (b, s, v), o in self.offsets if b == int(bar)}
        for (step, voice), vel in self.in_window(bar).items():
            if not (0 <= step < STEPS and 0 <= voice < n):
                continue
            if vel is None or out[step, voice] <= 0:
                out[step, 2 * n + voice] = 0.0
            if vel is not None and (step, voice) in timing:  # a hit dragged here plays on its own timing
                out[step, 2 * n + voice] = timing[(step, voice)]
            out[step, voice] = 0.0 if vel is None else 1.0
            out[step, n + voice] = 0.0 if vel is None else vel
        return out

    def bars_changed(self, other: HandEdits) -> list[int]:
        """The windows (their bars, as keyed) where these edits and `other` differ: where an Undo step shows."""
        a, b, ta, tb = self.as_dict(), other.as_dict(), dict(self.offsets), dict(other.offsets)
        keys = {k for k in a.keys() | b.keys() if k not in a or k not in b or a[k] != b[k]}
        keys |= {k for k in ta.keys() | tb.keys() if ta.get(k) != tb.get(k)}
        return sorted({bar for bar, _, _ in keys})

    def apply_all(self, loops: np.ndarray, bars) -> np.ndarray:
        """Every window's loop (W, 32, 27), numbered by `bars` (W,), with the edits on top (an export)."""
        if not self.cells:
            return loops
        return np.stack([self.apply(loop, int(b)) for loop, b in zip(loops, bars)]) if len(loops) else loops


@dataclass(frozen=True)
class EditsOn:
    """An Undo step of hand edits: the edits `version` had before a click, and what the click did ("added kick at
    bar 1, beat 2"), said when it is undone or redone."""

    version: int
    edits: HandEdits
    what: str = field(default="", compare=False)


def median_velocity(loop: np.ndarray, voice: int) -> float:
    """The velocity a hit added on `voice` gets: the voice's median in the loop, else 100/127."""
    n = N_VOICES
    loop = np.asarray(loop)
    played = loop[:, voice] > 0
    if not played.any():
        return DEFAULT_VELOCITY
    return float(np.median(loop[played, n + voice]))


def played_offset(loop: np.ndarray, step: int) -> float:
    """Where the loop plays `step`, off the grid: with the other hits on it (a swung hat's "and"), else where it plays
    that place of the beat (its swung 8ths); 0 where that is under SWUNG_EARLY off (a straight loop's humanizing)."""
    n = N_VOICES
    loop = np.asarray(loop)
    on_step = loop[step, 2 * n:][loop[step, :n] > 0]
    if len(on_step):
        return float(np.median(on_step))
    same = (np.arange(len(loop)) % STEPS_PER_BEAT == step % STEPS_PER_BEAT)[:, None] & (loop[:, :n] > 0)
    place = float(np.median(loop[:, 2 * n:][same])) if same.any() else 0.0
    return place if abs(place) >= SWUNG_EARLY else 0.0


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
    # a hit added plays with the step as the loop plays it: on the grid, a swung "and" sounded a 3rd of a 16th after
    # the hat it was clicked under; a generated hit put back keeps its own timing
    offset = played_offset(shown, step) if velocity is not None and not generated else None
    return edits.set(bar, step, voice, velocity, offset), done


def nudge_velocity(edits: HandEdits, shown: np.ndarray, bar: int, step: int, voice: int, notches: int,
                   base: np.ndarray | None = None) -> HandEdits | None:
    """The mouse wheel on a hit: its velocity up (down) WHEEL_STEP a notch; None where there is no hit. `base`: the
    generated loop; a hit wheeled back to the engine's velocity drops its edit, as a click does (toggle): it stayed
    counted, and pinned there when a setting changed the drums."""
    if shown[step, voice] <= 0:
        return None
    changed = edits.set(bar, step, voice, float(shown[step, N_VOICES + voice]) + notches * WHEEL_STEP)
    velocity = changed.in_window(bar)[(step, voice)]
    if base is not None and _as_generated(base, step, voice, velocity, float(shown[step, 2 * N_VOICES + voice])):
        return edits.drop(bar, step, voice)
    return changed


def _as_generated(base: np.ndarray, step: int, voice: int, velocity: float, offset: float) -> bool:
    """A hit at this velocity and timing is the engine's own there: no hand edit is needed for it."""
    n = N_VOICES
    return bool(base[step, voice] > 0 and abs(base[step, n + voice] - velocity) < 0.5 / 127
                and abs(base[step, 2 * n + voice] - offset) < 1e-3)


def move_hit(edits: HandEdits, base: np.ndarray, shown: np.ndarray, bar: int, step: int, voice: int,
             to_step: int, to_voice: int) -> HandEdits | None:
    """A hit dragged from cell (step, voice) to (to_step, to_voice) of the window at `bar`: gone from its cell, and
    played on the other with its velocity and its offset from the grid, in place of a hit there (a drag onto a hit
    replaces it). `base`: the generated loop, `shown`: with the edits. None where no hit is shown at (step, voice).
    A cell left as the engine made it has no edit (a hit dragged away and back leaves none)."""
    n = N_VOICES
    if shown[step, voice] <= 0 or (step, voice) == (to_step, to_voice):
        return None
    velocity, offset = float(shown[step, n + voice]), float(shown[step, 2 * n + voice])
    edits = edits.set(bar, step, voice, None) if base[step, voice] > 0 else edits.drop(bar, step, voice)
    if _as_generated(base, to_step, to_voice, velocity, offset):
        return edits.drop(bar, to_step, to_voice)
    return edits.set(bar, to_step, to_voice, velocity, offset)


def move_hits(edits: HandEdits, base: np.ndarray, shown: np.ndarray, bar: int, cells, d_step: int,
              d_voice: int) -> HandEdits:
    """Several hits moved together (a selection dragged): each at `cells` (step, voice) of the window at `bar` moved
    by d_step steps and d_voice lanes with its velocity and timing, in place of a hit where it lands, as move_hit
    moves one; all are lifted before any lands, so one moving onto another's cell does not take it along."""
    n = N_VOICES
    lifted = [(s, v, float(shown[s, n + v]), float(shown[s, 2 * n + v])) for s, v in cells if shown[s, v] > 0]
    for s, v, _, _ in lifted:
        edits = edits.set(bar, s, v, None) if base[s, v] > 0 else edits.drop(bar, s, v)
    for s, v, velocity, offset in lifted:
        to_step, to_voice = s + d_step, v + d_voice
        edits = (edits.drop(bar, to_step, to_voice) if _as_generated(base, to_step, to_voice, velocity, offset)
                 else edits.set(bar, to_step, to_voice, velocity, offset))
    return edits


def paste_bar(edits: HandEdits, base: np.ndarray, bar: int, start: int, copied: np.ndarray) -> HandEdits:
    """A bar copied from the roll (its rows of a shown loop, (steps, 27)) played from step `start` of the window at
    `bar`: every cell of the bar as the copied one has it, hit, velocity and timing (a hit there that it has not is
    removed). `base`: the generated loop; a cell that the engine already plays so has no edit."""
    n = N_VOICES
    for k, row in enumerate(np.asarray(copied)):
        step = start + k
        for voice in range(n):
            if row[voice] > 0:
                velocity, offset = float(row[n + voice]), float(row[2 * n + voice])
                edits = (edits.drop(bar, step, voice) if _as_generated(base, step, voice, velocity, offset)
                         else edits.set(bar, step, voice, velocity, offset))
            else:
                edits = edits.set(bar, step, voice, None) if base[step, voice] > 0 else edits.drop(bar, step, voice)
    return edits


class EditedEngine:
    """The engine with hand edits on top of drumify_windows' loops: Drumify into REAPER from the editor writes
    what the roll shows (the selection's windows are numbered by bar as the editor's input is)."""

    def __init__(self, engine, edits: HandEdits, versions: dict | None = None):
        self._engine, self._edits = engine, edits
        self._versions = {1: edits, **(versions or {})}  # version -> its edits, for variations_of

    def __getattr__(self, name):
        return getattr(self._engine, name)

    @property
    def without_edits(self):
        """The engine under the edits: drums drawn from other seeds are not the drums the edits were made on."""
        return self._engine

    def drumify_windows(self, *args, **kwargs):
        return self.edited(self._engine.drumify_windows(*args, **kwargs))

    def edited(self, result):
        """A drumify result (DrumifyResult) with the hand edits (version 1's) on its loops, as drumify_windows
        writes them: for drums drawn some other way under these edits (selection_range.py: a time selection's bars
        of the whole items, drummed by `without_edits`)."""
        return replace(result, loops=self._edits.apply_all(result.loops, result.bars))

    def variations_of(self, part, *args, **kwargs):
        """Variations into REAPER from the editor: each version with the hand edits made on it."""
        versions = np.array(self._engine.variations_of(part, *args, **kwargs), copy=True)
        for k, edits in self._versions.items():
            if 1 <= k <= len(versions):
                versions[k - 1] = edits.apply_all(versions[k - 1], part.bars)
        return versions


def count_text(n: int) -> str:
    return counted(n, "hand edit")


__all__ = ["DEFAULT_VELOCITY", "EditedEngine", "EditsOn", "HandEdits", "PanelHandEdits", "count_text", "median_velocity", "move_hit", "nudge_velocity",
           "toggle"]


class PanelHandEdits:
    """The editor window's side (mixed into app.PanelWindow; no Qt here): a click or the wheel on the roll
    edits, the preview draws the generated loop with the edits on top, Clear hand edits drops them."""

    _base_shown = None  # (tag, groove, loop) of the generated loop drawn, before the edits

    def _wire_hand_edits(self) -> None:
        self.roll.cell_clicked.connect(self.toggle_hit)
        self.roll.wheeled.connect(self.wheel_hit)
        self.roll.hit_dragged.connect(self.drag_hit)
        self.roll.dragging.connect(self.say)  # where a dragged hit lands, while it is dragged

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
        # the next bars (or version) asked for and still on their way (a slow engine, a loaded CPU): the drums drawn
        # are the ones before, under the new bars' heading, and a click on them edited the new bars by the old bars'
        # hits (or the version before by a click meant for the next)
        if base[0] < self._input_from:
            self.say(f"not edited: the drums for {source.window_text()} are still being drawn (edit them once shown)")
            return None
        if self._version_drawn != self.version_shown:
            self.say(f"not edited: version {self.version_shown} is still being drawn (edit it once shown)")
            return None
        return int(source.bars[source.window]), base

    def toggle_hit(self, step: int, voice: int) -> None:
        found = self._editable()
        if found is None:
            return
        bar, (tag, groove, loop) = found
        named = self._named(step, voice)
        off, crowd = [], []
        if self.roll.loop[step, voice] <= 0:  # an added hit: in place of the other hi-hat sound there (hand_room.py)
            off, crowd = room_for(self.roll.loop, step, voice)
        edits, done = toggle(self.edits_shown, loop, self.roll.loop, bar, step, voice)
        edits = taken_off(edits, loop, bar, step, off)  # one edit, one Undo step
        self._hand_edit(edits, tag, groove, loop, what=f"{done} {self.roll.place(step, voice)}")
        if done == "added":
            named = self._named(step, voice)
        self.say(f"{done}: {named}{replaced_text(off)}{crowd_text(crowd)}; {self._kept_text()} (Ctrl+Z undoes)")

    def wheel_hit(self, step: int, voice: int, notches: int) -> None:
        found = self._editable()
        if found is None:
            return
        bar, (tag, groove, loop) = found
        edits = nudge_velocity(self.edits_shown, self.roll.loop, bar, step, voice, notches, loop)
        if edits is not None:  # a turn of the wheel on one hit is one Undo step (controller.remember_edits)
            self._hand_edit(edits, tag, groove, loop, gesture=("wheel", self._version_drawn, bar, step, voice),
                            what=f"velocity of {self.roll.place(step, voice)}")
            self.say(f"{self._named(step, voice)}; {self._kept_text()}")

    def drag_hit(self, step: int, voice: int, to_step: int, to_voice: int) -> None:
        """A hit dragged to another cell: moved there with its velocity and timing, in place of a hit there; one
        Undo step."""
        if self.selection_dragged(step, voice, to_step, to_voice):  # one of several selected: all move (roll_keys.py)
            return
        found = self._editable()
        if found is None:
            return
        bar, (tag, groove, loop) = found
        shown = self.roll.loop
        named = self._named(step, voice)
        there = max(1, round(float(shown[to_step, N_VOICES + to_voice]) * 127)) if shown[to_step, to_voice] > 0 else 0
        edits = move_hit(self.edits_shown, loop, shown, bar, step, voice, to_step, to_voice)
        if edits is None:  # the drums were redrawn under the drag, without that hit
            self.say(f"not moved: no {self.roll.place(step, voice)} now")
            return
        lifted = np.array(shown, copy=True)
        lifted[step, voice] = 0.0  # (off its own cell first: dragged along its 16th, it makes room for itself)
        off, crowd = room_for(lifted, to_step, to_voice)
        edits = taken_off(edits, loop, bar, to_step, off)
        self._hand_edit(edits, tag, groove, loop,
                        what=f"moved {self.roll.place(step, voice)} to {self.roll.place(to_step, to_voice)}")
        replaced = replaced_text(off, f"the hit there (velocity {there})" if there else "")
        # "moved: kick at bar 1, beat 2 (velocity 96, 0.08 of a 16th late) to ...": where it went reads on from where
        # it was, its velocity and timing aside (a narrow status line drops them first: short_lines.StatusLine)
        place, _, details = named.partition(", velocity ")
        details = f" (velocity {details})" if details else ""
        self.say(f"moved: {place}{details} to {moved_to(place, self.roll.place(to_step, to_voice))}{replaced}"
                 f"{crowd_text(crowd)}; {self._kept_text()} (Ctrl+Z undoes)")

    def _named(self, step: int, voice: int) -> str:
        """The hit drawn at the cell as a drummer reads it ("kick at bar 1, beat 1, velocity 100")."""
        x = step + float(self.roll.loop[step, 2 * N_VOICES + voice]) + HIT_WIDTH / 2
        return self.roll.hit_at(x, voice + 0.5) or f"step {step + 1}"

    def _hand_edit(self, edits: HandEdits, tag, groove, loop, gesture=None, what: str = "") -> None:
        version = self._version_drawn
        before = self.controller.edits_on(version)
        self.controller.set_edits_on(version, edits)
        self.controller.remember_edits(before, version, gesture, time.monotonic(), what=what)
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
        # one Undo step: Ctrl+Z brings them all back
        self.controller.remember_edits(before, version, what=f"cleared {count_text(n)}")
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


def moved_to(source: str, target: str) -> str:
    """Where a dragged hit went, said after where it was ("snare at bar 1, beat 2"): its voice and bar left out where
    they stay ("beat 3", "high tom at the 'and' of 2"), so a narrow status line still shows it whole."""
    voice, _, at = source.partition(" at ")
    to_voice, _, to_at = target.partition(" at ")
    bar, to_bar = at.partition(", ")[0], to_at.partition(", ")
    if to_bar[1] and to_bar[0] == bar:
        to_at = to_bar[2]
    return to_at if to_voice == voice else f"{to_voice} at {to_at}"


def where_edits_are(every: dict) -> str:
    """"3 hand edits on version 1, 1 on version 3": where a producer finds the hand edits again."""
    parts = [f"{count_text(len(e)) if i == 0 else len(e)} on version {k}" for i, (k, e) in enumerate(sorted(every.items()))]
    return ", ".join(parts)

