"""The drum generator: network, API, weights loading, controls, and a tiny training run."""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from reagroove.core.errors import ReaGrooveError  # noqa: E402
from reagroove.core.genres import GENRES  # noqa: E402
from reagroove.core.loop import VOICE_GROUPS, VOICES, Loop  # noqa: E402
from reagroove.models import WeightsError, decode, drumify_batch, encode  # noqa: E402
from reagroove.models.network import Config, DrumVAE, n_params  # noqa: E402
from reagroove.models.weights import DEFAULT_WEIGHTS, load_weights, read_card, save_weights, sha256_of, write_card  # noqa: E402

from helpers import write_band_song  # noqa: E402

GMD = Path(os.environ.get("REAGROOVE_GMD") or Path(__file__).resolve().parents[2] / "shared/data/groove-midi")
needs_weights = pytest.mark.skipif(not DEFAULT_WEIGHTS.is_file(), reason="shipped weights not built yet")


def random_grooves(n, seed=0, p=0.6):
    rng = np.random.default_rng(seed)
    g = np.zeros((n, 32, 3), np.float32)
    hit = rng.random((n, 32)) < p
    g[..., 0] = hit
    g[..., 1] = hit * rng.uniform(0.2, 1.0, hit.shape)
    g[..., 2] = hit * rng.uniform(-0.4, 0.4, hit.shape)
    return g


@pytest.fixture(scope="module")
def gmd_test():
    if not (GMD / "info.csv").is_file():
        pytest.skip(f"Groove MIDI Dataset not found at {GMD} (set REAGROOVE_GMD)")
    from reagroove.core.dataset import load_dataset

    ds = load_dataset(GMD).subset("test")
    return ds.select(ds.grooves[..., 0].sum(-1) >= 4)


# ---------------------------------------------------------------- network


def test_network_shapes_and_size():
    model = DrumVAE(Config())
    assert n_params(model) < 2_000_000
    x = torch.from_numpy(np.concatenate([random_grooves(5), random_grooves(5, seed=1)], -1))
    mu, logvar = model.encode_prior(x)
    assert mu.shape == logvar.shape == (5, model.cfg.latent)
    mu_q, _ = model.encode_posterior(x, torch.zeros(5, 32, 27))
    assert mu_q.shape == (5, model.cfg.latent)
    raw = model.decode(mu, torch.zeros(5, model.n_cond), x)
    assert raw.shape == (5, 32, 27)


# ---------------------------------------------------------------- API


@needs_weights
def test_drumify_shapes_and_ranges():
    g = random_grooves(20)
    loops = drumify_batch(g)
    assert loops.shape == (20, 32, 27) and loops.dtype == np.float32
    for hvo in loops:
        Loop.from_hvo(hvo)  # validates 0/1 hits, ranges, zeros where silent
    assert loops[..., :9].sum() > 0
    with pytest.raises(ValueError):
        drumify_batch(np.zeros((2, 16, 3), np.float32))


@needs_weights
def test_sampling_is_deterministic_under_a_seed():
    g = random_grooves(8, seed=1)
    a = drumify_batch(g, temperature=0.9, seed=7)
    b = drumify_batch(g, temperature=0.9, seed=7)
    c = drumify_batch(g, temperature=0.9, seed=8)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)
    assert np.array_equal(drumify_batch(g), drumify_batch(g))  # temperature 0: the most likely loop, no randomness


@needs_weights
def test_encode_decode_round_trip():
    g = random_grooves(4, seed=2)
    z = encode(g)
    assert z.shape[0] == 4
    # the prior's mean decoded explicitly: the network's own most likely loop, which the default
    # generation only tempers (average drummer, steady time-keeper: models/train.py calibrate)
    assert np.array_equal(decode(z, g), drumify_batch(g, z=z))
    assert (decode(z, g)[..., :9] == drumify_batch(g)[..., :9]).mean() > 0.9
    mid = decode((z[0] + z[1]) / 2, g[:1])
    assert mid.shape == (1, 32, 27)


