"""`reagroove train`'s options: their help lines, and what `--calibrate WEIGHTS` takes.

A calibration trains nothing: a training or network option given with it is said to go unused, in one line
(--epochs, --dropout and --mask-prob had been ignored without a word), and its weights are never written over unless
--out names their folder (the default --out, runs/drummer, is where a training run leaves drummer.pt).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reagroove.core.errors import ReaGrooveError
from reagroove.core.wording import listed

DEFAULT_OUT = "runs/drummer"

# One help line per TrainConfig field, for `reagroove train --help`.
TRAIN_HELP = {
    "epochs": "passes over the training windows", "batch": "windows per batch", "lr": "learning rate (AdamW)",
    "weight_decay": "AdamW weight decay", "seed": "random seed (data order, initial weights)",
    "threads": "torch threads (0 = torch's choice)", "tiny": "train on this many GMD windows only, and validate on about as many (smoke runs)",
    "real_prob": "share of each batch from real band songs",
    "part_prob": "of those, the share whose input is a random subset of the band's parts",
    "band_prob": "share of GMD windows given a generated band-like part as input",
    "aug_prob": "of the other GMD windows, the share whose groove has onsets dropped or added",
    "programmed_prob": "of the other GMD windows, the share whose groove is programmed (one velocity, on the grid)",
    "mask_prob": "share of windows whose step-by-step input is hidden (the latent must carry the pattern)",
    "pos_weight": "weight of a hit against a rest in the hit loss", "vel_weight": "weight of the velocity loss",
    "off_weight": "weight of the timing-offset loss", "beta": "weight of the KL term",
    "free_bits": "nats per latent dimension the KL term leaves free",
    "prior_weight": "weight of decoding from the prior's mean (what generation uses)",
    "skip_drop": "share of windows whose groove skip path is dropped", "fill_weight": "times each fill window is shown per epoch",
    "band_weight": "weight of the band songs' validation F1 against GMD's when keeping an epoch",
    "genre_ceiling": "cap a genre's extra snares and hats at this times its drummers' count (0 = none)",
    "voice_thresholds": "how far thresholds move from one shared threshold toward each voice's own (0..1)",
    "take_floor": "least take blend of the kick and snare (one pattern through a part)",
}

# what a calibration is told by its command, not by the training run (TrainConfig fields)
CALIBRATION_SETTINGS = ("band_weight", "genre_ceiling", "voice_thresholds", "take_floor")
# the other training and network options a calibration reads (--tiny: validate on as little; --threads: torch's)
CALIBRATION_READS = frozenset(CALIBRATION_SETTINGS) | {"tiny", "threads"}


class NotedOption(argparse.Action):
    """Stores an option's value (or its const, for a flag) and notes that it was given on the command line, so
    --calibrate can tell an option typed from its default."""

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, self.const if self.nargs == 0 else values)
        setattr(namespace, "options_given", {**getattr(namespace, "options_given", {}), self.dest: option_string})


def calibrate_ignores(args) -> str | None:
    """The line that says which training and network options given with --calibrate (which trains nothing) go
    unused, as drumify says --bpm given for a MIDI file; None where none was given."""
    given = getattr(args, "options_given", {})
    ignored = [option for dest, option in given.items() if dest not in CALIBRATION_READS]
    if not ignored:
        return None
    taken = ["the data options", "--out", "--tiny", "--threads",
             *("--" + name.replace("_", "-") for name in CALIBRATION_SETTINGS)]
    return (f"--calibrate trains nothing: {listed(ignored)} {'is' if len(ignored) == 1 else 'are'} ignored "
            f"(a calibration takes {listed(taken)})")


def checked_out(args) -> Path:
    """The --out folder (DEFAULT_OUT where none was given). With --calibrate, the weights' own folder only
    where --out names it: the default would have written over them and their card.json."""
    out = Path(args.out or DEFAULT_OUT)
    weights = getattr(args, "calibrate", None)
    if weights and not args.out and out.resolve() == Path(weights).resolve().parent:
        raise ReaGrooveError(f"{weights}: --calibrate would write over it in the default --out {out}: give --out "
                             f"a new folder (or --out {out} to replace it)")
    return out


def validation_said(meta: dict) -> str:
    """Each validation set's F1 and hit ratio, for the line a run ends with (a calibration had printed the
    whole dict of a dozen unrounded figures)."""
    said = "; ".join(f"{name} F1 {v['f1']:.3f}, hit ratio {v['hit_ratio']:.2f}" for name, v in
                     meta["validation"].items() if isinstance(v, dict) and "f1" in v)
    return said or "none"


__all__ = ["CALIBRATION_READS", "CALIBRATION_SETTINGS", "DEFAULT_OUT", "NotedOption", "TRAIN_HELP", "checked_out",
           "calibrate_ignores", "validation_said"]
