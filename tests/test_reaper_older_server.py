"""REAPER still running the server an older ReaGroove started, after ReaGroove was updated mid-session: REAPER keeps
that server (and the REAPER-side code it loaded) until it restarts. The actions said "Another program is using
port ...", and the engine said a bare refusal of a function it needs: both now say an older ReaGroove server runs
in REAPER and to restart REAPER once."""

import socket

from test_install_actions import HARNESS, fake_reaper  # noqa: F401  (its fixture)
from test_installer import resource  # noqa: F401  (its fixture)
from test_reaper import bass_project, reaper_process  # noqa: F401  (a fixture)

from reagroove.reaper_ext.bridge import DistantBridge, ReaperError

# An older ReaGroove's server, started by its start-server action earlier in this REAPER's Python: it listens on
# the port and never set the `server_running` mark (it came later).
OLDER_SERVER = """
import socket as _socket
class ReaGrooveServer:
    def __init__(self, port):
        self._socket = _socket.socket()
        self._socket.bind(("127.0.0.1", port))
        self._socket.listen()
        self.port = self._socket.getsockname()[1]
older = ReaGrooveServer({port})
"""


def with_older_server(tmp_path, port):
    marker = 'for script in spec["scripts"]:'
    assert marker in HARNESS
    (tmp_path / "harness.py").write_text(HARNESS.replace(marker, OLDER_SERVER.format(port=port) + marker))


def test_an_older_reagroove_server_in_this_reaper_is_said_with_restart_not_as_another_program(fake_reaper, tmp_path):
    port = fake_reaper["port"]
    for script in ("reagroove_start_server.py", "reagroove_drumify.py"):
        with_older_server(tmp_path, port)
        result = fake_reaper["run"](script)
        boxes = [c[1] for c in result["calls"] if c[0] == "ShowMessageBox"]
        assert len(boxes) == 1, result
        assert "older ReaGroove server is running in this REAPER" in boxes[0] and "restart REAPER once" in boxes[0]
        assert "Another program" not in boxes[0]
        assert not any(c[0] == "start" for c in result["calls"]) and not result["spawned"]


def test_another_program_on_the_port_still_says_so_and_names_the_update_case(fake_reaper):
    with socket.socket() as other:  # not in REAPER's Python: not ReaGroove's server
        other.bind(("127.0.0.1", fake_reaper["port"]))
        other.listen()
        result = fake_reaper["run"]("reagroove_drumify.py")
    boxes = [c[1] for c in result["calls"] if c[0] == "ShowMessageBox"]
    assert len(boxes) == 1 and f"Another program is using port {fake_reaper['port']}" in boxes[0]
    assert "older ReaGroove server" not in boxes[0] and "updated ReaGroove while REAPER was running" in boxes[0]


def test_the_engine_says_an_older_server_lacking_a_function_needs_reaper_restarted(reaper_process):
    proc, port = reaper_process(bass_project())
    proc.exec("from reagroove.reaper_ext import reaper_side\n"  # the older server's functions: one missing
              "reaper_side.EXPORTED = tuple(n for n in reaper_side.EXPORTED if n != 'drum_track_items')\n"
              "result = None")
    bridge = DistantBridge(port)
    try:
        assert bridge.call("project_info")["tempos"]  # what both have still answers
        try:
            bridge.call("drum_track_items")
        except ReaperError as exc:
            said = str(exc)
        else:
            raise AssertionError("the older server ran a function it lacks")
    finally:
        bridge.close()
    assert "older ReaGroove server" in said and "restart REAPER once" in said and "drum_track_items" in said
    assert "\n" not in said
