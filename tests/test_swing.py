"""Swing (core/swing.py): a shuffle is read straight by the model and its drums are played back swung."""

import numpy as np
import pytest

from reagroove.core.swing import MIN_SWUNG, STRAIGHT, Swing, path_swings, straighten, swing_loops, swing_of

TRIPLET = 2 + 2 / 3  # a shuffle's swung 8th, in 16ths from the beat


def groove_at(positions, vel=0.8, n=1):
    """Grooves (n, 32, 3) with a hit at each position (in 16ths from the loop start, fractional)."""
    g = np.zeros((n, 32, 3), np.float32)
    for p in positions:
        step = int(round(p))
        g[:, step] = (1.0, vel, p - step)
    return g


def shuffle(n=1):
    """Every beat and its swung 8th."""
    return groove_at([b + o for b in range(0, 32, 4) for o in (0, TRIPLET)], n=n)


def test_a_shuffle_is_swung_and_straight_or_lightly_swung_parts_are_not():
    assert swing_of(shuffle()) == pytest.approx(TRIPLET, abs=1e-3)
    assert swing_of(groove_at([b + o for b in range(0, 32, 4) for o in (0, 2.75)])) == pytest.approx(2.75, abs=1e-3)
    assert swing_of(groove_at(range(0, 32, 2))) is None  # straight 8ths
    assert swing_of(groove_at(range(32))) is None  # straight 16ths: the "a" on its own step
    assert swing_of(groove_at([b + o for b in range(0, 32, 4) for o in (0, 2.4)])) is None  # light swing stays
    pushes = [b + o for b in range(0, 32, 4) for o in (0, 2.85)]  # anticipations a little ahead of the "a"
    assert swing_of(groove_at(pushes)) is None
    few = [b + o for b in range(0, 4 * (MIN_SWUNG - 1), 4) for o in (0, TRIPLET)]
    assert swing_of(groove_at(few)) is None  # too few to tell
    # swung 8ths beside as many straight "ands" (a straight part with a few late notes) are not a shuffle
    mixed = [b + o for b in range(0, 32, 4) for o in (0, 2.0)] + [b + TRIPLET for b in range(0, 32, 8)]
    assert swing_of(groove_at(mixed)) is None


def test_straighten_moves_the_swung_8ths_onto_the_and_and_keeps_their_feel():
    g = groove_at([b + o for b in range(0, 32, 4) for o in (0, TRIPLET)])
    g[0, 7, 2] = -0.2  # one swung 8th played a little later than the others
    out = straighten(g, TRIPLET)
    hits = out[0, :, 0] > 0.5
    assert hits[::4].all() and hits[2::4].all() and not hits[3::4].any() and hits.sum() == 16
    assert out[0, 6, 2] == pytest.approx(-0.2 + 1 / 3, abs=1e-5)  # its distance from the part's swing
    assert np.abs(out[0, 2::4, 2][np.arange(8) != 1]).max() < 1e-5
    # where a straight "and" was already, the louder hit stays
    g2 = groove_at([TRIPLET])
    g2[0, 2] = (1.0, 0.3, 0.0)
    assert straighten(g2, TRIPLET)[0, 2, 1] == pytest.approx(0.8)
    np.testing.assert_array_equal(straighten(g, None), g)
    assert not np.shares_memory(straighten(g, TRIPLET), g)


def test_swung_loops_play_the_and_and_the_a_on_the_swung_8th_and_the_e_between():
    loop = np.zeros((1, 32, 27), np.float32)
    hat, snare = 2, 1
    loop[0, ::2, hat] = 1  # straight 8th hats
    loop[0, ::2, 9 + hat] = 0.7
    loop[0, 6, hat + 18] = 0.05  # one "and" a little late
    loop[0, [4, 12], snare] = 1  # the backbeat
    loop[0, [4, 12], 9 + snare] = 0.9
    loop[0, [1, 3], snare] = 1  # a ghost on the "e" and the "a" of beat 1
    loop[0, [1, 3], 9 + snare] = 0.3
    out = swing_loops(loop, TRIPLET)
    h = out[0, :, :9] > 0
    pos = np.arange(32)[:, None] + out[0, :, 18:]
    assert h[::4, hat].all() and h[3::4, hat].all() and not h[2::4, hat].any()
    assert np.allclose(pos[3::4, hat][np.arange(8) != 1] % 4, TRIPLET)  # on the swung 8th
    assert pos[7, hat] % 4 == pytest.approx(TRIPLET + 0.05)  # the late one stays as late
    assert h[[4, 12], snare].all() and np.allclose(out[0, [4, 12], 18 + snare], 0)  # beats stay put
    assert pos[1, snare] == pytest.approx(TRIPLET / 2)  # the "e": the swung 16th
    assert pos[3, snare] == pytest.approx(TRIPLET) and h[:, snare].sum() == 4
    assert h.sum() <= (loop[0, :, :9] > 0).sum()
    np.testing.assert_array_equal(swing_loops(loop, None), loop)


