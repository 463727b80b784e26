"""A small synthesizer for testing onset detection: notes in, audio out.

Renders note onsets (seconds, velocity 0..1) with one of several timbres, so
the tests and benchmarks/bench_audio.py know exactly where every onset is:

- click: a 4 ms noise burst over a short sine ping (percussive),
- pluck: a Karplus-Strong plucked string at a random pitch (percussive),
- bass: a low band-limited sawtooth, bright for the first ~30 ms as a
  plucked string is, that rings until the next note (legato, as a DI),
- pad: a detuned saw chord with a soft 80 ms attack (the hard case).

Then a simple reverb (exponentially decaying noise) and white noise are
added. Loudness follows velocity as amplitude = velocity ** 2 (a 0.5 note is
12 dB below a full one), roughly how instruments and MIDI synths respond.
Everything is seeded: the same call gives the same samples.
"""

from __future__ import annotations

import functools

import numpy as np
from scipy.signal import fftconvolve, lfilter

TIMBRES = ("click", "pluck", "bass", "pad")
PERCUSSIVE = ("click", "pluck", "bass")


def _lowpass(x, sr, cutoff):
    """One-pole low-pass, the same cutoff at every sample rate."""
    a = np.exp(-2 * np.pi * cutoff / sr)
    return lfilter([1 - a], [1, -a], x)


def _click(sr, rng, freq):
    n = int(0.06 * sr)
    t = np.arange(n) / sr
    burst = rng.standard_normal(n) * np.exp(-t / 0.004)
    ping = np.sin(2 * np.pi * 2 * freq * t) * np.exp(-t / 0.015)
    return 0.6 * burst + 0.5 * ping


def _pluck(sr, rng, freq, length_s=0.8):
    """Karplus-Strong: a noise burst in a delay line with an averaging, lossy feedback."""
    period = max(2, int(round(sr / freq)))
    n = int(length_s * sr)
    x = np.zeros(n)
    x[:period] = rng.uniform(-1, 1, period)
    # y[i] = x[i] + g/2 (y[i-P] + y[i-P-1]), a period at a time: each sample needs only earlier periods' (as
    # lfilter with a denominator of P + 2 taps computes it, but in O(n) rather than O(n P))
    y = x.copy()
    if period < n:
        y[period] += 0.996 / 2 * y[0]
    for s in range(period + 1, n, period):
        e = min(s + period, n)
        y[s:e] += 0.996 / 2 * (y[s - period : e - period] + y[s - period - 1 : e - period - 1])
    y *= np.minimum(1.0, (n - np.arange(n)) / (0.05 * sr))  # fade out: a hard cut would click
    return y / (np.abs(y[: 2 * period]).max() + 1e-9) * 0.8


def _harmonics(freq, t, sr, cutoff, limit=6000.0):
    """A band-limited sawtooth through a gentle low-pass at `cutoff`: no aliasing at any sample rate.

    One period is summed from its harmonics into a table, then read at the
    note's phase (linear interpolation; 4096 points keep the error near -60 dB).
    """
    table = _period(float(freq), sr, float(cutoff), float(limit))
    phase = np.mod(freq * np.asarray(t, np.float64), 1.0) * (len(table) - 1)
    return np.interp(phase, _TABLE_X, table)


_TABLE_X = np.arange(4097.0)
_SINES = np.zeros((len(_TABLE_X), 0))  # column k-1: harmonic k over one period, grown as higher ones are asked for


