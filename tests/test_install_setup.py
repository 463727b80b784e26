"""What a new user runs first: the README's quick start, install/setup.sh and install/setup.py.

setup.sh (which finds a Python and runs setup.py with it) is run against a
fake Python (a shell script that logs what it is asked, makes a fake .venv and
runs setup.py with the real interpreter, as if it were that one), so these
tests install nothing and need no network; the real thing is `.ci/run` on a
clean clone. setup.py's handling of the Windows venv layout (Scripts\\python.exe)
is tested here with that layout faked on this OS.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

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
# Stands in for python3: checks the version, makes a fake .venv whose python logs every pip call, and runs
# install/setup.py with the real Python, its sys.executable this fake (which then makes the venv).
# FAKE_BIN=Scripts FAKE_EXE=.exe: a venv laid out as on Windows. FAKE_OLD=3.9.7: too old a Python.
case "$1" in
    -c) [ -z "${FAKE_OLD:-}" ]; exit $? ;;
    --version) echo "Python ${FAKE_OLD:-3.12.0}"; exit 0 ;;
    *.py) exec "$REAL_PYTHON" -c 'import runpy, sys; sys.executable = sys.argv[1]; del sys.argv[:2]; runpy.run_path(sys.argv[0], run_name="__main__")' "$0" "$@" ;;
    -m) [ "$2" = venv ] || exit 3
        echo "fakepy $*" >> "$FAKE_LOG"
        bin="$3/${FAKE_BIN:-bin}"
        mkdir -p "$bin"
        cp "$FAKE_DIR/venv_python" "$bin/python${FAKE_EXE:-}"
        echo "VIRTUAL_ENV=\"$(cd "$3" && pwd)\"" > "$bin/activate"
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
[ "$1 $2" = "-m venv" ] && echo "VIRTUAL_ENV=\"$(cd "$3" && pwd)\"" > "$here/activate"
if [ "$1 $2" = "-m pip" ]; then
    [ -e "$here/../no_pip" ] && { echo "No module named pip" >&2; exit 1; }
    case " $* " in
        *" --no-index "*) [ -n "${FAKE_LOCAL_TORCH:-}" ] || exit 1 ;;
        *" --extra-index-url "*) [ -z "${FAKE_NO_NETWORK:-}" ] || { echo "ERROR: No matching distribution" >&2; exit 1; } ;;
        *" -e "*) printf '#!/usr/bin/env bash\necho "reagroove $*" >> "$FAKE_LOG"\necho reagroove 0.1.0\n' \
                      > "$here/reagroove${FAKE_EXE:-}"; chmod +x "$here/reagroove${FAKE_EXE:-}" ;;
    esac
fi
exit 0
"""


def fake_checkout(tmp_path) -> tuple[Path, Path, Path]:
    """A copy of the checkout's set-up scripts and the fake Python beside it: (checkout, fake folder, log)."""
    repo, fake = tmp_path / "checkout", tmp_path / "fake"
    (repo / "install").mkdir(parents=True, exist_ok=True)
    for name in ("setup.sh", "setup.py"):
        (repo / "install" / name).write_bytes((ROOT / "install" / name).read_bytes())
    fake.mkdir(exist_ok=True)
    for name, text in (("fakepy", FAKE_PYTHON), ("venv_python", VENV_PYTHON)):
        (fake / name).write_text(text)
        (fake / name).chmod(0o755)
    log = tmp_path / "log"
    log.write_text("")
    return repo, fake, log


def run_setup(tmp_path, *, python="fakepy", **env):
    """install/setup.sh in a copy of the checkout's install/ folder, with the fake Python; (result, pip log)."""
    import subprocess
    import sys

    repo, fake, log = fake_checkout(tmp_path)
    environ = {"PATH": f"{fake}:/usr/bin:/bin", "HOME": str(tmp_path), "PYTHON": python, "FAKE_DIR": str(fake),
               "FAKE_LOG": str(log), "REAL_PYTHON": sys.executable, **env}
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


def test_setup_with_too_old_a_python_says_which_it_found(tmp_path):
    result, calls = run_setup(tmp_path, FAKE_OLD="3.9.7")
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["setup: ReaGroove needs Python 3.10 or newer (fakepy is Python 3.9.7)"]
    assert calls == []


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


def test_setup_that_cannot_download_torch_says_what_to_check(tmp_path):
    result, calls = run_setup(tmp_path, FAKE_NO_NETWORK="1", TORCH_INDEX="https://mirror.example/whl/cpu")
    assert result.returncode == 1
    assert "(CPU build) from https://mirror.example/whl/cpu" in result.stdout
    assert result.stderr.splitlines() == [
        "ERROR: No matching distribution",  # pip's own message, then what to do about it
        "setup: cannot install torch==2.13.0 (see pip's message above): check the network, or set TORCH_INDEX"]
    assert not any(" -e " in call for call in calls) and not any(call.startswith("reagroove") for call in calls)


