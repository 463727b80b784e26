"""`reagroove train`: train the drum generator on GMD drumming, band-like parts and real band pairs.

    data = TrainData.load(gmd_folder, band_folder)
    model = DrumVAE(Config())
    result = Trainer(TrainConfig(epochs=20), model, data).fit()   # then .calibrate() and .save(out)

What goes into a batch: models/batches.py.

Loss per window: BCE on hit cells + L1 of velocity and offset on the target's
hits (as corrections of the groove's feel) for z drawn from the posterior
q(z | input, drums), + `prior_weight` x the same for z drawn from the prior
p(z | input) (what generation uses), + beta x KL(q || p) with free bits
(`free_bits` nats per latent dimension are not penalised, so z stays in use).
The decoder's step-by-step input is hidden for `skip_drop` of the windows so
the pattern must come through z.

Model choice and calibration use validation only: GMD's validation split
(grooves only, no genre or fill label) and held-out band songs (by file).
After training, per-voice thresholds are tuned on both, and stored with the
weights; the test splits are touched only by `reagroove evaluate`.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from reagroove.core.bandset import refuse_missing_band_paths
from reagroove.core.dataset import resolve_gmd_path
from reagroove.core.errors import ReaGrooveError
from reagroove.core.files import atomic_write, check_writable
from reagroove.core.genres import N_GENRES
from reagroove.core.tempering import one_take, temper
from reagroove.core.loop import N_VOICES

from . import metrics
from .batches import BAND_ENV, Batch, TrainData, concat_batches, density_of, to_batch
from .network import N_GROUPS, Config, DrumVAE, finish, gaussian_kl, groove_base, n_params
from .train_options import (CALIBRATION_SETTINGS, DEFAULT_OUT, TRAIN_HELP, TRAIN_METAVARS, NotedOption,
                            calibrate_ignores, checked_out, validation_said)

N = N_VOICES


@dataclass
class TrainConfig:
    epochs: int = 20
    batch: int = 128
    lr: float = 2e-3
    weight_decay: float = 0.01
    seed: int = 1
    threads: int = 0
    tiny: int = 0  # train on this many GMD windows only, validate on about as many (tests, smoke runs)
    real_prob: float = 0.3  # share of each batch from real band songs
    part_prob: float = 0.0  # of those: the input is a random subset of the band's parts (a guitar alone, keys and bass)
    band_prob: float = 0.6  # share of GMD windows given a generated band-like part
    aug_prob: float = 0.5  # of the rest: flattened grooves with onsets dropped/added
    # of the rest: programmed, as a beat typed into a DAW is (one velocity, on the grid): a drum-part network
    # that never saw one read a typed rock beat's flat 8ths as a kick on 2 and 4 (models/README, stop 58)
    programmed_prob: float = 0.0
    mask_prob: float = 0.3
    pos_weight: float = 1.0
    vel_weight: float = 1.0
    off_weight: float = 2.0
    beta: float = 1.0
    free_bits: float = 0.1  # nats per latent dimension
    prior_weight: float = 1.0  # the decoder also learns to play from the prior's mean (what generation uses)
    skip_drop: float = 0.2
    fill_weight: int = 3  # show each fill window this many times per epoch
    quiet: bool = False
    resume: bool = False  # continue from the checkpoint in the output folder
    keep_best: bool = True  # ship the epoch with the best validation F1 (GMD and band songs together)
    band_weight: float = 0.5  # the kept epoch and calibration: weight of the band songs' validation F1 against GMD's
    # with a genre asked, snare and toms play at most this many times the genre's drummers' average count (0 = no
    # ceiling): a network that cannot tell where a genre's ghost notes fall spreads them over every 16th
    genre_ceiling: float = 0.0
    # how far the thresholds may move from one shared threshold toward each voice's own (0..1): 0 for the band
    # network, whose 16 validation songs are too few (per-voice thresholds cost 0.009 F1 on songs left out)
    voice_thresholds: float = 1.0
    # the least take blend of the kick and the snare: a drummer keeps one kick and snare pattern through a part
    # rather than doubling each bar's bass line anew (searched freely on the band network's 16 songs: kick 0.5
    # and snare 0, too little to settle live)
    take_floor: float = 0.0

    def __post_init__(self):
        # one line naming the option, where a bad value crashed later (--tiny -5 in numpy, --batch 0 dividing)
        def option(name: str) -> str:
            return "--" + name.replace("_", "-")

        for name in ("epochs", "batch", "fill_weight"):
            if getattr(self, name) < 1:
                raise ReaGrooveError(f"{option(name)} must be a whole number from 1, got {getattr(self, name)}")
        for name in ("tiny", "threads"):
            if getattr(self, name) < 0:
                raise ReaGrooveError(f"{option(name)} must be 0 or more, got {getattr(self, name)}")
        if not 0 <= self.seed < 2**32:  # numpy's own limit: --seed -1 was a traceback from its seeding
            raise ReaGrooveError(f"--seed must be a whole number from 0 to {2**32 - 1}, got {self.seed}")
        for name in ("real_prob", "part_prob", "band_prob", "aug_prob", "programmed_prob", "mask_prob", "skip_drop",
                     "band_weight", "voice_thresholds", "take_floor"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ReaGrooveError(f"{option(name)} must be from 0 to 1, got {getattr(self, name):g}")
        for name in ("lr", "weight_decay", "pos_weight", "vel_weight", "off_weight", "beta", "free_bits",
                     "prior_weight", "genre_ceiling"):
            value = getattr(self, name)
            if not value >= 0.0 or (name == "lr" and value == 0.0):  # not >= also catches nan
                raise ReaGrooveError(f"{option(name)} must be {'above' if name == 'lr' else 'at least'} 0, got {value:g}")
            if math.isinf(value):  # --beta inf trained to a validation F1 of 0 and shipped it, exit 0
                raise ReaGrooveError(f"{option(name)} must be a finite number, got {value:g}")

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> "TrainConfig":
        return cls(**{f.name: getattr(args, f.name) for f in fields(cls) if hasattr(args, f.name)})


# Voices blended toward the average drummer together (calibrate): kick, snare, time-keeping, the rest.
BLEND_GROUPS = ("kick", "snare", "time", "other")
BLEND_GROUP_OF_VOICE = ("kick", "snare", "time", "time", "other", "other", "other", "other", "time")


def group_search(groups: dict, best: float, values, score, floor=None) -> tuple[dict, float, object]:
    """Coordinate search of one value per group of voices (BLEND_GROUPS), two passes: each group tries each
    of `values` (those at least its `floor`, if given) and keeps the one that raises score(groups) -> (F1,
    extra) by more than 1e-4. Returns the groups, their F1 and the extra of the last improvement (None if none)."""
    extra = None
    for _ in range(2):
        for g in BLEND_GROUPS:
            for a in np.round([v for v in values if v >= (floor or {}).get(g, 0.0) - 1e-9], 2):
                trial = {**groups, g: float(a)}
                f1, info = score(trial)
                if f1 > best + 1e-4:
                    best, groups, extra = f1, trial, info
    return groups, best, extra


def recon_terms(raw, inputs, target):
    logits, vel, off = finish(raw, inputs)
    th = target[..., :N]
    bce = F.binary_cross_entropy_with_logits(logits, th, reduction="none").sum((1, 2))
    vel_l1 = ((vel - target[..., N : 2 * N]).abs() * th).sum((1, 2))
    off_l1 = ((off - target[..., 2 * N :]).abs() * th).sum((1, 2))
    return bce, vel_l1, off_l1


class Trainer:
    """Trainer(config, model, data): `fit()` trains, `calibrate()` tunes thresholds, `save(out)` ships."""

    def __init__(self, config: TrainConfig, model: DrumVAE, data: TrainData):
        self.cfg, self.model, self.data = config, model, data
        self.history: list[dict] = []
        self.meta: dict = {}
        self.best: dict = {"f1": -1.0, "epoch": 0, "state": None}

    def _loss(self, b: Batch, rng: np.random.Generator):
        cfg, m = self.cfg, self.model
        mu_p, lv_p = m.encode_prior(b.inputs)
        mu_q, lv_q = m.encode_posterior(b.inputs, b.target)
        z_q = mu_q + torch.randn_like(mu_q) * (0.5 * lv_q).exp()
        skip = torch.from_numpy((rng.random(len(z_q)) >= cfg.skip_drop).astype(np.float32))[:, None, None]
        bce, vl, ol = recon_terms(m.decode(z_q, b.cond, b.inputs, skip), b.inputs, b.target)
        bce_p, vl_p, ol_p = recon_terms(m.decode(mu_p, b.cond, b.inputs), b.inputs, b.target)
        kl_dim = gaussian_kl(mu_q, lv_q, mu_p, lv_p).mean(0)
        kl = kl_dim.sum()
        kl_free = torch.clamp(kl_dim, min=cfg.free_bits).sum()
        recon = (bce + cfg.vel_weight * vl + cfg.off_weight * ol).mean()
        recon_p = (bce_p + cfg.vel_weight * vl_p + cfg.off_weight * ol_p).mean()
        loss = recon + cfg.prior_weight * recon_p
        return loss, kl_free, np.array([bce.mean().item(), bce_p.mean().item(), vl.mean().item(), ol.mean().item(), kl.item()])

    def fit(self, checkpoint: str | os.PathLike | None = None) -> list[dict]:
        """Train for cfg.epochs; with a checkpoint path, save after every epoch (and continue from it
        when cfg.resume is set: the per-epoch random streams make the continuation exact)."""
        from tqdm import tqdm

        cfg, m, data = self.cfg, self.model, self.data
        torch.manual_seed(cfg.seed)
        if cfg.threads:
            torch.set_num_threads(cfg.threads)
        gmd = data.gmd_train
        if cfg.tiny:
            gmd = gmd.select(np.sort(np.random.default_rng(cfg.seed).choice(len(gmd), cfg.tiny, replace=False)))
        rows = np.concatenate([np.arange(len(gmd))] + [np.nonzero(gmd.is_fill)[0]] * max(0, cfg.fill_weight - 1))
        n_real = int(round(cfg.batch * cfg.real_prob)) if data.band_train is not None else 0
        n_gmd = cfg.batch - n_real
        steps = max(1, math.ceil(len(rows) / n_gmd))
        total = steps * cfg.epochs
        warm = min(200, total // 10 + 1)
        opt = torch.optim.AdamW(m.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        start, elapsed0 = 0, 0.0
        if checkpoint is not None and cfg.resume and Path(checkpoint).is_file():
            ck = torch.load(checkpoint, map_location="cpu", weights_only=True)
            m.load_state_dict(ck["model"])
            opt.load_state_dict(ck["opt"])
            start, self.history, elapsed0 = ck["epoch"], ck["history"], ck["elapsed"]
            self.best = ck.get("best") or self.best
            torch.set_rng_state(ck["torch_rng"])
            print(f"resumed from {checkpoint} at epoch {start}")
        t0 = time.perf_counter() - elapsed0
        for epoch in range(start, cfg.epochs):
            m.train()
            rng = np.random.default_rng([cfg.seed, epoch])
            perm = rng.permutation(rows)
            sums = np.zeros(5)
            bar = tqdm(range(steps), desc=f"epoch {epoch + 1}/{cfg.epochs}", unit="batch", disable=cfg.quiet,
                       leave=False, mininterval=2.0)
            for i in bar:
                step = epoch * steps + i
                lr = cfg.lr * (step + 1) / warm if step < warm else cfg.lr * (
                    0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, (step - warm) / max(1, total - warm)))))
                for gparam in opt.param_groups:
                    gparam["lr"] = lr
                parts = [data.gmd_batch(gmd, perm[i * n_gmd : (i + 1) * n_gmd], rng, cfg)]
                if n_real:
                    parts.append(data.band_batch(data.band_train, rng.integers(0, len(data.band_train), n_real), rng,
                                                  cfg.part_prob))
                b = concat_batches(parts)
                beta = cfg.beta * min(1.0, step / max(1, 0.2 * total))
                loss, kl_free, parts_np = self._loss(b, rng)
                loss = loss + beta * kl_free
                opt.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
                opt.step()
                sums += parts_np
                if i % 20 == 0:
                    bar.set_postfix(loss=f"{loss.item():.1f}", kl=f"{parts_np[4]:.1f}")
            tr = sums / steps
            val = self.validate()
            rec = {"epoch": epoch + 1, "train_bce_q": tr[0], "train_bce_p": tr[1], "train_vel": tr[2], "train_off": tr[3],
                   "train_kl": tr[4], "elapsed_s": round(time.perf_counter() - t0, 1), **val}
            self.history.append({k: (round(float(v), 5) if isinstance(v, (float, np.floating)) else v) for k, v in rec.items()})
            print(f"epoch {epoch + 1}/{cfg.epochs} bce q {tr[0]:.1f} p {tr[1]:.1f} kl {tr[4]:.2f} | "
                  + " ".join(f"{k} {v:.3f}" for k, v in val.items()) + f" | {rec['elapsed_s'] / 60:.1f} min", flush=True)
            if cfg.keep_best and val["val_f1"] > self.best["f1"]:
                self.best = {"f1": float(val["val_f1"]), "epoch": epoch + 1,
                             "state": {k: v.detach().clone() for k, v in m.state_dict().items()}}
            if checkpoint is not None:
                Path(checkpoint).parent.mkdir(parents=True, exist_ok=True)
                state = {"model": m.state_dict(), "opt": opt.state_dict(), "epoch": epoch + 1, "history": self.history,
                         "elapsed": rec["elapsed_s"], "torch_rng": torch.get_rng_state(), "best": self.best}
                # a run stopped mid-save still resumes from the epoch before
                atomic_write(checkpoint, lambda fh: torch.save(state, fh))
        if self.best["state"] is not None:
            m.load_state_dict(self.best["state"])
            print(f"keeping epoch {self.best['epoch']} (best validation F1 {self.best['f1']:.4f})")
        self.wall_s = time.perf_counter() - t0
        return self.history

    @torch.no_grad()
    def predict(self, b: Batch, batch: int = 1024):
        """Hit probabilities, velocities, offsets (N, 32, 9) at the prior's mean, as generation does."""
        self.model.eval()
        out = []
        for s in range(0, len(b.inputs), batch):
            x, c = b.inputs[s : s + batch], b.cond[s : s + batch]
            logits, vel, off = finish(self.model.decode(self.model.encode_prior(x)[0], c, x), x)
            out.append((torch.sigmoid(logits).numpy(), vel.numpy(), off.numpy()))
        return tuple(np.concatenate(a) for a in zip(*out))

    def validate(self) -> dict:
        """Best-threshold hit F1 per validation set (GMD grooves, held-out band songs), and their mean
        weighted by cfg.band_weight."""
        scores = {}
        for name, b in self.data.validation_sets().items():
            probs, _, _ = self.predict(b)
            _, f1, _ = metrics.best_threshold(probs, b.target.numpy()[..., :N])
            scores[f"val_{name}_f1"] = f1
        # the epoch kept: GMD and band songs weighted as calibration weighs them (cfg.band_weight)
        w = {"val_band_f1": self.cfg.band_weight, "val_gmd_f1": 1.0 - self.cfg.band_weight}
        total = sum(w[k] for k in scores)
        scores["val_f1"] = float(sum(w[k] * v for k, v in scores.items()) / total if total > 0 else np.mean(list(scores.values())))
        return scores

    def average_pattern(self) -> np.ndarray:
        """(32, 9) how often each voice plays on each step in the training loops: the average drummer."""
        loops = [self.data.gmd_train.hvo[..., :N]]
        if self.data.band_train is not None:
            loops.append(self.data.band_train.hvo[..., :N])
        return np.concatenate(loops).mean(0).astype(np.float32)

    def genre_patterns(self) -> np.ndarray:
        """(9, 32, 9) the average drummer of each genre (GMD train; the overall average where a genre is absent)."""
        ds, avg = self.data.gmd_train, self.average_pattern()
        return np.stack([ds.hvo[ds.genre == g][..., :N].mean(0) if (ds.genre == g).any() else avg
                         for g in range(N_GENRES)]).astype(np.float32)

    def calibrate(self) -> dict:
        """Blend toward the average drummer, then per-voice thresholds, tuned on both validation sets;
        feel corrections kept where they help.

        The blend: on inputs unlike anything in training (a new song's band parts), the
        network is surer of itself than it should be; mixing its hit probabilities with how
        often drummers play each step, (1 - a) p + a avg, and a steady time-keeper
        (core/tempering.py steady_time) are chosen by validation F1 averaged over GMD grooves and
        held-out band songs (weighted by cfg.band_weight; 0 where they do not help), then the
        blend of each group of voices (BLEND_GROUPS) on its own."""
        sets = self.data.validation_sets()
        # each set's weight in every choice below: the band songs' is cfg.band_weight (all sets alike if none has any)
        weight = {k: self.cfg.band_weight if k == "band" else 1.0 - self.cfg.band_weight for k in sets}
        weight = weight if sum(weight.values()) > 0 else dict.fromkeys(sets, 1.0)
        preds = {k: self.predict(b) for k, b in sets.items()}
        avg = self.average_pattern()
        train_fills = self.data.gmd_train.hvo[self.data.gmd_train.is_fill]
        fill_pattern = train_fills[..., :N].mean(0)
        beats = lambda p: np.zeros(len(p))  # noqa: E731 - validation asks for beats, never fills
        true = np.concatenate([b.target.numpy() for b in sets.values()])
        sizes = np.cumsum([0] + [len(b.target) for b in sets.values()])

        def mean_f1(probs_all, th):
            hits = probs_all > th
            f1 = [float(metrics.f1_from(*metrics.hit_counts(hits[lo:hi], true[lo:hi, ..., :N]))[2])
                  for lo, hi in zip(sizes[:-1], sizes[1:])]
            return float(np.dot(f1, list(weight.values())) / sum(weight.values()))

        def score(blend, steady: float) -> tuple[float, float]:
            """Mean validation F1 at the best shared threshold, and that threshold, for a blend and time-keeper."""
            probs = np.concatenate([temper(p[0], avg, blend, steady, beats(p[0])) for p in preds.values()])
            th, _, _ = metrics.best_threshold(probs, true[..., :N])
            return mean_f1(probs, th), th

        best_f1, shared, best_s, th = -1.0, 0.0, 0.0, 0.5
        for a in np.round(np.arange(0.0, 0.65, 0.1), 2):
            for st in (0.0, 1.0, 1.5, 2.0):
                f1, t = score(a, st)
                if f1 > best_f1 + 1e-4:
                    best_f1, shared, best_s, th = f1, float(a), float(st), t
        # Then a blend per group of voices (the kick may follow the input while the snare keeps the
        # backbeat), by coordinate search from the shared one: two passes, a step of 0.1.
        blend_of = lambda per_group: np.array([per_group[g] for g in BLEND_GROUP_OF_VOICE], np.float32)  # noqa: E731
        # Fills keep the one shared blend: the groups are tuned on beats (validation asks for no fill), and a
        # fill's toms come from the average drummer's fill as much as from the network.
        fill_blend = shared
        groups, best_f1, t = group_search({g: shared for g in BLEND_GROUPS}, best_f1, np.arange(0.0, 0.85, 0.1),
                                          lambda trial: score(blend_of(trial), best_s))
        th = th if t is None else t
        best_a = blend_of(groups)
        preds = {k: (temper(p, avg, best_a, best_s, beats(p)), v, o) for k, (p, v, o) in preds.items()}
        probs = np.concatenate([p[0] for p in preds.values()])
        # Per-voice thresholds keep rare voices (toms, crash) from fading; kept only where they cost
        # almost nothing in F1 (the mean over both validation sets), and at most cfg.voice_thresholds of
        # the way from the shared one (a few songs' per-voice thresholds fit those songs, not new ones).
        per_voice = metrics.per_voice_thresholds(probs, true[..., :N], th)
        thresholds, blend = np.full(N, th, np.float32), 0.0
        shares = np.linspace(1.0, 0.0, 11)
        for w in shares[shares <= self.cfg.voice_thresholds + 1e-9]:
            cand = (th + w * (per_voice - th)).astype(np.float32)
            if mean_f1(probs, cand) >= best_f1 - 0.003:
                thresholds, blend = cand, float(w)
                break
        # One groove per take: each window's probabilities blended toward its song's (a GMD take's) mean,
        # per group of voices, thresholds kept (validation: a file's windows of one 2-bar phase are a take,
        # as the engine plays a part's consecutive windows).
        takes = self.data.validation_takes()
        split = lambda p: [p[lo:hi] for lo, hi in zip(sizes[:-1], sizes[1:])]  # noqa: E731
        in_takes = lambda per_group: np.concatenate([one_take(q, takes[k], blend_of(per_group))  # noqa: E731
                                                     for k, q in zip(sets, split(probs))])
        floor = {"kick": self.cfg.take_floor, "snare": self.cfg.take_floor}
        start = {g: floor.get(g, 0.0) for g in BLEND_GROUPS}
        take_groups, _, _ = group_search(start, mean_f1(in_takes(start), thresholds), np.arange(0.0, 0.95, 0.1),
                                         lambda trial: (mean_f1(in_takes(trial), thresholds), None), floor=floor)
        take_blend = blend_of(take_groups)
        preds = {k: (q, *preds[k][1:]) for k, q in zip(sets, split(in_takes(take_groups)))}
        # Fills (asked for with the fill bit): thresholds of their own, so toms and crashes play as often in
        # a fill as drummers play them there (validation fills, fill bit on).
        ds = self.data.gmd_val.select(self.data.gmd_val.is_fill)
        fill_th = thresholds.copy()
        if len(ds):
            B = len(ds)
            fb = to_batch(ds.grooves, np.zeros_like(ds.grooves), ds.hvo, np.zeros((B, N_GENRES), np.float32),
                          np.zeros(B, np.float32), np.zeros(B, np.float32), np.ones((B, N_GROUPS), np.float32),
                          np.ones(B, np.float32))
            fp = self.predict(fb)[0]
            fp = temper(fp, fill_pattern, fill_blend, best_s, np.ones(len(fp)))  # as api.py tempers a fill
            fill_th = metrics.per_voice_thresholds(fp, ds.hvo[..., :N], th, min_hits=5)
        val = {}
        for k, b in sets.items():
            p, vel, off = preds[k]
            hits = (p > thresholds).astype(np.float32)
            val[k] = metrics.micro_scores(np.concatenate([hits, vel * hits, off * hits], -1), b.target.numpy())
        # How much of the network's feel correction to keep over the groove's own velocity and offset: the
        # scale (0 = copy the groove, 1 = the network's) with the lowest MAE on correct hits, averaged over the
        # validation sets as hits are (cfg.band_weight): a band part's velocities are the band's, not a
        # drummer's, so the network for band parts is judged on band songs, not on drummers' own grooves.
        scales = np.round(np.linspace(0.0, 1.0, 11), 1)
        maes = {}
        for k, b in sets.items():
            p, vel, off = preds[k]
            true_k = b.target.numpy()
            pred_hits = (p > thresholds) & (true_k[..., :N] > 0.5)
            base_vel, base_off = (x.numpy() for x in groove_base(b.inputs[..., :3]))
            for name, pred, base, col in (("velocity", vel, base_vel, N), ("offset", off, base_off, 2 * N)):
                t = true_k[..., col : col + N]
                base = np.broadcast_to(base, t.shape)
                maes[k, name] = {float(c): float(np.abs(base + c * (pred - base) - t)[pred_hits].mean()) for c in scales}
                val[k][f"{name}_mae_corrected"], val[k][f"{name}_mae_copied"] = maes[k, name][1.0], maes[k, name][0.0]
        corr = {}
        for name in ("velocity", "offset"):
            mean = {float(c): sum(weight[k] * maes[k, name][float(c)] for k in sets) / sum(weight.values()) for c in scales}
            corr[f"{name}_correction"] = best = min(mean, key=mean.get)
            for k in sets:
                val[k][f"{name}_mae_calibrated"] = maes[k, name][best]
        self.meta = {"thresholds": [round(float(x), 4) for x in thresholds], "threshold_blend": blend,
                     "fill_thresholds": [round(float(x), 4) for x in fill_th],
                     "fill_density": round(float(density_of(train_fills).mean()), 4),
                     "prior_blend": [round(float(x), 2) for x in best_a], "fill_blend": fill_blend, "steady_time": best_s,
                     "take_blend": [round(float(x), 2) for x in take_blend], "average_pattern": np.round(avg, 4).tolist(),
                     "genre_patterns": np.round(self.genre_patterns(), 4).tolist(), "genre_ceiling": self.cfg.genre_ceiling,
                     "fill_pattern": np.round(fill_pattern, 4).tolist(),
                     "seed": self.cfg.seed, "epochs": self.cfg.epochs, "kept_epoch": self.best["epoch"] or self.cfg.epochs,
                     "validation": val, **corr}
        return self.meta

    def save(self, out: str | os.PathLike, command: str, calibration_command: str | None = None) -> Path:
        from .weights import DATA_CREDIT, GMD_CREDIT, save_weights, write_card

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        weights = out / "drummer.pt"
        save_weights(weights, self.model, self.meta)
        card = {
            "model": f"ReaGroove drummer v2 for {'band' if self.data.band_train is not None else 'drum'} parts: "
                     f"conditional transformer VAE, {n_params(self.model):,} parameters",
            "config": self.model.cfg.to_dict(),
            "train_config": asdict(self.cfg),
            "command": command,
            **({"calibration_command": calibration_command} if calibration_command else {}),
            "train_wall_s": round(getattr(self, "wall_s", 0.0), 1),
            "machine": f"{platform.machine()} {os.cpu_count()} cores, torch {torch.__version__}, threads {torch.get_num_threads()}",
            "thresholds": self.meta["thresholds"],
            "prior_blend": self.meta["prior_blend"],
            "take_blend": self.meta["take_blend"],
            "steady_time": self.meta["steady_time"],
            "velocity_correction": self.meta["velocity_correction"],
            "offset_correction": self.meta["offset_correction"],
            "validation": {k: {n: round(float(x), 4) for n, x in v.items()} for k, v in self.meta["validation"].items()},
            "history": self.history,
        }
        write_card(weights, card, DATA_CREDIT if self.data.band_train is not None else GMD_CREDIT)
        return weights


