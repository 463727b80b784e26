"""A new layer coming into an audio take: the band growing fuller on a phrase, heard from its spectrum.

A MIDI file's parts joining start a section (sections.layer_sections, joining_parts.py, part_swap_sections.py,
busy_part_sections.py: they count Windows.parts). An audio take is one part to them (its onsets are one note
stream, core/audio.py), so the pad and the lead coming in over a bass had been heard as nothing: no fill into
it, no crash on it (freedoom's d_dm05 rendered, true tempo given: one loop 19 times, where its drummer crashes on
bar 17). Here the take's level in BANDS log-spaced frequency bands, bar by bar: where BANDS_RISING or more of
them rise RISE_DB or more over a phrase's LAYER_BARS against the LAYER_BARS before it, a layer came in.
On 30 freedoom songs rendered at their pitches (32-40 bars, true tempo and bar 1 given) it adds 22 sections, 19 of
them a section of the MIDI path or a crash of the song's drummer (10 songs not used for tuning: 7 of 8).

How the take reaches the rule: read_audio (for drums) reads its band levels on the beat axis (`beat_bands`:
AudioContent.band_levels; made in the onset envelope's pass over the file, `BandReader`); extract_windows lays them on each window's steps (`window_bands`:
Windows.band_levels), which the engine hands to the section rules with the windows' other parts (played_part ->
phrases.part_sections -> `heard_layers`). A MIDI file has none (its parts are counted instead).
"""

from __future__ import annotations

import math
import os
from typing import NamedTuple, Sequence

import numpy as np

from .loop import STEPS, STEPS_PER_BEAT

BANDS = 10  # log-spaced bands from LOW_HZ to HIGH_HZ (capped under Nyquist)
LOW_HZ, HIGH_HZ = 40.0, 12000.0
FRAME_S = 0.046  # a 46 ms spectrum every 92 ms: a bar's level is a mean over ten or more of them
LAYER_BARS = 4  # a phrase's bars after the bar against the as many before it
RISE_DB = 3.0  # a band rising this much over the phrase ...
BANDS_RISING = 3  # ... in this many bands or more: a layer came in (R8: 6 of 8 joins, 17 of 22 phrase bars true)
STEP_SHARE = 0.5  # ... at least this share of it on the bar itself, at most this share the bar before
FLOOR_DB = 60.0  # bands more than this under the take's loudest band-bar are floored there (silence is no layer)


