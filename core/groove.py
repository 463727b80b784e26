"""Grooves: the rhythm of any notes, flattened onto the 32-step grid of 2-bar windows.

Each note is snapped to the nearest 16th; its offset is the residual in steps
(-0.5..0.5, positive = late). A step is a hit if any note falls on it; its
velocity and offset are the loudest note's. The same gridding, kept per voice
through a drum map, turns drum notes into loops.

Windows follow the bar grid of the time-signature map. A window's groove
always spans 8 quarter-note beats (32 steps): two bars of 4/4. In other meters
a window starts on a bar line and the next one starts on the last bar line it
reaches, so every note lands in a window; with a 1-bar hop (the dataset) each
window starts one bar after the last. `Windows.meters` says which bars each
window plays, so the engine can lay the model's 4/4 loops onto them (meter.py).
A pickup bar's notes end the window before bar 1, which plays that bar alone;
a pickup at the end of a whole first bar (the music's first note in its second
half, no pickup meter) ends the window before the bar it leads into, likewise, as does an audio take's music
before bar 1 where a negative --start puts bar 1 inside the file (pickups.pickup_before).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .audio_layers import StepBands, window_bands
from .constants import DRUM_CHANNEL
from .drum_part_cross_stick import cross_stick_steps
from .drum_parts import drum_part_said, is_drum_part, kit_bars, kit_loops
from .drummap import GM_DRUM_MAP, DrumMap
from .end_marker import end_marker_beat, without_end_marker
from .errors import InputFileError
from .inaudible_notes import audible_notes, heard
from .long_rests import longest_rest, rest_windows
from .loop import HVO_WIDTH, LOOP_BEATS, N_VOICES, STEPS, STEPS_PER_BEAT
from .meter import WindowBars, is_plain
from .meter_read import METER_HOLD_BARS, follow_groupings
from .midi import MidiContent, Notes
from .pickups import pickup_bar, pickup_before, pickup_beats
from .pickup_words import pickup_bar_said, pickup_into_said
from .tempo_range import tempo_range_notes
from .tick_grid_tempo import grid_tempo_notes
from .window_notes import lowest_pitches, parts_playing
from .wording import counted, listed

SHORT_LOOP_BARS = 8  # a file of at most this many bars of music is a loop: its silent bars at the end are its own
END_SLACK = 0.125  # beats (a 32nd) the file's end may run past a bar line without making that bar music
# Velocity given to every hit when velocity is ignored: a firm, not maximal, hit.
FLAT_VELOCITY = 0.8
MAX_WINDOWS = 5000  # 10,000 bars (5.5 hours of 4/4 at 120 BPM): more is a stray note, not a song
PICKUP_RECURS = 4  # bars after the second in which a first bar's meter coming back makes it no pickup
LONG_REST_WINDOWS = 8  # a rest of 16 bars or more is said: the drums keep time through it
# A silence this long (8.5 minutes of 4/4 at 120 BPM) is no song's: said as a damaged file's (a corrupt delta time
# moves every later note of its track on: freedoom's d_map13 with one byte changed rested 8,496 bars)
DAMAGED_REST_BARS = 256
RESTS_KEPT = ": the drums keep time through them"  # the rests line's end (form_notes.rests_said_once)
# Bars a window of these meters holds at most, fewer than fit in 8 beats: each 3/8 or 5/8 bar plays one bar of the
# loop, and five 3/8 bars (7.5 beats) had played its bars 1, 2, 1, 2, 1, then 1 again as the next window began
# (three 5/8 bars 1, 2, 1, then 1: phrases of 3 bars under a band in 2s and 4s).
WINDOW_BARS = {(3, 8): 4, (5, 8): 2}


@dataclass
class BarGrid:
    """Bar lines (in beats) and the meter of each bar."""

    lines: np.ndarray  # start beat of each bar, sorted
    meters: list[tuple[int, int]]  # (numerator, denominator) of each bar
    first_bar: int  # index into `lines` of bar 1 (1 when the file opens with a pickup bar)
    cut: list[int] = field(default_factory=list)  # indices of bars cut short by a meter change mid-bar

    def bar_number(self, beat: float) -> int:
        """1-based bar number of a beat (0 for a pickup bar, negative before it)."""
        i = int(np.searchsorted(self.lines, beat + 1e-9, side="right")) - 1
        return i - self.first_bar + 1

    def ruler_shift(self, measure_offset: int | None) -> int:
        """What to add to a bar number (bar 1: the first whole bar) to say it as REAPER's ruler does, given the
        project's measure offset (projmeasoffs): the ruler numbers every measure from the project start,
        a pickup bar too, as its index + 1 + the offset. None: the file's own numbering (0)."""
        return 0 if measure_offset is None else self.first_bar + int(measure_offset)


