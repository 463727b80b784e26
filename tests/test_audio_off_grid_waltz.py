"""A waltz whose 4/4 reading's notes fall between that reading's 16ths is read at its own tempo in 3/4.

A waltz taken for 4/4 at 4/3 of its tempo (its bar as four beats) or 2/3 (two bars as four) has its notes near
chance on that reading's 16ths and on the waltz's own grid; that reading's tempo is wrong, and the bar of three
only has to be there (its oom-pah-pah and chords blur on the beat grid), not stand out three times over; a
bass waltz at 177 read at 2/3 of it (its 4/4 reading's bar two of its bars) is left as it was.
"""

import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import read_audio


def _part(tmp_path, kind, bpm, seed, first_beat, lead_s, beats_per_bar=3):
    audio, downbeat = make_part(kind, bpm, seed=seed, seconds=24.0, beats_per_bar=beats_per_bar,
                                first_beat=first_beat, lead_s=lead_s)
    path = tmp_path / f"{kind}_{seed}.wav"
    sf.write(path, audio, 22050)
    return path, downbeat


# Each was read in 4/4 at 4/3 (74, 96.1, 112.4) or 2/3 (124.9) of its tempo, bar 1 off by a beat or more.
@pytest.mark.parametrize("kind,bpm,seed,first_beat,lead_s", [
    ("mix", 74.0, 4, 2, 0.4),       # drums' oom-pah-pah: no bar shows on the beat grid, the 4/4 reading's bar does
    ("strum", 112.4, 12, 1, 0.0),   # its chords repeat every other bar too: the bar of three only explains the most
    ("mix", 124.9, 14, 3, 0.8),
    ("mix", 96.1, 9, 1, 0.0),
    ("mix", 96.1, 109, 2, 0.4),
])
def test_a_waltz_read_off_its_4_4_grid_is_read_in_3_4_at_its_tempo_from_its_downbeat(tmp_path, kind, bpm, seed,
                                                                                     first_beat, lead_s):
    path, downbeat = _part(tmp_path, kind, bpm, seed, first_beat, lead_s)
    content = read_audio(path)
    assert [(n, d) for _, n, d in content.time_signatures] == [(3, 4)]
    assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)


@pytest.mark.parametrize("kind,bpm,seed,first_beat,lead_s", [
    ("mix", 74.0, 4, 1, 0.4), ("strum", 112.4, 12, 1, 0.0), ("mix", 124.9, 14, 3, 0.8), ("mix", 96.1, 109, 2, 0.4),
])
def test_the_same_parts_in_4_4_stay_4_4_at_their_tempo(tmp_path, kind, bpm, seed, first_beat, lead_s):
    path, downbeat = _part(tmp_path, kind, bpm, seed, first_beat, lead_s, beats_per_bar=4)
    content = read_audio(path)
    assert [(n, d) for _, n, d in content.time_signatures] == [(4, 4)]
    assert content.tempos[0][1] == pytest.approx(bpm, rel=0.01)
    assert content.start_s == pytest.approx(downbeat, abs=0.04)
