"""The band's low register: the bass part that drives the kick, read from MIDI notes by pitch (no program changes
needed: bass guitars, synth bass and a piano's left hand all sit there), or audio's low bands (core/audio.py)."""

from __future__ import annotations

import numpy as np

from .constants import DRUM_CHANNEL
from .midi import MidiContent, Notes

BASS_MEDIAN_PITCH = 50  # a part whose median pitch is below D3 is a bass part
BASS_PITCH = 48  # without such a part: notes below C3 are the low register
# a held pad beside an off-beat bass line (`without_pads_over_off_beats`): its chords' notes start within this many
# beats of each other (a player's spread, 10 ms jitter at 128 BPM: 0.02), and are held this many beats or longer
CHORD_SPREAD = 0.125
PAD_BEATS = 2.0
OFF_BEAT_SHARE = 0.75  # of an off-beat line's notes on the "and"s ...
ON_BEAT_AT_MOST = 0.1  # ... and at most this share on a beat


def bass_notes(notes: Notes) -> Notes:
    """The low-register part of a set of notes: tracks/channels whose median pitch is below
    BASS_MEDIAN_PITCH (a held pad among them left out beside an off-beat bass line: `without_pads_over_off_beats`),
    or, where no part is that low, the notes below BASS_PITCH.

    Works from MIDI alone (no program changes needed): bass guitars, synth bass
    and a piano's left hand all sit there. Drum-channel notes are never bass."""
    if len(notes) == 0:
        return notes
    notes = notes.select(notes.channel != DRUM_CHANNEL)
    key = notes.parts()
    medians = {int(k): float(np.median(notes.pitch[key == k])) for k in np.unique(key)}
    lows = [k for k, median in medians.items() if median < BASS_MEDIAN_PITCH]
    low = without_pads_over_off_beats(notes, key, lows)
    if not low.any():
        low = notes.pitch < BASS_PITCH
    return notes.select(low)


def _held_chords(notes: Notes, part: np.ndarray) -> bool:
    """A pad: most of its onsets are chords (notes of 2+ pitch classes starting within CHORD_SPREAD beats: a bass's
    root and octave held is no chord) held PAD_BEATS or longer."""
    order = np.argsort(notes.start[part], kind="stable")
    starts, classes = notes.start[part][order], notes.pitch[part][order] % 12
    cuts = np.flatnonzero(np.diff(starts) > CHORD_SPREAD) + 1
    chords = np.mean([len(np.unique(c)) >= 2 for c in np.split(classes, cuts)])
    return bool(chords >= 0.5 and np.median((notes.end - notes.start)[part]) >= PAD_BEATS)


def _bars_of(notes: Notes, part: np.ndarray) -> set[int]:
    """The 4-beat spans (bars of 4/4, near enough here: a house track's) a part starts notes in."""
    return set(np.floor(notes.start[part] / 4.0).astype(int).tolist())


def _off_the_beat(notes: Notes, part: np.ndarray) -> bool:
    """A line playing off the beat: OFF_BEAT_SHARE of its notes on the "and"s, hardly any on a beat."""
    at = np.mod(notes.start[part], 1.0)
    on_beat = np.mean((at < CHORD_SPREAD) | (at > 1.0 - CHORD_SPREAD))
    off = np.mean(np.abs(at - 0.5) < CHORD_SPREAD)
    return bool(off >= OFF_BEAT_SHARE and on_beat <= ON_BEAT_AT_MOST)


def without_pads_over_off_beats(notes: Notes, key: np.ndarray, lows: list[int]) -> np.ndarray:
    """Which notes are the low register (a mask): the low parts `lows` (keys of notes.parts()), less a held pad's
    notes in the bars where every other low part plays off the beat: a house or disco bass on every "and" under a
    pad's chords held from each bar's one (R10's synth bass at 128 under a pad on A2-E3) is the low register there,
    and the pad's one had read as the bass on the beat (the house idiom missed, core/idioms.py, and the kick doubled
    the bass on every "and"). Bar by bar: a pad's intro before the off-beat bass comes in stays the low register
    there, and a bass held from bar 1 under low strings on the "and"s from bar 9 is the bass through bars 1-8 (it
    had been dropped for the whole song, the drums laying out there). No song of freedoom's has one: their low parts
    stay as they were."""
    low = np.isin(key, lows)
    if len(lows) < 2:
        return low
    off = [k for k in lows if _off_the_beat(notes, key == k)]  # (nearly always none: the pads need no look)
    if not off:
        return low
    pads = [k for k in lows if k not in off and _held_chords(notes, key == k)]
    if not pads or len(pads) + len(off) != len(lows):
        return low
    covered = set().union(*(_bars_of(notes, key == k) for k in off))
    bar = np.floor(notes.start / 4.0).astype(int)
    return low & ~(np.isin(key, pads) & np.isin(bar, sorted(covered)))


def low_register(content: MidiContent) -> Notes:
    """The notes of content's low register: audio's bass part, which it carries apart from its notes
    (core/audio.py: the low bands' onsets), else its MIDI's (`bass_notes`)."""
    low = getattr(content, "bass_part", None)
    return bass_notes(content.notes) if low is None else low


__all__ = ["BASS_MEDIAN_PITCH", "BASS_PITCH", "bass_notes", "low_register", "without_pads_over_off_beats"]
