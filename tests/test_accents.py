"""A part entered at one velocity (step-entered keys, a sequenced bass) gets drums with a drummer's accents: the
backbeat louder than the hats' off-beats, not every hit at one level; a part with its own dynamics keeps the
network's; humanize 0 still flattens."""

from __future__ import annotations

import numpy as np
import pytest

from reagroove.core.dynamics import (ACCENTS, FLAT_SPREAD, LOUD_ACCENTS, LOUD_AT, LOUD_FROM, TAKE_DYNAMICS, accents,
                                     loop_accents, take_dynamics)
from reagroove.core.loop import N_VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, HAT = 0, 1, 2


def flat_bass(make_midi, velocity=100):
    # straight 8th roots, every note at one velocity, 8 bars
    notes = [(b * 4 + i * 0.5, (40, 40, 45, 43)[b % 4], velocity, 0) for b in range(8) for i in range(8)]
    return make_midi(notes, name="flat_bass.mid")


def beats_and_offbeats(loops):
    """Velocities of the snare on beats 2 and 4 and of the closed hat on the off-beat 8ths, over 2-bar loops."""
    loops = np.asarray(loops)
    hit, vel = loops[..., :N_VOICES] > 0.5, loops[..., N_VOICES:2 * N_VOICES]
    steps = np.arange(loops.shape[1]) % 16
    back, off = np.isin(steps, (4, 12)), np.isin(steps, (2, 6, 10, 14))
    return vel[:, back, SNARE][hit[:, back, SNARE]], vel[:, off, HAT][hit[:, off, HAT]]


def test_a_part_at_one_velocity_gets_a_loud_backbeat_and_softer_offbeat_hats(shipped, make_midi):
    result = shipped.drumify(read_midi(flat_bass(make_midi)), Settings(), bars=(1, 8))
    back, off = beats_and_offbeats(result.loops)
    assert len(back) and len(off)
    # in MIDI velocity: a drummer's backbeat is well above the hat's "and"s (GMD: about 1.3 x against 0.75 x)
    assert back.mean() * 127 >= off.mean() * 127 + 20, (back.mean() * 127, off.mean() * 127)
    hits = result.loops[..., :N_VOICES] > 0.5
    vel = result.loops[..., N_VOICES:2 * N_VOICES][hits]
    assert (vel.max() - vel.min()) >= FLAT_SPREAD


def test_the_accents_keep_the_parts_loudness(shipped, make_midi):
    """A soft part stays soft: the drums' mean level follows the part's, only the shape is a drummer's."""
    levels = []
    for v in (50, 110):
        result = shipped.drumify(read_midi(flat_bass(make_midi, v)), Settings(), bars=(1, 8))
        hits = result.loops[..., :N_VOICES] > 0.5
        levels.append(result.loops[..., N_VOICES:2 * N_VOICES][hits].mean())
    assert levels[0] < levels[1] - 0.25, levels


def test_humanize_0_still_plays_every_hit_at_one_velocity(shipped, make_midi):
    result = shipped.drumify(read_midi(flat_bass(make_midi)), Settings(humanize=0.0), bars=(1, 8))
    loops = np.asarray(result.loops)
    for loop in loops:
        hits = loop[:, :N_VOICES] > 0.5
        vel = loop[:, N_VOICES:2 * N_VOICES][hits]
        assert np.ptp(vel) < 1e-4


def loop_with(vel_of):
    """A 2-bar rock beat (kick 1 and 3, snare 2 and 4, 8th hats) with velocities vel_of(step, voice)."""
    out = np.zeros((32, 3 * N_VOICES), np.float32)
    for s in range(0, 32, 2):
        for v in [HAT] + ([KICK] if s % 8 == 0 else []) + ([SNARE] if s % 8 == 4 else []):
            out[s, v], out[s, N_VOICES + v] = 1.0, vel_of(s, v)
    return out


def test_a_loop_with_its_own_dynamics_is_left_as_it_is():
    played = loop_with(lambda s, v: 0.9 if v == SNARE else (0.7 if s % 4 == 0 else 0.4))
    assert np.array_equal(accents(played[None])[0], played)


