"""The piano roll: the input groove and the generated loop on the 32-step grid (pyqtgraph).

The grid is the window's own bars: two bars of 4/4, or of 3/4, 6/8, ... as the
file has them (core/meter.py), with bar and beat lines and labels where that
meter has them, so the drums are shown as they will be written.

One lane per drum voice (kick at the bottom) and the input groove on top.
A hit is a bar that starts where it is played: on its grid line when in
time, left of it when early, right when late (micro-timing as an offset
from the grid, which is drawn for every step, beat and bar). Its height and
colour give the velocity. Faint columns mark the input's hits across all
lanes, so you see where the drums lock in.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QApplication, QGraphicsItem, QToolTip

from reagroove.core.loop import N_VOICES, STEPS, STEPS_PER_BEAT, VOICES
from reagroove.core.meter import bars_beats, span_beats
from reagroove.core.textroll import bar_label

from .events import Hook

INPUT_LANE = N_VOICES + 0.4  # the input groove's lane sits above the drums, a little apart
LEAST_NAME_POINTS = 6.5  # the lane names' smallest font in a short roll (_fit_lane_names)
HIT_WIDTH = 0.6  # of a step: narrow enough that an offset from the grid line shows
BACKGROUND = "#1b1f26"
DRUM_COLOURS = pg.ColorMap([0.0, 0.5, 1.0], [(90, 120, 170), (235, 170, 60), (245, 80, 60)])
INPUT_COLOURS = pg.ColorMap([0.0, 1.0], [(60, 130, 120), (90, 230, 200)])
VELOCITY_LEVELS = 16  # brushes are shared between hits of similar velocity
WHEEL_NOTCH = 120  # angle units of one mouse-wheel notch (Qt: 8ths of a degree)


def lane_label(voice: str) -> str:
    return voice.replace("_", " ")


# the 16ths of a quarter-note beat as a drummer counts them: "1 e & a"
SIXTEENTH_WORDS = ("", "the 'e' of {}", "the 'and' of {}", "the 'a' of {}")


def counted_beat(beat: int, past: int, length: int = 4) -> str:
    """A 16th `past` 16ths into beat `beat` (its 1st from 1) of `length` 16ths, said as a drummer counts it: "beat 4",
    "the 'e' of 2", "the 'and' of 4", "the 'a' of 3" (a status line's "beat 4 +2/16" was hard to read). A beat of
    other than four 16ths (a 7/8 bar's dotted quarter) keeps "beat 3 +2/16"."""
    if not past:
        return f"beat {beat}"
    return SIXTEENTH_WORDS[past].format(beat) if length == 4 and 0 < past < 4 else f"beat {beat} +{past}/16"


def _brushes(cmap: pg.ColorMap) -> list:
    return [pg.mkBrush(cmap.map(i / (VELOCITY_LEVELS - 1), mode="qcolor")) for i in range(VELOCITY_LEVELS)]


def hit_bars(hits: np.ndarray, velocities: np.ndarray, offsets: np.ndarray, lanes: np.ndarray) -> dict:
    """Geometry of hit bars: hits/velocities/offsets (32, L), lanes (L,) -> x0, y0, height, level per hit."""
    steps, cols = np.nonzero(hits > 0)
    vel = velocities[steps, cols]
    return {
        "x0": steps + offsets[steps, cols],
        "y0": lanes[cols] + 0.1,
        "height": 0.15 + 0.7 * vel,
        "level": np.clip(np.round(vel * (VELOCITY_LEVELS - 1)), 0, VELOCITY_LEVELS - 1).astype(int),
        "steps": steps,
        "offsets": offsets[steps, cols],
    }


# What the empty roll says; connected to REAPER the window adds its selection (modes.py).
EMPTY_HINT = "Open a MIDI or audio file (Ctrl+O) to see its groove"
EMPTY_HINT_REAPER = "Open a MIDI or audio file (Ctrl+O) or read REAPER's selection (Ctrl+I) to see its groove"
# started beside REAPER while it is away: its side too, which a first run showed only in the Live status section
# (short lines: one of 85 characters ran past a 600 px window's roll)
EMPTY_HINT_AWAY = ("Open a MIDI or audio file (Ctrl+O) to see its groove,\n"
                   "or, to use REAPER's selected items, run the action\n'ReaGroove: Start server' in REAPER")
# How the roll edits (its tooltip, and what a click off the drum lanes says)
EDIT_HINT = ("click an empty cell to add a hit, click a hit to remove it, drag a hit to move it, the mouse wheel on a "
             "hit changes its velocity, Shift+click selects hits to move together; hand edits are the version "
             "shown's and stay on top when a setting changes (Ctrl+Z undoes one); F4: the same by keys")

BEFORE_PICKUP = "before the pickup bar the song has not started: no drums are written there (add hits from the pickup on)"
# past the song's end (the last window's second bar, in a part of an odd number of bars): nothing is written there
PAST_END = "past the song's end ({last} is its last): no drums are written there, so no hit can go there"
# a drag released where no hit can go: the hit stays where it was
DRAG_OFF = "not moved: drop a hit on a drum lane, within the bars shown (the hit stays where it was)"
DRAG_HOME = "not moved: dropped on its own cell (a click without moving removes a hit)"


class PianoRoll(pg.PlotWidget):
    """Shows one groove (32, 3) and one loop (32, 27). The `painted(tag)` hook runs after each repaint."""

    def __init__(self, parent=None):
        super().__init__(parent, background=BACKGROUND)
        self.painted = Hook()  # (tag of the content drawn)
        self.clicked = Hook()  # (text: a click off the drum lanes says how to edit)
        self.cell_clicked = Hook()  # (step, voice): a click on a drum lane's cell, to add or remove its hit
        self.wheeled = Hook()  # (step, voice, notches): the mouse wheel on a drum lane's cell
        self._wheel_cell, self._wheel_angle = None, 0  # the cell being wheeled, and its angle short of a notch
        self.hit_dragged = Hook()  # (step, voice, to_step, to_voice): a hit dragged onto another cell, to move it
        self.dragging = Hook()  # (text): where the hit dragged lands, or why it cannot, as the pointer moves
        self.loop_shown = Hook()  # (): another loop drawn (roll_keys.py redraws its marks over it)
        self._drag = None  # the hit pressed: {cell, start (view point), at (widget point), moving, said}
        self.setToolTip(EDIT_HINT[0].upper() + EDIT_HINT[1:])
        self.tag = None  # what the caller said the shown content is (a request id)
        self.groove = np.zeros((STEPS, 3), np.float32)
        self.loop = np.zeros((STEPS, 3 * N_VOICES), np.float32)
        self._drum_brushes = _brushes(DRUM_COLOURS)
        self._input_brushes = _brushes(INPUT_COLOURS)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(False, False)
        # its cells take keys (roll_keys.py): the focus by a click or by F4, not a Tab stop among forty controls
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setMinimumSize(280, 160)  # a small screen: the lanes get thinner, nothing is cut
        plot = self.getPlotItem()
        plot.setYRange(-0.1, INPUT_LANE + 1.05, padding=0)
        self._grid_items: list = []
        self._frame = None
        self.hint = pg.TextItem("", color=(200, 205, 215), anchor=(0.5, 0.5))  # centred on the grid by _grid
        self._axes(plot, first_bar=1)
        self.input_columns = pg.BarGraphItem(x0=[], y0=-0.05, width=1.0, height=INPUT_LANE + 1.0,
                                             brush=(90, 230, 200, 22), pen=None)
        self.drum_hits = pg.BarGraphItem(x0=[], y0=[], width=HIT_WIDTH, height=[], pen=None, brush="w")
        self.input_hits = pg.BarGraphItem(x0=[], y0=[], width=HIT_WIDTH, height=[], pen=None, brush="w")
        self.timing_marks = pg.PlotDataItem([], [], connect="pairs", pen=pg.mkPen((255, 255, 255, 150), width=1.5))
        # a dashed box around each hand-edited cell: a hit added, or the place of one removed
        self.edit_marks = pg.BarGraphItem(x0=[], y0=[], width=HIT_WIDTH + 0.24, height=0.9, brush=None,
                                          pen=pg.mkPen((255, 255, 255, 190), width=1, style=Qt.PenStyle.DashLine))
        # where a dragged hit lands: its outline there, at its timing and velocity
        self.drag_ghost = pg.BarGraphItem(x0=[], y0=[], width=HIT_WIDTH, height=[], brush=(255, 255, 255, 70),
                                          pen=pg.mkPen((255, 255, 255, 235), width=1.5))
        for item in (self.input_columns, self.drum_hits, self.input_hits, self.timing_marks, self.edit_marks,
                     self.drag_ghost):
            plot.addItem(item)
        plot.addItem(self.hint)
        self.set_hint(EMPTY_HINT)

    # ------------------------------------------------------------ frame

    def _axes(self, plot, first_bar: int) -> None:
        left = plot.getAxis("left")
        ticks = [(v + 0.5, lane_label(name)) for v, name in enumerate(VOICES)] + [(INPUT_LANE + 0.5, "input")]
        left.setTicks([ticks, []])
        # wide enough for the longest lane name in the user's font: pyqtgraph leaves out a label it cannot fit
        # whole ("closed hat" from 11 pt on, with the 78 px this was)
        longest = max(self.fontMetrics().horizontalAdvance(text) for _, text in ticks)
        left.setWidth(max(78, longest + 16))
        self.set_first_bar(first_bar)
        for axis in ("left", "bottom"):
            plot.getAxis(axis).setTextPen(pg.mkPen(200, 205, 215))
            plot.getAxis(axis).setPen(pg.mkPen(90, 95, 105))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_lane_names()

    def _fit_lane_names(self) -> None:
        """The lane names in a font no taller than a lane, down to LEAST_NAME_POINTS: in a short roll (the editor
        narrow at 1000 x 600, a 14 pt font) "high tom", "mid tom", "low tom" and "open hat" were drawn over each
        other, none of them readable."""
        if getattr(self, "plotItem", None) is None:  # pyqtgraph resizes the view while it is still being built
            return
        axis = self.getPlotItem().getAxis("left")
        lane = self.getPlotItem().getViewBox().height() / (INPUT_LANE + 1.15)  # px per lane (the y range's span)
        font = self.font()
        points = font.pointSizeF()
        while points > LEAST_NAME_POINTS and QFontMetrics(font).height() > lane:
            points -= 0.5
            font.setPointSizeF(points)
        if getattr(self, "_lane_points", None) != points:
            self._lane_points = points
            axis.setStyle(tickFont=font if points < self.font().pointSizeF() else None)

    def set_first_bar(self, first_bar: int, bars=None, shift: int = 0, heard: float | None = None) -> None:
        """Show the window starting at bar `first_bar` that plays `bars` (core.meter.WindowBars; None: two
        bars of 4/4): its bar and beat labels, its grid, and only its steps (24 for two bars of 3/4). shift:
        what to add to a bar to name it (InputGroove.bar_shift: REAPER's ruler). heard: the beats of it the song
        plays (InputGroove.heard_beats; None: all); the steps after them are greyed, empty and take no edit."""
        beats = [[(b.start, b.length) for b in bar] for bar in bars_beats(bars)]
        span = span_beats(bars)
        end = STEPS if span is None else min(STEPS, int(round(span * STEPS_PER_BEAT)))
        major, minor = [], []
        for i, bar in enumerate(beats):
            for k, (start, _) in enumerate(bar):
                number = first_bar + i
                if number < 1:  # a pickup (numbered 0): named as the CLI names it; its beats are not 1, 2... of a bar
                    (major if k == 0 else minor).append((start, bar_label(number) if k == 0 else ""))
                else:
                    said = number + shift
                    (major if k == 0 else minor).append((start, f"{said}" if k == 0 else f"{said}.{k + 1}"))
        self.getPlotItem().getAxis("bottom").setTicks([major, minor])
        self._first_bar, self._shift = first_bar, shift
        # x/8 bars are counted in 8ths, as a drummer counts 6/8 or 12/8 ("8th 5"), not in dotted beats and 16ths
        self._eighths = tuple(bars is not None and len(bars) == len(beats) and bars[i][2] == 8
                              for i in range(len(beats)))
        # as the writer cuts a window (midi_write.loop_note_events): the steps on the grid before `heard` beats
        until = end if heard is None else min(end, max(0, int(np.ceil(heard * STEPS_PER_BEAT - 1e-6))))
        frame = (tuple(map(tuple, beats)), end, until)
        if frame != self._frame:
            self._frame = frame
            self._grid(self.getPlotItem(), beats, end, until)

    def _grid(self, plot, beats: list, end: int, until: int | None = None) -> None:
        """Beat shading and step, beat and bar lines of the window's bars, kept as pixmaps until they change."""
        for item in self._grid_items:
            plot.removeItem(item)
        top = INPUT_LANE + 1.0
        plot.setXRange(-0.5, end + 0.2, padding=0)
        flat = [b for bar in beats for b in bar]
        shaded = flat[1::2]  # every other beat, as on a drummer's chart
        shade = pg.BarGraphItem(x0=[s for s, _ in shaded], y0=-0.05, width=[n for _, n in shaded],
                                height=top + 0.05, brush=(255, 255, 255, 8), pen=None)
        items = [shade]
        bar_lines = [bar[0][0] for bar in beats] + [end]
        for xs, colour, width in ((np.arange(0, end + 1), (255, 255, 255, 22), 1),
                                  ([s for s, _ in flat] + [end], (255, 255, 255, 55), 1),
                                  (bar_lines, (255, 255, 255, 130), 2)):
            xs = np.repeat(np.asarray(xs, float), 2)
            ys = np.tile([-0.05, top], len(xs) // 2)
            items.append(pg.PlotCurveItem(xs, ys, connect="pairs", pen=pg.mkPen(colour, width=width)))
        items.append(pg.PlotCurveItem([-0.5, end + 0.2], [INPUT_LANE - 0.2] * 2, pen=pg.mkPen((255, 255, 255, 70))))
        for item in items:
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            item.setZValue(-10)  # under the hits, which are added once and stay
        if until is not None and until < end:  # past the song's end: greyed over the grid, said in words
            past = pg.BarGraphItem(x0=[until], y0=-0.05, width=end + 0.2 - until, height=top + 0.05,
                                   brush=(120, 125, 135, 70), pen=None)
            said = pg.TextItem("past the song's end", color=(160, 165, 175), anchor=(0.5, 0.5))
            said.setPos((until + end) / 2, N_VOICES / 2)
            for item in (past, said):
                item.setZValue(-5)
            items += [past, said]
        for item in items:
            plot.addItem(item)
        self._grid_items = items
        self.hint.setPos(end / 2, N_VOICES / 2)

    def shown_steps(self) -> int:
        """Steps the grid shows (32 for two bars of 4/4, 24 for two bars of 3/4)."""
        return self._frame[1]

    def heard_steps(self) -> int:
        """Steps of the window the song plays (shown_steps(), fewer where it ends inside the window): no drums are
        written after them, so none are drawn there and a click there is refused."""
        return self._frame[2]

    def first_step(self) -> int:
        """The step the window's first bar starts on: 0, or later for a pickup bar (its beat at the window's
        end); the steps before it are before the music, where no drum is written."""
        beats = self._frame[0]
        return max(0, int(np.floor(beats[0][0][0]))) if beats and beats[0] else 0

    # ------------------------------------------------------------ content

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def show_loop(self, groove: np.ndarray | None, loop: np.ndarray | None, tag=None) -> None:
        """Draw a groove (32, 3) and a loop (32, 27); either may be None (an empty lane)."""
        self.tag = tag
        self.groove = np.zeros((STEPS, 3), np.float32) if groove is None else np.asarray(groove, np.float32)
        self.loop = np.zeros((STEPS, 3 * N_VOICES), np.float32) if loop is None else np.asarray(loop, np.float32)
        n, first, end = N_VOICES, self.first_step(), self.heard_steps()
        if end < STEPS or first > 0:  # a window shorter than the loop (two bars of 3/4, a pickup): its steps only
            self.groove, self.loop = self.groove.copy(), self.loop.copy()
            self.groove[end:], self.groove[:first] = 0.0, 0.0
            self.loop[end:], self.loop[:first] = 0.0, 0.0
        drums = hit_bars(self.loop[:, :n], self.loop[:, n : 2 * n], self.loop[:, 2 * n :], np.arange(n, dtype=float))
        g = self.groove
        inp = hit_bars(g[:, :1], g[:, 1:2], g[:, 2:3], np.array([INPUT_LANE]))
        self.drum_hits.setOpts(x0=drums["x0"], y0=drums["y0"], height=drums["height"],
                               brushes=[self._drum_brushes[i] for i in drums["level"]])
        self.input_hits.setOpts(x0=inp["x0"], y0=inp["y0"], height=inp["height"],
                                brushes=[self._input_brushes[i] for i in inp["level"]])
        self.input_columns.setOpts(x0=inp["steps"] + inp["offsets"] - 0.5 * (1 - HIT_WIDTH))
        self._timing_marks(drums, inp)
        if groove is not None:
            self.set_hint("")
        self.loop_shown.emit()
        self.update()

    def mark_edits(self, cells) -> None:
        """Mark the hand-edited cells (step, voice) of the window shown (edits.py)."""
        cells = [(s, v) for s, v in cells if self.first_step() <= s < self.heard_steps()]
        self.edit_marks.setOpts(x0=[s - 0.12 for s, _ in cells], y0=[v + 0.05 for _, v in cells])
        self.update()

    def edits_marked(self) -> int:
        return len(self.edit_marks.opts["x0"])

    def _timing_marks(self, *parts) -> None:
        """A short line from the grid to each hit played off it (|offset| >= 0.05 step)."""
        xs, ys = [], []
        for p in parts:
            off = np.abs(p["offsets"]) >= 0.05
            for s, o, y in zip(p["steps"][off], p["offsets"][off], p["y0"][off]):
                xs += [s, s + o]
                ys += [y - 0.04, y - 0.04]
        self.timing_marks.setData(np.asarray(xs, float), np.asarray(ys, float))

    def hit_at(self, x: float, y: float) -> str | None:
        """The drum hit drawn at plot point (x, y), said as a drummer reads it; None where there is none."""
        n = N_VOICES
        lane = int(np.floor(y))
        if not 0 <= lane < n or x < -0.5:
            return None
        hits, vel, off = self.loop[:, lane], self.loop[:, n + lane], self.loop[:, 2 * n + lane]
        for step in np.nonzero(hits > 0)[0]:
            x0 = step + off[step]
            if x0 - 0.1 <= x <= x0 + HIT_WIDTH + 0.1:
                return f"{lane_label(VOICES[lane])} at {self._position(float(step))}, velocity " \
                       f"{max(1, min(127, round(float(vel[step]) * 127)))}{_timing(float(off[step]))}"
        return None

    def _position(self, step: float) -> str:
        """"bar 2, beat 3" (or "bar 2, the 'and' of 3" past the beat: counted_beat) for a step of the window shown;
        "bar 2, 8th 5" in x/8."""
        for i, bar in enumerate(self._frame[0]):
            for k, (start, length) in enumerate(bar):
                if start <= step < start + length:
                    past = int(round(step - start))
                    if self._eighths[i]:
                        into = int(round(step - bar[0][0]))
                        return f"{self._bar_name(i)}, 8th {into // 2 + 1}" + (" +1/16" if into % 2 else "")
                    return f"{self._bar_name(i)}, {counted_beat(k + 1, past, int(round(length)))}"
        return f"step {int(step) + 1}"

    def bar_span(self, step: int) -> tuple[int, int, int] | None:
        """(i, first step, step after its last) of the shown window's bar i that holds `step`; None outside them."""
        for i, bar in enumerate(self._frame[0]):
            if bar:
                start, end = int(round(bar[0][0])), int(round(bar[-1][0] + bar[-1][1]))
                if start <= step < end:
                    return i, start, end
        return None

    def _bar_name(self, i: int) -> str:
        """"bar 5" for the shown window's bar i, as the producer sees it numbered; "pickup" before bar 1."""
        number = self._first_bar + i
        return bar_label(number) if number < 1 else f"bar {number + self._shift}"

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(step, voice) of the drum lane cell at plot point (x, y): the hit drawn there, else the step whose
        bar would be drawn there; None off the drum lanes or the window's steps."""
        n = N_VOICES
        lane = int(np.floor(y))
        if not 0 <= lane < n:
            return None
        hits, off = self.loop[:, lane], self.loop[:, 2 * n + lane]
        for step in np.nonzero(hits > 0)[0]:
            x0 = step + off[step]
            if x0 - 0.1 <= x <= x0 + HIT_WIDTH + 0.1:
                return int(step), lane
        step = int(np.floor(x + (1 - HIT_WIDTH) / 2))  # a cell is its step's bar, centred in its gap
        # before a pickup bar or past the song's end: a hit added there was drawn and counted, and never exported
        return (step, lane) if self.first_step() <= step < self.heard_steps() else None

    def place(self, step: int, voice: int) -> str:
        """"high tom at bar 1, beat 3": a cell as a drummer names it."""
        return f"{lane_label(VOICES[voice])} at {self._position(float(step))}"

    def cell_pos(self, step: int, voice: int):
        """The widget point at the middle of cell (step, voice), where a click edits it."""
        scene = self.getPlotItem().vb.mapViewToScene(pg.Point(step + HIT_WIDTH / 2, voice + 0.5))
        return self.mapFromScene(scene)

    def _before_first_bar(self, event) -> bool:
        point = self._view_point(event)
        return 0 <= point.y() < N_VOICES and -0.5 <= point.x() < self.first_step() - (1 - HIT_WIDTH) / 2

    def _past_end(self, event) -> bool:
        point = self._view_point(event)
        return 0 <= point.y() < N_VOICES and self.heard_steps() - (1 - HIT_WIDTH) / 2 <= point.x() <= \
            self.shown_steps() + 0.2 and self.heard_steps() < self.shown_steps()

    def past_end_text(self) -> str:
        """Why a hit cannot go past the song's end, naming its last bar as the roll does."""
        last = self.heard_steps() - 1
        if last < 0:  # a window the song does not reach at all: its last bar is the one before
            return PAST_END.format(last=f"bar {self._first_bar - 1 + self._shift}")
        i = max([k for k, bar in enumerate(self._frame[0]) if bar and bar[0][0] <= last] or [0])
        return PAST_END.format(last=self._bar_name(i))

    def _view_point(self, event):
        return self.getPlotItem().vb.mapSceneToView(self.mapToScene(event.position().toPoint()))

    def _cell_of(self, event):
        point = self._view_point(event)
        return self.cell_at(point.x(), point.y())

    def mousePressEvent(self, event) -> None:
        cell = self._cell_of(event) if event.button() == Qt.MouseButton.LeftButton else None
        self._end_drag()
        if cell is not None and self.loop[cell[0], cell[1]] > 0:
            # a hit pressed: a click (released without moving) removes it, a drag moves it; known on release
            self._drag = {"cell": cell, "start": self._view_point(event), "at": event.position(), "moving": False,
                          "said": None}
        elif cell is None and self._before_first_bar(event):
            self.clicked.emit(BEFORE_PICKUP)
        elif cell is None and self._past_end(event):
            self.clicked.emit(self.past_end_text())
        elif cell is None:
            self.clicked.emit(EDIT_HINT[0].upper() + EDIT_HINT[1:])
        else:
            self.cell_clicked.emit(*cell)
        super().mousePressEvent(event)

    def _landing(self, event):
        """(step, voice) a hit dragged to the pointer lands on: moved by as many steps as the pointer moved (the hit
        keeps its place under the pointer), onto the lane under it; or why it cannot land there."""
        drag, point = self._drag, self._view_point(event)
        step, voice = drag["cell"]
        to_step, to_voice = step + int(round(point.x() - drag["start"].x())), int(np.floor(point.y()))
        if 0 <= to_voice < N_VOICES and to_step < self.first_step() and self.first_step() > 0:
            return "not moved: " + BEFORE_PICKUP  # as a click there is refused
        if 0 <= to_voice < N_VOICES and self.heard_steps() <= to_step < self.shown_steps():
            return "not moved: " + self.past_end_text()
        if not (0 <= to_voice < N_VOICES and self.first_step() <= to_step < self.shown_steps()):
            return DRAG_OFF
        return to_step, to_voice

    def _show_landing(self, landing) -> None:
        drag = self._drag
        step, voice = drag["cell"]
        n = N_VOICES
        if isinstance(landing, tuple):
            vel, off = float(self.loop[step, n + voice]), float(self.loop[step, 2 * n + voice])
            colour = velocity_colour(vel)
            colour.setAlpha(150)  # the hit's own colour, faint: where it will be, not yet there
            self.drag_ghost.setOpts(x0=[landing[0] + off], y0=[landing[1] + 0.1], height=[0.15 + 0.7 * vel],
                                    brush=colour)
            said = f"moving {lane_label(VOICES[voice])} to {self.place(*landing)}"
            if landing != (step, voice) and self.loop[landing[0], landing[1]] > 0:
                said += " (replaces the hit there)"
        else:
            self.drag_ghost.setOpts(x0=[], y0=[], height=[])
            said = landing
        if said != drag["said"]:  # said once per cell passed, not at each pixel
            drag["said"] = said
            self.dragging.emit(said)
        self.update()

    def _end_drag(self) -> None:
        self._drag = None
        if len(self.drag_ghost.opts["x0"]):
            self.drag_ghost.setOpts(x0=[], y0=[], height=[])
            self.update()

    def mouseMoveEvent(self, event) -> None:
        drag = self._drag
        if drag is not None:
            moved = (event.position() - drag["at"]).manhattanLength()
            drag["moving"] = drag["moving"] or moved >= QApplication.startDragDistance()
            if drag["moving"]:
                self._show_landing(self._landing(event))
        else:  # a hit under the pointer is said (its velocity too), not only by clicking or wheeling it, which change it
            point = self._view_point(event)
            hit = self.hit_at(point.x(), point.y())
            said = hit or EDIT_HINT[0].upper() + EDIT_HINT[1:]
            if said != self.toolTip():
                self.setToolTip(said)
                if hit:
                    QToolTip.showText(event.globalPosition().toPoint(), hit, self)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        drag = self._drag
        if drag is not None and event.button() == Qt.MouseButton.LeftButton:
            landing = self._landing(event)
            moving = drag["moving"] or (event.position() - drag["at"]).manhattanLength() >= QApplication.startDragDistance()
            self._end_drag()
            if not moving:
                self.cell_clicked.emit(*drag["cell"])
            elif not isinstance(landing, tuple):
                self.dragging.emit(landing)
            elif landing == drag["cell"]:
                self.dragging.emit(DRAG_HOME)
            else:
                self.hit_dragged.emit(*drag["cell"], *landing)
        super().mouseReleaseEvent(event)

    def drag_shown(self) -> tuple | None:
        """(x0, y0) of the outline showing where a dragged hit lands; None when no drag shows one."""
        x0 = self.drag_ghost.opts["x0"]
        return (float(x0[0]), float(self.drag_ghost.opts["y0"][0])) if len(x0) else None

    def wheelEvent(self, event) -> None:
        cell = self._cell_of(event)
        if cell is not None and self.loop[cell[0], cell[1]] > 0:
            # a notch is 120 units of angle; a trackpad or a high-resolution wheel sends it in small parts (8 of
            # 15), each of which had counted as a whole notch: one turn took a kick from velocity 67 to 3
            if cell != self._wheel_cell:
                self._wheel_cell, self._wheel_angle = cell, 0
            self._wheel_angle += event.angleDelta().y()
            notches = int(self._wheel_angle / WHEEL_NOTCH)  # toward 0: what is left waits for the next part
            self._wheel_angle -= notches * WHEEL_NOTCH
            if notches:
                self.wheeled.emit(*cell, notches)
            event.accept()
            return
        super().wheelEvent(event)

    def drum_hit_count(self) -> int:
        return len(self.drum_hits.opts["x0"])

    def input_hit_count(self) -> int:
        return len(self.input_hits.opts["x0"])

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit(self.tag)


def _timing(offset: float) -> str:
    """How far off the grid a hit is played, in steps (16ths), as the timing marks show it."""
    if abs(offset) < 0.05:
        return ""
    return f", {abs(offset):.2f} of a 16th {'late' if offset > 0 else 'early'}"


def velocity_colour(velocity: float) -> QColor:
    """The colour of a hit of this velocity (0..1), for legends."""
    return DRUM_COLOURS.map(float(velocity), mode="qcolor")


__all__ = ["INPUT_LANE", "PianoRoll", "hit_bars", "velocity_colour"]
