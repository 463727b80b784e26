"""`reagroove reaper ...` options as REAPER's actions and a producer at a terminal give them: `live --memory 5` or
`--poll -1` reached REAPER, turned live follow on and stopped it on a bug there (LiveSession's ValueError, time.sleep
of a negative wait); now said in one line before REAPER is reached, as `reagroove live --memory` is. And the help
says each value option's range and default (--drum-map said none: it is the map the drum track keeps)."""

import pytest
from stub_model import StubModel
from test_reaper_action_arguments import unused_port

from reagroove.core.engine import Engine


@pytest.mark.parametrize("option, value, said", [
    ("--memory", "5", "argument --memory: a number from 0 to 1, not '5'"),
    ("--memory", "nan", "argument --memory: a number from 0 to 1, not 'nan'"),
    ("--poll", "-1", "argument --poll: seconds above 0 and at most 0.25"),
    ("--poll", "0", "argument --poll: seconds above 0 and at most 0.25"),
    # a word, as the other commands say it (core/cli.py)
    ("--memory", "lots", "argument --memory: 'lots' is not a number: give one from 0 to 1"),
    ("--poll", "often", "argument --poll: 'often' is not a number: give one above 0 and at most 0.25 seconds"),
])
def test_live_options_out_of_range_are_said_before_reaper_is_reached(option, value, said, monkeypatch, capsys):
    from reagroove.core.cli import main
    from reagroove.models import drummer

    loaded = []
    monkeypatch.setattr(drummer, "default_engine", lambda *a, **k: loaded.append(a) or Engine(StubModel()))
    with pytest.raises(SystemExit) as stopped:
        main(["reaper", "live", option, value, "--port", str(unused_port())])
    assert stopped.value.code == 2 and not loaded
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and said in err[0] and "not answering" not in err[0]


@pytest.mark.parametrize("action", ["drumify", "variations", "live"])
def test_the_drum_map_option_says_its_default(action, capsys):
    from reagroove.core.cli import main

    with pytest.raises(SystemExit):
        main(["reaper", action, "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert ("--drum-map FILE a drum map (JSON or TOML) for your kit's notes (default: the map the drum track keeps "
            "from an earlier --drum-map, else General MIDI)") in said


def test_live_help_gives_the_range_of_memory_and_poll(capsys):
    from reagroove.core.cli import main

    with pytest.raises(SystemExit):
        main(["reaper", "live", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "(0 = only the bar just played; default 0.6)" in said
    assert "seconds between polls of the armed input, above 0 and at most 0.25 (default 0.03)" in said