def test_a_flat_loop_is_shaped_but_keeps_its_hits_and_mean_level():
    flat = loop_with(lambda s, v: 0.6)
    shaped = accents(flat[None])[0]
    hit = flat[:, :N_VOICES] > 0.5
    assert np.array_equal(shaped[:, :N_VOICES], flat[:, :N_VOICES])
    assert np.array_equal(shaped[:, 2 * N_VOICES:], flat[:, 2 * N_VOICES:])
    vel = shaped[:, N_VOICES:2 * N_VOICES]
    assert abs(vel[hit].mean() - 0.6) < 0.01
    assert vel[4, SNARE] > vel[2, HAT] + 0.1
    assert (vel[~hit] == 0).all()


def test_loops_not_chosen_keep_their_velocities():
    """`which` leaves a fill as the network played it."""
    flat = np.stack([loop_with(lambda s, v: 0.6)] * 2)
    out = accents(flat, np.array([False, True]))
    assert np.array_equal(out[0], flat[0]) and not np.array_equal(out[1], flat[1])


def test_a_take_is_played_at_one_dynamic_and_loops_on_their_own_keep_theirs():
    hits = np.zeros((4, 32, N_VOICES), bool)
    hits[:, [4, 12, 20, 28], SNARE] = True
    hits[3, 8, SNARE] = True  # a snare only loop 3 plays: its own velocity
    vel = np.where(hits, 0.6, 0.0).astype(np.float32)
    vel[0, [4, 12, 20, 28], SNARE] = 1.0  # loop 0's backbeat loud, the rest of its take's at 0.6
    out = take_dynamics(vel, hits, np.array([0, 0, 0, -1]))
    mean = (1.0 + 0.6 + 0.6) / 3
    assert np.allclose(out[0, 4, SNARE], (1 - TAKE_DYNAMICS) * 1.0 + TAKE_DYNAMICS * mean)
    assert np.allclose(out[1, 4, SNARE], (1 - TAKE_DYNAMICS) * 0.6 + TAKE_DYNAMICS * mean)
    assert np.array_equal(out[3], vel[3])  # a loop on its own (a fill) keeps its dynamics
    assert np.array_equal(out[~hits], vel[~hits])  # rests stay rests
    assert take_dynamics(vel, hits, None) is vel and take_dynamics(vel, hits, np.array([0, 1, 2, -1])) is vel


def test_a_bass_line_at_one_loudness_gets_drums_at_one_dynamic_through_its_take(shipped):
    # the funk example's line is as loud in every bar (its windows' mean velocity 0.67-0.70), but window by window
    # the band network played loop 1's backbeat at 0.86-1.0 and the next three's at 0.55-0.72
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
    loops = shipped.drumify(read_midi(path), Settings()).loops
    backbeat = loops[:, [4, 12, 20, 28], N_VOICES + SNARE]
    assert (loops[:, [4, 12, 20, 28], SNARE] > 0.5).all()
    assert np.ptp(backbeat.mean(1)) <= 0.12, backbeat.round(2)



def played_keys(make_midi, mean=80, name="played_keys.mid"):
    """8th-note chords played by hand: every chord at its own velocity (a keyboard player's touch, sd about 18 of 127)."""
    rng = np.random.default_rng(3)
    notes = []
    for b in range(8):
        for e in range(8):
            v = int(np.clip(rng.normal(mean, 18), 30, 120))
            notes += [(b * 4 + e / 2, p, v, 0) for p in (60, 64, 67)]
    return make_midi(notes, name=name, length=0.4)


def test_a_part_played_by_hand_gets_a_steady_backbeat_not_the_players_touch(shipped, make_midi):
    """The network copies the part's velocity step by step: under hand-played keys the backbeat went 54-97 of 127
    with the keys' touch and the hats were loudest where the keys happened to be. A drummer plays the backbeat at
    one level and accents the hats on the beat."""
    result = shipped.drumify(read_midi(played_keys(make_midi)), Settings(), bars=(1, 8))
    loops = result.loops
    assert (loops[:, [4, 12, 20, 28], SNARE] > 0.5).all()
    for loop in loops:
        backbeat = loop[[4, 12, 20, 28], N_VOICES + SNARE] * 127
        assert np.ptp(backbeat) <= 8, backbeat
    hit, vel = loops[..., HAT] > 0.5, loops[..., N_VOICES + HAT]
    steps = np.arange(32)
    on, off = hit & (steps % 4 == 0), hit & (steps % 4 == 2)
    assert on.sum() and off.sum()
    assert vel[on].mean() * 127 >= vel[off].mean() * 127 + 5, (vel[on].mean() * 127, vel[off].mean() * 127)