def calibration_trainer(weights, data: TrainData, **settings) -> tuple[Trainer, dict]:
    """A Trainer for an already trained weights file, ready to calibrate it again on `data`, and the file's
    card: the run's own settings and history from the card, CALIBRATION_SETTINGS from `settings`."""
    from .weights import load_weights, read_card

    model, meta = load_weights(weights)
    card = read_card(weights) or {}
    known = {f.name for f in fields(TrainConfig)}
    cfg = TrainConfig(**{**{k: v for k, v in card.get("train_config", {}).items() if k in known}, **settings})
    trainer = Trainer(cfg, model, data)
    trainer.history = card.get("history", [])
    trainer.wall_s = float(card.get("train_wall_s", 0.0))
    trainer.best["epoch"] = int(meta.get("kept_epoch", 0))
    return trainer, card


def recalibrate(args) -> dict:
    """Calibrate an already trained weights file again (the blend toward the average drummer,
    thresholds, feel corrections) on the validation sets; the card keeps its training history."""
    if unused := calibrate_ignores(args):  # said once every check has passed: a refused run says one line
        print(f"note: {unused}", file=sys.stderr)
    if args.threads:  # as a training run does (--threads had been ignored here)
        torch.set_num_threads(args.threads)
    trainer, card = calibration_trainer(args.calibrate, TrainData.from_args(args),
                                        **{k: getattr(args, k) for k in CALIBRATION_SETTINGS})
    trainer.calibrate()
    weights = trainer.save(args.out, card.get("command") or "reagroove " + " ".join(sys.argv[1:]),
                           calibration_command=args.card_command or "reagroove " + " ".join(sys.argv[1:]))
    print(f"wrote {weights} and card.json: prior blend {trainer.meta['prior_blend']}, take blend "
          f"{trainer.meta['take_blend']}; calibrated validation: {validation_said(trainer.meta)}")
    return {"weights": str(weights), "meta": trainer.meta}


