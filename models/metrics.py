"""Scores shared by training (validation per epoch) and evaluation. numpy only."""

from __future__ import annotations

import numpy as np

from reagroove.core.limbs import backbeat, limb_report
from reagroove.core.loop import N_VOICES

N = N_VOICES


def hit_counts(pred_hits: np.ndarray, true_hits: np.ndarray, axis=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """True positives, predicted and real hit counts (summed over `axis`)."""
    p = pred_hits > 0.5
    t = true_hits > 0.5
    return (p & t).sum(axis), p.sum(axis), t.sum(axis)


def f1_from(tp, n_pred, n_true):
    tp, n_pred, n_true = (np.asarray(x, np.float64) for x in (tp, n_pred, n_true))
    prec = np.where(n_pred > 0, tp / np.maximum(n_pred, 1), 0.0)
    rec = np.where(n_true > 0, tp / np.maximum(n_true, 1), 0.0)
    f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0.0)
    return prec, rec, f1


def micro_scores(pred: np.ndarray, true: np.ndarray) -> dict:
    """Micro hit precision/recall/F1, hit ratio, and velocity/offset MAE on correctly predicted hits.

    pred, true: (N, 32, 27) loops."""
    tp, n_pred, n_true = hit_counts(pred[..., :N], true[..., :N])
    prec, rec, f1 = f1_from(tp, n_pred, n_true)
    both = (pred[..., :N] > 0.5) & (true[..., :N] > 0.5)
    vel_mae = float(np.abs(pred[..., N : 2 * N] - true[..., N : 2 * N])[both].mean()) if both.any() else float("nan")
    off_mae = float(np.abs(pred[..., 2 * N :] - true[..., 2 * N :])[both].mean()) if both.any() else float("nan")
    return {
        "precision": float(prec),
        "recall": float(rec),
        "f1": float(f1),
        "hit_ratio": float(n_pred / max(n_true, 1)),
        "vel_mae": vel_mae,
        "off_mae": off_mae,
    }


def best_threshold(probs: np.ndarray, true_hits: np.ndarray, ratio=(0.95, 1.10), grid=None) -> tuple[float, float, float]:
    """The scalar threshold with the best micro F1 whose predicted/true hit ratio lies in `ratio`.

    Returns (threshold, f1, ratio); falls back to the ratio nearest 1 if none fits."""
    grid = np.arange(0.15, 0.80, 0.01) if grid is None else grid
    t = true_hits > 0.5
    n_true = t.sum()
    # Hits kept at every threshold at once: how many probabilities lie above each (sorted once, in float64 as
    # `probs > th` compares them), of all cells and of the real hits' cells.
    p = np.asarray(probs, np.float64)
    above_all = p.size - np.searchsorted(np.sort(p, axis=None), grid, side="right")
    on_hits = np.sort(p[np.broadcast_to(t, p.shape)])
    above_true = len(on_hits) - np.searchsorted(on_hits, grid, side="right")
    _, _, f1s = f1_from(above_true, above_all, n_true)
    best = None
    nearest = None
    for th, n_pred, f1 in zip(grid, above_all, f1s):
        r = n_pred / max(n_true, 1)
        if ratio[0] <= r <= ratio[1] and (best is None or f1 > best[1]):
            best = (float(th), float(f1), float(r))
        if nearest is None or abs(r - 1) < abs(nearest[2] - 1):
            nearest = (float(th), float(f1), float(r))
    return best or nearest


def per_voice_thresholds(probs: np.ndarray, true_hits: np.ndarray, base: float, ratio=(0.9, 1.1), min_hits: int = 20) -> np.ndarray:
    """Per voice: the threshold near `base` with the best F1 of that voice whose hit ratio lies in `ratio`.

    Keeps rare voices (toms, crash) from vanishing: each voice is asked to play
    about as often as real drummers play it. probs, true_hits: (..., 9)."""
    out = np.full(N, base, np.float32)
    grid = np.arange(0.05, 0.90, 0.01)
    for v in range(N):
        pv, tv = probs[..., v].ravel(), true_hits[..., v].ravel() > 0.5
        n_true = tv.sum()
        if n_true < min_hits:
            continue
        best, nearest = None, None
        for th in grid:
            p = pv > th
            tp, n_pred = (p & tv).sum(), p.sum()
            _, _, f1 = f1_from(tp, n_pred, n_true)
            r = n_pred / n_true
            if ratio[0] <= r <= ratio[1] and (best is None or f1 > best[1]):
                best = (th, f1)
            if nearest is None or abs(r - 1) < nearest[1]:
                nearest = (th, abs(r - 1))
        out[v] = (best or nearest)[0]
    return out


def voices_per_window(hits: np.ndarray) -> float:
    """Mean number of distinct voices played per loop; hits (N, 32, 9)."""
    return float((hits > 0.5).any(1).sum(1).mean())


