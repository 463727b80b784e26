"""Settings as a producer types and saves them (hunt 34c): each test fails on the code before its fix."""

from __future__ import annotations

import pytest
from test_cli import _riff, stub_engine  # noqa: F401 - the fixture

from reagroove.core.cli import main
from reagroove.core.settings import SettingsError, parse_genre_mix


def test_a_genre_without_its_weight_inside_a_weighted_mix_is_refused(stub_engine, tmp_path, capsys):
    # 'funk=0.5,jazz' played jazz at 1.0, twice funk, unsaid
    with pytest.raises(SettingsError, match="gives jazz no weight"):
        parse_genre_mix("funk=0.5,jazz")
    src = str(_riff(tmp_path / "riff.mid", 2))
    assert main(["drumify", src, "-o", str(tmp_path / "a.mid"), "--genre", "funk=0.5,jazz"]) != 0
    err = capsys.readouterr().err.strip()
    assert "--genre 'funk=0.5,jazz' gives jazz no weight" in err and len(err.splitlines()) == 1
    # a bare name alone, or only bare names (an even mix), still plays
    assert parse_genre_mix("rock") == {"rock": 1.0}
    assert parse_genre_mix("funk,jazz") == {"funk": 1.0, "jazz": 1.0}
    assert main(["drumify", src, "-o", str(tmp_path / "b.mid"), "--genre", "rock", "--quiet"]) == 0
