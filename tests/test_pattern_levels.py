"""A named pattern at --follow 0 as its drummer plays it (models/pattern_hits.py): its own hits, none added by the rules
that repair the network's loops; its accents at the part's level without flattening at 127; the strokes GMD's e-kit
recorded at 6-10 of 127 written as ghost notes a kit sounds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.genres import GENRES
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings
from reagroove.models import pattern_hits

FUNK_BASS = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
N = len(VOICES)
CRASH = VOICES.index("crash")  # the section's opening crash on the first loop's downbeat is the arrangement's
GHOST = 17 / 127  # the quietest stroke written: GMD's drummers' quietest groove strokes (pattern_hits.GHOST_FLOOR)


@pytest.fixture(scope="module")
def at_follow_0(shipped):
    """{pattern name: (its loop (32, 27), drumify's loops (W, 32, 27) of the funk bass at follow 0)}."""
    bass = read_midi(FUNK_BASS)
    return {name: (shipped.patterns.get(name).loop, shipped.drumify(bass, Settings(pattern_a=name, follow=0.0)).loops)
            for name in GENRES}


@pytest.mark.parametrize("name", GENRES)
def test_follow_0_plays_every_hit_of_the_pattern_and_no_other(at_follow_0, name):
    # disco's 16th hats skip 2 and 4 (the hand is on the snare): the time-keeper rules had filled them
    loop, played = at_follow_0[name]
    own = np.delete(loop[..., :N] > 0.5, CRASH, -1)
    for w, window in enumerate(np.delete(played[..., :N] > 0, CRASH, -1)):
        wrong = [(int(t), VOICES[v + (v >= CRASH)]) for t, v in np.argwhere(window != own)]
        assert not wrong, f"window {w}: {wrong} are not the {name} pattern's"


@pytest.mark.parametrize("name", GENRES)
def test_the_patterns_quietest_strokes_are_written_as_ghost_notes(at_follow_0, name):
    loop, played = at_follow_0[name]
    hits = loop[..., :N] > 0.5
    for window in played:
        written = window[..., N : 2 * N][hits & (window[..., :N] > 0)] * 127
        assert written.min() >= GHOST * 127 - 1e-3, f"{name}: a stroke at {written.min():.0f} of 127"


@pytest.mark.parametrize("name", GENRES)
def test_the_patterns_accents_keep_their_order_at_the_parts_level(at_follow_0, name):
    # latin's ride at 111-117 of 127 (and its 127s) had all played at 127: its accents flat
    loop, played = at_follow_0[name]
    for w, window in enumerate(played):
        hits = (loop[..., :N] > 0.5) & ~(window[:, CRASH] > 0)[:, None]  # (the section's opening kick: lifted)
        own, vel = loop[..., N : 2 * N][hits], window[..., N : 2 * N][hits]
        # [a, b]: stroke b louder than a in the pattern (a a stroke the pattern plays, not one lifted to a ghost note)
        louder = (own[None, :] - own[:, None] >= 1 / 127) & (own[:, None] >= GHOST)
        flipped = louder & (vel[None, :] <= vel[:, None])
        assert not flipped.any(), f"window {w}: {int(flipped.sum())} pairs of strokes no longer louder and softer"
        assert vel.max() <= 1.0


def _loop(strokes) -> np.ndarray:
    """One loop (1, 32, 27) with the snare on steps 0, 2, ... at the velocities `strokes` (of 127)."""
    loop = np.zeros((1, 32, 27), np.float32)
    for i, v in enumerate(strokes):
        loop[0, 2 * i, 1], loop[0, 2 * i, N + 1] = 1, v / 127
    return loop


def test_pattern_levels_lift_near_silent_strokes_and_press_the_ones_over_127():
    loop = _loop([6, 20, 25, 30, 35, 40, 45, 50, 100, 120, 127])
    hits = loop[..., :N] > 0.5

    def levels(part_level):  # the loop's velocities at follow 0 (weight 1) over a part at that mean level
        return pattern_hits.pattern_levels(np.zeros((1, 32, N), np.float32), hits, np.ones(1, np.float32), loop,
                                           None if part_level is None else np.array([part_level]))[hits]

    vel = levels(None) * 127
    # the loop's own level: the near-silent stroke at GMD's quietest groove strokes', the rest as recorded
    np.testing.assert_allclose(vel, [GHOST * 127, 20, 25, 30, 35, 40, 45, 50, 100, 120, 127], atol=1e-3)
    # over a louder part: the strokes under the knee lifted by one factor, at most HEADROOM over the loop's loudest,
    # those lifted past 127 pressed under it in their order
    own = np.maximum(loop[..., N : 2 * N][hits], GHOST)
    for louder, factor in ((1.2, 1.2), (1.5, pattern_hits.HEADROOM)):
        vel = levels(louder * own.mean())
        under = vel < pattern_hits.KNEE
        assert 3 <= under.sum() < len(vel) and np.allclose(vel[under] / own[under], factor, rtol=1e-4)
        assert np.all(np.diff(vel) > 0) and vel.max() == pytest.approx(1.0)
    # a part far quieter than the loop: its ghost note still sounds
    vel = levels(0.2 * own.mean())
    assert vel.min() == pytest.approx(GHOST)


@pytest.mark.parametrize("name", ["pop", "funk", "reggae", "jazz"])
def test_a_loud_part_keeps_a_patterns_ghosts_ghosts(shipped, make_midi, name):
    """Over a part at 120 of 127 a pattern at follow 0 keeps its accents at the top and its ghost strokes (under 0.45
    in the pattern) at most 0.68 of the loudest: lifted with the loop's mean to the part's, pop's off-beat hats had
    played at 97 beside 127 and funk's snare ghosts at 96-104 under a backbeat of 120-124."""
    path = make_midi([(bar * 4 + b, 40, 120, 0) for bar in range(8) for b in (0, 0.5, 1.5, 1.75, 2, 2.5, 3, 3.5)],
                     tempos=((0, 100.0),))
    loops = np.asarray(shipped.drumify(read_midi(path), Settings(pattern_a=name, follow=0)).loops)
    own = shipped.patterns.get(name).loop
    ghosts = (own[:, :N_VOICES] > 0.5) & (own[:, N_VOICES:2 * N_VOICES] < 0.45)
    for loop in loops[1:-1]:  # (the first and last windows: a crash, an ending)
        played = loop[:, N_VOICES:2 * N_VOICES]
        at = ghosts & (loop[:, :N_VOICES] > 0.5)
        assert at.any() and played[at].max() <= 0.68 * played[loop[:, :N_VOICES] > 0.5].max() + 1e-6, played[at]
