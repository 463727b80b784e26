"""Generated drums read as a drummer reads them, on the shipped model and band parts written here: a
sparse part keeps its time-keeper in every bar, a jazz ride keeps every beat beside the hi-hat foot, ..."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from pathlib import Path  # noqa: E402

from conftest import build_midi  # noqa: E402

from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

KICK, SNARE, CLOSED_HAT, OPEN_HAT, CRASH, RIDE = 0, 1, 2, 3, 7, 8


@pytest.fixture(scope="module")
def engine():
    from reagroove.models.drummer import default_engine
    from reagroove.models.weights import DEFAULT_WEIGHTS

    if not DEFAULT_WEIGHTS.is_file():
        pytest.skip("shipped weights not built yet")
    return default_engine(patterns_path=None)


def rock_bass(path, bars=8, bpm=120.0):
    """Straight root 8ths over E E A G, the plainest rock bass line (channel 1)."""
    roots = [40, 40, 45, 43]
    notes = [(b * 4 + i / 2, roots[b % 4], 100 if i % 2 == 0 else 80, 0) for b in range(bars) for i in range(8)]
    return build_midi(path, notes, tempos=((0, bpm),))


def bars_of(loops):
    """Each 16-step bar's hits (bars, 16, 9) of 4/4 loops (W, 32, 27)."""
    return (np.asarray(loops)[..., :9] > 0.5).reshape(-1, 16, 9)


def test_a_sparse_part_keeps_its_hats_in_every_bar(engine, tmp_path):
    # density 0 on a rock bass: bar 1 of every loop had hats on 2 and 4 and bar 2 none, a time-keeper that
    # comes and goes every other bar
    part = read_midi(rock_bass(tmp_path / "rock.mid"))
    res = engine.drumify(part, Settings(density=0.0))
    hats = bars_of(res.loops)[..., [CLOSED_HAT, OPEN_HAT, RIDE]].any(-1)  # (bars, 16)
    assert hats.any(-1).any()  # the part has a time-keeper
    assert hats.any(-1).all(), f"bars without a time-keeper: {np.flatnonzero(~hats.any(-1)).tolist()}"


@pytest.mark.parametrize("density", [0.1, 0.2, 0.35])
def test_a_sparse_kick_keeps_beats_1_and_3(engine, tmp_path, density):
    # thinned, a rock bass line's kick kept its pushes (1&, 2&, 3&, 4&) and lost beat 3 in every other bar
    res = engine.drumify(read_midi(rock_bass(tmp_path / "rock.mid")), Settings(density=density))
    bars = bars_of(res.loops)[1:-1]  # (the first bar's crash and the last's ending aside)
    assert bars[:, 0, KICK].all() and bars[:, 8, KICK].all(), bars[:, [0, 8], KICK].tolist()


def bossa_bass(path, bars=8, bpm=130.0):
    """Root on 1 and 3, fifth on the "and" of 2 and 4 (channel 1)."""
    notes = [(b * 4 + t, p, 95, 0) for b in range(bars) for t, p in ((0, 41), (1.5, 48), (2, 41), (3.5, 48))]
    return build_midi(path, notes, tempos=((0, bpm),))


@pytest.mark.parametrize("density", [None, 0.7, 0.9])
@pytest.mark.parametrize("make", [rock_bass, bossa_bass])
def test_a_jazz_ride_keeps_every_beat_beside_the_hat_foot(engine, tmp_path, make, density):
    # jazz: the hat on 2 and 4 is the pedal, yet counted as a hand beside the snare it cost the ride its
    # beat there (the ride played 1, 2, 3 of a bar, or 1 and 3); asked for more hits, the closed hats the
    # count added on the ride's own steps took the time from it (a rock beat on the hats, the ride on its skips)
    res = engine.drumify(read_midi(make(tmp_path / "part.mid")), Settings(genre={"jazz": 1.0}, density=density))
    bars = bars_of(res.loops)
    assert bars[:, ::4, RIDE].sum() >= len(bars) * 2  # the ride keeps the time
    assert not bars[:, np.arange(16) % 4 != 0, CLOSED_HAT].any()  # the hat on beats only: the foot
    assert bars[:, ::4, RIDE].all(), f"ride beats per bar: {bars[:, ::4, RIDE].sum(1).tolist()}"


def keys_comp(path, bars=8, bpm=105.0):
    """C major chords on 2 and 4 and a push on the "a" of 4 (channel 2)."""
    notes = [(b * 4 + t, 60 + i + (2 if t == 3.75 else 0), 90 if t < 3.5 else 80, 1)
             for b in range(bars) for t in (1, 3, 3.75) for i in (0, 4, 7)]
    return build_midi(path, notes, tempos=((0, bpm),))


def test_every_version_kicks_the_downbeats(engine, tmp_path):
    # --variations 4 on a keys part: version 4 kicked beat 1 of bar 1 and nothing at all in bar 2
    part = engine.drumify(read_midi(keys_comp(tmp_path / "keys.mid")), Settings())
    versions = engine.variations_of(part, Settings(), 4)
    downbeats = [(bars_of(v)[:, 0, KICK]).mean() for v in versions]
    assert downbeats[0] == 1.0  # the plain part kicks every bar's 1
    assert min(downbeats) == 1.0, f"share of bars with a kick on 1, per version: {downbeats}"