def checked_train_args(args) -> TrainConfig:
    """Every option checked before any data is read or any epoch runs, on both paths, each in one line: a size
    torch refuses was its traceback after the data was read, and --out naming a file was found after an epoch."""
    cfg = TrainConfig.from_args(args)
    for name in ("d_model", "heads", "d_ff", "enc_layers", "dec_layers", "latent"):
        if getattr(args, name) < 1:
            raise ReaGrooveError(f"--{name.replace('_', '-')} must be a whole number from 1, got {getattr(args, name)}")
    if args.d_model % args.heads:  # each head reads an equal share of the width
        raise ReaGrooveError(f"--d-model {args.d_model} does not divide among --heads {args.heads}: give a multiple of it")
    if not 0.0 <= args.dropout < 1.0:
        raise ReaGrooveError(f"--dropout must be from 0 to below 1, got {args.dropout:g}")
    if not 0.0 <= args.input_level <= 1.0:
        raise ReaGrooveError(f"--input-level must be from 0 to 1, got {args.input_level:g}")
    if args.calibrate and args.resume:
        raise ReaGrooveError("--resume continues a training run, --calibrate trains nothing: give one of them")
    if args.calibrate and Path(args.calibrate).is_dir():  # a run's folder had been "no such file"
        raise ReaGrooveError(f"{args.calibrate}: a folder: give --calibrate the weights file in it (its drummer.pt)")
    if args.calibrate and not Path(args.calibrate).is_file():
        raise ReaGrooveError(f"{args.calibrate}: no such file (--calibrate takes a trained drummer.pt)")
    args.out = checked_out(args)
    band = args.band or os.environ.get(BAND_ENV)
    if args.band_val and not band:  # the held-out list had been ignored without a word
        raise ReaGrooveError(f"--band-val holds out songs of --band: give --band FOLDER too (or set {BAND_ENV})")
    if Path(args.out).exists() and not Path(args.out).is_dir():
        raise ReaGrooveError(f"{args.out}: a file, not a folder: give --out a folder for drummer.pt and card.json")
    check_writable(Path(args.out) / "drummer.pt")  # a read-only folder: said now, not after the training
    resolve_gmd_path(args.gmd)
    refuse_missing_band_paths([("--band" if args.band else "$" + BAND_ENV, band)] * bool(band)
                              + [("--band-extra", f) for f in args.band_extra or ()]
                              + [("--band-val-extra", f) for f in args.band_val_extra or ()], args.band_val)
    if args.resume and not (Path(args.out) / "checkpoint.pt").is_file():  # it had started over without a word
        print(f"note: no {Path(args.out) / 'checkpoint.pt'} to resume from: training from epoch 1", file=sys.stderr)
    return cfg


