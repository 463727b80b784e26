"""Each genre's ghost notes at its own drummers' level, not one flat share of the backbeat for all.

GMD's afro drummers play their busy snare figure at 0.56 of the backbeat, funk's at 0.44, hip-hop's at 0.32
(core/genre_ghosts.py); every genre had been capped at limbs.GHOST_RATIO (0.45): `--genre afro` over the bundled
funk bass line played its figure at 0.45 of the backbeat, as funk's was. The levels are measured here from GMD
itself, as the module measured them."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from conftest import GMD_DIR  # noqa: E402
from test_ear_genre_ghost_notes import FUNK_BASS, busy_bars  # noqa: E402

from reagroove.core.genres import GENRES  # noqa: E402
from reagroove.core.limbs import BUSY_SNARE, GHOST_RATIO  # noqa: E402
from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

SNARE, N_VOICES = 1, 9
BACKBEAT = np.isin(np.arange(16), (4, 12))
ROUNDING = 1.5 / 127  # a velocity step of MIDI rounding


@pytest.fixture(scope="module")
def gmd_ghost_shares():
    """{genre: share}: GMD's train beats' busy bars (BUSY_SNARE or more snares off 2 and 4), the median
    off-backbeat snare velocity over the median backbeat velocity."""
    if not GMD_DIR.is_dir():
        pytest.skip(f"Groove MIDI Dataset not found at {GMD_DIR} (set REAGROOVE_GMD)")
    from reagroove.core.dataset import load_dataset

    ds = load_dataset(GMD_DIR)
    ds = ds.subset("train")
    ds = ds.select(~ds.is_fill)
    bars = ds.hvo.reshape(-1, 16, 3 * N_VOICES)
    genre = np.repeat(ds.genre, 2)
    hit, vel = bars[..., SNARE] > 0.5, bars[..., N_VOICES + SNARE]
    off = hit & ~BACKBEAT
    busy = off.sum(1) >= BUSY_SNARE
    shares = {}
    for i, name in enumerate(GENRES):
        rows = busy & (genre == i)
        ghosts = vel[rows][off[rows]]
        backbeats = vel[rows][:, BACKBEAT][hit[rows][:, BACKBEAT]]
        shares[name] = float(np.median(ghosts) / np.median(backbeats))
    return shares


def loudest_ghost_shares(result):
    """Each busy bar's loudest ghost note over its loudest backbeat."""
    return [max(off) / max(back) for back, off in busy_bars(result)]


def test_gmd_ghosts_afro_louder_and_hiphop_softer_than_funk(gmd_ghost_shares):
    """What the rules below follow: the data itself (not a guess) says afro's drummers ghost less than funk's."""
    assert gmd_ghost_shares["afro"] > gmd_ghost_shares["funk"] + 0.05
    assert gmd_ghost_shares["hiphop"] < gmd_ghost_shares["funk"] - 0.05


@pytest.mark.parametrize("genre", ["afro", "funk"])
def test_a_genres_busy_snares_ghost_at_its_drummers_level(shipped, gmd_ghost_shares, genre):
    share = gmd_ghost_shares[genre]
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre={genre: 1.0}), bars=(1, 8))
    ratios = loudest_ghost_shares(res)
    assert ratios, f"the network's {genre} beat over this bass line plays busy snares"
    # the network's snares off the backbeat are as loud as it: each bar's loudest ghost note sits at the genre's level
    assert all(abs(r - share) <= 0.02 + ROUNDING for r in ratios), (genre, share, ratios)


def test_afro_plays_its_snare_figure_louder_than_the_flat_level(shipped, gmd_ghost_shares):
    """The old flat cap (GHOST_RATIO) had played afro's figure at funk's ghost level: now above it."""
    ratios = loudest_ghost_shares(shipped.drumify(read_midi(FUNK_BASS), Settings(genre={"afro": 1.0}), bars=(1, 8)))
    assert ratios and min(ratios) > GHOST_RATIO + 0.05 < gmd_ghost_shares["afro"]


def test_hiphop_whispers_its_ghost_notes_with_a_density(shipped, gmd_ghost_shares):
    """A busier hip-hop drummer asked for (the density slider): ghost notes at hip-hop's level, under funk's."""
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre={"hiphop": 1.0}, density=0.6), bars=(1, 8))
    ratios = loudest_ghost_shares(res)
    assert ratios, "a dense hip-hop beat over this bass line plays busy snares"
    assert max(ratios) <= gmd_ghost_shares["hiphop"] + 0.02 + ROUNDING, ratios


def test_a_mix_ghosts_between_its_genres(shipped):
    """Half afro, half hip-hop: the ghost notes between hip-hop's whisper and afro's figure."""
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre={"afro": 0.5, "hiphop": 0.5}, density=0.6),
                          bars=(1, 8))
    ratios = loudest_ghost_shares(res)
    assert ratios
    from reagroove.core.genre_ghosts import GHOST_SHARES

    middle = (GHOST_SHARES["afro"] + GHOST_SHARES["hiphop"]) / 2
    assert max(ratios) <= middle + ROUNDING, ratios


def test_no_genre_keeps_the_density_controls_level(shipped):
    """No genre asked for: the density control's drummer ghosts at GHOST_RATIO, as before."""
    ratios = loudest_ghost_shares(shipped.drumify(read_midi(FUNK_BASS), Settings(density=1.0), bars=(1, 8)))
    assert ratios and max(ratios) <= GHOST_RATIO + ROUNDING


def test_the_modules_shares_are_gmds(gmd_ghost_shares):
    from reagroove.core.genre_ghosts import GHOST_SHARES

    for genre, share in gmd_ghost_shares.items():
        assert GHOST_SHARES[genre] == pytest.approx(share, abs=0.01), genre
