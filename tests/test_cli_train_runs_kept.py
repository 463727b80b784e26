"""A training run says what of an earlier run's it replaces in --out, before it starts, a Ctrl-C says where the
epochs done are kept, and --resume refuses a checkpoint of another network in one line.

A second `reagroove train` (--out defaults to runs/drummer) replaced the first run's drummer.pt and card.json at its
end and started its checkpoint.pt over, unsaid; a run stopped with Ctrl-C after hours said only "interrupted",
its checkpoint and --resume unsaid; and --resume with network options other than the checkpoint's was torch's
traceback of a hundred size mismatches, after the data was read.
"""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from reagroove.core.cli import main  # noqa: E402


@pytest.fixture
def gmd(tmp_path, monkeypatch):
    """A GMD folder that passes the checks and is refused once read (its index has no columns): how far a run got."""
    monkeypatch.delenv("REAGROOVE_BAND", raising=False)
    folder = tmp_path / "gmd"
    folder.mkdir()
    (folder / "info.csv").write_text("")
    return folder


def earlier_run(folder, *names):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"an earlier run's " + name.encode())
    return folder


def train_notes(argv, capsys) -> list[str]:
    code = main(["train", *argv])
    err = capsys.readouterr().err
    assert code == 2 and "info.csv" in err.splitlines()[-1], err  # stopped where the data is read
    return [line for line in err.splitlines() if line.startswith("note: ")]


def test_a_run_into_an_earlier_runs_folder_says_it_replaces_its_weights(gmd, tmp_path, capsys):
    run = earlier_run(tmp_path / "runs" / "drummer", "drummer.pt", "card.json", "checkpoint.pt")
    notes = train_notes(["--gmd", str(gmd), "--out", str(run)], capsys)
    assert len(notes) == 1 and str(run) in notes[0] and "drummer.pt" in notes[0], notes
    assert "replaces" in notes[0] and "--out another folder" in notes[0]
    assert (run / "drummer.pt").read_bytes() == b"an earlier run's drummer.pt"  # nothing written yet


def test_a_run_over_an_earlier_checkpoint_says_it_starts_over_and_how_to_continue(gmd, tmp_path, capsys):
    run = earlier_run(tmp_path / "run", "checkpoint.pt")
    notes = train_notes(["--gmd", str(gmd), "--out", str(run)], capsys)
    assert len(notes) == 1 and "checkpoint.pt" in notes[0] and "starts over" in notes[0] and "--resume" in notes[0]


@pytest.mark.parametrize("resume", [False, True])
def test_nothing_is_said_where_nothing_of_another_run_is_replaced(gmd, tmp_path, capsys, resume):
    run = earlier_run(tmp_path / "run")
    if resume:  # the run goes on: its weights and checkpoint are its own
        checkpoint_of(earlier_run(run, "drummer.pt"))
    assert train_notes(["--gmd", str(gmd), "--out", str(run), *["--resume"] * resume], capsys) == []


@pytest.fixture
def stopped_in_training(monkeypatch):
    """Ctrl-C once the data is read: after `epochs_done` epochs (each saves OUT/checkpoint.pt)."""
    from reagroove.models import train

    def stop(epochs_done):
        def read_data(args):
            if epochs_done:
                (args.out / "checkpoint.pt").write_bytes(b"epoch %d" % epochs_done)
            raise KeyboardInterrupt

        monkeypatch.setattr(train.TrainData, "from_args", staticmethod(read_data))

    return stop


def test_ctrl_c_after_an_epoch_says_where_it_is_kept_and_how_to_go_on(gmd, tmp_path, capsys, stopped_in_training):
    run = earlier_run(tmp_path / "run")
    stopped_in_training(2)
    assert main(["train", "--gmd", str(gmd), "--out", str(run)]) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"reagroove: interrupted; {run / 'checkpoint.pt'} keeps the epochs done: the same command with "
                   "--resume continues"]


def test_ctrl_c_before_an_epoch_over_an_earlier_checkpoint_does_not_offer_it(gmd, tmp_path, capsys,
                                                                           stopped_in_training):
    run = earlier_run(tmp_path / "run", "checkpoint.pt")
    stopped_in_training(0)
    assert main(["train", "--gmd", str(gmd), "--out", str(run)]) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "reagroove: interrupted"  # the earlier run's checkpoint was said at the start, not as this one's


def test_ctrl_c_in_another_command_says_nothing_of_training(gmd, tmp_path, capsys, stopped_in_training, monkeypatch):
    run = earlier_run(tmp_path / "run")
    stopped_in_training(1)
    assert main(["train", "--gmd", str(gmd), "--out", str(run)]) == 130
    capsys.readouterr()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("reagroove.core.cli._main", interrupted)
    assert main(["groove", "x.mid"]) == 130
    assert capsys.readouterr().err.strip() == "reagroove: interrupted"


# ---------------------------------------------------------------- --resume with other network options

SMALL = {"d_model": 16, "n_heads": 2, "d_ff": 32, "enc_layers": 1, "dec_layers": 1, "latent": 4}
SMALL_OPTIONS = ["--d-model", "16", "--heads", "2", "--d-ff", "32", "--enc-layers", "1", "--dec-layers", "1",
                 "--latent", "4"]


def checkpoint_of(folder, **config):
    """A checkpoint as a run with these network options leaves it (its weights alone: all the check reads)."""
    import torch

    from reagroove.models.network import Config, DrumVAE

    folder.mkdir(parents=True, exist_ok=True)
    torch.save({"model": DrumVAE(Config(**config)).state_dict(), "epoch": 1}, folder / "checkpoint.pt")
    return folder


def test_the_network_options_are_read_back_from_a_checkpoints_weights():
    from reagroove.models.network import Config, DrumVAE
    from reagroove.models.train_options import network_of

    config = {"d_model": 24, "d_ff": 40, "enc_layers": 3, "dec_layers": 2, "latent": 6}
    assert network_of(DrumVAE(Config(n_heads=2, **config)).state_dict()) == config


def test_resuming_with_other_network_options_is_one_line_naming_them(gmd, tmp_path, capsys):
    run = checkpoint_of(tmp_path / "run", **SMALL)
    code = main(["train", "--gmd", str(gmd), "--out", str(run), "--resume"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err, err  # before the data is read
    assert err.startswith(f"reagroove: error: {run / 'checkpoint.pt'}: ") and "--resume with" in err, err
    for said in ("--d-model 16 (not 64)", "--d-ff 32 (not 192)", "--latent 4 (not 16)", "--enc-layers 1 (not 2)"):
        assert said in err, err


def test_resuming_with_the_checkpoints_own_options_goes_on_to_the_data(gmd, tmp_path, capsys):
    run = checkpoint_of(tmp_path / "run", **SMALL)
    assert train_notes(["--gmd", str(gmd), "--out", str(run), "--resume", *SMALL_OPTIONS], capsys) == []


def test_resuming_a_damaged_checkpoint_is_one_line(gmd, tmp_path, capsys):
    run = earlier_run(tmp_path / "run", "checkpoint.pt")  # bytes, not a torch file
    code = main(["train", "--gmd", str(gmd), "--out", str(run), "--resume"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "not a training checkpoint" in err, err