@needs_weights
def test_threshold_and_max_hits():
    g = random_grooves(10, seed=3)
    few = drumify_batch(g, threshold=0.9)[..., :9].sum()
    many = drumify_batch(g, threshold=0.1)[..., :9].sum()
    assert few < many
    capped = drumify_batch(g, threshold=0.05, max_hits=2)
    assert capped[..., :9].sum(1).max() <= 2
    capped = drumify_batch(g, threshold=0.05, max_hits={"kick": 1})
    assert capped[..., 0].sum(1).max() <= 1


# ---------------------------------------------------------------- controls


@needs_weights
@pytest.mark.parametrize("group", list(VOICE_GROUPS))
def test_switched_off_group_never_plays(gmd_test, group):
    g = gmd_test.grooves[:300]
    voices = [VOICES.index(v) for v in VOICE_GROUPS[group]]
    for kw in ({}, {"temperature": 1.0, "seed": 3, "threshold": 0.2}):
        loops = drumify_batch(g, voice_groups={group: False}, **kw)
        assert loops[..., voices].sum() == 0
        assert loops[..., :9].sum() > 0


@needs_weights
def test_muted_groups_are_covered_by_the_others(gmd_test):
    g = gmd_test.grooves[:300]
    full = drumify_batch(g)[..., :9].max(-1)
    muted = drumify_batch(g, voice_groups={"snare": False, "hats": False})[..., :9].max(-1)
    # most steps the full model plays are still played by the remaining voices
    assert (muted * full).sum() / full.sum() > 0.7


@needs_weights
def test_higher_density_gives_more_hits(gmd_test):
    g = gmd_test.grooves[:300]
    counts = [drumify_batch(g, density=d)[..., :9].sum() for d in (0.06, 0.12, 0.2)]
    assert counts[0] < counts[1] < counts[2]


@needs_weights
def test_genre_conditioning_moves_toward_that_genre(gmd_test):
    """On real loops of a genre, asking for that genre matches them better than asking for another,
    with either network (drum takes and, through the band network, everything else)."""
    from reagroove.models.metrics import micro_scores

    for drum_part in (True, False):
        for a, b in (("jazz", "rock"), ("rock", "jazz"), ("latin", "rock"), ("hiphop", "latin")):
            rows = gmd_test.genre == GENRES.index(a)
            g, true = gmd_test.grooves[rows][:200], gmd_test.hvo[rows][:200]
            f1_a = micro_scores(drumify_batch(g, genre={a: 1.0}, drum_part=drum_part), true)["f1"]
            f1_b = micro_scores(drumify_batch(g, genre={b: 1.0}, drum_part=drum_part), true)["f1"]
            assert f1_a > f1_b + 0.01, (drum_part, a, b, f1_a, f1_b)


def test_asking_for_a_fill_plays_like_the_datasets_fills(gmd_test):
    from reagroove.core.dataset import load_dataset

    train = load_dataset(GMD).subset("train")
    toms_crash = lambda hvo: hvo[..., 4:8].sum() / max(hvo[..., :9].sum(), 1)  # noqa: E731 - share of fill voices
    assert toms_crash(train.hvo[train.is_fill]) > 2 * toms_crash(train.hvo[~train.is_fill])  # what fills are
    g = gmd_test.grooves[:400]
    beats, fills = drumify_batch(g), drumify_batch(g, fill=True)
    assert toms_crash(fills) > 2 * toms_crash(beats)
    # per window too, and fill=False is the default
    per_window = drumify_batch(g[:8], fill=np.array([0, 1] * 4, bool))
    np.testing.assert_allclose(per_window[::2], beats[:8:2], atol=1e-5)
    np.testing.assert_allclose(per_window[1::2], fills[1:8:2], atol=1e-5)


