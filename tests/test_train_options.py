"""Training and evaluation options out of range are one line naming the option, before any data is read, never
a traceback from deep in numpy or a division (`reagroove train --tiny -5`, `--batch 0`, `evaluate --limit -3`)."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from reagroove.core.cli import main  # noqa: E402


@pytest.mark.parametrize("option, value, said", [
    ("--tiny", "-5", "--tiny must be 0 or more, got -5"),
    ("--batch", "0", "--batch must be a whole number from 1, got 0"),
    ("--epochs", "0", "--epochs must be a whole number from 1, got 0"),
    ("--mask-prob", "1.5", "--mask-prob must be from 0 to 1, got 1.5"),
    ("--lr", "0", "--lr must be above 0, got 0"),
    ("--beta", "nan", "--beta must be at least 0, got nan"),
])
@pytest.mark.parametrize("calibrate", [False, True])
def test_a_training_option_out_of_range_is_one_line(tmp_path, capsys, option, value, said, calibrate):
    # --gmd names a folder that is not there: the option is checked before any data is looked for, also when
    # calibrating weights again (--tiny -5 there had validated on one file, silently)
    again = ["--calibrate", str(tmp_path / "drummer.pt")] if calibrate else []
    code = main(["train", "--gmd", str(tmp_path / "no-gmd"), "--out", str(tmp_path / "run"), *again, option, value])
    err = capsys.readouterr().err
    assert code == 2
    assert said in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "run").exists()


def test_evaluate_refuses_a_negative_limit(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["evaluate", "--gmd", str(tmp_path), "--limit", "-3", "--out", str(tmp_path / "eval")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--limit" in err and "must be 0 or more, got -3" in err and "Traceback" not in err


def test_a_smoke_run_validates_on_whole_files_about_its_size():
    """`--tiny N` validates on the GMD validation set's first files, each whole (a file's windows are one take
    to the calibration), about N windows in all."""
    from types import SimpleNamespace

    import numpy as np

    from reagroove.models.batches import first_files

    files = np.repeat([3, 5, 8, 9], [4, 3, 6, 2])  # windows per file: 4, 3, 6, 2 (file numbers need not be 0..3)
    ds = SimpleNamespace(file_index=files, select=lambda mask: files[mask])
    assert list(first_files(ds, 4)) == [3] * 4  # the first file holds 4
    assert list(first_files(ds, 5)) == [3] * 4 + [5] * 3  # 5 takes the second whole
    assert len(first_files(ds, 100)) == len(files)


def test_programmed_grooves_are_a_typed_beat_one_velocity_on_the_grid():
    """--programmed-prob: that share of the drum grooves as a beat typed into a DAW plays (one velocity, no
    timing), the onsets where they were; at 0 the grooves and the random stream are untouched."""
    import numpy as np

    from reagroove.models.batches import programmed

    rng = np.random.default_rng(0)
    g = np.zeros((400, 32, 3), np.float32)
    g[..., 0] = rng.random((400, 32)) < 0.4
    g[..., 1] = g[..., 0] * rng.uniform(0.2, 1.0, (400, 32))
    g[..., 2] = g[..., 0] * rng.uniform(-0.4, 0.4, (400, 32))
    out = programmed(g, np.random.default_rng(1), 0.3)
    changed = (out != g).any((1, 2))
    assert 0.2 < changed.mean() < 0.4 and (out[..., 0] == g[..., 0]).all()
    for row in out[changed]:
        hit = row[:, 0] > 0
        assert len(np.unique(row[hit, 1])) == 1 and 0.45 <= row[hit, 1][0] <= 1.0
        assert not row[:, 2].any() and not row[~hit, 1].any()
    same = np.random.default_rng(2)
    assert programmed(g, same, 0.0) is g and same.random() == np.random.default_rng(2).random()
