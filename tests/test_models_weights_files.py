"""--weights naming a file that is not a model's weights but close to one: one line saying what it is and what to do.
Each test failed on the code before its fix."""

import pytest

from conftest import build_midi
from helpers import one_error_line

from reagroove.core.cli import main

torch = pytest.importorskip("torch")


def test_a_training_checkpoint_as_weights_says_how_to_finish_the_run(tmp_path, capsys):
    # a run stopped after some epochs leaves OUT/checkpoint.pt, not drummer.pt: given to --weights it was "not a
    # ReaGroove drummer weights file (expected format 'reagroove-drummer')", no word of what it is or what to do
    from reagroove.models.weights import load_weights

    model, _ = load_weights()
    run = tmp_path / "run"
    run.mkdir()
    checkpoint = run / "checkpoint.pt"
    optimizer = torch.optim.AdamW(model.parameters())
    # as models/train.py saves one after each epoch
    torch.save({"model": model.state_dict(), "opt": optimizer.state_dict(), "epoch": 3, "history": [],
                "elapsed": 60.0, "torch_rng": torch.get_rng_state(), "best": {"f1": 0.5, "epoch": 2, "state": None}},
               checkpoint)
    part = build_midi(tmp_path / "bass.mid", [(b / 2, 36 + (b % 4) * 2, 90, 0) for b in range(32)])
    out = tmp_path / "drums.mid"
    line = one_error_line(capsys, main(["drumify", str(part), "-o", str(out), "--weights", str(checkpoint)]))
    assert str(checkpoint) in line and "checkpoint (epoch 3)" in line
    assert f"--resume --out {run}" in line and "drummer.pt" in line
    assert not out.exists()


def test_the_model_card_or_other_json_as_weights_is_said_as_such(tmp_path, capsys):
    # models/weights/card.json beside drummer.pt, given to --weights, was "not a readable weights file: damaged,
    # cut short or not saved by torch (UnpicklingError)"
    import json

    card = tmp_path / "card.json"
    card.write_text(json.dumps({"weights": "drummer.pt", "sha256": "0" * 64}))
    other = tmp_path / "settings.json"
    other.write_text(json.dumps({"density": 0.5}))
    part = build_midi(tmp_path / "bass.mid", [(b / 2, 36 + (b % 4) * 2, 90, 0) for b in range(32)])
    out = tmp_path / "drums.mid"
    line = one_error_line(capsys, main(["drumify", str(part), "-o", str(out), "--weights", str(card)]))
    assert line.endswith(f"{card}: a model card (JSON text), not weights: give the weights file it describes, "
                         f"{tmp_path / 'drummer.pt'}")
    line = one_error_line(capsys, main(["drumify", str(part), "-o", str(out), "--weights", str(other)]))
    assert f"{other}: JSON text, not weights" in line and "damaged" not in line
    assert not out.exists()
