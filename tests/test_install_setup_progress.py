"""What install/setup.sh says while it works: a first run's minutes of quiet pip downloads (torch, PySide6,
scipy, matplotlib) printed nothing between starting and "installed", and a new user took it for a hang.

Run against the fake Python of test_install_setup (nothing is installed, no network).
"""

from __future__ import annotations

from test_install_setup import run_setup


def said(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("setup: ")]


def test_a_first_set_up_says_it_makes_the_venv_and_what_it_installs_before_pip_runs(tmp_path):
    result, calls = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    lines = said(result)
    venv = tmp_path / "checkout" / ".venv"
    # first the venv, by the Python that makes it; then what pip is about to fetch, and where it goes
    assert lines[0] == f"setup: making the virtual environment {venv} with {tmp_path / 'fake' / 'fakepy'}", lines
    assert "torch==2.13.0" in lines[1] and "ReaGroove" in lines[1] and str(venv) in lines[1], lines
    assert "a few minutes the first time" in lines[1]
    assert lines[2].startswith("setup: installed reagroove"), lines
    assert any(" -e .[model,panel,audio,test]" in call for call in calls)


def test_a_set_up_run_again_does_not_say_it_makes_the_venv(tmp_path):
    run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    result, calls = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    lines = said(result)
    assert not any("making the virtual environment" in line for line in lines), lines
    assert lines[0].startswith("setup: installing torch==2.13.0") and "python -m venv .venv" not in calls


def test_the_install_line_comes_before_the_torch_download_and_its_failure(tmp_path):
    result, calls = run_setup(tmp_path, FAKE_NO_NETWORK="1")
    assert result.returncode == 1
    lines = said(result)
    assert [line.split(" ")[1] for line in lines] == ["making", "installing", "downloading"], lines


def test_an_argument_the_set_up_does_not_take_is_one_line_and_does_nothing(tmp_path):
    # argparse's usage line came first, then "setup.py: error: ...": two lines, the second named another prefix
    import subprocess
    import sys

    from test_install_setup import fake_checkout

    repo, _, _ = fake_checkout(tmp_path)
    result = subprocess.run([sys.executable, str(repo / "install" / "setup.py"), "--cpu"], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == ["setup: unrecognized arguments: --cpu (see python install/setup.py --help)"]
    assert not (repo / ".venv").exists()
