"""Evaluation on real band songs: drums for what producers feed ReaGroove.

Each 2-bar window of 4/4 music (1-bar hop, at least 4 drum hits and 4 input
onsets) of multi-track song files: the drums removed, the other parts are the
input, the song's own drums the reference (core/bandset.py). Scored the way
issue 10 measured it:

- hit F1 and predicted/true hit ratio with all non-drum parts as input
  (the band groove and its low-register part), and the velocity MAE of correct hits;
- the same with the bass part alone as input (windows with a bass part);
- the same with one part alone as input, the song's busiest part that is not
  a bass part (a guitar or keys part, as producers most often give it;
  windows where it has at least 4 onsets), with the bass groove the engine
  takes from a file of that part alone: its notes below C3, if any;
- per-bar musicality (metrics.musicality): hat clashes, more than two hands,
  backbeat bars, off-beat snares, crashes, kicks.

Systems: the model at its defaults as a user gets them (temperature 0: the
most likely loop; no genre, no fill label: nothing but the input), a fixed
rock beat, the real drums of another song (chance), and the real drums
themselves (the musicality a real drummer has). The model plays each song as one
part, as the engine plays a file (a song's windows of one 2-bar phase are one
take: core/tempering.one_take) and at its own swing (core/swing.py). Files can be restricted to the
held-out validation files of a training set (`held_out=True`, the same hash
split as training) so a set used for training is scored only on files the
model never saw.
"""

from __future__ import annotations

import os

import numpy as np

from . import metrics

N = 9


def rock_beat(n: int) -> np.ndarray:
    from .evaluate import rock_beat as one

    return np.broadcast_to(one(), (n, 32, 3 * N)).copy()


