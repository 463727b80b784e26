"""An audio file streamed into its onset envelope: the detector's settings (OnsetParams), the envelope (Envelope)
and the one pass that makes it, block by block in bounded memory.

core/audio.py picks the envelope's onsets and puts them on the beat grid; audio_read.py opens and reads the
file; audio_floor.py finds a quiet take's gain, read again here with it raised.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .audio_clip import clipped_samples, clipped_share
from .audio_dsp import chroma_filterbank, mel_filterbank, mel_frequencies
from .audio_floor import quiet_gain_db
from .audio_layers import BandReader
from .audio_read import Damage, Downmix, open_audio, read_blocks
from .audio_tempo import TEMPO_WINDOW_S
from .errors import InputFileError
from .native_stderr import quiet_mpg123


# Beyond this the file is surely not a take (and the envelope alone would pass 130 MB).
MAX_AUDIO_SECONDS = 12 * 3600
# The fewest bytes a second of MP3 takes: 8 kbps, its lowest bit rate. A length the header claims past what the
# file's size holds at that rate is a damaged header (a flipped byte in the Xing frame count made an 8 s file
# "29217.5 hours long"): the file is read to its real end instead.
MIN_MP3_BYTES_PER_S = 8000 // 8
LOW_HZ = 200.0  # mel bands below this carry the bass and the kick
HIGH_HZ = 4000.0  # mel bands above this carry a snare's and a hat's noise (and a note's bright harmonics)
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
    # A strum raked slowly (25-30 ms a string): an onset within rake_span_s after one rake_ratio times as strong,
    # joined to it by flux peaks never more than rake_gap_s apart, is its later string (core/audio_strum.py);
    # rake_gap_s 0 keeps every onset. A string 30 ms on peaks 40 ms after the first (whose peak reads early).
    rake_gap_s: float = 0.05
    rake_span_s: float = 0.2  # six strings 30 ms apart, and the flux peaks' spread
    rake_ratio: float = 4.0  # later strings peaked at 3-15% of their stroke's flux; a ghost stroke's is more
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
    # For tempo too (first TEMPO_WINDOW_S): float32, the mean level of the mel bands above HIGH_HZ (dB over the floor)
    # times the spectral flatness there (0..1): a drum's noise burst (snare, hat) is flat, a note's harmonics are
    # peaks. A level, not a rise: in dB a kick's click rises from quiet as far as a snare does, but is far fainter.
    noise: np.ndarray | None = None
    # uint8 per hop, the share of each frame's window at full scale (core/audio_clip.py); None where none is
    clip: np.ndarray | None = None
    # (frame times s, (frames, BANDS) dB): audio_layers.band_levels of the file, made in this pass where asked
    # (onset_envelope's `bands`); None otherwise, for an MP3, and where a decoding error cut the read (a read of
    # their own resumes past it on its own blocks): read_audio then reads them on their own, as before
    bands: tuple | None = None

    @property
    def fps(self) -> float:
        return self.sample_rate / self.hop


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
                   progress=None, channels: Sequence[int] | None = None, bands: bool = False) -> Envelope:
    """Stream a file block by block into its onset envelope (bounded memory).

    progress(seconds_read, seconds_total), if given, is called after each block (a long file shows a bar).
    channels: the file's channels to hear (0-based; a REAPER take playing one side of a stereo file, the
    bass DI on the left and a guitar on the right), mixed; None, or every channel, hears all of them.
    A quiet take (core/audio_floor.py) is read again with its gain raised, as if normalised: the fixed
    floors (params.floor_db, min_level_db) lost its soft notes, or all of them at -60 dBFS.
    bands: also the file's band levels (`Envelope.bands`, core/audio_layers.py) from the same read, of every channel.

    Raises AudioFileError for a missing, unreadable or corrupt file.
    """
    heard = tuple(channels) if channels else None
    env = _envelope(path, params, block_frames, progress, 0.0, heard, bands)
    gain_db = quiet_gain_db(env.level, env.floor_db)
    if gain_db <= 0:
        return env
    raised = _envelope(path, params, block_frames, progress, gain_db, heard)
    raised.bands = env.bands  # the file's own levels (read before any gain), as band_levels reads them
    return raised


def _envelope(path, params: OnsetParams, block_frames: int, progress, gain_db: float,
              heard: tuple[int, ...] | None, bands: bool = False) -> Envelope:
    """onset_envelope's one pass over the file, its samples raised by `gain_db`, of the `heard` channels (and where
    `bands`, the file's band levels)."""
    from scipy.ndimage import maximum_filter1d

    path = os.fspath(path)
    with quiet_mpg123(path.lower().endswith(".mp3")), open_audio(path, AudioFileError) as f:
        sr, channels, total = int(f.samplerate), int(f.channels), int(f.frames)
        if total <= 0:
            raise AudioFileError(path, "holds no audio (zero samples)")
        claimed = _damaged_mp3_length(f, path)
        if claimed is not None:  # sized by what the file can hold; read to its real end, the arrays trimmed after
            total = min(int(os.path.getsize(path) / MIN_MP3_BYTES_PER_S * sr) + 1, MAX_AUDIO_SECONDS * sr)
        elif total / sr > MAX_AUDIO_SECONDS:
            raise AudioFileError(path, f"is {total / sr / 3600:.1f} hours long; ReaGroove reads up to {MAX_AUDIO_SECONDS // 3600} hours")
        n_fft, hop = _sizes(sr, params)
        fmax = min(params.fmax, sr / 2)
        n_mels = max(16, min(params.n_mels, int(params.n_mels * fmax / params.fmax)))
        mel = mel_filterbank(sr=sr, n_fft=n_fft, n_mels=n_mels, fmin=min(params.fmin, fmax / 4), fmax=fmax).T  # (bins, mels)
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
        clip_buf = np.zeros(n_fft // 2, np.float32)  # beside `buf`, 1 where a sample sits at full scale
        clip = None  # made at the first clipped sample: a take that never clips holds none
        done = 0  # frames computed
        read = 0  # samples read

        # The reference for frame t is the max over frames t-lag-span..t-lag of
        # the frequency-max-filtered spectrum; a span of ~a pitch period keeps
        # low notes' per-period ripple (a bass saw's edge) from reading as onsets.
        span = int(round(params.ref_s * sr / hop))
        back = params.lag + span
        mel_hz = mel_frequencies(n_mels + 2, fmin=min(params.fmin, fmax / 4), fmax=fmax)[1:-1]  # band centres
        n_bass = max(1, int(np.sum(mel_hz < params.bass_hz)))
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
        chroma_fb = chroma_filterbank(sr=sr, n_fft=n_fft).T  # (bins, 12)
        chroma = np.zeros((n_cue, 12), np.float32)
        low = np.zeros(n_cue, np.float32)
        n_low = max(1, int(np.sum(mel_hz < LOW_HZ)))
        noise = np.zeros(n_cue, np.float32)
        hi_mel = mel_hz > HIGH_HZ
        hi_bins = np.fft.rfftfreq(n_fft, 1.0 / sr) > HIGH_HZ
        bass_flux = np.zeros(n_frames, np.float32)
        bass_level = np.full(n_frames, floor_db[:n_bass].max(), np.float32)

        def process(buf: np.ndarray, n: int) -> None:
            nonlocal hist, done, clip
            frames = np.lib.stride_tricks.sliding_window_view(buf, n_fft)[: n * hop : hop]
            if clip is not None or clip_buf.any():
                if clip is None:
                    clip = np.zeros(n_frames, np.uint8)
                flags = np.lib.stride_tricks.sliding_window_view(clip_buf, n_fft)[: n * hop : hop]
                clip[done : done + n] = clipped_share(flags, window)
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
                if hi_mel.any() and hi_bins.sum() > 1:
                    hs = spec[:m, hi_bins].astype(np.float64) + 1e-20
                    flat = np.exp(np.log(hs).mean(axis=1)) / hs.mean(axis=1)
                    noise[done : done + m] = (logmel[:m, hi_mel] - floor_db[hi_mel]).mean(axis=1) * flat
            level[done : done + n] = logmel.max(axis=1)
            bass_flux[done : done + n] = np.maximum(logmel[:, :n_bass] - ref[:, n_mels:], 0.0).mean(axis=1)
            bass_level[done : done + n] = logmel[:, :n_bass].max(axis=1)
            hist = both[-back:]
            done += n

        damage = Damage(getattr(f, "notes", ()))  # a WAV read past its header's size says so
        if claimed is not None:
            damage.opened.append(f"the MP3 header is damaged: it gives the file {_hours(claimed)}, more than its "
                               f"{_megabytes(path)} can hold; the file was read to its end")
        # channels the file has not (a take's channel mode beyond a mono file's one) are not there to hear
        picked = [c for c in heard if c < channels] if heard else []
        if len(picked) in (0, channels):
            picked = None
        mix = Downmix(len(picked) if picked else channels)
        # (an MP3 decodes a little differently, up to -60 dB, by the sizes of the reads: its bands keep a read on
        # their own blocks, so they stay what they were)
        layers = BandReader(sr, channels) if bands and getattr(f, "format", None) != "MP3" else None
        for block in read_blocks(f, block_frames * hop, damage):
            if layers is not None:
                layers.feed(block)
            if picked:
                block = block[:, picked]
            read += len(block)
            if read > MAX_AUDIO_SECONDS * sr:  # a damaged header's length was not checked before
                raise AudioFileError(path, f"is over {MAX_AUDIO_SECONDS // 3600} hours long (its header is damaged); "
                                           f"ReaGroove reads up to {MAX_AUDIO_SECONDS // 3600} hours")
            if progress is not None:
                progress(read / sr, total / sr)
            mono = mix(block) * gain  # before the file and after it, its first and last samples: a DC offset makes no step there
            buf = np.concatenate([np.full_like(buf, mono[0]) if read == len(block) else buf, mono])
            clip_buf = np.concatenate([clip_buf, clipped_samples(block)])
            n = min((len(buf) - n_fft) // hop + 1, n_frames - done)
            if n > 0:
                process(buf, n)
                buf, clip_buf = buf[n * hop :], clip_buf[n * hop :]
        if read == 0:
            if damage:
                raise AudioFileError(path, f"audio data is corrupt from the start ({damage.reason})")
            raise AudioFileError(path, "holds no audio data (truncated?)")
        buf = np.concatenate([buf, np.full(n_fft, buf[-1], np.float32)])  # the last frames reach past the end
        clip_buf = np.concatenate([clip_buf, np.zeros(n_fft, np.float32)])
        n = min((len(buf) - n_fft) // hop + 1, n_frames - done, -(-read // hop) - done)
        if n > 0:
            process(buf, n)
        n_frames = done
    n_cue = min(n_cue, n_frames)
    declared_s = None if claimed is not None else total / sr  # a damaged header's length says nothing of a cut
    levels = layers.levels() if layers is not None and not damage else None
    return Envelope(flux[:n_frames], level[:n_frames], sr, hop, channels, read / sr, chroma[:n_cue], low[:n_cue], bass_flux[:n_frames],
                    bass_level[:n_frames], declared_s, damage.notes(), bool(damage), float(floor_db.max()), gain_db, noise[:n_cue],
                    None if clip is None else clip[:n_frames], levels)


def _damaged_mp3_length(f, path: str) -> float | None:
    """The seconds an MP3's header claims when they are more than the file's size can hold (a damaged header), else None."""
    if not str(getattr(f, "subtype", "")).startswith("MPEG_LAYER"):  # MP3 (and MP2, MP1): 8 kbps their lowest rate
        return None
    claimed = f.frames / f.samplerate
    return claimed if claimed > os.path.getsize(path) / MIN_MP3_BYTES_PER_S + 1.0 else None


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.1f} hours" if seconds >= 3600 else f"{seconds:.0f} s"


def _megabytes(path: str) -> str:
    size = os.path.getsize(path)
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"
