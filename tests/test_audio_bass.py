"""Audio input's bass part: the low bands' onsets become Windows.bass, the model's low-register input."""

from dataclasses import replace

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part
from stub_model import StubModel

from reagroove.core.audio import BASS_ONSET_PITCH, read_audio
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.midi import Notes
from reagroove.core.settings import Settings


def band_file(tmp_path, kind, bpm, seed):
    """A rendered part (mono WAV), its bar 1 in seconds, and the bass line's onsets in seconds (if any)."""
    audio, downbeat, notes = make_part(kind, bpm, seed=seed, seconds=16.0, with_notes=True)
    path = tmp_path / f"{kind}_{seed}.wav"
    sf.write(str(path), audio, 22050)
    return path, downbeat, np.array(sorted(t for t, _, timbre, *_ in notes if timbre == "bass"))


def steps_of(wins, groove):
    """Absolute 16th steps hit in a (W, 32, 3) groove of these windows."""
    return {int(round(s * 4)) + int(i) for s, g in zip(wins.starts, groove) for i in np.flatnonzero(g[:, 0])}


@pytest.mark.parametrize("bpm, seed", [(84.0, 3), (126.0, 4), (168.0, 5)])
def test_bass_groove_of_a_band_mix_follows_the_bass_line(tmp_path, bpm, seed):
    path, downbeat, bass_times = band_file(tmp_path, "band", bpm, seed)
    content = read_audio(path, bpm=bpm, start=downbeat)
    assert set(content.bass_part.pitch.tolist()) == {BASS_ONSET_PITCH}
    wins = extract_windows(content)
    truth = {int(np.floor(t * bpm / 15.0 + 0.5)) for t in bass_times}
    found = steps_of(wins, wins.bass)
    assert len(found & truth) >= 0.8 * len(truth)  # most of the bass line's onsets
    assert len(found - truth) <= 0.2 * len(found)  # and little else (the guitar's or keys' low notes)
    # The all-band groove is the onsets' own, unchanged by the bass part.
    plain = extract_windows(replace(content, bass_part=Notes.empty()))
    assert np.array_equal(plain.grooves, wins.grooves) and not plain.bass.any()


def test_a_keys_part_gets_a_sparse_bass_groove_from_its_left_hand(tmp_path):
    path, downbeat, bass_times = band_file(tmp_path, "keys", 110.0, 11)
    assert len(bass_times) == 0
    wins = extract_windows(read_audio(path, bpm=110.0, start=downbeat))
    bars = 2 * len(wins)
    bass, every = steps_of(wins, wins.bass), steps_of(wins, wins.grooves)
    # The left hand plays a low root on beat 1 of each bar (as MIDI's notes below C3 count as
    # bass); the chords above it do not reach the low bands.
    assert len(bass) <= 2 * bars and len(bass) <= 0.5 * len(every)
    bar1 = int(round(downbeat * 110.0 / 15.0))
    assert sum((s - bar1) % 16 == 0 for s in bass) >= 0.6 * len(bass)


def test_a_guitar_part_gets_its_low_strings_as_bass_and_nothing_else(tmp_path):
    path, downbeat, _ = band_file(tmp_path, "strum", 110.0, 12)
    wins = extract_windows(read_audio(path, bpm=110.0, start=downbeat))
    bass, every = steps_of(wins, wins.bass), steps_of(wins, wins.grooves)
    # Strums from E2 up reach the low bands (MIDI would count those below C3 as bass too):
    # the bass groove is some of the strums, never steps where nothing was played.
    assert 0 < len(bass) < len(every)
    assert len(bass - every) <= 0.1 * len(bass)


class RecordingStub(StubModel):
    """The stub model, keeping the bass part each call was given."""

    def __init__(self):
        super().__init__()
        self.bass = []

    def generate(self, grooves, z, cond):
        self.bass.append(None if cond.bass is None else np.array(cond.bass))
        return super().generate(grooves, z, cond)


def test_engine_gets_the_bass_part_of_audio_and_writes_drums_without_touching_the_file(tmp_path):
    path, downbeat, bass_times = band_file(tmp_path, "band", 100.0, 21)
    before = path.read_bytes()
    content = read_audio(path, bpm=100.0, start=downbeat)
    model = RecordingStub()
    result = Engine(model).drumify(content, Settings())
    assert path.read_bytes() == before
    assert len(result.loops) == len(extract_windows(content)) and result.loops[..., :9].sum() > 0
    given = np.concatenate([b for b in model.bass if b is not None])
    # The model saw the bass line: about one hit per bass note in the windows it drummed.
    assert given[..., 0].sum() >= 0.7 * len(bass_times)