class BandReader:
    """`band_levels`' analysis fed block by block: the file's (frames, channels) float32 blocks as read_blocks gives
    them, from whatever read, cut again into band_levels' own blocks (`block_frames`) and mixed and analysed as it
    does them, so the onset envelope's read (core/audio_envelope.py, `bands=True`) gives the levels a read of their
    own gives, to the bit, without reading the file again."""

    def __init__(self, sr: int, channels: int):
        from .audio_read import Downmix

        self.sr = int(sr)
        n = self.n = max(64, 1 << int(round(math.log2(FRAME_S * sr))))  # a power of two: a fast FFT (43-46 ms)
        self.block_frames = 64 * n
        freqs = np.fft.rfftfreq(n, 1.0 / sr)
        edges = np.geomspace(LOW_HZ, min(HIGH_HZ, 0.45 * sr), BANDS + 1)
        band = np.searchsorted(edges, freqs, side="right") - 1  # each bin's band, -1 / BANDS outside
        mean = (band[:, None] == np.arange(BANDS)[None, :]).astype(np.float32)  # (bins, BANDS): a band's mean
        mean /= np.maximum(mean.sum(0), 1.0)
        self.mean = mean
        self.window = np.hanning(n).astype(np.float32)
        self.mix, self.rows, self.held = Downmix(channels), [], np.zeros(0, np.float32)
        self.pending: list[np.ndarray] = []  # blocks fed, not yet a whole block_frames
        self.waiting = 0

    def feed(self, block: np.ndarray) -> None:
        """Take the next (frames, channels) float32 samples of the file."""
        self.pending.append(block)
        self.waiting += len(block)
        if self.waiting >= self.block_frames:
            joined = np.concatenate(self.pending)
            whole = len(joined) // self.block_frames * self.block_frames
            for at in range(0, whole, self.block_frames):
                self.block(joined[at:at + self.block_frames])
            self.pending = [joined[whole:]] if whole < len(joined) else []
            self.waiting = len(joined) - whole

    def block(self, block: np.ndarray) -> None:
        """Analyse one of band_levels' blocks (its own read's, as read_blocks gives them)."""
        n = self.n
        self.held = np.concatenate([self.held, self.mix(block)])
        k = len(self.held) // (2 * n)  # every other frame: a bar's mean needs no more, at half the cost
        if k:
            spec = np.abs(np.fft.rfft(self.held[:2 * k * n].reshape(k, 2 * n)[:, :n] * self.window, axis=1)) ** 2
            self.rows.append(spec.astype(np.float32) @ self.mean)
            self.held = self.held[2 * k * n:]

    def levels(self) -> tuple[np.ndarray, np.ndarray]:
        """(frame times in s, (frames, BANDS) power in dB) of what was fed (the file's last, short block with it)."""
        if self.pending:
            self.block(np.concatenate(self.pending))
            self.pending, self.waiting = [], 0
        power = np.concatenate(self.rows) if self.rows else np.zeros((0, BANDS))
        times = (2 * np.arange(len(power)) + 0.5) * self.n / self.sr
        return times, (10.0 * np.log10(power + 1e-12)).astype(np.float32)


def band_levels(path: str) -> tuple[np.ndarray, np.ndarray]:
    """(frame times in s, (frames, BANDS) power in dB) of a file, streamed (bounded memory: 40 bytes a frame, 1.6 MB
    an hour)."""
    from .audio_read import Damage, open_audio, read_blocks
    from .errors import InputFileError
    from .native_stderr import quiet_mpg123

    # (a damaged MP3's decoder notes, said once by the onset envelope's read: not again on the user's console)
    with quiet_mpg123(os.fspath(path).lower().endswith(".mp3")), open_audio(path, InputFileError) as f:
        reader = BandReader(int(f.samplerate), f.channels)
        for block in read_blocks(f, reader.block_frames, Damage()):
            reader.block(block)
    return reader.levels()