def test_a_path_swings_by_degrees_from_a_straight_part_to_a_shuffle():
    # the pad or interpolate from a straight part (None) to a triplet shuffle: the swung 8th moves from the "and"
    t = np.linspace(0, 1, 4)
    swings = path_swings(None, Swing(TRIPLET, triplets=True), t)
    assert swings[0] is None and swings[-1] == pytest.approx(TRIPLET) and swings[-1].triplets
    assert [float(s) for s in swings[1:]] == pytest.approx([STRAIGHT + x * (TRIPLET - STRAIGHT) for x in t[1:]])
    assert not swings[1].triplets  # the middle triplet comes with the shuffle's half of the path
    assert path_swings(None, None, t) == [None] * 4
    # a light swing (under 2.5) plays the "and" late on its own step, and the "a" there with it
    loop = np.zeros((1, 32, 27), np.float32)
    hat = 2
    loop[0, :, hat] = 1  # 16th hats
    loop[0, :, 9 + hat] = np.where(np.arange(32) % 4 == 2, 0.8, 0.5)
    out = swing_loops(loop, swings[1])
    h = out[0, :, hat] > 0
    assert h[2::4].all() and not h[3::4].any() and h[::4].all() and h[1::4].all()
    assert np.allclose(out[0, 2::4, 18 + hat], float(swings[1]) - 2) and np.allclose(out[0, 2::4, 9 + hat], 0.8)
    assert np.allclose(out[0, 1::4, 18 + hat], float(swings[1]) / 2 - 1)  # the "e" halfway to it


def test_the_bundled_shuffle_gets_swung_drums():
    """core/examples/shuffle_blues.mid (a 12-bar boogie bass line and piano stabs in MIDI triplets) through
    drumify with the shipped band network: the hats swing with it (no straight "and", no 16th), the
    backbeat stays on 2 and 4, and drumify says the part swings. Before core/swing.py the network read
    the swung 8ths as 16th syncopation: straight 8th hats against the shuffle and snare ghosts on the
    straight "ands"."""
    pytest.importorskip("torch")
    from pathlib import Path

    from reagroove.core import read_midi
    from reagroove.core.settings import Settings
    from reagroove.models.drummer import default_engine

    blues = Path(__file__).resolve().parents[1] / "core" / "examples" / "shuffle_blues.mid"
    result = default_engine(patterns_path=None).drumify(read_midi(blues), Settings())
    loops = result.loops
    h = loops[..., :9] > 0
    in_beat = (np.arange(32)[None, :, None] + loops[..., 18:]) % 4
    hands = h[..., 1:]  # every hand note sits on a beat, the swung 8th or the swung 16th
    on_grid = np.isclose(in_beat, 0, atol=0.02) | np.isclose(in_beat, TRIPLET, atol=0.02) | np.isclose(in_beat, TRIPLET / 2, atol=0.02)
    assert on_grid[..., 1:][hands].all()
    keeper = h[..., 2] | h[..., 8]
    assert keeper[:, 3::4].mean() > 0.75, "the time-keeper does not swing"
    assert h[:, 4, 1].all() and h[:, 12, 1].all()
    assert any("the part swings (its off-beat 8ths at 67% of the beat)" in m for m in result.messages)


