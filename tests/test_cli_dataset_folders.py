"""`reagroove data build` on a Groove MIDI Dataset folder whose MIDI files are not there (a half-unpacked
download): one line naming the folder, not "built: 0 windows" with exit code 0 (and `train` on it a numpy
traceback). Each test failed on the code before its fix."""

from reagroove.core.cli import main

INFO_HEADER = "drummer,session,id,style,bpm,beat_type,time_signature,midi_filename,audio_filename,duration,split\n"


def test_a_dataset_whose_files_are_missing_is_one_line_naming_the_folder(tmp_path, capsys):
    gmd = tmp_path / "groove"
    gmd.mkdir()
    rows = [f"drummer1,drummer1/session1,drummer1/session1/{i},rock,120,beat,4-4,drummer1/session1/{i}_rock.mid,,"
            f"8.0,{split}\n" for i, split in enumerate(("train", "validation", "test"), 1)]
    (gmd / "info.csv").write_text(INFO_HEADER + "".join(rows))
    code = main(["data", "build", "--gmd", str(gmd), "--cache-dir", str(tmp_path / "cache"), "--workers", "1"])
    err = capsys.readouterr().err  # the reading's progress bar, then the error
    assert code == 2 and "Traceback" not in err
    line = err.strip().splitlines()[-1]
    assert line.startswith(f"reagroove: error: {gmd}: ") and "no 2-bar drum windows" in line and "info.csv" in line
