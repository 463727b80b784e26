"""A trap 808 line's kicks as a trap producer hears them: the kick doubles the 808's attacks and leaves its held
notes alone (the network had put a kick on the bar's 3 under a note struck on the "a" of 2, a 16th after the kick
that doubled it), in drumify and in its versions; and in half time the kick lands on the 808's 16th pickups (the
loop laid at half speed had put it a 16th early, a flam against the 808). On the shipped model with a made 808 line
at 145 BPM, and on made loops for a rock bass at 100 and a part with no bass (left as they were)."""

import numpy as np
import pytest

from reagroove.core.feel import half_time_bar, trap_tempo
from reagroove.core.loop import HVO_WIDTH, N_VOICES, STEPS, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings
from reagroove.core.trap_kicks import bass_line, kick_with_bass

KICK = VOICES.index("kick")
# the 808, each bar: the 1, the "a" of 2, the "and" of 3 an octave up, the "a" of 4, each held 1.2 beats (into the
# next note: an 808's tail); the keys hold a chord on each 1
TRAP_BAR = ((0.0, 36), (1.75, 36), (2.5, 48), (3.75, 36))
HELD = 1.2
BARS = 8


def trap_part(make_midi, bpm=145, held=HELD):
    notes = [(4 * b + t, pitch, 100, 0) for b in range(BARS) for t, pitch in TRAP_BAR]
    notes += [(4 * b, p, 60, 1) for b in range(BARS) for p in (60, 63, 67)]
    return read_midi(make_midi(sorted(notes), f"trap_{bpm}.mid", tempos=((0, float(bpm)),), length=held))


def song_steps(result, loops):
    """{16th step of the song: kick played} over the windows' real grid."""
    kicks = {}
    for start, loop in zip(np.asarray(result.starts, np.float64), loops):
        for i in range(STEPS):
            kicks[round(start * 4) + i] = kicks.get(round(start * 4) + i, False) or bool(loop[i, KICK] > 0.5)
    return kicks


def attacks_and_tails(held=HELD):
    """The 808's struck 16ths, and those its notes ring over without a new attack (as a drummer counts them)."""
    struck = {round((4 * b + t) * 4) for b in range(BARS) for t, _ in TRAP_BAR}
    tails = {s for b in range(BARS) for t, _ in TRAP_BAR
             for s in range(round((4 * b + t) * 4) + 1, 4 * BARS * 4) if s < (4 * b + t + held) * 4 - 0.5}
    return struck, tails - struck


def test_the_kick_plays_no_808_sustain_in_drumify_or_its_versions(shipped, make_midi):
    part = trap_part(make_midi)
    result = shipped.drumify(part, Settings())
    struck, tails = attacks_and_tails()
    for loops in (result.loops, *shipped.variations_of(result, Settings(), 2)):
        kicks = song_steps(result, loops)
        under = sorted(s for s in tails if kicks.get(s) and s % 16)  # a bar's 1 keeps its anchor
        assert not under, f"kicks under the held 808 on 16ths {under}"
        assert sum(kicks.get(s, False) for s in struck) >= len(struck) // 2  # still doubling the 808


def test_a_short_808_keeps_the_networks_kicks(shipped, make_midi):
    """The same attacks played short: the kick between them is under no sustain, and stays where the network put it."""
    held = shipped.drumify(trap_part(make_midi), Settings()).loops[:, :, KICK] > 0.5
    short = shipped.drumify(trap_part(make_midi, held=0.2), Settings()).loops[:, :, KICK] > 0.5
    assert (short & ~held).any()  # the kicks the held notes took away
    assert not (held & ~short).any()


def test_half_time_kicks_land_on_the_808s_sixteenths(shipped, make_midi):
    part = trap_part(make_midi)
    result = shipped.drumify(part, Settings(feel="half"))
    struck, _ = attacks_and_tails()
    kicks = song_steps(result, result.loops)
    flams = sorted(s for s in struck if s % 2 and kicks.get(s - 1) and not kicks.get(s) and s - 1 not in struck)
    assert not flams, f"kicks a 16th before the 808's attacks on 16ths {flams}"
    assert any(kicks.get(s) for s in struck if s % 2)  # the 808's pickups on the "a" have their kick


def one_window(kick_steps, bass_steps, ringing_steps=()):
    loops = np.zeros((1, STEPS, HVO_WIDTH), np.float32)
    loops[0, kick_steps, KICK] = 1.0
    loops[0, kick_steps, N_VOICES + KICK] = 0.8
    bass = np.zeros((1, STEPS, 3), np.float32)
    bass[0, bass_steps, 0] = 1.0
    sounding = np.zeros((1, STEPS), np.float32)
    sounding[0, [*bass_steps, *ringing_steps]] = 0.8
    return loops, bass, sounding


@pytest.mark.parametrize("bpm", [100, 174])
def test_kicks_under_a_held_bass_off_trap_tempos_stay(bpm):
    """A rock bass at 100 (or drum'n'bass at 174) holding its notes under a kick on 1 and 3: drummers play it."""
    loops, bass, sounding = one_window([0, 8, 16, 24], [0, 7, 16, 23], [1, 2, 3, 8, 9, 17, 18, 24, 25])
    line = bass_line(bass, sounding, None, np.array([float(bpm)]), False)
    before = loops.copy()
    kick_with_bass(loops, line, None, None)
    np.testing.assert_array_equal(loops, before)