def test_the_engine_straightens_a_swung_band_part_and_its_fills_but_not_a_drum_part():
    from reagroove.core.engine import Engine
    from reagroove.core.settings import Settings
    from stub_model import StubModel

    class Recording(StubModel):
        seen: list = []

        def generate(self, grooves, z, cond):
            self.seen.append(np.array(grooves))
            return super().generate(grooves, z, cond)

    g = shuffle(n=4)
    model = Recording()
    result = Engine(model).drumify_grooves(g, Settings(fill_every=2))
    loops = result.loops
    assert any("swings" in m for m in result.messages)
    assert len(model.seen) >= 2  # the beats, then the fills (and a repeated fill drawn again): all read straight
    for seen in model.seen:
        assert not (seen[..., 3::4, 0] > 0.5).any() and (seen[..., 2::4, 0] > 0.5).all()
    kick = loops[..., 0] > 0  # the stub kicks on the groove's hits: back on the swung 8th
    in_beat = (np.arange(32) + loops[..., 18]) % 4
    assert kick[:, 3::4].any() and np.allclose(in_beat[kick & (np.arange(32) % 4 == 3)], TRIPLET, atol=0.1)
    model.seen.clear()
    result = Engine(model).drumify_grooves(g, Settings(), drum_part=True)
    np.testing.assert_array_equal(model.seen[0], g)  # a drum part is played as it swings
    assert not any("swings" in m for m in result.messages)
    assert not any("swings" in m for m in Engine(model).drumify_grooves(groove_at(range(0, 32, 2), n=2),
                                                                         Settings()).messages)


def test_the_evaluation_plays_each_part_at_its_own_swing_as_the_engine_does():
    pytest.importorskip("torch")
    from reagroove.models.evaluate_band import play_parts

    straight = groove_at(range(0, 32, 2), n=3)
    g = np.concatenate([shuffle(n=3), straight])
    parts, takes = np.repeat([0, 1], 3), np.repeat([0, 1], 3)
    loops = play_parts(g, parts, takes, bass=g)
    h = loops[..., :9] > 0
    in_beat = (np.arange(32)[None, :, None] + loops[..., 18:]) % 4
    off_beat = h & (np.arange(32)[None, :, None] % 4 >= 2)
    assert off_beat[:3].any() and np.allclose(in_beat[:3][off_beat[:3]], TRIPLET, atol=0.02)  # the shuffle swings
    assert not np.isclose(in_beat[3:][off_beat[3:]], TRIPLET, atol=0.1).any()  # the straight part does not
    # a drum part is played as it swings: the same as drumify_batch on its grooves
    from reagroove.models import drumify_batch

    drums = play_parts(g[:3], parts[:3], takes[:3], drum_part=True)
    np.testing.assert_array_equal(drums, drumify_batch(g[:3], drum_part=True, take=takes[:3]))


def test_every_loop_of_a_path_toward_a_shuffle_is_one_drummers():
    # the path's own swing (swing.path_swings) plays a beat's "and" and "a" on one step: where a snare and a hat
    # on the "and" met a ride on the "a", three hands, one of them goes (as drumify's swung loops do)
    from reagroove.core.engine import Engine
    from reagroove.core.limbs import limb_report
    from reagroove.core.patterns import Pattern
    from reagroove.core.settings import Settings
    from stub_model import StubModel

    class Crowded(StubModel):
        def generate(self, grooves, z, cond):
            out = super().generate(grooves, z, cond)
            out[:, 2::4, [1, 2]] = 1  # snare and hat on every "and"
            out[:, 3::4, 8] = 1  # the ride on every "a"
            out[:, :, 8] *= np.arange(32) % 4 == 3
            out[:, :, 9:18] = np.where(out[:, :, :9] > 0, 0.8, 0.0)
            return out

    def part(swung):
        g = np.zeros((32, 3), np.float32)
        g[0::4] = (1.0, 0.9, 0.0)
        g[(3 if swung else 2)::4] = (1.0, 0.7, -1 / 3 if swung else 0.0)
        return Pattern("part", g)

    path = Engine(Crowded()).interpolate(part(False), part(True), 4, Settings())
    assert (path[1:, 3::4, 1] > 0).any()  # swung: the "and" is played on the "a"'s step...
    assert limb_report(path[..., :9] > 0.5)["over_two_hands"] == 0  # ...by two hands at most