def test_fill_every_in_drumify_plays_fills_where_asked(shipped, gmd_test):
    from reagroove.core.settings import Settings

    g = gmd_test.grooves[:64]
    res = shipped.drumify_grooves(g, Settings(fill_every=4))
    plain = shipped.drumify_grooves(g, Settings()).loops
    fills = np.arange(64) % 4 == 3
    # a fill takes the last half bar of each 8-bar phrase, the beat plays up to it (crashes aside: tests/test_fills.py)
    beat = [0, 1, 4, 5, 6]
    np.testing.assert_allclose(res.loops[~fills][..., beat], plain[~fills][..., beat], atol=1e-5)
    np.testing.assert_allclose(res.loops[fills, :24][..., beat], plain[fills, :24][..., beat], atol=1e-5)
    assert res.loops[fills, 24:][..., 4:7].sum() > 2 * plain[fills, 24:][..., 4:7].sum()


# ---------------------------------------------------------------- weights files


def _tiny_weights(tmp_path, model=None, folder="w", threshold=0.4) -> Path:
    model = model if model is not None else DrumVAE(Config(d_model=32, d_ff=64, enc_layers=1, dec_layers=1, latent=8))
    path = tmp_path / folder / "drummer.pt"
    save_weights(path, model, {"thresholds": [threshold] * 9})
    write_card(path, {"command": "test"})
    return path


def test_a_parts_loudness_is_not_read_as_style(tmp_path):
    """With an input level (the band network's), the same part typed at velocity 50 or 110 (a MIDI author's
    habit, a DAW's default) gets the same drums, played at the part's own loudness; without one it need not."""
    torch.manual_seed(0)
    model = DrumVAE(Config(d_model=32, d_ff=64, enc_layers=1, dec_layers=1, latent=8, input_level=0.75))
    with torch.no_grad():  # a network that reads loudness hard: its input layers scaled up
        for lin in (model.prior.inp, model.dec_groove):
            lin.weight.mul_(20.0)
    path = _tiny_weights(tmp_path, model, threshold=0.5)
    grooves = random_grooves(40)
    quiet, loud = grooves.copy(), grooves.copy()
    quiet[..., 1] = np.where(grooves[..., 0] > 0, 50 / 127, 0)
    loud[..., 1] = np.where(grooves[..., 0] > 0, 110 / 127, 0)
    a, b = drumify_batch(quiet, bass=quiet, weights=path), drumify_batch(loud, bass=loud, weights=path)
    assert a[..., :9].sum() > 0
    np.testing.assert_array_equal(a[..., :9], b[..., :9])
    assert b[..., 9:18][b[..., :9] > 0].mean() > a[..., 9:18][a[..., :9] > 0].mean() + 0.3
    model.cfg.input_level = 0.0  # as played: the same network now tells them apart
    path = _tiny_weights(tmp_path, model, folder="as_played", threshold=0.5)
    a, b = drumify_batch(quiet, bass=quiet, weights=path), drumify_batch(loud, bass=loud, weights=path)
    assert (a[..., :9] != b[..., :9]).any()


def test_weights_round_trip_and_card(tmp_path):
    path = _tiny_weights(tmp_path)
    model, meta = load_weights(path)
    assert meta["thresholds"] == [0.4] * 9
    assert read_card(path)["sha256"] == sha256_of(path)
    out = drumify_batch(random_grooves(3), weights=path)
    assert out.shape == (3, 32, 27)


def test_a_save_stopped_midway_leaves_the_old_weights_whole(tmp_path, monkeypatch):
    """Training saves over its last weights and checkpoint: a run killed (or a disk full) mid-save must leave
    the file there loadable, not half of the new one."""
    path = _tiny_weights(tmp_path)
    before = path.read_bytes()
    model, meta = load_weights(path)

    def half_then_fail(obj, f, *a, **kw):
        fh = open(f, "wb") if isinstance(f, (str, os.PathLike)) else f  # torch.save takes a path or a file
        fh.write(before[: len(before) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(torch, "save", half_then_fail)
    with pytest.raises(ReaGrooveError, match="(?i)no space left"):
        save_weights(path, model, meta)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, "card.json"])  # no temporary left