def test_setup_points_a_moved_checkouts_venv_at_its_new_folder(tmp_path):
    run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    activate = tmp_path / "checkout" / ".venv" / "bin" / "activate"
    activate.write_text('VIRTUAL_ENV="/home/me/old place/.venv"\n')  # as `mv checkout elsewhere` leaves it
    result, calls = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    assert "the checkout moved" in result.stdout
    assert "python -m venv .venv" in calls  # by the venv's own python: what it links to stays
    assert activate.read_text() == f'VIRTUAL_ENV="{tmp_path / "checkout" / ".venv"}"\n'
    result, calls = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")  # and only then
    assert "checkout moved" not in result.stdout and "python -m venv .venv" not in calls


def test_setup_sh_only_finds_a_python_for_setup_py():
    # The set-up's steps are written once, in setup.py (which Windows runs without bash).
    code = [line for line in (ROOT / "install" / "setup.sh").read_text().splitlines() if not line.startswith("#")]
    assert code[-1] == 'exec "$PY" install/setup.py "$@"'
    assert not re.search(r"\bpip\b|\bvenv\b|torch|reagroove", "\n".join(code))


# ---------------------------------------------------------------- install/setup.py: the venv's layout on each OS


def load_setup():
    import importlib.util

    spec = importlib.util.spec_from_file_location("reagroove_setup", ROOT / "install" / "setup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on(os_name: str, function, *args):
    """function(*args) with os.name patched for the call only (pathlib and pytest read it too)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "name", os_name)
        return function(*args)


def touch(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)
    return path


def test_setup_py_finds_the_venvs_programs_in_bin_or_scripts(tmp_path):
    setup = load_setup()
    venv = tmp_path / ".venv"
    # No venv yet: where this OS's venv module will put them.
    assert on("nt", setup.venv_program, venv, "python") == venv / "Scripts" / "python.exe"
    assert on("nt", setup.venv_program, venv, "reagroove") == venv / "Scripts" / "reagroove.exe"
    assert on("posix", setup.venv_program, venv, "python") == venv / "bin" / "python"
    # A Windows venv: Scripts\python.exe, Scripts\reagroove.exe.
    touch(venv / "Scripts" / "python.exe").chmod(0o644)  # Windows has no execute bit to set
    touch(venv / "Scripts" / "reagroove.exe").chmod(0o644)
    assert on("nt", setup.venv_program, venv, "python") == venv / "Scripts" / "python.exe"
    assert on("nt", setup.venv_program, venv, "reagroove") == venv / "Scripts" / "reagroove.exe"
    assert on("nt", setup.runnable, venv / "Scripts" / "python.exe") is True
    assert on("posix", setup.runnable, venv / "Scripts" / "python.exe") is False
    # MSYS2's Python on Windows lays a venv out in bin\ (python.exe there).
    msys = tmp_path / "msys" / ".venv"
    touch(msys / "bin" / "python.exe")
    assert on("nt", setup.venv_program, msys, "python") == msys / "bin" / "python.exe"
    # Linux and macOS: bin/python, an executable.
    posix = tmp_path / "posix" / ".venv"
    touch(posix / "bin" / "python")
    assert on("posix", setup.venv_program, posix, "python") == posix / "bin" / "python"
    assert on("posix", setup.runnable, posix / "bin" / "python") is True


def test_setup_py_knows_a_venv_made_in_another_folder_on_each_os(tmp_path):
    setup = load_setup()
    venv = tmp_path / "ReaGroove" / ".venv"
    windows_path = str(venv).replace("/", "\\").upper()  # Windows compares paths without regard to case
    touch(venv / "Scripts" / "python.exe")
    touch(venv / "Scripts" / "activate", f'VIRTUAL_ENV="{windows_path}"\n')
    assert on("nt", setup.made_here, venv) is True
    touch(venv / "Scripts" / "activate", 'VIRTUAL_ENV="C:\\Users\\me\\Old place\\ReaGroove\\.venv"\n')
    assert on("nt", setup.made_here, venv) is False
    (venv / "Scripts" / "activate").unlink()  # only the cmd.exe one: it names the folder too
    touch(venv / "Scripts" / "activate.bat", f'@echo off\nset "VIRTUAL_ENV={windows_path}"\n')
    assert on("nt", setup.made_here, venv) is True
    # Elsewhere paths are compared exactly, and no activate script at all is a venv to point here.
    touch(venv / "bin" / "python")
    touch(venv / "bin" / "activate", f'VIRTUAL_ENV="{str(venv).upper()}"\n')
    assert on("posix", setup.made_here, venv) is (str(venv) == str(venv).upper())
    touch(venv / "bin" / "activate", f'VIRTUAL_ENV="{venv}"\n')
    assert on("posix", setup.made_here, venv) is True
    (venv / "bin" / "activate").unlink()
    assert on("posix", setup.made_here, venv) is False


def test_setup_py_remakes_a_windows_venv_with_the_python_it_was_made_from(tmp_path):
    # A venv's own python.exe cannot be replaced while it runs: on Windows the installation named in
    # pyvenv.cfg remakes it (elsewhere the venv's own python, which keeps what it links to).
    setup = load_setup()
    venv = tmp_path / ".venv"
    touch(venv / "Scripts" / "python.exe")
    touch(venv / "bin" / "python")
    home = tmp_path / "Python312"
    touch(home / "python.exe")
    assert on("nt", setup.base_python, venv, "py.exe") == "py.exe"  # no pyvenv.cfg: the set-up's Python
    touch(venv / "pyvenv.cfg", f"home = {home}\ninclude-system-site-packages = false\nversion = 3.12.4\n")
    assert on("nt", setup.base_python, venv, "py.exe") == str(home / "python.exe")
    touch(venv / "pyvenv.cfg", f"home = {home}\nexecutable = {home / 'python.exe'}\n")
    assert on("nt", setup.base_python, venv, "py.exe") == str(home / "python.exe")
    touch(venv / "pyvenv.cfg", "home = C:\\gone\n")
    assert on("nt", setup.base_python, venv, "py.exe") == "py.exe"
    assert on("posix", setup.base_python, venv, "python3") == str(venv / "bin" / "python")


def test_setup_py_sets_up_a_venv_laid_out_as_on_windows(tmp_path, monkeypatch, capfd):
    # The whole set-up with Windows' layout (Scripts\python.exe, Scripts\reagroove.exe) faked on this OS.
    setup = load_setup()
    repo, fake, log = fake_checkout(tmp_path)
    for name, value in (("FAKE_DIR", fake), ("FAKE_LOG", log), ("FAKE_BIN", "Scripts"), ("FAKE_EXE", ".exe"),
                        ("FAKE_LOCAL_TORCH", "1"), ("PIP_DISABLE_PIP_VERSION_CHECK", "1")):
        monkeypatch.setenv(name, str(value))
    monkeypatch.chdir(tmp_path)  # main() works in the checkout; back here afterwards
    monkeypatch.setattr(setup, "is_windows", lambda: True)
    fakepy, venv = str(fake / "fakepy"), repo / ".venv"

    def run() -> tuple[str, list[str]]:
        log.write_text("")
        assert setup.main([], root=repo, python=fakepy) == 0, capfd.readouterr()
        return capfd.readouterr().out, log.read_text().splitlines()

    out, calls = run()
    assert (venv / "Scripts" / "python.exe").is_file() and (venv / "Scripts" / "reagroove.exe").is_file()
    assert not (venv / "bin").exists()
    assert f"setup: installed reagroove 0.1.0 in {venv}" in out
    assert calls[0] == "fakepy -m venv .venv" and calls[-1] == (  # the main job last: no audio warm-up (audio_dsp)
        "reagroove drumify core/examples/funk_bass.mid -o out/funk_bass_drums.mid")
    assert any("pip install --quiet -e .[model,panel,audio,test]" in call for call in calls)
    # Run again: the venv is reused.
    out, calls = run()
    assert "fakepy -m venv .venv" not in calls and "making it again" not in out and "moved" not in out
    # The checkout moved: remade in place by the Python in pyvenv.cfg, not by the venv's python.exe.
    (venv / "Scripts" / "activate").write_text('VIRTUAL_ENV="C:\\Users\\me\\old place\\.venv"\n')
    (venv / "pyvenv.cfg").write_text(f"home = {fake}\nexecutable = {fakepy}\n")
    out, calls = run()
    assert "the checkout moved" in out and "fakepy -m venv .venv" in calls and "python -m venv .venv" not in calls
    assert (venv / "Scripts" / "activate").read_text() == f'VIRTUAL_ENV="{venv}"\n'
    # An earlier run left it without pip: made again.
    (venv / "no_pip").touch()
    out, calls = run()
    assert "making it again" in out and calls[:2] == ["python -m pip --version", "fakepy -m venv .venv"]
    assert (venv / "Scripts" / "python.exe").is_file() and not (venv / "no_pip").exists()


def test_setup_py_says_in_one_line_what_python_it_needs():
    import ast
    import io
    import tokenize

    setup = load_setup()
    try:
        setup.check_python((3, 9, 7), "C:\\Python39\\python.exe")
    except setup.SetupError as exc:
        assert str(exc) == "ReaGroove needs Python 3.10 or newer (C:\\Python39\\python.exe is Python 3.9.7)"
    else:
        raise AssertionError("Python 3.9 accepted")
    setup.check_python((3, 10, 0), "python3")
    # An older Python (the one `py` or `python3` finds) gets as far as that line: nothing newer than 3.6's syntax.
    text = (ROOT / "install" / "setup.py").read_text()
    ast.parse(text, feature_version=(3, 6))
    strings = [t.string for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.STRING]
    assert not [s for s in strings if s[:2].lower() in ('f"', "f'") or s[:3].lower() in ('rf"', "fr\"")]
    assert "from __future__" not in text and "|" not in "".join(line.split("#")[0] for line in text.splitlines()
                                                              if line.lstrip().startswith("def "))


def test_readme_set_up_gives_the_windows_command_beside_the_bash_one():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Set up and test\n", 1)[1].split("\n## ", 1)[0]
    for command in ("bash install/setup.sh", ".venv/bin/python -m pytest", "py install\\setup.py",
                    ".venv\\Scripts\\python -m pytest"):
        assert command in section, command


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
