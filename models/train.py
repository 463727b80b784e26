"""`reagroove train`: train the drum generator on the Groove MIDI Dataset windows.

Input: the groove flattened from a real 2-bar loop; target: the loop itself.
What goes into a batch (all seeded, reproducible):

- genre: the performance's genre as a one-hot mix (dropped to "no preference",
  all zeros, 15% of the time so the model also works without one);
- density: the target's hits / (32 x 9); with --density-flag given half the
  time, with a "given" bit (0 = the groove decides, as at inference with no
  density); without it, 20% of the time the estimate from the groove that
  inference then uses (`density_from_groove`);
- voice-group masks (30% of windows): 1-3 of the 5 groups switched off; the
  target loses those groups, and every step where a muted voice played and no
  enabled voice does gets a hit on an enabled substitute (SUBSTITUTES: kick ->
  low tom, snare -> mid tom, hats -> ride...), with the muted note's velocity
  and offset, so the remaining voices still cover the groove's onsets;
- groove augmentation (half the windows), against "drums only where the groove
  is": drop up to 40% of the groove's onsets, quieter ones first (GrooVAE),
  and add up to 3 onsets on silent steps; the target stays the real loop.

Loss per window: BCE on the 288 hit cells (hit cells weighted by --pos-weight,
"class-balanced"), + L1 of velocity and offset on the target's hit cells
(predicted as corrections of the groove's own, see network.py), + beta * KL,
beta annealed linearly from 0 to --beta over the first 30% of the steps.
After training, the decision threshold (global, then per voice) is tuned on
the validation split for F1 with the predicted/true hit ratio near 1, and
stored with the weights.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from reagroove.core.errors import ReaGrooveError
from reagroove.core.genres import N_GENRES
from reagroove.core.loop import N_VOICES, STEPS, VOICES

from . import metrics
from .network import N_GROUPS, VOICE_GROUP_INDEX, Config, DrumVAE, finish, groove_base, kl_divergence, make_cond, n_params

N = N_VOICES
V = {v: i for i, v in enumerate(VOICES)}
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


def fit_density(grooves: np.ndarray, hvo: np.ndarray) -> tuple[float, float]:
    """Least-squares line: loop density from groove density (hits / 32)."""
    x = grooves[..., 0].mean(-1)
    y = density_of(hvo)
    a, b = np.polyfit(x, y, 1)
    return float(a), float(b)


def density_from_groove(grooves: np.ndarray, fit: tuple[float, float]) -> np.ndarray:
    return np.clip(fit[0] * grooves[..., 0].mean(-1) + fit[1], 0.0, 1.0).astype(np.float32)


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
    # drop: rank onsets by velocity + noise, remove the k quietest
    frac = rng.uniform(0.0, 0.4, B) * which
    score = np.where(hit, g[..., 1] + rng.normal(0, 0.1, hit.shape), np.inf)
    rank = np.argsort(np.argsort(score, -1), -1)
    k = np.floor(frac * hit.sum(-1))[:, None]
    drop = hit & (rank < k)
    g[drop] = 0.0
    # add: up to 3 onsets on silent steps, velocity near the groove's mean, small offset
    n_add = rng.integers(0, 4, B) * which
    silent = g[..., 0] == 0
    pick = np.argsort(np.where(silent, rng.random(silent.shape), 2.0), -1)
    add = np.zeros_like(silent)
    rows = np.arange(B)[:, None]
    add[rows, pick[:, :3]] = np.arange(3)[None, :] < n_add[:, None]
    add &= silent
    mean_vel = np.where(hit.any(-1), (grooves[..., 1] * hit).sum(-1) / np.maximum(hit.sum(-1), 1), 0.5)[:, None]
    vel = np.clip(mean_vel + rng.normal(0, 0.1, silent.shape), 0.05, 1.0)
    offs = np.clip(rng.normal(0, 0.12, silent.shape), -0.5, 0.5)
    g[..., 0] = np.where(add, 1.0, g[..., 0])
    g[..., 1] = np.where(add, vel, g[..., 1])
    g[..., 2] = np.where(add, offs, g[..., 2])
    return g.astype(np.float32)


def make_batch(ds, idx, rng, args, dfit, train=True):
    """(grooves, cond, target hvo) tensors for the windows idx."""
    hvo = ds.hvo[idx]
    grooves = ds.grooves[idx]
    B = len(idx)
    genre = np.zeros((B, N_GENRES), np.float32)
    genre[np.arange(B), ds.genre[idx]] = 1.0
    groups = np.ones((B, N_GROUPS), bool)
    if train:
        genre[rng.random(B) < 0.15] = 0.0
        masked = np.nonzero(rng.random(B) < args.mask_prob)[0]
        for i in masked:
            off = rng.choice(N_GROUPS, size=rng.integers(1, 4), replace=False)
            groups[i, off] = False
        if len(masked):
            hvo = apply_group_mask(hvo, groups)
        grooves = augment_grooves(grooves, rng, args.aug_prob)
    density = density_of(hvo).astype(np.float32)
    groups = groups.astype(np.float32)
    # the window's beat/fill label, as a producer would ask for a fill
    fill = ds.is_fill[idx].astype(np.float32) if args.fill_flag else None
    if args.density_flag:  # half the time "density not given": the groove decides (as at inference)
        given = (rng.random(B) < 0.5).astype(np.float32) if train else np.zeros(B, np.float32)
        cond = make_cond(genre, density, groups, given, fill)
    else:
        est = density_from_groove(grooves, dfit)
        if train:
            density = np.where(rng.random(B) < 0.2, est, density).astype(np.float32)
        else:
            density = est
        cond = make_cond(genre, density, groups, fill=fill)
    cond = torch.from_numpy(cond.astype(np.float32))
    return torch.from_numpy(grooves), cond, torch.from_numpy(np.ascontiguousarray(hvo))


def loss_terms(model, grooves, cond, target, pos_weight):
    raw, mu, logvar = model(grooves, cond, sample=model.training)
    logits, vel, off = finish(raw, grooves)
    th = target[..., :N]
    bce = F.binary_cross_entropy_with_logits(
        logits, th, pos_weight=torch.tensor(pos_weight, device=logits.device), reduction="none"
    ).sum((1, 2))
    vel_l1 = ((vel - target[..., N : 2 * N]).abs() * th).sum((1, 2))
    off_l1 = ((off - target[..., 2 * N :]).abs() * th).sum((1, 2))
    kl = kl_divergence(mu, logvar)
    return bce.mean(), vel_l1.mean(), off_l1.mean(), kl.mean(), logits


@torch.no_grad()
def predict_probs(model, ds, args, dfit, device, batch=512):
    """Validation pass: (hit probabilities (N,32,9), velocities, offsets, mean loss parts)."""
    model.eval()
    probs, vels, offs, parts = [], [], [], []
    for s in range(0, len(ds), batch):
        idx = np.arange(s, min(s + batch, len(ds)))
        g, c, t = (x.to(device) for x in make_batch(ds, idx, None, args, dfit, train=False))
        bce, vl, ol, kl, logits = loss_terms(model, g, c, t, args.pos_weight)
        raw = model.decode(model.encode(g)[0], c, g)
        _, vel, off = finish(raw, g)
        probs.append(torch.sigmoid(logits).cpu().numpy())
        vels.append(vel.cpu().numpy())
        offs.append(off.cpu().numpy())
        parts.append(np.array([bce.item(), vl.item(), ol.item(), kl.item()]) * len(idx))
    return np.concatenate(probs), np.concatenate(vels), np.concatenate(offs), np.sum(parts, 0) / len(ds)


def assemble(probs, vel, off, thresholds):
    hits = (probs > np.asarray(thresholds, np.float32)).astype(np.float32)
    return np.concatenate([hits, vel * hits, off * hits], -1)


def validate(model, ds, args, dfit, device, thresholds=None):
    probs, vel, off, parts = predict_probs(model, ds, args, dfit, device)
    true = ds.hvo
    th, f1, ratio = metrics.best_threshold(probs, true[..., :N])
    scores = metrics.micro_scores(assemble(probs, vel, off, th if thresholds is None else thresholds), true)
    return {"loss": float(parts[:3].sum()), "bce": parts[0], "kl": parts[3], "threshold": th, **scores}, probs


def _seed_all(seed: int) -> None:
    np.random.seed(seed)
    torch.manual_seed(seed)


def train(args) -> dict:
    from tqdm import tqdm

    from reagroove.core.dataset import load_dataset

    from .weights import save_weights, write_card

    _seed_all(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ReaGrooveError("--device cuda: no CUDA GPU is available to torch")
    ds = load_dataset(args.gmd)
    train_ds, val_ds = ds.subset("train"), ds.subset("validation")
    val_ds = val_ds.select(val_ds.grooves[..., 0].sum(-1) >= 4)
    if args.tiny:
        rng0 = np.random.default_rng(args.seed)
        train_ds = train_ds.select(np.sort(rng0.choice(len(train_ds), args.tiny, replace=False)))
        val_ds = val_ds.select(np.arange(min(len(val_ds), max(64, args.tiny // 4))))
    dfit = fit_density(train_ds.grooves, train_ds.hvo)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    ckpt_path = out / "checkpoint.pt"

    cfg = Config(d_model=args.d_model, n_heads=args.heads, d_ff=args.d_ff, enc_layers=args.enc_layers,
                 dec_layers=args.dec_layers, latent=args.latent, dropout=args.dropout, density_flag=args.density_flag,
                 fill_flag=args.fill_flag)
    model = DrumVAE(cfg).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    # fills are 2% of the windows: --fill-weight k shows each fill k times per epoch
    epoch_rows = np.concatenate([np.arange(len(train_ds))] + [np.nonzero(train_ds.is_fill)[0]] * max(0, args.fill_weight - 1))
    steps_per_epoch = math.ceil(len(epoch_rows) / args.batch)
    total = steps_per_epoch * args.epochs
    warm = min(200, total // 10 + 1)

    def lr_at(step):
        if step < warm:
            return args.lr * (step + 1) / warm
        return args.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, (step - warm) / max(1, total - warm)))))

    # An exponential moving average of the weights is what validation sees and what ships (--ema 0 = off):
    # validation F1 jumps by +-0.005 from epoch to epoch, the average does not.
    ema = None
    if args.ema > 0:
        ema = torch.optim.swa_utils.AveragedModel(
            model, multi_avg_fn=torch.optim.swa_utils.get_ema_multi_avg_fn(args.ema), use_buffers=True)
    scored = lambda: ema.module if ema is not None else model  # noqa: E731
    best = {"f1": -1.0, "epoch": 0, "state": None}  # --keep-best: ship the epoch with the best validation F1

    start_epoch, history, elapsed0 = 0, [], 0.0
    if args.resume and ckpt_path.is_file():
        ck = torch.load(ckpt_path, map_location=device, weights_only=True)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        if ema is not None and "ema" in ck:
            ema.load_state_dict(ck["ema"])
        if ck.get("best"):
            best = ck["best"]
        start_epoch, history, elapsed0 = ck["epoch"], ck["history"], ck.get("elapsed", 0.0)
        torch.set_rng_state(ck["torch_rng"])
        print(f"resumed from {ckpt_path} at epoch {start_epoch}")
    print(f"model: {n_params(model):,} parameters {cfg.to_dict()}; train {len(train_ds)} windows, validation {len(val_ds)}")

    t0 = time.perf_counter() - elapsed0
    for epoch in range(start_epoch, args.epochs):
        model.train()
        rng = np.random.default_rng([args.seed, epoch])  # per-epoch stream: resume is exact
        perm = rng.permutation(epoch_rows)
        sums = np.zeros(4)
        bar = tqdm(range(steps_per_epoch), desc=f"epoch {epoch + 1}/{args.epochs}", unit="batch",
                   disable=args.quiet, leave=False, mininterval=2.0)
        for i in bar:
            step = epoch * steps_per_epoch + i
            beta = args.beta * min(1.0, step / max(1, 0.3 * total))
            for gparam in opt.param_groups:
                gparam["lr"] = lr_at(step)
            idx = perm[i * args.batch : (i + 1) * args.batch]
            g, c, t = (x.to(device) for x in make_batch(train_ds, idx, rng, args, dfit))
            bce, vl, ol, kl, _ = loss_terms(model, g, c, t, args.pos_weight)
            loss = bce + args.vel_weight * vl + args.off_weight * ol + beta * kl
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            if ema is not None:
                ema.update_parameters(model)
            sums += [bce.item(), vl.item(), ol.item(), kl.item()]
            if i % 20 == 0:
                bar.set_postfix(loss=f"{loss.item():.2f}", kl=f"{kl.item():.1f}")
        tr = sums / steps_per_epoch
        val, _ = validate(scored(), val_ds, args, dfit, device)
        if args.keep_best and val["f1"] > best["f1"]:
            best = {"f1": float(val["f1"]), "epoch": epoch + 1,
                    "state": {k: v.detach().clone() for k, v in scored().state_dict().items()}}
        elapsed = time.perf_counter() - t0
        rec = {"epoch": epoch + 1, "train_bce": tr[0], "train_vel": tr[1], "train_off": tr[2], "train_kl": tr[3],
               "elapsed_s": round(elapsed, 1), **{f"val_{k}": v for k, v in val.items()}}
        history.append({k: (round(float(v), 5) if isinstance(v, (float, np.floating)) else v) for k, v in rec.items()})
        print(f"epoch {epoch + 1}/{args.epochs} train bce {tr[0]:.3f} vel {tr[1]:.3f} off {tr[2]:.3f} kl {tr[3]:.2f} | "
              f"val F1 {val['f1']:.3f} (th {val['threshold']:.2f}, ratio {val['hit_ratio']:.2f}) "
              f"vel MAE {val['vel_mae']:.4f} off MAE {val['off_mae']:.4f} | {elapsed / 60:.1f} min", flush=True)
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "epoch": epoch + 1, "history": history,
                    "torch_rng": torch.get_rng_state(), "elapsed": elapsed, "config": cfg.to_dict(),
                    **({"ema": ema.state_dict()} if ema is not None else {}), "best": best}, ckpt_path)

    if ema is not None:
        model = ema.module
    if best["state"] is not None:
        model.load_state_dict(best["state"])
        print(f"keeping epoch {best['epoch']} (best validation F1 {best['f1']:.4f})")

    # Tune the decision thresholds on validation, then ship.
    model.cpu().eval()
    probs, vel, off, _ = predict_probs(model, val_ds, args, dfit, torch.device("cpu"))
    th, _, _ = metrics.best_threshold(probs, val_ds.hvo[..., :N])
    per_voice = metrics.per_voice_thresholds(probs, val_ds.hvo[..., :N], th)
    thresholds, blend = metrics.blend_thresholds(probs, val_ds.hvo[..., :N], th, per_voice)
    val_global = metrics.micro_scores(assemble(probs, vel, off, th), val_ds.hvo)
    val_tuned = metrics.micro_scores(assemble(probs, vel, off, thresholds), val_ds.hvo)
    val_tuned["voices_per_window"] = metrics.voices_per_window(probs > thresholds)
    val_tuned["real_voices_per_window"] = metrics.voices_per_window(val_ds.hvo[..., :N])
    # Velocity/offset corrections or the groove's own feel: whichever has the lower MAE on validation.
    pred_hits = (probs > thresholds) & (val_ds.hvo[..., :N] > 0.5)
    base_vel, base_off = (x.numpy() for x in groove_base(torch.from_numpy(val_ds.grooves)))
    corr = {}
    for name, pred, base, col in (("velocity", vel, base_vel, N), ("offset", off, base_off, 2 * N)):
        true = val_ds.hvo[..., col : col + N]
        mae_model = float(np.abs(pred - true)[pred_hits].mean())
        mae_copy = float(np.abs(np.broadcast_to(base, true.shape) - true)[pred_hits].mean())
        corr[f"{name}_correction"] = 1.0 if mae_model <= mae_copy else 0.0
        val_tuned[f"{name}_mae_corrected"], val_tuned[f"{name}_mae_copied"] = mae_model, mae_copy
    val_tuned["vel_mae"] = min(val_tuned["velocity_mae_corrected"], val_tuned["velocity_mae_copied"])
    val_tuned["off_mae"] = min(val_tuned["offset_mae_corrected"], val_tuned["offset_mae_copied"])
    thresholds = thresholds.tolist()
    meta = {"thresholds": [round(float(x), 4) for x in thresholds], "density_fit": list(dfit), "seed": args.seed,
            "epochs": args.epochs, "kept_epoch": best["epoch"] or args.epochs, "validation": val_tuned, "threshold_blend": blend, **corr}
    weights = out / "drummer.pt"
    save_weights(weights, model, meta)
    wall = time.perf_counter() - t0
    card = {
        "model": f"ReaGroove drummer: transformer VAE, {n_params(model):,} parameters",
        "config": cfg.to_dict(),
        "command": args.card_command or "reagroove " + " ".join(sys.argv[1:]),
        "train_wall_s": round(wall, 1),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, torch {torch.__version__}, threads {torch.get_num_threads()}",
        "thresholds": meta["thresholds"],
        "velocity_correction": corr["velocity_correction"],
        "offset_correction": corr["offset_correction"],
        "validation": {k: round(v, 4) for k, v in meta["validation"].items()},
        "validation_global_threshold": {"threshold": th, **{k: round(v, 4) for k, v in val_global.items()}},
        "history": history,
    }
    write_card(weights, card)
    print(f"wrote {weights} and card.json ({wall / 60:.1f} min); validation {meta['validation']}")
    return {"weights": str(weights), "history": history, "wall_s": wall, "meta": meta}


def add_train_command(sub) -> None:
    p = sub.add_parser("train", help="train the drum generator on the Groove MIDI Dataset",
                       description="Train the drum generator (transformer VAE) on GMD 2-bar windows.")
    add_train_arguments(p)
    p.set_defaults(func=run_train)


def add_train_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gmd", metavar="FOLDER", help="the Groove MIDI Dataset folder (default: $REAGROOVE_GMD)")
    p.add_argument("--out", default="runs/drummer", help="folder for checkpoint.pt, drummer.pt and card.json")
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--ema", type=float, default=0.0, metavar="DECAY",
                   help="validate and ship an exponential moving average of the weights (e.g. 0.999; 0 = off)")
    p.add_argument("--keep-best", action="store_true", help="ship the epoch with the best validation F1")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    p.add_argument("--threads", type=int, default=0, help="CPU threads for torch (default: torch's choice)")
    p.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint.pt")
    p.add_argument("--tiny", type=int, default=0, metavar="N", help="train on N random windows only (tests, smoke runs)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    g = p.add_argument_group("model and loss")
    g.add_argument("--d-model", type=int, default=64)
    g.add_argument("--heads", type=int, default=4)
    g.add_argument("--d-ff", type=int, default=192)
    g.add_argument("--enc-layers", type=int, default=2)
    g.add_argument("--dec-layers", type=int, default=2)
    g.add_argument("--latent", type=int, default=32)
    g.add_argument("--dropout", type=float, default=0.1)
    g.add_argument("--pos-weight", type=float, default=1.0, help="BCE weight of hit cells against silent ones")
    g.add_argument("--vel-weight", type=float, default=1.0)
    g.add_argument("--off-weight", type=float, default=1.0)
    g.add_argument("--beta", type=float, default=0.2, help="final KL weight (annealed from 0)")
    g.add_argument("--density-flag", action="store_true",
                   help='condition on "density given" + density (given half the time) instead of always a density')
    g.add_argument("--fill-flag", action="store_true",
                   help='condition on a "play a fill" bit (the windows\' beat/fill label)')
    g.add_argument("--aug-prob", type=float, default=0.5, help="share of grooves with onsets dropped/added")
    g.add_argument("--fill-weight", type=int, default=1, help="show each fill window this many times per epoch")
    g.add_argument("--mask-prob", type=float, default=0.3, help="share of windows with voice groups switched off")
    p.add_argument("--card-command", help=argparse.SUPPRESS)  # the command to record (when finishing a resumed run)


def run_train(args) -> int:
    train(args)
    return 0


def main(argv=None) -> int:
    from reagroove.core.cli import main as cli_main  # noqa: F401 - same error handling as the CLI

    p = argparse.ArgumentParser(prog="reagroove train")
    add_train_arguments(p)
    args = p.parse_args(argv)
    try:
        return run_train(args)
    except ReaGrooveError as exc:
        print(f"reagroove: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
