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
  starting over a loud one rises mostly in the upper bands. It is computed here block by block with librosa's mel
  filters, so frames continue seamlessly across blocks.
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

Only numpy is imported at module level; soundfile, scipy and librosa are
imported when audio is actually read, so `reagroove.core` stays light.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .audio_drift import drift_map, map_tempos
from .audio_floor import quiet_gain_db, without_count_in
from .audio_meter import beats_per_bar as triple_or_not
from .audio_pick import Onsets, level_to_velocity, pick_peaks
from .audio_read import Damage, Downmix, open_audio, read_blocks
from .audio_tempo import TEMPO_WINDOW_S, estimate_meter
from .errors import InputFileError
from .midi import MidiContent, Notes
from .native_stderr import quiet_mpg123
from .wav_header import declared_aiff_seconds, declared_wav_seconds

# libsndfile reads them all; .bwf (broadcast WAV), .rf64/.w64 (WAVs over 4 GB), .caf (Logic) and .opus were
# refused as "not a Standard MIDI File" for their names alone.
AUDIO_SUFFIXES = (".wav", ".wave", ".bwf", ".rf64", ".w64", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".aif", ".aiff", ".aifc",
                  ".caf")
# Onsets become notes of this pitch (any pitch works: grooves ignore pitch).
ONSET_PITCH = 60
# Beyond this the file is surely not a take (and the envelope alone would pass 130 MB).
MAX_AUDIO_SECONDS = 12 * 3600
LOW_HZ = 200.0  # mel bands below this carry the bass and the kick
MIN_TEMPO_ONSETS = 4  # fewer onsets tell no tempo (the estimator needs a few beats' worth)
BASS_ONSET_PITCH = 36  # the low bands' onsets become notes of this pitch (below groove.BASS_MEDIAN_PITCH)
# Bits of integer formats whose quantization noise can pass the log floor (16 bits and more stay under it).
# An 8-bit file's noise (-53 dBFS) follows the signal, so in the upper bands it comes and goes as notes ring:
# its rises read as soft notes (a bass DI got 22 onsets nobody played to 49 notes). It is floored per band.
# 16 and 24 bits matter only in a quiet take read with its gain raised (core/audio_floor.py): at -60 dBFS a
# 16-bit file's noise is 40 dB under its notes, as an 8-bit one's is at full scale.
QUANT_BITS = {"PCM_S8": 8, "PCM_U8": 8, "DPCM_8": 8, "ALAW": 13, "ULAW": 14, "PCM_16": 16, "DPCM_16": 16, "PCM_24": 24}
QUANT_MARGIN_DB = 4.0  # the floor this far above the noise's mean band power: most of its swings stay under it (8 dB lost soft notes)
# Companded and ADPCM files carry noise that scales with the signal (35-45 dB under it, white): in the dark
# upper bands of a bass or keys part it comes and goes with the notes and read as soft notes (a bass line
# as IMA ADPCM got 52 onsets nobody played to 61 notes, MS ADPCM 93, A-law 5). Those files' bands are floored
# per frame at the frame's power less this many dB, spread as white noise.
CODEC_SNR_DB = {"ULAW": 30.0, "ALAW": 30.0, "IMA_ADPCM": 30.0, "MS_ADPCM": 26.0, "VOX_ADPCM": 30.0, "G721_32": 30.0,
                "G723_24": 24.0, "G723_40": 30.0, "NMS_ADPCM_16": 24.0, "NMS_ADPCM_24": 27.0, "NMS_ADPCM_32": 30.0}


class AudioFileError(InputFileError):
    """An audio file that cannot be read or holds nothing to follow."""


