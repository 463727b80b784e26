"""A latin fill above 160 BPM (a mambo, a songo) as a latin drummer's two hands play it there (core/fill_feel.py
LATIN_FAST_CELLS, core/fill_landings.py `_hands_alternate`).

By ear, before: above fill_runs.EIGHTHS_BPM a latin part's fills took rock's fast runs and landings: a tumbao bass at
180 and 200 BPM with --genre latin --fill-every 4bars played its fills down the kit, snare, high tom, mid tom, floor
tom (bar 12 at 180: `x-xxx-x-` on 3-4, the high tom on 3's "and", mid tom with the kick on its "a", mid tom on 4, floor
tom on its "and"), the mid tom 135 of 1417 strokes and 48 of 216 fills landing on it, levels climbing 91 -> 114 with
no accent, no timbale and snare between the hands. GMD's latin drummers play no mid tom in a fill; its one fast latin
take with fills (184 BPM) strikes 1.6 16ths a beat, most on the 8ths, soft between accents."""

import numpy as np
import pytest
from conftest import build_midi
from test_ear_fill_feel import DRUMS, bar_fills, struck
from test_ear_fill_genres import LATIN, strokes
from test_ear_fill_latin import longest_16ths, longest_on_one_drum
from test_ear_fill_latin_landings import LAST, levels
from test_ear_fill_landings import tom_fill

from reagroove.core import read_midi
from reagroove.core.fill_landings import vary_landings
from reagroove.core.limbs import LOW_TOM, MID_TOM, SNARE
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

FAST = (170.0, 200.0)
TWO_HANDS = 3  # 16ths in a row two hands play at these tempi (each hand on 8ths): fill_feel.FAST_RUN


@pytest.mark.parametrize("bpm", FAST)
@pytest.mark.parametrize("density", [0.2, 0.5, 0.9])
def test_a_fast_latin_fill_plays_timbales_and_snare_in_two_hands_into_an_accented_last_stroke(bpm, density):
    settings = Settings(genre={"latin": 1.0}, density=density)
    for fill in bar_fills(8, settings, bpm):
        played = strokes(fill)
        assert not any(v == MID_TOM for _, v, _ in played), played  # the timbales and floor tom, no mid tom
        assert longest_16ths(fill) <= TWO_HANDS, struck(fill).astype(int)  # 8ths and pairs, no 16th run
        # (a sparse fill's few strokes may stay on the timbale: fill_feel.LATIN_SPARSE_PATHS, as below 160 BPM)
        assert density < 0.35 or longest_on_one_drum(fill) <= 4, played
        level = [v for _, _, v in played]
        assert level[-1] == max(level) and max(level[:-1], default=0) <= 0.75 * level[-1], level  # soft, then accent
    turns = np.mean([a[1] != b[1] for f in bar_fills(8, settings, bpm) for a, b in zip(strokes(f), strokes(f)[1:])])
    assert density < 0.35 or turns >= 0.5, turns  # the hands go between the snare and a drum, not down the kit


@pytest.mark.parametrize("bpm", FAST)
def test_a_fast_latin_fill_into_a_section_is_bigger_two_hands_and_accented_on_the_clave(bpm):
    phrase, big = bar_fills(8, LATIN, bpm), bar_fills(8, LATIN, bpm, bigger=np.ones(8, bool))
    for fill in big:
        assert longest_16ths(fill) <= TWO_HANDS, struck(fill).astype(int)
        assert not (fill[:, MID_TOM] > 0.5).any()
        level = np.array([v for _, _, v in strokes(fill)])
        assert (level[:-1] >= 1.2 * np.median(level[:-1])).sum() >= 1, level  # accents inside it
    assert np.mean([struck(f).sum() for f in big]) > np.mean([struck(f).sum() for f in phrase])
    assert np.mean([struck(f).sum() for f in phrase]) <= 2.25 * 4  # a phrase fill near GMD's 1.6 a beat, not 16ths


@pytest.mark.parametrize("bpm", FAST)
def test_a_fast_latin_fill_down_the_mid_tom_lands_on_the_timbale_snare_and_floor_tom_in_two_hands(bpm):
    own = tom_fill()
    own[24:32, :] = 0.0  # a rock fast fill: snare 8ths on 3, the mid tom on 4, the floor tom on its "and"
    for t, v in ((24, SNARE), (26, SNARE), (28, MID_TOM), (30, LOW_TOM)):
        own[t, [v, N_VOICES + v]] = (1.0, 0.7)
    fill_at = np.zeros((3, 32), bool)
    fill_at[:, 24:32] = True
    for seed in range(6):
        out = vary_landings(np.stack([own] * 3), np.arange(3), fill_at, None, LATIN, seed, bpm)
        for loop in out:
            assert not (loop[LAST, MID_TOM] > 0.5).any()
            assert (loop[LAST, DRUMS] > 0.5).any()
            assert longest_16ths(loop[24:32]) <= TWO_HANDS, struck(loop[24:32]).astype(int)
            level = levels(loop)
            assert level[-1] == max(level), level


def test_a_tumbao_at_200_bpm_fills_as_latin_in_two_hands(shipped, tmp_path):
    notes = [(4 * bar + beat, 36, 100, 0) for bar in range(16) for beat in (1.5, 3.0, 3.5)]
    song = read_midi(build_midi(tmp_path / "tumbao.mid", notes, tempos=((0, 200.0),), length=0.4))
    result = shipped.drumify(song, Settings(genre={"latin": 1.0}, fill_every=2, seed=0))
    fills = [result.loops[w, 16:32] for w in range(len(result.loops)) if int(result.bars[w]) % 4 == 3]
    played = [f for f in fills if (f[:, DRUMS[1:]] > 0.5).any()]
    assert len(played) >= 2, len(fills)
    for fill in played:
        assert not (fill[:, MID_TOM] > 0.5).any(), strokes(fill)
        assert longest_16ths(fill) <= TWO_HANDS, struck(fill).astype(int)