def beat_bands(path: str, to_beats, read: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """(each frame's centre in beats, (frames, BANDS) dB): `band_levels` of a take on its beat axis (`to_beats`:
    read_audio's seconds -> beats); None where the file can no longer be read. `read`: its band_levels already
    read (Envelope.bands, from the onset envelope's pass): the file is not read again."""
    from .errors import InputFileError

    try:
        times, levels = band_levels(path) if read is None else read
    except (OSError, RuntimeError, InputFileError):  # (the file changed since its onsets were read): no layer heard,
        return None  # the take still drummed
    return np.asarray(to_beats(times), np.float64).reshape(-1), levels


class StepBands(NamedTuple):
    """An audio take's band levels on the windows' steps (Windows.band_levels): a bar's level is the mean of the
    frames on its steps (as the thresholds were set), so each step keeps their sum and count (a 16th holds one or
    two 92 ms frames: the mean of the steps' means weighs them otherwise)."""

    power: np.ndarray  # (W, STEPS, BANDS) the summed power of the frames on each step
    frames: np.ndarray  # (W, STEPS) how many frames fall on each step


def window_bands(bands: tuple[np.ndarray, np.ndarray] | None, starts) -> StepBands | None:
    """The take's frames (`beat_bands`) on each window's steps; None without `bands` (a MIDI file)."""
    if bands is None:
        return None
    beats, levels = bands
    starts = np.asarray(starts, np.float64)
    power = 10.0 ** (np.asarray(levels, np.float64) / 10.0)
    sums = np.zeros((len(starts), STEPS, BANDS))
    n = np.zeros((len(starts), STEPS), np.int32)
    for w, start in enumerate(starts):  # (windows of odd meters overlap: each gets its own steps)
        step = np.floor((beats - start) * STEPS_PER_BEAT).astype(np.int64)
        on = (step >= 0) & (step < STEPS)
        np.add.at(sums[w], step[on], power[on])
        n[w] += np.bincount(step[on], minlength=STEPS).astype(np.int32)
    return StepBands(sums, n)


def bar_levels(bands: StepBands, played) -> np.ndarray:
    """(bars, BANDS) dB: the take's mean band power over the frames of each bar `played` ((window, its beats) as
    sections.played_bars gives them), floored FLOOR_DB under its loudest."""
    out = np.full((len(played), BANDS), -120.0)
    for k, (w, beats) in enumerate(played):
        steps = slice(beats[0].start, beats[-1].start + beats[-1].length)
        n = int(bands.frames[w, steps].sum())
        if n:
            out[k] = 10.0 * np.log10(bands.power[w, steps].sum(0) / n + 1e-12)
    return np.maximum(out, out.max() - FLOOR_DB) if out.size else out


def heard_layers(band_levels, bars, meters, starts, end, near: Sequence[int], phrase_start=None,
                 back: Sequence[int] = ()) -> dict[int, float]:
    """{bar: the band's rise in dB (summed over the bands rising)} where a new layer comes into an audio take on
    one of its 4-bar phrases (BANDS_RISING bands up RISE_DB over LAYER_BARS bars), the phrase's bars after it and
    before it played whole, away from the sections heard (`near`: sections.SECTION_MIN_BARS). band_levels:
    Windows.band_levels; {} where there are none (a MIDI part, MIDI items in REAPER)."""
    from .sections import SECTION_MIN_BARS, _on_phrase, _phrase_grid, played_bars

    if band_levels is None or not len(bars):
        return {}
    played = list(played_bars(np.asarray(bars), meters, starts, end))
    if len(played) < 2 * LAYER_BARS + 1:
        return {}
    numbers = [bar for _, bar, _ in played]
    levels = bar_levels(band_levels, [(w, beats) for w, _, beats in played])
    grid = _phrase_grid(np.asarray(bars), phrase_start, back)
    out: dict[int, float] = {}
    for i in range(LAYER_BARS, len(numbers) - LAYER_BARS + 1):
        b = numbers[i]
        if numbers[i + LAYER_BARS - 1] - numbers[i - LAYER_BARS] != 2 * LAYER_BARS - 1 or not _on_phrase(b, grid):
            continue  # whole bars either side, in order (no gap between windows)
        before = levels[i - LAYER_BARS:i].mean(0)
        rise = levels[i:i + LAYER_BARS].mean(0) - before
        up = rise >= RISE_DB
        if up.sum() < BANDS_RISING:
            continue
        # the layer comes in on the bar: its bands have risen half their rise there, not yet in the bar before (a
        # lead coming in a bar early, a build over the phrase: of the 7 bars of 20 freedoom renders this leaves
        # out, 6 were neither a section of the MIDI path nor a crash of the song's drummer)
        on_bar = (levels[i] - before)[up].mean() / rise[up].mean()
        early = (levels[i - 1] - before)[up].mean() / rise[up].mean()
        if on_bar >= STEP_SHARE and early <= STEP_SHARE and \
                all(abs(b - k) >= SECTION_MIN_BARS for k in (*near, *out)):
            out[b] = round(float(np.clip(rise, 0, None).sum()), 1)
    return out


__all__ = ["BandReader", "heard_layers", "beat_bands", "window_bands", "StepBands", "band_levels", "bar_levels", "BANDS", "RISE_DB",
           "BANDS_RISING"]
