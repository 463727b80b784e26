"""A take whose tempo jumps by exactly 3:2 between sections (120 -> 80 BPM, 90 -> 135), no click: said, with where.

Before: at 3:2 the other section's notes sit on the drums' grid (80 BPM's 8ths on 120's dotted 8ths, 135's 8ths on
90's triplets), so nothing was said while the drums ran at one tempo through both sections (a band going 120 -> 80
was even read in 3/4 at 120). The takes are rendered at 11.025 kHz, as tests/test_audio_tempo_change.py's.
"""

import pytest
from test_audio_feel_change import straight_then_triplets
from test_audio_tempo_change import read_changing_take

SAID = "change by 3:2"


@pytest.mark.parametrize("kind,bpm,after,seed", [("band", 120.0, 80.0, 1), ("keys", 90.0, 135.0, 3)])
def test_a_3_2_tempo_jump_is_said_with_where_and_what_to_do(tmp_path, kind, bpm, after, seed):
    content, played = read_changing_take(tmp_path, kind, bpm, after, seed)
    said = [w for w in content.warnings if SAID in w]
    assert len(said) == 1 and "drum each part" in said[0] and f"-> {after:.0f} BPM" in said[0]
    lo, hi = (float(x) for x in said[0].split("from about ")[1].split(" s (")[0].split(" s to "))
    change = played[len(played) // 2]  # the bar line nearest the middle: where the take changes tempo
    assert change - 16.0 <= lo <= change + 4.0 and hi >= played[-1] - 1.0


@pytest.mark.parametrize("kind,bpm,after,seed", [("band", 97.0, None, 1), ("band", 97.0, 110.0, 13),
                                                 ("keys", 84.0, 105.0, 2)])
def test_a_steady_take_or_a_smaller_change_says_no_3_2_jump(tmp_path, kind, bpm, after, seed):
    content, _ = read_changing_take(tmp_path, kind, bpm, after, seed, seconds=60.0)
    assert not any(SAID in w for w in content.warnings)


def test_a_take_going_into_triplets_at_its_tempo_says_no_3_2_jump(tmp_path):
    import soundfile as sf

    from reagroove.core.audio import read_audio
    path = tmp_path / "take.wav"
    sf.write(path, straight_then_triplets(100.0, "keys", bars_each=12), 11025, subtype="PCM_16")
    assert not any(SAID in w for w in read_audio(path).warnings)


def test_a_faster_section_read_on_the_slower_grid_is_said_by_its_accents(tmp_path):
    """A band going 120 -> 80 BPM read at 80: its 120 BPM half sits on 80's triplets, as a triplet feel would, and
    its dense 8ths repeat at both bars; its louder notes come every other triplet (120's beats), not every third."""
    content, played = read_changing_take(tmp_path, "band", 120.0, 80.0, 3)
    said = [w for w in content.warnings if SAID in w]
    assert len(said) == 1 and "80 -> 120 BPM" in said[0]
    lo, hi = (float(x) for x in said[0].split("from about ")[1].split(" s (")[0].split(" s to "))
    change = played[len(played) // 2]
    assert lo <= played[0] + 2.0 and change - 4.0 <= hi <= change + 16.0  # the first half, played at 120