def bar_grid(time_signatures: list[tuple[float, int, int]], end_beat: float) -> BarGrid:
    """Bar lines from a time-signature map, up to at least `end_beat` (+ one window)."""
    lines: list[float] = []
    meters: list[tuple[int, int]] = []
    cut: list[int] = []
    limit = end_beat + LOOP_BEATS
    sigs = sorted(time_signatures) or [(0.0, 4, 4)]
    for k, (beat, num, den) in enumerate(sigs):
        bar_len = num * 4.0 / den
        seg_end = sigs[k + 1][0] if k + 1 < len(sigs) else max(limit, beat + bar_len)
        b = beat
        while b < seg_end - 1e-9:
            lines.append(b)
            meters.append((num, den))
            if k + 1 < len(sigs) and b + bar_len > seg_end + 1e-9:
                # A meter change mid-bar starts a new bar there (as DAWs do): the cut bar is given the meter
                # of its real length, or its drums would be laid out over a whole bar, into the next one.
                meters[-1] = _meter_of(seg_end - b, den)
                cut.append(len(lines) - 1)
            b += bar_len
    # A first bar shorter than the next, in a meter of its own, is a pickup (anacrusis); one whose meter comes
    # back within PICKUP_RECURS bars is the first bar of music changing meter (3/4, 4/4, 3/4, ...), whose bar 1
    # had been read as a pickup: a lead-in fill over it, bar numbers one off.
    first = 0
    if len(sigs) > 1 and len(lines) > 1 and meters[0] != meters[1] and meters[0] not in meters[2 : 2 + PICKUP_RECURS]:
        if lines[1] - lines[0] < sigs[1][1] * 4.0 / sigs[1][2] - 1e-9 and sigs[1][0] == lines[1]:
            first = 1
    return BarGrid(np.asarray(lines, np.float64), meters, first, cut)


def _meter_of(beats: float, den: int) -> tuple[int, int]:
    """The meter of a bar `beats` quarter notes long, in the note value `den` or a finer one (x/64 at most)."""
    while den < 64 and abs(beats * den / 4 - round(beats * den / 4)) > 1e-6:
        den *= 2
    return max(1, round(beats * den / 4)), den


@dataclass
class Windows:
    """2-bar windows over a stretch of music, with their grooves."""

    starts: np.ndarray  # start beat of each window
    bars: np.ndarray  # 1-based bar number at which each window starts
    grooves: np.ndarray  # (W, 32, 3) hit, velocity, offset
    note_counts: np.ndarray  # notes that fell in each window
    messages: list[str] = field(default_factory=list)  # said once to the user
    # per window, the bars it plays as (beat offset, numerator, denominator); None = 8 beats as the loop is
    meters: list[WindowBars | None] | None = None
    # (W, 32, 3) the low-register part alone (see bass_notes); all zeros where the music has none
    bass: np.ndarray | None = None
    # the input is a drum part (every note on MIDI channel 10): the model for drum parts plays it
    drum_part: bool = False
    # the beat where the drums stop: the bar line after the music's last bar (or the last bar asked for), so a
    # part of an odd number of bars gets no drums in its last loop's bar past the music (inf: no such line)
    end: float = float("inf")
    # (W, 32) on the real grid: the velocity (0..1) of the loudest note of the band part still sounding on each
    # step (onset to note-off; 0 where none), so a short stab on a downbeat is told from a chord held over the
    # bar (stops.band_stops) and a section adding soft notes over ringing ones is no softer (dynamics.band_level); None where
    # note lengths are not known (audio: its onsets carry none)
    sounding: np.ndarray | None = None
    # the windows open the part: no music of the song is left out before their first bar (False: bars asked for
    # from mid-song, whose quiet first bars are no intro: sections.opens_quietly)
    opens_part: bool = True
    # what to add to `bars` to say them to the producer (BarGrid.ruler_shift: REAPER's ruler; 0 for a file)
    bar_shift: int = 0
    # (beat, bpm) the song's tempo map (MidiContent.tempos): a jump in tempo starts a section (sections.tempo_sections)
    tempos: list[tuple[float, float]] | None = None
    # (W,) how many of the band's parts (MIDI tracks and channels) play a note in each window: parts joining or
    # leaving start a section (sections.layer_sections); None where parts are not known (audio)
    parts: np.ndarray | None = None
    # (W, 32) the low register's loudest note still sounding on each step, as `sounding` (a trap 808's sustain, under
    # which its kick does not play: trap_kicks.py); None where note lengths are not known (audio)
    bass_sounding: np.ndarray | None = None
    # (W, 32, 27) a drum part's own loops where it plays a kit (drum_parts.kit_loops): the drums keep its pattern
    kit: np.ndarray | None = None
    cross_sticks: np.ndarray | None = None  # (W, 32) its kit's cross-stick strokes (drum_part_cross_stick.py)
    # (W, 32) the lowest pitch the bass (or, with none, the band) starts on each step, -1 none: a new riff on the
    # same rhythm starts a section (riff_sections.py); None where pitches are not known (audio) or a drum part's
    lows: np.ndarray | None = None
    # an audio take's level in frequency bands on each step (audio_layers.StepBands): a new layer coming in starts a
    # section (audio_layers.heard_layers); None for MIDI (its parts are counted)
    band_levels: StepBands | None = None

    def __len__(self) -> int:
        return len(self.starts)

    def end_the_song(self, song: Notes) -> bool:
        """Whether the windows reach past the last note of `song` (the whole music, not only the bars asked for):
        bars that stop before the music does end mid-song, and their last bar is no ending."""
        song = heard(without_end_marker(song, end_marker_beat(song)), audio=self.parts is None)  # (as extract_windows)
        return len(song) == 0 or float(np.max(song.start)) < self.end - 1e-6


