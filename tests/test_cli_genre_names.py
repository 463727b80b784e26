"""Genres named as a producer names them: 'hip hop' is hiphop (it was two unknown genres), 'punk' or 'blues' (the
GMD styles each genre holds) point to their genre ('punk' was "did you mean 'funk'?"), and 'rock:0.5' is told how a
weight is written."""

import json

import pytest
from helpers import one_error_line
from test_cli import _riff, stub_engine  # noqa: F401 - stub_engine is a fixture

from reagroove.core.cli import main


def test_hip_hop_spelled_as_two_words_is_hiphop(stub_engine, tmp_path):
    src = str(_riff(tmp_path / "riff.mid", 4))
    assert main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--genre", "hiphop", "--quiet"]) == 0
    assert main(["drumify", src, "-o", str(tmp_path / "b.mid"), "--genre", "Hip Hop", "--quiet"]) == 0
    assert (tmp_path / "a.mid").read_bytes() == (tmp_path / "b.mid").read_bytes()
    assert main(["drumify", src, "-o", str(tmp_path / "c.mid"), "--genre", "hip hop=0.5,rock=0.5", "--quiet"]) == 0


@pytest.mark.parametrize("style, genre", [("punk", "rock"), ("blues", "jazz"), ("afrobeat", "afro"),
                                          ("soul", "hiphop")])
def test_a_gmd_style_points_to_the_genre_that_holds_it(stub_engine, tmp_path, capsys, style, genre):
    src = str(_riff(tmp_path / "riff.mid", 4))
    line = one_error_line(capsys, main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--genre", style, "--quiet"]))
    assert f"unknown genre '{style}': GMD's {style} drummers are in '{genre}'" in line
    assert "did you mean" not in line and not (tmp_path / "a.mid").exists()
    settings = tmp_path / "s.json"  # a settings file says the same
    settings.write_text(json.dumps({"genre": {style: 1}}))
    line = one_error_line(capsys, main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--settings", str(settings)]))
    assert f"GMD's {style} drummers are in '{genre}'" in line


def test_a_weight_after_a_colon_is_told_how_it_is_written(stub_engine, tmp_path, capsys):
    src = str(_riff(tmp_path / "riff.mid", 4))
    line = one_error_line(capsys, main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--genre", "rock:0.5,funk:0.5"]))
    assert "unknown genre 'rock:0.5': a weight is written rock=0.5" in line


def test_a_misspelt_genre_is_still_a_spelling(stub_engine, tmp_path, capsys):
    src = str(_riff(tmp_path / "riff.mid", 4))
    line = one_error_line(capsys, main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--genre", "rokk"]))
    assert "unknown genre 'rokk': did you mean 'rock'?" in line


@pytest.mark.parametrize("name, said", [("blues", "--genre rock --swing 66"), ("rnb", "played by 'hiphop'"),
                                        ("R&B", "played by 'hiphop'"), ("house", "played by 'disco'"),
                                        ("metal", "played by 'rock'"), ("shuffle", "no genre over a swung part")])
def test_a_genre_played_under_another_name_says_which(stub_engine, tmp_path, capsys, name, said):
    """'blues' had pointed to jazz alone (whose ride plays no backbeat: a blues shuffle lost its 2 and 4), and
    'rnb', 'house', 'metal' and 'shuffle' got no hint at all (a drummer's review, Q3)."""
    src = str(_riff(tmp_path / "riff.mid", 4))
    line = one_error_line(capsys, main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--genre", name, "--quiet"]))
    assert said in line and "did you mean" not in line, line
