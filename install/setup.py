"""ReaGroove set-up, on Windows, macOS and Linux: python install/setup.py

Makes a virtual environment in .venv (beside install/) with ReaGroove, its
CPU-only torch and the test tools, then runs the main job on a bundled example.
Run it with any Python 3.10 or newer: `py install\\setup.py` on Windows,
`python3 install/setup.py` (or `bash install/setup.sh`, which finds a Python
and runs this) elsewhere; that Python makes .venv. Safe to run again: it reuses
.venv and only installs what is missing; a .venv made in another folder (the
checkout moved) is pointed here, one left without pip (a failed set-up) is made
again. TORCH_INDEX names the index torch's CPU build comes from.

Standard library only, and nothing newer than Python 3.6 before the version
check, so that an older Python says what it lacks instead of failing to parse.
"""

import argparse
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

MIN_PYTHON = (3, 10)
TORCH = "torch==2.13.0"
TORCH_INDEX = "https://download.pytorch.org/whl/cpu"
EXTRAS = ".[model,panel,audio,test]"
EXAMPLE = "core/examples/funk_bass.mid"
EXAMPLE_OUT = "out/funk_bass_drums.mid"
VENV = ".venv"


def reaper_step(root, moved=False):
    """What to run next to use ReaGroove in REAPER; after a move, the same command again: the actions REAPER
    has still name the old folder, and each of them fails until it is run."""
    command = ".venv\\Scripts\\python install\\reaper.py" if is_windows() else ".venv/bin/python install/reaper.py"
    if sys.platform.startswith("linux") and str(sysconfig.get_config_var("Py_ENABLE_SHARED")) != "1":
        # What install/reaper.py would refuse (reaper_paths.python_library): said now, before REAPER is tried.
        return ("for REAPER: {} has no shared libpython (built without --enable-shared), which REAPER needs to run "
                "ReaGroove's actions; make .venv with a Python that has one (delete .venv, then PYTHON=/path/to/"
                "python3 bash install/setup.sh; pyenv: PYTHON_CONFIGURE_OPTS=--enable-shared pyenv install ...)"
                .format(sys.executable))
    if moved:
        return ("the checkout moved: if ReaGroove is installed in REAPER, its actions still run the old folder; "
                "quit REAPER, then in {} run `{}` again".format(root, command))
    return "to use it in REAPER: quit REAPER, then in {} run `{}` (README: In REAPER)".format(root, command)


class SetupError(Exception):
    """What stops the set-up: printed as one line, `setup: ...`, exit status 1."""


def say(message):
    print("setup: " + message, flush=True)


# ---------------------------------------------------------------- the venv's layout


def is_windows():
    """A Windows Python (python.org's, the Store's, MSYS2's): its venvs are laid out the Windows way."""
    return os.name == "nt"


def venv_program(venv, name, windows=None):
    """A program of the venv (`python`, `reagroove`): <venv>/bin/<name> on Linux and macOS,
    <venv>\\Scripts\\<name>.exe on Windows (MSYS2's Python makes bin\\<name>.exe). The first of those that
    exists, else where this OS's venv puts it."""
    if windows is None:
        windows = is_windows()
    if windows:
        candidates = [venv / "Scripts" / (name + ".exe"), venv / "bin" / (name + ".exe"), venv / "bin" / name]
    else:
        candidates = [venv / "bin" / name]
    for path in candidates:
        if runnable(path, windows):
            return path
    return candidates[0]


def runnable(path, windows=None):
    """A file that can be run (on Windows, any file: there is no execute bit)."""
    if windows is None:
        windows = is_windows()
    return path.is_file() and (windows or os.access(str(path), os.X_OK))


