"""Earlier songs gathered from a repository's history (models/freedoom_history.py) train, never validate."""

import shutil
import subprocess

import numpy as np
import pytest

from helpers import write_band_song
from reagroove.core.bandset import load_band_windows
from reagroove.core.errors import ReaGrooveError
from reagroove.models.freedoom_history import main as gather_main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _commit(repo, files, message):
    for name, src in files.items():
        (repo / "musics" / name).write_bytes(src.read_bytes())
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, capture_output=True)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message],
                   check=True, capture_output=True)


@pytest.fixture
def history(tmp_path):
    songs = tmp_path / "songs"
    songs.mkdir()
    made = {k: write_band_song(songs / f"{k}.mid", **kw) for k, kw in {
        "current": dict(bars=12, seed=1), "old": dict(bars=12, seed=2), "resaved": dict(bars=12, seed=2, bpm=100),
        "new": dict(bars=14, seed=3), "jingle": dict(bars=3, seed=4)}.items()}
    current = tmp_path / "current"
    current.mkdir()
    shutil.copy(made["current"], current / "d_a.mid")
    repo = tmp_path / "freedoom"
    (repo / "musics").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _commit(repo, {"d_a.mid": made["current"], "d_b.mid": made["old"]}, "first soundtrack")
    (repo / "musics" / "d_x.mus").write_bytes(b"MUS\x1a")
    _commit(repo, {"d_a.mid": made["new"], "d_b.mid": made["resaved"], "d_c.mid": made["old"],
                   "d_t.mid": made["jingle"]}, "second soundtrack")
    return repo, current


def test_history_keeps_each_earlier_song_once_and_none_of_the_current(history, tmp_path, capsys):
    repo, current = history
    out = tmp_path / "gathered"
    assert gather_main([str(repo / ".git"), str(out), "--current", str(current)]) == 0
    kept = sorted(p.name for p in out.glob("*.mid"))
    # d_a's first version is the current song (left out); d_b, its resave and its copy d_c are one song;
    # the 3-bar jingle has too few windows
    assert [k.split("__")[0] for k in kept] == ["d_a", "d_b"]
    assert "wrote 2 songs" in capsys.readouterr().out
    assert "BSD" in (out / "SOURCE.md").read_text()
    bw = load_band_windows(out)
    assert len(bw.files) == 2 and len(bw) > 16


def test_extra_songs_go_to_training_only_or_validation_only(history, tmp_path):
    from reagroove.models.batches import TrainData

    repo, current = history
    out = tmp_path / "gathered"
    gather_main([str(repo / ".git"), str(out), "--current", str(current)])
    band, extra = load_band_windows(current), load_band_windows(out)

    class NoGMD:  # TrainData only asks the GMD set for its splits here
        def subset(self, name):
            return self

        grooves = np.ones((1, 32, 3), np.float32)

        def select(self, mask):
            return self

    data = TrainData(NoGMD(), band, band_val_names=["d_a.mid"], band_extra=extra)
    assert data.band_val is not None and len(data.band_val) == len(band)
    assert len(data.band_train) == len(extra)
    trained_on = set(np.asarray(data.band_train.files)[data.band_train.file_index])
    assert trained_on == set(extra.files) and str(current / "d_a.mid") not in trained_on
    # a validation song given again as a training-only song is refused, not trained on
    with pytest.raises(ReaGrooveError, match="d_a.mid: both a validation song and a training song"):
        TrainData(NoGMD(), band, band_val_names=["d_a.mid"], band_extra=band)
    # and so is a training song given again as a validation-only song
    with pytest.raises(ReaGrooveError, match="d_a.mid: both a validation song and a training song"):
        TrainData(NoGMD(), band, band_val_share=0.0, band_val_extra=band)
    # as validation-only songs (composers the network never heard) they join the held-out songs instead
    data = TrainData(NoGMD(), band, band_val_share=0.0, band_val_extra=extra)
    validated_on = set(np.asarray(data.band_val.files)[data.band_val.file_index])
    assert validated_on == set(extra.files) and len(data.band_train) == len(band)


def test_not_a_repository_is_one_line(tmp_path, capsys):
    assert gather_main([str(tmp_path), str(tmp_path / "out")]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert captured.out == ""
    assert err.count("\n") == 0 and "not a readable git repository" in err
