"""A new user installing ReaGroove: the set-up's last words and install/reaper.py's, read as the next step.

Each test here failed before its fix (see the commit that added it).
"""

from __future__ import annotations

from test_install_setup import run_setup


def test_setup_ends_by_naming_the_reaper_install_step_and_again_after_a_move(tmp_path):
    # README's set-up ends with drums for the example; a producer who came for REAPER needs the next command.
    result, _ = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert "REAPER" in last and "`.venv/bin/python install/reaper.py`" in last
    assert str(tmp_path / "checkout") in last and "moved" not in last
    # The checkout moved: REAPER's actions still run the old folder until install/reaper.py runs again.
    activate = tmp_path / "checkout" / ".venv" / "bin" / "activate"
    activate.write_text('VIRTUAL_ENV="/home/me/old place/.venv"\n')
    result, _ = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert "moved" in last and "old folder" in last and "install/reaper.py` again" in last