@dataclass(frozen=True)
class OnsetParams:
    """Detector settings; the defaults come from benchmarks/bench_audio.py."""

    frame_s: float = 0.046  # analysis window (2028 samples at 44.1 kHz)
    hop_s: float = 0.005  # envelope resolution: 5 ms
    n_mels: int = 80
    fmin: float = 30.0
    fmax: float = 11000.0  # capped at Nyquist for low sample rates
    lag: int = 2  # frames between the compared spectra (10 ms)
    max_size: int = 3  # mel bands in the maximum filter (SuperFlux)
    ref_s: float = 0.01  # and over this much time before the compared frame
    floor_db: float = -90.0  # log floor: digital silence is this loud
    band_tilt: float = 2.0  # band k of the flux weighs (k + 1) ** tilt: attacks live in the upper bands
    pre_max_s: float = 0.015  # a peak is the largest within -15..+15 ms
    post_max_s: float = 0.015
    pre_avg_s: float = 0.1  # ... and above the mean of -100..+70 ms
    post_avg_s: float = 0.07
    delta_abs: float = 0.3  # threshold above that mean, dB of weighted band rise: noise stays below
    delta_rel: float = 0.03  # ... or this part of the file's loud onsets, whichever is larger
    wait_s: float = 0.015  # minimum distance between onsets
    gate_db: float = 45.0  # onsets quieter than the loud ones by more than this are dropped
    min_level_db: float = -70.0  # ... and any below this (dBFS in a band): hiss is not a note
    latency_s: float = 0.0  # constant correction of onset times (measured on the benchmark)
    # Onsets whose level climbs this much (dB) after the flux peak are attacks out of quiet: moved later by
    # up to attack_shift_s (measured on tests/audio_synth.py's clicks, plucks, strums and drums: 9-12 ms early).
    attack_climb_db: tuple = (3.0, 9.0)
    attack_shift_s: float = 0.011
    # A low note rising over a ringing one (a held bass, legato) peaks in the flux late instead: its rise only
    # dominates the window once the window's centre is past the attack, and the flux's lag puts the rise at
    # its end (held bass lines read 8-10 ms late). Such onsets are moved earlier by low_note_shift_s (pick_onsets).
    low_note_shift_s: float = 0.009
    low_note_new_db: float = 5.0  # ... when the level stands this far over the 15-40 ms before (a note, not a ripple)
    velocity_window_s: float = 0.04  # loudness is read in this window after the onset
    # The bass part: onsets of the mel bands centred below bass_hz (a bass note's or kick's attack).
    bass_hz: float = 200.0  # = LOW_HZ; 100-150 Hz (one or two bands) lost precision on the benchmark
    bass_delta_abs: float = 2.0  # dB of mean low-band rise above its moving average
    bass_delta_rel: float = 0.1  # ... or this part of the file's loud low onsets
    bass_wait_s: float = 0.06  # a low note's attack ripples for a period or two: one onset
    bass_gate_db: float = 30.0  # low onsets quieter than the loud ones by more than this are dropped


DEFAULT_PARAMS = OnsetParams()


@dataclass
class Envelope:
    """The onset envelope of a file: one value per hop, frame k centred at k * hop / sr."""

    flux: np.ndarray  # float32, weighted mean rise of log-mel bands (dB)
    level: np.ndarray  # float32, loudest mel band (dB)
    sample_rate: int
    hop: int  # samples
    channels: int
    duration_s: float
    # For tempo and bar 1, over the first TEMPO_WINDOW_S only (bounded memory):
    chroma: np.ndarray | None = None  # float32 (frames, 12), pitch-class magnitudes
    low: np.ndarray | None = None  # float32, mean rise of the mel bands below LOW_HZ (bass, kick)
    # For the bass part, over the whole file (float32 per hop: 2 x 2.9 MB per hour at 5 ms):
    bass_flux: np.ndarray | None = None  # mean rise of the mel bands centred below params.bass_hz (dB)
    bass_level: np.ndarray | None = None  # loudest of those bands (dB)
    declared_s: float | None = None  # the length the decoder announced (more than duration_s when cut short)
    notes: list = field(default_factory=list)  # what the user should know about reading it (damage)
    damaged: bool = False  # a decoding error cut or skipped some audio (its note says where)
    floor_db: float = DEFAULT_PARAMS.floor_db  # the loudest band's level in digital silence (8-bit files: their noise)
    gain_db: float = 0.0  # a quiet take's gain, raised before analysis: levels here are the file's dBFS plus this

    @property
    def fps(self) -> float:
        return self.sample_rate / self.hop


