"""Drum loops written as Standard MIDI Files (with mido): channel 10, the song's tempo and meter, written
atomically, and how a drum file ReaGroove wrote is known again."""

from __future__ import annotations

import os
from typing import Iterable, Sequence

import mido
import numpy as np

from .constants import DRUM_CHANNEL  # MIDI channel 10, counted from 0
from .drum_part_cross_stick import cross_stick_pitches
from .drummap import GM_DRUM_MAP, DrumMap
from .files import atomic_write
from .loop import LOOP_BEATS, STEPS_PER_BEAT, Loop
from .midi import DEFAULT_BPM, MAX_FILE_BPM, MIN_FILE_BPM

WRITE_TICKS_PER_BEAT = 480
DRUMS_TRACK_NAME = "ReaGroove Drums"  # write_loops' track name: how a drum file ReaGroove wrote is known
TAKE_TRACK_NAME = "ReaGroove live take"  # a live session's --record take: its first track's name


def loop_note_events(
    loops: Sequence[Loop],
    starts: Iterable[float] | None = None,
    drum_map: DrumMap = GM_DRUM_MAP,
    spans: Iterable[float] | None = None,
    cross_sticks: Sequence[np.ndarray | None] | None = None,
) -> list[tuple[float, float, int, int]]:
    """Notes of a sequence of loops as (start_beat, end_beat, pitch, velocity), sorted.

    Loops follow one another every 8 beats unless `starts` gives their start
    beats; `spans` cuts each loop after that many beats (windows in 3/4
    overlap, and each plays only until the next begins). Notes before beat 0
    are left out, except a first hit played early, which starts at 0. Notes
    are a 32nd note long, shortened so a pad is released before it is hit
    again (drum plugins choke or ignore overlapping notes). `cross_sticks`: per
    loop, the steps ((32,) bool, or None) where a drum part played its snare on
    the cross-stick, its snare written there on 37 (drum_part_cross_stick.py).
    """
    starts = [i * LOOP_BEATS for i in range(len(loops))] if starts is None else list(starts)
    spans = [LOOP_BEATS] * len(loops) if spans is None else list(spans)
    sticks = [None] * len(loops) if cross_sticks is None else list(cross_sticks)
    if len(starts) != len(loops) or len(spans) != len(loops):
        raise ValueError("one start beat and span per loop is needed")
    if len(sticks) != len(loops):
        raise ValueError("one cross-stick mask (or None) per loop is needed")
    notes = []
    for loop, start, span, stick in zip(loops, starts, spans, sticks):
        steps, voices = np.nonzero(loop.hits)
        pitches = drum_map.pitches(loop.hits)  # (a fill's snare on the head under a cross-stick backbeat)
        pitches = cross_stick_pitches(pitches, loop.hits, stick, drum_map)  # (a drum part's own cross-sticks)
        for s, v in zip(steps.tolist(), voices.tolist()):
            grid = start + s / STEPS_PER_BEAT
            if grid < -1e-3 or grid >= start + span - 1e-9:  # (a pickup's first step a hair before 0: kept, at 0)
                continue
            beat = grid + float(loop.offsets[s, v]) / STEPS_PER_BEAT
            vel = max(1, min(127, int(round(float(loop.velocities[s, v]) * 127))))
            notes.append((max(beat, 0.0), int(pitches[s, v]), vel))
    notes.sort()
    out = []
    next_on: dict[int, float] = {}
    for beat, pitch, vel in reversed(notes):
        nxt = next_on.get(pitch, float("inf"))
        length = min(0.125, max((nxt - beat) * 0.9, 1e-3))
        out.append((beat, beat + length, pitch, vel))
        next_on[pitch] = beat
    out.reverse()
    return out


