"""Opening an audio file and reading it block by block, as producers' files come.

Kept apart from core/audio.py (the onset envelope) because each part here
answers a file that is not quite what its name says:
- A file that cannot be opened says why in the user's terms (permissions, a
  MIDI file named .wav), not libsndfile's ("System error.").
- Blocks are read with `SoundFile.read` until it returns nothing: soundfile's
  `blocks()` trusts the announced length and, when a file ends early (an MP3
  cut short whose Xing header still gives the whole length), yields its
  previous block again and again, so the tail would repeat the last second.
- A decoding error part way (a damaged MP3 frame, a FLAC cut short) keeps the
  audio before it, and reading goes on past it where the decoder can: the
  drums cover what can be heard, and the problem is said.
- Channels are mixed with their polarity aligned: a stereo file with one
  channel phase-inverted (a reversed mic cable, a "wide" plug-in) sums to
  silence in a plain mix.
- NaN, infinite or impossibly loud samples (a damaged float file, a plug-in
  gone wrong) are read as silence and counted: one NaN made every filter
  after it NaN, and 1e30 overflowed the spectrum (warnings on stderr).
- A WAV whose header gives its data too small a size (0 from a recording
  never closed, or a damaged or wrapped size) is read raw to the file's end
  (core/wav_header.py finds it), as is one whose bits per sample disagree
  with its block align (read at the align's width), and a header's nonsense
  sample rate is said as a damaged header rather than read at it.
"""

from __future__ import annotations

import os

import numpy as np

from .errors import InputFileError
from .file_kinds import MIDI_HEAD_BYTES, is_midi_header
from .wav_header import RawWav, raw_wav

# Failed reads in a row (blocks of ~1.3 s) after which a damaged file is read no further.
MAX_FAILED_READS = 8
# Samples at or above this are taken as clipped (8-bit full scale is 127/128); more than
# CLIP_SHARE of them is said.
CLIP_LEVEL, CLIP_SHARE = 0.99, 0.01
FULL_SCALE = 1.0 + 1e-6  # float samples above this were never clipped at full scale
# A channel is flipped when it correlates with the loudest one below minus this:
# only a clearly inverted channel, never a wide stereo mix's uncorrelated sides.
INVERTED_CORRELATION = 0.5
# Float samples louder than this (dB over full scale) are a damaged file's, not a hot bounce's.
MAX_LEVEL_DB = 80
MAX_LEVEL = 10.0 ** (MAX_LEVEL_DB / 20)
# Sample rates a recording can have; outside them the header is damaged (what it announces is nonsense).
MIN_RATE, MAX_RATE = 1000, 768000


def open_audio(path: str, error=InputFileError):
    """A soundfile.SoundFile for `path`, or `error(path, problem)` naming what is wrong in one line."""
    import soundfile as sf

    if not os.path.exists(path):
        raise error(path, "no such file")
    if os.path.isdir(path):
        raise error(path, "is a folder, not an audio file")
    if os.path.getsize(path) == 0:
        raise error(path, "file is empty")
    try:
        with open(path, "rb") as f:
            head = f.read(MIDI_HEAD_BYTES)
    except PermissionError:
        raise error(path, "cannot be read: permission denied") from None
    except OSError as exc:
        raise error(path, exc.strerror or "cannot be opened") from None
    if is_midi_header(head):  # a Standard MIDI File or an .rmi
        raise error(path, "is a MIDI file, not audio: give it a .mid name")
    raw = raw_wav(path)
    if raw is not None:  # libsndfile would read the header's size (nothing, or the first part only) or bits
        f = _open_raw_wav(path, raw)
    else:
        try:
            f = sf.SoundFile(path)
        except (RuntimeError, sf.SoundFileError, TypeError, ValueError) as exc:
            reason = str(exc).split(":")[-1].strip() or "unknown format"
            if "does not exist" in reason:  # libsndfile's words for a file it could not decode; this one exists
                reason = "unknown or damaged format"
            elif "SF_INFO" in reason:  # its words for a header giving a sample rate or channel count of 0
                reason = "a damaged header: no sample rate or channel count"
            raise error(path, f"not a readable audio file ({reason})") from None
        except OSError as exc:
            raise error(path, exc.strerror or "cannot be opened") from None
    if not MIN_RATE <= f.samplerate <= MAX_RATE:  # read as given, a 1 Hz header made a 16 s take "202 hours long"
        f.close()
        raise error(path, f"its header gives a sample rate of {f.samplerate} Hz: the header is damaged "
                          f"(audio runs {MIN_RATE // 1000}-{MAX_RATE // 1000} kHz)")
    return f


class _Window:
    """A read-only file object showing `length` bytes of a file from `offset`: a WAV's samples as raw audio."""

    def __init__(self, path: str, offset: int, length: int):
        self._f = open(path, "rb")
        self._offset, self._length = offset, length
        self._f.seek(offset)

    def tell(self) -> int:
        return self._f.tell() - self._offset

    def seek(self, pos: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self.tell(), os.SEEK_END: self._length}[whence]
        self._f.seek(self._offset + min(max(base + pos, 0), self._length))
        return self.tell()

    def read(self, n: int = -1) -> bytes:
        left = self._length - self.tell()
        return self._f.read(left if n is None or n < 0 else min(n, left))

    def close(self) -> None:
        self._f.close()


def _open_raw_wav(path: str, wav: RawWav):
    """A SoundFile reading a RawWav's samples (to the end of the file where unsized), with a note on `.notes`; closing it
    closes the file."""
    import soundfile as sf

    window = _Window(path, wav.offset, wav.length)
    try:
        f = sf.SoundFile(window, format="RAW", samplerate=wav.samplerate, channels=wav.channels,
                         subtype=wav.subtype, endian="LITTLE")
    except BaseException:
        window.close()
        raise
    f.notes = [wav.note()]
    close = f.close

    def close_both():
        try:
            close()
        finally:
            window.close()

    f.close = close_both
    return f


