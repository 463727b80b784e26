"""Phrases whose starts share a 2-bar loop: every phrase start gets its crash and every phrase its fill.

The stand-in model's fill is a tom roll over the whole loop, so where toms land shows the fills kept."""

from pathlib import Path

import numpy as np
import pytest
from helpers import groove_with
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.phrases import phrase_starts, plan_phrases
from reagroove.core.settings import Settings

GROOVES = np.stack([groove_with(range(0, 32, 4))] * 4)  # 4 windows = 8 bars
TOM, CRASH = 4, 7


def steps(loops, voice):
    """{window: [steps]} where `voice` plays."""
    return {w: np.flatnonzero(loop[:, voice]).tolist() for w, loop in enumerate(loops) if loop[:, voice].any()}


@pytest.fixture
def engine():
    return Engine(StubModel())


def test_a_fill_ending_bar_1_keeps_the_opening_crash(engine):
    res = engine.drumify_grooves(GROOVES, Settings(fill_bars=(1,)))
    assert steps(res.loops, CRASH) == {0: [0, 16]}  # the part opens with a crash, and bar 2 after the fill
    assert steps(res.loops, TOM) == {0: list(range(8, 16))}  # the fill: the last half of bar 1


def test_fills_ending_consecutive_bars_each_get_their_fill_and_crash(engine):
    res = engine.drumify_grooves(GROOVES, Settings(fill_bars=(1, 2, 3), fill_length="beat"))
    assert steps(res.loops, CRASH) == {0: [0, 16], 1: [0, 16]}  # bars 1, 2, 3, 4
    assert steps(res.loops, TOM) == {0: [12, 13, 14, 15, 28, 29, 30, 31], 1: [12, 13, 14, 15]}  # bars 1, 2, 3
    plan = plan_phrases(Settings(fill_bars=(1, 2, 3)), np.arange(4) * 2 + 1, None)
    assert plan.crashes.tolist() == [True, True, False, False] and plan.fills.tolist() == [True, True, False, False]


def test_a_section_on_bar_2_keeps_the_opening_crash_in_held_parts_and_variations(engine):
    for s in (Settings(), Settings(hold=True), Settings(temperature=0.5, seed=3)):
        res = engine.drumify_grooves(GROOVES, s, section_bars=[2, 6])
        assert steps(res.loops, CRASH) == {0: [0, 16], 2: [16]}
        fills = steps(res.loops, TOM)
        assert {*range(8, 16)} <= {*fills[0]} and {*range(8, 16)} <= {*fills[2]}  # before bars 2 and 6 (a take adds toms)
        for v in engine.variations_of(res, s, 3):
            assert steps(v, CRASH) == {0: [0, 16], 2: [16]}


def test_a_muted_cymbal_group_drops_every_phrase_crash(engine):
    res = engine.drumify_grooves(GROOVES, Settings(fill_bars=(1, 2), voice_groups={"cymbals": False}))
    assert not res.loops[..., CRASH].any() and steps(res.loops, TOM)


def test_max_hits_holds_the_phrase_crashes_too(engine):
    none = engine.drumify_grooves(GROOVES, Settings(fill_every=1, max_hits={"crash": 0}))
    assert not none.loops[..., CRASH].any() and steps(none.loops, TOM)  # the fills stay
    one = engine.drumify_grooves(GROOVES, Settings(fill_bars=(1, 4), max_hits={"crash": 1}))
    assert steps(one.loops, CRASH) == {0: [0], 2: [0]}  # bar 1's crash, not bar 2's too; bar 5's


def test_fill_bars_the_part_does_not_play_are_said(engine):
    res = engine.drumify_grooves(GROOVES, Settings(fill_bars=(4, 8, 99)))  # 8 bars
    assert [m for m in res.messages if "fill bar" in m] == ["fill bar 99 is outside the part (bars 1-8): no fill there"]
    assert steps(res.loops, TOM) == {1: list(range(24, 32)), 3: list(range(24, 32))}  # bars 4 and 8 fill
    later = engine.drumify_grooves(GROOVES[2:], Settings(fill_bars=(2, 20)), bars=np.arange(2) * 2 + 5)
    assert any("fill bars 2, 20 are outside the part (bars 5-8)" in m for m in later.messages)
    assert not any("fill bar" in m for m in engine.drumify_grooves(GROOVES, Settings(fill_bars=(8,))).messages)


METERS = {"4/4": None, "3/4": ((0.0, 3, 4), (3.0, 3, 4)), "6/8": ((0.0, 6, 8), (3.0, 6, 8)),
          "12/8": ((0.0, 12, 8), (6.0, 12, 8))}


@pytest.fixture(scope="module")
def shipped_funk(shipped):
    """The shipped engine, and the grooves and bass of the bundled funk bass line's first 12 bars."""
    from reagroove.core import read_midi
    from reagroove.core.groove import extract_windows

    examples = Path(__file__).resolve().parents[1] / "core" / "examples"
    wins = extract_windows(read_midi(examples / "funk_bass.mid"), bars=(1, 12))
    return shipped, wins.grooves, wins.bass


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(list(METERS)), st.integers(0, 8), st.sets(st.integers(1, 14), max_size=4),
       st.sampled_from(["beat", "half", "bar"]), st.booleans(), st.sampled_from([None, 0.05, 1.0]),
       st.sampled_from([None, 3.0]), st.integers(0, 2**32 - 1), st.booleans())
def test_crashes_open_phrases_only_in_any_meter(shipped_funk, meter, fill_every, fill_bars, fill_length, opening,
                                                density, temperature, seed, hold):
    engine, grooves, bass = shipped_funk
    s = Settings(fill_every=fill_every, fill_bars=tuple(fill_bars), fill_length=fill_length, opening_crash=opening,
                 density=density, temperature=temperature, seed=seed, hold=hold)
    n = len(grooves)
    beats = 8.0 if METERS[meter] is None else 2 * METERS[meter][1][0]  # two bars a window
    res = engine.drumify_grooves(grooves, s, starts=np.arange(n) * beats, bars=np.arange(n) * 2 + 1,
                                 meters=None if METERS[meter] is None else [METERS[meter]] * n, bass=bass)
    bar_len = 16 if METERS[meter] is None else int(round(METERS[meter][1][0] * 4))
    starts = set(phrase_starts(s, 1, 2 * n, 1)) | ({1} if opening else set())
    want = {(w, m * bar_len) for w in range(n) for m in range(2) if 2 * w + m + 1 in starts}
    hits = res.loops[..., :9] > 0.5
    assert {(int(w), int(t)) for w, t in zip(*np.nonzero(hits[..., CRASH]))} == want
    assert not (hits[..., 2] & hits[..., 3]).any() and (hits[..., 1:].sum(-1) <= 2).all()