@dataclass
class AudioContent(MidiContent):
    """A MidiContent read from audio: onsets as notes, plus how the grid was set."""

    start_s: float = 0.0  # seconds of bar 1 in the file (beats count from the file's start)
    bpm_estimated: bool = False
    start_estimated: bool = False
    onsets: Onsets | None = None
    # `bass_part` (MidiContent's): the low bands' onsets as notes at BASS_ONSET_PITCH on
    # track 1, for Windows.bass. Kept apart from `notes` so the groove is the all-band
    # onsets' alone: a low onset and an all-band onset on one step would otherwise mix
    # two loudness scales there.


def is_audio_path(path: str | os.PathLike) -> bool:
    return os.fspath(path).lower().endswith(AUDIO_SUFFIXES)


# ---------------------------------------------------------------- reading and the envelope


def _sizes(sr: int, params: OnsetParams) -> tuple[int, int]:
    """(n_fft, hop) in samples for this sample rate: the same times at every rate."""
    # Even, not a power of two: a power of two would make the window 43 ms at
    # 48 kHz and 46 ms at 44.1 kHz, and a low bass's ripple differs with it.
    n_fft = max(64, 2 * int(round(params.frame_s * sr / 2)))
    hop = max(1, int(round(params.hop_s * sr)))
    return n_fft, hop


def _quant_floor(f, window: np.ndarray, scale, mel: np.ndarray) -> np.ndarray | float:
    """Per mel band, the power of an integer file's quantization noise plus QUANT_MARGIN_DB (0 where negligible)."""
    bits = QUANT_BITS.get(getattr(f, "subtype", None))
    if bits is None:
        return 0.0
    var = (2.0 ** (1 - bits)) ** 2 / 12  # a step of 2 / 2**bits over -1..1, uniform error
    per_bin = var * float(np.sum(window.astype(np.float64) ** 2)) * float(scale)  # white noise through the window
    return per_bin * mel.sum(axis=0) * 10 ** (QUANT_MARGIN_DB / 10)


def onset_envelope(path: str | os.PathLike, params: OnsetParams = DEFAULT_PARAMS, *, block_frames: int = 256,
                   progress=None) -> Envelope:
    """Stream a file block by block into its onset envelope (bounded memory).

    progress(seconds_read, seconds_total), if given, is called after each block (a long file shows a bar).
    A quiet take (core/audio_floor.py) is read again with its gain raised, as if normalised: the fixed
    floors (params.floor_db, min_level_db) lost its soft notes, or all of them at -60 dBFS.

    Raises AudioFileError for a missing, unreadable or corrupt file.
    """
    env = _envelope(path, params, block_frames, progress, 0.0)
    gain_db = quiet_gain_db(env.level, env.floor_db)
    return _envelope(path, params, block_frames, progress, gain_db) if gain_db > 0 else env


