"""`reagroove drumify *.mid` in a folder where ReaGroove wrote drums before (bass.mid beside bass_drums.mid, the
default output's name): the shell names the earlier drums as an input too. They are left out, as a folder's or a
quoted pattern's are, and said in one line; the run then writes bass_drums.mid again (it had stopped at "2 inputs:
give -o", and with -o wrote bass_drums_drums.mid). A drum file named without its part is still drummed."""

import os

from test_cli import _riff, stub_engine  # noqa: F401  (a fixture)

from reagroove.core.cli import main
from reagroove.core.midi_write import written_by_reagroove
from reagroove.core.named_drums import earlier_drums_named


def test_a_shell_expanded_pattern_leaves_the_earlier_drums_of_a_named_part_out(stub_engine, tmp_path, capsys,  # noqa: F811
                                                                                monkeypatch):
    _riff(tmp_path / "bass.mid", 4)
    monkeypatch.chdir(tmp_path)
    assert main(["drumify", "bass.mid", "--quiet"]) == 0  # the earlier run: bass_drums.mid beside it
    assert written_by_reagroove(tmp_path / "bass_drums.mid")
    capsys.readouterr()
    assert main(["drumify", "bass.mid", "bass_drums.mid"]) == 0  # what `drumify *.mid` runs
    out = capsys.readouterr().out
    said = [line for line in out.splitlines() if "bass_drums.mid left out" in line]
    assert len(said) == 1 and "bass.mid" in said[0].split("left out")[1], out
    assert "bass.mid -> bass_drums.mid" in out
    assert sorted(os.listdir(tmp_path)) == ["bass.mid", "bass_drums.mid"]  # no bass_drums_drums.mid
    assert main(["drumify", "bass.mid", "bass_drums.mid", "-o", "out/", "--quiet"]) == 0
    assert os.listdir(tmp_path / "out") == ["bass_drums.mid"]
    assert capsys.readouterr().out == ""  # --quiet: not said


def test_drums_named_without_their_part_or_not_written_by_reagroove_stay_inputs(stub_engine, tmp_path):  # noqa: F811
    part = _riff(tmp_path / "bass.mid", 2)
    assert main(["drumify", str(part), "--quiet"]) == 0
    drums = tmp_path / "bass_drums.mid"
    assert earlier_drums_named([str(part), str(drums)]) == {str(drums): str(part)}
    assert earlier_drums_named([str(drums)]) == {}  # named alone: the user's choice
    mine = _riff(tmp_path / "keys_drums.mid", 2)  # the user's own file of such a name
    keys = _riff(tmp_path / "keys.mid", 2)
    assert earlier_drums_named([str(keys), str(mine)]) == {}
    (tmp_path / "other").mkdir()
    elsewhere = _riff(tmp_path / "other" / "bass.mid", 2)  # a part of that name in another folder
    # a part of that name in another folder: drums ReaGroove wrote, named with a part, whatever they were for
    assert earlier_drums_named([str(elsewhere), str(drums)]) == {str(drums): None}
    assert earlier_drums_named([str(drums), str(tmp_path / "bass_drums_v2.mid")]) == {}  # drums alone


def test_drums_saved_under_an_o_name_are_left_out_of_a_shell_expanded_pattern(stub_engine, tmp_path, capsys,  # noqa: F811
                                                                             monkeypatch):
    """The README's `drumify bass.mid -o drums.mid`, then `drumify *.mid -o out/`: drums.mid is left out, as a
    folder's reading leaves it out (it had been drummed into out/drums_drums.mid without a word)."""
    _riff(tmp_path / "bass.mid", 4)
    monkeypatch.chdir(tmp_path)
    assert main(["drumify", "bass.mid", "-o", "drums.mid", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["drumify", "bass.mid", "drums.mid", "-o", "out/"]) == 0
    out = capsys.readouterr().out
    assert "note: drums.mid left out: drums ReaGroove wrote, named with parts to drum" in out, out
    assert os.listdir(tmp_path / "out") == ["bass_drums.mid"]
