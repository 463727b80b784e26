"""A mistyped file name is answered with the file beside it that was meant, in the one error line (exit 2): a
newcomer's commonest slip at the command line was 'no such file or folder' and nothing more. Each test failed on
the code before its fix, but the one that asserts nothing is made up where nothing is near."""

import pytest
from conftest import build_midi
from helpers import one_error_line

from reagroove.core.cli import main


@pytest.fixture
def parts(tmp_path):
    folder = tmp_path / "parts"
    folder.mkdir()
    for name in ("bass.mid", "keys.mid"):
        build_midi(folder / name, [(b / 2, 40, 90, 0) for b in range(16)])
    return folder


@pytest.mark.parametrize("typed, meant", [
    ("bas.mid", "bass.mid"),  # a letter missed
    ("bass", "bass.mid"),  # its extension left off
    ("bass.mid ", "bass.mid"),  # a space pasted after it
    ("BASS.MID", "bass.mid"),  # another letter case (where the file system tells them apart)
])
@pytest.mark.parametrize("command", ["drumify", "groove", "patterns add"])
def test_a_mistyped_part_names_the_file_meant(parts, tmp_path, capsys, typed, meant, command):
    if (parts / typed).exists():
        pytest.skip("a file system that does not tell letter case apart finds the file itself")
    given = str(parts / typed)
    argv = {"drumify": ["drumify", given, "-o", str(tmp_path / "drums.mid")], "groove": ["groove", given],
            "patterns add": ["patterns", "add", "verse", given]}[command]
    line = one_error_line(capsys, main(argv))
    assert line == f"reagroove: error: {given}: no such file or folder: did you mean '{parts / meant}'?"
    assert not (tmp_path / "drums.mid").exists()


def test_a_mistyped_weights_file_names_the_file_meant(parts, tmp_path, capsys):
    (tmp_path / "drummer.pt").write_bytes(b"weights")
    line = one_error_line(capsys, main(["drumify", str(parts / "bass.mid"), "-o", str(tmp_path / "drums.mid"),
                                        "--weights", str(tmp_path / "drumer.pt")]))
    assert line.endswith(f"no such file or folder: did you mean '{tmp_path / 'drummer.pt'}'?")


@pytest.mark.parametrize("typed", ["drums.mid", "song"])
def test_nothing_is_suggested_where_nothing_is_near(parts, capsys, typed):
    # a name unlike any there, and one that would fit two files equally ('song' beside song.mid and song.wav)
    build_midi(parts / "song.mid", [(0, 40, 90, 0)])
    (parts / "song.wav").write_bytes(b"")
    line = one_error_line(capsys, main(["groove", str(parts / typed)]))
    assert line == f"reagroove: error: {parts / typed}: no such file or folder"