def made_here(venv, windows=None):
    """Whether the venv's activate script names this folder: a checkout moved since its set-up leaves the old
    one there (and `reagroove` is not found once the venv is activated). Paths are compared as the OS does
    (on Windows without regard to case or slash direction)."""
    if windows is None:
        windows = is_windows()
    folder = venv_program(venv, "python", windows).parent
    for name in ("activate", "activate.bat"):  # a Windows venv has both; activate names the folder in both
        try:
            text = (folder / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        here = str(venv.absolute())
        if windows:
            text, here = text.lower().replace("/", "\\"), here.lower().replace("/", "\\")
        return here in text
    return False


def base_python(venv, fallback, windows=None):
    """The interpreter that remakes the venv in place. Elsewhere than Windows the venv's own python (what it
    links to is kept); on Windows the venv's python.exe cannot be replaced while it runs, so the installation
    it was made from (pyvenv.cfg's `executable`, or python.exe in its `home`), else `fallback`."""
    if windows is None:
        windows = is_windows()
    if not windows:
        return str(venv_program(venv, "python", windows))
    config = {}
    try:
        lines = (venv / "pyvenv.cfg").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    for line in lines:
        key, sep, value = line.partition("=")
        if sep:
            config[key.strip().lower()] = value.strip()
    for candidate in (config.get("executable"), os.path.join(config["home"], "python.exe") if config.get("home") else None):
        if candidate and os.path.isfile(candidate):
            return candidate
    return fallback


# ---------------------------------------------------------------- running things


def quiet(command):
    """Run a command with its output dropped; True if it succeeded."""
    try:
        return subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
    except OSError:
        return False


def run(command, failure=None):
    """Run a command, its output shown; a failure ends the set-up (with pip's own message above it)."""
    try:
        code = subprocess.run(command).returncode
    except OSError as exc:
        raise SetupError("cannot run {}: {}".format(command[0], exc.strerror or exc)) from None
    if code != 0:
        raise SetupError(failure or "`{}` failed (exit status {}; its message is above)".format(
            " ".join(str(part) for part in command[1:]), code))


def remove_tree(path):
    """shutil.rmtree that also removes read-only files (Windows will not delete them otherwise)."""
    def retry(function, name, _error):
        os.chmod(name, stat.S_IWRITE)
        function(name)

    if path.exists():
        handler = {"onexc" if sys.version_info >= (3, 12) else "onerror": retry}  # onerror is deprecated in 3.12
        shutil.rmtree(str(path), **handler)


def has_pip(python):
    return quiet([str(python), "-m", "pip", "--version"])


# ---------------------------------------------------------------- the set-up


def check_python(version=None, executable=None):
    version = sys.version_info if version is None else version
    if tuple(version[:2]) < MIN_PYTHON:
        raise SetupError("ReaGroove needs Python 3.10 or newer ({} is Python {})".format(
            executable or sys.executable, ".".join(str(part) for part in version[:3])))


def make_venv(root, python):
    """.venv with pip, made by `python`: reused if it works, pointed here if the checkout moved, made again if an
    earlier run left it without pip. Returns the venv's interpreter."""
    venv = root / VENV
    venv_python = venv_program(venv, "python")
    # A .venv without pip is what a failed `python3 -m venv` leaves behind (Debian and Ubuntu ship venv's
    # ensurepip separately): make it again rather than fail on it at every run.
    if runnable(venv_python) and not has_pip(venv_python):
        say(".venv has no pip (an earlier set-up did not finish): making it again")
        remove_tree(venv)
    # A checkout moved since its set-up: .venv's activate script still names the old folder (and `reagroove`
    # is not found once activated). Making the venv again in place points it here.
    if runnable(venv_python) and not made_here(venv):
        say(".venv was made in another folder (the checkout moved): pointing it at {}".format(venv))
        remove = "delete the .venv folder" if is_windows() else "rm -rf .venv"
        if not quiet_stdout([base_python(venv, python), "-m", "venv", VENV]):
            raise SetupError("cannot update .venv for its new folder: remove it ({}) and run this again".format(remove))
    if not runnable(venv_python):
        say("making the virtual environment {} with {}".format(venv, python))
        try:
            made = subprocess.run([python, "-m", "venv", VENV], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  universal_newlines=True, errors="replace")
            log, ok = made.stdout, made.returncode == 0
        except OSError as exc:
            log, ok = str(exc), False
        venv_python = venv_program(venv, "python")
        if not ok or not has_pip(venv_python):
            remove_tree(venv)
            reason = next((line.strip() for line in log.splitlines()
                           if any(word in line.lower() for word in ("error", "ensurepip", "no module"))), "venv failed")
            raise SetupError(
                "{} cannot make a virtual environment with pip ({}): on Debian/Ubuntu install python3-venv "
                "(sudo apt install python3-venv), then run this again".format(python, reason))
    return venv_python


def quiet_stdout(command):
    """Run a command with its standard output dropped (its errors still shown); True if it succeeded."""
    try:
        return subprocess.run(command, stdout=subprocess.DEVNULL).returncode == 0
    except OSError:
        return False


def install(venv_python, venv=None):
    """CPU torch, then ReaGroove (editable) with its extras."""
    pip = [str(venv_python), "-m", "pip", "install", "--quiet"]
    # pip is quiet (a re-run would list every package as already there), so a first run's minutes of downloads
    # (torch, PySide6, scipy, matplotlib) looked like a hang: said before they start.
    say("installing {}, ReaGroove and their dependencies into {} (a few minutes the first time; pip prints "
        "nothing unless it fails)".format(TORCH, venv or VENV))
    # torch is pinned to its CPU build: PyPI's Linux torch brings GBs of CUDA libraries. A local wheel (pip's
    # --find-links) is used when there is one; otherwise the CPU build comes from PyTorch's CPU index (its
    # 2.13.0+cpu outranks PyPI's 2.13.0; macOS and Windows wheels are CPU-only anyway).
    if not quiet(pip + ["--no-deps", "--no-index", TORCH]):
        index = os.environ.get("TORCH_INDEX") or TORCH_INDEX
        say("downloading {} (CPU build) from {}".format(TORCH, index))
        run(pip + [TORCH, "--extra-index-url", index],
            "cannot install {} (see pip's message above): check the network, or set TORCH_INDEX".format(TORCH))
    run(pip + [TORCH])  # torch's own dependencies, from the usual index
    run(pip + ["-e", EXTRAS])


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, as the set-up's own errors (argparse printed its usage above it)
        print("setup: {} (see python install/setup.py --help)".format(message), file=sys.stderr, flush=True)
        sys.exit(2)


def main(argv=None, root=None, python=None):
    """The whole set-up in `root` (the checkout: the folder above install/) with `python` making the venv."""
    parser = _Parser(
        prog="setup.py", description="Make .venv with ReaGroove (CPU torch) and run it on a bundled example. "
        "Windows: py install\\setup.py; Linux, macOS: python3 install/setup.py (or bash install/setup.sh). "
        "TORCH_INDEX names the index of torch's CPU build (default {}).".format(TORCH_INDEX))
    parser.parse_args(argv)
    try:
        check_python()
        root = Path(os.path.abspath(str(root or Path(__file__).resolve().parents[1])))
        python = python or sys.executable
        os.chdir(str(root))
        os.environ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        # A .venv made in another folder: REAPER's actions, if installed, still run that one (said at the end).
        moved = runnable(venv_program(root / VENV, "python")) and not made_here(root / VENV)
        venv_python = make_venv(root, python)
        install(venv_python, root / VENV)
        reagroove = venv_program(root / VENV, "reagroove")
        try:
            version = subprocess.run([str(reagroove), "--version"], stdout=subprocess.PIPE,
                                     universal_newlines=True, errors="replace").stdout.strip()
        except OSError as exc:
            raise SetupError("ReaGroove was installed but {} cannot be run: {}".format(
                reagroove, exc.strerror or exc)) from None
        say("installed {} in {}".format(version, root / VENV))
        # The main job on the bundled bass line: its drums as a MIDI file (out/ is git-ignored), piano roll printed.
        say("drums for the bundled example {}:".format(EXAMPLE))
        run([str(reagroove), "drumify", EXAMPLE, "-o", EXAMPLE_OUT])
        say("done; drop {} next to the bass line in any DAW".format(root / Path(EXAMPLE_OUT)))
        say(reaper_step(root, moved))
    except SetupError as exc:
        sys.stdout.flush()
        print("setup: {}".format(exc), file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("setup: interrupted (Ctrl-C); run this again to finish", file=sys.stderr, flush=True)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
