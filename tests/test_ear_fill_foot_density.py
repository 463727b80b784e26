"""A jazz fill's pedal hat and levels wherever the fill falls in its window, --density on jazz and latin fills, and
the jazz and latin fill rules a drummer hears (core/fill_runs.py, core/fill_feel.py, core/drummap.py).

By ear, before: the pedal hat kept through a jazz fill (87dfaad) was written on the closed hat (42, a stick) in the
whole fill window, the window's groove bar too, where the song's other bars play the pedal hat (44: funk_bass
--genre jazz --fill-bars 6); it was laid after --max-hits (closed_hat=1 gave hats per loop [1, 1, 3, 1]); a fill in a
window's first bar read the foot and the levels from the steps before it only, so it lost the hat and climbed at a
rock fill's level (91 -> 114 over a ride at 74-102: --fill-bars 3 --fill-length bar); and --density changed no
jazz or latin fill (64 latin strokes over 6 bar fills at 0 and at 1)."""

import numpy as np
import pytest
from test_cli_bars_phrases import FUNK_BASS
from test_ear_fill_feel import CLOSED_HAT, DRUMS, RIDE, bar_fills, jazz_loops, struck
from test_ear_fill_jazz import FLAM, JAZZ, KICK, played
from test_ear_fill_latin import longest_16ths

from reagroove.core import read_midi
from reagroove.core.drummap import GM_DRUM_MAP, GM_PEDAL_HAT
from reagroove.core.fill_feel import JAZZ_LEAST
from reagroove.core.fill_runs import UNISON, fill_out
from reagroove.core.loop import N_VOICES, STEPS_PER_BEAT
from reagroove.core.settings import Settings




def jazz_fill_with_foot(lo: int, hi: int, n: int = 4) -> np.ndarray:
    """Jazz comps with the ride on the beats, the pedal hat on 2 and 4 of both bars, a fill on steps lo..hi of each window (the network's
    fill steps without the hat), as fill_out lays it."""
    loops = jazz_loops(n)
    loops[:, ::4, [RIDE, N_VOICES + RIDE]] = (1.0, 0.8)  # the ride on every beat outside the fill
    loops[:, [4, 12, 20, 28], CLOSED_HAT] = 1.0
    loops[:, [4, 12, 20, 28], N_VOICES + CLOSED_HAT] = 0.5
    loops[:, lo:hi, CLOSED_HAT] = 0.0
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, lo:hi] = True
    return fill_out(loops, np.arange(n), fill_at, None, JAZZ, 0, 120.0)


@pytest.mark.parametrize("lo, hi", [(8, 16), (0, 16)], ids=["half bar", "bar"])
def test_a_jazz_fill_in_a_windows_first_bar_keeps_the_pedal_hat(lo, hi):
    out = jazz_fill_with_foot(lo, hi)
    feet = [t for t in (4, 12) if lo <= t < hi]
    assert (out[:, feet, CLOSED_HAT] > 0.5).all(), [np.flatnonzero(o[:16, CLOSED_HAT] > 0.5) for o in out]
    assert np.allclose(out[:, feet, N_VOICES + CLOSED_HAT], 0.5)  # at the foot's level


@pytest.mark.parametrize("lo, hi", [(16, 32), (0, 16), (24, 32)])
def test_the_pedal_hat_kept_through_a_jazz_fill_is_written_on_the_pedal_hat(lo, hi):
    for loop in jazz_fill_with_foot(lo, hi):
        hits = loop[:, :N_VOICES] > 0.5
        hats = np.flatnonzero(hits[:, CLOSED_HAT])
        assert len(hats) == 4 and set(GM_DRUM_MAP.pitches(hits)[hats, CLOSED_HAT].tolist()) == {GM_PEDAL_HAT}, hats


def test_a_hat_the_hands_play_beside_the_ride_stays_on_the_closed_hat():
    """The pedal hat is the foot's: a hat struck on its own between ride strokes is a stick's (42)."""
    loop = jazz_loops(1)[0]
    loop[[4, 12, 20], CLOSED_HAT] = 1.0  # on 2 and 4 with the ride ...
    loop[26, CLOSED_HAT] = 1.0  # ... and one off the beat, beside the ride
    hits = loop[:, :N_VOICES] > 0.5
    assert set(GM_DRUM_MAP.pitches(hits)[[4, 12, 20, 26], CLOSED_HAT].tolist()) == {42}


def test_a_jazz_fill_in_a_windows_first_bar_climbs_from_the_comp_to_the_ride():
    lo, hi = 0, 16
    for loop in jazz_fill_with_foot(lo, hi):
        fill = loop[lo:hi]
        hits = fill[:, DRUMS] > 0.5
        levels = fill[:, N_VOICES:2 * N_VOICES][:, DRUMS][hits]
        assert levels.max() <= 0.8 + 1e-6 and levels.min() <= 0.5, levels  # the ride's 0.8, the comp's 0.4


@pytest.mark.parametrize("genre", ["latin", "jazz"])
def test_density_thins_and_thickens_a_latin_or_jazz_fill(genre):
    loops = jazz_loops(6) if genre == "jazz" else None

    def strokes(density):
        fills = bar_fills(6, Settings(genre={genre: 1.0}, density=density), 110.0, loops=loops)
        return sum(int(struck(f).sum()) for f in fills)

    sparse, plain, busy = strokes(0.0), strokes(None), strokes(1.0)
    assert sparse < plain <= busy and sparse < busy, (sparse, plain, busy)


