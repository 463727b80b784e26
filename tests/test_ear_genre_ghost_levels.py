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


def gmd_train_snares():
    """(genre, hit, velocity, off the backbeat) of the snare in each bar of GMD's train beats (fills left out): (B,)
    genre index, (B, 16) each; skips the test where the dataset is not found."""
    if not GMD_DIR.is_dir():
        pytest.skip(f"Groove MIDI Dataset not found at {GMD_DIR} (set REAGROOVE_GMD)")
    from reagroove.core.dataset import load_dataset

    ds = load_dataset(GMD_DIR).subset("train")
    ds = ds.select(~ds.is_fill)
    bars = ds.hvo.reshape(-1, 16, 3 * N_VOICES)
    hit = bars[..., SNARE] > 0.5
    return np.repeat(ds.genre, 2), hit, bars[..., N_VOICES + SNARE], hit & ~BACKBEAT


@pytest.fixture(scope="module")
def gmd_ghost_shares():
    """{genre: share}: GMD's train beats' busy bars (BUSY_SNARE or more snares off 2 and 4), the median
    off-backbeat snare velocity over the median backbeat velocity."""
    genre, hit, vel, off = gmd_train_snares()
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
    # and above hip-hop's whisper alone: the bar's loudest ghost note at the mix's level
    assert min(ratios) >= middle - 0.02 - ROUNDING > GHOST_SHARES["hiphop"] + 0.05, ratios


def test_a_rock_led_mix_with_some_reggae_ghosts_at_rocks_level(shipped, gmd_ghost_shares):
    """Rock leading (60%), reggae under it (40%: no one drop, rock's backbeat on 2 and 4): the ghost notes at rock's
    level. Reggae's share, which says it has no backbeat to ghost under, had lifted them to 0.71 of the backbeat."""
    res = shipped.drumify(read_midi(FUNK_BASS), Settings(genre={"rock": 3.0, "reggae": 2.0}, density=0.7), bars=(1, 8))
    ratios = loudest_ghost_shares(res)
    assert ratios, "a busy rock beat over this bass line plays busy snares"
    assert max(ratios) <= gmd_ghost_shares["rock"] + 0.02 + ROUNDING, ratios


@pytest.mark.parametrize("genre", ["latin", "reggae"])
def test_a_genre_without_a_backbeat_counts_where_it_leads(genre):
    """Latin or reggae leading the mix: its figure near the backbeat lifts the cap, as the genre's alone; under
    another genre's lead, that genre's share."""
    from reagroove.core.genre_ghosts import GHOST_SHARES, ghost_ratios

    def mix(weights):
        return np.array([[weights.get(g, 0.0) for g in GENRES]], np.float32)

    led = float(ghost_ratios(mix({genre: 0.6, "funk": 0.4}))[0])
    assert led == pytest.approx(0.6 * GHOST_SHARES[genre] + 0.4 * GHOST_SHARES["funk"], abs=1e-6)
    assert float(ghost_ratios(mix({genre: 0.4, "funk": 0.6}))[0]) == pytest.approx(GHOST_SHARES["funk"], abs=1e-6)
    assert float(ghost_ratios(mix({}))[0]) == pytest.approx(GHOST_RATIO)


def test_no_genre_keeps_the_density_controls_level(shipped):
    """No genre asked for: the density control's drummer ghosts at GHOST_RATIO, as before."""
    ratios = loudest_ghost_shares(shipped.drumify(read_midi(FUNK_BASS), Settings(density=1.0), bars=(1, 8)))
    assert ratios and max(ratios) <= GHOST_RATIO + ROUNDING


def test_the_modules_shares_are_gmds(gmd_ghost_shares):
    from reagroove.core.genre_ghosts import GHOST_SHARES

    for genre, share in gmd_ghost_shares.items():
        assert GHOST_SHARES[genre] == pytest.approx(share, abs=0.01), genre


def test_latins_licks_play_under_its_clave(shipped):
    """Latin leading: the clave is its snare figure, laid by rule (core/clave.py); a lick the network draws around
    it plays no louder. With latin's GMD share of the backbeat as the cap (its figure is its off-backbeat snares),
    freedoom's d_dm04 at --density 0.9 had a tom lick's snare at 105 of 127 in bar 5, over the clave at 64-76."""
    import os
    from pathlib import Path

    from reagroove.core.clave import CLAVE_ACCENT

    band = Path(os.environ.get("REAGROOVE_BAND") or Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi")
    if not (band / "d_dm04.mid").is_file():
        pytest.skip(f"freedoom's d_dm04.mid not found in {band} (set REAGROOVE_BAND)")
    res = shipped.drumify(read_midi(band / "d_dm04.mid"), Settings(genre={"latin": 1.0}, density=0.9), bars=(1, 8))
    snare = np.asarray(res.loops)[..., SNARE] > 0.5
    vel = np.asarray(res.loops)[..., N_VOICES + SNARE][snare]
    assert snare.sum() > 16 and vel.max() <= CLAVE_ACCENT + ROUNDING, np.round(vel * 127)
