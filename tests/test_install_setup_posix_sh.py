"""`sh install/setup.sh`, as many type it on Debian and Ubuntu, where sh is dash: it stopped at once with
"install/setup.sh: 6: set: Illegal option -o pipefail" (exit status 2), before saying anything of its own.

Run against the fake Python of test_install_setup (nothing is installed, no network).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from test_install_setup import fake_checkout

DASH = shutil.which("dash") or shutil.which("posh")


def run_with(shell: str, tmp_path, **env):
    repo, fake, log = fake_checkout(tmp_path)
    environ = {"PATH": f"{fake}:/usr/bin:/bin", "HOME": str(tmp_path), "PYTHON": "fakepy", "FAKE_DIR": str(fake),
               "FAKE_LOG": str(log), "REAL_PYTHON": sys.executable, **env}
    # as typed in the checkout: sh install/setup.sh
    result = subprocess.run([shell, "install/setup.sh"], cwd=repo, capture_output=True, text=True, env=environ,
                            timeout=60, check=False)
    return result, log.read_text().splitlines()


@pytest.mark.skipif(DASH is None, reason="no POSIX-only shell (dash) here to run it with")
def test_setup_sh_runs_under_a_posix_sh(tmp_path):
    result, calls = run_with(DASH, tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    assert "Illegal option" not in result.stderr and result.stdout.splitlines()[-1].startswith("setup: ")
    assert "reagroove drumify core/examples/funk_bass.mid -o out/funk_bass_drums.mid" in calls


@pytest.mark.skipif(DASH is None, reason="no POSIX-only shell (dash) here to run it with")
def test_setup_sh_under_a_posix_sh_says_its_own_errors(tmp_path):
    result, calls = run_with(DASH, tmp_path, PYTHON="python3.99")
    assert result.returncode == 1 and calls == []
    assert result.stderr.splitlines() == [
        "setup: no Python found (python3.99 is not on PATH): install Python 3.10 or newer, or name it with "
        "PYTHON=/path/to/python3"]
    result, calls = run_with(DASH, tmp_path, FAKE_OLD="3.9.7")
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["setup: ReaGroove needs Python 3.10 or newer (fakepy is Python 3.9.7)"]