def test_a_sparse_jazz_fill_stays_at_the_comps_level_into_the_ride():
    for fill in bar_fills(6, Settings(genre={"jazz": 1.0}, density=0.0), 110.0, loops=jazz_loops(6)):
        levels = [float(fill[t, N_VOICES + v]) for t in range(16) for v in DRUMS if fill[t, v] > 0.5]
        assert levels and max(levels[:-1], default=0.0) <= 0.5 + 1e-6 and levels[-1] <= 0.8 + 1e-6, levels


def drumify_jazz_fill(shipped, tmp_path, monkeypatch, *options) -> list:
    """funk_bass --genre jazz --fill-bars 6 --fill-length bar with `options`: (beat, pitch) of its hats."""
    from reagroove.core.cli import main
    from reagroove.models import commands

    monkeypatch.setattr(commands, "_engine", lambda args: shipped)
    out = tmp_path / "jazz.mid"
    assert main(["drumify", str(FUNK_BASS), "-o", str(out), "--genre", "jazz", "--fill-bars", "6", "--fill-length",
                 "bar", "--quiet", *options]) == 0
    notes = read_midi(out).notes
    return [(float(b), int(p)) for b, p in zip(notes.start, notes.pitch) if int(p) in (42, 44, 46)]


def test_max_hits_and_a_muted_hat_hold_through_a_jazz_fill(shipped, tmp_path, monkeypatch):
    hats = drumify_jazz_fill(shipped, tmp_path, monkeypatch, "--max-hits", "closed_hat=1")
    per_loop = np.bincount((np.asarray([b for b, _ in hats]) // 8).astype(int), minlength=4)  # 8 beats a loop
    assert (per_loop <= 1).all(), per_loop
    assert not drumify_jazz_fill(shipped, tmp_path, monkeypatch, "--mute", "hats")


def test_the_foot_in_a_jazz_fill_window_is_written_on_the_pedal_hat_as_in_the_other_bars(shipped, tmp_path,
                                                                                         monkeypatch):
    hats = drumify_jazz_fill(shipped, tmp_path, monkeypatch)
    closed = sorted(b for b, p in hats if p == 42)
    assert any(p == GM_PEDAL_HAT for _, p in hats) and not [b for b in closed if 16 <= b < 24], closed


def test_a_jazz_fill_as_busy_as_its_feel_though_its_hands_leave_the_kicks_to_it():
    """A half-bar jazz fill over kicks on its 8ths: its hands leave those strokes to the kick, and the fill kept is
    one still struck at JAZZ_LEAST a beat at the least (one had kept a single stroke)."""
    n = 8
    loops = jazz_loops(n)
    for t in (24, 26, 28):
        loops[:, t, [KICK, N_VOICES + KICK]] = (1.0, 0.6)
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, 24:32] = True
    out = fill_out(loops, np.arange(n), fill_at, None, JAZZ, 0, 120.0)
    for fill in out[:, 24:32]:
        assert struck(fill).sum() >= JAZZ_LEAST * 2, np.flatnonzero(struck(fill))


def test_a_kick_that_would_flam_with_a_jazz_fills_last_stroke_is_struck_with_it():
    loops = jazz_loops(4)
    for t in range(19, 32, STEPS_PER_BEAT):  # a kick on each beat's 16th "a": 1/12 beat after its last triplet
        loops[:, t, [KICK, N_VOICES + KICK]] = (1.0, 0.6)
    for fill in bar_fills(4, JAZZ, 100.0, loops=loops):
        last = played(fill, DRUMS)[-1]
        near = [k for k in played(fill, [KICK]) if UNISON <= abs(k - last) < FLAM - 1e-3]
        assert not near, (last, played(fill, [KICK]))


@pytest.mark.parametrize("density", [None, 1.0])
def test_a_latin_phrase_fill_leaves_a_gap_in_its_16ths(density):
    """A latin drummer's bar fill leaves a space: no more than 6 16ths in a row (its busiest cell twice had run 8)."""
    for seed in range(3):
        fill_at = np.zeros((8, 32), bool)
        fill_at[:, 16:32] = True
        from test_ear_fill_feel import THIN, groove_loops

        out = fill_out(groove_loops(8, THIN), np.arange(8), fill_at, None,
                       Settings(genre={"latin": 1.0}, density=density), seed, 110.0)
        assert max(longest_16ths(f) for f in out[:, 16:32]) <= 6


def test_quarter_stick_hats_with_one_ride_stroke_stay_on_the_closed_hat():
    """A rock beat's quarter hats with one ride bell on the 1 and no fill are a stick's: the rule for the foot kept
    through a fill (drummap._foot_in_a_fill) had written all eight on the pedal hat (44)."""
    hits = np.zeros((32, N_VOICES), bool)
    hits[0::4, CLOSED_HAT] = True
    hits[0, RIDE] = True
    hits[0::8, KICK] = True
    hits[4::8, DRUMS[0]] = True  # (the snare)
    pitches = GM_DRUM_MAP.pitches(hits)
    assert (pitches[hits[:, CLOSED_HAT], CLOSED_HAT] == 42).all(), pitches[hits[:, CLOSED_HAT], CLOSED_HAT]
