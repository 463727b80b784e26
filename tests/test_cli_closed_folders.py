"""A part, settings file or output inside a folder the user cannot open (no permission to enter it): one line naming
that folder. Reading a file there was said as "permission denied (a read-only folder?)", a hint for writing, and an
audio file there as "no such file". Each test failed on the code before its fix.

Permissions bind no root user: run as root, the commands run as 'nobody' (the folders here are open to it)."""

import os
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import pytest
from conftest import build_midi


def _as_user() -> list[str]:
    """The command prefix that runs a command as 'nobody' when this is root (none otherwise); skips where that
    cannot be done."""
    if not hasattr(os, "geteuid"):
        pytest.skip("POSIX permissions")
    if os.geteuid() != 0:
        return []
    import pwd

    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no 'nobody' user to drop root to")
    if shutil.which("setpriv") is None:
        pytest.skip("no setpriv to drop root with")
    prefix = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
    if subprocess.run([*prefix, sys.executable, "-c", "import reagroove.core.cli"]).returncode != 0:
        pytest.skip("'nobody' cannot run this Python")
    return prefix


@pytest.fixture
def closed(tmp_path):
    """(base folder, a folder in it holding a MIDI part, a WAV and settings, and closed to its user, run)."""
    as_user = _as_user()
    base = Path(tempfile.mkdtemp(prefix="reagroove_closed_"))  # pytest's own tmp folders are root's alone
    base.chmod(0o777)
    shut = base / "shut"
    shut.mkdir()
    build_midi(shut / "bass.mid", [(b / 2, 36 + (b % 4) * 2, 90, 0) for b in range(32)])
    with wave.open(str(shut / "take.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(22050), w.writeframes(b"\x10\x00" * 22050)
    (shut / "s.json").write_text("{}")
    (base / "out").mkdir(mode=0o777)
    (base / "out").chmod(0o777)
    shut.chmod(0)

    def run(*argv):
        env = {**os.environ, "HOME": str(base), "REAGROOVE_DATA": str(base / "data")}
        return subprocess.run([*as_user, sys.executable, "-m", "reagroove.core.cli", *argv], cwd=base, env=env,
                              capture_output=True, text=True, timeout=120)

    yield base, run
    shut.chmod(0o755)
    shutil.rmtree(base)


@pytest.mark.parametrize("argv", [
    ["groove", "shut/take.wav"],
    ["groove", "shut/bass.mid"],
    ["drumify", "shut/bass.mid", "-o", "out/drums.mid"],
    ["patterns", "add", "verse", "shut/take.wav"],
])
def test_a_part_in_a_folder_that_cannot_be_opened_names_the_folder(closed, argv):
    base, run = closed
    done = run(*argv)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith(f"reagroove: error: {argv[-1] if argv[0] != 'drumify' else argv[1]}: ")
    assert "permission denied on its folder shut" in lines[0] and "read-only" not in lines[0]
    assert list((base / "out").iterdir()) == []


def test_settings_in_a_folder_that_cannot_be_opened_name_the_folder(closed):
    base, run = closed
    build_midi(base / "bass.mid", [(b / 2, 36, 90, 0) for b in range(16)])
    done = run("drumify", "bass.mid", "-o", "out/drums.mid", "--settings", "shut/s.json")
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "shut/s.json" in lines[0] and "permission denied on its folder shut" in lines[0]
    assert list((base / "out").iterdir()) == []