@pytest.mark.parametrize("make", [rock_bass, keys_comp])
def test_a_hot_take_keeps_a_kick_and_one_backbeat_in_every_bar(engine, tmp_path, make):
    # --temperature 2 --seed 3: no kick in any bar, and a snare on 2, 3 and 4 (a backbeat and half time at once)
    res = engine.drumify(read_midi(make(tmp_path / "part.mid")), Settings(temperature=2.0, seed=3))
    bars = bars_of(res.loops)
    assert bars[..., KICK].any(-1).all(), f"kicks per bar: {bars[..., KICK].sum(-1).tolist()}"
    snare = bars[..., SNARE]
    assert not (snare[:, 4] & snare[:, 8] & snare[:, 12]).any()


def hiphop_bass(path, bars=8, bpm=88.0):
    """Kick-like low notes on 1, the "a" of 2 and the "and" of 3 (channel 1)."""
    notes = [(b * 4 + t, p, v, 0) for b in range(bars) for t, p, v in ((0, 36, 115), (1.75, 36, 95), (2.5, 39, 105))]
    return build_midi(path, notes, tempos=((0, bpm),))


@pytest.mark.parametrize("ends", [(rock_bass, keys_comp), (hiphop_bass, keys_comp)])
def test_a_path_between_two_parts_keeps_one_backbeat_and_steady_hats(engine, tmp_path, ends):
    # reagroove interpolate: the rock bass's own point played a snare on 2, 3 and 4, and hiphop bass to keys
    # hats on 1, 2 and 4 of every bar (a point decoded as it is had none of drumify's density rules)
    from reagroove.core.patterns import pattern_from_content

    a, b = (pattern_from_content(read_midi(make(tmp_path / f"{i}.mid")), str(tmp_path / f"{i}.mid"))
            for i, make in enumerate(ends))
    bars = bars_of(engine.interpolate(a, b, 5, Settings()))
    snare = bars[..., SNARE]
    assert not (snare[:, 4] & snare[:, 8] & snare[:, 12]).any()
    beats = bars[:, ::4][..., [CLOSED_HAT, OPEN_HAT, RIDE]].any(-1).sum(-1)
    assert (beats != 3).all(), f"time-keeper's beats per bar: {beats.tolist()}"


def test_at_follow_0_a_drum_loop_pattern_plays_its_own_kick_not_the_bass_lines(shipped, tmp_path):
    """Pattern A set from a rock loop, the pad dragged to A (follow 0): what plays is the pattern's drummer,
    whatever bass line is under it. The input's bass groove went to the decoder at every follow, so the kick
    stayed on the bass line's notes all along the Follow slider ('follow 0: the pattern' was not); it now moves
    along the triangle as the groove does (a drum loop has none)."""
    from reagroove.core.groove import extract_windows
    from reagroove.core.loop import N_VOICES, flatten_hvo
    from reagroove.core.patterns import Pattern

    hvo = np.zeros((32, 3 * N_VOICES), np.float32)
    for steps, voice, vel in (((0, 8, 10), 0, 0.85), ((4, 12), 1, 0.9), (range(0, 16, 2), 2, 0.6)):
        for bar in (0, 16):
            for t in steps:
                hvo[bar + t, [voice, N_VOICES + voice]] = 1.0, vel
    shipped.patterns.add(Pattern("rock-loop-follow-0", flatten_hvo(hvo), hvo), save=False)
    funk = extract_windows(read_midi(Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"))
    rock = extract_windows(read_midi(rock_bass(tmp_path / "rock.mid", bars=4)))
    kicks = {}
    for follow in (0.0, 1.0):
        settings = Settings(pattern_a="rock-loop-follow-0", follow=follow)
        kicks[follow] = [shipped.generate(w.grooves[:2], settings, bass=w.bass[:2])[..., 0] > 0.5 for w in (funk, rock)]
    assert not np.array_equal(*kicks[1.0])  # following each bass line
    assert np.array_equal(*kicks[0.0])  # the pattern's kick over either


def test_jazz_leading_a_genre_mix_rides(shipped):
    """The panel's genre sliders at rock 29% and jazz 71%: the ride keeps time, as the leading genre's drummer
    would (fed the mix, the network kept rock's hats until jazz held about 80% of it: the slider did nothing
    over most of its range). Rock leading keeps the hats."""
    from reagroove.core.loop import VOICES

    funk = read_midi(Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid")
    hat, ride = VOICES.index("closed_hat"), VOICES.index("ride")
    foot = np.zeros(32, bool)
    foot[[4, 12, 20, 28]] = True  # (jazz's hat foot on 2 and 4 under the ride: a pedal, not the time)
    for jazz, keeper, other in ((0.71, ride, hat), (0.35, hat, ride)):
        hits = shipped.drumify(funk, Settings(genre={"rock": 1 - jazz, "jazz": jazz})).loops[..., :9] > 0.5
        timed = hits[:, ~foot] if keeper == ride else hits
        assert hits[..., keeper].sum() >= 4 * timed[..., other].sum() and hits[..., keeper].sum() >= 8 * len(hits)