def _envelope(path, params: OnsetParams, block_frames: int, progress, gain_db: float) -> Envelope:
    """onset_envelope's one pass over the file, its samples raised by `gain_db`."""
    import librosa.filters
    from scipy.ndimage import maximum_filter1d

    path = os.fspath(path)
    with quiet_mpg123(path.lower().endswith(".mp3")), open_audio(path, AudioFileError) as f:
        sr, channels, total = int(f.samplerate), int(f.channels), int(f.frames)
        if total <= 0:
            raise AudioFileError(path, "holds no audio (zero samples)")
        if total / sr > MAX_AUDIO_SECONDS:
            raise AudioFileError(path, f"is {total / sr / 3600:.1f} hours long; ReaGroove reads up to {MAX_AUDIO_SECONDS // 3600} hours")
        n_fft, hop = _sizes(sr, params)
        fmax = min(params.fmax, sr / 2)
        n_mels = max(16, min(params.n_mels, int(params.n_mels * fmax / params.fmax)))
        mel = librosa.filters.mel(sr=sr, n_fft=n_fft, n_mels=n_mels, fmin=min(params.fmin, fmax / 4), fmax=fmax, norm=None)
        mel = mel.astype(np.float32).T  # (bins, mels)
        window = np.hanning(n_fft + 1)[:n_fft].astype(np.float32)
        # Power scaled so a full-scale sine peaks near 0 dB in its band.
        scale = np.float32((2.0 / window.sum()) ** 2)
        n_frames = -(-total // hop)
        flux = np.zeros(n_frames, np.float32)
        gain = np.float32(10 ** (gain_db / 20))  # the quantization noise is raised with the samples; digital silence is not
        floor = np.maximum(np.full(n_mels, 10 ** (params.floor_db / 10)), _quant_floor(f, window, scale, mel) * gain**2).astype(np.float32)
        floor_db = 10.0 * np.log10(floor)  # per band: what digital silence reads as
        snr = CODEC_SNR_DB.get(getattr(f, "subtype", None))
        # Per band, the white noise of a frame whose windowed samples' energy is 1, at the codec's SNR.
        codec = None if snr is None else (scale * mel.sum(axis=0) * 10 ** (-snr / 10)).astype(np.float32)
        level = np.full(n_frames, floor_db.max(), np.float32)
        buf = np.zeros(n_fft // 2, np.float32)  # centre padding (the first sample's value): frame k is centred on sample k*hop
        done = 0  # frames computed
        read = 0  # samples read

        # The reference for frame t is the max over frames t-lag-span..t-lag of
        # the frequency-max-filtered spectrum; a span of ~a pitch period keeps
        # low notes' per-period ripple (a bass saw's edge) from reading as onsets.
        span = int(round(params.ref_s * sr / hop))
        back = params.lag + span
        n_bass = max(1, int(np.sum(librosa.mel_frequencies(n_mels=n_mels + 2, fmin=min(params.fmin, fmax / 4), fmax=fmax)[1:-1] < params.bass_hz)))
        # The low bands' own reference is unfiltered across bands (last n_bass columns): with
        # 3-4 bands below 200 Hz, SuperFlux's band maximum would let one ringing low note
        # (a guitar's low string) hide a bass note's attack in the next band.
        hist = np.tile(np.concatenate([floor_db, floor_db[:n_bass]]), (back, 1))  # the file starts from silence
        # The flux is a weighted mean of the band rises, tilted to the upper
        # bands: a pluck's or a bass's attack is broadband while a ringing
        # note is dark, so a soft note over a loud one shows up there.
        band_w = (np.arange(n_mels, dtype=np.float32) + 1) ** np.float32(params.band_tilt)
        band_w /= band_w.sum()
        # Tempo cues over the opening stretch: pitch classes (harmony changes on
        # bar lines) and the rise of the low bands (bass and kick on beat 1).
        n_cue = min(n_frames, int(TEMPO_WINDOW_S * sr / hop) + 1)
        chroma_fb = librosa.filters.chroma(sr=sr, n_fft=n_fft).astype(np.float32).T  # (bins, 12)
        chroma = np.zeros((n_cue, 12), np.float32)
        low = np.zeros(n_cue, np.float32)
        mel_hz = librosa.mel_frequencies(n_mels=n_mels + 2, fmin=min(params.fmin, fmax / 4), fmax=fmax)[1:-1]
        n_low = max(1, int(np.sum(mel_hz < LOW_HZ)))
        bass_flux = np.zeros(n_frames, np.float32)
        bass_level = np.full(n_frames, floor_db[:n_bass].max(), np.float32)

        def process(buf: np.ndarray, n: int) -> None:
            nonlocal hist, done
            frames = np.lib.stride_tricks.sliding_window_view(buf, n_fft)[: n * hop : hop]
            framed = frames * window
            spec = np.abs(np.fft.rfft(framed, axis=1).astype(np.complex64)) ** 2
            low_bound = floor if codec is None else np.maximum(floor, np.einsum("ij,ij->i", framed, framed)[:, None] * codec)
            logmel = 10.0 * np.log10(np.maximum(spec @ mel * scale, low_bound))
            filt = maximum_filter1d(logmel, size=params.max_size, axis=1) if params.max_size > 1 else logmel
            both = np.concatenate([hist, np.concatenate([filt, logmel[:, :n_bass]], axis=1)])
            ref = both[span : span + n]
            for s in range(1, span + 1):
                ref = np.maximum(ref, both[span - s : span - s + n])
            rise = np.maximum(logmel - ref[:, :n_mels], 0.0)
            flux[done : done + n] = rise @ band_w
            m = min(n, n_cue - done)
            if m > 0:
                chroma[done : done + m] = np.sqrt(spec[:m]) @ chroma_fb
                low[done : done + m] = rise[:m, :n_low].mean(axis=1)
            level[done : done + n] = logmel.max(axis=1)
            bass_flux[done : done + n] = np.maximum(logmel[:, :n_bass] - ref[:, n_mels:], 0.0).mean(axis=1)
            bass_level[done : done + n] = logmel[:, :n_bass].max(axis=1)
            hist = both[-back:]
            done += n

        damage = Damage(getattr(f, "notes", ()))  # a WAV read past its header's size says so
        mix = Downmix(channels)
        for block in read_blocks(f, block_frames * hop, damage):
            read += len(block)
            if progress is not None:
                progress(read / sr, total / sr)
            mono = mix(block) * gain  # before the file and after it, its first and last samples: a DC offset makes no step there
            buf = np.concatenate([np.full_like(buf, mono[0]) if read == len(block) else buf, mono])
            n = min((len(buf) - n_fft) // hop + 1, n_frames - done)
            if n > 0:
                process(buf, n)
                buf = buf[n * hop :]
        if read == 0:
            if damage:
                raise AudioFileError(path, f"audio data is corrupt from the start ({damage.reason})")
            raise AudioFileError(path, "holds no audio data (truncated?)")
        buf = np.concatenate([buf, np.full(n_fft, buf[-1], np.float32)])  # the last frames reach past the end
        n = min((len(buf) - n_fft) // hop + 1, n_frames - done, -(-read // hop) - done)
        if n > 0:
            process(buf, n)
        n_frames = done
    n_cue = min(n_cue, n_frames)
    return Envelope(flux[:n_frames], level[:n_frames], sr, hop, channels, read / sr, chroma[:n_cue], low[:n_cue], bass_flux[:n_frames],
                    bass_level[:n_frames], total / sr, damage.notes(), bool(damage), float(floor_db.max()), gain_db)


def pick_onsets(env: Envelope, params: OnsetParams = DEFAULT_PARAMS) -> Onsets:
    """Onsets (time, strength, velocity) from an envelope."""
    onsets = pick_peaks(env, env.flux, env.level, params, params.delta_abs, params.delta_rel, params.wait_s, params.gate_db)
    low_notes = params.low_note_shift_s and env.bass_flux is not None and len(onsets.times)
    return _low_notes_earlier(env, params, onsets) if low_notes else onsets


def _low_notes_earlier(env: Envelope, params: OnsetParams, onsets: Onsets) -> Onsets:
    """`onsets` with each low note over a ringing one moved earlier by params.low_note_shift_s: left alone by the
    attack shift (its level barely climbs after the flux peak), its loudest band low, the low bands rising with
    it and something new sounding. A sharp attack, a hat over a ringing bass and a held chord's ripple stay."""
    from dataclasses import replace

    # The same peaks without the attack shift: which onsets it left where the flux peaked, and that frame.
    plain = pick_peaks(env, env.flux, env.level, replace(params, attack_shift_s=0.0), params.delta_abs, params.delta_rel,
                       params.wait_s, params.gate_db)
    if len(plain.times) != len(onsets.times):  # never expected: the shift moves no peak
        return onsets
    n, vw = len(env.level), max(1, int(round(params.velocity_window_s * env.fps)))
    idx = np.clip(np.round((plain.times + params.latency_s) * env.fps).astype(np.int64), 0, n - 1)
    at = lambda lo, hi: np.clip(idx[:, None] + np.arange(lo, hi), 0, n - 1)  # noqa: E731
    peak = env.level[at(0, vw + 1)].max(axis=1)
    low = ((np.abs(onsets.times - plain.times) < 1e-9) & (idx > 8)
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
    return pick_peaks(env, env.bass_flux, env.bass_level, params, params.bass_delta_abs, params.bass_delta_rel, params.bass_wait_s, params.bass_gate_db)


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


def whole_take_tempo(times, bpm: float, start: float) -> float:
    """`bpm` refined by a least-squares fit of the onsets to their nearest 16ths, over ever longer stretches of a
    take longer than REFIT_MIN_S (a shorter one, a loop included, keeps its estimate)."""
    times = np.asarray(times, np.float64)
    if len(times) < 16 or times[-1] - times[0] < REFIT_MIN_S:
        return bpm
    step = 15.0 / bpm  # seconds per 16th
    reach = times[0] + REFIT_MIN_S
    while True:
        t = times[times <= reach]
        k = np.round((t - start) / step)
        near = np.abs(t - start - k * step) < step / 4  # off-grid notes (a swung 8th, a flam) weigh nothing
        if near.sum() < 16 or np.ptp(k[near]) < 16:
            return bpm
        step = float(np.polyfit(k[near], t[near], 1)[0])
        if reach >= times[-1]:
            break
        reach = times[0] + (reach - times[0]) * REFIT_GROWTH
    fitted = 15.0 / step
    return fitted if abs(fitted / bpm - 1) <= REFIT_MAX_CHANGE else bpm


def _check_tempo(path: str, bpm: float) -> None:
    if not (math.isfinite(bpm) and 20.0 <= bpm <= 400.0):
        raise AudioFileError(path, f"tempo must be 20..400 BPM, got {bpm:g}")


def read_audio(
    path: str | os.PathLike,
    bpm: float | None = None,
    start: float | None = None,
    params: OnsetParams = DEFAULT_PARAMS,
    progress=None,
    beats_per_bar: int | None = None,
) -> AudioContent:
    """Read an audio file's onsets as a MidiContent in 4/4 (3/4 where it clearly is; core/audio_meter.py) at one tempo.

    bpm: the tempo (estimated when None); start: seconds of the first
    downbeat (bar 1), estimated when None. Beats count from the file's start
    (beat 0 at 0 s) and bar lines from bar 1, so the drums written from it
    line up with the audio when both start together. What was estimated is
    said in `warnings`. beats_per_bar: 3 or 4 when the producer knows it
    (else told from the audio, 3/4 only where clear). Raises AudioFileError (one line) for unreadable, corrupt or
    silent files.
    """
    path = os.fspath(path)
    if beats_per_bar not in (None, 3, 4):
        raise AudioFileError(path, f"beats per bar must be 3 or 4 for audio, got {beats_per_bar}")
    if bpm is not None:
        _check_tempo(path, float(bpm))
    env = onset_envelope(path, params, progress=progress)
    onsets = pick_onsets(env, params)
    if len(onsets.times) == 0:
        quiet = float(env.level.max()) if len(env.level) else env.floor_db
        what = "is silent" if quiet <= env.floor_db + 1 else f"has no clear onsets (loudest {quiet - env.gain_db:.0f} dBFS)"
        raise AudioFileError(path, f"{what}: nothing to follow ({env.duration_s:.1f} s of audio)")
    warnings: list[str] = list(env.notes)
    declared = max(declared_wav_seconds(path) or 0.0, declared_aiff_seconds(path) or 0.0, env.declared_s or 0.0)
    if not env.damaged and env.duration_s < declared - 0.05:  # a damaged file's note already says it is short
        warnings.append(f"the file is cut short: its header announces {declared:.1f} s of audio, it holds "
                        f"{env.duration_s:.1f} s; the drums cover what is there")
    bpm_estimated = bpm is None
    start_estimated = start is None
    if bpm_estimated and len(onsets.times) < MIN_TEMPO_ONSETS:  # a click or two: any tempo would be a guess
        raise AudioFileError(path, f"has only {len(onsets.times)} onset{'s' if len(onsets.times) != 1 else ''} in "
                             f"{env.duration_s:.1f} s: too few to tell a tempo (give --bpm, and --start for bar 1)")
    if start is not None and math.isfinite(start) and start >= env.duration_s:
        raise AudioFileError(path, f"--start {start:g} s is past the end of the audio ({env.duration_s:.1f} s)")
    # A count-in's clicks are no part of the groove, and bar 1 is where the part comes in after them.
    heard, (onsets, clicks, part_s) = onsets, without_count_in(onsets, env.level, env.fps, with_bar=True)
    if clicks:
        warnings.append(f"a count-in ({clicks} clicks, {heard.times[0]:.2f}-{heard.times[clicks - 1]:.2f} s) left out"
                        + (f"; bar 1 is where the part comes in after it, at {part_s:.3f} s" if start_estimated else ""))
    if bpm_estimated or start_estimated:
        est_bpm, est_start = estimate_meter(env, onsets, bpm)
        bpm = est_bpm if bpm_estimated else bpm
        start = (part_s if clicks else est_start) if start_estimated else start
    if not math.isfinite(start):
        raise AudioFileError(path, f"start must be a number of seconds, got {start}")
    bpm, start = float(bpm), float(start)
    if start_estimated:
        start = max(start, 0.0)  # at most a 16th early: music that starts the file starts bar 1
    # A waltz read as 4/4 gets a backbeat on its 1 every other bar: triple meter where the take clearly shows it.
    n_beats = beats_per_bar or 4
    if start_estimated and not clicks and beats_per_bar != 4:
        n_beats, bpm, start = triple_or_not(env, onsets, bpm, start, tempo_given=not bpm_estimated, told=beats_per_bar == 3)
        start = max(start, 0.0)
    if bpm_estimated:  # before the drift check, which compares the take with this steady grid
        bpm = whole_take_tempo(onsets.times, bpm, start)
    tempos = [(0.0, bpm)]
    to_beats = lambda t: seconds_to_beats(t, bpm)  # noqa: E731
    # A live take's drifting tempo (only when estimated: a given --bpm is kept steady).
    # (The drift map's bars are 4 beats: a waltz keeps its steady tempo.)
    knots = drift_map(env, onsets, bpm, start, not start_estimated or bool(clicks)) if bpm_estimated and n_beats == 4 else None
    if knots is not None:
        knot_t, knot_b, followed_start = knots
        tempos = map_tempos(knot_t, knot_b)
        to_beats = lambda t: np.interp(t, knot_t, knot_b)  # noqa: E731
        if start_estimated:
            start = max(followed_start, 0.0)
    if bpm_estimated or start_estimated:
        said = []
        if knots is not None:
            lo, hi = min(t for _, t in tempos), max(t for _, t in tempos)
            said.append(f"a drifting tempo, {lo:.1f} to {hi:.1f} BPM (the drums follow it with a tempo map; --bpm gives one steady tempo)")
        elif bpm_estimated:
            said.append(f"tempo {bpm:.2f} BPM")
        if start_estimated:
            said.append(f"first downbeat at {start:.3f} s")
        if n_beats == 3 and beats_per_bar is None:
            said.append("3/4 time (the accents repeat every 3 beats; beats_per_bar=4 keeps 4/4)")
        warnings.append(f"estimated {' and '.join(said)}; the drums' bar 1 is at {start:.3f} s of the audio (--bpm and --start override it)")
    # Beats count from the file's start, so the drums land where the music is
    # when the two files start together; bar lines run from bar 1 on (the
    # meter changes there). A bar 1 before the file's start moves on by whole
    # bars to the first bar line inside it.
    bar_s = 60.0 * n_beats / bpm
    first_line = start + math.ceil(-start / bar_s - 1e-9) * bar_s if start < 0 else start
    beats = to_beats(onsets.times)
    bar1 = float(to_beats(start))
    before = beats < bar1 - 0.125  # more than half a 16th before bar 1
    if before.any():
        warnings.append(f"{int(before.sum())} onsets before bar 1 ({start:.3f} s) left out")
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
        [(float(to_beats(first_line)), n_beats, 4)],
        end_beat,
        warnings,
        start_s=start,
        bpm_estimated=bpm_estimated,
        start_estimated=start_estimated,
        onsets=onsets,
        bass_part=bass_part,
    )


__all__ = [
    "AUDIO_SUFFIXES",
    "AudioContent",
    "BASS_ONSET_PITCH",
    "AudioFileError",
    "Envelope",
    "OnsetParams",
    "Onsets",
    "DEFAULT_PARAMS",
    "detect_onsets_and_bass",
    "estimate_start",
    "estimate_tempo",
    "is_audio_path",
    "level_to_velocity",
    "onset_envelope",
    "onsets_to_beats",
    "onsets_to_notes",
    "pick_bass_onsets",
    "pick_onsets",
    "read_audio",
    "seconds_to_beats",
]
