"""A genre's ghost notes and toms are kept in the song's bars, whichever of them one call drums.

limbs.ghost_snares keeps each 16th's snares off the backbeat in a genre's share of bars, and groove_toms.spare_toms
a groove's toms; both had counted the share over the loops of one call (a loop's second bars first), so a `--bars`
range, a REAPER time selection and live (one loop a call) played other bars than the whole song: `--genre rock
--density 0.9` over freedoom e1m5's band, 14 of bars 9-16's 27 snare cells otherwise under `--bars 9-16`; live over
a funk bass other snares than drumify in bars 4, 6 and 8, none off the backbeat in bars 3, 5 and 7. They are chosen
by the song's own bar, the take's seed and the song's tempo now (core/snare_spread.py), as afro's figure and
hip-hop's open hat are."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from reagroove.core.genre_ghosts import busy_thinned, ghost_ratios, lone_snare_rules
from reagroove.core.genres import GENRES
from reagroove.core.groove_toms import spare_toms
from reagroove.core.limbs import ghost_snares

SNARE, N_VOICES = 1, 9
BAND = Path(os.environ.get("REAGROOVE_BAND") or Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi")


def mix_of(genre, n):
    mix = np.zeros((n, len(GENRES)), np.float32)
    mix[:, GENRES.index(genre)] = 1.0
    return mix


def busy_loops(n=16):
    """n loops of two bars, each a backbeat (1.0), four snares off it (0.8) and a lone "and" of 3 (0.9)."""
    loops = np.zeros((n, 32, 3 * N_VOICES), np.float32)
    for step, vel in ((4, 1.0), (7, 0.8), (9, 0.8), (12, 1.0), (13, 0.8), (15, 0.8)):
        loops[:, step, SNARE], loops[:, step, N_VOICES + SNARE] = 1.0, vel
    for step, vel in ((20, 1.0), (26, 0.9), (28, 1.0)):
        loops[:, step, SNARE], loops[:, step, N_VOICES + SNARE] = 1.0, vel
    return loops


def test_the_loops_of_a_range_keep_the_whole_songs_snares_and_toms():
    loops, n = busy_loops(), 16
    rock = mix_of("rock", n)
    seed, bars, bpm = np.full(n, 3), 2 * np.arange(n), np.full(n, 120.0)
    whole = ghost_snares(loops, None, ghost_ratios(rock), lone_snare_rules(rock), seed, busy_thinned(rock),
                         song_bar=bars, bpm=bpm)
    part = slice(4, 8)  # song bars 9-16, as `--bars 9-16` drums them
    some = ghost_snares(loops[part], None, ghost_ratios(rock[part]), lone_snare_rules(rock[part]), seed[part],
                        busy_thinned(rock[part]), song_bar=bars[part], bpm=bpm[part])
    assert np.array_equal(some, whole[part])
    one = [ghost_snares(loops[i : i + 1], None, ghost_ratios(rock[:1]), lone_snare_rules(rock[:1]), seed[:1],
                        busy_thinned(rock[:1]), song_bar=bars[i : i + 1], bpm=bpm[:1]) for i in range(n)]
    assert np.array_equal(np.concatenate(one), whole)  # live: one loop a call
    kept = whole[..., SNARE].reshape(n, 2, 16) > 0.5
    off = kept & ~np.isin(np.arange(16), (4, 12))
    assert off[:, 0].any() and off[:, 1].any()  # both bars of a loop, not its second bars alone
    assert len({tuple(np.flatnonzero(b)) for b in off.reshape(-1, 16)}) >= 6  # not one figure over and over
    top = np.zeros((n, 32, N_VOICES), bool)
    top[:, [0, 14, 16, 30], 6] = True  # a high tom on beat 1 and the "and" of 4 of every bar
    shares = np.full((n, 16), 0.3, np.float32)
    whole_toms = spare_toms(top, shares, np.ones(n, bool), seed, bars, bpm)
    assert np.array_equal(spare_toms(top[part], shares[part], np.ones(4, bool), seed[part], bars[part], bpm[part]),
                          whole_toms[part])
    assert 0 < (top & ~whole_toms).sum() < top.sum()


def test_a_thinned_busy_bar_plays_its_last_snares_at_the_lone_level():
    """Hip-hop's busy bars, thinned to its drummers' share, leave one or two snares: lone snares, at LONE_LEVELS
    (0.80 of the backbeat), not its busy bars' whispers (0.32); and the lone "a" of 4 is kept in some bars (busy
    bars' snares had been kept first, every lone one dropped)."""
    n = 16
    loops = busy_loops(n)
    loops[:, 26, SNARE] = loops[:, 26, N_VOICES + SNARE] = 0.0
    loops[:, 31, SNARE], loops[:, 31, N_VOICES + SNARE] = 1.0, 0.9  # a lone "a" of 4 in each second bar
    hiphop = mix_of("hiphop", n)
    out = ghost_snares(loops, None, ghost_ratios(hiphop), lone_snare_rules(hiphop), np.zeros(n, np.int64),
                       busy_thinned(hiphop), song_bar=2 * np.arange(n), bpm=np.full(n, 90.0))
    first = out[:, :16]
    kept = (first[..., SNARE] > 0.5) & ~np.isin(np.arange(16), (4, 12))
    few = kept.sum(1) < 3
    assert kept[few].any()
    assert np.allclose(first[..., N_VOICES + SNARE][few][kept[few]], 0.8, atol=0.01)  # (0.8 drawn, under 0.80)
    assert (out[:, 31, SNARE] > 0.5).any()


