"""--variations is checked in one place (core/options.py): a bad count is one line and writes nothing, and every
path that takes it refuses it with the one message."""

import pytest
import test_cli
from test_installer import ROOT

stub_engine = test_cli.stub_engine  # the fixture: drumify on the small stand-in model


@pytest.mark.parametrize("count, said", [
    ("0", "--variations must be from 1 to 64, got 0"),
    ("65", "--variations must be from 1 to 64, got 65"),
    ("x", "argument --variations: 'x' is not a whole number"),
])
def test_a_bad_variations_count_is_one_line_and_writes_nothing(stub_engine, tmp_path, capsys, count, said):
    import shutil

    from reagroove.core.cli import main

    part = tmp_path / "part.mid"
    shutil.copy(ROOT / "core" / "examples" / "funk_bass.mid", part)
    try:
        code = main(["drumify", str(part), "-o", str(tmp_path / "out.mid"), "--variations", count])
    except SystemExit as exc:  # argparse's own refusal of a value that is no number
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and said in err and len(err.strip().splitlines()) == 1, err
    assert not list(tmp_path.glob("out*"))  # neither out.mid nor any out_vN.mid


def test_every_path_that_takes_variations_refuses_it_with_the_one_message():
    """options.variations_option is the check: drumify's count and the settings built from the same options
    (settings_from_args, which saves it with --save-settings) say the same line, not two wordings."""
    import argparse

    from reagroove.core.options import settings_from_args, variations_option
    from reagroove.core.settings import SettingsError

    assert variations_option(64) == 64 and variations_option(1) == 1
    for bad in (0, 65, -3):
        with pytest.raises(SettingsError) as direct:
            variations_option(bad)
        assert str(direct.value) == f"--variations must be from 1 to 64, got {bad}"
        args = argparse.Namespace(settings=None, save_settings=None, genre=None, variations=bad, threshold=None,
                                  max_hits=None, pattern_a=None, pattern_b=None, mute=None, unmute=None)
        with pytest.raises(SettingsError) as via_settings:
            settings_from_args(args)
        assert str(via_settings.value) == str(direct.value)
