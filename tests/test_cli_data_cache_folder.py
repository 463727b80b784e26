"""`reagroove data build` into a cache folder it cannot write (a file in its place, a read-only folder) says so
before it reads the dataset: it read GMD's 1,138 files first, then failed on the write (and a dataset it could not
read was said before the cache it could never have written)."""

from __future__ import annotations

from test_cli_dataset_folders import INFO_HEADER

from reagroove.core.cli import main


def test_a_cache_folder_that_cannot_be_written_is_said_before_the_dataset_is_read(tmp_path, capsys):
    gmd = tmp_path / "groove"
    gmd.mkdir()
    (gmd / "info.csv").write_text(INFO_HEADER + "drummer1,drummer1/session1,drummer1/session1/1,rock,120,beat,4-4,"
                                  "drummer1/session1/1_rock.mid,,8.0,train\n")  # its MIDI file missing
    blocked = tmp_path / "cache-file"
    blocked.write_text("not a folder")
    code = main(["data", "build", "--gmd", str(gmd), "--cache-dir", str(blocked / "windows"), "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2 and "Reading GMD" not in err, err  # nothing read
    line = err.strip().splitlines()[-1]
    assert line.startswith(f"reagroove: error: {blocked / 'windows'}: cannot cache the windows here: ") and \
        "--cache-dir" in line, line
    assert blocked.read_text() == "not a folder"


def test_a_new_cache_folder_is_not_left_behind_by_the_check(tmp_path, capsys):
    gmd = tmp_path / "groove"
    gmd.mkdir()
    (gmd / "info.csv").write_text(INFO_HEADER + "drummer1,drummer1/session1,drummer1/session1/1,rock,120,beat,4-4,"
                                  "drummer1/session1/1_rock.mid,,8.0,train\n")
    cache = tmp_path / "new" / "cache"
    assert main(["data", "build", "--gmd", str(gmd), "--cache-dir", str(cache), "--workers", "1"]) == 2
    assert "no 2-bar drum windows" in capsys.readouterr().err  # read, and refused for what it holds
    assert not (tmp_path / "new").exists()