def write_loops(
    path: str | os.PathLike,
    loops: Sequence[Loop],
    *,
    bpm: float = DEFAULT_BPM,
    time_signature: tuple[int, int] = (4, 4),
    tempos: Sequence[tuple[float, float]] | None = None,
    time_signatures: Sequence[tuple[float, int, int]] | None = None,
    starts: Iterable[float] | None = None,
    spans: Iterable[float] | None = None,
    drum_map: DrumMap = GM_DRUM_MAP,
    track_name: str = DRUMS_TRACK_NAME,
    cross_sticks: Sequence[np.ndarray | None] | None = None,
) -> None:
    """Write loops as a type-1 MIDI file: one drum track on channel 10, micro-timing kept.

    The tempo and meter are `bpm` and `time_signature`, or whole maps
    (`tempos` as (beat, bpm), `time_signatures` as (beat, num, den)), e.g. a
    source file's, so the drums line up with it. A note whose offset would
    fall before the start of the file starts at 0. `cross_sticks`: as
    loop_note_events'.
    """
    starts = None if starts is None else list(starts)  # read twice: the notes, then where the file ends
    spans = None if spans is None else list(spans)
    tempos = list(tempos) if tempos else [(0.0, bpm)]
    sigs = list(time_signatures) if time_signatures else [(0.0, *time_signature)]
    for _, t in tempos:
        if not MIN_FILE_BPM <= t <= MAX_FILE_BPM:
            raise ValueError(f"tempo must be {MIN_FILE_BPM:g}..{MAX_FILE_BPM:g} BPM, got {t}")
    tpb = WRITE_TICKS_PER_BEAT
    mf = mido.MidiFile(type=1, ticks_per_beat=tpb)
    meta_events = [(int(round(b * tpb)), mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(t))) for b, t in tempos]
    meta_events += [
        (int(round(b * tpb)), mido.MetaMessage("time_signature", numerator=n, denominator=d)) for b, n, d in sigs
    ]
    meta = mido.MidiTrack([mido.MetaMessage("track_name", name=track_name, time=0)])
    now = 0
    for tick, msg in sorted(meta_events, key=lambda e: e[0]):
        meta.append(msg.copy(time=tick - now))
        now = tick
    meta_end = now
    drums = mido.MidiTrack()
    drums.append(mido.MetaMessage("track_name", name=track_name, time=0))
    timed = []
    for on, off, pitch, vel in loop_note_events(loops, starts, drum_map, spans, cross_sticks):
        t_on = int(round(on * tpb))
        t_off = max(t_on + 1, int(round(off * tpb)))
        timed.append((t_on, 1, pitch, vel))
        timed.append((t_off, 0, pitch, 0))  # offs sort before ons at the same tick
    timed.sort()
    now = 0
    for tick, is_on, pitch, vel in timed:
        kind = "note_on" if is_on else "note_off"
        # unchecked (mido's skip_checks): the pitches, velocities and times are checked above and by the loops;
        # checking 700,000 messages again took seconds per file of a 3-hour part (each --variations version)
        drums.append(mido.Message(kind, skip_checks=True, channel=DRUM_CHANNEL, note=pitch, velocity=vel, time=tick - now))
        now = tick
    # the file ends on the bar line where the last loop ends, not at its last note-off: a DAW takes the item's
    # length from it, and drums 11.6 beats long for 4 bars of 3/4 drifted when looped or placed bar by bar
    loop_ends = [(i + 1) * LOOP_BEATS for i in range(len(loops))] if starts is None else [
        start + span for start, span in zip(starts, [LOOP_BEATS] * len(loops) if spans is None else spans)]
    end = max([now, meta_end, *(int(round(b * tpb)) for b in loop_ends)])
    drums.append(mido.MetaMessage("end_of_track", time=end - now))
    meta.append(mido.MetaMessage("end_of_track", time=end - meta_end))
    mf.tracks.extend([meta, drums])
    atomic_write(path, lambda fh: mf.save(file=fh))


def written_by_reagroove(path: str | os.PathLike) -> bool:
    """Whether a file is a drum file write_loops wrote or a live take Recording saved (its first track named
    DRUMS_TRACK_NAME or TAKE_TRACK_NAME, as written)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError:
        return False
    names = (n.encode() for n in (DRUMS_TRACK_NAME, TAKE_TRACK_NAME))
    return head[:4] == b"MThd" and any(b"\xff\x03" + bytes([len(n)]) + n in head for n in names)


__all__ = ["loop_note_events", "write_loops", "written_by_reagroove", "DRUMS_TRACK_NAME", "TAKE_TRACK_NAME",
           "WRITE_TICKS_PER_BEAT"]
