"""ReaGroove's JSON files (settings, patterns, drum maps) as producers' tools leave them: a settings file saved
by Windows Notepad (UTF-8 with a byte order mark) is read; a damaged one nested thousands of levels deep is a
one-line error naming the file, not a RecursionError traceback."""

import json

import pytest

from reagroove.core.errors import InputFileError
from reagroove.core.files import read_json
from reagroove.core.settings import Settings


def test_a_settings_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "verse.json"
    Settings(density=0.3).save(path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert Settings.load(path).density == pytest.approx(0.3)


def test_json_nested_too_deeply_is_one_line_naming_the_file(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("[" * 100000)
    with pytest.raises(InputFileError) as err:
        read_json(path, "ReaGroove settings file")
    assert "nested too deeply" in str(err.value) and "settings.json" in str(err.value)
    assert "\n" not in str(err.value)


def test_plain_json_reads_as_before(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps({"format": "x", "a": [1, 2]}))
    assert read_json(path, "file", "x") == {"format": "x", "a": [1, 2]}


def test_a_missing_settings_or_drum_map_is_said_as_every_missing_file_is(tmp_path):
    """A missing --settings or --drum-map file said 'No such file or directory' (the OS's words, capitalised)
    where every other missing file is 'no such file or folder'."""
    from reagroove.core.drummap import load_drum_map
    from reagroove.core.errors import DrumMapError

    with pytest.raises(InputFileError, match="no such file or folder"):
        read_json(tmp_path / "gone.json", "ReaGroove settings file")
    with pytest.raises(DrumMapError, match="no such file or folder"):
        load_drum_map(tmp_path / "gone.toml")
