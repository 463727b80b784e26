"""Drum maps: the General MIDI default of reference.md and user maps in JSON or TOML."""

from __future__ import annotations

import json

import pytest

from reagroove.core import GM_DRUM_MAP, VOICES, DrumMapError, ReaGrooveError, load_drum_map

# reference.md, "Representation (HVO)": voice, input GM pitches, output pitch
REFERENCE = [
    ("kick", (36, 35), 36),
    ("snare", (38, 37, 40), 38),
    ("closed_hat", (42, 22, 44), 42),
    ("open_hat", (46, 26), 46),
    ("low_tom", (43, 58, 41), 43),
    ("mid_tom", (47, 45), 47),
    ("high_tom", (50, 48), 50),
    ("crash", (49, 52, 55, 57), 49),
    ("ride", (51, 53, 59), 51),
]


def voice(name):
    return VOICES.index(name)


# ---------------------------------------------------------------- General MIDI


@pytest.mark.parametrize("pitch,name", [(35, "kick"), (37, "snare"), (44, "closed_hat"), (57, "crash"), (26, "open_hat"), (58, "low_tom"), (59, "ride")])
def test_gm_examples(pitch, name):
    assert GM_DRUM_MAP.voice_of_pitch()[pitch] == voice(name)


@pytest.mark.parametrize("name,inputs,output", REFERENCE)
def test_gm_matches_reference(name, inputs, output):
    table = GM_DRUM_MAP.voice_of_pitch()
    v = voice(name)
    assert GM_DRUM_MAP.output[v] == output
    assert set(GM_DRUM_MAP.input[v]) == set(inputs)
    for p in inputs:
        assert table[p] == v


def test_gm_unmapped_pitches():
    table = GM_DRUM_MAP.voice_of_pitch()
    assert table.shape == (128,)
    mapped = {p for _, inputs, _ in REFERENCE for p in inputs}
    for p in range(128):
        if p not in mapped:
            assert table[p] == -1, p
    # clap, tambourine, cowbell are not among the 9 voices
    assert table[39] == table[54] == table[56] == -1


# ---------------------------------------------------------------- user maps


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_map(tmp_path):
    data = {"name": "My kit", "voices": {"kick": {"output": 35, "input": [35, 36]}, "closed_hat": {"output": 44}}}
    m = load_drum_map(write(tmp_path, "kit.json", json.dumps(data)))
    assert m.name == "My kit"
    assert m.output[voice("kick")] == 35
    assert m.output[voice("closed_hat")] == 44
    # voices not named keep General MIDI
    for name, inputs, output in REFERENCE:
        if name not in ("kick", "closed_hat"):
            assert m.output[voice(name)] == output
            assert set(m.input[voice(name)]) == set(inputs)
    table = m.voice_of_pitch()
    assert table[35] == table[36] == voice("kick")
    assert table[44] == voice("closed_hat")
    assert table[42] == voice("closed_hat")


def test_toml_map(tmp_path):
    text = """
name = "Toml kit"
[voices.kick]
output = 36
input = [36, 35]

[voices.closed_hat]
output = 44          # this kit's closed hat sits on the pedal-hat pad

[voices.ride]
output = 53
input = [51, 53, 59, 60]
"""
    m = load_drum_map(write(tmp_path, "kit.toml", text))
    assert m.name == "Toml kit"
    assert m.output[voice("closed_hat")] == 44
    assert m.output[voice("ride")] == 53
    table = m.voice_of_pitch()
    assert table[60] == voice("ride")
    assert table[44] == voice("closed_hat")
    assert m.output[voice("snare")] == 38


def test_name_defaults_to_file_stem(tmp_path):
    m = load_drum_map(write(tmp_path, "studio_kit.json", json.dumps({"voices": {}})))
    assert m.name == "studio_kit"
    assert m.output == GM_DRUM_MAP.output


