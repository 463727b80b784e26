"""What a drumify run hands back: the loops over a stretch of input, one per 2-bar window, with what the
engine read there (bars, meters, sections, stops) for the writers and the panels that lay them out."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .loop import LOOP_BEATS, N_VOICES, Loop
from .meter import span_beats
from .stops import Stop


def window_spans(starts, meters, end: float = float("inf")) -> np.ndarray:
    """Beats each window (starting at `starts`, playing `meters`) plays until the next starts (the last: its bars,
    or 8 beats), none past `end`: what a drum file writes of each (DrumifyResult.spans, the editor's roll)."""
    if not len(starts):
        return starts
    last = span_beats(meters[-1]) if meters else None
    spans = np.minimum(np.diff(starts, append=starts[-1] + (last or LOOP_BEATS)), LOOP_BEATS)
    return np.minimum(spans, np.maximum(end - np.asarray(starts, np.float64), 0.0))


@dataclass
class DrumifyResult:
    """Loops generated over a stretch of input, one per window (2 bars), on the input's real 16th grid."""

    starts: np.ndarray  # start beat of each window
    bars: np.ndarray  # bar number of each window
    grooves: np.ndarray  # (W, 32, 3) the input's grooves
    loops: np.ndarray  # (W, 32, 27)
    messages: list[str]
    meters: list | None = None  # the bars each window plays (see groove.Windows.meters)
    bass: np.ndarray | None = None  # (W, 32, 3) the input's low register (groove.Windows.bass)
    drum_part: bool = False  # the input is a drum part (groove.Windows.drum_part)
    section_bars: tuple[int, ...] = ()  # bars where sections start (a fill before each, a crash on it)
    end: float = float("inf")  # the beat where the drums stop (groove.Windows.end: the music's last bar line)
    phrase_start: int | None = None  # the bar the first phrase starts at (None: the first window's)
    stops: tuple[Stop, ...] = ()  # where the band stops dead and the drums with it (stops.band_stops)
    opens_part: bool = True  # the windows open the part (groove.Windows.opens_part: no quiet intro from mid-song)
    bar_shift: int = 0  # what to add to `bars` to say them (groove.Windows.bar_shift: REAPER's ruler)
    song_end: bool = True  # the part ends the song (Engine.drumify_grooves): its last bar gets no phrase's fill
    sounding: np.ndarray | None = None  # (W, 32) the band's loudest sounding note per step (groove.Windows.sounding)
    bpm: np.ndarray | None = None  # (W,) each window's tempo, None if not known (its versions' hands play at it)
    parts: np.ndarray | None = None  # (W,) the band's parts playing in each window (groove.Windows.parts)
    bass_sounding: np.ndarray | None = None  # (W, 32) the low register's sounding notes (groove.Windows.bass_sounding)
    song: object | None = None  # song_bars.SongBars: the song around bars drummed again (its clave, its bar count)
    kit: np.ndarray | None = None  # (W, 32, 27) a drum part's own loops (groove.Windows.kit): its versions keep them
    # (W, 32) where a drum part whose kit is kept played its snare on the cross-stick: its snare written on 37 there
    # (drum_part_cross_stick.cross_stick_steps; midi_write.write_loops' cross_sticks)
    cross_sticks: np.ndarray | None = None
    # bars drummed again from a song (bar_range.py): the whole song's result, whose drums these windows play
    whole: DrumifyResult | None = None
    judged: np.ndarray | None = None  # (W,) bool: a whole song's windows a range plays (its versions kept apart there)
    # (first bar, the next section's bar or None, name) of each chorus the markers name (named_sections.chorus_spans):
    # every version of these drums plays it on the ride (Engine.variations_of), as the drums themselves do
    choruses: tuple = ()

    @property
    def spans(self) -> np.ndarray:
        """Beats each window plays until the next starts (the last: its bars, or 8 beats), none past `end`."""
        return window_spans(self.starts, self.meters, self.end)

    @property
    def heard(self) -> np.ndarray:
        """(W,) bool: the windows that play before `end` (a last note snapped onto the bar line that ends the
        file makes a window there: its drums are never written, so a chart leaves it out)."""
        return self.spans > 1e-9

    @property
    def meters_played(self) -> list | None:
        """`meters` without the bars past `end` (what a chart of the written drums shows); a window keeps its
        first bar at least."""
        if self.meters is None:
            return None
        return [bars if bars is None else (tuple(b for b in bars if start + b[0] < self.end - 1e-6) or bars[:1])
                for start, bars in zip(np.asarray(self.starts, np.float64).tolist(), self.meters)]

    def written_hits(self, lo: float = float("-inf"), hi: float = float("inf")) -> set[tuple[int, int, int]]:
        """The hits the result writes from beat lo to before hi: (16th from the file's start, voice, velocity 0-127),
        on the grid (what --bars ranges are compared by: bar_range.py)."""
        out = set()
        for start, span, loop in zip(self.starts, self.spans, self.loops):
            for step, voice in zip(*np.nonzero(loop[:, :N_VOICES] > 0.5)):
                beat = start + step / 4
                if step < span * 4 - 1e-6 and lo - 1e-6 <= beat < hi - 1e-6:
                    out.add((int(round(beat * 4)), int(voice), int(round(loop[step, N_VOICES + voice] * 127))))
        return out

    def as_loops(self) -> list[Loop]:
        return [Loop.from_hvo(h) for h in self.loops]