def other_song(hvo: np.ndarray, file_index: np.ndarray) -> np.ndarray:
    """Each window gets the drums of a window half the set away (another song wherever possible)."""
    order = np.argsort(file_index, kind="stable")
    shifted = np.roll(order, len(order) // 2)
    out = np.empty_like(hvo)
    out[order] = hvo[shifted]
    return out


def play_parts(grooves, parts, takes, *, bass=None, bpm=None, **kw) -> np.ndarray:
    """drumify_batch(grooves, bass=, take=takes, **kw) as the engine plays each part (parts (N,): a file, a
    song): a band part at its own swing (core/swing.py; a swung part straight in, its loops swung out),
    each take's windows in one call, its hands at each window's tempo bpm (N,) (core/hand_speed.py; None: no
    tempo known). At the defaults this is Engine._decode's path: a band part's kick at most 3 16ths in a row
    (core/one_foot.py) as it plays it; what else it adds (core/idioms.played_by_rule, humanize) acts only with a
    genre asked or humanize below 1."""
    from reagroove.core.hand_speed import at_tempo
    from reagroove.core.one_foot import one_foot
    from reagroove.core.swing import part_swing, play_swung, straighten

    from .api import drumify_batch

    grooves, parts = np.asarray(grooves, np.float32), np.asarray(parts)
    feel = np.full(len(grooves), np.nan)
    for p in np.unique(parts):
        feel[parts == p] = part_swing(grooves[parts == p], kw.get("drum_part", False)) or np.nan
    out = np.zeros((len(grooves), 32, 3 * N), np.float32)
    for f in np.unique(feel):  # a part's windows share its feel, so a take is never split
        rows = np.isnan(feel) if np.isnan(f) else feel == f
        swing = None if np.isnan(f) else float(f)
        b = None if bass is None else straighten(np.asarray(bass)[rows], swing)
        per_row = {k: v[rows] if isinstance(v, np.ndarray) and v.ndim and len(v) == len(grooves) else v for k, v in kw.items()}
        straight = straighten(grooves[rows], swing)
        loops = drumify_batch(straight, bass=b, take=takes[rows], **per_row)
        if not kw.get("drum_part", False):
            loops = one_foot(loops, straight if b is None else b)
        out[rows] = play_swung(loops, swing)
    return at_tempo(out, bpm)[0]


def band_windows(folder, held_out: bool | str | os.PathLike = False):
    """The windows of `folder` that evaluate_band scores (all, or those `held_out`); BandSetError where there are
    none. `reagroove evaluate` reads every folder's before the GMD run, so a folder without songs is said before
    anything is written (its plots had been written, then "no .mid files")."""
    from reagroove.core.bandset import load_band_windows, read_song_list

    bw = load_band_windows(folder)
    if isinstance(held_out, (str, os.PathLike)):  # a song list (reagroove train --band-val)
        bw = bw.split_by_names(read_song_list(held_out))[1]
    elif held_out:
        bw = bw.split_by_file(0.15)[1]
    if len(bw) == 0:  # its report had been "F1 0.000" over no song at all
        from reagroove.core.bandset import BandSetError

        listed = isinstance(held_out, (str, os.PathLike))
        how = "--band-val's list" if listed else "the hash split (about 15% of the songs)"
        raise BandSetError(f"{folder}: none of its songs with windows is held out by {how}: give --band to score "
                           "every song")
    return bw


def evaluate_band(folder, weights=None, *, held_out: bool | str | os.PathLike = False, progress: bool = True,
                  windows=None) -> dict:
    """Scores per system on the songs of `folder` (see the module doc); `windows`: its band_windows, read already."""
    from tqdm import tqdm

    from reagroove.core.sections import file_takes

    bw = windows if windows is not None else band_windows(folder, held_out)
    true = bw.hvo
    has_bass = bw.bass[..., 0].sum(1) >= 4
    one, one_low, has_one = one_part(bw)
    takes = file_takes(bw.file_index, bw.bar)  # a song's windows of one 2-bar phase: one take, as the engine plays it
    systems = {
        "model": lambda: play_parts(bw.grooves, bw.file_index, takes, bass=bw.bass, weights=weights, bpm=bw.bpm),
        "model, bass part only": lambda: play_parts(bw.bass[has_bass], bw.file_index[has_bass], takes[has_bass],
                                                    bass=bw.bass[has_bass], weights=weights, bpm=bw.bpm[has_bass]),
        "model, one part only": lambda: play_parts(one[has_one], bw.file_index[has_one], takes[has_one],
                                                   bass=one_low[has_one], weights=weights, bpm=bw.bpm[has_one]),
        "rock beat": lambda: rock_beat(len(true)),
        "another song's drums (chance)": lambda: other_song(true, bw.file_index),
        "real drums": lambda: true,
    }
    out = {"windows": int(len(true)), "files": int(len(np.unique(bw.file_index))), "held_out": bool(held_out),
           "bass_windows": int(has_bass.sum()), "one_part_windows": int(has_one.sum()), "systems": {}}
    preds = {}
    for name, make in tqdm(systems.items(), desc="band songs", unit="system", disable=not progress):
        pred = preds[name] = make()
        ref = {"model, bass part only": true[has_bass], "model, one part only": true[has_one]}.get(name, true)
        s = metrics.micro_scores(pred, ref)
        row = {"f1": s["f1"], "hit_ratio": s["hit_ratio"], "vel_mae": s["vel_mae"], **metrics.musicality(pred)}
        if name in ("rock beat", "another song's drums (chance)"):
            sb = metrics.micro_scores(pred[has_bass], true[has_bass])
            so = metrics.micro_scores(pred[has_one], true[has_one])
            row.update(bass_f1=sb["f1"], bass_hit_ratio=sb["hit_ratio"], one_f1=so["f1"], one_hit_ratio=so["hit_ratio"])
        out["systems"][name] = row
    out["model_minus_rock"] = metrics.f1_difference_ci(preds["model"], preds["rock beat"], true, bw.file_index)
    m, mb = out["systems"]["model"], out["systems"].pop("model, bass part only")
    mo = out["systems"].pop("model, one part only")
    m.update(bass_f1=mb["f1"], bass_hit_ratio=mb["hit_ratio"], bass_backbeat=mb["backbeat"], one_f1=mo["f1"],
             one_hit_ratio=mo["hit_ratio"])
    return out


def one_part(bw) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per window, the groove of the song's busiest part that is not a bass part, of those playing in the
    window (core/bandset part slots come busiest first), the bass groove the engine takes from that part
    alone (its notes below C3, if any: core/bandset.bass_of_parts), and whether it has at least 4 onsets there."""
    from reagroove.core.bandset import bass_of_parts, flatten_parts

    upper = bw.parts[..., 0].any(-1) & ~bw.part_bass
    chosen = np.zeros_like(upper)
    chosen[np.arange(len(upper)), np.argmax(upper, 1)] = True
    chosen &= upper
    groove = flatten_parts(bw.parts, chosen)
    return groove, bass_of_parts(bw, slice(None), chosen), groove[..., 0].sum(1) >= 4


COLUMNS = (("f1", "hit F1", 3), ("hit_ratio", "pred/true hits", 2), ("bass_f1", "bass-only F1", 3),
           ("bass_hit_ratio", "bass-only ratio", 2), ("one_f1", "one-part F1", 3), ("one_hit_ratio", "one-part ratio", 2),
           ("vel_mae", "vel MAE", 3), ("hat_clash", "hat clash", 3),
           ("over_two_hands", ">2 hands", 3),
           ("backbeat", "backbeat bars", 2), ("offbeat_snare", "off-beat snare/bar", 2), ("crash", "crash/bar", 2),
           ("kicks", "kicks/bar", 2), ("busy_kick", "8+ kick bars", 3))


def band_table(result: dict, title: str) -> list[str]:
    lines = [f"### {title}", "", f"{result['windows']} windows from {result['files']} songs "
             f"({result['bass_windows']} with a bass part of at least 4 onsets, {result.get('one_part_windows', 0)} "
             "with a one-part input: the busiest part that is not a bass part, at least 4 onsets).", "",
             "| system | " + " | ".join(c[1] for c in COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    if result.get("held_out"):  # say it where the figures are: these songs are validation, not test
        lines[2:2] = ["Validation songs: the model never trained on them, but they chose its kept epoch and its "
                      "calibration (thresholds, blends, feel corrections), so these figures are optimistic.", ""]
    for name, row in result["systems"].items():
        cells = [("" if row.get(k) is None else f"{row[k]:.{nd}f}") for k, _, nd in COLUMNS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    if "model_minus_rock" in result:
        d, lo, hi = result["model_minus_rock"]
        lines += ["", f"Model minus rock beat, hit F1: {d:+.4f} (95% interval over songs, songs resampled: "
                      f"{lo:+.3f} to {hi:+.3f})."]
    return lines + [""]


__all__ = ["evaluate_band", "band_windows", "band_table", "other_song"]
