"""benchmarks/bench_genre.py: the genre table has every genre with sane figures, and its measures read right."""

import sys
from pathlib import Path

import numpy as np

from reagroove.core.genres import GENRES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench_genre  # noqa: E402


def genre_loops():
    """Per genre i, 3 loops with the kick on step i of each bar and a backbeat: (27 loops, labels)."""
    loops = np.zeros((len(GENRES) * 3, 32, 27), np.float32)
    labels = np.repeat(np.arange(len(GENRES)), 3)
    for n, i in enumerate(labels):
        loops[n, [i, 16 + i], 0] = 1
        loops[n, [4, 12, 20, 28], 1] = 1
    return loops, labels


def grooves(n=6):
    g = np.zeros((n, 32, 3), np.float32)
    g[:, ::2, 0], g[:, ::2, 1] = 1, 0.8
    g[:, 3::8, 0], g[:, 3::8, 1] = 1, 0.6  # a syncopation, so the grooves are a band's, not a metronome
    return g


def test_every_genre_reads_as_asked_when_the_drums_are_its_drummers():
    loops, labels = genre_loops()
    clf = bench_genre.Centroids(loops, labels)

    def drumify(g, genre=None, **kw):  # asked a genre: that genre's own loop; none: the backbeat alone
        out = np.zeros((len(g), 32, 27), np.float32)
        out[:, [4, 12, 20, 28], 1] = 1
        if genre is not None:
            out[:] = loops[labels == GENRES.index(next(iter(genre)))][0]
        return out

    rows = bench_genre.genre_table(grooves(), clf, drumify=drumify, progress=False)
    assert [r["genre"] for r in rows] == list(GENRES)
    for r in rows:
        assert r["cls_asked"] == 1.0 and r["called"] == r["genre"]
        assert r["dist_asked"] < r["dist_none"]
        assert r["hits_asked"]["kick"] == r["hits_gmd"]["kick"] == 1.0 and r["hits_none"]["kick"] == 0
    # the backbeat alone is as near every centroid: the first genre (afro) already had it, so it cannot move
    assert bench_genre.summary(rows).startswith("genre asked moves drums toward it in 8 of 9 genres")


def test_shipped_model_table_has_every_genre_and_sane_numbers():
    loops, labels = genre_loops()
    clf = bench_genre.Centroids(loops, labels)
    for drum_part in (False, True):
        rows = bench_genre.genre_table(grooves(), clf, bass=grooves() if not drum_part else None,
                                       drum_part=drum_part, progress=False)
        assert [r["genre"] for r in rows] == list(GENRES)
        for r in rows:
            assert 0 <= r["cls_none"] <= 1 and 0 <= r["cls_asked"] <= 1
            assert np.isfinite([r["dist_none"], r["dist_asked"]]).all() and r["dist_asked"] >= 0
            for k in bench_genre.GROUPS:
                assert 0 <= r["hits_asked"][k] <= 48 and 0 <= r["hits_none"][k] <= 48  # 16 steps x at most 3 voices
            assert r["hits_none"]["kick"] > 0 and r["hits_none"]["snare"] > 0  # the drums play
        # a genre asked changes the drums (else the control, or the benchmark's call, does nothing)
        assert any(r["hits_asked"] != r["hits_none"] for r in rows)
        assert "of 9 genres" in bench_genre.summary(rows)