def test_a_trap_kick_under_the_sustain_moves_onto_its_attack_or_rests():
    # the 808 struck on the "and" of 2 (step 6) and on 4 (step 12), ringing on; kicks on 3, 4 and the "and" of 4
    loops, bass, sounding = one_window([0, 8, 12, 14, 16], [0, 6, 12, 16, 19, 22, 25, 27], [7, 8, 13, 14, 15])
    line = bass_line(bass, sounding, None, np.array([145.0]), False)
    assert line.trap.all()
    kick_with_bass(loops, line, None, None)
    assert np.flatnonzero(loops[0, :, KICK] > 0.5).tolist() == [0, 6, 12, 16]
    assert loops[0, 6, N_VOICES + KICK] == pytest.approx(0.8)  # the kick as loud as it was


def test_half_time_kick_moves_only_onto_a_bass_sixteenth():
    loops, bass, _ = one_window([0, 6, 10, 16], [1, 7, 10, 16])
    loops[0, 6, 2 * N_VOICES + KICK] = 0.3  # the kick a little late on its 8th; the bass a little early on its 16th
    bass[0, 7, 2] = -0.2
    bars = (half_time_bar(0.0), half_time_bar(4.0))
    kick_with_bass(loops, bass_line(bass, None, [bars], np.array([90.0]), False), [bars], None)
    # the 1 keeps its anchor (the bass on its "e"), the kick on the "and" of 2 moves onto the bass's "a" of 2
    assert np.flatnonzero(loops[0, :, KICK] > 0.5).tolist() == [0, 7, 10, 16]
    assert loops[0, 7, 2 * N_VOICES + KICK] == pytest.approx(-0.2)  # with the bass note, not 0.3 of a step after it


def test_a_shuffle_at_trap_tempo_is_not_told_half_time_nor_loses_its_kicks(shipped, make_midi):
    """A shuffle at 140 (its bass on 1, the swung "and" of 2, 3, the swung "and" of 4; the keys comping swung 8ths):
    its off-beats land on the beat's "a" as a trap 808's 16ths do, but no trap producer plays a shuffle in half
    time, and its kick under the walking bass is the shuffle's (the hint had said half time to a swung blues)."""
    bass = [(4 * b + t, 36, 100, 0) for b in range(BARS) for t in (0.0, 1 + 2 / 3, 2.0, 3 + 2 / 3)]
    keys = [(b + t, p, 60, 1) for b in range(4 * BARS) for t in (0.0, 2 / 3) for p in (60, 64)]
    swung = read_midi(make_midi(sorted(bass + keys), "shuffle_140.mid", tempos=((0, 140.0),), length=0.6))
    result = shipped.drumify(swung, Settings())
    assert not any("808" in m for m in result.messages)
    line = bass_line(result.bass, result.bass_sounding, result.meters, result.bpm, False)
    assert line is not None and line.trap.all()  # the bass alone reads as an 808 line: the part's swing tells it apart
    assert bass_line(result.bass, result.bass_sounding, result.meters, result.bpm, False, swing=0.66) is None


def test_a_drone_with_bursts_of_straight_sixteenths_is_no_808_line_and_keeps_its_kicks():
    """freedoom's d_e4m9 at 160: a whole-note drone, a chord every two bars, and two bursts of straight 16ths. Half
    of a 16th run is on the e's and a's, so it had read as a syncopated 808 line, and the kick under the drone went
    in every bar (394 kicks down to 125)."""
    windows = 12
    bass, sounding = np.zeros((windows, STEPS, 3), np.float32), np.ones((windows, STEPS), np.float32)
    bass[:, 0, 0] = 1.0  # the drone struck on each window's 1
    bass[[4, 10], 16:, 0] = 1.0  # a bar of straight 16ths, twice
    assert trap_tempo(bass, None, np.full(windows, 160.0)) is None
    loops, _, _ = one_window([0, 6, 8, 14, 16, 22, 24, 30], [0])
    loops = np.repeat(loops, windows, 0)
    before = loops.copy()
    kick_with_bass(loops, bass_line(bass, sounding, None, np.full(windows, 160.0), False), None, None)
    np.testing.assert_array_equal(loops, before)


def test_an_808_songs_slower_intro_keeps_its_kicks():
    """A trap song whose intro is at 80: the intro's bass is no 808 line at its own tempo, its kicks stay."""
    loops, bass, sounding = one_window([0, 8, 12, 14, 16], [0, 6, 12, 16, 19, 22, 25, 27], [7, 8, 13, 14, 15])
    loops, bass, sounding = (np.repeat(a, 4, 0) for a in (loops, bass, sounding))
    line = bass_line(bass, sounding, None, np.array([80.0, 145.0, 145.0, 145.0]), False)
    assert line.trap.tolist() == [False, True, True, True]
    before = loops[0].copy()
    kick_with_bass(loops, line, None, None)
    np.testing.assert_array_equal(loops[0], before)
    assert np.flatnonzero(loops[1, :, KICK] > 0.5).tolist() == [0, 6, 12, 16]
