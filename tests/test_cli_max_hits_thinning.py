"""`--max-hits` keeps the hits a drummer keeps when thinning a part, on the shipped model (core/thinning.py):
the kick's downbeats and beat 3, the hats' beats, the backbeat, in 4/4 and on a waltz's bars."""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.cli import main
from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings
from reagroove.core.thinning import level_rows, step_levels

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
KICK, SNARE, HAT = VOICES.index("kick"), VOICES.index("snare"), VOICES.index("closed_hat")


def _steps(loop, voice):
    return np.flatnonzero(loop[:, voice] > 0.5).tolist()


def test_a_kick_cap_keeps_the_downbeats_then_beat_3(tmp_path, capsys):
    """`drumify funk_bass.mid --max-hits kick=4` kept the 1 and its "a" in each bar (the likeliest kicks), not 3."""
    pytest.importorskip("torch")
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(EXAMPLES / "funk_bass.mid"), "-o", str(out), "--max-hits", "kick=4"]) == 0
    notes = read_midi(out).notes
    kicks = notes.start[notes.pitch == 36]
    steps = np.round(kicks * 4).astype(int)  # 16ths from the file's start (the drums are a little early or late)
    bars = steps // 16
    assert sorted(set(bars.tolist())) == list(range(8))  # every bar keeps kicks ...
    for bar in range(8):  # ... on its 1 and 3 alone
        assert sorted((steps[bars == bar] % 16).tolist()) == [0, 8]


def test_a_hat_cap_keeps_each_bars_downbeat_and_a_snare_cap_the_backbeat(shipped):
    """6 hats on the shuffle blues kept beats 1-4 of the loop's first bar and only 2 and 4 of its second."""
    res = shipped.drumify(read_midi(EXAMPLES / "shuffle_blues.mid"), Settings(max_hits={"closed_hat": 6, "snare": 2}))
    for loop in res.loops:
        hats = _steps(loop, HAT)
        assert len(hats) == 6 and {0, 16} <= set(hats) and all(s % 4 == 0 for s in hats), hats
        assert [s - 16 for s in hats if s >= 16] == [s for s in hats if s < 16], hats  # both bars alike
        snares = _steps(loop, SNARE)  # one backbeat a bar, on the same beat of each bar
        assert len(snares) == 2 and snares[1] == snares[0] + 16 and snares[0] in (4, 12), snares


def test_a_hat_cap_on_a_waltz_thins_both_bars_alike(shipped):
    """4 hats on two bars of 3/4 kept the 1, 2 and 3 of the first bar and the 1 of the second."""
    res = shipped.drumify(read_midi(EXAMPLES / "piano_waltz.mid"), Settings(max_hits={"closed_hat": 4}))
    played = [loop for loop, bars in zip(res.loops, res.meters_played) if len(bars) == 2]
    assert played
    for loop in played:  # a loop on 3/4 bars: 12 16ths a bar
        hats = _steps(loop, HAT)
        assert hats[0] == 0 and [s - 12 for s in hats if s >= 12] == [s for s in hats if s < 12], hats


def test_on_other_meters_a_cap_keeps_the_steps_the_bars_play():
    """A loop is 2 bars of 4/4; laid on 3/4 bars its beat 3 is left out, on 6/8 bars its beats 3 and 4."""
    waltz = step_levels(((0.0, 3, 4), (3.0, 3, 4)))
    assert waltz[[0, 16]].tolist() == [4, 4] and waltz[[4, 12]].tolist() == [2, 2] and waltz[8] == -1
    six = step_levels(((0.0, 6, 8), (3.0, 6, 8)))
    assert six[[0, 4]].tolist() == [4, 3] and six[[8, 12, 24, 28]].tolist() == [-1] * 4
    plain = level_rows(None, [True, False], 2)
    assert plain[0, 8] == 3 and plain[1, 8] < plain[1, 12]  # 4/4's beat 3; on bars not known, a waltz's 3 first


@pytest.mark.parametrize("cap", [{"kick": 4}, {"snare": 2}, {"closed_hat": 8}])
def test_a_cap_on_one_voice_leaves_the_others_as_they_were(shipped, cap):
    """`--max-hits kick=4` put every hat and snare of the shuffle blues 5-7 velocities softer (the hat on beat 2
    from loud to medium): the loop's level was kept over its capped hits. Outside the capped voice the drums play
    as uncapped (the phrase's crash, accented over the loop's level by the engine's fills, aside); the capped
    voice's kept hits as loud as they were."""
    song = read_midi(EXAMPLES / "shuffle_blues.mid")
    free, held = shipped.drumify(song, Settings()), shipped.drumify(song, Settings(max_hits=cap))
    voice = VOICES.index(next(iter(cap)))
    others = [v for v in range(len(VOICES)) if v not in (voice, VOICES.index("crash"))]
    n = len(VOICES)
    for a, b in zip(free.loops, held.loops):
        assert np.array_equal(a[:, others], b[:, others])  # the same hits ...
        assert np.array_equal(a[:, [n + v for v in others]], b[:, [n + v for v in others]])  # ... as loud
        assert np.array_equal(a[:, [2 * n + v for v in others]], b[:, [2 * n + v for v in others]])  # ... and timed
        kept = b[:, voice] > 0.5
        assert kept.sum() <= cap[VOICES[voice]] and np.array_equal(a[kept, n + voice], b[kept, n + voice])
