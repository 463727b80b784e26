"""install/reaper.py with what a user already has: their own files, odd paths, half-finished installs.

The fixtures and helpers are test_installer.py's (a temporary REAPER resource folder, never a real one).
"""

from __future__ import annotations

from test_installer import install, make_resource


def test_uninstall_keeps_the_users_own_files_in_the_scripts_folder(tmp_path):
    # The installer created Scripts/ and Scripts/ReaGroove/; the user then saved a script of their own there.
    resource = make_resource(tmp_path / "REAPER", startup=False, kb=False, extstate=False)
    install(resource)
    mine = resource / "Scripts" / "ReaGroove" / "my_tweak.lua"
    mine.write_bytes(b"-- my own tweak\r\n")
    result = install(resource, "--uninstall")
    assert mine.read_bytes() == b"-- my own tweak\r\n"
    assert sorted(p.name for p in (resource / "Scripts" / "ReaGroove").iterdir()) == ["my_tweak.lua"]
    assert "kept    Scripts/ReaGroove/ (not empty: my_tweak.lua)" in result.stdout
    assert "nothing to change" in install(resource, "--uninstall").stdout  # nothing of ReaGroove's is left