def train(args) -> dict:
    cfg = checked_train_args(args)
    if getattr(args, "calibrate", None):
        return recalibrate(args)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    data = TrainData.from_args(args)
    if cfg.tiny > len(data.gmd_train):  # numpy's "Cannot take a larger sample than population" traceback
        raise ReaGrooveError(f"--tiny {cfg.tiny} is more than the {len(data.gmd_train)} GMD training windows: give "
                             f"at most {len(data.gmd_train)}, or 0 for all of them")
    model = DrumVAE(Config(d_model=args.d_model, n_heads=args.heads, d_ff=args.d_ff, enc_layers=args.enc_layers,
                           dec_layers=args.dec_layers, latent=args.latent, dropout=args.dropout,
                           input_level=args.input_level))
    band_n = 0 if data.band_train is None else len(data.band_train)
    gmd_n = cfg.tiny or len(data.gmd_train)  # (--tiny picks them in fit)
    print(f"model: {n_params(model):,} parameters {model.cfg.to_dict()}; GMD train {gmd_n}"
          f"{f' of {len(data.gmd_train)} (--tiny)' if cfg.tiny else ''}, band train {band_n} windows")
    trainer = Trainer(cfg, model, data)
    trainer.fit(Path(args.out) / "checkpoint.pt")
    trainer.calibrate()
    weights = trainer.save(args.out, args.card_command or "reagroove " + " ".join(sys.argv[1:]))
    # calibrated: the epoch's F1 said above is the network's alone, before the blend toward the average drummer
    print(f"wrote {weights} and card.json ({trainer.wall_s / 60:.1f} min); calibrated validation: "
          f"{validation_said(trainer.meta)}")
    return {"weights": str(weights), "history": trainer.history, "meta": trainer.meta}