def test_a_sparse_part_swinging_its_16ths_gets_every_drum_16th_swung(tmp_path):
    """Keys and bass at 88 BPM, their few "e"s and "a"s a quarter of a 16th late (lazy hip-hop 16ths): the drums'
    "e"s and "a"s are all that late, not only those on the part's own notes (the network copies the part's
    timing step by step: its hats and ghost snares between the part's notes had stayed straight in the same
    bar). A straight 16th part keeps straight drums."""
    pytest.importorskip("torch")
    from conftest import build_midi

    from reagroove.core import read_midi
    from reagroove.core.settings import Settings
    from reagroove.models.drummer import default_engine

    engine = default_engine(patterns_path=None)
    for late, name in ((0.06, "lazy"), (0.0, "straight")):  # beats: 0.24 of a 16th
        notes = []
        for bar in range(8):
            t0 = bar * 4.0
            notes += [(t0, 36, 100, 0), (t0 + 1.75 + late, 36, 80, 0), (t0 + 2.5, 43, 90, 0)]
            notes += [(t0 + b + 0.25 + late, 60, 70, 1) for b in (1, 3)] + [(t0 + 3.75 + late, 64, 70, 1)]
        res = engine.drumify(read_midi(build_midi(tmp_path / f"{name}.mid", notes, tempos=((0, 88.0),))),
                             Settings(density=0.9))
        hits = res.loops[..., :9] > 0.5
        odd = hits & (np.arange(32) % 2 == 1)[None, :, None]
        assert odd.sum() >= 8 * len(hits)  # the drums play 16ths between the part's notes
        offsets = res.loops[..., 18:][odd]
        if name == "lazy":
            assert (offsets > 0.15).all(), np.round(offsets, 2)
        else:  # (straight: no lean, a drummer's touch on a part entered on the grid at most TIMING_CUT either way)
            from reagroove.core.humanize_quantized import TIMING_CUT

            assert abs(float(np.median(offsets))) < 0.05 and (np.abs(offsets) <= TIMING_CUT + 1e-6).all()


def test_only_e_and_a_both_late_with_the_8ths_on_time_is_16th_swing():
    """Lazy 16ths: the "e"s and "a"s late, the 8ths on time. Not swing: triplet figures in a straight part (the
    "e" late, the "a" early), pickups dragged onto the beat (only "a"s late), a part laid back (every note
    late): their drums had been swung a third of a 16th."""
    from reagroove.core.swing import sixteenths_swing

    def part(offsets):  # (in-beat step, offset) played on every beat of 4 windows
        g = np.zeros((4, 32, 3), np.float32)
        for beat in range(0, 32, 4):
            for k, off in offsets:
                g[:, beat + k] = (1.0, 0.7, off)
        return g

    assert sixteenths_swing(part([(0, 0.0), (1, 0.24), (2, 0.0), (3, 0.24)])) == pytest.approx(0.24)
    assert sixteenths_swing(part([(0, 0.0), (1, 0.33), (3, -0.33)])) is None  # triplets
    assert sixteenths_swing(part([(0, 0.0), (2, 0.0), (3, 0.2)])) is None  # dragged pickups
    assert sixteenths_swing(part([(0, 0.15), (1, 0.15), (2, 0.15), (3, 0.15)])) is None  # laid back
    assert sixteenths_swing(part([(0, 0.0), (1, 0.0), (2, 0.0), (3, 0.0)])) is None  # straight


def test_a_fill_in_a_part_swinging_its_16ths_swings_with_it(tmp_path):
    """Lazy 16ths read from the whole part, not from a fill's window alone: a hip-hop part whose phrase ends
    on two held bars (one late note in its fill's window) had its fill's 16ths played straight under it while
    every beat around swung them."""
    pytest.importorskip("torch")
    from conftest import build_midi

    from reagroove.core import read_midi
    from reagroove.core.settings import Settings
    from reagroove.models.drummer import default_engine

    engine = default_engine(patterns_path=None)
    late, notes = 0.06, []
    for bar in range(10):
        t0 = bar * 4.0
        notes += [(t0, 36, 100, 0), (t0 + 2.5, 43, 90, 0)]
        if bar not in (6, 7):
            notes += [(t0 + 1.75 + late, 36, 80, 0)] + [(t0 + b + 0.25 + late, 60, 70, 1) for b in (1, 3)]
            notes += [(t0 + 3.75 + late, 64, 70, 1)]
    notes += [(6 * 4.0 + 1.25 + late, 60, 70, 1)]
    res = engine.drumify(read_midi(build_midi(tmp_path / "lazy.mid", notes, tempos=((0, 88.0),))),
                         Settings(density=0.9, fill_every=4))
    fill = res.loops[3]  # bars 7-8 end the phrase in a fill
    odd = (fill[:, :9] > 0.5) & (np.arange(32) % 2 == 1)[:, None]
    assert odd[16:].sum() >= 3  # the fill plays 16ths
    assert (fill[:, 18:][odd] > 0.15).all(), np.round(fill[:, 18:][odd], 2)
