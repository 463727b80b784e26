"""`reagroove live --settings FILE.json` plays what the file asks, and says in one line what live play cannot do: a file
saved by `drumify --hold` (one loop held through each section) had its hold dropped live unsaid, the producer expecting
the held groove. Run on in-memory ports with the numpy stand-in model (tests/test_live_command.py's rig)."""

from test_live_command import made, rig  # noqa: F401 - fixtures

from reagroove.core.cli import main
from reagroove.core.settings import Settings


def _live(settings_file) -> list:
    return ["live", "--in", "keys", "--out", "synth", "--duration", "0.05", "--settings", str(settings_file)]


def test_a_saved_hold_is_said_in_one_line_live_and_the_files_other_controls_are_played(rig, made, tmp_path, capsys):
    saved = tmp_path / "verse.json"
    Settings(hold=True, density=0.3, genre={"funk": 1.0}, fill_every=2).save(saved)
    assert main(_live(saved)) == 0
    out = capsys.readouterr().out
    said = [line for line in out.splitlines() if "hold" in line]
    assert len(said) == 1 and said[0].startswith("note: hold") and "no effect live" in said[0], out
    s = made[0].settings  # the rest of the file reaches the session
    assert (s.density, s.genre, s.fill_every) == (0.3, {"funk": 1.0}, 2)


def test_a_settings_file_without_hold_says_nothing_of_it(rig, made, tmp_path, capsys):
    saved = tmp_path / "chorus.json"
    Settings(density=0.7).save(saved)
    assert main(_live(saved)) == 0
    assert "hold" not in capsys.readouterr().out