def add_train_arguments(p: argparse.ArgumentParser) -> None:
    d = TrainConfig()
    p.add_argument("--gmd", metavar="FOLDER", help="the Groove MIDI Dataset folder (default: $REAGROOVE_GMD)")
    p.add_argument("--band", metavar="FOLDER", help=f"multi-track songs with drums, e.g. freedoom-midi (default: ${BAND_ENV})")
    p.add_argument("--band-val", metavar="FILE", help="the band songs held out for validation: a list of file names, "
                   "e.g. models/freedoom_composer_split.txt (default: 15%% of the files by a hash of their names)")
    p.add_argument("--band-extra", metavar="FOLDER", action="append",
                   help="more multi-track songs with drums for training only, never validation (repeatable), e.g. "
                   "the earlier Freedoom songs that python -m reagroove.models.freedoom_history gathers (default: none)")
    p.add_argument("--band-val-extra", metavar="FOLDER", action="append",
                   help="more multi-track songs with drums for validation only, never training (repeatable): songs by "
                   "composers the network never heard, to choose and calibrate it on (default: none)")
    p.add_argument("--out", metavar="FOLDER", help=f"folder for drummer.pt and card.json (default: {DEFAULT_OUT}; "
                   "with --calibrate, its weights' own folder only where named)")
    for f in fields(TrainConfig):  # each noted where given: --calibrate says those it does not use
        if f.name in ("quiet", "resume", "keep_best"):
            continue
        p.add_argument("--" + f.name.replace("_", "-"), type=type(getattr(d, f.name)), default=getattr(d, f.name),
                       metavar=TRAIN_METAVARS[f.name], action=NotedOption,
                       help=TRAIN_HELP[f.name] + " (default %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint.pt")
    p.add_argument("--no-keep-best", dest="keep_best", action=NotedOption, nargs=0, const=False, default=True,
                   help="ship the last epoch instead of the one with the best validation F1")
    g = p.add_argument_group("network")
    c = Config()
    noted = {"action": NotedOption}
    g.add_argument("--d-model", type=int, default=c.d_model, metavar="N", help="width of the transformer, 1 or more (default %(default)s)", **noted)
    g.add_argument("--heads", type=int, default=c.n_heads, metavar="N", help="attention heads, 1 or more, dividing --d-model (default %(default)s)", **noted)
    g.add_argument("--d-ff", type=int, default=c.d_ff, metavar="N", help="width of the feed-forward layers, 1 or more (default %(default)s)", **noted)
    g.add_argument("--enc-layers", type=int, default=c.enc_layers, metavar="N", help="encoder layers, 1 or more (default %(default)s)", **noted)
    g.add_argument("--dec-layers", type=int, default=c.dec_layers, metavar="N", help="decoder layers, 1 or more (default %(default)s)", **noted)
    g.add_argument("--latent", type=int, default=c.latent, metavar="N", help="size of the latent z, 1 or more (default %(default)s)", **noted)
    g.add_argument("--dropout", type=float, default=c.dropout, metavar="P",
                   help="dropout, from 0 to below 1 (default %(default)s)", **noted)
    g.add_argument("--input-level", type=float, default=c.input_level, metavar="0..1", **noted,
                   help="move each window's input to this mean velocity before the network reads it, in training "
                        "and generation (0 = as played; default %(default)s)")
    p.add_argument("--calibrate", metavar="WEIGHTS",
                   help="do not train: calibrate this trained weights file again on validation and write it to --out "
                        "(a folder other than its own unless --out names it; training and network options go unused)")
    p.add_argument("--card-command", help=argparse.SUPPRESS)


def run_train(args) -> int:
    train(args)
    return 0