def test_the_drums_follow_a_played_parts_level(shipped, make_midi):
    levels = []
    for mean in (55, 100):
        result = shipped.drumify(read_midi(played_keys(make_midi, mean, f"keys_{mean}.mid")), Settings(), bars=(1, 8))
        hits = result.loops[..., :N_VOICES] > 0.5
        levels.append(result.loops[..., N_VOICES:2 * N_VOICES][hits].mean() * 127)
    assert levels[0] < levels[1] - 20, levels


def test_band_accents_take_out_the_parts_touch_and_keep_the_networks_corrections():
    from reagroove.core.dynamics import ACCENTS, band_accents

    groove = np.zeros((1, 32, 3), np.float32)
    groove[0, [0, 4, 8], 0] = 1.0
    groove[0, [0, 4, 8], 1] = (0.9, 0.3, 0.6)  # the part's touch; its mean 0.6
    hits = np.zeros((1, 32, N_VOICES), bool)
    hits[0, [0, 8], KICK] = hits[0, [4, 12], SNARE] = True
    correction = np.zeros((1, 32, N_VOICES), np.float32)
    correction[0, 12, SNARE] = 0.1  # the network's own: the second backbeat louder
    base = np.where(groove[..., 0] > 0, groove[..., 1], 0.6)[..., None]
    out = band_accents(np.clip(base + correction, 0.0, 1.0), hits, groove)[0]
    # the soft note under beat 2 no longer makes its backbeat soft: both take the snare's accent, the second
    # with the network's correction; the kick on 1 (a loud note) and on 3 (a middling one) take the kick's
    assert out[12, SNARE] / out[4, SNARE] == pytest.approx((0.6 + 0.1) * ACCENTS[12, SNARE] / (0.6 * ACCENTS[4, SNARE]))
    assert out[0, KICK] / out[8, KICK] == pytest.approx(ACCENTS[0, KICK] / ACCENTS[8, KICK])
    assert out[hits[0]].mean() == pytest.approx((0.6 * 3 + 0.7) / 4)  # the level kept
    assert (out[~hits[0]] >= 0).all()


def test_loops_laid_on_other_meters_keep_the_parts_touch(shipped):
    """Conditioning.four_four: GMD's accents are 4/4's, so a waltz's loops keep the part's own accents (its loud
    downbeat), and only the 4/4 rows are shaped."""
    from dataclasses import replace

    from reagroove.core.conditioning import Conditioning
    from reagroove.models.api import generate

    rng = np.random.default_rng(5)
    groove = np.zeros((32, 3), np.float32)
    groove[::2, 0] = 1.0
    groove[::2, 1] = rng.uniform(0.3, 0.95, 16)
    grooves = np.stack([groove, groove])
    loops = generate(grooves, replace(Conditioning.of(2), four_four=np.array([True, False])))
    snare = loops[:, [4, 12, 20, 28], N_VOICES + SNARE]
    assert (loops[:, [4, 12, 20, 28], SNARE] > 0.5).all()
    assert np.ptp(snare[0]) < np.ptp(snare[1]), snare
    # the other meter's row still copies the part's velocity on its steps (within the network's small corrections)
    hat = loops[1, ::2, HAT] > 0.5
    assert np.corrcoef(loops[1, ::2, N_VOICES + HAT][hat], groove[::2, 1][hat])[0, 1] > 0.8


FILL_VOICES = [1, 4, 5, 6]  # snare and toms


def test_a_fill_under_a_played_part_is_as_loud_as_the_backbeat(shipped, make_midi):
    """A fill left the part's touch in (the keys' level, 84-88 of 127 under a backbeat at 108-113): a drop in the
    drums where a drummer plays up into the next phrase. GMD's fills climb to the backbeat's level, toms above."""
    result = shipped.drumify(read_midi(played_keys(make_midi)), Settings(fill_every=2), bars=(1, 8))
    loops = result.loops
    fill = loops[1, 24:]  # bar 4's last beats: the fill ending the first phrase
    strokes = fill[:, FILL_VOICES] > 0.5
    assert strokes.sum() >= 3
    backbeat = loops[0, [4, 12, 20, 28], N_VOICES + SNARE]
    assert fill[:, N_VOICES:][:, FILL_VOICES][strokes].mean() >= 0.95 * backbeat.mean()


