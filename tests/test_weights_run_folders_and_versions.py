"""--weights as a producer gives it after `reagroove train --out runs/x`: the run's folder itself, its drummer.pt
beside a card.json of another run, a file from a newer ReaGroove. Each is played, or said in one line naming the
file and what to do. Each test failed on the code before its fix."""

from __future__ import annotations

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from conftest import build_midi  # noqa: E402
from helpers import one_error_line  # noqa: E402
from test_model import _tiny_weights  # noqa: E402

from reagroove.core.cli import main  # noqa: E402
from reagroove.models.weights import WeightsError, load_weights, save_weights, write_card  # noqa: E402


def _part(tmp_path):
    return build_midi(tmp_path / "bass.mid", [(b / 2, 36 + (b % 4) * 2, 90, 0) for b in range(32)])


def test_a_training_runs_folder_as_weights_plays_its_drummer_pt(tmp_path, capsys):
    # `reagroove train --out runs/x` then `--weights runs/x` had been "runs/x: is a folder; give the weights file"
    weights = _tiny_weights(tmp_path, folder="runs/x")
    run = weights.parent
    part = _part(tmp_path)
    by_folder, by_file = tmp_path / "by_folder.mid", tmp_path / "by_file.mid"
    assert main(["drumify", str(part), "-o", str(by_folder), "--weights", str(run), "--seed", "3"]) == 0
    assert main(["drumify", str(part), "-o", str(by_file), "--weights", str(weights), "--seed", "3"]) == 0
    assert by_folder.read_bytes() == by_file.read_bytes()
    model, meta = load_weights(run)
    assert meta["thresholds"] == [0.4] * 9
    # the folder's card is checked as the file's would be
    card = json.loads((run / "card.json").read_text())
    card["sha256"] = "0" * 64
    (run / "card.json").write_text(json.dumps(card))
    with pytest.raises(WeightsError, match="checksum mismatch"):
        load_weights(run)


def test_a_folder_without_drummer_pt_says_what_it_is(tmp_path, capsys):
    stopped = tmp_path / "stopped"
    stopped.mkdir()
    (stopped / "checkpoint.pt").write_bytes(b"x")
    part = _part(tmp_path)
    out = tmp_path / "drums.mid"
    line = one_error_line(capsys, main(["drumify", str(part), "-o", str(out), "--weights", str(stopped)]))
    assert line.endswith(f"{stopped}: a training run's folder without drummer.pt yet (the run stopped): 'reagroove "
                         f"train --resume --out {stopped}' with the run's own options finishes it and writes drummer.pt")
    empty = tmp_path / "empty"
    empty.mkdir()
    line = one_error_line(capsys, main(["drumify", str(part), "-o", str(out), "--weights", str(empty)]))
    assert line.endswith(f"{empty}: is a folder; give the weights file itself (a .pt file) or a folder holding "
                         "drummer.pt")
    assert not out.exists()


def test_another_runs_card_beside_the_weights_is_told_from_a_damaged_file(tmp_path):
    # both had been "checksum mismatch with card.json (damaged or replaced weights file)"
    a = _tiny_weights(tmp_path, folder="a")
    torch.manual_seed(1)
    b = _tiny_weights(tmp_path, folder="b")
    b.write_bytes(a.read_bytes())  # run a's network copied over run b's, b's card left
    with pytest.raises(WeightsError) as err:
        load_weights(b)
    said = str(err.value)
    assert said.startswith(f"{b}: checksum mismatch with card.json: the card beside it describes another weights file")
    assert said.endswith("put back the card.json that came with this file") and "\n" not in said
    data = a.read_bytes()
    a.write_bytes(data[: len(data) // 2])  # a download cut short, its own card beside it
    with pytest.raises(WeightsError) as err:
        load_weights(a)
    assert str(err.value) == f"{a}: checksum mismatch with card.json: damaged or cut short (a bad copy or download?)"


def _resaved(path, **changes):
    """The weights file at path saved again with its document's fields changed, and its card renewed."""
    doc = torch.load(path, map_location="cpu", weights_only=True)
    for key, value in changes.items():
        if key == "config":
            doc["config"] = {**doc["config"], **value}
        else:
            doc[key] = value
    torch.save(doc, path)
    write_card(path, {"command": "test"})
    return path


def test_weights_from_a_newer_or_older_reagroove_say_which(tmp_path):
    # "weights format version 3 is not supported (expected 2)" left unsaid which of the two to update
    newer = _resaved(_tiny_weights(tmp_path, folder="newer"), version=3)
    with pytest.raises(WeightsError) as err:
        load_weights(newer)
    assert str(err.value) == (f"{newer}: saved by a newer ReaGroove (weights format version 3; this one reads "
                              "version 2): update ReaGroove to play it")
    older = _resaved(_tiny_weights(tmp_path, folder="older"), version=1)
    with pytest.raises(WeightsError, match=r"an older weights format \(version 1; this ReaGroove reads version 2\)"):
        load_weights(older)
    # a newer ReaGroove's network setting: it had been "weights do not fit the network (TypeError)"
    setting = _resaved(_tiny_weights(tmp_path, folder="setting"), config={"rotary": True})
    with pytest.raises(WeightsError) as err:
        load_weights(setting)
    assert str(err.value) == (f"{setting}: its network settings name 'rotary', unknown to this ReaGroove (weights "
                              "from a newer one?): update ReaGroove to play it")


def test_the_shipped_and_a_plain_file_still_load(tmp_path):
    model, meta = load_weights()
    path = tmp_path / "solo" / "drummer.pt"
    save_weights(path, model, meta)  # no card.json: loaded unchecked, as before
    again, _ = load_weights(path)
    for (k, v), w in zip(model.state_dict().items(), again.state_dict().values()):
        np.testing.assert_array_equal(v.numpy(), w.numpy(), err_msg=k)


@pytest.mark.parametrize("sha", [None, 5, "abc"])
def test_a_card_without_the_weights_sha256_is_said_as_the_cards_problem(tmp_path, sha):
    # "checksum mismatch with card.json (damaged or replaced weights file)": the weights were blamed for the card
    path = _tiny_weights(tmp_path)
    card = json.loads((path.parent / "card.json").read_text())
    card.pop("sha256") if sha is None else card.update(sha256=sha)
    (path.parent / "card.json").write_text(json.dumps(card))
    with pytest.raises(WeightsError) as err:
        load_weights(path)
    assert str(err.value) == (f"{path.parent / 'card.json'}: a model card of drummer.pt without its sha256 (edited by "
                              "hand?): put back the card.json that came with the weights")
