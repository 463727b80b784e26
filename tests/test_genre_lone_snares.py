"""A genre's lone snare off the backbeat at its drummers' level and in their share of bars, not in every bar.

limbs.ghost_snares had softened only busy bars (BUSY_SNARE or more snares off beats 2 and 4): a bar's lone one kept
the band network's level, so `--genre rock` over freedoom e2m1's bass played the "and" of 3 in every bar at 93-115
(backbeat 127), `--genre disco` the "a" of 4 in every bar, where GMD's drummers play such a snare in a few bars,
softer (core/genre_ghosts.py: STEP_SHARES, LONE_LEVELS). The shares and levels are measured here from GMD itself."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from test_ear_genre_ghost_levels import gmd_train_snares  # noqa: E402
from test_ear_genre_ghost_notes import FUNK_BASS, busy_bars, snare_rows  # noqa: E402

from reagroove.core.genre_ghosts import ghost_ratios, lone_snare_rules  # noqa: E402
from reagroove.core.genres import GENRES  # noqa: E402
from reagroove.core.limbs import BUSY_SNARE, GHOST_RATIO, ghost_snares  # noqa: E402
from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

SNARE, N_VOICES = 1, 9
BACKBEAT = np.isin(np.arange(16), (4, 12))
ROUNDING = 1.5 / 127  # a velocity step of MIDI rounding


@pytest.fixture(scope="module")
def gmd_lone():
    """{genre: (level, shares (16,))}: GMD's train beats (fills left out): the median velocity of a lone snare off
    the backbeat (a bar with fewer than BUSY_SNARE) over the median backbeat's, and the share of the genre's bars
    with a snare at each 16th (busy bars counted)."""
    genre, hit, vel, off = gmd_train_snares()
    lone = off & (off.sum(1) < BUSY_SNARE)[:, None]
    out = {}
    for i, name in enumerate(GENRES):
        rows = genre == i
        level = np.median(vel[rows][lone[rows]]) / np.median(vel[rows][hit[rows] & BACKBEAT])
        out[name] = (float(level), off[rows].mean(0))
    return out


def snare_bars(result):
    """(backbeat velocity, {step: velocity} of its snares off the backbeat, whether lone (fewer than BUSY_SNARE))
    of each 4/4 bar's 16 steps."""
    out = []
    for hit, vel in snare_rows(result):
        off = [s for s in range(16) if hit[s] and not BACKBEAT[s]]
        back = max([vel[s] for s in (4, 12) if hit[s]], default=0.0)
        out.append((back, {s: vel[s] for s in off}, len(off) < BUSY_SNARE))
    return out


def test_gmd_rock_and_disco_drummers_play_a_snare_off_the_backbeat_in_few_bars(gmd_lone):
    """What the rule follows: no 16th off the backbeat has a snare in more than a third of rock's or disco's bars,
    and a lone one is softer than the backbeat."""
    for genre in ("rock", "disco"):
        level, shares = gmd_lone[genre]
        assert shares.max() < 0.34 and level < 0.8, (genre, level, shares)


@pytest.mark.parametrize("genre", ["rock", "disco", "hiphop"])
def test_a_genres_lone_snares_in_its_drummers_share_of_bars_at_their_level(shipped, gmd_lone, genre):
    # over the bundled funk bass line the network had played rock's "and" of 3 in 5 of 8 bars at 82 (backbeat 118),
    # disco's "a" of 4 in every bar at 83, hip-hop's "a" of 2 in half the bars at 76
    level, shares = gmd_lone[genre]
    bars = snare_bars(shipped.drumify(read_midi(FUNK_BASS), Settings(genre={genre: 1.0}), bars=(1, 8)))
    assert len(bars) >= 6
    for step in np.flatnonzero(~BACKBEAT):
        played = [(back, snares[step], lone) for back, snares, lone in bars if step in snares]
        # a lone snare there only within the genre's share of the bars (rounded to a whole bar; busy bars counted)
        assert not any(lone for *_, lone in played) or len(played) <= round(shares[step] * len(bars)) + 0.5, (
            genre, step, len(played), len(bars))
        for back, vel, lone in played:  # and no louder than its drummers play it against the backbeat
            assert not lone or vel <= level * back + ROUNDING, (genre, step, vel, back)


