"""Scores used by training and evaluation, on hand-made cases."""

import numpy as np
import pytest

pytest.importorskip("torch")

from reagroove.models import metrics  # noqa: E402
from reagroove.models.evaluate import bootstrap_ci, rock_beat, window_f1  # noqa: E402
from reagroove.models.evaluate_band import other_song  # noqa: E402


def loops(*cells, n=1):
    out = np.zeros((n, 32, 27), np.float32)
    for i, t, v in cells:
        out[i, t, v] = 1
        out[i, t, 9 + v] = 0.5
    return out


def test_f1_precision_recall_and_hit_ratio():
    true = loops((0, 0, 0), (0, 4, 1), (0, 8, 0), (0, 12, 1))
    pred = loops((0, 0, 0), (0, 4, 1), (0, 6, 2))  # 2 of 3 right, 2 of 4 found
    s = metrics.micro_scores(pred, true)
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(0.5)
    assert s["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert s["hit_ratio"] == pytest.approx(0.75)
    assert s["vel_mae"] == pytest.approx(0.0)
    assert metrics.micro_scores(true, true)["f1"] == 1.0
    assert metrics.micro_scores(np.zeros_like(true), true)["f1"] == 0.0


def test_offset_error_split_by_the_loudest_hit_of_a_step():
    true = loops((0, 0, 0), (0, 0, 2), (0, 4, 1))
    true[0, 0, 9 + 0] = 0.9  # the kick is the loudest on step 0, the hat beside it softer
    true[0, 0, 18 + 2] = 0.2  # the hat is late
    pred = true.copy()
    pred[..., 18:] = 0.0  # every hit predicted on the grid
    split = metrics.offset_split(pred, true)
    assert split["loudest"] == pytest.approx(0.0)  # kick and the lone snare
    assert split["others"] == pytest.approx(0.2) and split["others_share"] == pytest.approx(1 / 3)


def test_f1_difference_and_its_interval_over_songs():
    true = loops((0, 0, 0), (0, 4, 1), (1, 0, 0), (1, 4, 1), n=2)
    right = true.copy()
    half = loops((0, 0, 0), (1, 0, 0), n=2)  # finds half the hits, all of them right
    d, lo, hi = metrics.f1_difference_ci(right, half, true, np.array([0, 1]), n_boot=200)
    assert d == pytest.approx(1.0 - 2 / 3) and lo == pytest.approx(d) and hi == pytest.approx(d)  # the same in every song
    d, lo, hi = metrics.f1_difference_ci(half, half, true, np.array([0, 1]), n_boot=200)
    assert d == lo == hi == 0.0


def test_window_f1_and_ci_over_files():
    true = loops((0, 0, 0), (1, 0, 0), n=2)
    pred = loops((0, 0, 0), (1, 4, 0), n=2)
    assert window_f1(pred, true).tolist() == [1.0, 0.0]
    lo, hi = bootstrap_ci(np.array([1.0, 1.0, 0.0, 0.0]), np.array([0, 0, 1, 1]), n_boot=200)
    assert 0.0 <= lo < 0.5 < hi <= 1.0
    lo, hi = bootstrap_ci(np.full(6, 0.7), np.arange(6))
    assert lo == hi == pytest.approx(0.7)


def test_musicality_of_a_rock_beat_and_of_an_unplayable_loop():
    rock = np.broadcast_to(rock_beat(), (4, 32, 27))
    m = metrics.musicality(rock)
    assert m["backbeat"] == 1.0 and m["offbeat_snare"] == 0.0
    assert m["kicks"] == 2.0 and m["crash"] == 0.0 and m["hat_clash"] == 0.0 and m["over_two_hands"] == 0.0
    bad = loops(*[(0, t, v) for t in range(0, 32, 2) for v in (1, 2, 3, 7)], *[(0, t, 0) for t in range(16)])
    m = metrics.musicality(bad)
    assert m["hat_clash"] == 1.0  # every hat step has both hats
    assert m["over_two_hands"] == 1.0
    assert m["backbeat"] == 1.0 and m["offbeat_snare"] == pytest.approx(6.0)
    assert m["crash"] == 8.0 and m["busy_kick"] == 0.5  # bar 1 has 16 kicks, bar 2 none
    assert m["empty"] == 0.0


KICK, SNARE, HAT, RIDE, CRASH = 0, 1, 2, 8, 7


def test_the_pedal_hat_under_a_ride_is_a_foot_not_a_hand():
    # jazz: the ride on every beat and its skip notes (the "a" of 2 and 4), the hat's foot on 2 and 4, the left
    # hand's comp on 4
    ride = [(0, t, RIDE) for t in range(0, 32, 4)] + [(0, t, RIDE) for t in range(7, 32, 8)]
    foot = [(0, t, HAT) for t in (4, 12, 20, 28)]
    jazz = loops(*ride, *foot, (0, 12, SNARE), (0, 28, SNARE), (0, 0, KICK))
    assert metrics.musicality(jazz)["over_two_hands"] == 0.0  # a drummer plays it: two sticks and the left foot
    # a third stick beside them is three hands: a crash on the comp's steps (2 of the loop's 12 hand steps)
    assert metrics.musicality(loops(*ride, *foot, (0, 12, SNARE), (0, 28, SNARE), (0, 12, CRASH), (0, 28, CRASH)))[
        "over_two_hands"] == pytest.approx(2 / 12)


def test_a_hat_keeping_time_beside_the_ride_and_the_snare_is_a_hand():
    # the hat on every 8th is a stick (not the foot's 2 and 4): with the ride and the snare on one step, three hands
    hats = [(0, t, HAT) for t in range(0, 32, 2)]
    ride = [(0, t, RIDE) for t in range(0, 32, 4)]
    m = metrics.musicality(loops(*hats, *ride, (0, 4, SNARE), (0, 12, SNARE)))
    assert m["over_two_hands"] == pytest.approx(2 / 16)
    # the hat on the beats alone with no ride keeping time is a stick too (the foot is the ride's companion)
    beats = [(0, t, HAT) for t in range(0, 32, 4)]
    m = metrics.musicality(loops(*beats, (0, 4, SNARE), (0, 4, CRASH), (0, 0, RIDE)))
    assert m["over_two_hands"] == pytest.approx(1 / 8)


def test_best_threshold_keeps_the_hit_ratio_near_one():
    rng = np.random.default_rng(0)
    true = rng.random((200, 32, 9)) < 0.1
    probs = np.clip(true * 0.6 + rng.random(true.shape) * 0.5, 0, 1)
    th, f1, ratio = metrics.best_threshold(probs, true)
    assert 0.95 <= ratio <= 1.10 and f1 > 0.5


def test_best_threshold_on_a_hand_made_case():
    probs = np.array([0.2, 0.4, 0.5, 0.8], np.float32)
    true = np.array([0, 1, 1, 1])
    grid = np.array([0.1, 0.3, 0.5, 0.7])
    # 0.1: 4 hits, 3 right (ratio 4/3, F1 6/7); 0.3: 3 of 3 (F1 1); 0.5: a probability of exactly 0.5 is not above
    # it, so 1 of 3 (ratio 1/3, F1 0.5); 0.7: the same
    assert metrics.best_threshold(probs, true, grid=grid) == pytest.approx((0.3, 1.0, 1.0))
    assert metrics.best_threshold(probs, true, ratio=(1.2, 1.5), grid=grid) == pytest.approx((0.1, 6 / 7, 4 / 3))
    assert metrics.best_threshold(probs, true, ratio=(0.2, 0.5), grid=grid) == pytest.approx((0.5, 0.5, 1 / 3))
    assert metrics.best_threshold(probs, true, ratio=(5, 6), grid=grid)[0] == 0.3  # none fits: the ratio nearest 1


def test_another_songs_drums_come_from_another_file():
    hvo = np.arange(6, dtype=np.float32)[:, None, None] * np.ones((6, 32, 27), np.float32)
    files = np.array([0, 0, 0, 1, 1, 1])
    out = other_song(hvo, files)
    src = out[:, 0, 0].astype(int)
    assert sorted(src.tolist()) == list(range(6))
    assert (files[src] != files).all()


def test_evaluate_command_writes_a_report_with_band_songs(tmp_path):
    import argparse
    import json
    import os
    from pathlib import Path

    from helpers import write_band_song
    from reagroove.models.evaluate import add_arguments, evaluate

    gmd = Path(os.environ.get("REAGROOVE_GMD") or Path(__file__).resolve().parents[2] / "shared/data/groove-midi")
    if not (gmd / "info.csv").is_file():
        pytest.skip("Groove MIDI Dataset not found (set REAGROOVE_GMD)")
    band = tmp_path / "songs"
    band.mkdir()
    for i in range(3):
        write_band_song(band / f"s{i}.mid", seed=i)
    p = argparse.ArgumentParser()
    add_arguments(p)
    args = p.parse_args(["--gmd", str(gmd), "--limit", "60", "--no-plots", "--quiet", "--out", str(tmp_path / "eval"),
                         "--band", str(band)])
    res = evaluate(args)
    report = (tmp_path / "eval" / "report.md").read_text()
    assert "Musicality per bar" in report and "Real band songs" in report
    assert "optimistic" not in report  # an evaluation-only set is not called validation
    rows = res["band"][str(band)]["systems"]
    # the songs play a rock beat: the rock-beat baseline matches it exactly, the real drums score 1
    assert rows["rock beat"]["f1"] == pytest.approx(1.0) and rows["real drums"]["f1"] == 1.0
    assert 0.0 <= rows["model"]["f1"] <= 1.0 and rows["model"]["hit_ratio"] > 0
    # one part alone: the keys (the busiest part that is not the bass), 8 off-beats per window, in every window
    songs = res["band"][str(band)]
    assert songs["one_part_windows"] == songs["windows"] and rows["rock beat"]["one_f1"] == pytest.approx(1.0)
    assert 0.0 < rows["model"]["one_f1"] <= 1.0 and "one-part F1" in report
    d, lo, hi = res["band"][str(band)]["model_minus_rock"]
    assert lo <= d <= hi and d == pytest.approx(rows["model"]["f1"] - 1.0) and "Model minus rock beat" in report
    assert json.loads((tmp_path / "eval" / "results.json").read_text())["results"]["model"]["f1"] == res["results"]["model"]["f1"]


def test_validation_songs_are_called_optimistic_where_their_figures_stand():
    from reagroove.models.evaluate_band import band_table

    row = {"f1": 0.5, "hit_ratio": 1.0, "vel_mae": 0.1}
    result = {"windows": 10, "files": 2, "bass_windows": 8, "systems": {"model": row}}
    assert not any("optimistic" in line for line in band_table({**result, "held_out": False}, "test songs"))
    lines = band_table({**result, "held_out": True}, "validation songs")
    note = next(i for i, line in enumerate(lines) if "optimistic" in line)
    assert note < next(i for i, line in enumerate(lines) if line.startswith("| system"))
