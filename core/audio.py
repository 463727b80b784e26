"""Audio input: the onsets of a recording, as notes on the beat grid.

An audio file (WAV/BWF/RF64/W64, FLAC, OGG/Opus, MP3 where libsndfile reads it, AIFF, CAF; any
sample rate; channels mixed to mono) becomes a `MidiContent` whose notes are
its onsets, so every consumer of MIDI (grooves, drumify, patterns) takes
audio unchanged: one note per onset, at its position in beats, with the
onset's strength as velocity.

How, and why this way:
- The file is streamed with soundfile in blocks of frames; each block is
  mixed to mono and turned into its part of the onset envelope, so a 2-hour
  file needs a few tens of MB (the envelope: four float32 per 5 ms, 11.5 MB
  an hour; blocks of 256 frames, 13 MB of spectra), never the whole signal. Analysis runs at the file's own sample rate with frame and hop
  sizes fixed in seconds, so 8 kHz, 44.1 kHz and 96 kHz files give the same
  envelope (no resampling, nothing tuned to one rate).
- The envelope is librosa's onset strength in its SuperFlux form: the rise of
  the log-mel spectrum from one frame to the next, against a maximum filter
  over neighbouring mel bands (which ignores vibrato and slow pitch glides),
  averaged over bands with weights rising with frequency (band k weighs
  (k+1)^2): attacks are broadband but ringing notes are dark, so a soft note
  starting over a loud one rises mostly in the upper bands. It is computed block by block (core/audio_envelope.py) with librosa's mel
  filters (as core/audio_dsp.py computes them), so frames continue seamlessly across blocks.
- Peaks are picked as local maxima above a moving average plus a threshold
  that has an absolute floor (so noise and silence give no onsets) and a part
  relative to the file's loud onsets; an onset must also be loud enough
  relative to the file's level (core/audio_pick.py).
- The bass part: the same rise over the mel bands below 200 Hz (against
  their own, unfiltered past: with 4 bands there, SuperFlux's band maximum
  would let a guitar's ringing low string hide a bass note in the next band),
  picked with its own threshold and a 60 ms wait, becomes
  `AudioContent.bass_part` and so `Windows.bass`. It is kept apart from the
  notes, so the groove (all onsets flattened) is exactly what it was.
- Velocity is the loudness the onset reaches (peak mel-band level just after
  it), relative to a high percentile over the file: robust to one stray peak,
  and unlike the flux it does not shrink when a note starts over a ringing
  one.
- Parameters were tuned on benchmarks/bench_audio.py (Groove MIDI Dataset test
  grooves rendered with several timbres), not on the tests.

Beats: for files, beat = t * bpm / 60 with bar lines from bar 1 at `start`,
from --bpm/--start or from an estimated tempo and first downbeat (said in
`warnings`; core/audio_tempo.py), or through a tempo map for a drifting
take (core/audio_drift.py). For REAPER items, `onsets_to_beats` maps onsets
through the project's tempo map.

Only numpy is imported at module level; soundfile and scipy are imported
when audio is actually read (librosa never: core/audio_dsp.py says why), so `reagroove.core` stays light.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .audio_bar_jump import bar_jump, bar_jump_note, triplet_jump
from .audio_clip import clip_ripples
from .audio_drift import drift_map, triple_on_the_curve
from .audio_drift_note import map_tempos, steady_drift_note
# the envelope's names stay importable from here (tests, benchmarks and actions.py read them from core.audio)
from .audio_envelope import DEFAULT_PARAMS, AudioFileError, Envelope, OnsetParams, onset_envelope
from .audio_feel_change import feel_not_tempo
from .audio_floor import without_count_in
from .audio_layers import beat_bands
from .audio_meter import beats_per_bar as triple_or_not, compound_meter
from .audio_pick import Onsets, level_to_velocity, pick_peaks
from .audio_section_octave import map_follows
from .audio_slow_compound import slow_compound
from .audio_strum import rake_strings
from .audio_tempo import LOOP_START_S, estimate_meter, faded_in_start, is_loop
from .audio_tempo_jump import jump_note, off_grid_stretch
from .midi import MidiContent, Notes
from .wav_header import declared_aiff_seconds, declared_wav_seconds
from .wording import counted

# Onsets become notes of this pitch (any pitch works: grooves ignore pitch).
ONSET_PITCH = 60
# The meters an audio file can be told (--meter): bars of 4 or 3 quarter-note beats, 6/8 (three quarters a bar,
# played in two dotted quarters) and 12/8 (six quarters, four dotted); the tempo is always in quarter notes.
AUDIO_METERS = ((4, 4), (3, 4), (6, 8), (12, 8))
MIN_TEMPO_ONSETS = 4  # fewer onsets tell no tempo (the estimator needs a few beats' worth)
# Notes spanning less than a 4/4 bar at this tempo may be one bar, whose tempo the estimate cannot tell (a reading
# needs two bars: audio_tempo.MIN_GRID_BEATS): said as a guess. Rendered 1-, 2- and 3-bar takes and loops at 80-160
# BPM: under the line 103 of 171 estimates right (1-bar takes with a lead-in 0 of 63, read at double or 4:3; 1-bar
# loops 59 of 63), above it 235 of 243; every 1-bar take and loop is under it, and 2-bar ones at 140 BPM and faster.
SHORT_TAKE_BPM = 70.0
BASS_ONSET_PITCH = 36  # the low bands' onsets become notes of this pitch (below groove.BASS_MEDIAN_PITCH)


@dataclass
class AudioContent(MidiContent):
    """A MidiContent read from audio: onsets as notes, plus how the grid was set."""

    start_s: float = 0.0  # seconds of bar 1 in the file (beats count from the file's start)
    bpm_estimated: bool = False
    start_estimated: bool = False
    onsets: Onsets | None = None
    # (frame beats, (frames, audio_layers.BANDS) dB): the take's level in frequency bands, read for drums (a new
    # layer coming in starts a section: audio_layers.py); None for groove's, which makes no drums
    band_levels: tuple | None = None
    # `bass_part` (MidiContent's): the low bands' onsets as notes at BASS_ONSET_PITCH on
    # track 1, for Windows.bass. Kept apart from `notes` so the groove is the all-band
    # onsets' alone: a low onset and an all-band onset on one step would otherwise mix
    # two loudness scales there.


# ---------------------------------------------------------------- onsets of the envelope


def pick_onsets(env: Envelope, params: OnsetParams = DEFAULT_PARAMS) -> Onsets:
    """Onsets (time, strength, velocity) from an envelope."""
    onsets, plain = pick_peaks(env, env.flux, env.level, params, params.delta_abs, params.delta_rel, params.wait_s, params.gate_db)
    peak_frames = np.round((plain + params.latency_s) * env.fps).astype(np.int64)
    ripple = clip_ripples(env.clip, peak_frames, onsets.strength)
    if ripple.any():  # a clipped note's distortion coming and going: no note (core/audio_clip.py)
        keep = ~ripple
        onsets, plain = Onsets(onsets.times[keep], onsets.strength[keep], onsets.velocity[keep], onsets.sample_rate,
                               onsets.channels, onsets.duration_s), plain[keep]
    later = rake_strings(env.flux, env.fps, plain, onsets.strength, gap_s=params.rake_gap_s, span_s=params.rake_span_s,
                         ratio=params.rake_ratio, floor_abs=params.delta_abs / 2)
    if later.any():  # a slow strum's later strings: one hit, at its first string
        keep = ~later
        onsets, plain = Onsets(onsets.times[keep], onsets.strength[keep], onsets.velocity[keep], onsets.sample_rate,
                               onsets.channels, onsets.duration_s), plain[keep]
    low_notes = params.low_note_shift_s and env.bass_flux is not None and len(onsets.times)
    return _low_notes_earlier(env, params, onsets, plain) if low_notes else onsets


def _low_notes_earlier(env: Envelope, params: OnsetParams, onsets: Onsets, plain: np.ndarray) -> Onsets:
    """`onsets` with each low note over a ringing one moved earlier by params.low_note_shift_s: left alone by the
    attack shift (its level barely climbs after the flux peak), its loudest band low, the low bands rising with
    it and something new sounding. A sharp attack, a hat over a ringing bass and a held chord's ripple stay.
    `plain`: the onsets' times without the attack shift (pick_peaks gives them): which onsets it left where the
    flux peaked, and that frame."""
    from dataclasses import replace

    n, vw = len(env.level), max(1, int(round(params.velocity_window_s * env.fps)))
    idx = np.clip(np.round((plain + params.latency_s) * env.fps).astype(np.int64), 0, n - 1)
    at = lambda lo, hi: np.clip(idx[:, None] + np.arange(lo, hi), 0, n - 1)  # noqa: E731
    peak = env.level[at(0, vw + 1)].max(axis=1)
    low = ((np.abs(onsets.times - plain) < 1e-9) & (idx > 8)
           & (env.bass_level[at(0, vw + 1)].max(axis=1) >= peak - 0.5)  # its loudest band is low
           & (env.bass_flux[at(-3, 4)].max(axis=1) > params.bass_delta_abs)  # the low bands rise within 15 ms
           & (peak - env.level[at(-8, -2)].min(axis=1) >= params.low_note_new_db))  # over the 40-15 ms before
    if not low.any():
        return onsets
    times = onsets.times.copy()
    times[low] = np.maximum(times[low] - params.low_note_shift_s, 0.0)
    order = np.argsort(times, kind="stable")  # (neighbours are a wait apart: the order holds in practice)
    return replace(onsets, times=times[order], strength=onsets.strength[order], velocity=onsets.velocity[order])


def pick_bass_onsets(env: Envelope, params: OnsetParams = DEFAULT_PARAMS) -> Onsets:
    """Onsets of the low bands (bass notes, kicks) from an envelope, velocities from the low bands' level.

    The threshold is its own, and onsets closer than bass_wait_s are one: a
    held low note ripples (beats between harmonics, a period longer than the
    frame) but does not rise again, so it gives one onset.
    """
    if env.bass_flux is None or env.bass_level is None:
        raise ValueError("this envelope has no low-band part (made by an older onset_envelope)")
    return pick_peaks(env, env.bass_flux, env.bass_level, params, params.bass_delta_abs, params.bass_delta_rel, params.bass_wait_s,
                      params.bass_gate_db)[0]


def detect_onsets_and_bass(path: str | os.PathLike, params: OnsetParams = DEFAULT_PARAMS) -> tuple[Onsets, Onsets]:
    """(all-band onsets, low-band onsets) of an audio file, from one streamed pass (bounded memory)."""
    env = onset_envelope(path, params)
    return pick_onsets(env, params), pick_bass_onsets(env, params)


# ---------------------------------------------------------------- tempo and the first downbeat


def estimate_tempo(env: Envelope, onsets: Onsets) -> float:
    """A global tempo (BPM) from the opening TEMPO_WINDOW_S of the file (see core/audio_tempo.py)."""
    return estimate_meter(env, onsets)[0]


def estimate_start(env: Envelope, onsets: Onsets, bpm: float) -> float:
    """Seconds of bar 1 at a known tempo (see core/audio_tempo.py)."""
    return estimate_meter(env, onsets, bpm)[1]


# ---------------------------------------------------------------- onsets on the beat grid


def seconds_to_beats(times_s, bpm: float, start_s: float = 0.0) -> np.ndarray:
    """Beats (quarter notes) from seconds at a steady tempo, beat 0 at start_s."""
    return (np.asarray(times_s, np.float64) - start_s) * (bpm / 60.0)


def onsets_to_beats(
    onset_times_s,
    item_position_s: float,
    take_offset_s: float,
    playrate: float,
    time_to_beats: Callable[[np.ndarray], np.ndarray],
) -> np.ndarray:
    """Project beats of onsets found in an audio item's source (REAPER's model).

    onset_times_s: onsets in seconds of the source file; item_position_s: the
    item's position on the timeline; take_offset_s: where in the source the
    take starts (D_STARTOFFS, in source seconds); playrate: the take's
    playback rate (D_PLAYRATE; 2 = twice as fast); time_to_beats: the
    project's tempo map, project seconds -> beats (e.g. TimeMap2_timeToBeats,
    vectorized or not). A source time s plays at item_position +
    (s - take_offset) / playrate. Onsets before the take's start come out
    with beats before the item; the caller trims to the item's length.
    """
    if not playrate > 0:
        raise ValueError(f"playback rate must be positive, got {playrate}")
    src = np.asarray(onset_times_s, np.float64)
    project = item_position_s + (src - take_offset_s) / playrate
    try:
        beats = np.asarray(time_to_beats(project), np.float64)
        if beats.shape != project.shape:
            raise ValueError
    except (TypeError, ValueError):  # a scalar-only tempo-map function
        beats = np.array([float(time_to_beats(float(t))) for t in project], np.float64)
    return beats


def onsets_to_notes(beats, velocity, pitch: int = ONSET_PITCH, track: int = 0) -> Notes:
    """Onsets at `beats` with `velocity` 0..1 as MIDI-like notes (16th long)."""
    beats = np.asarray(beats, np.float64)
    vel = np.clip(np.round(np.asarray(velocity, np.float64) * 127), 1, 127)
    return Notes.from_lists(beats, np.full(len(beats), pitch), vel, end=beats + 0.25, track=track)


# A steady take's estimate (0.05 BPM steps, from its opening minutes) is refitted on its whole length from
# this long on: 0.02 BPM off at 128 BPM put the drums 84 ms off the take after 10 minutes, 25 ms after 3.
REFIT_MIN_S = 30.0
REFIT_GROWTH = 1.5  # each refit reaches this much further: the last one's error stays well inside a 16th there
REFIT_MAX_CHANGE = 0.002  # a refit moving the tempo further than this is not the same tempo refined: kept as estimated


def whole_take_grid(times, bpm: float, start: float) -> tuple[float, float]:
    """(bpm, bar 1 s): `bpm` refined by a least-squares fit of the onsets to their nearest 16ths, over ever longer
    stretches of a take longer than REFIT_MIN_S (a shorter one, a loop included, keeps its estimate), and bar 1
    moved onto that fit's line where it refined the tempo.

    Bar 1 was read with the first estimate's tempo, which a 10-minute take at 97.3 BPM read 0.01% slow: its
    bar 1 sat 13 ms early, and with it every drum beat (a 3-minute take's: 3 ms)."""
    times = np.asarray(times, np.float64)
    if len(times) < 16 or times[-1] - times[0] < REFIT_MIN_S:
        return bpm, start
    step = 15.0 / bpm  # seconds per 16th
    reach = times[0] + REFIT_MIN_S
    while True:
        t = times[times <= reach]
        k = np.round((t - start) / step)
        near = np.abs(t - start - k * step) < step / 4  # off-grid notes (a swung 8th, a flam) weigh nothing
        if near.sum() < 16 or np.ptp(k[near]) < 16:
            return bpm, start
        step, at_k0 = (float(v) for v in np.polyfit(k[near], t[near], 1))
        if reach >= times[-1]:
            break
        reach = times[0] + (reach - times[0]) * REFIT_GROWTH
    fitted = 15.0 / step
    if abs(fitted / bpm - 1) > REFIT_MAX_CHANGE:
        return bpm, start
    return fitted, (at_k0 if abs(at_k0 - start) < step / 4 else start)


def audio_meter(meter) -> tuple[int, int]:
    """`meter` ((N, D), or 3 or 4 beats a bar) as one of AUDIO_METERS, or a one-line ValueError saying which
    are read (the one check: read_audio's and --meter's)."""
    m = (int(meter), 4) if isinstance(meter, (int, float)) and meter in (3, 4) else meter
    if isinstance(m, (tuple, list)) and tuple(m) in AUDIO_METERS:
        return tuple(m)
    supported = ", ".join(f"{n}/{d}" for n, d in AUDIO_METERS)
    if isinstance(m, (tuple, list)) and len(m) == 2:
        raise ValueError(f"an audio file is read in {supported}, got {m[0]}/{m[1]}")
    raise ValueError(f"beats per bar must be 3 or 4 for audio (or a meter: {supported}), got {meter!r}")


def told_meter(path: str, time_signature=None) -> tuple[int, int] | None:
    """The time signature a producer gave ((N, D), or 3 or 4 beats a bar; None: read from the audio), or an
    AudioFileError naming the file."""
    if time_signature is None:
        return None
    try:
        return audio_meter(time_signature)
    except ValueError as exc:
        raise AudioFileError(path, str(exc)) from None


def _why(env: Envelope) -> str:
    """What reading the file found wrong with it (its first damage note), for an error it may explain: a take
    whose samples are mostly NaN had 'has only 1 onset in 20.0 s' and no word of why."""
    return f"; {env.notes[0]}" if env.notes else ""


# What reading a damaged file says of the drums (core/audio_read.py's Damage.notes), as said where none are made.
_DRUM_WORDS = (("; the drums cover what comes before", "; what comes before is read"),
               ("check the drums there", "check the notes there"))


def _without_drums(note: str) -> str:
    """A damage note for a reading that makes no drums (groove, patterns): it spoke of drums nobody asked for."""
    for drums, plain in _DRUM_WORDS:
        note = note.replace(drums, plain)
    return note


# Twice the tempo read is offered where its best reading scored within this much (weighed cues) of the one chosen and
# the tempo read is slow: rendered freedoom bands (R8, stop 77) read at half tempo (their drummer's snare on 2 and 4)
# were 60-82.5 BPM, their double within 0.4-3.4 (4 of 6; the others 5.3 and 10.7 off); those read right at 90-105 BPM had
# theirs within 0.5-1.8 too (5 of 10): the octave is a coin toss there, and a note on half the right readings is noise.
# A fast song's half-time drums, its bar numbers half the project's, are otherwise unsaid. Set on those 22 renders.
OCTAVE_MARGIN = 3.5
OCTAVE_OFFER_BELOW_BPM = 85.0


def other_octave(readings: list, bpm: float) -> float | None:
    """Twice `bpm` (1 decimal) where `bpm` is under OCTAVE_OFFER_BELOW_BPM, the meter's reading kept the tempo
    chosen (`readings`' last, from estimate_meter) and the best reading at twice it scored within OCTAVE_MARGIN of
    that one; else None."""
    if len(readings) < 2 or abs(readings[-1].bpm / bpm - 1) > 0.02 or bpm >= OCTAVE_OFFER_BELOW_BPM:
        return None
    near = [h.score for h in readings[:-1] if abs(h.bpm / (readings[-1].bpm * 2) - 1) < 0.03]
    return round(2 * bpm, 1) if near and max(near) >= readings[-1].score - OCTAVE_MARGIN else None


def _check_tempo(path: str, bpm: float) -> None:
    if not (math.isfinite(bpm) and 20.0 <= bpm <= 400.0):
        raise AudioFileError(path, f"tempo must be 20..400 BPM, got {bpm:g}")


def read_audio(
    path: str | os.PathLike,
    bpm: float | None = None,
    start: float | None = None,
    params: OnsetParams = DEFAULT_PARAMS,
    progress=None,
    time_signature: tuple[int, int] | int | None = None,
    for_drums: bool = True,
) -> AudioContent:
    """Read an audio file's onsets as a MidiContent in 4/4 (3/4, 6/8 or 12/8 where it clearly is; core/audio_meter.py) at one tempo.

    bpm: the tempo (estimated when None); start: seconds of the first
    downbeat (bar 1), estimated when None. Beats count from the file's start
    (beat 0 at 0 s) and bar lines from bar 1, so the drums written from it
    line up with the audio when both start together. What was estimated is
    said in `warnings`. time_signature: (4, 4), (3, 4), (6, 8) or (12, 8) when
    the producer knows it (3 or 4 beats a bar say 3/4 or 4/4), else None: read from the audio (3/4 only where
    clear). `bpm` counts quarter notes, as MIDI's and REAPER's tempo does: a 6/8 take with 60 dotted quarters a
    minute is --bpm 90. In 6/8 and 12/8 the bars are 6 or 12 8ths and `time_signatures` says so, so the engine
    plays them in dotted quarters as it does a MIDI file's. Raises AudioFileError (one line) for unreadable,
    corrupt or silent files and for a meter not in AUDIO_METERS. for_drums: False where no drums are made from
    it (groove): its notes then speak of the audio's bar 1, not the drums'.
    """
    path = os.fspath(path)
    told = told_meter(path, time_signature)
    if bpm is not None:
        _check_tempo(path, float(bpm))
    env = onset_envelope(path, params, progress=progress, bands=for_drums)  # the band levels from the same read
    onsets = pick_onsets(env, params)
    declared = max(declared_wav_seconds(path) or 0.0, declared_aiff_seconds(path) or 0.0, env.declared_s or 0.0)
    if len(onsets.times) == 0:
        if not env.damaged and env.duration_s < declared - 0.05:  # the cut, not the music: "has no clear onsets" of
            # a download stopped after 1000 bytes of a 1.7 MB file had left the user looking at the take
            raise AudioFileError(path, f"the file is cut short: its header announces {declared:.1f} s of audio, it "
                                       f"holds {env.duration_s:.1f} s (a copy or download that stopped part way?)"
                                       f"{': nothing to follow' if env.duration_s < 1 else ' with no clear onsets'}")
        quiet = float(env.level.max()) if len(env.level) else env.floor_db
        what = "is silent" if quiet <= env.floor_db + 1 else f"has no clear onsets (loudest {quiet - env.gain_db:.0f} dBFS)"
        raise AudioFileError(path, f"{what}: nothing to follow ({env.duration_s:.1f} s of audio){_why(env)}")
    warnings: list[str] = [note if for_drums else _without_drums(note) for note in env.notes]
    if not env.damaged and env.duration_s < declared - 0.05:  # a damaged file's note already says it is short
        covered = "the drums cover what is there" if for_drums else "what is there is read"  # groove makes no drums
        warnings.append(f"the file is cut short: its header announces {declared:.1f} s of audio, it holds "
                        f"{env.duration_s:.1f} s; {covered}")
    bpm_estimated = bpm is None
    start_estimated = start is None
    if bpm_estimated and len(onsets.times) < MIN_TEMPO_ONSETS:  # a click or two: any tempo would be a guess
        # a copy cut short is the likelier cause than the music: said (its header's length against what is there)
        short = f"; the file is cut short: its header announces {declared:.1f} s" if warnings and \
            warnings[-1].startswith("the file is cut short") else ""
        raise AudioFileError(path, f"has only {len(onsets.times)} onset{'s' if len(onsets.times) != 1 else ''} in "
                             f"{env.duration_s:.1f} s: too few to tell a tempo (give --bpm, and --start for bar 1)"
                             f"{_why(env) or short}")
    if start is not None and math.isfinite(start) and start >= env.duration_s:
        raise AudioFileError(path, f"--start {start:g} s is past the end of the audio ({env.duration_s:.1f} s)")
    # A count-in's clicks are no part of the groove, and bar 1 is where the part comes in after them.
    heard, (onsets, clicks, part_s) = onsets, without_count_in(onsets, env.level, env.fps, with_bar=True)
    if clicks:
        warnings.append(f"a count-in ({clicks} clicks, {heard.times[0]:.2f}-{heard.times[clicks - 1]:.2f} s) left out"
                        + (f"; bar 1 is where the part comes in after it, at {part_s:.3f} s" if start_estimated else ""))
    readings: list = []  # every tempo and bar 1 reading weighed, then the one chosen
    if bpm_estimated or start_estimated:
        # a fade-in's bars: once the meter is read
        est_bpm, est_start = estimate_meter(env, onsets, bpm, faded_in=False, readings=readings)
        bpm = est_bpm if bpm_estimated else bpm
        start = (part_s if clicks else est_start) if start_estimated else start
    if not math.isfinite(start):
        raise AudioFileError(path, f"start must be a number of seconds, got {start}")
    bpm, start = float(bpm), float(start)
    if start_estimated:
        start = max(start, 0.0)  # at most a 16th early: music that starts the file starts bar 1
    # A waltz read as 4/4 gets a backbeat on its 1 every other bar: triple meter where the take clearly shows it.
    # n_beats: quarter notes a bar (4/4: 4; 3/4 and 6/8: 3; 12/8: 6), the bar the tempo and drift map are read in.
    n_beats = int(told[0] * 4 // told[1]) if told else 4
    meter_is_compound = bool(told) and told[1] == 8  # 6/8, 12/8: bar 1 read on the dotted quarters
    heard = None  # 6/8 or 12/8 read from the audio
    dotted = False  # bar 1 of a take told 3/4 read on its dotted beats
    if start_estimated and not clicks and told == (3, 4):
        # a 6/8 or 12/8 take told 3/4 (its note offers it): the bar is three quarters (half a 12/8 bar), and bar 1
        # where the take's dotted beats put it, as its untold reading finds it; read on quarter beats it fell on an
        # off-beat 8th
        nb, b2, s2 = triple_or_not(env, onsets, bpm, start, tempo_given=not bpm_estimated, bar_beats=3)
        if nb == 3 and compound_meter(env, onsets, b2, max(s2, 0.0)) in ((6, 8), (12, 8)):
            _, bpm, start = triple_or_not(env, onsets, b2, max(s2, 0.0), tempo_given=True, told=True, bar_beats=3,
                                          compound=True)
            start, dotted = max(start, 0.0), True
    if start_estimated and not clicks and (told is None or n_beats != 4) and not dotted:
        n_beats, bpm, start = triple_or_not(env, onsets, bpm, start, tempo_given=not bpm_estimated, told=told is not None,
                                            bar_beats=n_beats if told else 3, compound=meter_is_compound)
        start = max(start, 0.0)
        # A 6/8 or 12/8 take's bar is a waltz's three quarters: read as --meter reads it where its 8ths go in threes.
        heard = compound_meter(env, onsets, bpm, start) if told is None and n_beats == 3 else None
        if told is None and n_beats == 3 and not heard and bpm_estimated:
            # a slow 6/8's 8ths read as a waltz's beats: its groups of three as bars
            slow = slow_compound(env, onsets, bpm, start)
            if slow is not None:
                (heard, start), bpm = slow, bpm / 2
        if heard:
            meter_is_compound = True
            n_beats, bpm, start = triple_or_not(env, onsets, bpm, start, tempo_given=True, told=True,
                                                bar_beats=heard[0] // 2, compound=True)
            start = max(start, 0.0)
        # A drifting waltz blurs on one steady grid: read again on the take steadied along its tempo curve.
        if told is None and n_beats == 4 and bpm_estimated:
            triple = triple_on_the_curve(env, onsets, bpm)
            if triple is not None:
                n_beats, (bpm, start) = 3, triple
                start = max(start, 0.0)
    if start_estimated and not clicks:
        # A part faded in over its first bar or two: bar 1 moved back over the bars it already plays softly, in the
        # meter's bar (read in 4/4 bars, a faded-in waltz's bar 1 stayed a bar late, or moved back a beat off it).
        start = max(faded_in_start(onsets, bpm, start, n_beats), 0.0)
    meter = told or heard or (n_beats, 4)
    if bpm_estimated:  # before the drift check, which compares the take with this steady grid
        bpm, fitted_start = whole_take_grid(onsets.times, bpm, start)
        start = max(fitted_start, 0.0) if start_estimated and not clicks else start
    tempos = [(0.0, bpm)]
    to_beats = lambda t: seconds_to_beats(t, bpm)  # noqa: E731
    # A live take's drifting tempo, its knots on bar lines: followed only when estimated (a given --bpm is kept
    # steady, as the producer asked), but a drift under a given --bpm is said: the drums stray from that take.
    knots = drift_map(env, onsets, bpm, start, not start_estimated or bool(clicks), n_beats, meter_is_compound)
    steady_beats = seconds_to_beats(onsets.times, bpm, start)
    if knots is not None and feel_not_tempo(onsets.times, onsets.velocity, steady_beats, *knots[:2]):
        knots = None  # straight 8ths, then triplets: the map's "step" is a feel changing at one tempo
    if not bpm_estimated:
        if knots is not None and (note := steady_drift_note(knots[0], knots[1], onsets.times, bpm, start)):
            warnings.append(note)
        knots = None
    if knots is not None:
        knot_t, knot_b, followed_start = knots
        tempos = map_tempos(knot_t, knot_b)
        to_beats = lambda t: np.interp(t, knot_t, knot_b)  # noqa: E731
        if start_estimated:
            start = max(followed_start, 0.0)
    # Beats count from the file's start, so the drums land where the music is
    # when the two files start together; bar lines run from bar 1 on (the
    # meter changes there). A bar 1 before the file's start moves on by whole
    # bars to the first bar line inside it (--start -1: the part bar before it a pickup, as --help says).
    bar_s = 60.0 * n_beats / bpm
    first_line = start + math.ceil(-start / bar_s - 1e-9) * bar_s if start < 0 else start
    # ... but a bar line within half a 16th before 0 s with the music on it is bar 1, as --start 0 (--start -0.01 on
    # a strum from 0 s had put bar 1 a bar on, the music's first bar a "pickup" of toms, nothing on its downbeat)
    hair = 7.5 / bpm  # half a 16th
    line_before = first_line - bar_s
    if start < 0 and -hair <= line_before < 0 and len(onsets.times) and onsets.times[0] < line_before + hair:
        start = 0.0 if line_before <= start + 1e-9 else start  # (--start itself a hair early: as --start 0)
        first_line = 0.0
    whose_bar = "the drums' bar 1" if for_drums else "bar 1"  # groove makes no drums, yet said theirs
    # the bar line the drum file starts its meter on (--start -1 had been said as "bar 1 is at -1.000 s")
    pickup = first_line > start and bool((to_beats(onsets.times) < float(to_beats(first_line)) - 0.125).any())
    if pickup and not (bpm_estimated or start_estimated):  # (told: said, as a MIDI file's pickup bar is)
        warnings.append(f"--start {start:g} is before the audio: {whose_bar} is at {first_line:.3f} s, what plays "
                        f"before it a pickup{' (the drums play a lead-in under it)' if for_drums else ''}")
    if bpm_estimated or start_estimated:
        said = []
        if knots is not None:
            lo, hi = min(t for _, t in tempos), max(t for _, t in tempos)
            follows = "the drums follow it" if for_drums else "followed"
            said.append(f"a drifting tempo, {lo:.1f} to {hi:.1f} BPM ({follows} with a tempo map; --bpm gives one steady tempo)")
        elif bpm_estimated:
            said.append(f"tempo {bpm:.2f} BPM" + (f" in quarter notes ({bpm / 1.5:.2f} dotted quarters a minute)"
                                                  if meter[1] == 8 else ""))
        if start_estimated:
            said.append(f"first downbeat at {start:.3f} s")
        if heard:
            said.append(f"{heard[0]}/8 time (the 8ths go in threes, {heard[0] // 3} dotted beats a bar; --meter 3/4 keeps 3/4, "
                        "--meter 4/4 keeps 4/4)")
        elif n_beats == 3 and told is None:
            said.append("3/4 time (the accents repeat every 3 beats; --meter 4/4 keeps 4/4, --meter 6/8 reads 6/8)")
        warnings.append(f"estimated {' and '.join(said)}; {whose_bar} is at {first_line:.3f} s of the audio"
                        f"{', what plays before it a pickup' if pickup else ''} (--bpm and --start override it)")
        if bpm_estimated and knots is None and meter == (4, 4) and (other := other_octave(readings, bpm)):
            warnings.append(f"or {other:g} BPM, twice as fast: --bpm {other:g}")
    # a loop cut on its bar lines is as long as its file, a take as its notes: a guess, not refused (59 of 63 1-bar
    # loops read right)
    loop = bpm_estimated and is_loop(env, onsets)
    length = env.duration_s if loop else float(np.ptp(onsets.times)) if len(onsets.times) else 0.0
    if bpm_estimated and length < 240.0 / SHORT_TAKE_BPM:
        what = f"the {length:.1f}-s loop is" if loop else f"the take's notes span {length:.1f} s,"
        warnings.append(f"{what} too short to tell its tempo (under a bar at {SHORT_TAKE_BPM:g} BPM): {bpm:.1f} BPM is "
                        "a guess; give --bpm")
    beats = to_beats(onsets.times)
    bar1 = float(to_beats(start))
    before = beats < bar1 - 0.125  # more than half a 16th before bar 1
    if before.any():
        # a band bounced from bar 1 whose opening bar was read as a pickup (a comp's stabs on 2 and 4 heard as bar
        # lines: the drums' backbeat on 1 and 3): offered, not taken, as a part starting on beat 2 at 0 s is a pickup
        # ... or by one loud chord at 0 s off bar 1's beat grid (a comp's syncopated stabs read as its beats): a
        # pickup lands a whole number of beats before bar 1 (a lone one on beat 4 is not questioned)
        off = (bar1 - float(beats[0])) % 1.0
        lone = before.sum() == 1 and 0.125 < off < 0.875 and onsets.velocity[0] >= np.median(onsets.velocity)
        bounced = start_estimated and not clicks and (before.sum() >= 2 or lone) and \
            float(onsets.times[0]) <= LOOP_START_S
        warnings.append(f"{counted(int(before.sum()), 'onset')} before bar 1 ({start:.3f} s) left out"
                        + ("; the music starts the file: if bar 1 is there, --start 0" if bounced else ""))
    if bpm_estimated and (stretch := off_grid_stretch(onsets.times, onsets.velocity, beats - bar1)) is not None:
        warnings.append(jump_note(stretch, bpm, knots is not None))  # the tempo jumps further than the drums follow
    elif bpm_estimated and (jump := bar_jump(env.flux, env.fps, bpm) or triplet_jump(onsets.times, onsets.velocity,
                                                                                       beats - bar1, bpm)) is not None:
        follows = knots is not None and map_follows(knots[0], knots[1], jump)  # a map at the jump's tempo
        warnings.append(bar_jump_note(jump, bpm, knots is not None, follows))  # ... by 3:2: on the grid, in other bars
    keep = ~before
    # A slightly early first onset stays on bar 1, as it would in a MIDI file.
    notes = onsets_to_notes(np.maximum(beats[keep], max(bar1, 0.0)), onsets.velocity[keep])
    if len(notes) == 0:
        raise AudioFileError(path, f"no onsets after the start ({start:.3f} s)")
    low = pick_bass_onsets(env, params)
    low_beats = to_beats(low.times)
    low_keep = low_beats >= bar1 - 0.125
    bass_part = onsets_to_notes(np.maximum(low_beats[low_keep], max(bar1, 0.0)), low.velocity[low_keep], BASS_ONSET_PITCH, track=1)
    end_beat = max(float(to_beats(env.duration_s)), float(notes.end.max()))
    return AudioContent(
        path,
        notes,
        480,
        tempos,
        [(float(to_beats(first_line)), *meter)],
        end_beat,
        warnings,
        start_s=first_line,  # (a bar line --start puts before the audio: bar 1 is the next, inside it)
        bpm_estimated=bpm_estimated,
        start_estimated=start_estimated,
        onsets=onsets,
        bass_part=bass_part,
        band_levels=beat_bands(path, to_beats, env.bands) if for_drums else None,  # (groove makes no drums: no sections)
    )


__all__ = [
    "AUDIO_METERS",
    "AudioContent",
    "audio_meter",
    "BASS_ONSET_PITCH",
    "AudioFileError",
    "Envelope",
    "OnsetParams",
    "Onsets",
    "DEFAULT_PARAMS",
    "detect_onsets_and_bass",
    "estimate_start",
    "estimate_tempo",
    "level_to_velocity",
    "onset_envelope",
    "onsets_to_beats",
    "onsets_to_notes",
    "pick_bass_onsets",
    "pick_onsets",
    "read_audio",
    "seconds_to_beats",
    "told_meter",
]