@pytest.fixture(scope="module")
def e1m5_band(tmp_path_factory):
    mido = pytest.importorskip("mido")
    path = BAND / "d_e1m5.mid"
    if not path.is_file():
        pytest.skip("freedoom MIDI not found")
    song = mido.MidiFile(path)
    for track in song.tracks:  # the band without its drums (channel 10)
        track[:] = [m if not (hasattr(m, "channel") and m.channel == 9) else mido.MetaMessage("text", text="", time=m.time)
                    for m in track]
    out = tmp_path_factory.mktemp("band") / "e1m5_band.mid"
    song.save(out)
    return out


def test_bars_9_to_16_play_the_whole_songs_snares(shipped, e1m5_band):
    pytest.importorskip("torch")
    from reagroove.core.midi import read_midi
    from reagroove.core.settings import Settings

    settings = Settings(genre={"rock": 1.0}, density=0.9)
    whole = np.asarray(shipped.drumify(read_midi(e1m5_band), settings).loops).reshape(-1, 16, 3 * N_VOICES)
    part = np.asarray(shipped.drumify(read_midi(e1m5_band), settings, bars=(9, 16)).loops).reshape(-1, 16, 3 * N_VOICES)
    a, b = whole[8:16, :, SNARE] > 0.5, part[:8, :, SNARE] > 0.5
    assert a.sum() > 16  # (a busier drummer than the backbeat)
    assert (a != b).sum() <= 1, (a != b).sum()  # (had 14 of 27 otherwise)


def test_live_plays_drumifys_ghost_notes_in_both_bars_of_a_loop(shipped, make_midi):
    """Live drums one loop a call: rock's busy bars thinned bar by bar as drumify thins them (bars 4, 6 and 8 had
    differed), a ghost note in a loop's first bar too (bars 3, 5 and 7 had played the backbeat alone)."""
    pytest.importorskip("torch")
    from test_live_genre_density import PARTS, assert_same_bars, drumified, played_live

    from reagroove.core.settings import Settings

    notes, bpm, bars = PARTS["jazz"]  # (a funk bass riff at 100 BPM)
    settings = Settings(genre={"rock": 1.0}, density=0.9)
    heard = played_live(shipped, notes, bpm, bars, settings)
    assert_same_bars(heard, drumified(shipped, make_midi, notes, bpm, settings), bars)
    assert any(set(heard[bar]["snare"]) - {12, 36} for bar in (3, 5, 7))


def test_loops_drawn_again_keep_their_song_bars():
    """A silent draw's loops, played again at the likeliest point (models/api.py _rows_of), keep their song bars:
    open hats and afro's figure lay by them (the whole call's had been kept, one per loop of the call)."""
    from reagroove.core.conditioning import Conditioning
    from reagroove.models.api import _rows_of

    cond = Conditioning.of(4, genre="afro")
    cond = type(cond)(**{**cond.__dict__, "song_bar": np.array([8, 10, 12, 14])})
    assert _rows_of(cond, np.array([1, 3])).song_bar.tolist() == [10, 14]


def test_funk_over_a_waltz_plays_its_busy_snares_as_ghost_notes(shipped):
    """limbs.ghost_snares plays in the loop's 4/4 frame, on 4/4 bars: `--genre funk` over freedoom e1m8's waltz had
    played its 6-7 snare notes a bar at a median 0.66 of the backbeat (the waltz's 2 and 3); funk's drummers, 0.44."""
    pytest.importorskip("torch")
    from reagroove.core.midi import read_midi
    from reagroove.core.settings import Settings

    path = BAND / "d_e1m8.mid"
    if not path.is_file():
        pytest.skip("freedoom MIDI not found")
    # (bars 9-24: its bars 1-8 are a quiet intro the drums lay out in, intro_figure.py)
    res = shipped.drumify(read_midi(path), Settings(genre={"funk": 1.0}), bars=(9, 24))
    loops = np.asarray(res.loops)
    backbeat, off = [], []
    for i, start in enumerate(res.starts):
        for step in np.flatnonzero(loops[i, :, SNARE] > 0.5):
            at = round((float(start) + step / 4) % 3 * 4)  # the 16th of its 3/4 bar
            (backbeat if at in (4, 8) else off).append(loops[i, step, N_VOICES + SNARE])
    assert len(off) >= 3 * 16 and backbeat
    assert np.median(off) <= 0.5 * np.median(backbeat), (np.median(off), np.median(backbeat))
