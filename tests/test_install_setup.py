"""What a new user runs first: the README's quick start and install/setup.sh.

setup.sh is run against a fake Python (a shell script that logs what it is
asked and makes a fake .venv), so these tests install nothing and need no
network; the real thing is `.ci/run` on a clean clone.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_block(heading: str) -> list[str]:
    """The command lines of the first ```sh block under `heading` in README.md (comments dropped)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_quick_start_commands_name_files_that_exist():
    # Every input file a quick-start line names is bundled, or written by a line before it: a new user
    # pastes them in order and each one runs.
    written: set[str] = set()
    lines = readme_block("## Quick start")
    assert lines[0] == ". .venv/bin/activate"
    for line in lines[1:]:
        args = shlex.split(line)
        assert args[0] == "reagroove", line
        outputs = {args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-o", "--output", "--json")}
        for arg in args[1:]:
            if re.search(r"\.(mid|wav|flac|json)$", arg) and arg not in outputs:
                assert arg in written or (ROOT / arg).is_file(), f"{line}: {arg} does not exist"
        written |= outputs


# ---------------------------------------------------------------- install/setup.sh against a fake Python

FAKE_PYTHON = r"""#!/usr/bin/env bash
# Stands in for python3: checks the version, makes a fake .venv whose python logs every pip call.
case "$1" in
    -c) exit 0 ;;
    --version) echo "Python 3.12.0"; exit 0 ;;
    -m) [ "$2" = venv ] || exit 3
        mkdir -p "$3/bin"
        cp "$FAKE_DIR/venv_python" "$3/bin/python"
        echo "VIRTUAL_ENV=\"$(cd "$3" && pwd)\"" > "$3/bin/activate"
        if [ -n "${FAKE_NO_ENSUREPIP:-}" ]; then
            touch "$3/no_pip"
            echo "The virtual environment was not created successfully because ensurepip is not"
            echo "available.  On Debian/Ubuntu systems, you need to install the python3-venv"
            echo "Error: Command '[.../python', '-m', 'ensurepip', '--upgrade', '--default-pip']' returned 1."
            exit 1
        fi ;;
esac
"""

VENV_PYTHON = r"""#!/usr/bin/env bash
echo "python $*" >> "$FAKE_LOG"
here=$(dirname "$0")
[ "$1 $2" = "-m venv" ] && echo "VIRTUAL_ENV=\"$(cd "$3" && pwd)\"" > "$3/bin/activate"
if [ "$1 $2" = "-m pip" ]; then
    [ -e "$here/../no_pip" ] && { echo "No module named pip" >&2; exit 1; }
    case " $* " in
        *" --no-index "*) [ -n "${FAKE_LOCAL_TORCH:-}" ] || exit 1 ;;
        *" -e "*) printf '#!/usr/bin/env bash\necho "reagroove $*" >> "$FAKE_LOG"\necho reagroove 0.1.0\n' \
                      > "$here/reagroove"; chmod +x "$here/reagroove" ;;
    esac
fi
exit 0
"""


def run_setup(tmp_path, *, python="fakepy", **env):
    """install/setup.sh in a copy of the checkout's install/ folder, with the fake Python; (result, pip log)."""
    import subprocess

    repo, fake = tmp_path / "checkout", tmp_path / "fake"
    (repo / "install").mkdir(parents=True, exist_ok=True)
    (repo / "install" / "setup.sh").write_bytes((ROOT / "install" / "setup.sh").read_bytes())
    fake.mkdir(exist_ok=True)
    for name, text in (("fakepy", FAKE_PYTHON), ("venv_python", VENV_PYTHON)):
        (fake / name).write_text(text)
        (fake / name).chmod(0o755)
    log = tmp_path / "log"
    log.write_text("")
    environ = {"PATH": f"{fake}:/usr/bin:/bin", "HOME": str(tmp_path), "PYTHON": python, "FAKE_DIR": str(fake),
               "FAKE_LOG": str(log), **env}
    result = subprocess.run(["bash", str(repo / "install" / "setup.sh")], capture_output=True, text=True,
                            env=environ, timeout=60, check=False)
    return result, log.read_text().splitlines()


def test_setup_without_python_says_so_in_one_line(tmp_path):
    result, calls = run_setup(tmp_path, python="python3.99")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "setup: no Python found (python3.99 is not on PATH): install Python 3.10 or newer, or name it with "
        "PYTHON=/path/to/python3"]
    assert not (tmp_path / "checkout" / ".venv").exists() and calls == []


def test_setup_where_venv_cannot_make_pip_says_what_to_install_and_leaves_no_broken_venv(tmp_path):
    result, calls = run_setup(tmp_path, FAKE_NO_ENSUREPIP="1")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "python3-venv" in lines[0] and "ensurepip" in lines[0], result.stderr
    assert not (tmp_path / "checkout" / ".venv").exists()  # so the next run starts clean
    assert not any("install" in call for call in calls)


def test_setup_remakes_a_venv_an_earlier_run_left_without_pip(tmp_path):
    venv = tmp_path / "checkout" / ".venv"
    (venv / "bin").mkdir(parents=True)
    run_setup(tmp_path, FAKE_NO_ENSUREPIP="1")  # writes the fake scripts; .venv is removed again
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_bytes((tmp_path / "fake" / "venv_python").read_bytes())
    (venv / "bin" / "python").chmod(0o755)
    (venv / "no_pip").touch()  # what a failed `python3 -m venv` leaves
    result, calls = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    assert "making it again" in result.stdout
    assert any("pip install --quiet -e .[model,panel,audio,test]" in call for call in calls)
    assert "reagroove drumify core/examples/funk_bass.mid -o out/funk_bass_drums.mid" in calls


def test_setup_takes_torch_from_the_cpu_index_unless_a_local_wheel_has_it(tmp_path):
    # No local wheel (a user's fresh machine): PyPI's Linux torch would bring GBs of CUDA libraries.
    result, calls = run_setup(tmp_path)
    assert result.returncode == 0, result.stderr
    torch = [c for c in calls if "torch==2.13.0" in c and "--no-index" not in c]
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in torch[0], calls
    assert "(CPU build) from https://download.pytorch.org/whl/cpu" in result.stdout
    # A local wheel (pip's --find-links, as on CI machines): no download from the CPU index.
    result, calls = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    assert not any("download.pytorch.org" in c for c in calls) and "downloading" not in result.stdout


def test_setup_points_a_moved_checkouts_venv_at_its_new_folder(tmp_path):
    run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    activate = tmp_path / "checkout" / ".venv" / "bin" / "activate"
    activate.write_text('VIRTUAL_ENV="/home/me/old place/.venv"\n')  # as `mv checkout elsewhere` leaves it
    result, calls = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    assert "the checkout moved" in result.stdout
    assert "python -m venv .venv" in calls
    assert activate.read_text() == f'VIRTUAL_ENV="{tmp_path / "checkout" / ".venv"}"\n'
    result, calls = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")  # and only then
    assert "checkout moved" not in result.stdout and "python -m venv .venv" not in calls


# ---------------------------------------------------------------- .ci/run


def run_ci(tmp_path, pytest_rc: int, **env):
    """.ci/run in a checkout whose setup.sh does nothing and whose pytest fills the cache and exits pytest_rc."""
    import subprocess

    repo = tmp_path / "checkout"
    for rel, text in ((".ci/run", (ROOT / ".ci" / "run").read_text()), ("install/setup.sh", "echo set up\n"),
                      (".venv/bin/python", f'#!/usr/bin/env bash\necho "$REAGROOVE_CACHE" > "{tmp_path}/cache"\n'
                                           f'touch "$REAGROOVE_CACHE/windows.npz"\nexit {pytest_rc}\n')):
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text)
        (repo / rel).chmod(0o755)
    result = subprocess.run(["bash", str(repo / ".ci" / "run")], capture_output=True, text=True, timeout=60,
                            check=False, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(tmp_path),
                                              **env})
    return result, Path((tmp_path / "cache").read_text().strip())


def test_ci_removes_the_dataset_cache_it_made_and_keeps_one_it_was_given(tmp_path):
    result, cache = run_ci(tmp_path, 1)
    assert result.returncode == 1  # pytest's failure is CI's
    assert cache.parent == tmp_path and not cache.exists()  # a temporary cache, gone after the run
    result, _ = run_ci(tmp_path, 5)
    assert result.returncode == 1 and "collected no tests" in result.stderr
    mine = tmp_path / "my cache"
    mine.mkdir()
    result, cache = run_ci(tmp_path, 0, REAGROOVE_CACHE=str(mine))
    assert result.returncode == 0 and cache == mine and (mine / "windows.npz").is_file()
