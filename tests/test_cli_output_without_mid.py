"""An output named without .mid: `interpolate -o build` wrote a MIDI file named 'build' (a DAW does not open it as
MIDI) and `live --record take` kept the take so, where `drumify -o build` makes a folder. Each is one line now,
nothing written."""

import pytest
from helpers import one_error_line
from test_cli import _riff, stub_engine  # noqa: F401 - stub_engine is a fixture

from reagroove.core.cli import main


@pytest.mark.parametrize("name, kept", [("build", "build.mid"), ("build.v2", "build.v2.MIDI")])
def test_interpolate_to_a_name_without_mid_is_refused(stub_engine, tmp_path, capsys, name, kept):
    src, other = (str(_riff(tmp_path / f, 4, first_bar)) for f, first_bar in (("a.mid", 1), ("b.mid", 2)))
    out = tmp_path / name
    line = one_error_line(capsys, main(["interpolate", src, other, "-o", str(out)]))
    assert f"{out}: no .mid at its end: give -o a .mid file ({name}.mid)" in line
    assert not out.exists()
    assert main(["interpolate", src, other, "-o", str(tmp_path / kept), "--quiet"]) == 0


def test_a_take_recorded_to_a_name_without_mid_is_refused_before_the_ports(tmp_path, capsys):
    take = tmp_path / "take"
    line = one_error_line(capsys, main(["live", "--in", "no such port", "--out", "none either", "--record", str(take)]))
    assert f"{take}: no .mid at its end: give --record a .mid file (take.mid)" in line
    assert not take.exists()


def test_drumify_to_a_name_without_mid_still_makes_a_folder(stub_engine, tmp_path):
    src = str(_riff(tmp_path / "riff.mid", 4))
    assert main(["drumify", src, "-o", str(tmp_path / "drums"), "--quiet"]) == 0
    assert (tmp_path / "drums" / "riff_drums.mid").is_file()
