"""install/reaper.py on a producer's Scripts/__startup.lua that stops early with `do return end` (Lua's idiom
for returning mid-file: everything after it is dead code). Temporary REAPER resource folders only
(test_installer.py's fixtures)."""

from __future__ import annotations

import pytest
from test_installer import install, make_resource

# A startup script switched off below a point with `do return end` (code after it kept for later).
STOPPING_STARTUP = """\
-- My startup: REAPER runs it when it starts.
reaper.ShowConsoleMsg("hi\\n")
do return end
reaper.ShowConsoleMsg("old experiment\\n")
"""


def test_a_startup_lua_that_stops_with_do_return_end_gets_the_block_before_it(tmp_path):
    """The producer's __startup.lua has a top-level `do return end`: the installer appended its block after it,
    where Lua never runs it, so ReaGroove's server never started with REAPER."""
    resource = make_resource(tmp_path / "REAPER")
    startup = resource / "Scripts" / "__startup.lua"
    startup.write_text(STOPPING_STARTUP)
    install(resource)
    text = startup.read_text()
    assert "NamedCommandLookup" in text
    assert text.index('"hi\\n")') < text.index("NamedCommandLookup") < text.index("do return end")
    assert text.endswith('reaper.ShowConsoleMsg("old experiment\\n")\n')
    assert "nothing to change" in install(resource).stdout
    install(resource, "--uninstall")
    assert startup.read_text() == STOPPING_STARTUP


def test_a_block_an_earlier_version_put_after_do_return_end_moves_before_it(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    startup = resource / "Scripts" / "__startup.lua"
    startup.write_text(STOPPING_STARTUP)
    install(resource)
    good = startup.read_text()
    block = good[good.index("-- >>> ReaGroove"):good.index("-- <<< ReaGroove <<<\n") + 21]
    startup.write_text(STOPPING_STARTUP + "\n" + block)  # what the earlier installer left: dead code
    assert "moved before" in install(resource).stdout
    assert startup.read_text() == good


def test_do_return_end_after_code_on_the_same_line_gets_the_block_between(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    startup = resource / "Scripts" / "__startup.lua"
    startup.write_text("local x = 1 do do return end end\nprint(x)\n")
    install(resource)
    text = startup.read_text()
    assert text.startswith("local x = 1\n\n-- >>> ReaGroove") and text.endswith("do do return end end\nprint(x)\n")


@pytest.mark.parametrize("theirs", [
    "while true do return end\nreaper.ShowConsoleMsg('x')\n",  # a loop's `do`: it may not run
    "for i = 1, n do return end\nx = 1\n",
    "if x then do return end end\nx = 1\n",  # inside an if: not always
    "local function f() do return end end\nf()\n",  # a function's own return
])
def test_a_do_return_end_that_may_not_run_leaves_the_block_at_the_end(tmp_path, theirs):
    resource = make_resource(tmp_path / "REAPER")
    startup = resource / "Scripts" / "__startup.lua"
    startup.write_text(theirs)
    install(resource)
    text = startup.read_text()
    assert text.startswith(theirs + "\n-- >>> ReaGroove") and text.endswith("-- <<< ReaGroove <<<\n")