@functools.lru_cache(maxsize=4096)
def _period(freq, sr, cutoff, limit):
    """One period of `_harmonics`' sawtooth, 4097 points. Kept per note, over sines kept per harmonic: a keys
    part's brightness follows each note's velocity, and summing up to 100 harmonics' sines afresh for every
    note was 60% of rendering it."""
    global _SINES
    k = np.arange(1, int(min(sr / 2 * 0.9, limit) // freq) + 1)
    sines = _SINES  # one read: a thread growing it meanwhile cannot leave this one too few columns
    if len(k) > sines.shape[1]:
        sines = _SINES = np.sin(2 * np.pi * np.outer(_TABLE_X / (len(_TABLE_X) - 1), np.arange(1, len(k) + 1)))
    weights = (1.0 / k) / np.sqrt(1 + (k * freq / cutoff) ** 2)
    table = sines[:, : len(k)] @ weights
    table.flags.writeable = False
    return table


def _bass(sr, rng, freq, length_s):
    """A plucked bass: a dark saw body plus the bright harmonics a pluck starts with, decaying in ~30 ms."""
    n = max(1, int(length_s * sr))
    t = np.arange(n) / sr
    body = _harmonics(freq, t, sr, 300.0)
    bright = _harmonics(freq, t, sr, 2500.0) * np.exp(-t / 0.03)
    env = np.minimum(t / 0.003, 1.0) * np.exp(-t / 0.6)
    release = np.minimum(1.0, (n - np.arange(n)) / (0.01 * sr))  # no click at the note end
    return (body + 0.7 * bright) * env * release


def _pad(sr, rng, freq, length_s):
    n = max(1, int(length_s * sr))
    t = np.arange(n) / sr
    out = np.zeros(n)
    for ratio in (1.0, 1.26, 1.5):  # a major triad, each voice detuned twice
        for cents in (-7, 7):
            out += _harmonics(freq * ratio * 2 ** (cents / 1200), t + rng.uniform(), sr, 1200.0, limit=4000.0)
    out /= 4
    attack = 0.08
    env = np.minimum(t / attack, 1.0) ** 2
    release = np.minimum(1.0, (n - np.arange(n)) / (0.05 * sr))
    return out * env * release


def render(
    onsets_s,
    velocities,
    *,
    timbre: str = "pluck",
    sr: int = 44100,
    duration_s: float | None = None,
    noise_db: float = -50.0,
    reverb: float = 0.15,
    seed: int = 0,
) -> np.ndarray:
    """Mono float32 audio of notes at `onsets_s` (seconds) with `velocities` (0..1).

    noise_db: white noise level relative to full scale (None for none);
    reverb: wet level of a 0.4 s decaying-noise reverb (0 for dry).
    """
    if timbre not in TIMBRES:
        raise ValueError(f"timbre must be one of {TIMBRES}")
    rng = np.random.default_rng(seed)
    onsets = np.asarray(onsets_s, np.float64)
    vels = np.asarray(velocities, np.float64)
    order = np.argsort(onsets, kind="stable")
    onsets, vels = onsets[order], vels[order]
    end = float(duration_s) if duration_s is not None else (float(onsets.max()) + 1.0 if len(onsets) else 1.0)
    out = np.zeros(int(end * sr) + 1)
    for i, (t0, v) in enumerate(zip(onsets, vels)):
        start = int(round(t0 * sr))
        if start >= len(out):
            continue
        nxt = onsets[i + 1] if i + 1 < len(onsets) else end
        gap = max(nxt - t0, 0.05)
        if timbre == "click":
            note = _click(sr, rng, rng.uniform(800, 2000))
        elif timbre == "pluck":
            note = _pluck(sr, rng, 110 * 2 ** (rng.integers(0, 24) / 12))
        elif timbre == "bass":
            note = _bass(sr, rng, 41.2 * 2 ** (rng.integers(0, 15) / 12), min(gap, 1.5))
        else:
            note = _pad(sr, rng, 220 * 2 ** (rng.integers(0, 12) / 12), min(gap + 0.3, 3.0))
        note = note[: len(out) - start] * (float(v) ** 2)
        out[start : start + len(note)] += note
    out = _room(out, sr, rng, reverb, noise_db)
    peak = np.abs(out).max()
    if peak > 0.99:  # keep within full scale; a normalization like any mixdown
        out *= 0.99 / peak
    return out.astype(np.float32)


def _room(out: np.ndarray, sr: int, rng: np.random.Generator, reverb: float, noise_db: float | None) -> np.ndarray:
    """A rendered part in a room: a decaying-noise reverb tail of `reverb` energy, then noise at `noise_db` dBFS."""
    if reverb > 0:
        n_ir = int(0.4 * sr)
        ir = rng.standard_normal(n_ir) * np.exp(-np.arange(n_ir) / (0.12 * sr))
        ir *= reverb / np.sqrt(np.sum(ir**2))
        ir[0] = 1.0
        out = fftconvolve(out, ir)[: len(out)]
    if noise_db is not None:
        out = out + rng.standard_normal(len(out)) * 10 ** (noise_db / 20)
    return out


def grid_onsets(steps, bpm: float, start_s: float = 0.0, offsets=None) -> np.ndarray:
    """Onset times (s) of 16th-note steps at `bpm`, step 0 at start_s; offsets in steps (+ = late)."""
    steps = np.asarray(steps, np.float64)
    off = np.zeros_like(steps) if offsets is None else np.asarray(offsets, np.float64)
    return start_s + (steps + off) * 60.0 / bpm / 4.0


# ---------------------------------------------------------------- pitched parts and drums (tempo/downbeat test set)
#
# Notes here carry their pitches, so parts can play chords that change on the
# bar line as real accompaniment does: benchmarks/bench_audio_tempo.py renders
# bass lines, guitar strums, keys and full mixes with these.

PART_TIMBRES = ("bass", "strum", "keys", "kick", "snare", "hat")


def _keys(sr, freqs, length_s, velocity):
    """A piano-like chord: bright harmonics that darken as they decay, held until the next chord."""
    n = max(1, int(length_s * sr))
    t = np.arange(n) / sr
    out = np.zeros(n)
    for f in freqs:
        bright = _harmonics(f, t, sr, 800.0 + 3000.0 * velocity, limit=6000.0) * np.exp(-t / 0.12)
        body = _harmonics(f, t, sr, 500.0, limit=3000.0) * np.exp(-t / 1.2)
        out += 0.6 * bright + body
    out /= max(1, len(freqs))
    release = np.minimum(1.0, (n - np.arange(n)) / (0.03 * sr))
    return out * np.minimum(t / 0.002, 1.0) * release


def _strum(sr, rng, freqs, length_s, down: bool):
    """Strings plucked one after another, 6-15 ms apart (low to high on a down stroke)."""
    n = max(1, int(length_s * sr))
    out = np.zeros(n)
    order = list(freqs) if down else list(freqs)[::-1]
    gap = rng.uniform(0.006, 0.015)
    for i, f in enumerate(order):
        s = int(i * gap * sr)
        if s >= n:
            break
        y = _pluck(sr, rng, f, length_s=min(length_s, 1.2) + 0.05)[: n - s]
        out[s : s + len(y)] += y * (0.8 if down else 0.6)
    fade = np.minimum(1.0, (n - np.arange(n)) / (0.02 * sr))  # the next strum damps this one
    return out / len(order) * 2.0 * fade


def _kick(sr, rng):
    n = int(0.35 * sr)
    t = np.arange(n) / sr
    freq = 50 + 90 * np.exp(-t / 0.03)
    return np.sin(2 * np.pi * np.cumsum(freq) / sr) * np.exp(-t / 0.12) + 0.2 * rng.standard_normal(n) * np.exp(-t / 0.003)


def _snare(sr, rng):
    n = int(0.25 * sr)
    t = np.arange(n) / sr
    noise = _lowpass(rng.standard_normal(n), sr, 7000.0) * np.exp(-t / 0.06)
    return 0.7 * noise + 0.5 * np.sin(2 * np.pi * 190 * t) * np.exp(-t / 0.04)


def _hat(sr, rng):
    n = int(0.08 * sr)
    t = np.arange(n) / sr
    x = rng.standard_normal(n)
    x = x - _lowpass(x, sr, 6000.0)  # high-passed noise
    return 0.5 * x * np.exp(-t / 0.015)


def render_notes(notes, *, sr: int = 22050, duration_s: float, noise_db: float | None = -60.0, reverb: float = 0.1, seed: int = 0) -> np.ndarray:
    """Mono float32 audio of pitched notes: (time_s, velocity 0..1, timbre, freqs_hz, length_s, down) tuples.

    timbre is one of PART_TIMBRES; freqs are ignored for the drums; `down` is
    the strum direction. Loudness is velocity ** 2 as in `render`.
    """
    rng = np.random.default_rng(seed)
    out = np.zeros(int(duration_s * sr) + 1)
    for t0, vel, timbre, freqs, length_s, down in notes:
        start = int(round(t0 * sr))
        if start >= len(out) or start < 0:
            continue
        length_s = max(float(length_s), 0.05)
        if timbre == "bass":
            note = 1.2 * _bass(sr, rng, freqs[0], min(length_s, 1.5))
        elif timbre == "keys":
            note = _keys(sr, freqs, min(length_s + 0.1, 2.5), vel)
        elif timbre == "strum":
            note = _strum(sr, rng, freqs, min(length_s + 0.05, 1.5), down)
        elif timbre == "kick":
            note = 1.4 * _kick(sr, rng)
        elif timbre == "snare":
            note = _snare(sr, rng)
        elif timbre == "hat":
            note = 0.6 * _hat(sr, rng)
        else:
            raise ValueError(f"timbre must be one of {PART_TIMBRES}")
        note = note[: len(out) - start] * (float(vel) ** 2)
        out[start : start + len(note)] += note
    out = _room(out, sr, rng, reverb, noise_db)
    peak = np.abs(out).max()
    if peak > 0:
        out *= 0.9 / peak
    return out.astype(np.float32)


# Chords as scale degrees of a major key (I, ii, iii, IV, V, vi): semitones of root, third, fifth.
_CHORDS = {0: (0, 4, 7), 2: (2, 5, 9), 4: (4, 7, 11), 5: (5, 9, 12), 7: (7, 11, 14), 9: (9, 12, 16)}
_STRUMS = ([0, 4, 8, 12], [0, 4, 6, 10, 12, 14], [0, 2, 4, 6, 8, 10, 12, 14], [0, 6, 8, 12, 14], [0, 3, 6, 8, 12, 14], [0, 4, 6, 7, 10, 12, 14])
_COMPS = ([0, 4, 8, 12], [0, 6, 12], [0, 3, 6, 10, 12], [0, 2, 4, 8, 10, 12], [0, 8, 10, 14], [0, 4, 7, 10, 12])
PART_KINDS = ("bass", "strum", "keys", "mix")
BAND_KIND = "band"  # bass with guitar or keys, no drums: the input a producer gives (not in PART_KINDS' tempo set)


def _hz(midi):
    return 440.0 * 2 ** ((np.asarray(midi, np.float64) - 69) / 12)


def _allowed(steps, bpm):
    """Musicians play 16ths at slow tempos and 8ths at fast ones: keep steps of that grid."""
    if bpm >= 135:
        return [s for s in steps if s % 2 == 0]
    return list(steps)


def ramp_time(t, bpm: float, bpm_end: float, span_s: float):
    """Seconds of a take whose tempo ramps from `bpm` to `bpm_end` (linearly per beat over `span_s` steady
    seconds) for the steady take's seconds `t` at `bpm`: a live take that speeds up or slows down."""
    b = np.asarray(t, np.float64) * bpm / 60.0  # beats
    n = span_s * bpm / 60.0
    if abs(bpm_end - bpm) < 1e-9:
        return b * 60.0 / bpm
    slope = (bpm_end - bpm) / n  # BPM per beat
    return 60.0 / slope * np.log((bpm + slope * b) / bpm)


def make_part(kind: str, bpm: float, *, first_beat: int = 1, lead_s: float = 0.0, seconds: float = 24.0, seed: int = 0, sr: int = 22050,
              with_notes: bool = False, bpm_end: float | None = None, beats_per_bar: int = 4):
    """A made-up part and where its bars are: (audio, first_downbeat_s), and its notes when with_notes.

    kind: bass, strum (guitar), keys, mix (drums, bass and guitar or keys) or
    band (bass and guitar or keys). Notes are render_notes' tuples (time_s,
    velocity, timbre, freqs_hz, length_s, down).
    Chords change on bar lines (every bar, or every second bar), a bass plays
    the chord's root on beat 1, notes on beats are louder than between them,
    and timing has 8 ms of jitter. The part starts on beat `first_beat`
    (1-4) of a pickup bar, after `lead_s` seconds of silence; the returned
    time is bar 1's downbeat. With `bpm_end` the tempo ramps from `bpm` to
    it over the part (`ramp_time`; the part's beat k then sits at
    ramp_time(k * 60 / bpm, bpm, bpm_end, span_s) with span_s the steady
    part's length less its last second, the returned downbeat included).
    With `beats_per_bar` 3 it is a waltz: the same parts in bars of three
    beats (1-bar rhythms cut to 12 16ths; the drums play oom-pah-pah).
    """
    if kind not in PART_KINDS + (BAND_KIND,):
        raise ValueError(f"kind must be one of {PART_KINDS + (BAND_KIND,)}")
    rng = np.random.default_rng(seed)
    if beats_per_bar not in (3, 4):
        raise ValueError("beats_per_bar must be 3 or 4")
    spb = 4 * beats_per_bar  # 16ths a bar
    step_s = 60.0 / bpm / 4
    bar_s = spb * step_s
    if first_beat not in range(1, beats_per_bar + 1):
        raise ValueError(f"first_beat must be 1..{beats_per_bar}")
    downbeat = lead_s + (spb - 4 * (first_beat - 1)) % spb * step_s  # after the pickup's beats
    n_bars = max(6, int(np.ceil(seconds / bar_s)))
    key = int(rng.integers(0, 12))
    degrees = [0] + [int(d) for d in rng.choice([2, 4, 5, 7, 9], 3)]
    per_chord = 1 if rng.random() < 0.75 else 2
    chord_of = lambda bar: _CHORDS[degrees[(max(bar, 0) // per_chord) % 4]]  # noqa: E731

    def accent(step):
        base = 0.92 if step == 0 else 0.84 if step == 8 and spb == 16 else 0.8 if step % 4 == 0 else 0.68 if step % 2 == 0 else 0.58
        return float(np.clip(base + rng.uniform(-0.08, 0.06), 0.1, 1.0))

    notes = []

    def add(bar, step, timbre, freqs, length_steps, down=True, vel=None):
        if bar == 0 and step < 4 * (first_beat - 1):
            return  # before the pickup
        if first_beat == 1 and bar == 0:
            return
        t = downbeat + (bar - 1) * bar_s + step * step_s + rng.normal(0, 0.008)
        notes.append((max(t, 0.0), accent(step) if vel is None else vel, timbre, freqs, length_steps * step_s, down))

    def line(template, bar_variation=0.12):
        """A 1-bar rhythm repeated, a note dropped or added now and then; a pickup always starts on its beat."""
        bars = []
        for bar in range(0, n_bars + 1):
            steps = [s for s in template if (rng.random() > bar_variation or s == 0) and s < spb]
            if rng.random() < bar_variation:
                steps.append(int(rng.choice(_allowed(range(spb), bpm))))
            if bar == 0:
                steps.append(4 * (first_beat - 1))
            bars.append(sorted(set(steps)))
        return bars

    def bass_line():
        weights = np.array([0.0 if s == 0 else 0.6 if s == 8 and spb == 16 else 0.4 if s % 4 == 0 else 0.3 if s % 2 == 0 else 0.2
                            for s in range(spb)])
        cand = _allowed(range(1, spb), bpm)
        w = weights[cand] / weights[cand].sum()
        extra = rng.choice(cand, size=int(rng.integers(2, 6)), replace=False, p=w)
        template = sorted({0, *map(int, extra)})
        for bar, steps in enumerate(line(template)):
            root = 28 + (key + chord_of(bar)[0]) % 12  # E1..D#2
            for i, s in enumerate(steps):
                nxt = steps[i + 1] if i + 1 < len(steps) else spb
                pitch = root if s == 0 or rng.random() < 0.6 else root + int(rng.choice([7, 12]))
                add(bar, s, "bass", [float(_hz(pitch))], (nxt - s) * rng.uniform(0.6, 1.0))

    def guitar():
        template = _allowed(_STRUMS[int(rng.integers(0, len(_STRUMS)))], bpm)
        for bar, steps in enumerate(line(template)):
            chord = chord_of(bar)
            r = (key + chord[0]) % 12
            freqs = _hz([40 + r, 47 + r, 52 + r, 52 + r + chord[1] - chord[0], 59 + r])  # an open-position voicing
            for i, s in enumerate(steps):
                nxt = steps[i + 1] if i + 1 < len(steps) else spb
                add(bar, s, "strum", list(freqs), nxt - s, down=s % 4 == 0 or (s % 2 == 0 and rng.random() < 0.5))

    def keys():
        template = _allowed(_COMPS[int(rng.integers(0, len(_COMPS)))], bpm)
        for bar, steps in enumerate(line(template)):
            chord = chord_of(bar)
            freqs = list(_hz([60 + (key + c) % 12 for c in chord]))
            for i, s in enumerate(steps):
                nxt = steps[i + 1] if i + 1 < len(steps) else spb
                add(bar, s, "keys", freqs, (nxt - s) * 0.9)
            if bar > 0 or first_beat == 1:  # the left hand: the root on beat 1
                add(bar, 0, "keys", [float(_hz(36 + (key + chord[0]) % 12))], 8)

    def drums():
        hats = [s for s in _allowed(range(spb), bpm) if s % (2 if bpm >= 90 else 1) == 0] if rng.random() < 0.8 else list(range(0, spb, 4))
        kicks = sorted({0, 8, *map(int, rng.choice(_allowed([3, 6, 10, 11, 14], bpm), size=int(rng.integers(0, 3)), replace=False))})
        kicks = [k for k in kicks if k < spb and (spb == 16 or k not in (4, 8))]  # a waltz: kick on 1, snare on 2 and 3
        for bar in range(0, n_bars + 1):
            for s in hats:
                add(bar, s, "hat", [], 1, vel=0.5 + 0.25 * (s % 4 == 0) + rng.uniform(-0.1, 0.1))
            for s in kicks:
                add(bar, s, "kick", [], 4, vel=0.9 + rng.uniform(-0.05, 0.05))
            for s in ((4, 12) if spb == 16 else (4, 8)):
                add(bar, s, "snare", [], 4, vel=0.85 + rng.uniform(-0.05, 0.05))

    if kind == "bass":
        bass_line()
    elif kind == "strum":
        guitar()
    elif kind == "keys":
        keys()
    else:
        if kind == "mix":
            drums()
        bass_line()
        guitar() if rng.random() < 0.5 else keys()
    end = downbeat + n_bars * bar_s + 1.0
    if bpm_end is not None:
        span = end - 1.0
        warp = lambda t: float(ramp_time(t, bpm, bpm_end, span))  # noqa: E731
        notes = [(warp(t), v, tb, f, warp(t + ln) - warp(t), d) for t, v, tb, f, ln, d in notes]
        downbeat, end = warp(downbeat), warp(span) + 1.0
    audio = render_notes(notes, sr=sr, duration_s=end, seed=seed)
    return (audio, downbeat, notes) if with_notes else (audio, downbeat)


def make_loop(kind: str, bpm: float, *, bars: int = 1, repeats: int = 1, seed: int = 0, sr: int = 22050) -> np.ndarray:
    """A loop exported on the beat: `bars` bars of a `make_part` part cut on its bar lines, played `repeats` times.

    The bars are taken from the part's second bar on (its first may ring on from the pickup), so the file
    starts on a downbeat and is exactly bars * repeats bars long.
    """
    audio, downbeat = make_part(kind, bpm, seed=seed, sr=sr)
    bar = 240.0 / bpm
    start = int(round((downbeat + bar) * sr))
    one = audio[start : start + int(round(bars * bar * sr))]
    return np.tile(one, repeats)


# ---------------------------------------------------------------- a count-in before the part


def _tick(sr, rng, timbre, accent):
    """One count-in click: a metronome's short ping (higher on beat 1 when accented), or two sticks struck."""
    n = int(0.05 * sr)
    t = np.arange(n) / sr
    if timbre == "sticks":  # a woody knock: a 2 ms noise burst through a damped resonance
        burst = _lowpass(rng.standard_normal(n), sr, 5000.0) * np.exp(-t / 0.002)
        return 0.8 * burst + 0.6 * np.sin(2 * np.pi * 1900 * t) * np.exp(-t / 0.008)
    freq = 2400.0 if accent else 1800.0
    return 0.2 * rng.standard_normal(n) * np.exp(-t / 0.001) + np.sin(2 * np.pi * freq * t) * np.exp(-t / 0.01)


def with_count_in(audio, first_s: float, bpm: float, *, bars: int = 1, timbre: str = "click", level: float = 0.5,
                  accent: bool = True, sr: int = 22050, seed: int = 0):
    """`audio` with a count-in of 4 clicks a bar (`bars` bars) ending a beat before `first_s`, the part's first note.

    Silence is put before the audio where the count-in would start before 0.3 s; returns (audio, shift_s),
    shift_s the seconds the part moved later. timbre: click (a metronome) or sticks.
    """
    if timbre not in ("click", "sticks"):
        raise ValueError("timbre must be click or sticks")
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    clicks = first_s - 4 * bars * beat + beat * np.arange(4 * bars)
    shift = max(0.0, 0.3 - float(clicks[0]))
    pad = int(round(shift * sr))
    shift = pad / sr
    out = np.concatenate([np.zeros(pad), np.asarray(audio, np.float64)])
    for k, t0 in enumerate(clicks + shift):
        tick = _tick(sr, rng, timbre, accent and k % 4 == 0) * level * (1.0 if accent and k % 4 == 0 else 0.8)
        s = int(round(t0 * sr))
        tick = tick[: len(out) - s]
        out[s : s + len(tick)] += tick
    return np.clip(out, -1, 1).astype(np.float32), shift


# ---------------------------------------------------------------- how a take ends and opens, as recorded


def with_ring_out(audio, at_s: float, *, seconds: float = 6.0, tau_s: float = 1.5, trail_s: float = 0.0, sr: int = 22050):
    """`audio` cut at `at_s`, where a final chord (an open E, six strings) is struck and rings `seconds`, decaying
    with `tau_s`; the file ends there, the chord still ringing (trimmed at the song's end: -35 dB at 6 s and 1.5 s),
    then `trail_s` of digital silence (a bounce with a silent tail)."""
    t = np.arange(int(round(seconds * sr))) / sr
    chord = sum(np.sin(2 * np.pi * f * t) * 0.5**k for k, f in enumerate((82.4, 123.5, 164.8, 207.7, 246.9, 329.6)))
    chord = chord * np.exp(-t / tau_s) * np.minimum(t / 0.003, 1.0)
    pick = np.random.default_rng(len(t)).standard_normal(len(t)) * np.exp(-t / 0.004)  # the strings struck: a click
    chord = chord / np.abs(chord).max() + 0.5 * pick
    start = int(round(at_s * sr))
    out = np.zeros(start + len(chord) + int(round(trail_s * sr)))
    body = np.asarray(audio, np.float64)[:start]
    out[: len(body)] = body * np.minimum(1.0, (len(body) - np.arange(len(body))) / (0.02 * sr))  # damped for the chord
    out[start : start + len(chord)] += 0.6 * chord
    return (out * 0.9 / np.abs(out).max()).astype(np.float32)


def faded_in(audio, from_s: float, over_s: float, sr: int = 22050):
    """`audio` faded in linearly from silence at `from_s` to full level `over_s` later (a producer's fade-in)."""
    t = np.arange(len(audio)) / sr
    return (np.asarray(audio, np.float64) * np.clip((t - from_s) / over_s, 0.0, 1.0)).astype(np.float32)


def guitar_take(bpm: float, *, bars: int = 10, lead_s: float = 0.5, chug: bool = False, gaps_s=(0.010, 0.030), seed: int = 0,
                sr: int = 22050):
    """A guitar part in 8ths from bar 1 at `lead_s`: (audio, strokes' onset times). Strummed: six strings `gaps_s` apart,
    down on the beats, up between (some up strokes missed), the chord changing each bar; chug: a palm-muted power
    chord on every 8th (three strings 2-6 ms apart, dark and damped within 50 ms), the beats louder."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    out = np.zeros(int((lead_s + bars * 4 * beat + 2.0) * sr))
    chords = ((40, 47, 52, 56, 59, 64), (45, 52, 57, 61, 64, 69), (38, 45, 50, 54, 57, 62), (43, 47, 50, 55, 59, 67))
    onsets = []
    for bar in range(bars):
        shape = chords[bar % len(chords)]
        for eighth in range(8):
            down = eighth % 2 == 0
            if not chug and not down and rng.random() < 0.35:
                continue
            t0 = max(0.0, lead_s + (bar * 4 + eighth / 2) * beat + rng.normal(0, 0.006))
            pitches = (shape[0], shape[1], shape[0] + 12) if chug else shape
            gap = rng.uniform(0.002, 0.006) if chug else rng.uniform(*gaps_s)
            length = 0.12 if chug else beat / 2 + 0.05
            vel = (0.9 if down else 0.7) if chug else (0.9 if eighth == 0 else 0.8 if down else 0.55)
            for i, p in enumerate(pitches if down else pitches[::-1]):
                y = _pluck(sr, rng, float(_hz(p)), length_s=length + 0.05)[: int(length * sr)]
                if chug:
                    y = _lowpass(y, sr, 900.0) * np.exp(-np.arange(len(y)) / sr / 0.05)
                y = y * np.minimum(1.0, (len(y) - np.arange(len(y))) / (0.01 * sr))  # the next stroke damps it
                s = int((t0 + i * gap) * sr)
                out[s : s + len(y)] += y[: len(out) - s] * vel * (1.0 if down else 0.7)
            onsets.append(t0)
    out = _room(out, sr, rng, 0.1, -60.0)
    return (out * 0.9 / np.abs(out).max()).astype(np.float32), np.array(onsets)


def tempo_change_time(t, bpm: float, bpm_after: float, at_beat: float):
    """Seconds of a take that changes tempo from `bpm` to `bpm_after` at its beat `at_beat` (a new section at
    another tempo) for the steady take's seconds `t` at `bpm`."""
    b = np.asarray(t, np.float64) * bpm / 60.0
    return np.where(b < at_beat, b * 60.0 / bpm, at_beat * 60.0 / bpm + (b - at_beat) * 60.0 / bpm_after)


def long_take(kind: str, bpm: float, seconds: float, *, bpm_end: float | None = None, change_to: float | None = None,
              lead_s: float = 1.41, seed: int = 0, sr: int = 22050):
    """A long `make_part` take from bar 1 at `lead_s`: (audio, its played beat times s from bar 1 to its last bar).
    Steady; drifting from `bpm` to `bpm_end` (`ramp_time`); or, with `change_to`, at `bpm` up to the bar line
    nearest the middle and at `change_to` from there (`tempo_change_time`)."""
    if change_to is None:
        audio, _, notes = make_part(kind, bpm, lead_s=lead_s, seconds=seconds, seed=seed, sr=sr, with_notes=True,
                                    bpm_end=bpm_end)
    else:
        _, _, notes = make_part(kind, bpm, lead_s=lead_s, seconds=seconds, seed=seed, sr=1000, with_notes=True)
    n_bars = max(6, int(np.ceil(seconds / (240.0 / bpm))))
    steady_beats = lead_s + np.arange(n_bars * 4 + 1) * 60.0 / bpm  # bar 1's downbeat to the last bar's end
    span = steady_beats[-1]
    if bpm_end is not None:
        return audio, ramp_time(steady_beats, bpm, bpm_end, span)
    if change_to is None:
        return audio, steady_beats
    at_beat = lead_s * bpm / 60.0 + 4 * round(n_bars / 2)
    warp = lambda t: float(tempo_change_time(t, bpm, change_to, at_beat))  # noqa: E731
    notes = [(warp(t), v, tb, f, warp(t + ln) - warp(t), d) for t, v, tb, f, ln, d in notes]
    audio = render_notes(notes, sr=sr, duration_s=warp(span) + 1.0, seed=seed)
    return audio, tempo_change_time(steady_beats, bpm, change_to, at_beat)


def drum_beats_s(content, n: int) -> np.ndarray:
    """Seconds of the drums' first `n` beats from bar 1 under the content's (beat, bpm) tempo map."""
    beats = content.time_signatures[0][0] + np.arange(n, dtype=np.float64)
    starts = np.array([b for b, _ in content.tempos])
    spb = np.array([60.0 / t for _, t in content.tempos])
    at = np.concatenate([[0.0], np.cumsum(np.diff(starts) * spb[:-1])])  # seconds where each tempo starts
    i = np.searchsorted(starts, beats, side="right") - 1
    return at[i] + (beats - starts[i]) * spb[i]