def test_funks_ghost_notes_stay(shipped):
    """The busy bars are the genre's idiom: funk over its bass line keeps its ghost notes, in most bars."""
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre={"funk": 1.0}), bars=(1, 8))
    assert len(busy_bars(res)) >= 6


def lone_loops(n=16):
    """n loops of two bars, each bar a backbeat (1.0) and a lone snare on the "and" of 3 (0.9)."""
    loops = np.zeros((n, 32, 3 * N_VOICES), np.float32)
    for step, vel in ((4, 1.0), (10, 0.9), (12, 1.0)):
        loops[:, [step, 16 + step], SNARE] = 1.0
        loops[:, [step, 16 + step], N_VOICES + SNARE] = vel
    loops[:, [10, 26], 2 * N_VOICES + SNARE] = 0.1  # (its timing, dropped with it)
    return loops


def test_ghost_snares_keeps_a_genres_lone_snare_in_its_share_of_bars(gmd_lone):
    loops = lone_loops()
    mix = np.zeros((len(loops), len(GENRES)), np.float32)
    mix[:, GENRES.index("rock")] = 1.0
    out = ghost_snares(loops, None, ghost_ratios(mix), lone_snare_rules(mix))
    level, shares = gmd_lone["rock"]
    kept = out[:, [10, 26], SNARE] > 0.5
    assert 0 < kept.sum() <= round(shares[10] * kept.size) + 0.5
    # spread over the song's bars, both bars of a loop (a loop's second bars alone had left its first the backbeat)
    assert kept[:, 0].any() and kept[:, 1].any() and kept[len(loops) // 2 :].any() and kept[: len(loops) // 2].any()
    assert np.all(out[:, [10, 26], N_VOICES + SNARE][kept] <= level + 0.01)
    gone = ~kept
    assert not out[:, [10, 26], N_VOICES + SNARE][gone].any() and not out[:, [10, 26], 2 * N_VOICES + SNARE][gone].any()
    assert np.array_equal(out[:, [4, 12, 20, 28]], loops[:, [4, 12, 20, 28]])  # the backbeat as it was


def test_without_a_genre_a_lone_snare_is_left_as_drawn():
    """The density control's drummer (GHOST_RATIO) and loops not asked for are left alone."""
    loops = lone_loops()
    assert np.array_equal(ghost_snares(loops, None, GHOST_RATIO), loops)
    mix = np.zeros((len(loops), len(GENRES)), np.float32)
    mix[:, GENRES.index("rock")] = 1.0
    assert np.array_equal(ghost_snares(loops, np.zeros(len(loops), bool), ghost_ratios(mix), lone_snare_rules(mix)),
                          loops)


def test_each_version_keeps_its_own_share_of_lone_snares():
    """Versions drawn in one call (a seed each: the engine's variations) keep their lone snares each in its own
    share of bars: a version's drums had changed with how many versions were asked (one took another's quota)."""
    loops = lone_loops()
    mix = np.zeros((len(loops), len(GENRES)), np.float32)
    mix[:, GENRES.index("rock")] = 1.0
    bars = 2 * np.arange(len(loops))
    alone = [ghost_snares(loops, None, ghost_ratios(mix), lone_snare_rules(mix), np.full(len(loops), seed),
                          song_bar=bars) for seed in (0, 1)]
    two = np.concatenate([loops, loops])
    mix2 = np.concatenate([mix, mix])
    both = ghost_snares(two, None, ghost_ratios(mix2), lone_snare_rules(mix2),
                        np.repeat([0, 1], len(loops)), song_bar=np.concatenate([bars, bars]))
    assert np.array_equal(both[: len(loops)], alone[0]) and np.array_equal(both[len(loops) :], alone[1])