"""One drummer's limbs (core/limbs.py): whatever the network scores, the loop is playable."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from reagroove.core.limbs import (CLOSED_HAT, HANDS, KICK, MAX_KICKS, N_VOICES, SNARE, crowded, full_sixteenths,
                                  ghost_snares, kick_limit, kick_on_one, kick_on_three, limb_report, one_backbeat, playable,
                                  steady_hands)
from reagroove.core.tempering import one_take, steady_time

CLOSED, OPEN, CRASH, RIDE = 2, 3, 7, 8


def check_playable(hits, crash=None):
    assert not (hits[..., CLOSED] & hits[..., OPEN]).any()
    assert (hits[..., HANDS].sum(-1) <= 2).all()
    assert not hits[:, 1:, CRASH].any()
    # one hand keeps time: steady closed hats (half the 8ths or more, some off the beats) and the ride never
    # meet off the beats (on a beat, a closed hat beside the ride is its foot)
    off_beats = np.arange(32) % 4 != 0
    steady = (hits[:, ::2, CLOSED].sum(1) >= 8) & hits[:, off_beats, CLOSED].any(1)
    assert not (hits[steady][:, off_beats, CLOSED] & hits[steady][:, off_beats, RIDE]).any()
    if crash is not None:
        crash = np.asarray(crash)
        assert not hits[crash == 0, 0, CRASH].any()


@settings(max_examples=200, deadline=None)
@given(arrays(np.bool_, (3, 32, 9)), arrays(np.float32, (3, 32, 9), elements=st.floats(-5, 5, width=32)),
       st.one_of(st.none(), st.lists(st.sampled_from([-1, 0, 1]), min_size=3, max_size=3)), st.booleans())
def test_any_loop_becomes_playable(hits, score, crash, three_voices):
    if three_voices:  # kick, snare and closed hat alone: the most common band loop, already playable
        hits[..., OPEN:] = False
    out = playable(hits, score, None if crash is None else np.array(crash))
    check_playable(out, crash)
    if three_voices and (crash is None or 1 not in crash):  # no crash asked for: nothing to change
        assert np.array_equal(out, hits)
    if crash is None:
        crash = [-1] * 3
    # the kick is a foot: never touched
    assert np.array_equal(out[..., 0], hits[..., 0])
    # nothing appears from nowhere except a crash asked for and time-keeping crashes moved to the ride
    extra = out & ~hits
    extra[:, 0, CRASH] = False
    extra[..., RIDE] &= hits[..., CRASH]
    assert not (extra & ~(np.arange(9) == RIDE)).any()
    assert out[np.array(crash) == 1, 0, CRASH].all()


def test_the_likelier_hat_and_the_two_likeliest_hands_stay():
    hits = np.zeros((1, 32, 9), bool)
    score = np.zeros((1, 32, 9), np.float32)
    hits[0, 0, [CLOSED, OPEN]] = True
    score[0, 0, [CLOSED, OPEN]] = [0.2, 0.9]
    hits[0, 4, [1, CLOSED, 4, 5]] = True  # snare, hat, two toms: four hands
    score[0, 4, [1, CLOSED, 4, 5]] = [3.0, 2.0, 0.5, 0.1]
    out = playable(hits, score)
    assert out[0, 0, OPEN] and not out[0, 0, CLOSED]
    assert out[0, 4, 1] and out[0, 4, CLOSED] and not out[0, 4, 4] and not out[0, 4, 5]


def test_time_keeping_crashes_move_to_the_ride_and_the_phrase_crash_stays():
    hits = np.zeros((2, 32, 9), bool)
    hits[:, ::4, CRASH] = True  # a crash on every beat
    score = np.ones((2, 32, 9), np.float32)
    out = playable(hits, score, crash=np.array([1, 0]))
    assert out[0, 0, CRASH] and not out[1, 0, CRASH]
    assert out[:, 4::4, RIDE].all() and out[:, 1:, CRASH].sum() == 0
    assert limb_report(out)["crash_off_downbeat"] == 0


def test_one_hand_keeps_time_a_ride_beside_steady_hats_goes():
    hits = np.zeros((2, 32, 9), bool)
    hits[:, ::2, CLOSED] = True  # steady 8th hats in both loops...
    hits[0, ::8, RIDE] = True  # ...and a ride on beats 1 and 3 in the first
    hits[1, ::2, CLOSED] = False
    hits[1, 4::8, CLOSED] = True  # the second: hat foot on 2 and 4 under a ride that keeps time
    hits[1, ::2, RIDE] = True
    out = playable(hits, np.ones((2, 32, 9), np.float32))
    assert out[0, ::2, CLOSED].all() and not out[0, :, RIDE].any()
    assert np.array_equal(out[1], hits[1])


def test_a_ride_likelier_than_the_hats_meeting_it_keeps_time():
    """A jazz ride asked for more hits: the count adds closed hats on the ride's own steps (the pedal hat's
    voice in GMD). The ride, the likelier of the two, keeps its pattern; the hats it meets off the beats go,
    those on the beats stay (the foot's chick). Where the hats are likelier, the ride beside them goes."""
    hits = np.zeros((2, 32, 9), bool)
    ride = np.zeros(32, bool)
    ride[0::4] = ride[3::4] = True  # "ding, ding-a ding": the beats and the swung skip notes
    hits[:, :, RIDE] = ride
    hits[:, :, CLOSED] = ride  # closed hats on the same steps
    score = np.ones((2, 32, 9), np.float32)
    score[0, :, RIDE], score[0, :, CLOSED] = 2.0, 0.5  # loop 0: the ride is likelier
    score[1, :, RIDE], score[1, :, CLOSED] = 0.5, 2.0  # loop 1: the hats are
    out = playable(hits, score)
    beats = np.arange(32) % 4 == 0
    assert np.array_equal(out[0, :, RIDE], ride) and np.array_equal(out[0, :, CLOSED], beats)
    assert np.array_equal(out[1, :, CLOSED], ride) and not out[1, :, RIDE].any()
    check_playable(out)


def test_a_voice_that_is_off_is_not_forced():
    hits = np.zeros((1, 32, 9), bool)
    on = np.ones(9, bool)
    on[[CRASH, RIDE]] = False
    out = playable(hits, np.zeros((1, 32, 9), np.float32), crash=np.array([1]), voice_on=on)
    assert not out.any()


def test_one_take_pulls_each_window_toward_its_take_and_leaves_the_rest():
    p = np.zeros((4, 32, 9), np.float32)
    p[0, 0, 0], p[1, 0, 0], p[2, 0, 0], p[3, 0, 0] = 1.0, 0.0, 0.8, 0.3
    out = one_take(p, np.array([5, 5, -1, 7]), 0.5)
    assert out[0, 0, 0] == pytest.approx(0.75) and out[1, 0, 0] == pytest.approx(0.25)  # take 5's mean is 0.5
    assert out[2, 0, 0] == pytest.approx(0.8) and out[3, 0, 0] == pytest.approx(0.3)  # alone; a take of one
    per_voice = np.zeros(9, np.float32)
    per_voice[1] = 1.0  # only the snare follows the take
    q = p.copy()
    q[0, 0, 1] = 1.0  # a snare in the first window only
    out = one_take(q, np.zeros(4, int), per_voice)
    assert np.allclose(out[:, 0, 1], 0.25) and np.allclose(out[:, 0, 0], q[:, 0, 0])
    assert one_take(p, None, 0.9) is p and one_take(p, np.zeros(4, int), 0.0) is p


def test_sections_and_meters_start_new_takes():
    from reagroove.core.meter import PLAIN
    from reagroove.core.sections import section_takes

    bars = np.array([1, 3, 5, 7, 9])
    assert section_takes(bars, None).tolist() == [0, 0, 0, 0, 0]
    assert section_takes(bars, None, [5]).tolist() == [0, 0, 1, 1, 1]
    waltz = ((0.0, 3, 4), (3.0, 3, 4))
    assert section_takes(bars, [PLAIN, None, waltz, waltz, PLAIN]).tolist() == [0, 0, 1, 1, 0]


def test_takes_given_to_the_batch_api_are_checked():
    from reagroove.core.conditioning import Conditioning
    from reagroove.core.settings import SettingsError

    assert Conditioning.of(3, take=[0.0, 0.0, 1.0]).take.tolist() == [0, 0, 1]
    for bad in ([0, 1], [0.5, 0, 0], ["a", "b", "c"], [0, np.nan, 1]):
        with pytest.raises(SettingsError, match="take must be one whole number per loop"):
            Conditioning.of(3, take=bad)


def test_the_time_keeper_is_made_steady_on_the_8ths_or_on_the_beats():
    p = np.full((3, 32, 9), 0.05, np.float32)
    # loop 0: a confident hat that drops out on some 8ths -> every 8th at least the 8ths' average
    p[0, ::2, CLOSED] = np.tile([0.9, 0.9, 0.1, 0.9], 4)
    # loop 1: a hat sure of the beats, unsure of the 8ths between (what a straight-8th bass line gave):
    # beat 3 had fallen below a 0.34 threshold; the beats' floor brings it back, the 8ths between stay
    p[1, ::2, CLOSED] = np.tile([0.36, 0.32, 0.36, 0.32, 0.31, 0.32, 0.37, 0.32], 2)
    # loop 2: the ride is the likelier time-keeper; the hat is left alone
    p[2, ::2, RIDE] = np.tile([0.8, 0.2], 8)
    p[2, ::4, CLOSED] = 0.3
    out = steady_time(p, 1.0)
    assert (out[0, ::2, CLOSED] >= p[0, ::2, CLOSED].mean() - 1e-6).all()
    assert (out[1, ::4, CLOSED] > 0.34).all() and (out[1, 2::4, CLOSED] < 0.34).all()
    assert (out[2, ::4, RIDE] >= 0.8 - 1e-6).all() and (out[2, ::2, RIDE] >= 0.5 - 1e-6).all()
    np.testing.assert_array_equal(out[2, :, CLOSED], p[2, :, CLOSED])
    assert (out >= p).all()  # it only adds
    np.testing.assert_array_equal(steady_time(p, 0.0), p)


def test_a_busy_snare_plays_ghost_notes_around_the_backbeat():
    loops = np.zeros((3, 32, 27), np.float32)
    for i, steps in enumerate(([4, 12, 3, 7, 10, 14], [4, 12, 7, 14], [4, 12, 3, 7, 10, 14])):
        loops[i, steps, SNARE] = 1
        loops[i, steps, N_VOICES + SNARE] = 0.8
    loops[0, 4, N_VOICES + SNARE] = 0.9
    out = ghost_snares(loops, np.array([True, True, False]))
    v = out[..., N_VOICES + SNARE]
    assert np.allclose(v[0, [3, 7, 10, 14]], 0.45 * 0.9) and v[0, 4] == 0.9 and v[0, 12] == 0.8  # bar 1: 4 off the backbeat
    assert np.array_equal(out[1], loops[1])  # two off the backbeat: accents, left alone
    assert np.array_equal(out[2], loops[2])  # not asked for (a fill)
    assert np.array_equal(out[..., :N_VOICES], loops[..., :N_VOICES])  # the hits themselves never change


def test_a_bar_keeps_its_backbeat_not_half_time_too():
    hits = np.zeros((2, 32, 9), bool)
    hits[:, [4, 8, 12, 20, 24, 28], SNARE] = True  # both bars of both loops: snares on 2, 3 and 4
    hits[:, 28, SNARE] = False  # the second bar: beats 2 and 3, half a backbeat
    out = one_backbeat(hits, np.array([True, False]))
    assert np.nonzero(out[0, :, SNARE])[0].tolist() == [4, 12, 20, 28]  # beat 3 goes where 2 and 4 stay
    assert np.array_equal(out[1], hits[1])  # not asked for (a fill keeps its snares)
    assert np.array_equal(np.delete(out, SNARE, -1), np.delete(hits, SNARE, -1))
    hits[:, :, SNARE] = False
    hits[:, [12, 20], SNARE] = True  # a snare on 4, then on 2: each bar's backbeat completed
    assert np.nonzero(one_backbeat(hits)[0, :, SNARE])[0].tolist() == [4, 12, 20, 28]


def test_more_hits_never_put_a_kick_on_every_16th():
    rng = np.random.default_rng(0)
    score = rng.normal(size=(4, 32, 9)).astype(np.float32)
    out = kick_limit(score)
    kept = np.isfinite(out[..., KICK]).reshape(4, 2, 16)
    assert (kept.sum(-1) == MAX_KICKS).all()  # each bar keeps its likeliest kicks, no more
    best = np.sort(score[..., KICK].reshape(4, 2, 16), -1)[..., -MAX_KICKS:]
    assert np.array_equal(np.sort(out[..., KICK].reshape(4, 2, 16), -1)[..., -MAX_KICKS:], best)
    assert np.array_equal(out[..., 1:], score[..., 1:])  # the other voices untouched


def test_a_thinner_time_keeper_keeps_its_pulse():
    hits = np.zeros((3, 32, 9), bool)
    hits[:, [0, 4, 12], CLOSED_HAT] = True  # bar 1: hat on 3 of 4 beats
    hits[:, [16, 18, 20, 24, 26, 28], RIDE] = True  # bar 2: ride on 6 of 8 8ths
    hits[:, [4, 12, 20, 28], SNARE] = True
    hits[1, 8, [SNARE, 4]] = True  # loop 1: both hands busy on beat 3
    out = steady_hands(hits, np.array([True, True, False]), np.ones((3, 9), bool))
    step = lambda i, v: np.nonzero(out[i, :, v])[0].tolist()  # noqa: E731
    assert step(0, CLOSED_HAT) == [0, 4, 8, 12] and step(0, RIDE) == [16, 18, 20, 22, 24, 26, 28, 30]
    assert step(1, CLOSED_HAT) == [0, 4, 12]  # no free hand on beat 3: left as it was
    assert np.array_equal(out[2], hits[2])  # not asked for
    assert limb_report(out)["over_two_hands"] == 0
    two = np.zeros((1, 32, 9), bool)
    two[0, [0, 12], CLOSED_HAT] = True  # bar 1: beats 1 and 4, no pulse
    two[0, [16, 24], CLOSED_HAT] = True  # bar 2: half notes, a pulse of its own
    assert np.nonzero(steady_hands(two)[0, :, CLOSED_HAT])[0].tolist() == [0, 4, 8, 12, 16, 24]
    muted = np.ones((3, 9), bool)
    muted[:, CLOSED_HAT] = False  # hats switched off: never added
    assert np.nonzero(steady_hands(hits, None, muted)[0, :, CLOSED_HAT])[0].tolist() == [0, 4, 12]


def test_a_time_keeper_on_nearly_every_16th_plays_them_all():
    hits = np.zeros((4, 32, 9), bool)
    hits[:, :, CLOSED] = True
    hits[:, [15, 31], CLOSED] = False  # each bar's last 16th skipped
    hits[:, [4, 12, 14, 20, 28], SNARE] = True
    hits[1, 14, CLOSED] = False  # loop 1: bar 1 on 14 of 16; step 14 under a snare and a tom, 15 a tom
    hits[1, [14, 15], 5] = True
    hits[2, 16:, CLOSED] = False  # loop 2: bar 2 on 13 of its 16ths, on the ride
    hits[2, 16:29, RIDE] = True
    hits[3, :, CLOSED] = False  # loop 3: a 12-hit figure, three of each beat's four: a pattern, left alone
    hits[3, np.arange(32) % 4 != 1, CLOSED] = True
    out = full_sixteenths(hits, None, np.ones((4, 9), bool))
    step = lambda i, v: np.nonzero(out[i, :, v])[0].tolist()  # noqa: E731
    assert step(0, CLOSED) == list(range(32))
    assert step(1, CLOSED) == [s for s in range(32) if s != 14]  # no free hand on 14: left as it was
    assert step(1, 5) == [14, 15]
    assert step(2, RIDE) == list(range(16, 29))  # 13 of 16: a figure of its own
    assert np.array_equal(out[3], hits[3])
    assert limb_report(out)["over_two_hands"] == 0
    assert np.array_equal(full_sixteenths(hits, np.array([False, True, True, True]))[0], hits[0])  # not asked for
    muted = np.ones((4, 9), bool)
    muted[:, CLOSED] = False  # hats switched off: never added
    assert np.array_equal(full_sixteenths(hits, None, muted), hits)
    hits[0, [15, 31], OPEN] = True  # an open hat on the last 16th: the time is whole, nothing added beside it
    assert np.array_equal(full_sixteenths(hits)[0], hits[0])


@settings(max_examples=300, deadline=None)
@given(arrays(np.float32, (3, 32, 9), elements=st.floats(0, 1, width=32)), arrays(np.bool_, (3, 32, 9)),
       st.sampled_from([0.5, 1.0, 1.7]), arrays(np.bool_, (3,)), st.booleans(), st.integers(0, 2**32 - 1))
def test_a_loop_alone_is_played_as_in_a_batch(probs, hits, boost, which, hat_like_ride, seed):
    """Live and the panel generate one loop at a time, a file is drummed in batches: the one-loop quick paths
    (steady time, the backbeat's look, the flat-velocity look) give what the batch gives that loop."""
    from reagroove.core.dynamics import accents

    if hat_like_ride:  # ties between the hat's and the ride's means choose the hat, alone as in the batch
        probs[..., RIDE] = probs[..., CLOSED]
    batch = steady_time(probs, boost)
    backbeats = one_backbeat(hits, which)
    vel = np.where(hits, np.float32(0.6), np.float32(0))  # a flat part: the accents change it
    vel[0] = np.where(hits[0], probs[0], 0)  # and one with dynamics of its own
    loops = np.concatenate([hits, vel, np.zeros_like(vel)], -1).astype(np.float32)
    accented = accents(loops, which)
    rng = np.random.default_rng(seed)  # uniform draws (hypothesis's arrays are mostly one value)
    busy = np.zeros_like(hits)  # hi-hats, open or closed, on about 14 of 16 steps, with free hands to fill
    busy[..., CLOSED] = rng.random((3, 32)) < 0.6
    busy[..., OPEN] = ~busy[..., CLOSED] & (rng.random((3, 32)) < 0.75)
    busy[..., [KICK, SNARE]] = rng.random((3, 32, 2)) < 0.3
    sixteenths = full_sixteenths(busy, which)
    keeping = np.zeros_like(hits)  # a time-keeper with holes (or none), and a snare: the density rules' loops
    keeping[..., CLOSED] = rng.random((3, 32)) < np.repeat(rng.uniform(-0.2, 0.9, (3, 2)), 16, 1)  # per bar: some empty
    keeping[..., RIDE] = rng.random((3, 32)) < np.repeat(rng.uniform(-0.5, 0.6, (3, 2)), 16, 1)
    keeping[..., SNARE] = rng.random((3, 32)) < 0.2
    keeping = playable(keeping, probs)
    steady = steady_hands(keeping, which)
    counted = hits | (rng.random((3, 32, 9)) < rng.uniform(0, 0.6, (3, 1, 1)))  # crowded bars or not, bars with no kick
    crowd = crowded(counted, which)
    kicks = [kick_on_one(probs, h, which) for h in (hits, counted)]
    for i in range(3):
        assert np.array_equal(full_sixteenths(busy[i : i + 1], which[i : i + 1])[0], sixteenths[i])
        assert np.array_equal(steady_hands(keeping[i : i + 1], which[i : i + 1])[0], steady[i])
        assert crowded(counted[i : i + 1], which[i : i + 1])[0] == crowd[i]
        for h, together in zip((hits, counted), kicks):
            alone = kick_on_one(probs[i : i + 1], h[i : i + 1], which[i : i + 1])
            assert np.array_equal(probs[i] if alone is None else alone[0], probs[i] if together is None else together[i])
        assert np.array_equal(steady_time(probs[i : i + 1], boost)[0], batch[i])
        assert np.array_equal(one_backbeat(hits[i : i + 1], which[i : i + 1])[0], backbeats[i])
        assert np.array_equal(accents(loops[i : i + 1], which[i : i + 1])[0], accented[i])


def test_a_thinned_kick_keeps_beat_3():
    """Bar 1 kept 1, 2& and 4& (no 3): its weakest push moves to 3. Bar 2 has its 3 already; a bar of one kick,
    a loop not asked (a fill) and a kick muted there (score -inf) are left alone."""
    hits = np.zeros((3, 32, 9), bool)
    hits[:, [0, 6, 14], KICK] = True  # bar 1: 1, 2&, 4&
    hits[:, [16, 24, 30], KICK] = True  # bar 2: 1, 3, 4&
    score = np.zeros((3, 32, 9), np.float32)
    score[:, 6, KICK], score[:, 14, KICK] = 2.0, 1.0  # 4& the weakest
    score[2, 8, KICK] = -np.inf
    out = kick_on_three(hits, score, np.array([True, False, True]))
    assert np.flatnonzero(out[0, :, KICK]).tolist() == [0, 6, 8, 16, 24, 30]
    assert np.array_equal(out[1:], hits[1:])
    one = np.zeros((1, 32, 9), bool)
    one[0, [0, 16], KICK] = True
    assert np.array_equal(kick_on_three(one, np.zeros((1, 32, 9), np.float32), np.array([True])), one)
    # a half-time bar, its snare on 3: the kick stays off it (it had hit with the snare, beat 4 left empty)
    half = np.zeros((1, 32, 9), bool)
    half[0, [0, 6, 14, 16, 22, 30], KICK] = True
    half[0, [8, 24], SNARE] = True
    assert np.array_equal(kick_on_three(half, np.zeros((1, 32, 9), np.float32), np.array([True])), half)
    assert np.array_equal(kick_on_three(np.repeat(half, 2, 0), np.zeros((2, 32, 9), np.float32),
                                        np.array([True, True])), np.repeat(half, 2, 0))