def test_missing_weights(tmp_path):
    with pytest.raises(WeightsError, match="no such file or folder") as err:
        load_weights(tmp_path / "nope.pt")
    assert str(err.value).startswith(str(tmp_path / "nope.pt") + ": ")
    assert isinstance(err.value, ReaGrooveError) and "\n" not in str(err.value)
    with pytest.raises(WeightsError, match="is a folder; give the weights file itself"):
        load_weights(tmp_path)  # --weights models/weights instead of models/weights/drummer.pt
    with pytest.raises(WeightsError, match="not a regular file"):  # it said "no such file" of /dev/null
        load_weights(os.devnull)


def test_truncated_weights(tmp_path):
    path = _tiny_weights(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(WeightsError, match="checksum"):
        load_weights(path)
    (path.parent / "card.json").unlink()
    with pytest.raises(WeightsError, match="not a readable weights file") as err:
        load_weights(path)
    assert "\n" not in str(err.value)


def test_checksum_mismatch(tmp_path):
    path = _tiny_weights(tmp_path)
    card = json.loads((path.parent / "card.json").read_text())
    card["sha256"] = "0" * 64
    (path.parent / "card.json").write_text(json.dumps(card))
    with pytest.raises(WeightsError, match="checksum mismatch"):
        load_weights(path)


@pytest.mark.parametrize("content", ["text", "torch-dict", "wrong-shapes"])
def test_foreign_files(tmp_path, content):
    path = tmp_path / "foreign.pt"
    if content == "text":
        path.write_text("this is not a model\n")
    elif content == "torch-dict":
        torch.save({"weights": torch.zeros(3)}, path)
    else:
        torch.save({"format": "reagroove-drummer", "version": 1, "config": Config().to_dict(),
                    "state_dict": {"head.weight": torch.zeros(2, 2)}, "meta": {}}, path)
    with pytest.raises(WeightsError) as err:
        load_weights(path)
    assert str(err.value).startswith(str(path) + ": ")


def _damaged(doc: dict, damage: str) -> None:
    """One way a weights file can load as torch's yet not fit ReaGroove (a diverged training run, a hand edit)."""
    if damage == "nan weights":
        for t in doc["state_dict"].values():
            t.fill_(float("nan"))
    elif damage == "heads not dividing the width":
        doc["config"]["n_heads"] = 3
    elif damage == "dropout of 5":
        doc["config"]["dropout"] = 5.0
    elif damage == "input level nan":
        doc["config"]["input_level"] = float("nan")
    elif damage == "meta a list":
        doc["meta"] = [1, 2]
    elif damage == "3 thresholds":
        doc["meta"]["thresholds"] = [0.3] * 3
    elif damage == "thresholds of 2":
        doc["meta"]["thresholds"] = [2.0] * 9
    elif damage == "a word for a number":
        doc["meta"]["steady_time"] = "high"
    elif damage == "no velocity correction":
        doc["meta"]["velocity_correction"] = None
    elif damage == "genre patterns of the wrong shape":
        doc["meta"]["genre_patterns"] = [0.1, 0.2, 0.3]


@pytest.mark.parametrize("damage", ["nan weights", "heads not dividing the width", "dropout of 5", "input level nan",
                                    "meta a list", "3 thresholds", "thresholds of 2", "a word for a number",
                                    "no velocity correction", "genre patterns of the wrong shape"])
def test_weights_that_load_but_do_not_fit_are_one_line_errors(tmp_path, damage, capsys):
    """`reagroove train` then `--weights` is how a producer plays their own model: a file torch reads but whose
    network settings, weights or tuned settings are damaged is refused when loaded, in one line naming the file
    and what is wrong (each had been a traceback, at loading or in the first generation; thresholds of 2 had
    written silent drums)."""
    from reagroove.core.cli import main

    path = _tiny_weights(tmp_path)
    doc = torch.load(path, weights_only=True)
    doc["meta"] = dict(doc["meta"])
    _damaged(doc, damage)
    bad = tmp_path / "bad.pt"
    torch.save(doc, bad)
    with pytest.raises(WeightsError) as err:
        load_weights(bad)
    assert str(err.value).startswith(f"{bad}: ") and "\n" not in str(err.value)
    part = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
    assert main(["drumify", str(part), "-o", str(tmp_path / "out.mid"), "--quiet", "--weights", str(bad)]) == 2
    printed = capsys.readouterr()
    assert printed.err.count("\n") == 1 and printed.err.startswith("reagroove: error: ") and str(bad) in printed.err
    assert not (tmp_path / "out.mid").exists()


def test_a_model_card_that_is_no_table_is_one_line_error(tmp_path):
    path = _tiny_weights(tmp_path)
    (path.parent / "card.json").write_text("[1, 2]")
    with pytest.raises(WeightsError, match="not a model card"):
        load_weights(path)


@needs_weights
def test_shipped_weights_match_card():
    from reagroove.models.weights import DRUM_PART_WEIGHTS

    for weights in (DEFAULT_WEIGHTS, DRUM_PART_WEIGHTS):
        card = read_card(weights)
        assert card is not None and card["sha256"] == sha256_of(weights)
        assert weights.stat().st_size < 10_000_000
        assert "CC BY 4.0" in card["data"]
    assert "Freedoom" not in read_card(DRUM_PART_WEIGHTS)["data"]  # trained on GMD alone, credited so


# ---------------------------------------------------------------- training


def test_tiny_training_run_lowers_the_loss(tmp_path):
    if not (GMD / "info.csv").is_file():
        pytest.skip(f"Groove MIDI Dataset not found at {GMD}")
    from reagroove.models.train import add_train_arguments, train

    p = argparse.ArgumentParser()
    add_train_arguments(p)
    # band-like parts are generated from the GMD loops in every batch (--band-prob), real band songs join
    # when --band names a folder (a tiny one here, written by the test)
    band = tmp_path / "band"
    band.mkdir()
    for i in range(3):
        write_band_song(band / f"song{i}.mid", seed=i)
    held = tmp_path / "held.txt"  # one song held out for validation, by name; training also plays subsets of parts
    held.write_text("song1.mid\n")
    common = ["--gmd", str(GMD), "--band", str(band), "--band-val", str(held), "--part-prob", "0.5", "--tiny", "300",
              "--band-prob", "0.8", "--batch", "32", "--d-model", "32", "--d-ff", "64", "--out", str(tmp_path / "run"),
              "--quiet"]
    args = p.parse_args(common + ["--epochs", "4"])
    res = train(args)
    hist = res["history"]
    assert hist[-1]["train_bce_q"] < hist[0]["train_bce_q"]
    assert hist[-1]["train_bce_p"] < hist[0]["train_bce_p"]
    weights = Path(res["weights"])
    _, meta = load_weights(weights)
    assert "band" in meta["validation"]  # the held-out song was validated on
    # calibration chose how much each voice follows its take (one groove per part), on validation takes
    assert len(meta["take_blend"]) == 9 and all(0.0 <= b <= 0.9 for b in meta["take_blend"])
    # calibrated again as the band network is: one threshold for every voice, the kick's take blend 0.6 or more,
    # a genre ceiling; the network itself untouched
    again = train(p.parse_args(common + ["--calibrate", str(weights), "--voice-thresholds", "0", "--take-floor", "0.6",
                                         "--genre-ceiling", "1", "--out", str(tmp_path / "again")]))
    model2, meta2 = load_weights(again["weights"])
    assert len(set(meta2["thresholds"])) == 1 and meta2["take_blend"][0] >= 0.6 and meta2["genre_ceiling"] == 1.0
    settings = read_card(again["weights"])["train_config"]  # the card says how it was calibrated
    assert (settings["voice_thresholds"], settings["take_floor"], settings["genre_ceiling"]) == (0.0, 0.6, 1.0)
    assert all(torch.equal(a, b) for a, b in zip(load_weights(weights)[0].state_dict().values(), model2.state_dict().values()))
    # resume: continue the finished run for one more epoch from its checkpoint
    args2 = p.parse_args(common + ["--epochs", "5", "--resume"])
    res2 = train(args2)
    assert [h["epoch"] for h in res2["history"]] == [1, 2, 3, 4, 5]
    shutil.rmtree(tmp_path / "run")
