"""What a training batch is made of: `TrainData` (GMD and band-song windows, train and validation)
and the inputs it builds for each window.

What goes into a batch (all seeded, reproducible):

- GMD windows (the drumming the model must know), with one of three inputs:
  a band-like part generated from the loop (models/bandparts.py, share
  `band_prob`), of which some are the bass part alone; or the loop's own
  flattened groove with onsets dropped and added (GrooVAE-style, the rest),
  a share `programmed_prob` of those as a typed beat (one velocity, on the grid);
- real band windows from multi-track songs (share `real_prob` of each batch;
  freedoom-midi, split by file): the band's groove, its bass part, the song's
  drums; a fifth of them with the bass part alone as input, and a share
  `part_prob` with a random subset of the band's parts (as a producer gives
  one guitar, or keys and bass), its bass groove the one the engine takes
  from the parts chosen (core/bandset.bass_of_parts);
- the bass groove is hidden (zeros) a fifth of the time, so the model also
  works when no low-register part is known;
- genre: GMD's one-hot (dropped 15% of the time; band songs have none);
  density: the target's, given half the time with its "given" bit;
  fill: GMD's beat/fill label; voice-group masks (30%): the target loses the
  muted groups and their uncovered hits move to enabled substitutes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch

from reagroove.core.bandset import BandSetError, bass_of_parts, flatten_parts, load_band_windows
from reagroove.core.dataset import DatasetError, resolve_gmd_path
from reagroove.core.genres import N_GENRES
from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.option_paths import env_path
from reagroove.core.riff_accents import riff_accents
from reagroove.core.sections import file_takes

from .bandparts import band_batch
from .network import N_GROUPS, VOICE_GROUP_INDEX, make_cond

if TYPE_CHECKING:
    from .train import TrainConfig

N = N_VOICES
V = {v: i for i, v in enumerate(VOICES)}
BAND_ENV = "REAGROOVE_BAND"
# Where a muted voice's hit goes: the first enabled voice in its list (then any enabled voice).
SUBSTITUTES = {
    "kick": ("low_tom", "mid_tom", "snare", "ride", "closed_hat"),
    "snare": ("mid_tom", "high_tom", "low_tom", "closed_hat", "ride", "kick"),
    "closed_hat": ("ride", "open_hat", "snare", "kick"),
    "open_hat": ("crash", "ride", "closed_hat", "snare", "kick"),
    "low_tom": ("mid_tom", "kick", "snare", "high_tom"),
    "mid_tom": ("low_tom", "high_tom", "snare", "kick"),
    "high_tom": ("mid_tom", "low_tom", "snare", "kick"),
    "crash": ("open_hat", "ride", "kick", "snare"),
    "ride": ("closed_hat", "open_hat", "crash", "snare", "kick"),
}


def _substitute_order() -> np.ndarray:
    order = np.zeros((N, N), np.int64)
    for v, name in enumerate(VOICES):
        prefs = [V[s] for s in SUBSTITUTES[name]]
        prefs += [u for u in range(N) if u not in prefs and u != v] + [v]
        order[v] = prefs[:N]
    return order


SUB_ORDER = _substitute_order()
GROUP_OF_VOICE = np.array(VOICE_GROUP_INDEX)


def density_of(hvo: np.ndarray) -> np.ndarray:
    return hvo[..., :N].sum((-2, -1)) / (STEPS * N)


def apply_group_mask(hvo: np.ndarray, groups_on: np.ndarray) -> np.ndarray:
    """Remove switched-off groups from loops (B, 32, 27) and move their uncovered hits to enabled voices.

    groups_on: (B, 5) bool. On a step where a muted voice hit and no enabled voice
    does, the loudest muted hit moves to the first enabled voice of SUBSTITUTES."""
    hvo = hvo.copy()
    on_voice = groups_on[:, GROUP_OF_VOICE]  # (B, 9)
    hits, vel, off = hvo[..., :N], hvo[..., N : 2 * N], hvo[..., 2 * N :]
    muted = hits * ~on_voice[:, None, :]
    need = (muted.max(-1) > 0) & ((hits * on_voice[:, None, :]).max(-1) == 0)
    src = np.argmax(np.where(muted > 0, vel + 1e-3, -1.0), -1)  # loudest muted voice per step
    order = SUB_ORDER[src]  # (B, 32, 9)
    enabled = np.take_along_axis(np.broadcast_to(on_voice[:, None, :], order.shape), order, -1)
    dst = np.take_along_axis(order, np.argmax(enabled, -1)[..., None], -1)[..., 0]
    src_vel = np.take_along_axis(vel, src[..., None], -1)[..., 0]
    src_off = np.take_along_axis(off, src[..., None], -1)[..., 0]
    for arr in (hits, vel, off):
        arr *= on_voice[:, None, :]
    b, t = np.nonzero(need)
    d = dst[b, t]
    hits[b, t, d] = 1.0
    vel[b, t, d] = src_vel[b, t]
    off[b, t, d] = src_off[b, t]
    return hvo


def augment_grooves(grooves: np.ndarray, rng: np.random.Generator, p: float) -> np.ndarray:
    """Drop up to 40% of onsets (quieter first) and add up to 3 on silent steps, for a share p of the grooves."""
    g = grooves.copy()
    B = len(g)
    which = rng.random(B) < p
    hit = g[..., 0] > 0
    frac = rng.uniform(0.0, 0.4, B) * which
    score = np.where(hit, g[..., 1] + rng.normal(0, 0.1, hit.shape), np.inf)
    rank = np.argsort(np.argsort(score, -1), -1)
    k = np.floor(frac * hit.sum(-1))[:, None]
    g[hit & (rank < k)] = 0.0
    n_add = rng.integers(0, 4, B) * which
    silent = g[..., 0] == 0
    pick = np.argsort(np.where(silent, rng.random(silent.shape), 2.0), -1)
    add = np.zeros_like(silent)
    add[np.arange(B)[:, None], pick[:, :3]] = np.arange(3)[None, :] < n_add[:, None]
    add &= silent
    mean_vel = np.where(hit.any(-1), (grooves[..., 1] * hit).sum(-1) / np.maximum(hit.sum(-1), 1), 0.5)[:, None]
    g[..., 0] = np.where(add, 1.0, g[..., 0])
    g[..., 1] = np.where(add, np.clip(mean_vel + rng.normal(0, 0.1, silent.shape), 0.05, 1.0), g[..., 1])
    g[..., 2] = np.where(add, np.clip(rng.normal(0, 0.12, silent.shape), -0.5, 0.5), g[..., 2])
    return g.astype(np.float32)


def programmed(grooves: np.ndarray, rng: np.random.Generator, p: float) -> np.ndarray:
    """A share p of the grooves as a beat typed into a DAW plays: every onset at one velocity (drawn from 0.45
    to 1.0, a DAW's default 100 of 127 among them) and on the grid. Where the drummer's accents and timing
    are gone, the network must still hear a backbeat in plain 8ths."""
    if p <= 0.0:  # (no draw: runs without it keep their random stream)
        return grooves
    which = rng.random(len(grooves)) < p
    if not which.any():
        return grooves
    g = grooves.copy()
    hit = g[which, :, 0] > 0
    g[which, :, 1] = np.where(hit, rng.uniform(0.45, 1.0, int(which.sum()))[:, None], 0.0)
    g[which, :, 2] = 0.0
    return g


@dataclass
class Batch:
    inputs: torch.Tensor  # (B, 32, 6) groove + bass groove
    cond: torch.Tensor  # (B, N_COND)
    target: torch.Tensor  # (B, 32, 27)


def to_batch(grooves, bass, hvo, genre, density, given, groups, fill) -> Batch:
    # the bass groove as the engine gives it to the network (models/api.py: a riff's accents for its 16ths)
    inputs = np.concatenate([grooves, riff_accents(bass)], -1).astype(np.float32)
    cond = make_cond(genre, density, given, groups, fill).astype(np.float32)
    return Batch(torch.from_numpy(inputs), torch.from_numpy(cond), torch.from_numpy(np.ascontiguousarray(hvo, np.float32)))


def load_band_folders(folders):
    """The windows of every song in these folders, one set (None for no folders)."""
    out = None
    for folder in folders or ():
        more = load_band_windows(folder)
        out = more if out is None else out.join(more)
    return out


def song_names(windows) -> set[str]:
    """The file names of the songs that have windows in a set (none for no set)."""
    if windows is None:
        return set()
    return {Path(windows.files[i]).name for i in np.unique(windows.file_index)}


def first_files(ds, windows: int):
    """The windows of ds's first files, each file whole (its windows stay one take), about `windows` in all."""
    files, counts = np.unique(ds.file_index, return_counts=True)
    kept = files[: int(np.searchsorted(np.cumsum(counts), windows)) + 1]
    return ds.select(np.isin(ds.file_index, kept))


class TrainData:
    """GMD windows (train/validation) and real band windows (train/validation, split by file)."""

    def __init__(self, gmd, band=None, band_val_share: float = 0.15, band_val_names=None, band_extra=None,
                 band_val_extra=None):
        """band_val_names: the band songs held out for validation, by file name (None: band_val_share of the
        files by a hash of their names). band_extra: more band songs for training only (never validation);
        band_val_extra: more for validation only (never training)."""
        self.gmd_train, self.gmd_val = gmd.subset("train"), gmd.subset("validation")
        self.gmd_val = self.gmd_val.select(self.gmd_val.grooves[..., 0].sum(-1) >= 4)
        if band is None:
            self.band_train, self.band_val = None, None
        elif band_val_names is not None:
            self.band_train, self.band_val = band.split_by_names(band_val_names)
        else:
            self.band_train, self.band_val = band.split_by_file(band_val_share)
        if band_extra is not None:
            self.band_train = band_extra if self.band_train is None else self.band_train.join(band_extra)
        if band_val_extra is not None:
            self.band_val = band_val_extra if self.band_val is None else self.band_val.join(band_val_extra)
        both = sorted(song_names(self.band_train) & song_names(self.band_val))
        if both:  # a validation song trained on would make validation lie
            raise BandSetError(f"{both[0]}: both a validation song and a training song (--band-extra, --band-val-extra)")
        if self.band_train is not None and len(self.band_train) == 0:
            self.band_train = None

    @classmethod
    def load(cls, gmd_folder=None, band_folder=None, band_val=None, band_extra=None, band_val_extra=None) -> "TrainData":
        """band_val: a song list file (core/bandset.read_song_list) of the band songs held out for validation;
        band_extra, band_val_extra: folders of band songs for training only, for validation only."""
        from reagroove.core.bandset import read_song_list, refuse_songs_not_there
        from reagroove.core.dataset import load_dataset

        band_folder = band_folder or env_path(BAND_ENV)
        names = read_song_list(band_val) if band_val else None
        if names and band_folder:
            refuse_songs_not_there(band_val, names, [band_folder], "--band")
        data = cls(load_dataset(gmd_folder), load_band_windows(band_folder) if band_folder else None,
                   band_val_names=names, band_extra=load_band_folders(band_extra),
                   band_val_extra=load_band_folders(band_val_extra))
        if band_folder:  # the band songs all went one way, unsaid: a run without band validation, or without band songs
            if data.band_val is None or len(data.band_val) == 0:
                how = ("the songs --band-val names have no 4/4 window with drums" if names else
                       "the hash split holds out about 15% of its songs by name")
                print(f"note: no song of {band_folder} is held out for validation ({how}): give --band-val a list of "
                      "songs to hold out", file=sys.stderr)
            elif data.band_train is None:
                print(f"note: every song of {band_folder} is held out for validation: none is trained on",
                      file=sys.stderr)
        return data

    @classmethod
    def from_args(cls, args) -> "TrainData":
        """TrainData.load from the data options `reagroove train` and the calibration check share
        (--gmd, --band, --band-val, --band-extra, --band-val-extra)."""
        data = cls.load(args.gmd, args.band, args.band_val, args.band_extra, args.band_val_extra)
        if len(data.gmd_train) == 0 and not getattr(args, "calibrate", None):  # numpy's "need at least one array"
            raise DatasetError(f"{resolve_gmd_path(args.gmd)}: no GMD training window: info.csv's split column must "
                               "name some 4/4 performances 'train'")
        if len(data.gmd_val) == 0:  # keeping an epoch and calibrating had been a ValueError traceback
            raise DatasetError(f"{resolve_gmd_path(args.gmd)}: no GMD validation window of 4 or more hits: info.csv's "
                               "split column must name some 4/4 performances 'validation'")
        if getattr(args, "tiny", 0):  # a smoke run (--tiny) is validated on as little (calibration took 45 s a run)
            data.gmd_val = first_files(data.gmd_val, args.tiny)
        return data

    def gmd_batch(self, ds, idx, rng, cfg: TrainConfig) -> Batch:
        hvo, grooves = ds.hvo[idx], ds.grooves[idx]
        B = len(idx)
        genre = np.zeros((B, N_GENRES), np.float32)
        genre[np.arange(B), ds.genre[idx]] = 1.0
        genre[rng.random(B) < 0.15] = 0.0
        groups = np.ones((B, N_GROUPS), bool)
        masked = np.nonzero(rng.random(B) < cfg.mask_prob)[0]
        for i in masked:
            groups[i, rng.choice(N_GROUPS, size=rng.integers(1, 4), replace=False)] = False
        if len(masked):
            hvo = apply_group_mask(hvo, groups)
        band = rng.random(B) < cfg.band_prob
        mix, bass = band_batch(ds.hvo[idx], rng)
        bass_only = band & (rng.random(B) < 0.2)
        mix[bass_only] = bass[bass_only]
        aug = programmed(augment_grooves(grooves, rng, cfg.aug_prob), rng, cfg.programmed_prob)
        grooves = np.where(band[:, None, None], mix, aug)
        bass = np.where((band & (rng.random(B) > 0.2))[:, None, None], bass, 0.0)
        given = (rng.random(B) < 0.5).astype(np.float32)
        fill = ds.is_fill[idx].astype(np.float32)
        return to_batch(grooves, bass, hvo, genre, density_of(hvo), given, groups.astype(np.float32), fill)

    def band_batch(self, bw, idx, rng, part_prob: float = 0.0) -> Batch:
        grooves, bass, hvo = bw.grooves[idx], bw.bass[idx].copy(), bw.hvo[idx]
        B = len(idx)
        if rng is not None:
            bass_only = rng.random(B) < 0.2
            grooves = np.where(bass_only[:, None, None], bass, grooves)
            if part_prob > 0:  # some parts of the band: each part the window has, kept with p 0.5 (one at least)
                parts, has = bw.parts[idx], bw.parts[idx][..., 0].any(-1)
                some = ~bass_only & (rng.random(B) < part_prob) & (has.sum(1) > 1)
                keep = has & (rng.random(has.shape) < 0.5)
                one = np.argmax(np.where(has, rng.random(has.shape), -1.0), 1)
                keep[np.arange(B), one] |= ~keep.any(1)
                grooves = np.where(some[:, None, None], flatten_parts(parts, keep), grooves)
                bass = np.where(some[:, None, None], bass_of_parts(bw, idx, keep), bass)
            bass[rng.random(B) < 0.2] = 0.0
            given = (rng.random(B) < 0.5).astype(np.float32)
        else:
            given = np.zeros(B, np.float32)
        zeros = np.zeros(B, np.float32)
        return to_batch(grooves, bass, hvo, np.zeros((B, N_GENRES), np.float32), density_of(hvo), given,
                        np.ones((B, N_GROUPS), np.float32), zeros)

    def validation_sets(self) -> dict[str, Batch]:
        """What validation scores, as a user gives it: grooves (or band parts) only, no labels."""
        ds = self.gmd_val
        B = len(ds)
        out = {"gmd": to_batch(ds.grooves, np.zeros_like(ds.grooves), ds.hvo, np.zeros((B, N_GENRES), np.float32),
                               np.zeros(B, np.float32), np.zeros(B, np.float32), np.ones((B, N_GROUPS), np.float32),
                               np.zeros(B, np.float32))}
        if self.band_val is not None and len(self.band_val):
            out["band"] = self.band_batch(self.band_val, np.arange(len(self.band_val)), None)
        return out

    def validation_takes(self) -> dict[str, np.ndarray]:
        """Per validation set (as validation_sets), each window's take: the windows of one file in one
        2-bar phase (a part as the engine plays it, in consecutive windows)."""
        out = {"gmd": file_takes(self.gmd_val.file_index, self.gmd_val.bar)}
        if self.band_val is not None and len(self.band_val):
            out["band"] = file_takes(self.band_val.file_index, self.band_val.bar)
        return out


def concat_batches(batches: list[Batch]) -> Batch:
    return Batch(*(torch.cat([getattr(b, f) for b in batches]) for f in ("inputs", "cond", "target")))