def test_band_accents_play_a_fill_above_the_parts_level_and_a_beat_at_it():
    from reagroove.core.dynamics import FILL_ACCENTS, band_accents

    groove = np.zeros((2, 32, 3), np.float32)
    groove[:, ::2, 0], groove[:, ::2, 1] = 1.0, 0.6
    hits = np.zeros((2, 32, N_VOICES), bool)
    hits[:, [4, 12, 20, 28], SNARE] = True
    hits[:, [24, 26, 28, 30], 4] = True  # low tom run into the bar line
    vel = np.full((2, 32, N_VOICES), 0.6, np.float32)
    out = band_accents(vel, hits, groove, np.array([False, True]))
    assert out[0][hits[0]].mean() == pytest.approx(0.6)  # the beat: shaped, at the part's level
    np.testing.assert_allclose(out[1, [24, 26, 30], 4], 0.6 * FILL_ACCENTS[[8, 10, 14], 4], rtol=1e-5)
    assert out[1][hits[1]].mean() > 0.7  # the fill: above it
    assert out.max() <= 1.0


def loud_band(make_midi):
    """A rock band played hard: a guitar's power chords and a bass on the 8ths, each note 108-124 of 127, two tracks."""
    rng = np.random.default_rng(5)
    notes = []
    for b in range(8):
        for e in range(8):
            t = b * 4 + e / 2
            notes += [(t, p, int(rng.integers(112, 125)), 0, 0) for p in (40, 47, 52)]
            notes.append((t, 28, int(rng.integers(108, 123)), 1, 1))
    return make_midi(notes, name="loud_band.mid", length=0.45)


def voice_means(loops):
    hit, vel = loops[..., :N_VOICES] > 0.5, loops[..., N_VOICES:2 * N_VOICES] * 127
    steps = np.arange(loops.shape[1]) % 16
    back = np.isin(steps, (4, 12))[None, :] & hit[..., SNARE]
    return vel[..., KICK][hit[..., KICK]].mean(), vel[..., SNARE][back].mean(), vel[..., HAT][hit[..., HAT]].mean()


def test_a_band_played_hard_gets_a_backbeat_above_the_hats_and_a_driving_kick(shipped, make_midi):
    """At a loud part's level, ACCENTS (GMD's drummers at every level) put the hats on 2 and 4 at the backbeat's
    127 and the kick under the hats. GMD's loud drummers (mean hit velocity 0.8 or more) keep their hats under
    the backbeat and play the kick as loud as the hats or louder: LOUD_ACCENTS."""
    result = shipped.drumify(read_midi(loud_band(make_midi)), Settings(), bars=(1, 8))
    kick, back, hat = voice_means(np.asarray(result.loops))
    assert back >= hat + 12, (back, hat)
    assert kick >= hat, (kick, hat)
    # still the part's loudness: the drums play hard
    hits = result.loops[..., :N_VOICES] > 0.5
    assert result.loops[..., N_VOICES:2 * N_VOICES][hits].mean() * 127 >= 100


def test_a_loud_part_typed_at_one_velocity_gets_loud_drummers_accents(shipped, make_midi):
    result = shipped.drumify(read_midi(flat_bass(make_midi, 124)), Settings(), bars=(1, 8))
    kick, back, hat = voice_means(np.asarray(result.loops))
    assert back >= hat + 12 and kick >= hat, (kick, back, hat)


def test_loop_accents_blend_from_every_drummers_accents_to_loud_drummers_by_level():
    soft = loop_accents(np.array([0.3, LOUD_FROM]))
    assert np.allclose(soft, np.tile(ACCENTS, (2, 1)))  # at and below LOUD_FROM: ACCENTS, one table for all
    mid, top = (LOUD_FROM + LOUD_AT) / 2, LOUD_AT
    table = loop_accents(np.array([mid, top, 1.0]))
    assert np.allclose(table[1], np.tile(LOUD_ACCENTS, (2, 1))) and np.allclose(table[2], table[1])
    assert np.allclose(table[0], (np.tile(ACCENTS, (2, 1)) + np.tile(LOUD_ACCENTS, (2, 1))) / 2, atol=1e-6)
    # the loud table: hats under the backbeat, the downbeat kick as loud as the hat on it
    assert LOUD_ACCENTS[4, SNARE] > LOUD_ACCENTS[4, HAT] and LOUD_ACCENTS[0, KICK] >= LOUD_ACCENTS[0, HAT]