def window_starts(grid: BarGrid, first_beat: float, last_beat: float, hop_bars: int | None = None) -> np.ndarray:
    """Start beats of windows covering [first_beat, last_beat].

    hop_bars=None: consecutive windows (the next starts on the last bar line
    within 8 beats). hop_bars=k: a window at every k-th bar.
    """
    lines = grid.lines
    starts: list[float] = []
    i = max(0, int(np.searchsorted(lines, first_beat + 1e-9, side="right")) - 1)
    if first_beat < lines[0] - 1e-9:
        starts.append(lines[0] - LOOP_BEATS)  # notes before the first bar line
    while i < len(lines) and lines[i] <= last_beat + 1e-9:
        start = lines[i]
        starts.append(start)
        if hop_bars is not None:
            i += hop_bars
            continue
        j = int(np.searchsorted(lines, start + LOOP_BEATS + 1e-9, side="right")) - 1
        bar = max(0, int(np.searchsorted(grid.lines, start + 1e-9, side="right")) - 1)  # (lines gets mid-bar lines)
        j = min(j, i + WINDOW_BARS.get(grid.meters[bar], j))
        if j > i:
            i = j
        else:  # a bar longer than a window: continue mid-bar
            lines = np.insert(lines, i + 1, start + LOOP_BEATS)
            i += 1
    return np.asarray(starts, np.float64)


def window_meters(grid: BarGrid, starts: np.ndarray) -> list[WindowBars | None]:
    """The bars each window plays: those starting before the next window (the last: those that fit in 8 beats).

    None for a window that does not start on a bar line (before bar 1, or in
    the middle of a bar longer than a window).
    """
    lines = grid.lines
    ends = np.append(lines[1:], lines[-1] + grid.meters[-1][0] * 4.0 / grid.meters[-1][1])
    out: list[WindowBars | None] = []
    for k, start in enumerate(starts):
        i = int(np.searchsorted(lines, start - 1e-6))
        if i >= len(lines) or abs(lines[i] - start) > 1e-6:
            out.append(None)
            continue
        stop = starts[k + 1] if k + 1 < len(starts) else start + LOOP_BEATS
        bars = []
        most = WINDOW_BARS.get(grid.meters[i], len(lines)) if i < len(lines) else 0
        while i < len(lines) and lines[i] < stop - 1e-6 and (ends[i] <= start + LOOP_BEATS + 1e-6 or not bars) \
                and len(bars) < most:
            if ends[i] > start + LOOP_BEATS + 1e-6:  # a bar longer than a window
                break
            bars.append((float(lines[i] - start), *grid.meters[i]))
            i += 1
        out.append(tuple(bars) or None)
    return out


def grid_phase(starts) -> float:
    """Where the windows' 16ths lie off the file's, in 16ths (-0.5..0.5): the first window start's. An audio
    take's bar 1 lies where the take has it (0.64 beats into the file, say), its bar lines whole 16ths from
    it, so notes are snapped to the windows' 16ths: snapped to the file's, every note of such a take was up
    to half a 16th off its step, and the drums, which copy a groove's timing, as early (60 ms at 96 BPM)."""
    first = float(starts[0]) * STEPS_PER_BEAT if len(starts) else 0.0
    return first - round(first)


def _grid_cells(note_beats: np.ndarray, velocity: np.ndarray, lane: np.ndarray, starts: np.ndarray, n_lanes: int):
    """Snap notes to steps and map them into windows.

    Returns (window, step, lane, velocity 0..1, offset) per (note, window)
    pair, keeping the loudest note of each cell. A note can fall in two
    overlapping windows.
    """
    phase = grid_phase(starts)
    pos = note_beats * STEPS_PER_BEAT - phase
    step = np.floor(pos + 0.5)
    offset = pos - step
    start_steps = np.round(starts * STEPS_PER_BEAT - phase)
    lo = np.searchsorted(start_steps, step - (STEPS - 1), side="left")
    hi = np.searchsorted(start_steps, step, side="right")
    count = hi - lo
    note_idx = np.repeat(np.arange(len(pos)), count)
    win = (np.repeat(lo - np.cumsum(count) + count, count) + np.arange(count.sum())).astype(np.int64)
    local = (step[note_idx] - start_steps[win]).astype(np.int64)
    vel = velocity[note_idx].astype(np.float32) / 127.0
    off = offset[note_idx].astype(np.float32)
    ln = lane[note_idx].astype(np.int64)
    cell = (win * STEPS + local) * n_lanes + ln
    # Loudest wins; among equally loud notes the one nearest the grid.
    order = np.lexsort((-np.abs(off), vel, cell))
    cell_sorted = cell[order]
    last = np.ones(len(order), bool)
    last[:-1] = cell_sorted[1:] != cell_sorted[:-1]
    keep = order[last]
    return win[keep], local[keep], ln[keep], vel[keep], off[keep], np.bincount(win, minlength=len(starts))


