"""The public batch API of the drum generator (stable: evaluation and the engine call it).

    from reagroove.models import drumify_batch
    loops = drumify_batch(grooves)                          # (N, 32, 3) -> (N, 32, 27)
    loops = drumify_batch(grooves, genre={"funk": 1.0}, density=0.15,
                          voice_groups={"toms": False}, temperature=0.7, seed=3)

    z = encode(grooves)                                     # (N, latent) posterior means
    loops = decode((z_a + z_b) / 2, grooves)                # latent navigation

Grooves are float32 (N, 32, 3): per 16th step hit (0/1), velocity (0..1),
offset (-0.5..0.5 of a step, positive = late). Loops come back as float32
(N, 32, 27) in the HVO layout of reagroove.core.loop: hits 0/1 in columns 0-8,
velocities 0..1 in 9-17, offsets -0.5..0.5 in 18-26, zeros where no hit.

The shipped models (models/weights/drummer.pt for band parts, and
models/weights/drum_part/drummer.pt for drum parts, `drum_part=True`; each
checked against its card.json) are loaded once per process (`load_model`,
models/loaded_model.py: the network's calls traced once used); pass
`weights=PATH` to use another file for every input. Generation runs on the CPU
under torch.inference_mode; the rules a drummer plays by follow the network
here (`_generate`).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

import numpy as np
import torch

from reagroove.core.clave import latin_rows
from reagroove.core.conditioning import Conditioning
from reagroove.core.dynamics import accents, band_accents, band_timing, take_dynamics, voice_levels
from reagroove.core.genre_afro import afro_bars, afro_rows, afro_snares, laid_lone_rules
from reagroove.core.fast_funk_kick import fast_funk_rows, kick_on_the_bass
from reagroove.core.groove_toms import groove_ride_shares, groove_tom_shares, spare_rides, spare_toms, toms_spared
from reagroove.core.genre_ghosts import busy_thinned, ghost_ratios, lone_snare_rules, under_the_clave
from reagroove.core.genre_open_hats import (disco_hat_rows, open_hat_level, open_hat_rows, open_the_and_of_three,
                                            song_keys)
from reagroove.core.idioms import (JAZZ, JAZZ_LEADS, disco_bars, four_on_the_floor, house_bars, open_off_beats,
                                   own_off_beat_answer)
from reagroove.core.limbs import (FIRST, GHOST_RATIO, OPEN_HAT, crowded, kick_on_three, full_sixteenths, kick_limit,
                                  kick_on_one, one_backbeat, snare_limit)
from reagroove.core.limbs_one_loop import ghost_snares, keep_time, playable  # (limbs', one loop on Python scalars)
from reagroove.core.loop import N_VOICES, STEPS, VOICE_GROUPS, VOICES, LoopError
from reagroove.core.one_drop import reggae_rows
from reagroove.core.riff_accents import riff_accents
from reagroove.core.settings import DENSITY_CELLS
from reagroove.core.snare_levels import off_backbeat_levels
from reagroove.core.tempering import one_take, temper, tempered
from reagroove.core.thinning import capped, level_rows, step_accents, thinning_keys

from .loaded_model import Drummer, as_logits, load_model, one_thread
from .network import GROUP_NAMES, VOICE_GROUP_INDEX, make_cond
from .pattern_hits import pattern_levels, pull_weights, pulled

N = N_VOICES
SPARSE_CELLS = sum(DENSITY_CELLS) / 2  # the density control's middle, in hits per cell: below it, a sparse drummer
# the voices a genre ceiling holds to its drummers' count (Drummer.genre_ceiling): not the kick or the time-keepers
CEILED = np.isin(VOICES, VOICE_GROUPS["snare"] + VOICE_GROUPS["toms"])
# the voices that stand in for a group switched off (drumify_batch voice_groups): the toms and cymbals groups
STAND_INS = np.isin(VOICES, VOICE_GROUPS["toms"] + VOICE_GROUPS["cymbals"])
# the groups the network always plays with, muted or not (their hits are then left out): kick and snare
KEPT_FOR_THE_NETWORK = np.isin(GROUP_NAMES, ("kick", "snare")).astype(np.float32)
# ... and the hats where the cymbals play: their time moves to the ride (hats_on_the_ride)
HATS_KEPT = np.isin(GROUP_NAMES, ("hats",)).astype(np.float32)
CYMBALS = list(GROUP_NAMES).index("cymbals")
CLOSED_HAT, RIDE = VOICES.index("closed_hat"), VOICES.index("ride")
OFF_FOOT = np.ones(STEPS, bool)  # the steps off beats 2 and 4 of a loop's bars, where a riding drummer's foot hat is
OFF_FOOT[[4, 12, 20, 28]] = False
TIME_KEEPERS = np.isin(GROUP_NAMES, ("hats", "cymbals"))  # the groups that keep time (hats, and the ride)


# ---------------------------------------------------------------- inputs


def _grooves(grooves) -> np.ndarray:
    g = np.asarray(grooves, dtype=np.float32)
    if g.ndim != 3 or g.shape[1:] != (STEPS, 3):
        raise LoopError(f"grooves must have shape (N, {STEPS}, 3), got {g.shape}")
    if not np.logical_and.reduce(np.isfinite(g), None):  # (.all() without its Python wrapper)
        raise LoopError("grooves contain NaN or infinite values")
    return g


def _inputs(grooves, bass) -> np.ndarray:
    """(N, 32, 6): the groove and the bass groove (zeros = no bass part known), both checked."""
    g = _grooves(grooves)
    return _beside(g, None if bass is None else _grooves(np.broadcast_to(np.asarray(bass, np.float32), g.shape)))


def _beside(g: np.ndarray, bass: np.ndarray | None) -> np.ndarray:
    """(N, 32, 6) from a checked groove and bass groove (None: zeros, no bass part known; a riff's accents for its 16ths)."""
    if bass is None:  # (zeros with the groove copied in: a third of concatenate's time, on every generation)
        x = np.zeros((*g.shape[:-1], 2 * g.shape[-1]), np.float32)
        x[..., : g.shape[-1]] = g
        return x
    return np.concatenate([g, riff_accents(bass)], -1)


# ---------------------------------------------------------------- API


@torch.inference_mode()
def encode(grooves, *, loops=None, bass=None, drum_part=False, weights=None) -> np.ndarray:
    """Latent points (N, latent) float32 for grooves (N, 32, 3): the points to navigate between.

    With loops (N, 32, 27), the drum loops that go with the grooves (a drum
    pattern and its own groove): the point that reproduces those loops. Without:
    the most likely point for the groove alone (the prior's mean). drum_part: the points of the
    drum-part network (see drumify_batch); decode them with drum_part=True too."""
    m = load_model(weights, drum_part=drum_part)
    x = torch.from_numpy(_inputs(grooves, bass))
    if loops is None:
        mu, _ = m.prior(x)
    else:
        h = np.asarray(loops, np.float32)
        if h.shape != (len(x), STEPS, 3 * N) or not np.all(np.isfinite(h)):
            raise LoopError(f"loops must be finite with shape ({len(x)}, {STEPS}, {3 * N}), got {h.shape}")
        mu, _ = m.posterior(x, torch.from_numpy(h))
    return mu.numpy().copy()


def decode(z, grooves, **settings) -> np.ndarray:
    """Loops (N, 32, 27) from explicit latents z (N, latent) or (latent,), following grooves (N, 32, 3).

    The groove still sets the loop's grid and feel (the decoder reads it step by
    step and velocities/offsets are corrections of it); z steers the pattern.
    Settings as in drumify_batch."""
    return drumify_batch(grooves, z=z, **settings)


def drumify_batch(
    grooves,
    *,
    genre=None,
    density=None,
    voice_groups=None,
    temperature=0.0,
    threshold=None,
    max_hits=None,
    seed: int | None = None,
    z=None,
    fill=False,
    crash=None,
    bass=None,
    drum_part=False,
    take=None,
    weights=None,
) -> np.ndarray:
    """Drum loops for grooves: float32 (N, 32, 3) -> float32 (N, 32, 27), playable by one drummer.

    genre: None (no preference), a genre name, {name: weight} over
        reagroove.core.genres.GENRES, or 9 weights (or (N, 9)); normalised to a mix. With a genre
        and no density, snare and toms play at most as often as the genre's drummers do on average
        (the weights' genre_ceiling; the band network's).
    density: hits per cell of the 32 x 9 loop (0..1, real loops 0.05-0.25), a
        number or (N,): the loop gets that many hits (the likeliest ones); None =
        as many as the input suggests (the per-voice thresholds in the weights).
    voice_groups: {group: on} for kick, snare, hats, toms, cymbals (missing = on), or 5 flags in that order.
        A switched-off group never plays; the model moves its hits to the others.
    temperature: variety. The latent point is drawn from the model's prior for
        the input, temperature x its spread from the most likely point (0 = the
        most likely loop, deterministic); a number or (N,) per loop. One draw per
        seed, shared by every loop with that seed (a take with one character over
        a whole part). With z given, z is moved the same way.
    threshold: hit probability threshold, a number, 9 numbers or {voice: t};
        None = the per-voice thresholds tuned on validation (in the weights).
    max_hits: at most this many hits per voice per loop (a number, 9 numbers
        or {voice: n}); the most probable hits are kept.
    seed: with the same seed and inputs the output is bit-identical; None draws fresh noise;
        (N,) seeds: a take per seed in one call (the engine's variations).
    z: explicit latents (N, latent) or (latent,) instead of the prior's (see `encode`).
    fill: True (or (N,) flags) to ask for a fill instead of a beat.
    crash: (N,) 1 = the loop starts a phrase (a crash on its downbeat), 0 = no
        crash in it; None = the model decides, on the downbeat only.
    bass: (N, 32, 3) groove of the low-register part of the input (drives the
        kick), or None when unknown.
    drum_part: the grooves are a drum part's (a drum take, notes on MIDI channel
        10; reagroove.core.groove.is_drum_part), not a band part's: the shipped
        network trained on drummers' own grooves plays them.
    take: (N,) ints: loops with the same number are consecutive windows of one part (a song, a
        section; in one 2-bar phase), played as one drummer keeps one groove through it: each
        loop's hit probabilities are blended toward the take's mean (by the weights' calibrated
        take_blend); -1 = a loop on its own; None = every loop on its own.
    weights: another weights file for every input (default: the shipped models).

    Every loop is made playable by one drummer (core/limbs.py): closed and open
    hat never together, at most two hands plus the kick per step, the crash only
    where a phrase starts.
    """
    m = load_model(weights, drum_part=drum_part)
    g = _grooves(grooves)
    cond = Conditioning.of(len(g), genre=genre, density=density, voice_groups=voice_groups, temperature=temperature,
                           threshold=threshold, max_hits=max_hits, seed=seed, fill=fill, crash=crash, bass=bass,
                           drum_part=drum_part, take=take, tuned_thresholds=m.thresholds)
    return _generate(m, _beside(g, cond.bass), z, cond)  # Conditioning.of checked the bass groove


def generate(grooves, cond: Conditioning, *, z=None, weights=None) -> np.ndarray:
    """Loops (N, 32, 27) for grooves (N, 32, 3) under a Conditioning taken as it is (the engine's path:
    reagroove.core.engine.DrumModel); z: explicit latents as in drumify_batch."""
    return _generate(load_model(weights, drum_part=cond.drum_part), _inputs(grooves, cond.bass), z, cond)


@lru_cache(maxsize=1024)
def _draw(seed: int, size: int) -> np.ndarray:
    """The latent offset a seed draws (read-only): making a seeded generator costs more than a generation's
    whole numpy side, and the live loop and the panel ask for the same few seeds again and again."""
    d = np.random.default_rng(seed).standard_normal(size).astype(np.float32)
    d.flags.writeable = False
    return d


@lru_cache(maxsize=64)
def _no_draw(n: int, size: int) -> torch.Tensor:
    """Zeros (n, size): the latent offsets of the prior's mean, shared by every unsampled generation (read only)."""
    return torch.zeros(n, size)


@torch.inference_mode()
def _generate(m: Drummer, x: np.ndarray, z, cond: Conditioning) -> np.ndarray:
    """Loops for checked inputs x (N, 32, 6: `_inputs`) under cond."""
    n = len(x)
    if n == 0:
        return np.zeros((0, STEPS, 3 * N), np.float32)
    given = cond.density is not None
    dens = cond.density if given else np.zeros(n, np.float32)
    fills = np.zeros(n, np.float32) if cond.fill is None else cond.fill
    mix = cond.genre
    genre_asked = bool(np.logical_or.reduce(mix, None))  # (.any() without its Python wrapper: every generation)
    # A muted kick or snare is left out of what the network plays, not handed to a stand-in: told they were
    # off, it put the snare's hits on the mid tom, on every off-16th of a plain rock bass line (the kick muted
    # too), where a producer mutes them to layer a kick or clap of their own over the same beat. Muted hats,
    # toms and cymbals are still handed over, as a drummer without them plays (the ride keeps the hats' time).
    asked_groups = np.asarray(cond.voice_groups, np.float32)
    all_on = bool(np.logical_and.reduce(asked_groups))
    # (with no time-keeper left, hats and cymbals both muted, the toms stand in for them all: a tom groove)
    keeps_time = all_on or bool(asked_groups[TIME_KEEPERS].any())
    net_groups = np.maximum(asked_groups, KEPT_FOR_THE_NETWORK) if keeps_time and not all_on else asked_groups
    # muted hats with the ride there: the network plays its hats, the ride takes their time (hats_on_the_ride)
    ride_keeps = keeps_time and not all_on and asked_groups[CYMBALS] > 0
    net_groups = np.maximum(net_groups, HATS_KEPT) if ride_keeps else net_groups
    stand_ins = not (all_on or net_groups.all())  # a group the network was told is off: others stand in for it
    if not (genre_asked or cond.fill is not None or stand_ins) and (not given or (dens == dens[0]).all()):
        # no control asked for (the most common call), or one density (the slider's): the same every time
        net_cond = m.plain_cond(n, float(dens[0]) if given else None)
    else:
        net_cond = torch.from_numpy(make_cond(mix, dens, np.full(n, float(given), np.float32),
                                              np.broadcast_to(net_groups, (n, len(GROUP_NAMES))),
                                              fills).astype(np.float32))
    if cond.threshold is None and cond.fill is None:
        th_logit = m.threshold_logits  # the tuned thresholds, as logits (computed once)
    else:
        th = np.broadcast_to(m.thresholds if cond.threshold is None else cond.threshold, (n, N))
        if cond.threshold is None:  # fills have thresholds of their own (tuned on validation fills)
            th = np.where((fills > 0.5)[:, None], m.fill_thresholds[None, :], th)
        th_logit = as_logits(th)[:, None, :]
    voice_on = None if all_on else np.broadcast_to(asked_groups[list(VOICE_GROUP_INDEX)] > 0, (n, N))  # (N, 9)
    temp = cond.temperature
    xt = torch.from_numpy(x)
    eps = None  # (no draw: the latent point is the prior's mean)
    sampled = bool(np.maximum.reduce(temp) > 0)  # ((temp > 0).any(), in one call: temp is finite, n >= 1)
    if sampled:  # one take per seed: the same draw for every loop with that seed, so a part stays coherent
        seeds = np.asarray(np.random.default_rng().integers(2**63) if cond.seed is None else cond.seed, np.int64)
        seeds = seeds if seeds.shape == (n,) else np.broadcast_to(seeds, (n,))  # (Conditioning's are (n,) already)
        if n == 1 or (seeds == seeds[0]).all():
            eps = _draw(int(seeds[0]), m.latent)[None] * temp[:, None]
        else:
            unique, which = np.unique(seeds, return_inverse=True)
            eps = np.stack([_draw(int(u), m.latent) for u in unique])[which.reshape(-1)] * temp[:, None]
    if z is None:
        logits, raw, vel, off = (t.numpy() for t in m.generate(xt, net_cond, _no_draw(n, m.latent) if eps is None
                                                                else torch.from_numpy(eps)))
    else:
        zt = np.broadcast_to(np.asarray(z, np.float32), (n, m.latent)).copy()
        if sampled:
            _, logvar = m.prior(xt)
            zt = zt + eps * np.exp(0.5 * logvar.numpy())
        logits, raw, vel, off = (t.numpy() for t in m.decoder(torch.from_numpy(zt.astype(np.float32)), net_cond, xt))
    # The average drummer, a steady pulse and one groove per take (models/train.py, calibrate) temper the
    # prior's guess from the input alone; a z given explicitly (a pattern, a point on the pad) is decoded as it is,
    # but for the share of it that is a groove's own point (cond.prior_share): the pad's point a hair off the
    # groove's (follow 0.95) had changed 17-21% of the hits of follow 1's drums, the next 5% another 6%.
    takes = None if cond.take is None or not m.take_blend.any() else np.where(fills > 0.5, -1, cond.take)  # a fill stands alone
    share = None if z is None or cond.prior_share is None else cond.prior_share[:, None, None]
    if (z is None or share is not None) and (m.tempered or takes is not None):
        # the average drummer of the genre mix asked for, else of all training loops
        avg, blend = m.average_pattern, m.prior_blend
        own_blend = not (genre_asked or cond.fill is not None or stand_ins)  # (the model's own: its parts held)
        if genre_asked:
            avg = np.where(mix.sum(1)[:, None, None] > 0, np.einsum("ng,gtv->ntv", mix, m.genre_patterns), avg)
        if cond.fill is not None:  # a fill: the average drummer's fill, at a fill's own blend
            is_fill = (fills > 0.5)[:, None, None]
            avg = np.where(is_fill, m.fill_pattern, avg)
            blend = np.where(is_fill, m.fill_blend, m.prior_blend)
        if stand_ins:
            # groups switched off: the voices standing in for them (the ride for the hats) play where the
            # average drummer, who has every group, seldom plays them; the network's word goes
            blend = np.where(STAND_INS, 0.0, blend)
        p = one_take(tempered(raw, *m.prior_parts, m.steady_time, None) if own_blend else
                     temper(raw, avg, blend, m.steady_time, cond.fill), takes, m.take_blend)
        if share is not None:
            p = (1 - share) * raw + share * p
        # np.clip without its wrapper, then the logits, in place (p is a new array: temper's, one_take's or the share's)
        np.minimum(np.maximum(p, 1e-7, out=p), 1 - 1e-7, out=p)
        logits, rest = np.log(p), np.negative(p)
        logits = np.subtract(logits, np.log1p(rest, out=rest), out=logits).astype(np.float32, copy=False)
    # a drum loop's point (a pattern at follow 0, interpolate's ends) plays that loop's hits, a blend its share:
    # pulled around the tuned thresholds, so a threshold or density asked still acts on them
    weights = None
    if z is not None and cond.pattern is not None:
        weights = pull_weights(cond.pattern_share, temp if sampled else None)
        if weights.any():
            logits, vel, off = pulled(np.broadcast_to(logits, (n, STEPS, N)), vel, off, weights, cond.pattern,
                                      m.threshold_logits)
    # Each cell's margin over its voice's threshold ranks it: what the thresholds keep, or the
    # likeliest cells up to the asked density.
    score = logits - th_logit
    if ride_keeps and not (asked_groups[list(GROUP_NAMES).index("hats")] > 0):
        score, vel, off = hats_on_the_ride(score, vel, off)
    if genre_asked and asked_groups[CYMBALS] > 0:
        # jazz leading a mix rides: fed the mix, the network kept the other genre's hats until jazz held about 80%
        # of it, so a panel's Jazz slider at 71% (rock at 29%) played a rock beat on the hats
        # (the hat stays on 2 and 4 as its foot where the snare leaves those steps to it; jazz alone is the network's)
        rides = (mix[:, JAZZ] >= JAZZ_LEADS) & (mix[:, JAZZ] < 1.0) & \
            (score[:, OFF_FOOT][..., CLOSED_HAT:OPEN_HAT + 1] > 0).any((1, 2))
        if rides.any():
            score[rides], vel[rides], off[rides] = hats_on_the_ride(score[rides], vel[rides], off[rides])
            score[np.ix_(np.flatnonzero(rides), np.flatnonzero(OFF_FOOT), [CLOSED_HAT, OPEN_HAT])] = -np.inf
    if voice_on is not None:
        score = np.where(voice_on[:, None, :], score, -np.inf)
    if genre_asked and cond.bpm is not None:  # funk's kick at a fast tempo on the bass's notes (fast_funk_kick.py)
        low = x[..., 3] > 0.5  # (the bass's notes: _beside)
        score = kick_on_the_bass(score, low, fast_funk_rows(mix, cond.bpm, low, cond.four_four, cond.plain) &
                                  (fills <= 0.5))  # (half time's loops at half speed: half the tempo)
    hits = None if given else score > 0  # with a density, the count below chooses every loop's hits
    # Cells ranked up to a count: the density asked for, or for a fill left to the model, as many hits
    # as drummers' fills have (a fill is never thinner than a drummer would play it).
    counted = None
    beats = fills <= 0.5  # the density rules below leave a fill as the network plays it
    if given:
        counted = slice(None)  # every loop (a slice: views, not copies)
    elif cond.threshold is None and cond.fill is not None:
        counted = fills > 0.5
        dens = np.where(counted, m.fill_density, dens).astype(np.float32)
    if counted is not None and (given or counted.any()):
        k = np.rint(dens[counted] * STEPS * N).astype(np.int64)
        sc = score[counted]
        top = _top(sc, k)
        busy = crowded(top, beats[counted]) if given else None
        if busy is not None and busy.any():  # more hits asked for go to the hands, not a kick or a snare on nearly every 16th
            sc = snare_limit(kick_limit(sc, busy), busy)
            top = _top(sc, k)
        if given and genre_asked and not cond.drum_part:  # a band part's groove: its toms, and a ride beside the hats,
            # at most as often as its genre's drummers' (groove_toms.py; a drum pattern's own bar keeps its toms)
            grooves = beats if weights is None else beats & ~(weights >= 0.5)
            seeds = None if cond.seed is None else np.broadcast_to(np.asarray(cond.seed), (n,))
            spared = spare_toms(top, groove_tom_shares(mix), grooves, seeds, cond.song_bar, cond.bpm) | \
                spare_rides(top, groove_ride_shares(mix), grooves, seeds, cond.song_bar, cond.bpm, sc)  # (song's bars)
            if (spared & top).any():  # the count's hits freed go to the kick, snare and hats' 8ths
                sc = toms_spared(sc, top, spared, x[..., 0] > 0.5)  # (a freed ride: then the band's 16ths on the hat)
                top = _top(sc, k)
        for _ in range(2 if given else 0):  # a bar the count leaves without a kick keeps one on beat 1; ranked
            first = kick_on_one(sc, top, beats[counted])  # first, it can push out the other bar's only kick: twice
            if first is None:
                break
            sc, top = first, _top(first, k)
        if given:
            hits = top
        else:
            hits[counted] = top
    band = not cond.drum_part
    backbeat_kept = given or band
    if backbeat_kept:
        # Asked for fewer or more hits, the network writes a backbeat and half time at once, holey time. A band
        # part in plain 8ths accented on 1 and 3 (a ballad's arpeggio; its 1 and 3 also with --genre pop) got
        # a snare on 2, 3 and 4 at the defaults (as the rock bass's own point decoded as it is did), where a
        # drummer keeps the backbeat; on the held-out songs the network never plays that bar, so the rule
        # changes nothing measured there. A drum part keeps its drummer's bar (GMD validation: 10% of bars,
        # the rule cost its F1 0.003). Jazz asked for over a band part is given no backbeat: its left hand
        # comps (core/comping.py).
        jazz_led = (mix[:, JAZZ] >= JAZZ_LEADS) & band if genre_asked else None
        rule = beats & ~jazz_led if genre_asked and jazz_led.any() else beats
        if weights is not None:  # a drum pattern's own bar, as a drum part's (its jazz comp had got a backbeat)
            rule = rule & ~(weights >= 0.5)
        hits = one_backbeat(hits, rule)
    if given:  # a sparse drummer keeps the kick on 1 and 3 (4/4 loops below the control's middle), once the
        # backbeat is settled (a half-time snare on 3 the backbeat rule takes away no longer keeps the kick off 3)
        sparse = beats & (dens < SPARSE_CELLS)
        if cond.four_four is not None:
            sparse &= np.asarray(cond.four_four, bool)
        hits = kick_on_three(hits, score, sparse) if sparse.any() else hits
    explicit = z is not None and band and cond.threshold is None
    if sampled and cond.threshold is None and not (explicit and not given):
        # A draw far from the input's point can drop the kick: at temperature 2 (seed 3) a rock, funk or keys
        # part had no kick in any bar (a drum part's draw also a snare on 2, 3 and 4). Each bar keeps a kick
        # (on its 1, where the count's rule puts it) and one backbeat, as the density rules keep them. (A point
        # decoded as it is, interpolate's path or a pattern, keeps its own kick.)
        drawn = beats & (temp > 0)
        first = kick_on_one(score, hits, drawn)
        if first is not None:
            hits |= first == FIRST
        if not backbeat_kept:
            hits = one_backbeat(hits, drawn)
    crash_flags = None if cond.crash is None else np.where(cond.crash > 0.5, 1, 0)
    drummers = None if weights is None else weights >= 0.5  # (mostly a drum pattern's own: its foot a foot)
    hits = playable(hits, score, crash_flags, voice_on, drummers)
    # a drum pattern played as itself keeps its time-keeper's holes (disco's 16th hats skip 2 and 4, where that hand
    # is on the snare: filled, follow 0 had played 4 hats a loop the pattern does not have); a count asked for fills
    keeps = beats if given or drummers is None else beats & ~drummers
    if given or explicit:
        # steady_hands, even_pulse (8ths then quarters, bar after bar: one pulse), then a band's full_sixteenths
        hits = keep_time(hits, keeps, voice_on, lighter=given, full=band)
    elif band:
        hits = full_sixteenths(hits, keeps, voice_on)
    house = None  # the bars of a house or disco bass: four on the floor and open hats (core/idioms.py)
    opened = None  # the loops whose hat a genre opens on the "and" of 3 (genre_open_hats.py)
    own_point = z is None or share is not None  # (a point decoded as it is, a pattern's, keeps its own kick and hats)
    kick_on = beats if voice_on is None else beats & voice_on[:, 0]
    if band:
        if own_point:
            # (asked for reggae or jazz, their drummers' own answer to the bass, not the house idiom: idioms.py)
            house = None if cond.bass is None else house_bars(x[..., 3], kick_on, cond.bpm)  # (no bass: no line)
            if house is not None:  # (nearly always None: the genres read only then)
                house &= ~own_off_beat_answer(mix)[:, None]
                house = house if house.any() else None
            hits = four_on_the_floor(hits, x[..., 3], house)
    if own_point and genre_asked:
        hits = four_on_the_floor(hits, None, disco_bars(mix, kick_on))  # the kick (disco's open hats: in runs, below)
        # hip-hop's and funk's open hat on the "and" of 3, which the network never opens (genre_open_hats.py), on plain
        # 4/4 bars: a waltz's loop had opened it on the "and" of 1, and half time, which lays the loop at half speed
        # and plays no open hat, had its hats flat (the opened hat's accent broke the fit laying the accents there)
        plain = cond.four_four if cond.plain is None else cond.plain
        hats_on = beats if voice_on is None else beats & voice_on[:, OPEN_HAT]
        hats_on = hats_on if plain is None else hats_on & np.asarray(plain, bool)
        if cond.max_hits is not None:  # (no open hat asked for: the closed hats stay as they are)
            hats_on = hats_on & (np.broadcast_to(cond.max_hits, (n, N))[:, OPEN_HAT] >= 1)
        # (by the song's bars, its tempo and genre and the take's seed: the same bars whichever of the song's are
        # drummed, other bars in another song)
        # (disco's on every "and", in runs of its own)
        hits, vel, off, opened = open_the_and_of_three(hits, vel, off, open_hat_rows(mix, hats_on), cond.song_bar,
                                                       cond.seed, song_keys(cond.bpm, mix),
                                                       disco_hat_rows(mix, hats_on),  # (off a fill or crash bar)
                                                       cond.crash if cond.phrase_edges is None else cond.phrase_edges)
    afro = None  # the loops whose snare figure afro's drummers' draw lays (genre_afro.py), of the snares drawn here
    if own_point and genre_asked and not given and band:
        afro = afro_rows(mix, afro_bars(cond, beats, voice_on))
        afro_drawn = None if afro is None else hits.copy()
    if m.genre_ceiling > 0 and not given and genre_asked:
        # a genre's ghost notes where the network cannot tell which 16ths they fall on: as many as its drummers
        # play, its likeliest ghost notes and toms
        asked = (mix.sum(1) > 0) & (fills <= 0.5)
        ceiling = np.where(asked[:, None] & CEILED[None, :], np.ceil(m.genre_ceiling * mix @ m.genre_counts), STEPS)
        rank = np.argsort(np.argsort(-np.where(hits, score, -np.inf), axis=1, kind="stable"), axis=1, kind="stable")
        hits &= rank < ceiling[:, None, :]
    if afro is not None:  # (the ceiling had kept one figure, the same in every bar, and never beat 2)
        hits = afro_snares(hits, afro_drawn, afro, cond.song_bar, cond.seed, cond.bpm)
        if m.genre_ceiling > 0:  # (a bar's figure drawn afresh, the loop still at most its drummers' count: 18 a loop
            # had run 3-4 snares in a row)
            rank = np.argsort(np.argsort(-np.where(hits, score, -np.inf), axis=1, kind="stable"), axis=1, kind="stable")
            hits &= rank < ceiling[:, None, :]
    # The part as the drummer plays it uncapped sets every hit's velocity and timing; a cap asked for only leaves
    # hits out. Dynamics read over the capped loop had moved the voices left alone: 4 kicks put every hat and
    # snare of the bundled shuffle 5-7 velocities softer (band_accents keeps a loop's level over its hits: the
    # kicks left out were ones its accents had lowered).
    uncapped = hits
    if cond.max_hits is not None:  # a cap asked for keeps what a drummer keeps thinning a part (core/thinning.py):
        # the downbeats and half-bars' kicks, the backbeat, the hats' beats, then the part's strongest accents
        cap = np.broadcast_to(cond.max_hits, (n, N))
        levels = level_rows(None, cond.four_four, n) if cond.step_levels is None else cond.step_levels
        hits = capped(hits, thinning_keys(score, levels, step_accents(x)), cap)
        if house is not None:  # open hats capped by hand: the hats are left as the cap leaves them
            house = house & (cap[:, OPEN_HAT] >= STEPS)[:, None]
    played, vel, off = open_off_beats(uncapped, vel, off, house)  # (its opened hats' feel covers the capped ones')
    hits = played if uncapped is hits else open_off_beats(hits, vel, off, house)[0]
    # a drummer's accents at the part's level, not its touch (dynamics.band_accents): a band part's beats and fills on
    # 4/4 bars (Conditioning.four_four); other beats where played at one velocity (a drum part's are its drummer's);
    # a band part's loops on other meters keep the part's touch within each voice, each voice at a drummer's level
    if cond.four_four is None:  # every loop on 4/4 bars
        shaped, metered, all_shaped = _flags(n, band), None, band
    else:  # (fills off 4/4 keep theirs: phrase_laying's climb raises them to the backbeat)
        shaped = band & np.asarray(cond.four_four, bool)
        metered = band & ~shaped & beats
        metered = metered if metered.any() else None
        all_shaped = bool(shaped.all())
    if all_shaped or shaped.any() or metered is not None:
        accented = band_accents(vel, played, x, None if cond.fill is None else ~beats,
                                None if z is None else cond.part_level)  # (a pattern's groove: the part's level)
        if metered is not None:
            accented = np.where(metered[:, None, None], voice_levels(vel, accented, played, x), accented)
        levelled = shaped if metered is None else shaped | metered
        vel = accented if all_shaped or levelled.all() else np.where(levelled[:, None, None], accented, vel)
        if weights is not None and weights.any():  # a drum pattern's own levels, at the part's (pattern_hits.py)
            vel = pattern_levels(vel, played, weights, cond.pattern, None if z is None else cond.part_level)
    if band:  # its beats never pulled ahead of the loop's own timing by a band note read onto them (dynamics.py)
        off = band_timing(off, played, hits)
    out = np.empty((n, STEPS, 3 * N), np.float32)  # (hits, velocities and offsets written in place: no concatenate)
    h = out[..., :N]
    h[...] = played
    np.multiply(vel, h, out=out[..., N : 2 * N])
    np.multiply(off, h, out=out[..., 2 * N :])
    if not all_shaped:
        out = accents(out, beats & ~shaped)
    if band and takes is not None:  # a section at one dynamic, as its groove is one (one_take)
        out[..., N : 2 * N] = take_dynamics(out[..., N : 2 * N], played, takes)
    if band and (given or genre_asked):
        # a busier band drummer asked for, or a genre's: the band network's extra snares are as loud as its backbeat
        # (in freedoom's songs they are fills), where GMD's drummers, whom the density and genre controls follow,
        # ghost them (`--genre funk` alone had played them at 79-122 against the backbeat's 127); a genre's figure
        # laid by rule comes after (core/idioms.py), as laid. A genre's on 4/4 bars (shaped), not where reggae's drop
        # (at the draw's loudest snare: ghosted first, `--genre jazz,reggae` dropped at a comp note's 0.34) or jazz's
        # comping lays the snare
        ghosted = beats if given else beats & (mix.sum(1) > 0) & shaped & ~(reggae_rows(mix, None) |
                                                                              (mix[:, JAZZ] >= JAZZ_LEADS))
        # at the genre's own ghost-note level (afro's figure near its backbeat, hip-hop's whispers: genre_ghosts.py)
        out = ghost_snares(out, ghosted, ghost_ratios(mix) if genre_asked else GHOST_RATIO,
                           laid_lone_rules(lone_snare_rules(mix), afro) if genre_asked else None,
                           None if cond.seed is None else np.broadcast_to(np.asarray(cond.seed), (len(out),)),
                           busy_thinned(mix) if genre_asked else None,  # (rock's busy bars thinned, funk's kept)
                           cond.song_bar, cond.bpm)  # (by the song's bars: any range and live keep the same)
        # latin's snare is its clave, laid by rule on plain 4/4 bars (idioms.py): the draw's licks it leaves, under it
        latin = latin_rows(mix, beats & shaped & (True if cond.plain is None else np.asarray(cond.plain, bool))) \
            if genre_asked else None  # (no genre: no latin)
        out = under_the_clave(out, latin) if latin is not None and latin.any() else out
    if band and not genre_asked:  # no genre's: its snares off 2 and 4 at drummers' level by position, not a second
        # backbeat (core/snare_levels.py); a drum pattern's own bars keep its levels
        out = off_backbeat_levels(out, (beats if all_shaped else beats & shaped) if weights is None else
                                  beats & shaped & ~(weights >= 0.5))
    if opened is not None:  # the open hat's accent over the hats as the dynamics leave them, at most the backbeat
        out = open_hat_level(out, opened)
    if played is not hits:  # the hits the cap leaves out, out
        out = out * np.tile(hits, 3)
    if sampled and not given and cond.threshold is None:
        # A draw far from the input's point can leave nothing for the voices left on (a third of the loops at
        # temperature 2 on band songs were silent): such a loop, at most its phrase crash, is played at the most likely point.
        silent = ~np.logical_or.reduce((hits & _NOT_CRASH).reshape(n, -1), 1) & (temp > 0)  # (no mask's copy)
        if silent.any():
            rows = np.flatnonzero(silent)
            zr = None if z is None else np.broadcast_to(np.asarray(z, np.float32), (n, m.latent))[rows]
            out[rows] = _generate(m, x[rows], zr, _rows_of(cond, rows, temperature=np.zeros(len(rows), np.float32)))
    return out


_NOT_CRASH = np.asarray(VOICES) != "crash"


@lru_cache(maxsize=64)
def _flags(n: int, flag: bool) -> np.ndarray:
    """(n,) bool, every one `flag` (read-only: shared by every generation of n loops, which only reads it)."""
    out = np.full(n, flag)
    out.flags.writeable = False
    return out


def hats_on_the_ride(score: np.ndarray, vel: np.ndarray, off: np.ndarray):
    """(score, vel, off) (N, 32, 9) with the hats' time played on the ride: each step's ride cell takes the
    hats' margin, velocity and timing where a hat is likelier than the ride. A drummer without hi-hats keeps
    the same time on the ride; told the hats were off, the network played the ride where its drummers do
    beside hats (a rock bass line got the ride on 1 and 2 of one bar, then whole bars of none)."""
    hats = score[..., CLOSED_HAT:OPEN_HAT + 1]
    which = CLOSED_HAT + np.argmax(hats, axis=-1)  # (N, 32) the likelier hat
    best = np.take_along_axis(score, which[..., None], -1)[..., 0]
    moved = best > score[..., RIDE]
    score, vel, off = (np.array(a, copy=True) for a in (score, vel, off))
    for a in (score, vel, off):
        a[..., RIDE] = np.where(moved, np.take_along_axis(a, which[..., None], -1)[..., 0], a[..., RIDE])
    return score, vel, off


def _top(sc: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The k[i] highest-scored finite cells of each loop's scores sc (N, 32, 9) (ties all kept), as hits."""
    flat = sc.reshape(len(k), -1)
    cells = flat.shape[1]
    if len(k) == 1:  # one loop (batch 1, every density generation): its k-th highest score by partition, as a scalar
        j = min(max(cells - int(k[0]), 0), cells - 1)
        if not k[0] > 0:
            return np.zeros(sc.shape, bool)
        return np.greater_equal(sc, np.partition(flat[0], j)[j]) & np.isfinite(sc)
    kth = np.sort(flat, axis=1)[np.arange(len(k)), np.minimum(np.maximum(cells - k, 0), cells - 1)]
    return (sc >= kth[:, None, None]) & (k[:, None, None] > 0) & np.isfinite(sc)


def _rows_of(cond: Conditioning, rows: np.ndarray, **changes) -> Conditioning:
    """The conditioning of some of its loops (the per-loop arrays at `rows`), with `changes`."""
    per_loop = {k: None if getattr(cond, k) is None else getattr(cond, k)[rows]
                for k in ("genre", "temperature", "seed", "density", "fill", "crash", "bass", "take", "prior_share",
                          "pattern", "pattern_share", "part_level", "four_four", "plain", "step_levels", "bpm",
                          "song_bar")}
    return dataclasses.replace(cond, **{**per_loop, **changes})


__all__ = ["drumify_batch", "encode", "decode", "generate", "load_model", "one_thread", "Drummer"]
