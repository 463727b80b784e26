"""The pedal hat (jazz's hat foot on 2 and 4 under the ride, written on GM 44: limbs.foot_hat) is the left foot, not
a hand (limbs.one_drummer, the last pass of every drumify, and limb_report).

A step with the ride, a snare and the pedal hat was counted as three hands: one_drummer, the last pass of every
drumify, took the snare's or the foot's stroke there, and limb_report called it a step with more than two hands,
though the foot plays 44. A drummer plays the ride and the snare with his hands, the hat with his left foot and the
kick with his right, all on one step; the pedal hat still cannot sound with a stick's closed or open hat."""

import numpy as np

from reagroove.core.drummap import GM_DRUM_MAP, GM_PEDAL_HAT
from reagroove.core.limbs import foot_hat, limb_report, one_drummer
from reagroove.core.loop import N_VOICES, STEPS, VOICES

KICK, SNARE, CLOSED, OPEN, LOW_TOM, CRASH, RIDE = (VOICES.index(v) for v in ("kick", "snare", "closed_hat",
                                                                              "open_hat", "low_tom", "crash", "ride"))
BAR = 16
FOOT = [4, 12]  # 2 and 4


def riding(snare_level: float = 0.3, extra: tuple = ()) -> np.ndarray:
    """A jazz loop (1, 32, 27): the ride on the four beats, the pedal hat on 2 and 4, the kick on 1 and 2, a snare
    on 2 and 4 at snare_level; extra: (step in the bar, voice, level) more in every bar."""
    out = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    for start in range(0, STEPS, BAR):
        notes = [*((b, RIDE, 0.7) for b in (0, 4, 8, 12)), *((f, CLOSED, 0.45) for f in FOOT),
                 *((f, SNARE, snare_level) for f in FOOT), (0, KICK, 0.6), (4, KICK, 0.5), *extra]
        for step, voice, level in notes:
            out[0, start + step, [voice, N_VOICES + voice]] = (1.0, level)
    return out


def test_the_foot_plays_beside_the_ride_the_snare_and_the_kick():
    loop = riding()
    assert foot_hat(loop[..., :N_VOICES] > 0.5)[0, FOOT].all()  # (the hat here is the foot's)
    out = one_drummer(loop)
    hits = out[0, :, :N_VOICES] > 0.5
    for start in range(0, STEPS, BAR):
        for f in FOOT:  # before: the soft snare went (the ride and the foot ranked above it)
            assert hits[start + f, [RIDE, SNARE, CLOSED]].all(), (start + f, np.flatnonzero(hits[start + f]))
        assert hits[start + 4, KICK]  # (and the right foot)
    np.testing.assert_array_equal(out, loop)  # nothing to take away
    assert limb_report(loop[..., :N_VOICES] > 0.5)["over_two_hands"] == 0  # before: 4 of 12 hand steps
    pitches = GM_DRUM_MAP.pitches(hits)
    assert (pitches[hits[:, CLOSED], CLOSED] == GM_PEDAL_HAT).all()  # written on the pedal hat


def test_three_sticks_beside_the_foot_are_still_two_hands():
    loop = riding(extra=((4, LOW_TOM, 0.2), (12, LOW_TOM, 0.2)))  # the ride, the snare and a tom on 2 and 4
    out = one_drummer(loop)
    hits = out[0, :, :N_VOICES] > 0.5
    sticks = hits[:, [SNARE, LOW_TOM, RIDE]].sum(1)
    assert (sticks <= 2).all()
    assert hits[[f + s for s in (0, BAR) for f in FOOT], CLOSED].all()  # the foot keeps its beat
    assert not hits[:, LOW_TOM].any()  # the softest stick went
    assert limb_report(hits[None])["over_two_hands"] == 0


def test_a_stick_on_the_hat_is_still_a_hand():
    """A hat keeping time in 8ths is played with a stick: beside the ride and the snare it is a third hand."""
    loop = riding()
    loop[0, ::2, CLOSED], loop[0, ::2, N_VOICES + CLOSED] = 1.0, 0.45  # the hat on every 8th: no foot
    hits = loop[..., :N_VOICES] > 0.5
    assert not foot_hat(hits).any()
    assert limb_report(hits)["over_two_hands"] > 0
    out = one_drummer(loop)[0, :, :N_VOICES] > 0.5
    assert (out[:, [SNARE, CLOSED, OPEN, RIDE]].sum(1) <= 2).all()


def test_jazz_lays_the_foot_beside_two_sticks():
    """comping.ride_time lays the foot on 2 and 4 in every riding bar: a crash accenting 4 beside the ride had taken
    it (the foot given way as if it were a third hand), "---- x--- ---- ----"."""
    from reagroove.core.comping import ride_time

    loop = riding(extra=((12, CRASH, 0.8),))
    loop[..., SNARE] = loop[..., N_VOICES + SNARE] = 0.0  # (no snare: the ride, a crash on 4 and the foot)
    loop[..., CLOSED] = loop[..., N_VOICES + CLOSED] = 0.0  # (the foot laid by the rule)
    out = one_drummer(ride_time(loop, np.ones(1, bool)))
    hits = out[0, :, :N_VOICES] > 0.5
    for start in range(0, STEPS, BAR):
        assert np.flatnonzero(hits[start:start + BAR, CLOSED]).tolist() == FOOT, np.flatnonzero(hits[:, CLOSED])
        assert hits[start + 12, [RIDE, CRASH]].all()  # (the two sticks stay)


def test_a_hat_left_without_the_ride_keeping_time_is_a_stick_again():
    """The foot is the hat's only while the ride keeps time (on half the loop's beats: foot_hat). Here the ride plays
    1-4 of bar 1 and 1 of bar 2, the hat 2 and 4 of both: on bar 1's 1 a crash and an accented snare, on bar 2's 1
    the fill's snare and tom, each louder than the ride, take both hands, and the ride is left on 3 of 8 beats. Its
    hat then is a stick's (written on 42, not 44): on bar 2's 2 and 4, beside the fill's snare and tom, it is a
    third stick, and one of the three goes (kept as the foot, the trimmed loop had three sticks on two steps)."""
    loop = riding(extra=((0, CRASH, 0.9), (0, SNARE, 0.9)))
    loop[0, BAR:, :] = 0.0
    fill = [(0, RIDE, 0.4), (0, SNARE, 0.9), (0, LOW_TOM, 0.8), *((f, CLOSED, 0.45) for f in FOOT),
            *((f, SNARE, 0.8) for f in FOOT), *((f, LOW_TOM, 0.7) for f in FOOT)]
    for step, voice, level in fill:
        loop[0, BAR + step, [voice, N_VOICES + voice]] = (1.0, level)
    assert foot_hat(loop[..., :N_VOICES] > 0.5)[0, FOOT].all()  # (as drawn, the ride on 5 of 8 beats: the foot)
    hits = one_drummer(loop)[0, :, :N_VOICES] > 0.5
    assert hits[[0, BAR], RIDE].sum() == 0 and not foot_hat(hits[None]).any()  # (the ride trimmed: no foot)
    assert limb_report(hits[None])["over_two_hands"] == 0
    for f in FOOT:
        assert hits[BAR + f, [SNARE, LOW_TOM, CLOSED]].sum() == 2, np.flatnonzero(hits[BAR + f])