def grooves_from_notes(
    notes: Notes, starts: np.ndarray, *, use_velocity: bool = True, use_timing: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """(W, 32, 3) grooves of the windows starting at `starts`, and the note count per window."""
    out = np.zeros((len(starts), STEPS, 3), np.float32)
    if len(notes) == 0 or len(starts) == 0:
        return out, np.zeros(len(starts), np.int64)
    win, step, _, vel, off, counts = _grid_cells(notes.start, notes.velocity, np.zeros(len(notes), np.int16), starts, 1)
    out[win, step, 0] = 1.0
    out[win, step, 1] = vel if use_velocity else FLAT_VELOCITY
    out[win, step, 2] = off if use_timing else 0.0
    return out, counts


def sounding_levels(notes: Notes, starts: np.ndarray) -> np.ndarray:
    """(W, 32) float32: on each step of the windows starting at `starts`, the velocity (0..1) of the loudest
    note sounding there, from the step its onset snaps to up to its note-off; 0 where nothing sounds (a
    note-off within half a 16th of a step's start leaves that step silent: a staccato quarter ends before
    beat 2). What a drummer hears of the band's loudness: a chord held over the bar under a soft arpeggio."""
    if len(notes) == 0 or len(starts) == 0:
        return np.zeros((len(starts), STEPS), np.float32)
    phase = grid_phase(starts)  # the windows' 16ths, as _grid_cells snaps to them
    first = np.round(np.asarray(starts, np.float64) * STEPS_PER_BEAT - phase).astype(np.int64)
    on = np.floor(notes.start * STEPS_PER_BEAT - phase + 0.5).astype(np.int64)
    off = np.ceil(np.maximum(notes.end, notes.start) * STEPS_PER_BEAT - phase - 0.5).astype(np.int64)
    off = np.maximum(off, on + 1)  # every note sounds on its own step
    lo = int(first[0])
    size = int(first[-1]) + STEPS - lo
    on, off = np.clip(on - lo, 0, size), np.clip(off - lo, 0, size)
    velocity = np.asarray(notes.velocity, np.float32) / 127.0
    level = np.zeros(size, np.float32)
    # loudest first, each velocity's notes counted on and off along the steps: memory grows with the song, not
    # with notes times their lengths (a file's stuck notes, each held to its track's end, had asked for GBs)
    for loud in np.unique(velocity)[::-1]:
        mine = velocity == loud
        held = np.cumsum(np.bincount(on[mine], minlength=size + 1) - np.bincount(off[mine], minlength=size + 1))
        level[(held[:size] > 0) & (level == 0)] = loud
    return level[(first - lo)[:, None] + np.arange(STEPS)]


def loops_from_notes(notes: Notes, starts: np.ndarray, drum_map: DrumMap = GM_DRUM_MAP) -> tuple[np.ndarray, int]:
    """(W, 32, 27) HVO loops from drum notes; also the number of notes outside the drum map."""
    out = np.zeros((len(starts), STEPS, HVO_WIDTH), np.float32)
    if len(notes) == 0 or len(starts) == 0:
        return out, 0
    voice = drum_map.voice_of_pitch()[notes.pitch]
    mapped = voice >= 0
    if mapped.any():
        win, step, v, vel, off, _ = _grid_cells(notes.start[mapped], notes.velocity[mapped], voice[mapped], starts, N_VOICES)
        out[win, step, v] = 1.0
        out[win, step, N_VOICES + v] = vel
        out[win, step, 2 * N_VOICES + v] = off
    return out, int((~mapped).sum())


def extract_windows(
    content: MidiContent,
    *,
    bars: tuple[int, int] | None = None,
    use_velocity: bool = True,
    use_timing: bool = True,
    drums: bool = True,
    ruler: int | None = None,
    drum_map: DrumMap = GM_DRUM_MAP,
) -> Windows:
    """Grooves of consecutive windows over a whole file, or over bars first..last (1-based, inclusive).
    drums=False: the messages speak of the windows read (`reagroove groove`), not of drums played over them.
    ruler: the REAPER project's measure offset: the messages name bars as its ruler does (Windows.bar_shift);
    None: as the file counts them. drum_map: a drum part's pitches (its kit: drum_parts.kit_loops)."""
    # an inaudible note after the music, no bar of it (a MIDI file's: audio's onsets are heard, a soft last one too)
    marker = None if getattr(content, "bass_part", None) is not None else end_marker_beat(content.notes)
    notes, low, soft_said = audible_notes(content, marker, bars, ruler)  # (and band notes too soft to hear)
    grid = bar_grid(content.time_signatures, max(content.end_beat, float(notes.start.max()) if len(notes) else 0.0))
    shift = grid.ruler_shift(ruler)
    messages: list[str] = ([] if marker is None else [
        f"the file's last note (bar {grid.bar_number(marker) + shift}) is too soft to hear and comes after the music "
        "has ended: read as the file's end marker, not as music"]) + soft_said
    first_beat = float(notes.start.min()) if len(notes) else 0.0
    last_beat = float(notes.start.max()) if len(notes) else 0.0
    # the music's bars: those that start before its end (the grid runs a window further), from bar 1
    # a bar counts if a note starts in it, or the file runs a 32nd or more into it: an end-of-track a hair past
    # the last bar line (freedoom's d_dm15: 0.01 beat) made a bar of its own, where a run's last 32nd rounded
    # forward was the drums' last hit, after the band had stopped
    lines = grid.lines[grid.first_bar:]
    sounding = int((lines < max(float(notes.end.max()), last_beat) - END_SLACK).sum()) if len(notes) else 0
    n_bars = max(int((lines < content.end_beat - END_SLACK).sum()), int((lines <= last_beat + 1e-6).sum()), 1)
    if sounding > SHORT_LOOP_BARS and not (n_bars == sounding + 1 and n_bars % 4 == 0):
        # a song's file running on past its last note (a DAW's export to a region's end) is no music; a loop's is,
        # and so is one resting bar closing a file of whole 4-bar phrases (a 16-bar section ending on a break)
        n_bars = max(sounding, int((lines <= last_beat + 1e-6).sum()), 1)
    last_bar = n_bars
    lead_in = pickup_bar(grid, notes)
    if bars is not None:
        lo_bar, hi_bar = bars
        if lo_bar < 1 or (hi_bar is not None and hi_bar < lo_bar):
            raise ValueError(f"bar range {lo_bar + shift}-{hi_bar if hi_bar is None else hi_bar + shift} is not valid "
                             f"(bars count from {1 + shift})")
        if lo_bar > n_bars:
            raise ValueError(f"bar {lo_bar + shift} is past the end of the music ({n_bars} bars)")
    lead: tuple[float, WindowBars] | None = None  # a whole-bar pickup's window: where it ends, its bars
    # bars from the song's first on: a part (a REAPER item) starting on a later bar line keeps that bar as its own
    if lead_in is not None and (bars is None or (bars[0] == lead_in == 1 and (bars[1] is None or bars[1] > 1))):
        # The music opens with a pickup at the end of a whole bar (no pickup bar of its own meter): as a drummer
        # waits for the band's first downbeat, the drums come in on the bar it leads into. The whole song gets
        # the pickup's window as a file with a pickup bar does (a lead-in fill over the pickup's beats); a range
        # of bars leaves its notes out, as a REAPER selection starting on a pickup does (actions._part_of).
        into = float(grid.lines[lead_in])
        n, d = grid.meters[lead_in - 1]
        beats = pickup_beats(float(grid.lines[lead_in - 1]), into, first_beat, (n, d))
        if bars is None:
            lead = (into, ((LOOP_BEATS - beats, *_meter_of(beats, d)),))
            said = pickup_into_said(grid.lines[lead_in - 1], into - beats, (n, d), lead_in + shift, drums=drums)
            messages.append(said)
        else:
            before = notes.start * STEPS_PER_BEAT < into * STEPS_PER_BEAT - 0.5
            notes = notes.select(~before)
            low = low.select(low.start * STEPS_PER_BEAT >= into * STEPS_PER_BEAT - 0.5)
            messages.append(pickup_into_said(grid.lines[lead_in - 1], into - beats, (n, d), lead_in + shift,
                                             drums=drums, left_out=int(before.sum())))
            bars = (lead_in + 1, bars[1])
    opens_part = True
    if bars is not None:
        asked = lo_bar  # the notes outside are said of the bars asked for
        lo_bar, hi_bar = bars
        if hi_bar is not None and hi_bar > n_bars:
            messages.append(f"the music ends in bar {n_bars + shift}; {'drums for' if drums else 'the groove of'} "
                            f"{_bars_said(lo_bar + shift, n_bars + shift)}")
        hi_bar = n_bars if hi_bar is None else min(hi_bar, n_bars)
        last_bar = hi_bar
        lo_i = grid.first_bar + lo_bar - 1
        hi_i = grid.first_bar + hi_bar  # first bar line after the range
        lo_beat = grid.lines[lo_i]
        hi_beat = grid.lines[hi_i] if hi_i < len(grid.lines) else np.inf
        def in_range(n: Notes) -> np.ndarray:
            steps = n.start * STEPS_PER_BEAT
            return (steps >= lo_beat * STEPS_PER_BEAT - 0.5) & (steps < hi_beat * STEPS_PER_BEAT - 0.5)

        inside = in_range(notes)
        # music left out before the range, from bar 1 on (a pickup bar's notes before bar 1 open the song with it)
        from_bar1 = notes.start * STEPS_PER_BEAT >= grid.lines[grid.first_bar] * STEPS_PER_BEAT - 0.5
        opens_part = not bool((from_bar1 & (notes.start * STEPS_PER_BEAT < lo_beat * STEPS_PER_BEAT - 0.5)).any())
        if len(notes) and not inside.any() and hi_beat <= first_beat:
            # drums there would follow nothing: bars counted from the music's first bar, most likely
            raise ValueError(f"{_bars_said(asked + shift, hi_bar + shift)} hold{'s' if asked == hi_bar else ''} no notes: "
                             f"the music starts in bar {grid.bar_number(first_beat) + shift}")
        if (~inside).any():
            out = int((~inside).sum())
            messages.append(f"{out} note{'s' if out != 1 else ''} outside {_bars_said(asked + shift, hi_bar + shift)} left out")
        notes = notes.select(inside)
        low = low.select(in_range(low))
        first_beat = lo_beat
        last_beat = (hi_beat if np.isfinite(hi_beat) else grid.lines[-1]) - 1e-6
    elif grid.first_bar and len(notes) and first_beat < grid.lines[grid.first_bar]:
        messages.append(pickup_bar_said(grid.meters[0], 1 + shift, drums=drums, as_ruler=ruler is not None))
    # notes on a tick grid the file's beat does not fit; a tempo no music plays at (a broken export's) in the bars read
    messages[:0] = grid_tempo_notes(content) + tempo_range_notes(content, lambda b: grid.bar_number(b) + shift, drums,
                                                                 (first_beat, last_beat), ruler is not None)
    after_last = grid.first_bar + last_bar  # the bar line where the drums stop
    end = float(grid.lines[after_last]) if after_last < len(grid.lines) else float("inf")
    # a pickup bar cut short by the song's meter starting mid-bar is a pickup (said as one), not a cut bar
    cut = [(grid.bar_number(grid.lines[i]) + shift, grid.meters[i]) for i in grid.cut
           if grid.first_bar <= i and grid.lines[i] < end - 1e-9]
    if cut:
        cut_bars = ", ".join(f"bar {b} as {n}/{d}" for (b, (n, d)) in cut[:5]) + (", ..." if len(cut) > 5 else "")
        messages.append(f"the meter changes mid-bar; a new bar starts there and the bar cut short is read as "
                        f"its length: {cut_bars}")
    pickup: WindowBars | None = None
    if grid.first_bar:
        # Windows count from bar 1, so the pickup's notes end the window before it: that window plays
        # the pickup bar alone, at its end (meter.is_pickup), not a loop from 8 beats before bar 1.
        first_bar_beat = grid.lines[grid.first_bar]
        short = float(first_bar_beat - grid.lines[0])
        if short <= LOOP_BEATS:
            pickup = ((LOOP_BEATS - short, *grid.meters[0]),)
        grid = BarGrid(grid.lines[grid.first_bar :], grid.meters[grid.first_bar :], 0)
        if bars is None and len(notes) and first_beat < first_bar_beat:
            first_beat = min(first_beat, first_bar_beat - 1e-6)
    elif bars is None and lead is None and len(notes) and (before := pickup_before(grid, first_beat)) is not None:
        # music before the map's first bar line (pickups.pickup_before): its window is a pickup from its first beat
        first_beat = float(grid.lines[0])  # (a hair early: on bar 1's first 16th, no window before it)
        if before > 0:
            lead = (first_beat, ((LOOP_BEATS - before, *_meter_of(before, grid.meters[0][1])),))
    if lead is not None:  # bar numbers stay the file's: the pickup's window is before the bar it leads into
        first_bar_beat, pickup = lead
        starts = np.concatenate([[first_bar_beat - LOOP_BEATS], window_starts(grid, first_bar_beat, last_beat)])
    else:
        starts = window_starts(grid, first_beat, last_beat)
    if bars is None and len(notes):
        # The last note may snap onto the next window's first step.
        phase = grid_phase(starts)
        last_step = np.floor(last_beat * STEPS_PER_BEAT - phase + 0.5)
        # (onto a bar line past the windows: its bar, in any meter; a 12/8 blues's last chord struck 5 ms early had
        # lost its bar, the one-bar windows' next start not being 8 beats on)
        more = window_starts(grid, starts[-1], (last_step + phase) / STEPS_PER_BEAT)
        starts = np.concatenate([starts, more[more > starts[-1] + 1e-9]])
        while last_step >= round(starts[-1] * STEPS_PER_BEAT - phase) + STEPS:
            starts = np.append(starts, starts[-1] + LOOP_BEATS)
    if len(starts) > MAX_WINDOWS:
        span = grid.bar_number(last_beat) - grid.bar_number(first_beat) + 1  # in bars of any meter
        # the bars MAX_WINDOWS windows hold, in the same meter (10,000 of 4/4; 6/4's 8,473 were said as under 10,000)
        most = grid.bar_number(starts[MAX_WINDOWS] - 1e-6) - grid.bar_number(starts[0]) + 1
        raise InputFileError(content.path, f"its notes span {span:,} bars, more than {most:,} "
                             f"({longest_rest(notes, grid, shift)}): drum a range of bars (the CLI's --bars FIRST-LAST)")
    meters = window_meters(grid, starts)
    if pickup is not None and abs(starts[0] - (first_bar_beat - LOOP_BEATS)) < 1e-6:
        meters[0] = pickup
    # the meters of the bars the drums play (none past `end`: a meter change after the music is never heard)
    odd = {m for b, m in zip(grid.lines, grid.meters)
           if m != (4, 4) and starts[0] - 1e-9 <= b <= starts[-1] + LOOP_BEATS and b < end - 1e-9}
    mapped = {(n, d) for bars in meters if not is_plain(bars) for _, n, d in bars}
    unmapped = odd - mapped
    bars_in = {m: [grid.bar_number(b) for b, bm in zip(grid.lines, grid.meters) if bm == m
                   and starts[0] - 1e-9 <= b <= starts[-1] + LOOP_BEATS and b < end - 1e-9] for m in odd}

    names = lambda ms: ", ".join(f"{n}/{d}" for n, d in sorted(ms))  # noqa: E731

    def named_bars(ms) -> str:
        # a 4/4 song with one 2/4 bar is not "music in 2/4": a few bars of a meter are named, so the
        # producer finds them
        return ", ".join(f"{n}/{d}" if len(bars_in[n, d]) > 3 else
                         f"{n}/{d} (bar{'s' if len(bars_in[n, d]) > 1 else ''} "
                         f"{', '.join('the pickup' if b < 1 and ruler is None else str(b + shift) for b in bars_in[n, d])})"
                         for n, d in sorted(ms))
    def in_turn(ms) -> str:
        # a song whose meter changes and holds (4/4 verses, a 3/4 bridge) is said in its order, from the bar each
        # meter starts ("music in 4/4, then 3/4 from bar 9"): "music in 3/4" was said of a song half in 4/4
        runs: list[list] = []  # [meter, its first bar, bars]
        for b, m in zip(grid.lines, grid.meters):
            if starts[0] - 1e-9 <= b <= starts[-1] + LOOP_BEATS and b < end - 1e-9 and grid.bar_number(b) >= 1:
                if runs and runs[-1][0] == m:
                    runs[-1][2] += 1
                else:
                    runs.append([m, grid.bar_number(b), 1])
        held = [r for r in runs if r[2] >= METER_HOLD_BARS and (r[0] == (4, 4) or r[0] in ms)]
        held = [r for k, r in enumerate(held) if k == 0 or r[0] != held[k - 1][0]]
        if len(held) < 2:
            return named_bars(ms)
        said = ", then ".join([f"{n}/{d}" if k == 0 else f"{n}/{d} from bar {first + shift}"
                               for k, ((n, d), first, _) in enumerate(held)])
        rest = ms - {r[0] for r in held}  # a few bars of another meter, named as before
        return said + (f", and {named_bars(rest)}" if rest else "")

    loop = "loop" if drums else "window"
    def per_loop(ms) -> str:
        # what a loop holds, in the producer's bars ("up to 8 beats" was said, which no producer counts in):
        # as many whole bars as fit in two 4/4 bars (window_starts)
        if all(len(bars_in[m]) > 3 for m in ms):
            fit = {(n, d): min(int(LOOP_BEATS * d // (4 * n)), WINDOW_BARS.get((n, d), LOOP_BEATS * d)) for n, d in ms}
            return "a loop is " + ", ".join(f"{counted(fit[n, d], 'bar')} of {n}/{d}" for n, d in sorted(ms))
        return "each loop plays whole bars, as many as fit in two 4/4 bars"

    if odd - unmapped and drums:
        messages.append(f"music in {in_turn(odd - unmapped)}: the drums follow its bars ({per_loop(odd - unmapped)})")
    elif odd - unmapped:  # groove makes no drums: its windows are whole bars, shown in their own beats
        messages.append(f"music in {in_turn(odd - unmapped)}: each window starts on a bar line and holds whole bars "
                        "(up to 8 quarter-note beats), shown in their own beats")
    too_long = {(n, d) for n, d in unmapped if n * 4.0 / d > LOOP_BEATS}
    if too_long:
        # such a bar is played by more than one window, each 8 quarter notes on (window_starts): where the
        # second starts, in the bar's own beats, so 'bar N (cont.)' (textroll.window_labels) can be found
        second = ", ".join(f"in {n}/{d} on beat {LOOP_BEATS * d / 4 + 1:g}" for n, d in sorted(too_long))
        messages.append(f"music in {names(too_long)}: bars too long for a {loop}, which spans 8 quarter-note beats "
                        f"from a bar line; a bar's next {loop} is labelled 'bar N (cont.)' ({second})")
    if unmapped - too_long:
        messages.append(f"music in {names(unmapped - too_long)}: the drums cannot follow these bars beat by beat; "
                        "they play loops of 8 quarter-note beats from a bar line over them" if drums else
                        f"music in {names(unmapped - too_long)}: read in windows of 8 quarter-note beats from a bar "
                        "line, not bar by bar")
    drum_part = is_drum_part(notes)
    on_10 = notes.channel == DRUM_CHANNEL
    if on_10.any() and not drum_part:
        # A band with its (guide) drums: the new drums follow the other parts, as the band network was
        # trained; the old drums' bars still get windows, so time is kept through them.
        notes = notes.select(~on_10)
        left_out = f"{counted(int(on_10.sum()), 'note')} on MIDI channel 10 (drums) left out of the input"
        messages.append(f"{left_out}: the drums follow the other parts" if drums else
                        f"{left_out}'s groove, shown as drum voices: the groove is the other parts' (drumify follows them)")
    grooves, counts = grooves_from_notes(notes, starts, use_velocity=use_velocity, use_timing=use_timing)
    bass, _ = grooves_from_notes(low, starts, use_velocity=use_velocity, use_timing=use_timing)
    bar_numbers = np.array([grid.bar_number(s) for s in starts], np.int64)
    if lead is not None:
        bar_numbers[0] = 0  # labelled 'pickup', and no bar of the part's phrases (as a pickup bar's window)
    # windows start on bar lines, and a rest never ends the input: it ends the bar before the next window
    # a rest running to the last window ends at the last window's last bar
    after = lambda end: int(bar_numbers[end]) if end < len(bar_numbers) else (  # noqa: E731
        grid.bar_number(starts[-1] + LOOP_BEATS - 1e-6) + 1)
    # (on the windows' 16ths, as they count notes: a loop's last note played a hair before bar 5 is bar 5's)
    phase = float(starts[0]) if len(starts) else 0.0
    onsets = np.sort(phase + np.round((notes.start - phase) * STEPS_PER_BEAT) / STEPS_PER_BEAT)

    def rest(first: int, end: int) -> tuple[int, int]:  # from the bar after the last note before the empty windows to the
        # bar before the next note (a window whose bar 1 alone plays: said from bar 3, where the phrases' note
        # said the music rests from bar 2)
        before = onsets[onsets < starts[first] - 1e-6]
        later = onsets[onsets >= starts[end] - 1e-6] if end < len(starts) else onsets[:0]
        lo = grid.bar_number(before[-1]) + 1 if first and len(before) else int(bar_numbers[first])
        hi = grid.bar_number(later[0]) - 1 if len(later) else after(end) - 1
        return lo + shift, hi + shift
    rests = [rest(first, end) for first, end in rest_windows(counts, LONG_REST_WINDOWS)]
    if rests:
        longest = max(hi - lo + 1 for lo, hi in rests)
        messages.append(f"bars {listed([f'{lo}-{hi}' for lo, hi in rests])} have no notes"
                        + (RESTS_KEPT if drums else "")
                        + (f"; {longest:,} bars of silence is no song's rest: a damaged file (a corrupt delta time)? "
                           "drum a range of bars (the CLI's --bars FIRST-LAST)" if longest >= DAMAGED_REST_BARS else ""))
    # a drum part's own loops, where it plays a kit on 4/4 bars (the loop's frame is its bars')
    kit = kit_loops(notes, starts, drum_map) if drum_part and kit_bars(meters) else None
    messages += drum_part_said(notes, kit, drums) if drum_part else []
    meters = follow_groupings(grooves, meters, bass)  # 3+2+2 where the part plays it, not always 2+2+3
    audio = getattr(content, "bass_part", None) is not None
    held = None if audio else sounding_levels(notes, starts)
    roots = low if len(low) else notes  # (the band's roots: its bass's notes, or its own where none is low)
    return Windows(starts, bar_numbers, grooves, counts, messages, meters, bass, drum_part, end, held, opens_part, shift,
                   [(float(b), float(t)) for b, t in content.tempos], None if audio else parts_playing(notes, starts),
                   None if audio else sounding_levels(low, starts), kit,
                   None if kit is None else cross_stick_steps(notes, starts, drum_map),
                   None if audio or drum_part else lowest_pitches(_grid_cells(
                       roots.start, roots.velocity, roots.pitch, starts, 128), len(starts)),
                   window_bands(getattr(content, "band_levels", None), starts))


def _bars_said(first: int, last: int) -> str:
    """'bar 3' for one bar (not 'bars 3-3'), 'bars 3-8' for more."""
    return f"bar {first}" if first == last else f"bars {first}-{last}"