def blend_thresholds(probs, true_hits, global_th: float, per_voice: np.ndarray, voice_tol=0.07, ratio=(0.92, 1.12)):
    """Thresholds global + a * (per_voice - global), a in 0..1, with the best micro F1 such that
    voices per window stay within voice_tol of the real loops' and the hit ratio within `ratio`.

    A single threshold gives the best F1 but lets rare voices (toms, crash) fade,
    so loops use fewer voices than real ones; per-voice thresholds fix the voice
    count at a small cost in F1. Returns (thresholds (9,), a)."""
    t = true_hits > 0.5
    real_v = voices_per_window(t)
    best, fallback = None, None
    for a in np.linspace(0, 1, 11):
        th = (global_th + a * (per_voice - global_th)).astype(np.float32)
        p = probs > th
        _, _, f1 = f1_from((p & t).sum(), p.sum(), t.sum())
        dev = abs(voices_per_window(p) / real_v - 1)
        r = p.sum() / max(t.sum(), 1)
        if dev <= voice_tol and ratio[0] <= r <= ratio[1] and (best is None or f1 > best[0]):
            best = (float(f1), th, float(a))
        if fallback is None or dev < fallback[0]:
            fallback = (dev, th, float(a))
    return (best[1], best[2]) if best else (fallback[1], fallback[2])


def f1_difference_ci(pred_a: np.ndarray, pred_b: np.ndarray, true: np.ndarray, groups: np.ndarray,
                     n_boot: int = 2000, seed: int = 0) -> tuple[float, float, float]:
    """Micro hit F1 of A minus B (loops (N, 32, 27 or 9)) and its 95% bootstrap interval, resampling whole
    groups (songs, files): (difference, low, high)."""
    uniq, inv = np.unique(groups, return_inverse=True)

    def per_group(pred):
        tp, n_pred, n_true = hit_counts(pred[..., :N], true[..., :N], axis=(1, 2))
        return np.stack([np.bincount(inv, weights=x, minlength=len(uniq)) for x in (tp, n_pred, n_true)], 1)

    a, b = per_group(pred_a), per_group(pred_b)
    f1 = lambda c: 2 * c[0] / max(c[1] + c[2], 1)  # noqa: E731 - micro F1 from summed counts
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(n_boot):
        pick = rng.integers(0, len(uniq), len(uniq))
        diffs.append(f1(a[pick].sum(0)) - f1(b[pick].sum(0)))
    low, high = np.percentile(diffs, [2.5, 97.5])
    return float(f1(a.sum(0)) - f1(b.sum(0))), float(low), float(high)


def offset_split(pred: np.ndarray, true: np.ndarray) -> dict:
    """Offset MAE on correctly predicted hits (N, 32, 27 loops), split by whether the real hit is the
    loudest of its step, whose timing a groove carries (loop.flatten_hvo), or another hit on that step,
    whose timing it does not: {"loudest", "others", "others_share"}."""
    h = (pred[..., :N] > 0.5) & (true[..., :N] > 0.5)
    vel = np.where(true[..., :N] > 0.5, true[..., N : 2 * N], -1.0)
    loudest = np.zeros_like(h)
    np.put_along_axis(loudest, vel.argmax(-1)[..., None], True, -1)
    err = np.abs(pred[..., 2 * N :] - true[..., 2 * N :])
    mae = lambda m: float(err[m].mean()) if m.any() else float("nan")  # noqa: E731
    return {"loudest": mae(h & loudest), "others": mae(h & ~loudest), "others_share": float((h & ~loudest).sum() / max(h.sum(), 1))}


def musicality(loops: np.ndarray) -> dict:
    """Per-bar measures a drummer would check, over 2-bar loops (N, 32, 27 or 9):

    hat_clash: closed and open hat on one step, share of steps with a hat;
    over_two_hands: steps with more than two hand voices, share of steps with a hand voice (the pedal hat,
    limbs.foot_hat, is the left foot: jazz's ride, hat on 2 and 4 and comp had counted as three hands);
    backbeat: share of bars with a snare on both beats 2 and 4;
    offbeat_snare: snare hits per bar off beats 2 and 4;
    crash: crash hits per bar; kicks: kick hits per bar; busy_kick: share of bars
    with 8 or more kicks; empty: share of bars with no hit."""
    h = np.asarray(loops)[..., :N] > 0.5
    bars = h.reshape(-1, 16, N)
    limbs = limb_report(h)  # (the rule the generator plays by: hat clash, two hands, the pedal hat a foot)
    snare = bars[..., 1]
    kicks = bars[..., 0].sum(1)
    return {
        "hat_clash": limbs["hat_clash"],
        "over_two_hands": limbs["over_two_hands"],
        "backbeat": backbeat(h),
        "offbeat_snare": float(snare.sum(1).mean() - snare[:, [4, 12]].sum(1).mean()),
        "crash": float(bars[..., 7].sum(1).mean()),
        "kicks": float(kicks.mean()),
        "busy_kick": float((kicks >= 8).mean()),
        "empty": float((~bars.any((1, 2))).mean()),
    }
