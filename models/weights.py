"""Shipped weights: saving, checksum card and safe loading.

A weights file is a `torch.save`d dict {"format": "reagroove-drummer", "version": 2,
"config": {...}, "state_dict": {...}, "meta": {...}} read back with
`torch.load(weights_only=True)`, so a file can never run code. Beside it lies
card.json: data credit, training command, metrics, and the file's sha256,
which is checked before loading. Every problem is one line: `PATH: problem`.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import warnings
import zipfile
import zlib
from pathlib import Path

import numpy as np
import torch

from reagroove.core.errors import InputFileError
from reagroove.core.files import atomic_write, atomic_write_text

from reagroove.core.genres import N_GENRES
from reagroove.core.loop import N_VOICES, STEPS

from .network import Config, DrumVAE

FORMAT = "reagroove-drummer"
VERSION = 2  # 2: the conditional VAE with prior and posterior encoders (model v2)
WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
DEFAULT_WEIGHTS = WEIGHTS_DIR / "drummer.pt"
# The network for drum parts (input notes on MIDI channel 10), trained on drummers' own grooves alone.
DRUM_PART_WEIGHTS = WEIGHTS_DIR / "drum_part" / "drummer.pt"
CARD_NAME = "card.json"
GMD_CREDIT = (
    "Groove MIDI Dataset (Gillick, Roberts, Engel, Eck, Bamman: 'Learning to Groove with Inverse "
    "Sequence Transformations', ICML 2019), https://magenta.tensorflow.org/datasets/groove, CC BY 4.0"
)
FREEDOOM_CREDIT = "Freedoom music (Freedoom project contributors, github.com/freedoom/freedoom, musics/), BSD 3-Clause"
DATA_CREDIT = f"{GMD_CREDIT}; {FREEDOOM_CREDIT}"


class WeightsError(InputFileError):
    """A model weights file that is missing, damaged, foreign or fails its checksum."""


# The tuned settings a weights file's meta may hold (loaded_model.Drummer reads them): the shapes each may take
# (() a number, (9,) one per voice) and the range of its values. What is not there takes its default.
_NUMBER, _VOICES, _PER_VOICE = ((),), ((N_VOICES,),), ((), (N_VOICES,))
META_FIELDS = {
    "thresholds": (_VOICES, 0.0, 1.0),
    "fill_thresholds": (_VOICES, 0.0, 1.0),
    "prior_blend": (_PER_VOICE, 0.0, 1.0),
    "fill_blend": (_PER_VOICE, 0.0, 1.0),
    "take_blend": (_PER_VOICE, 0.0, 1.0),
    "average_pattern": (((STEPS, N_VOICES),), 0.0, 1.0),
    "fill_pattern": (((STEPS, N_VOICES),), 0.0, 1.0),
    "genre_patterns": (((N_GENRES, STEPS, N_VOICES),), 0.0, 1.0),
    "steady_time": (_NUMBER, 0.0, 1.0),
    "genre_ceiling": (_NUMBER, 0.0, math.inf),
    "fill_density": (_NUMBER, 0.0, 1.0),
    "velocity_correction": (_NUMBER, -math.inf, math.inf),
    "offset_correction": (_NUMBER, -math.inf, math.inf),
}


def sha256_of(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def save_weights(path: str | os.PathLike, model: DrumVAE, meta: dict) -> str:
    """Write the weights file (atomically); returns its sha256."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "config": model.cfg.to_dict(),
        "state_dict": {k: v.detach().cpu().clone() for k, v in model.state_dict().items()},
        "meta": meta,
    }
    atomic_write(path, lambda fh: torch.save(doc, fh))  # a stopped save leaves the old weights whole
    return sha256_of(path)


def write_card(weights: str | os.PathLike, card: dict, data: str = DATA_CREDIT) -> Path:
    """card.json beside the weights, with the weights' file name and sha256 filled in; data: the
    credit of what it was trained on."""
    weights = Path(weights)
    card = {"weights": weights.name, "sha256": sha256_of(weights), "data": data, **card}
    out = weights.with_name(CARD_NAME)
    atomic_write_text(out, json.dumps(card, indent=1) + "\n")
    return out


