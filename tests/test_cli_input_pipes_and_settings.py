"""The command line fed as a new user feeds it: output piped into `head`, settings, drum maps and weights that are
empty or damaged, folders holding parts that cannot be read, outputs that cannot be written, Ctrl-C under a progress
bar. Each test failed on the code before its fix."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import _riff
from test_cli_files_and_patterns import fresh_engine  # noqa: F401 - a stand-in engine per run

from reagroove.core.cli import main
from reagroove.core.settings import Settings


class _ClosedPipe:
    """stdout whose reader has gone, as `| head` leaves it once it has its lines."""

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self):
        raise BrokenPipeError(32, "Broken pipe")

    def isatty(self):
        return False


def test_a_folder_drumified_into_head_still_writes_every_part(fresh_engine, tmp_path, monkeypatch):
    # `reagroove drumify parts/ -o drums/ | head` stopped with a BrokenPipeError traceback after the first part:
    # the other parts got no drums
    parts = tmp_path / "parts"
    parts.mkdir()
    for name in ("a", "b", "c"):
        _riff(parts / f"{name}.mid", 2)
    out = tmp_path / "drums"
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["drumify", str(parts), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a_drums.mid", "b_drums.mid", "c_drums.mid"]


def test_groove_piped_into_head_ends_without_a_traceback(tmp_path):
    # `reagroove groove song.mid | head -1` printed a BrokenPipeError traceback and exited 1
    src = _riff(tmp_path / "riff.mid", 16)
    code = "import sys; from reagroove.core.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen([sys.executable, "-c", code, "groove", str(src)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=Path(__file__).parent)
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def _settings_file(tmp_path, **changed) -> Path:
    doc = Settings().to_document()
    doc["settings"].update(changed)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc))
    return path


@pytest.mark.parametrize("value, said", [
    ("0.3", "threshold must be a number, one per voice or a mapping like {\"kick\": 0.4}, got '0.3'"),
    (["0.3"] * 9, "threshold for kick must be a number, got '0.3'"),
])
def test_a_threshold_typed_as_text_in_a_settings_file_is_said_as_such(fresh_engine, tmp_path, capsys, value, said):
    # "threshold": "0.3" said "threshold needs one value per voice (9), got 3" (its 3 characters counted)
    path = _settings_file(tmp_path, threshold=value)
    before = path.read_bytes()
    out = tmp_path / "d.mid"
    assert main(["drumify", str(_riff(tmp_path / "riff.mid", 2)), "-o", str(out), "--settings", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and said in err[0], err
    assert path.read_bytes() == before and not out.exists()


def test_a_fractional_hit_count_in_a_settings_file_is_refused(fresh_engine, tmp_path, capsys):
    # "max_hits": {"kick": 2.5} played 2 kicks a loop without a word
    path = _settings_file(tmp_path, max_hits={"kick": 2.5})
    out = tmp_path / "d.mid"
    assert main(["drumify", str(_riff(tmp_path / "riff.mid", 2)), "-o", str(out), "--settings", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and "max_hits for kick must be a whole number, got 2.5" in err[0]
    assert not out.exists()
    # a whole count written as 4.0 (a panel or script saving floats) still reads
    assert Settings.load(_settings_file(tmp_path, max_hits={"kick": 4.0})).max_hits[0] == 4


@pytest.mark.parametrize("name, text", [("kit.toml", ""), ("kit.json", ""), ("kit.toml", "\n  \n")])
def test_an_empty_drum_map_is_said_to_be_empty(tmp_path, capsys, name, text):
    # an empty kit.toml was "this looks like ReaGroove settings, not a drum map: give it to --settings", and an
    # empty kit.json "not valid JSON: Expecting value: line 1 column 1 (char 0)"
    kit = tmp_path / name
    kit.write_text(text)
    assert main(["groove", str(_riff(tmp_path / "riff.mid", 2)), "--drum-map", str(kit), "--quiet"]) == 2
    assert capsys.readouterr().err.strip() == f"reagroove: error: --drum-map {kit}: file is empty"
    assert kit.read_text() == text


def test_a_drum_map_of_no_voices_is_not_taken_for_settings(tmp_path, capsys):
    # {} (or a TOML file of comments) was said to be "ReaGroove settings, not a drum map: give it to --settings"
    kit = tmp_path / "kit.toml"
    kit.write_text("# my kit, to fill in\n")
    assert main(["groove", str(_riff(tmp_path / "riff.mid", 2)), "--drum-map", str(kit), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(kit) in err and "'voices' table" in err and "settings" not in err


def test_an_empty_settings_file_is_said_to_be_empty(fresh_engine, tmp_path, capsys):
    # a 0-byte s.json said "not valid JSON: Expecting value: line 1 column 1 (char 0)"
    path = tmp_path / "s.json"
    path.write_bytes(b"")
    out = tmp_path / "d.mid"
    assert main(["drumify", str(_riff(tmp_path / "riff.mid", 2)), "-o", str(out), "--settings", str(path)]) == 2
    assert capsys.readouterr().err.strip() == f"reagroove: error: --settings {path}: file is empty"
    assert not out.exists() and path.read_bytes() == b""


def test_a_weights_file_with_damaged_bytes_is_refused_not_played(tmp_path, capsys):
    # a copy of the weights with bytes flipped in one tensor (no card.json beside it to check) loaded and played
    # nonsense: over the bundled bass line, a ride on every 16th and no kick
    import zipfile

    pytest.importorskip("torch")
    from reagroove.models.weights import DEFAULT_WEIGHTS

    damaged = tmp_path / "copy.pt"
    data = bytearray(DEFAULT_WEIGHTS.read_bytes())
    with zipfile.ZipFile(DEFAULT_WEIGHTS) as archive:
        biggest = max(archive.infolist(), key=lambda info: info.file_size)
    middle = biggest.header_offset + 30 + len(biggest.filename) + len(biggest.extra) + biggest.file_size // 2
    data[middle] ^= 0x40  # a weight's exponent bits: the value changes by orders of magnitude
    damaged.write_bytes(bytes(data))
    out = tmp_path / "d.mid"
    src = _riff(tmp_path / "riff.mid", 2)
    assert main(["drumify", str(src), "-o", str(out), "--weights", str(damaged), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(damaged) in err[0] and "damaged" in err[0], err
    assert not out.exists()


def test_evaluate_out_naming_a_file_is_one_line(tmp_path, capsys):
    # `reagroove evaluate --out results.md` (a file) ended in mkdir's FileExistsError traceback, after the evaluation
    gmd = _gmd()
    taken = tmp_path / "results.md"
    taken.write_text("my notes\n")
    args = ["evaluate", "--gmd", str(gmd), "--limit", "8", "--no-plots", "--quiet", "--out", str(taken)]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"reagroove: error: {taken}: a file, not a folder: give --out a folder for report.md and the plots"
    assert taken.read_text() == "my notes\n"


def _gmd() -> Path:
    import os

    gmd = Path(os.environ.get("REAGROOVE_GMD") or Path(__file__).resolve().parents[2] / "shared/data/groove-midi")
    if not (gmd / "info.csv").is_file():
        pytest.skip("Groove MIDI Dataset not found (set REAGROOVE_GMD)")
    return gmd


def test_ctrl_c_in_evaluate_says_interrupted_on_a_line_of_its_own(tmp_path, monkeypatch, capsys):
    # Ctrl-C in `reagroove evaluate` printed "reagroove: interrupted" onto its progress bar's line, and the bar
    # was drawn again under it as it closed at exit
    import gc

    from reagroove.models import evaluate_band

    real = evaluate_band.play_parts

    def play_parts(*args, **kw):
        if play_parts.calls == 1:  # the second system: the producer presses Ctrl-C
            raise KeyboardInterrupt
        play_parts.calls += 1
        return real(*args, **kw)

    play_parts.calls = 0
    monkeypatch.setattr(evaluate_band, "play_parts", play_parts)
    out = tmp_path / "eval"
    assert main(["evaluate", "--gmd", str(_gmd()), "--limit", "8", "--no-plots", "--out", str(out)]) == 130
    gc.collect()  # what exit does: a bar left open closes, and draws itself
    err = capsys.readouterr().err
    assert "evaluate:" in err  # the bar was shown
    assert err.endswith("\nreagroove: interrupted\n"), repr(err[-300:])
    assert not out.exists() or not any(out.iterdir())  # no report of a run that did not finish


def test_a_folder_says_what_it_holds_that_cannot_be_read(fresh_engine, tmp_path, monkeypatch, capsys):
    # a link to a part that was moved, a pipe named like a part and a subfolder that cannot be opened were passed
    # over without a word: the folder drummed with exit code 0, parts missing
    import os

    parts = tmp_path / "parts"
    (parts / "locked").mkdir(parents=True)
    _riff(parts / "bass.mid", 2)
    _riff(parts / "locked" / "keys.mid", 2)
    (parts / "moved.mid").symlink_to(tmp_path / "gone.mid")
    unreadable = [parts / "moved.mid", parts / "locked"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(parts / "pipe.mid")
        unreadable.append(parts / "pipe.mid")
    real_scandir = os.scandir

    def scandir(path="."):  # the subfolder as another user's, which this one may not open
        if isinstance(path, (str, os.PathLike)) and Path(path) == parts / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "drums"
    assert main(["drumify", str(parts), "-o", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert [p.name for p in out.iterdir()] == ["bass_drums.mid"]  # the part that reads is drummed
    for path in unreadable:
        assert any(line.startswith(f"skipped {path}: ") for line in err), err
    assert f"skipped {parts / 'locked'}: folder cannot be read: permission denied" in err
    assert err[-1] == f"{len(unreadable)} of {len(unreadable) + 1} files skipped (no drums written for them)"


def test_an_output_folder_that_cannot_be_made_is_said_before_any_part_is_drummed(tmp_path, monkeypatch, capsys):
    # `drumify parts/ -o drums/` with a file named drums there loaded the model, drummed the first part and
    # listed the damaged parts before it said the folder could not be written
    from reagroove.models import commands

    def no_engine(args):
        raise AssertionError("the model was loaded for a run that cannot write its drums")

    monkeypatch.setattr(commands, "_engine", no_engine)
    parts = tmp_path / "parts"
    parts.mkdir()
    _riff(parts / "bass.mid", 2)
    (parts / "broken.mid").write_bytes(b"")
    taken = tmp_path / "drums"  # a file of the user's, no folder
    taken.write_text("mine\n")
    assert main(["drumify", str(parts), "-o", f"{taken}/", "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"reagroove: error: {taken / 'b'}"), err
    assert err[0].endswith("a file stands where a folder is needed on this path")
    assert taken.read_text() == "mine\n"


def test_interpolate_into_a_folder_it_cannot_write_is_said_before_the_model_loads(tmp_path, monkeypatch, capsys):
    # `interpolate a.mid funk -o build/x.mid` with a file named build there said so only after the model had
    # loaded (5 s on a shared machine)
    from reagroove.models import commands_patterns

    def no_engine(args):
        raise AssertionError("the model was loaded for a run that cannot write its path")

    monkeypatch.setattr(commands_patterns, "_engine", no_engine)
    taken = tmp_path / "build"
    taken.write_text("mine\n")
    a = _riff(tmp_path / "a.mid", 2)
    assert main(["interpolate", str(a), "funk", "-o", str(taken / "x.mid"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"reagroove: error: {taken / 'x.mid'}: cannot write here: a file stands where a folder is needed "
                   "on this path"]
    assert taken.read_text() == "mine\n"


def test_a_run_without_stdout_or_stderr_writes_nothing_and_does_not_crash(monkeypatch, tmp_path):
    """pythonw and embedded interpreters run with sys.stdout and sys.stderr None: print() writes nothing there, and
    the pipe guard had wrapped None, so every command ended in AttributeError ('NoneType' has no 'write')."""
    import sys

    from reagroove.core.cli import main

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["groove", str(tmp_path / "missing.mid")]) == 2  # its one line goes nowhere
    part = tmp_path / "part.mid"
    part.write_bytes((Path(__file__).parents[1] / "core" / "examples" / "funk_bass.mid").read_bytes())
    assert main(["groove", str(part)]) == 0  # its chart goes nowhere
