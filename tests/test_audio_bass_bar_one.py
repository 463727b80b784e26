"""A bass line read from audio gets bar 1 on its first note, on the beat (core/audio_bar_one.py): one with 16th runs
on its beats pulled the comb's beat grid a 16th over, and bar 1 was read 3.25 or 0.75 beats late, every drum hit a
16th off the bass and its first notes left out as a pickup."""

import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import read_audio


# renders whose bar 1 was read +3.25, +3.75, +0.75 and +3.25 beats late (a 16th off the beat; the last with more 8ths
# than 16ths on that wrong grid)
@pytest.mark.parametrize("bpm, seed", [(84.0, 16), (96.0, 21), (96.0, 29), (84.0, 90)])
def test_a_bass_line_with_16th_runs_gets_bar_1_on_its_first_note(tmp_path, bpm, seed):
    audio, downbeat = make_part("bass", bpm, lead_s=0.7, seconds=30, seed=seed)
    path = tmp_path / "bass.wav"
    sf.write(path, audio, 22050)
    content = read_audio(str(path))
    assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.03)  # a 16th is 0.16-0.18 s here
    assert not [w for w in content.warnings if "before bar 1" in w], content.warnings  # no note taken for a pickup


def test_with_its_tempo_given_a_bass_line_with_16th_runs_still_gets_bar_1_on_its_first_note(tmp_path):
    # --bpm fixed only the tempo: the grid was the same comb's, a 16th over (bar 1 read at 3.03 s)
    audio, downbeat = make_part("bass", 84.0, lead_s=0.7, seconds=30, seed=16)
    path = tmp_path / "bass.wav"
    sf.write(path, audio, 22050)
    assert read_audio(str(path), bpm=84.0).start_s == pytest.approx(downbeat, abs=0.03)


def test_a_bass_line_on_the_comb_s_grid_keeps_its_bar_1(tmp_path):
    # plays its beats and 8ths: the comb's grid is right, and the grids a 16th over are not taken
    audio, downbeat = make_part("bass", 104.0, lead_s=0.7, seconds=30, seed=14)
    path = tmp_path / "bass.wav"
    sf.write(path, audio, 22050)
    content = read_audio(str(path))
    assert content.start_s == pytest.approx(downbeat, abs=0.03)
