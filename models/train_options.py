"""`reagroove train`'s options: their help lines, and what `--calibrate WEIGHTS` takes.

A calibration trains nothing: a training or network option given with it is said to go unused, in one line
(--epochs, --dropout and --mask-prob had been ignored without a word), and its weights are never written over unless
--out names their folder (the default --out, runs/drummer, is where a training run leaves drummer.pt). A run
says before it starts what in --out it will replace, a Ctrl-C says where its epochs are kept, and --resume refuses a
checkpoint of another network before the data is read.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from reagroove.core.cli import note_when_interrupted
from reagroove.core.errors import ReaGrooveError
from reagroove.core.wording import listed

DEFAULT_OUT = "runs/drummer"

# One help line per TrainConfig field, for `reagroove train --help`, with the values it takes (TrainConfig checks
# them); the metavar says a share's range (0..1), so a word given for one says it too.
TRAIN_HELP = {
    "epochs": "passes over the training windows, 1 or more", "batch": "windows per batch, 1 or more",
    "lr": "learning rate (AdamW), above 0", "weight_decay": "AdamW weight decay, 0 or more",
    "seed": f"random seed (data order, initial weights), 0 to {2**32 - 1}",
    "threads": "torch threads, 0 or more: 0 = torch's choice",
    "tiny": "train on this many GMD windows only, and validate on about as many (smoke runs): 0 = all of them",
    "real_prob": "share of each batch from real band songs",
    "part_prob": "of those, the share whose input is a random subset of the band's parts",
    "band_prob": "share of GMD windows given a generated band-like part as input",
    "aug_prob": "of the other GMD windows, the share whose groove has onsets dropped or added",
    "programmed_prob": "of the other GMD windows, the share whose groove is programmed (one velocity, on the grid)",
    "mask_prob": "share of windows whose step-by-step input is hidden (the latent must carry the pattern)",
    "pos_weight": "weight of a hit against a rest in the hit loss, 0 or more",
    "vel_weight": "weight of the velocity loss, 0 or more",
    "off_weight": "weight of the timing-offset loss, 0 or more", "beta": "weight of the KL term, 0 or more",
    "free_bits": "nats per latent dimension the KL term leaves free, 0 or more",
    "prior_weight": "weight of decoding from the prior's mean (what generation uses), 0 or more",
    "skip_drop": "share of windows whose groove skip path is dropped",
    "fill_weight": "times each fill window is shown per epoch, 1 or more",
    "band_weight": "weight of the band songs' validation F1 against GMD's when keeping an epoch",
    "genre_ceiling": "cap a genre's extra snares and hats at this times its drummers' count, 0 or more: 0 = none",
    "voice_thresholds": "how far thresholds move from one shared threshold toward each voice's own",
    "take_floor": "least take blend of the kick and snare (one pattern through a part)",
}
SHARES = ("real_prob", "part_prob", "band_prob", "aug_prob", "programmed_prob", "mask_prob", "skip_drop",
          "band_weight", "voice_thresholds", "take_floor")
TRAIN_METAVARS = {**{name: "0..1" for name in SHARES}, "epochs": "N", "batch": "N", "threads": "N", "tiny": "N",
                  "fill_weight": "N", "seed": "SEED", "lr": "RATE", "free_bits": "NATS", "genre_ceiling": "TIMES",
                  **{name: "W" for name in ("weight_decay", "pos_weight", "vel_weight", "off_weight", "beta",
                                            "prior_weight")}}

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
    if (note := replacing_note(out, args)) is not None:
        print(f"note: {note}", file=sys.stderr)
    refuse_resuming_another_network(out, args)
    if not weights:
        note_when_interrupted(_resume_note(out, args, time.time()))
    return out


def network_of(state: dict) -> dict:
    """The network options (dest: value) a checkpoint's weights were made with, read from their shapes; those its
    layout does not show are left out."""
    sizes = {"d_model": ("dec_norm.weight", 0), "d_ff": ("decoder.layers.0.linear1.weight", 0),
             "latent": ("prior.out.weight", 0)}
    found = {dest: int(state[key].shape[axis]) for dest, (key, axis) in sizes.items() if key in state}
    if "latent" in found:
        found["latent"] //= 2  # the prior's mean and log-variance
    for dest, prefix in (("enc_layers", "prior.layers.layers."), ("dec_layers", "decoder.layers.")):
        layers = {key[len(prefix):].split(".")[0] for key in state if key.startswith(prefix)}
        if layers:
            found[dest] = len(layers)
    return found


def refuse_resuming_another_network(out: Path, args) -> None:
    """--resume with network options other than the checkpoint's (or none, where it was started with some) was
    torch's traceback of a hundred size mismatches after the data was read: one line naming them, before it is."""
    checkpoint = out / "checkpoint.pt"
    if not args.resume or getattr(args, "calibrate", None) or not checkpoint.is_file():
        return
    import torch

    try:
        state = torch.load(checkpoint, map_location="cpu", weights_only=True)["model"]
    except Exception:  # noqa: BLE001 - any damage: the file cannot be continued
        raise ReaGrooveError(f"{checkpoint}: not a training checkpoint ReaGroove can read (damaged?): leave --resume "
                             "out to train from epoch 1") from None
    differ = [f"--{dest.replace('_', '-')} {value} (not {getattr(args, dest)})"
              for dest, value in network_of(state).items() if value != getattr(args, dest)]
    if differ:
        raise ReaGrooveError(f"{checkpoint}: its network was made with {listed(differ)}: --resume with the network "
                             "options it was started with, or give --out a new folder")


def replacing_note(out: Path, args) -> str | None:
    """What a run writes over in --out, said before it starts: a second `reagroove train` (--out defaults to
    runs/drummer) replaced the first run's drummer.pt and card.json at its end, and started its checkpoint over,
    unsaid. None where --out holds neither, or the run continues (--resume) or recalibrates the weights there."""
    weights = getattr(args, "calibrate", None)
    if args.resume or (weights and Path(weights).resolve() == (out / "drummer.pt").resolve()):
        return None
    if (out / "drummer.pt").is_file():
        return (f"{out} holds an earlier run's drummer.pt: this run replaces it and its card.json when done "
                "(Ctrl-C now and give --out another folder to keep them)")
    if not weights and (out / "checkpoint.pt").is_file():
        return (f"{out} holds an earlier run's checkpoint.pt: this run starts over and replaces it after its first "
                "epoch (--resume continues that run)")
    return None


def _resume_note(out: Path, args, started: float):
    """What a Ctrl-C in training says: where the epochs done are kept, and the --resume that continues them."""
    checkpoint = out / "checkpoint.pt"

    def note() -> str | None:
        try:
            kept = checkpoint.is_file() and (args.resume or checkpoint.stat().st_mtime >= started)
        except OSError:
            return None
        return f"{checkpoint} keeps the epochs done: the same command with --resume continues" if kept else None

    return note


def validation_said(meta: dict) -> str:
    """Each validation set's F1 and hit ratio, for the line a run ends with (a calibration had printed the
    whole dict of a dozen unrounded figures)."""
    said = "; ".join(f"{name} F1 {v['f1']:.3f}, hit ratio {v['hit_ratio']:.2f}" for name, v in
                     meta["validation"].items() if isinstance(v, dict) and "f1" in v)
    return said or "none"


__all__ = ["CALIBRATION_READS", "CALIBRATION_SETTINGS", "DEFAULT_OUT", "NotedOption", "TRAIN_HELP", "TRAIN_METAVARS",
           "checked_out", "calibrate_ignores", "network_of", "refuse_resuming_another_network", "replacing_note",
           "validation_said"]
