"""Groove MIDI Dataset windows: splits, genres, the cache, and the real dataset's counts."""

import os
from pathlib import Path

import numpy as np
import pytest
from conftest import GMD_DIR as GMD

from reagroove.core import Loop, write_loops
from reagroove.core.cli import main
from reagroove.core.dataset import SPLITS, DatasetError, build_dataset, resolve_gmd_path
from reagroove.core.genres import GENRES, STYLE_TO_GENRE

HEADER = "drummer,session,id,style,bpm,beat_type,time_signature,midi_filename,audio_filename,duration,split\r\n"


def rock_loop(kick_vel=0.8):
    loop = np.zeros((32, 27), np.float32)
    for s in (0, 8, 16, 24):
        loop[s, 0], loop[s, 9] = 1, kick_vel
    for s in (4, 12, 20, 28):
        loop[s, 1], loop[s, 10] = 1, 0.9
    return Loop.from_hvo(loop)


def fake_gmd(root: Path, files):
    """files: (name, style, beat_type, time_signature, split, n_loops)."""
    root.mkdir(parents=True, exist_ok=True)
    rows = [HEADER]
    for name, style, beat_type, ts, split, n_loops in files:
        write_loops(root / name, [rock_loop()] * n_loops, bpm=100)
        rows.append(f"drummer3,drummer3/s,drummer3/s/1,{style}/groove1,100,{beat_type},{ts},{name},x.wav,10.0,{split}\r\n")
    (root / "info.csv").write_text("".join(rows), newline="")
    return root


@pytest.fixture
def small_gmd(tmp_path):
    return fake_gmd(
        tmp_path / "gmd",
        [
            ("a.mid", "funk", "beat", "4-4", "train", 2),  # 4 bars -> 4 windows (1-bar hop)
            ("b.mid", "neworleans", "fill", "4-4", "validation", 1),  # 2 bars -> 2 windows
            ("c.mid", "punk", "beat", "4-4", "test", 3),  # 6 bars -> 6 windows
            ("d.mid", "jazz", "beat", "3-4", "train", 2),  # not 4/4: left out
        ],
    )


def test_windows_splits_and_genres(small_gmd, tmp_path):
    ds, cache_file, built = build_dataset(small_gmd, tmp_path / "cache", progress=False)
    assert built and cache_file.exists()
    counts = ds.counts()
    assert counts["train"]["total"] == 4 and counts["train"]["funk"] == 4
    assert counts["validation"]["total"] == 2 and counts["validation"]["funk"] == 2  # New Orleans -> funk
    assert counts["test"]["total"] == 6 and counts["test"]["rock"] == 6  # punk -> rock
    assert ds.is_fill[ds.split == SPLITS.index("validation")].all()
    assert list(ds.files) == ["a.mid", "b.mid", "c.mid"]
    # Window k starts at bar k+1; with a 1-bar hop the second bar of one is the first of the next.
    a = ds.select(ds.file_index == 0)
    assert list(a.bar) == [1, 2, 3, 4]
    assert np.array_equal(a.hvo[0, 16:], a.hvo[1, :16])
    # The groove is the loop flattened: kick and snare steps, loudest velocity.
    assert np.array_equal(np.flatnonzero(a.grooves[0, :, 0]), [0, 4, 8, 12, 16, 20, 24, 28])


def test_cache_is_reused_and_rebuilt_when_the_source_changes(small_gmd, tmp_path):
    cache = tmp_path / "cache"
    first, f1, built1 = build_dataset(small_gmd, cache, progress=False)
    again, f2, built2 = build_dataset(small_gmd, cache, progress=False)
    assert built1 and not built2 and f1 == f2
    assert np.array_equal(first.hvo, again.hvo)
    write_loops(small_gmd / "a.mid", [rock_loop(kick_vel=0.3)] * 2, bpm=100)
    os.utime(small_gmd / "a.mid", ns=(1, 1))  # a different mtime even on coarse clocks
    changed, f3, built3 = build_dataset(small_gmd, cache, progress=False)
    assert built3 and f3 != f1 and not f1.exists()  # the stale cache is removed
    assert changed.hvo[0, 0, 9] == pytest.approx(round(0.3 * 127) / 127)


def test_damaged_cache_is_rebuilt(small_gmd, tmp_path):
    _, cache_file, _ = build_dataset(small_gmd, tmp_path / "cache", progress=False)
    cache_file.write_bytes(b"not a zip")
    ds, _, built = build_dataset(small_gmd, tmp_path / "cache", progress=False)
    assert built and len(ds) == 12


def test_dataset_path_errors(tmp_path, monkeypatch):
    monkeypatch.delenv("REAGROOVE_GMD", raising=False)
    with pytest.raises(DatasetError, match="REAGROOVE_GMD"):
        resolve_gmd_path(None)
    with pytest.raises(DatasetError, match="no info.csv"):
        resolve_gmd_path(tmp_path)
    monkeypatch.setenv("REAGROOVE_GMD", str(tmp_path))
    assert main(["data", "build"]) == 2


def test_data_build_command_prints_counts(small_gmd, tmp_path, capsys):
    assert main(["data", "build", "--gmd", str(small_gmd), "--cache-dir", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert "built:" in out
    total = [line for line in out.splitlines() if line.startswith("total")][0].split()
    assert total[1:] == ["4", "2", "6"]


def test_every_gmd_style_has_a_genre():
    assert set(STYLE_TO_GENRE.values()) == set(GENRES)


@pytest.mark.skipif(not (GMD / "info.csv").exists(), reason="Groove MIDI Dataset not found")
def test_real_gmd_counts_match_the_published_slicing(tmp_path):
    cache = os.environ.get("REAGROOVE_CACHE") or tmp_path
    ds, _, _ = build_dataset(GMD, cache, progress=False)
    hits = ds.hvo[:, :, :9].sum(axis=(1, 2))
    test_windows = int(((ds.split == SPLITS.index("test")) & (hits >= 4)).sum())
    # The GrooveTransformer work counts 2,124 test windows with >= 4 hits on this slicing.
    assert abs(test_windows - 2124) / 2124 < 0.02
    counts = ds.counts()
    assert 15_500 < counts["train"]["total"] < 17_500 and 1_900 < counts["validation"]["total"] < 2_300
    assert all(counts["train"][g] > 0 for g in GENRES)
    # Every window holds drumming in its first bar, and hits come with velocities.
    assert (ds.hvo[:, :16, :9].sum(axis=(1, 2)) > 0).mean() > 0.99
    h = ds.hvo[..., :9] > 0
    assert (ds.hvo[..., 9:18][h] > 0).all() and (ds.hvo[..., 9:18][~h] == 0).all()
