"""`reagroove evaluate` as a user runs it again and again into one --out folder: a band folder without songs, an
earlier run's report and plots there, a report.md of their own, a training run's folder as --weights. Nothing is
written before every input is checked; a report never stands beside another run's pictures; a file evaluate did
not write is never written over. Each test failed on the code before its fix."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from helpers import one_error_line  # noqa: E402
from test_dataset import fake_gmd  # noqa: E402

from reagroove.core.cli import main  # noqa: E402

PLOTS = ("voice_f1.png", "genre_f1.png", "features.png")  # the plots a run draws, in the order its report shows them


@pytest.fixture
def gmd(tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_CACHE", str(tmp_path / "cache"))  # never the user's own dataset cache
    monkeypatch.delenv("REAGROOVE_GMD", raising=False)
    return fake_gmd(tmp_path / "gmd", [("a.mid", "funk", "beat", "4-4", "train", 2),
                                       ("b.mid", "funk", "beat", "4-4", "validation", 1),
                                       ("c.mid", "rock", "beat", "4-4", "test", 2)])


def _evaluate(gmd, out, *more) -> int:
    return main(["evaluate", "--gmd", str(gmd), "--quiet", "--out", str(out), *more])


def test_a_band_folder_without_songs_is_said_before_anything_is_written(gmd, tmp_path, capsys):
    # the three plots were written into --out, then "no .mid files": a folder of pictures and no report
    empty = tmp_path / "band"
    empty.mkdir()
    (empty / "notes.txt").write_text("the set list")
    out = tmp_path / "eval"
    line = one_error_line(capsys, _evaluate(gmd, out, "--band", str(empty)))
    assert line == f"reagroove: error: {empty}: no .mid files"
    assert not out.exists()


def test_a_run_over_an_earlier_one_says_so_and_leaves_no_picture_of_it(gmd, tmp_path, capsys):
    # with --no-plots the earlier run's plots stayed beside the new report, unsaid: a report and pictures of two runs
    out = tmp_path / "eval"
    assert _evaluate(gmd, out) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(["report.md", "results.json", *PLOTS])
    capsys.readouterr()
    assert _evaluate(gmd, out, "--no-plots") == 0
    said = capsys.readouterr()
    assert said.err.strip() == (f"note: {out} holds an earlier evaluation's report.md: this run replaces it, its "
                                "results.json and plots when done (Ctrl-C now and give --out another folder to keep "
                                "them)")
    assert f"wrote {out / 'report.md'} (replacing the earlier report; its plots {', '.join(PLOTS)} taken away" in said.out
    assert sorted(p.name for p in out.iterdir()) == ["report.md", "results.json"]
    assert ".png" not in (out / "report.md").read_text()
    # and with plots again: each drawn anew, the report showing them
    assert _evaluate(gmd, out) == 0
    assert all(f"]({p})" in (out / "report.md").read_text() and (out / p).is_file() for p in PLOTS)


def test_a_report_evaluate_did_not_write_is_never_written_over(gmd, tmp_path, capsys):
    # `--out docs` holding the user's own report.md: replaced without a word at the end of the run
    out = tmp_path / "docs"
    out.mkdir()
    mine = out / "report.md"
    mine.write_text("# My band's notes\n\nTempo map for the gig.\n")
    line = one_error_line(capsys, _evaluate(gmd, out))
    assert line == (f"reagroove: error: {mine}: not a report of 'reagroove evaluate' (your own report.md?): not "
                    "written over; give --out another folder")
    assert mine.read_text() == "# My band's notes\n\nTempo map for the gig.\n"
    assert sorted(p.name for p in out.iterdir()) == ["report.md"]
    mine.unlink()
    (out / "results.json").write_text('{"gig": "tonight"}\n')
    line = one_error_line(capsys, _evaluate(gmd, out))
    assert "results.json: not a report of 'reagroove evaluate'" in line
    assert sorted(p.name for p in out.iterdir()) == ["results.json"]


def test_a_picture_of_the_users_own_under_a_plots_name_is_never_written_over(gmd, tmp_path, capsys):
    # `--out docs` holding the user's own features.png and no report: it was replaced by the run's plot unsaid
    out = tmp_path / "docs"
    out.mkdir()
    mine = out / "features.png"
    mine.write_bytes(b"my band photo")
    line = one_error_line(capsys, _evaluate(gmd, out))
    assert f"{mine}: not a plot of an earlier 'reagroove evaluate' report" in line
    assert mine.read_bytes() == b"my band photo" and sorted(p.name for p in out.iterdir()) == ["features.png"]


def test_a_training_runs_folder_as_weights_is_evaluated(gmd, tmp_path, capsys):
    # `reagroove train --out runs/x` then `evaluate --weights runs/x`: "runs/x: is a folder; give the weights file"
    from test_model import _tiny_weights

    weights = _tiny_weights(tmp_path, folder="runs/x")
    out = tmp_path / "eval"
    assert _evaluate(gmd, out, "--weights", str(weights.parent), "--no-plots") == 0, capsys.readouterr().err
    assert f"weights `{weights}`" in (out / "report.md").read_text()


def test_every_evaluate_option_says_its_default():
    # --band and --band-held-out said none: does evaluate read $REAGROOVE_BAND, as train does? (it does not)
    import argparse

    from reagroove.models.evaluate import add_arguments

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    for action in parser._actions:
        if action.option_strings and action.nargs != 0:  # flags (--quiet, --no-plots) are off unless given
            assert "default" in (action.help or ""), action.option_strings


def test_an_out_folder_that_cannot_be_made_is_said_before_the_run(gmd, tmp_path, capsys, monkeypatch):
    # --out under a file: the run scored every system, then failed making the folder
    import reagroove.core.dataset as dataset

    monkeypatch.setattr(dataset, "load_dataset", lambda *a, **k: pytest.fail("the dataset was read first"))
    blocker = tmp_path / "notes"
    blocker.write_text("a file")
    line = one_error_line(capsys, _evaluate(gmd, blocker / "eval"))
    assert line == (f"reagroove: error: {blocker / 'eval'}: cannot write the report here: a file stands where a "
                    "folder is needed on this path; give --out another folder")


def test_plots_without_matplotlib_are_said_before_the_run(gmd, tmp_path, capsys, monkeypatch):
    # torch installed alone (not the 'model' extra): a ModuleNotFoundError traceback after the minutes of scoring
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # what `import matplotlib` meets where it is not installed
    out = tmp_path / "eval"
    line = one_error_line(capsys, _evaluate(gmd, out))
    assert line == ("reagroove: error: matplotlib is not installed: the plots need it (pip install 'reagroove[model]'), "
                    "or give --no-plots")
    assert not out.exists()
    assert _evaluate(gmd, out, "--no-plots") == 0 and (out / "report.md").is_file()


def test_the_validation_split_is_titled_as_such(gmd, tmp_path):
    # --split validation wrote a report and plots titled "GMD test split"
    out = tmp_path / "eval"
    assert _evaluate(gmd, out, "--split", "validation", "--no-plots") == 0
    assert (out / "report.md").read_text().splitlines()[0] == "# Drum generator evaluation: GMD validation split"
    assert _evaluate(gmd, out, "--no-plots") == 0
    assert (out / "report.md").read_text().splitlines()[0] == "# Drum generator evaluation: GMD test split"


def test_a_run_that_fails_while_drawing_leaves_the_earlier_run_whole(gmd, tmp_path, monkeypatch):
    # the plots were written one by one as drawn: a failure at the third left two new pictures beside the old report
    import argparse

    import matplotlib.figure

    from reagroove.models.evaluate import add_arguments, evaluate

    out = tmp_path / "eval"
    assert _evaluate(gmd, out) == 0
    before = {p.name: (p.stat().st_ino, p.read_bytes()) for p in out.iterdir()}
    drawn = []
    real_savefig = matplotlib.figure.Figure.savefig

    def third_fails(fig, *a, **kw):
        drawn.append(fig)
        if len(drawn) == 3:
            raise RuntimeError("the disk filled while drawing")
        return real_savefig(fig, *a, **kw)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", third_fails)
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    with pytest.raises(RuntimeError):
        evaluate(parser.parse_args(["--gmd", str(gmd), "--quiet", "--out", str(out)]))
    assert len(drawn) == 3
    assert {p.name: (p.stat().st_ino, p.read_bytes()) for p in out.iterdir()} == before
