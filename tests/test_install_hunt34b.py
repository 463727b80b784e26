"""install/reaper.py as a producer installs, upgrades and uninstalls: failures midway, startup scripts of their
own, files linked elsewhere. Temporary REAPER resource folders only (test_installer.py's fixtures).

Each test here failed on the installer before its fix.
"""

from __future__ import annotations

import os
import signal
import sys

import pytest
from test_installer import REAPER_INI, install, load_installer, make_resource, snapshot


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE: a disk that takes no more bytes")
def test_a_disk_still_full_while_undoing_never_leaves_half_a_reaper_ini(tmp_path, monkeypatch, capsys):
    import resource as rlimit

    installer = load_installer()
    resource = make_resource(tmp_path / "REAPER")
    before = snapshot(resource)
    ini = resource / "reaper.ini"
    real_replace, calls = os.replace, []
    soft, hard = rlimit.getrlimit(rlimit.RLIMIT_FSIZE)

    def disk_fills(src, dst):
        calls.append(dst)
        if len(calls) == 16:  # the disk is full from here on: no file may grow by a byte
            rlimit.setrlimit(rlimit.RLIMIT_FSIZE, (0, hard))
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(installer.os, "replace", disk_fills)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
    try:
        assert installer.main(["--resource-path", str(resource)]) == 2
    finally:
        rlimit.setrlimit(rlimit.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)
    err = capsys.readouterr().err.splitlines()
    text = ini.read_text()
    # Whole: as the installer wrote it (it could not be put back), never emptied by a rewrite in place.
    assert text.startswith("[REAPER]\n") and text.endswith("lastcheck=1763000000\n") and "reascript=1\n" in text
    backup = resource / "reaper.ini.reagroove-backup"
    assert backup.read_text() == REAPER_INI  # the one copy of what it was: kept
    assert len(err) == 1 and "no space left" in err[0].lower() and "nothing was changed" not in err[0], err
    assert "reaper.ini.reagroove-backup" in err[0] and "once there is room" in err[0]
    monkeypatch.setattr(installer.os, "replace", real_replace)
    install(resource)  # once there is room, as it says: the install completes...
    install(resource, "--uninstall")  # ...and uninstall puts the producer's file back as it was
    assert snapshot(resource) == before
