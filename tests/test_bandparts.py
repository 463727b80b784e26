"""The band-like parts generated from drum loops for training (models/bandparts.py)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from reagroove.models.bandparts import band_batch  # noqa: E402


def _rock_loops(n):
    hvo = np.zeros((n, 32, 27), np.float32)
    hvo[:, [0, 6, 10, 16, 22, 26], 0] = 1  # kick
    hvo[:, [4, 12, 20, 28], 1] = 1  # snare
    hvo[:, ::2, 2] = 1  # hats
    return hvo


def test_bass_lines_land_on_most_kicks_and_play_notes_of_their_own():
    """As real bass lines do (freedoom's training songs: 9.1 notes a bar against 4.5 kicks, 81% of kicks
    with a bass note, 40% of bass notes with a kick): a bass that only doubled the kick would teach the
    network that every bass note is a kick."""
    hvo = _rock_loops(400)
    mix, bass = band_batch(hvo, np.random.default_rng(0))
    kick = hvo[..., 0] > 0
    has_bass = bass[..., 0].sum(1) > 0
    assert 0.7 < has_bass.mean() < 0.9
    notes = bass[has_bass][..., 0] > 0
    on_kick = notes & kick[has_bass]
    assert on_kick.sum() / kick[has_bass].sum() > 0.65  # most kicks have a bass note
    assert notes.sum() > 1.3 * kick[has_bass].sum()  # and the bass plays more notes than the kick
    assert 0.3 < on_kick.sum() / notes.sum() < 0.6  # most of them off the kick
    flat = hvo[..., :9].max(-1)
    assert not np.all(mix[..., 0] == flat, axis=1).all()


def test_some_parts_are_programmed_others_played():
    """Step input at one velocity on the grid, as half of the real songs' windows are, and played parts with
    accents and their own timing: neither kind of dynamics tells the network where a window came from."""
    hvo = _rock_loops(400)
    _, bass = band_batch(hvo, np.random.default_rng(1))
    rows = bass[bass[..., 0].sum(1) >= 4]
    spread = np.array([np.ptp(r[r[:, 0] > 0, 1]) for r in rows])
    timing = np.array([np.abs(r[r[:, 0] > 0, 2]).max() for r in rows])
    programmed = (spread == 0) & (timing == 0)
    assert 0.25 < programmed.mean() < 0.55
    assert (timing[~programmed] > 0).all() and (spread[~programmed] > 0.05).mean() > 0.7  # loud ones clip at 127
