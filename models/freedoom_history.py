"""Earlier Freedoom soundtracks, from the history of the Freedoom repository, as more band songs to train on.

Freedoom replaced most of its music over the years (2001-2019); the songs it
dropped stay in the repository's git history under the same BSD 3-Clause
license as the current soundtrack (freedoom-midi), and many are by other
composers. This gathers every Standard MIDI File that was ever in `musics/`,
keeps those with 4/4 band windows (core/bandset: drums on channel 10 and other
parts), and drops near-copies: of the current soundtrack (so no song of the
validation set reaches training in an older version) and of each other (a
song resaved, renamed or lightly edited), keeping the longer.
Doom MUS files are left out: they carry no tempo, so their 16th grid is unknown.

    python -m reagroove.models.freedoom_history FREEDOOM_GIT_DIR OUT --current ../shared/data/freedoom-midi

Near-copy test: the share of one song's melodic 6-interval sequences (per
channel, so transposition and tempo do not matter) found in the other; songs
share 0.0-0.3 of them by chance (scales, repeated notes), copies 0.35-1.0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import numpy as np
from tqdm import tqdm

from reagroove.core.bandset import windows_of_song
from reagroove.core.constants import DRUM_CHANNEL
from reagroove.core.errors import ReaGrooveError
from reagroove.core.files import atomic_write, atomic_write_text
from reagroove.core.midi import parse_midi_bytes, read_midi

COPY_SHARE = 0.35  # melodic overlap at or above which two songs are taken as one
MIN_WINDOWS = 8  # songs with fewer 4/4 windows (jingles, title screens) are left out
GRAM = 6


class HistoryError(ReaGrooveError):
    pass


def _git(repo: Path, *args: str) -> bytes:
    try:
        return subprocess.run(["git", "--git-dir", str(repo), *args], check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise HistoryError(f"{repo}: not a readable git repository ({e.__class__.__name__})") from None


def midi_blobs(repo: Path) -> dict[str, str]:
    """{blob id: file name} of every .mid file ever in musics/ (the first name a blob had)."""
    blobs: dict[str, str] = {}
    for commit in _git(repo, "rev-list", "--all", "--reverse", "--", "musics/").decode().split():
        for line in _git(repo, "ls-tree", commit, "musics/").decode().splitlines():
            meta, name = line.split("\t", 1)
            blob = meta.split()[2]
            if name.lower().endswith((".mid", ".midi")):
                blobs.setdefault(blob, Path(name).name.lower())
    return blobs


def melodic_grams(content) -> set:
    """The song's 6-interval pitch sequences of each non-drum channel, in onset order."""
    notes = content.notes
    out: set = set()
    for ch in np.unique(notes.channel):
        if ch == DRUM_CHANNEL:
            continue
        sel = notes.channel == ch
        steps = np.diff(notes.pitch[sel][np.argsort(notes.start[sel], kind="stable")].astype(int))
        out.update(tuple(steps[i:i + GRAM].tolist()) for i in range(len(steps) - GRAM + 1))
    return out


def shared(a: set, b: set) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def gather(repo: Path, out: Path, current: Path | None) -> list[dict]:
    """Write the kept songs to `out` as NAME__BLOB8.mid with a SOURCE.md; returns one row per kept song."""
    known = [melodic_grams(read_midi(p)) for p in sorted(current.glob("*.mid"))] if current else []
    songs = []
    for blob, name in tqdm(midi_blobs(repo).items(), desc="reading", unit="song"):
        data = _git(repo, "cat-file", "blob", blob)
        try:
            content = parse_midi_bytes(data, name)
        except ReaGrooveError:
            continue
        n = len(windows_of_song(content)[0])
        if n >= MIN_WINDOWS:
            songs.append({"blob": blob, "name": name, "windows": n, "data": data, "grams": melodic_grams(content)})
    kept: list[dict] = []
    for song in sorted(songs, key=lambda s: (-s["windows"], s["blob"])):
        if any(shared(song["grams"], g) >= COPY_SHARE for g in known + [k["grams"] for k in kept]):
            continue
        kept.append(song)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for song in sorted(kept, key=lambda s: s["name"]):
        file = f"{Path(song['name']).stem}__{song['blob'][:8]}.mid"
        atomic_write(out / file, lambda fh, data=song["data"]: fh.write(data))
        rows.append({"file": file, "blob": song["blob"], "windows": song["windows"]})
    head = _git(repo, "rev-parse", "HEAD").decode().strip()
    lines = ["# Earlier Freedoom music (from the repository's history)", "",
             f"- Origin: git history of freedoom/freedoom, folder `musics/`, up to commit {head}; made by",
             "  `python -m reagroove.models.freedoom_history`.",
             "- License: BSD 3-Clause, as the current soundtrack (freedoom-midi); credit \"Freedoom project contributors\".",
             f"- Kept: {len(rows)} of {len(songs)} songs with 4/4 band windows, near-copies of the current soundtrack",
             "  and of each other removed. Use: training only (the validation songs are the current soundtrack's).", "",
             "| file | git blob | 2-bar windows |", "|---|---|---|"]
    lines += [f"| {r['file']} | {r['blob']} | {r['windows']} |" for r in rows]
    atomic_write_text(out / "SOURCE.md", "\n".join(lines) + "\n")
    return rows


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m reagroove.models.freedoom_history", description=__doc__.split("\n\n")[0])
    p.add_argument("repo", type=Path, help="the Freedoom repository's git folder (a clone's .git, or a bare mirror)")
    p.add_argument("out", type=Path, help="folder for the songs (outside the ReaGroove repository)")
    p.add_argument("--current", type=Path, help="the current soundtrack (freedoom-midi): its near-copies are left out")
    args = p.parse_args(argv)
    try:
        rows = gather(args.repo, args.out, args.current)
    except ReaGrooveError as e:  # one line on stderr and exit 2, as the reagroove command does
        print(f"{p.prog}: error: {e}", file=sys.stderr)
        return 2
    print(f"wrote {len(rows)} songs ({sum(r['windows'] for r in rows)} windows) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