class Damage:
    """What reading found wrong with the audio: where it failed to decode (the first failure, how
    many, whether audio came after one), and how much of it clips."""

    def __init__(self, notes=()):
        self.opened = list(notes)  # what opening the file found (a WAV header that gives no size)
        self.at_s: float | None = None  # seconds read before the first failure
        self.reason = ""
        self.count = 0
        self.resumed = False  # audio was decoded after a failure
        self.clipped = 0  # samples at full scale
        self.samples = 0
        self.invalid = 0  # NaN, infinite or impossibly loud samples (a damaged float file), read as silence

    def __bool__(self) -> bool:
        return self.count > 0

    def notes(self) -> list[str]:
        """What a user should know about a file that did not decode cleanly or clips."""
        out = list(self.opened)
        if self.count and self.resumed:
            out.append(f"the audio is damaged at {self.at_s:.1f} s ({self.reason}); read on past it "
                       "(what follows may sit early by the damaged stretch: check the drums there, or repair the file)")
        elif self.count:
            out.append(f"the audio is damaged after {self.at_s:.1f} s ({self.reason}); the drums cover what comes before")
        if self.invalid:
            out.append(f"{self.invalid} sample{'s are' if self.invalid != 1 else ' is'} not a number or impossibly "
                       f"loud (NaN, infinite or over +{MAX_LEVEL_DB} dBFS: a damaged float file or a plug-in's fault); "
                       "read as silence")
        if self.samples and self.clipped > CLIP_SHARE * self.samples:
            # Clipped peaks of ringing notes come and go with their beating: bursts of
            # distortion that read as attacks (at 4.7% clipped, 26 extra onsets to 45 notes).
            out.append(f"the audio clips heavily ({100 * self.clipped / self.samples:.1f}% of samples at full scale): "
                       "its distortion can read as extra notes (a cleaner take or the DI track reads better)")
        return out


def read_blocks(f, frames: int, damage: Damage):
    """float32 (frames, channels) blocks of an open SoundFile from where it is to its real end.

    A block that fails to decode is counted in `damage`; reading resumes
    after it (the decoder's lost stretch as silence, so later audio keeps its
    time as far as the decoder tells it; frames it skips are lost, so later
    audio can come a little early) until the decoder stops moving on.
    """
    import soundfile as sf

    read = failed = 0
    where = -1  # the decoder's position at the last failure
    held = []  # lengths of leading blocks with no valid sample: silence once a valid one comes
    while True:
        try:
            block = f.read(frames, dtype="float32", always_2d=True)
        except (RuntimeError, sf.SoundFileError) as exc:
            if not damage:
                damage.at_s, damage.reason = read / f.samplerate, str(exc).split(":")[-1].strip() or "read error"
            damage.count += 1
            failed += 1
            try:
                pos = int(f.tell())
            except (RuntimeError, sf.SoundFileError, ValueError):
                return
            # Give up where the decoder no longer moves on (a file cut short) or the damage goes on and on.
            if pos <= where or failed >= MAX_FAILED_READS:
                return
            where = pos
            for n in held:  # the NaN blocks before it keep their time
                read += n
                yield np.zeros((n, f.channels), np.float32)
            held.clear()
            lost = min(pos - read, frames)  # decoded, then dropped with the failed read
            if lost > 0:
                read += lost
                yield np.zeros((lost, f.channels), np.float32)
            continue
        if len(block) == 0:
            if held and not damage:  # not one valid sample: "is silent" would hide the damage
                damage.at_s, damage.reason, damage.count = 0.0, "every sample is NaN, infinite or impossibly loud", 1
            return
        damage.resumed |= bool(damage)
        bad = ~(np.abs(block) <= MAX_LEVEL)  # NaN compares false
        if bad.any():  # one NaN spreads through every filter after it: the whole file read as "loudest nan dBFS"
            damage.invalid += int(np.count_nonzero(bad))
            if read == 0 and bad.all():
                held.append(len(block))
                continue
            block = np.where(bad, np.float32(0), block)
        for n in held:
            read += n
            damage.samples += n * block.shape[1]
            yield np.zeros((n, block.shape[1]), np.float32)
        held.clear()
        level = np.abs(block)
        # At full scale, not over it: a float file bounced hot (peaks above 0 dBFS) keeps its peaks whole.
        damage.clipped += int(np.count_nonzero((level >= CLIP_LEVEL) & (level <= FULL_SCALE)))
        damage.samples += block.size
        failed = 0
        read += len(block)
        yield block


class Downmix:
    """Mixes blocks to mono, flipping a channel that is a clearly inverted copy of the loudest.

    A channel's polarity is decided on the blocks where it and the loudest
    channel sound, and kept until a block clearly says otherwise, so a mix
    never flips inside a passage.
    """

    def __init__(self, channels: int):
        self.signs = np.ones(channels, np.float32)

    def __call__(self, block: np.ndarray) -> np.ndarray:
        if block.shape[1] == 1:
            return block[:, 0]
        energy = np.einsum("ij,ij->j", block, block, dtype=np.float64)
        k = int(np.argmax(energy))
        if energy[k] > 1e-6:
            corr = (block.T.astype(np.float64) @ block[:, k]) / np.sqrt(energy * energy[k] + 1e-30)
            relative = corr * self.signs * self.signs[k]  # as currently mixed
            flip = relative < -INVERTED_CORRELATION
            self.signs[flip] *= -1
        return block @ (self.signs / np.float32(block.shape[1]))


__all__ = ["Damage", "Downmix", "open_audio", "read_blocks"]
