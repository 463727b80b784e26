"""Loops and grooves: validation, the HVO layout, flattening to one voice."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reagroove.core import HVO_WIDTH, N_VOICES, STEPS, VOICES, Groove, Loop, LoopError, flatten_hvo


def zeros(shape=(STEPS, N_VOICES)):
    return np.zeros(shape, np.float32)


def one_hit_loop(step=3, voice=2, vel=0.5, off=0.1):
    h, v, o = zeros(), zeros(), zeros()
    h[step, voice], v[step, voice], o[step, voice] = 1, vel, off
    return h, v, o


# ---------------------------------------------------------------- constants


def test_layout_constants():
    assert STEPS == 32
    assert N_VOICES == 9 == len(VOICES)
    assert HVO_WIDTH == 27
    assert VOICES[:3] == ("kick", "snare", "closed_hat")
    assert VOICES[7:] == ("crash", "ride")


# ---------------------------------------------------------------- validation


def test_valid_loop_accepted():
    loop = Loop(*one_hit_loop())
    assert loop.n_hits == 1
    assert Loop.empty().n_hits == 0


@pytest.mark.parametrize("shape", [(32, 8), (16, 9), (32,), (9, 32), (1, 32, 9)])
def test_loop_wrong_shape(shape):
    with pytest.raises(LoopError) as err:
        Loop(np.zeros(shape), np.zeros(shape), np.zeros(shape))
    msg = str(err.value)
    assert "shape" in msg and "(32, 9)" in msg and str(tuple(shape)) in msg


def test_loop_velocity_above_one():
    h, v, o = one_hit_loop()
    v[3, 2] = 1.5
    with pytest.raises(LoopError) as err:
        Loop(h, v, o)
    msg = str(err.value)
    assert "velocities" in msg and "1.5" in msg and "(3, 2)" in msg


def test_loop_negative_velocity():
    h, v, o = one_hit_loop()
    v[3, 2] = -0.25
    with pytest.raises(LoopError, match="velocities"):
        Loop(h, v, o)


@pytest.mark.parametrize("bad", [0.6, -0.75, 3.0])
def test_loop_offset_out_of_range(bad):
    h, v, o = one_hit_loop()
    o[3, 2] = bad
    with pytest.raises(LoopError) as err:
        Loop(h, v, o)
    msg = str(err.value)
    assert "offsets" in msg and f"{bad:g}" in msg


@pytest.mark.parametrize("edge", [-0.5, 0.5])
def test_loop_offset_edges_accepted(edge):
    Loop(*one_hit_loop(off=edge))


@pytest.mark.parametrize("bad", [0.5, 0.999])
def test_loop_hits_not_binary(bad):
    h, v, o = one_hit_loop()
    h[3, 2] = bad
    with pytest.raises(LoopError, match="hits must be 0 or 1"):
        Loop(h, v, o)


@pytest.mark.parametrize("bad", [2.0, -1.0])
def test_loop_hits_out_of_range(bad):
    h, v, o = one_hit_loop()
    h[3, 2] = bad
    with pytest.raises(LoopError, match="hits"):
        Loop(h, v, o)


@pytest.mark.parametrize("part", ["velocity", "offset"])
def test_loop_value_without_hit(part):
    h, v, o = one_hit_loop()
    (v if part == "velocity" else o)[10, 0] = 0.25
    with pytest.raises(LoopError, match="no hit"):
        Loop(h, v, o)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_loop_non_finite(bad):
    h, v, o = one_hit_loop()
    v[3, 2] = bad
    with pytest.raises(LoopError, match="NaN or infinite"):
        Loop(h, v, o)


def test_loop_error_is_value_error():
    assert issubclass(LoopError, ValueError)


def test_from_hvo_wrong_shape():
    with pytest.raises(LoopError) as err:
        Loop.from_hvo(np.zeros((32, 26)))
    assert "(32, 27)" in str(err.value) and "(32, 26)" in str(err.value)


def test_groove_validation():
    z = np.zeros(STEPS)
    Groove(z, z, z)
    with pytest.raises(LoopError, match=r"\(32,\)"):
        Groove(np.zeros(31), np.zeros(31), np.zeros(31))
    h, v, o = z.copy(), z.copy(), z.copy()
    h[0], v[0] = 1, 1.2
    with pytest.raises(LoopError, match="velocities"):
        Groove(h, v, o)
    v[0], o[0] = 0.5, -0.7
    with pytest.raises(LoopError, match="offsets"):
        Groove(h, v, o)
    o[0], h[0] = 0.0, 0.3
    with pytest.raises(LoopError, match="hits must be 0 or 1"):
        Groove(h, v, o)
    h[0], v[0] = 0.0, 0.0
    o[5] = 0.1
    with pytest.raises(LoopError, match="no hit"):
        Groove(h, v, o)
    with pytest.raises(LoopError, match=r"\(32, 3\)"):
        Groove.from_array(np.zeros((32, 4)))


# ---------------------------------------------------------------- HVO layout and round trip


def test_hvo_layout():
    loop = Loop(*one_hit_loop(step=5, voice=4, vel=0.75, off=-0.25))
    hvo = loop.to_hvo()
    assert hvo.shape == (32, 27)
    expected = np.zeros((32, 27), np.float32)
    expected[5, 4], expected[5, 9 + 4], expected[5, 18 + 4] = 1.0, 0.75, -0.25
    np.testing.assert_array_equal(hvo, expected)
    back = Loop.from_hvo(expected)
    assert back.hits[5, 4] == 1 and back.velocities[5, 4] == 0.75 and back.offsets[5, 4] == -0.25


@st.composite
def loops(draw, midi_velocities=False):
    hits = draw(hnp.arrays(np.bool_, (STEPS, N_VOICES), elements=st.booleans()))
    if midi_velocities:
        # MIDI velocities and offsets in ticks of 1/120 step, as read from a file
        vel = draw(hnp.arrays(np.int64, (STEPS, N_VOICES), elements=st.integers(1, 127))).astype(np.float32) / 127
        off = draw(hnp.arrays(np.int64, (STEPS, N_VOICES), elements=st.integers(-60, 60))).astype(np.float32) / 120
    else:
        vel = draw(hnp.arrays(np.float32, (STEPS, N_VOICES), elements=st.floats(0, 1, width=32)))
        off = draw(hnp.arrays(np.float32, (STEPS, N_VOICES), elements=st.floats(-0.5, 0.5, width=32)))
    return Loop(hits.astype(np.float32), np.where(hits, vel, 0), np.where(hits, off, 0))


@settings(max_examples=40, deadline=None)
@given(loops())
def test_hvo_round_trip(loop):
    hvo = loop.to_hvo()
    assert hvo.shape == (STEPS, HVO_WIDTH)
    back = Loop.from_hvo(hvo)
    assert back == loop
    np.testing.assert_array_equal(back.hits, loop.hits)
    np.testing.assert_array_equal(back.velocities, loop.velocities)
    np.testing.assert_array_equal(back.offsets, loop.offsets)


def test_groove_array_round_trip():
    h, v, o = np.zeros(STEPS), np.zeros(STEPS), np.zeros(STEPS)
    h[[0, 7]], v[[0, 7]], o[[0, 7]] = 1, [0.3, 0.9], [0.2, -0.4]
    g = Groove(h, v, o)
    arr = g.to_array()
    assert arr.shape == (32, 3)
    np.testing.assert_array_equal(arr[7], np.float32([1, 0.9, -0.4]))
    assert Groove.from_array(arr) == g
    assert g.n_hits == 2


# ---------------------------------------------------------------- flattening


def test_flatten_loudest_voice_wins():
    h, v, o = zeros(), zeros(), zeros()
    # step 0: kick quiet and late, snare loud and early, hat in between
    h[0, [0, 1, 2]] = 1
    v[0, [0, 1, 2]] = [40 / 127, 100 / 127, 70 / 127]
    o[0, [0, 1, 2]] = [0.3, -0.2, 0.1]
    # step 9: one ride hit
    h[9, 8], v[9, 8], o[9, 8] = 1, 64 / 127, 0.45
    g = flatten_hvo(Loop(h, v, o).to_hvo()[None])
    assert g.shape == (1, 32, 3)
    np.testing.assert_allclose(g[0, 0], [1, 100 / 127, -0.2], atol=1e-6)
    np.testing.assert_allclose(g[0, 9], [1, 64 / 127, 0.45], atol=1e-6)
    silent = np.ones(32, bool)
    silent[[0, 9]] = False
    assert not g[0, silent].any()


def test_flatten_tie_goes_to_hit_nearest_grid():
    h, v, o = zeros(), zeros(), zeros()
    h[4, [1, 3]] = 1
    v[4, [1, 3]] = 0.5
    o[4, [1, 3]] = [0.3, -0.1]
    g = Loop(h, v, o).groove()
    assert isinstance(g, Groove)
    np.testing.assert_allclose(g.to_array()[4], [1, 0.5, -0.1], atol=1e-6)


def test_flatten_loudest_wins_with_unquantised_velocities():
    """Model output velocities are continuous: the loudest hit must still win, however far off the grid."""
    h, v, o = zeros(), zeros(), zeros()
    h[2, [0, 1]] = 1
    v[2, [0, 1]] = [0.5, 0.499]
    o[2, [0, 1]] = [0.45, 0.0]
    g = Loop(h, v, o).groove().to_array()
    np.testing.assert_allclose(g[2], [1, 0.5, 0.45], atol=1e-6)


def test_flatten_batch():
    loops_ = [Loop(*one_hit_loop(step=s, voice=s % 9, vel=0.25, off=0.0)) for s in (1, 2, 3)]
    hvo = np.stack([lp.to_hvo() for lp in loops_])
    g = flatten_hvo(hvo)
    assert g.shape == (3, 32, 3)
    for i, s in enumerate((1, 2, 3)):
        assert g[i, :, 0].sum() == 1 and g[i, s, 0] == 1 and g[i, s, 1] == 0.25


@settings(max_examples=40, deadline=None)
@given(loops(midi_velocities=True))
def test_flatten_property(loop):
    g = loop.groove().to_array()
    for s in range(STEPS):
        voices = np.nonzero(loop.hits[s])[0]
        if len(voices) == 0:
            assert g[s].tolist() == [0, 0, 0]
            continue
        vels = loop.velocities[s, voices]
        loudest = voices[vels == vels.max()]
        offs = loop.offsets[s, loudest]
        candidates = offs[np.abs(offs) == np.abs(offs).min()]
        assert g[s, 0] == 1
        assert g[s, 1] == vels.max()
        assert g[s, 2] in candidates
