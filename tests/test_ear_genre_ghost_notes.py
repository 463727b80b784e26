"""A genre asked for with no density plays its snares off the backbeat as a drummer's ghost notes, as the density
control's drummer does (limbs.ghost_snares): `--genre funk` alone had played them at 79-122 against the
backbeat's 127 on a freedoom song, 59-79 against 125-127 on the bundled funk bass line."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("torch")

from reagroove.core.genre_ghosts import GHOST_SHARES  # noqa: E402
from reagroove.core.limbs import BUSY_SNARE  # noqa: E402
from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

FUNK_BASS = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
SNARE, N_VOICES = 1, 9


def snare_rows(result):
    """(hit (16,) bool, velocity (16,)) of the snare in each 16-step 4/4 bar of a result, on the real 16th grid."""
    for loop, bars in zip(result.loops, result.meters_played):
        for start, num, den in bars:
            lo = round(start * 4)
            if (num, den) == (4, 4) and lo + 16 <= loop.shape[0]:
                bar = loop[lo : lo + 16]
                yield bar[:, SNARE] > 0.5, bar[:, N_VOICES + SNARE]


def busy_bars(result):
    """(backbeat velocities, off-backbeat velocities) of each 16-step 4/4 bar with BUSY_SNARE or more snares off
    beats 2 and 4, on the real 16th grid."""
    out = []
    for hit, vel in snare_rows(result):
        back = [vel[s] for s in (4, 12) if hit[s]]
        off = [vel[s] for s in range(16) if hit[s] and s not in (4, 12)]
        if back and len(off) >= BUSY_SNARE:
            out.append((back, off))
    return out


@pytest.mark.parametrize("genre", ["funk", "afro"])
def test_a_genre_alone_ghosts_its_busy_snares(shipped, genre):
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre={genre: 1.0}), bars=(1, 8))
    bars = busy_bars(res)
    assert bars, "the network's funk and afro beats over this bass line play busy snares"  # (or the test reads nothing)
    for back, off in bars:
        # every ghost note at most the genre's share of its bar's backbeat (its drummers', core/genre_ghosts.py; a
        # velocity step of rounding), the backbeat loud
        assert max(off) <= GHOST_SHARES[genre] * max(back) + 1.5 / 127, (genre, back, off)
        assert max(back) > 0.8


def test_a_genres_ghost_notes_keep_one_level_with_or_without_a_density(shipped):
    """The density control's ghost notes and the genre's alone come out at one level: moving the density slider off
    its unset state does not make the ghost notes jump from accents to ghosts."""
    alone = busy_bars(shipped.drumify(read_midi(FUNK_BASS), Settings(genre={"funk": 1.0}), bars=(1, 8)))
    dense = busy_bars(shipped.drumify(read_midi(FUNK_BASS), Settings(genre={"funk": 1.0}, density=0.6), bars=(1, 8)))
    assert dense and alone
    ratio = [max(off) / max(back) for back, off in alone + dense]
    assert max(ratio) <= GHOST_SHARES["funk"] + 0.02