def test_input_pitch_moved_to_another_voice(tmp_path):
    # 37 (side stick) read as kick: snare no longer claims it
    m = load_drum_map(write(tmp_path, "k.json", json.dumps({"voices": {"kick": {"input": [36, 35, 37]}}})))
    assert m.voice_of_pitch()[37] == voice("kick")
    assert 37 not in m.input[voice("snare")]
    assert m.voice_of_pitch()[38] == voice("snare")


def test_map_round_trips_through_dict(tmp_path):
    path = write(tmp_path, "gm.json", json.dumps(GM_DRUM_MAP.to_dict()))
    m = load_drum_map(path)
    assert m.output == GM_DRUM_MAP.output
    assert [set(p) for p in m.input] == [set(p) for p in GM_DRUM_MAP.input]


# ---------------------------------------------------------------- errors


def check_error(err, path, *words):
    msg = str(err.value)
    assert isinstance(err.value, ReaGrooveError)
    assert msg.startswith(f"{path}: "), msg
    assert "\n" not in msg
    for w in words:
        assert w in msg, (w, msg)


@pytest.mark.parametrize("ext", ["json", "toml"])
def test_unknown_voice(tmp_path, ext):
    text = json.dumps({"voices": {"cowbell": {"output": 56}}}) if ext == "json" else "[voices.cowbell]\noutput = 56\n"
    path = write(tmp_path, f"map.{ext}", text)
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "cowbell", "unknown voice")


@pytest.mark.parametrize("spec", [{"output": 128}, {"output": -1}, {"input": [36, 200]}, {"output": "36"}, {"output": 36.5}])
def test_pitch_outside_range(tmp_path, spec):
    path = write(tmp_path, "map.json", json.dumps({"voices": {"kick": spec}}))
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "kick", "0..127")


def test_pitch_outside_range_toml(tmp_path):
    path = write(tmp_path, "map.toml", "[voices.snare]\noutput = 130\n")
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "snare", "130", "0..127")


def test_duplicate_output_pitch(tmp_path):
    # kick made to play 38, which snare still plays
    path = write(tmp_path, "map.json", json.dumps({"voices": {"kick": {"output": 38}}}))
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "38", "kick", "snare")


def test_duplicate_output_pitch_toml(tmp_path):
    path = write(tmp_path, "map.toml", "[voices.crash]\noutput = 60\n[voices.ride]\noutput = 60\n")
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "60", "crash", "ride")


def test_input_pitch_given_to_two_voices(tmp_path):
    data = {"voices": {"kick": {"input": [36, 40]}, "snare": {"input": [38, 40]}}}
    path = write(tmp_path, "map.json", json.dumps(data))
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "40", "kick", "snare")


def test_input_pitch_given_to_two_voices_toml(tmp_path):
    text = "[voices.low_tom]\ninput = [43, 45]\n[voices.mid_tom]\ninput = [47, 45]\n"
    path = write(tmp_path, "map.toml", text)
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "45", "low_tom", "mid_tom")


def test_invalid_json(tmp_path):
    path = write(tmp_path, "map.json", '{"voices": {"kick": {"output": 36,}}')
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "not valid JSON")


def test_invalid_toml(tmp_path):
    path = write(tmp_path, "map.toml", "[voices.kick\noutput = = 36\n")
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "not valid TOML")


def test_binary_garbage(tmp_path):
    path = tmp_path / "map.json"
    path.write_bytes(b"\xff\xfe\x00garbage\x81")
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "JSON")


@pytest.mark.parametrize("data", [[1, 2], {"name": "x"}, {"voices": [1, 2]}])
def test_missing_voices_table(tmp_path, data):
    path = write(tmp_path, "map.json", json.dumps(data))
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "voices")


def test_unknown_key(tmp_path):
    path = write(tmp_path, "map.json", json.dumps({"voices": {"kick": {"outptu": 36}}}))
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "kick", "outptu")


def test_input_not_a_list(tmp_path):
    path = write(tmp_path, "map.json", json.dumps({"voices": {"kick": {"input": 36}}}))
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path, "kick", "list")


def test_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    with pytest.raises(DrumMapError) as err:
        load_drum_map(path)
    check_error(err, path)