def read_card(weights: str | os.PathLike) -> dict | None:
    card = Path(weights).with_name(CARD_NAME)
    if not card.is_file():
        return None
    try:
        doc = json.loads(card.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WeightsError(card, f"unreadable model card ({type(exc).__name__})") from None
    if not isinstance(doc, dict):
        raise WeightsError(card, "not a model card (a JSON object expected)")
    return doc if doc.get("weights") == Path(weights).name else None


def load_weights(path: str | os.PathLike | None = None, *, check: bool = True) -> tuple[DrumVAE, dict]:
    """(model in eval mode, meta) from a weights file, or a folder holding drummer.pt; WeightsError on any problem.

    With check=True the sha256 in the card.json beside the file (if the card
    names this file) must match.
    """
    path = weights_file(path)
    if path.exists() and not path.is_file():  # a device or a pipe: reading it is no weights file, or never ends
        raise WeightsError(path, "not a regular file: give the weights file itself (a .pt file)")
    if not path.is_file():
        raise WeightsError(path, "no such file or folder (model weights)")
    card = read_card(path) if check else None
    if card is not None and not (isinstance(card.get("sha256"), str) and len(card["sha256"]) == 64):
        raise WeightsError(path.with_name(CARD_NAME), f"a model card of {path.name} without its sha256 (edited by "
                                                      "hand?): put back the card.json that came with the weights")
    # a card whose sha256 is not this file's: the file damaged, or the card another network's (said once loaded)
    card_differs = card is not None and card.get("sha256") != sha256_of(path)
    if _damaged_part(path) is not None:
        raise WeightsError(path, "damaged: its data fail their checksum (a bad copy or download?)")
    # torch's own warnings (an old pickle protocol, an empty tensor) would print lines before the one error line
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = torch.load(path, map_location="cpu", weights_only=True)
        except Exception:  # noqa: BLE001 - truncated zip, pickle error, not a torch file...
            if card_differs:
                raise WeightsError(path, "checksum mismatch with card.json: damaged or cut short (a bad copy or "
                                         "download?)") from None
            raise WeightsError(path, _json_instead(path) or _unreadable(path)) from None
        if card_differs:  # whole and readable, so the card is another file's (a run's drummer.pt copied over)
            theirs, ours = str(card.get("sha256"))[:12], sha256_of(path)[:12]
            raise WeightsError(path, f"checksum mismatch with card.json: the card beside it describes another weights "
                                     f"file (sha256 {theirs}..., this file's {ours}...): put back the card.json that "
                                     "came with this file")
        if isinstance(doc, dict) and {"model", "opt", "epoch"} <= doc.keys():  # train's checkpoint.pt, a run stopped
            raise WeightsError(path, f"a training run's checkpoint (epoch {doc['epoch']}), not weights: 'reagroove "
                                     f"train --resume --out {path.parent}' with the run's own options finishes it and "
                                     "writes drummer.pt")
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise WeightsError(path, f"not a ReaGroove drummer weights file (expected format '{FORMAT}')")
        _refuse_other_version(path, doc.get("version"))
        try:
            _refuse_unknown_settings(path, doc.get("config"))
            cfg = Config(**doc["config"])
            if not all(math.isfinite(v) for v in cfg.to_dict().values() if isinstance(v, float)):
                raise WeightsError(path, "its network settings hold a value that is not a finite number")
            model = DrumVAE(cfg)
            model.load_state_dict(doc["state_dict"])
        # a bad setting in the config (heads not dividing the width, a dropout of 5) fails as torch checks it
        except (KeyError, TypeError, ValueError, AssertionError, RuntimeError) as exc:
            raise WeightsError(path, f"weights do not fit the network ({type(exc).__name__})") from None
    if not all(bool(torch.isfinite(t).all()) for t in model.state_dict().values() if t.is_floating_point()):
        raise WeightsError(path, "holds NaN or infinite weights (a training run that diverged?)")
    model.eval()
    return model, checked_meta(path, doc.get("meta"))


def weights_file(path: str | os.PathLike | None) -> Path:
    """The weights file `path` names: itself, or the drummer.pt in a folder holding one (what 'reagroove train --out
    FOLDER' writes: --weights FOLDER had been "is a folder"); WeightsError for a folder without one."""
    path = Path(path) if path is not None else DEFAULT_WEIGHTS
    if not path.is_dir():
        return path
    inside = path / DEFAULT_WEIGHTS.name
    if inside.exists():
        return inside
    if (path / "checkpoint.pt").is_file():
        raise WeightsError(path, "a training run's folder without drummer.pt yet (the run stopped): 'reagroove train "
                                 f"--resume --out {path}' with the run's own options finishes it and writes drummer.pt")
    raise WeightsError(path, f"is a folder; give the weights file itself (a .pt file) or a folder holding "
                             f"{DEFAULT_WEIGHTS.name}")


def _refuse_other_version(path: Path, version) -> None:
    """Weights of another format version, said as newer or older than this ReaGroove (a number alone had left
    which to update unsaid)."""
    if version == VERSION:
        return
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise WeightsError(path, f"saved by a newer ReaGroove (weights format version {version}; this one reads "
                                 f"version {VERSION}): update ReaGroove to play it")
    if isinstance(version, int) and not isinstance(version, bool) and version >= 1:
        raise WeightsError(path, f"an older weights format (version {version}; this ReaGroove reads version {VERSION}): "
                                 "train the model again with 'reagroove train'")
    raise WeightsError(path, f"weights format version {version!r} is not supported (expected {VERSION})")


def _refuse_unknown_settings(path: Path, config) -> None:
    """A network setting this ReaGroove's Config lacks (a newer ReaGroove's), by name: it had been "weights do not
    fit the network (TypeError)"."""
    if not isinstance(config, dict):
        return  # Config(**config) says it
    unknown = sorted(str(k) for k in config if k not in Config.__dataclass_fields__)
    if unknown:
        raise WeightsError(path, f"its network settings name {', '.join(repr(k) for k in unknown)}, unknown to this "
                                 "ReaGroove (weights from a newer one?): update ReaGroove to play it")


def _json_instead(path: Path) -> str | None:
    """What a JSON file given as weights is, in words (the card.json or prototypes.json beside the weights had been
    "not a readable weights file: damaged, cut short or not saved by torch (UnpicklingError)"); None for no JSON."""
    try:
        with open(path, "rb") as fh:
            doc = json.loads(fh.read(1 << 20).decode("utf-8-sig"))
    except (OSError, ValueError):  # not JSON (a damaged .pt, a text file), or no whole document in its first MB
        return None
    if isinstance(doc, dict) and isinstance(doc.get("weights"), str):
        return f"a model card (JSON text), not weights: give the weights file it describes, " \
               f"{path.with_name(doc['weights'])}"
    return "JSON text, not weights: give a .pt weights file (drummer.pt, as 'reagroove train' writes)"


def _unreadable(path: Path) -> str:
    """Why torch could not read `path`, in words, from its first bytes: it had said "damaged, cut short or not saved by
    torch (RuntimeError)" of a download stopped part way and of a MIDI file alike, the exception's name no help."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(256)
    except OSError:
        head = b""
    if not head:
        return "empty (0 bytes), not weights: copy or download the weights file again"
    whole = _whole_zip(path) if head.startswith(b"PK\x03\x04") else None
    if whole == "zip":  # a zip of the weights, say, not torch.save's archive
        return "a zip archive, not a weights file: give the drummer.pt itself (unzip it first?)"
    if whole == "torch":
        # whole, yet not loadable as plain tensors: a saved nn.Module or a checkpoint holding objects (an argparse
        # Namespace); downloading it again, as "cut short" said, cannot help. (weights_only loading stays: a pickle
        # of objects can run code.)
        return ("a whole torch file holding more than weights (a whole model or a training checkpoint?): give the "
                "drummer.pt 'reagroove train' writes")
    if head.startswith((b"PK\x03\x04", b"\x80")):  # torch.save's zip archive, or its older pickle: a torch file
        return ("not a readable weights file: cut short or damaged (a copy or download that stopped part way?): copy "
                "or download it again")
    audio = head[:4] in (b"RIFF", b"fLaC", b"OggS", b"FORM", b"ID3\x03", b"ID3\x04")
    kind = "a MIDI file" if head[:4] == b"MThd" else "an audio file" if audio else "text" if _text(head) \
        else "a file of another kind"
    return f"not a weights file ({kind}): give a .pt weights file (drummer.pt, as 'reagroove train' writes)"


def _text(head: bytes) -> bool:
    """Whether a file's first bytes read as text (UTF-8 without NULs; a character cut at the end of them allowed)."""
    for cut in range(4):
        try:
            return "\x00" not in head[:len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
    return False


def _whole_zip(path: Path) -> str | None:
    """"torch" where `path` is a whole zip archive (read to its end, every part passing its CRC: a file cut short
    has no central directory at its end) as torch.save writes them (a data.pkl inside), "zip" for another whole
    zip, None for none."""
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is not None:
                return None
            return "torch" if any(n.rpartition("/")[2] == "data.pkl" for n in archive.namelist()) else "zip"
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return None


def _damaged_part(path: Path) -> str | None:
    """The first part of a weights file (a zip archive, as torch.save writes it) whose bytes fail the CRC stored
    with them; None when all pass or the file is no zip (torch.load says what it is). torch.load reads the parts
    without checking them: a file with flipped bytes loaded, and played a ride on every 16th and no kick."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return None


def checked_meta(path: Path, meta) -> dict:
    """A weights file's meta (its tuned settings), each known field of the shape and range META_FIELDS allows;
    WeightsError naming the first that is not (it had failed later, in a generation, as a numpy traceback)."""
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise WeightsError(path, f"its tuned settings (meta) are a {type(meta).__name__}, not a table of settings")
    for name, (shapes, low, high) in META_FIELDS.items():
        if name not in meta:
            continue
        try:
            value = np.asarray(meta[name], np.float64)
        except (TypeError, ValueError):
            raise WeightsError(path, f"its setting '{name}' is not a number or numbers") from None
        if value.shape not in shapes:
            raise WeightsError(path, f"its setting '{name}' has shape {value.shape}, not "
                                     f"{' or '.join(str(a) for a in shapes)}")
        if not np.isfinite(value).all():
            raise WeightsError(path, f"its setting '{name}' holds a value that is not a finite number")
        if (value < low).any() or (value > high).any():
            raise WeightsError(path, f"its setting '{name}' lies outside {low:g}..{high:g}")
    return dict(meta)
