"""Patterns A/B from drum loops in 3/4, 6/8, 12/8: read as their own bars, brought into the model's 4/4 loop frame
as a part's windows are (core/meter.py), not as 8 quarter notes spread over 2 2/3 of their bars."""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.groove import loops_from_notes
from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.patterns import pattern_from_midi
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
KICK, SNARE, HAT = (VOICES.index(v) for v in ("kick", "snare", "closed_hat"))
N_VOICES = len(VOICES)


def _drum_loop(make_midi, num, den, bars=4, name="loop.mid"):
    """Kick on each bar's 1, snare on its last beat, hats on every 8th: a drummer's loop in num/den."""
    bar_len = num * 4.0 / den
    last = bar_len - (1.5 if den == 8 else 1.0)  # the last dotted beat of a 6/8 bar, the last quarter of a 3/4
    notes = []
    for b in range(bars):
        at = b * bar_len
        notes += [(at, 36, 110, 9), (at + last, 38, 100, 9)]
        notes += [(at + k * 0.5, 42, 70, 9) for k in range(int(bar_len * 2))]
    return make_midi(notes, time_signatures=((0, num, den),), name=name)


def _hits(pattern, voice):
    return np.flatnonzero(pattern.loop[:, voice]).tolist()


@pytest.mark.parametrize("num, den", [(3, 4), (6, 8)])
def test_an_odd_meter_loop_keeps_its_bars_on_the_loop_bar_lines(make_midi, num, den):
    p = pattern_from_midi(_drum_loop(make_midi, num, den))
    # each of its two bars starts a loop bar: the kick on the loop's 1 and 3rd bar line's 1, nowhere in between
    # (read as 8 quarter notes, the second bar's kick sat on beat 4 of the first loop bar)
    assert _hits(p, KICK) == [0, 16]
    assert np.flatnonzero(p.groove[:, 0]).tolist()[:1] == [0] and p.groove[16, 0] == 1
    assert 16 not in _hits(p, SNARE) and 0 not in _hits(p, SNARE)
    # its time keeping stays time keeping: hats through both loop bars
    assert len(_hits(p, HAT)) >= 12


def test_twelve_eight_loop_is_one_bar_heard_twice(make_midi):
    p = pattern_from_midi(_drum_loop(make_midi, 12, 8))
    assert _hits(p, KICK) == [0, 16]  # one 12/8 bar per loop bar, as a 12/8 part's windows are


def test_a_four_four_loop_is_read_as_before(make_midi):
    notes = [(0, 36, 100, 9), (1, 38, 90, 9), (2.5, 36, 80, 9), (3, 38, 90, 9), (4, 36, 100, 9), (7.75, 38, 50, 9)]
    path = make_midi(notes + [(k * 0.5, 42, 60, 9) for k in range(16)], name="four.mid")
    p = pattern_from_midi(path)
    content = read_midi(path)
    raw, _ = loops_from_notes(content.notes, np.array([0.0]))
    assert np.allclose(p.loop, raw[0], atol=1e-6)


def test_a_waltz_loop_as_pattern_a_steers_a_waltz_part_bar_by_bar(make_midi):
    """What a producer hears: piano_waltz.mid with a waltz loop whose snare is on 3 (and only there) as pattern A.
    Every waltz bar plays its louder snare on beat 3; read as 8 quarter notes, the loop's second bar had come
    out with the louder snare on beat 2."""
    pytest.importorskip("torch")
    from reagroove.models.drummer import default_engine

    notes = []
    for b in range(4):
        at = b * 3.0
        notes += [(at, 36, 110, 9), (at + 1.5, 36, 90, 9), (at + 2, 38, 100, 9)]
        notes += [(at + k, 46, 70, 9) for k in range(3)]
    engine = default_engine(patterns_path=None)
    engine.patterns.add(pattern_from_midi(make_midi(notes, time_signatures=((0, 3, 4),), name="waltz.mid"),
                                          "waltz"), save=False)
    out = engine.drumify(read_midi(EXAMPLES / "piano_waltz.mid"), Settings(pattern_a="waltz", seed=1))
    vel = out.loops[:, :, N_VOICES + SNARE]
    checked = 0
    for w, bars in enumerate(out.meters):
        if bars is None or [(n, d) for _, n, d in bars] != [(3, 4), (3, 4)]:
            continue  # a pickup's window
        for offset, _, _ in bars:
            one = round(offset * 4)
            assert vel[w, one + 8] > vel[w, one + 4], (w, offset)
            checked += 1
    assert checked >= 4


def test_a_four_four_pattern_still_plays_a_waltz_part(make_midi):
    """A 4/4 loop as pattern A on a waltz part: the drums still follow its bars, a kick on every bar's 1."""
    pytest.importorskip("torch")
    from reagroove.core.groove import extract_windows
    from reagroove.core.takes import downbeat_kicks
    from reagroove.models.drummer import default_engine

    notes = [(b * 4 + k, 36 if k % 2 == 0 else 38, 100, 9) for b in range(2) for k in range(4)]
    engine = default_engine(patterns_path=None)
    engine.patterns.add(pattern_from_midi(make_midi(notes, name="rock.mid"), "rock"), save=False)
    content = read_midi(EXAMPLES / "piano_waltz.mid")
    loops = engine.drumify(content, Settings(pattern_a="rock", seed=1)).loops
    assert downbeat_kicks(loops[..., :N_VOICES] > 0, extract_windows(content).meters) == 1.0
