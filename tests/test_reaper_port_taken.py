"""Another program (not REAPER) holds ReaGroove's port: it takes the connection and never answers. A run from a
terminal says so in one line, naming the port and --port, and ends there (it had then waited 2 minutes for
REAPER to answer, to repeat the line in REAPER's console); a run from REAPER's actions (its output to the engine
log) still waits, bounded, to say it in REAPER's console."""

import io
import socket
import sys
import threading
import time

import pytest
from test_reaper import engine

from reagroove.core.cli import main
from reagroove.models import drummer
from reagroove.reaper_ext import commands


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def taken_port():
    """A port whose program accepts connections and never writes a byte (a web server waiting for a request);
    yields (port, accepted connections)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)  # to see the test end
    accepted, over = [], threading.Event()

    def serve():
        while not over.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:  # a timeout: look again
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    over.set()
    thread.join()
    server.close()
    for conn in accepted:
        conn.close()


@pytest.fixture
def quick(monkeypatch, tmp_path):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path))
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: engine())
    monkeypatch.setattr(commands, "STALLED_MESSAGE_WAIT_S", 2.0)  # a failing run ends soon too


def run(port, stderr, monkeypatch):
    monkeypatch.setattr(sys, "stderr", stderr)
    t0 = time.monotonic()
    rc = main(["reaper", "drumify", "--port", str(port), "--timeout", "1"])
    return rc, time.monotonic() - t0, stderr.getvalue()


def test_a_terminal_run_names_the_port_and_does_not_wait(taken_port, quick, monkeypatch):
    port, accepted = taken_port
    rc, took, said = run(port, Terminal(), monkeypatch)
    assert rc == 2
    assert said == (f"reagroove: error: drumify gave up and changed nothing: REAPER did not answer within 1 s (a "
                    f"dialog open, a render, or another program on port {port}: see --port). Close the dialog or "
                    "let the render finish, then run drumify again\n")
    assert len(accepted) == 1 and took < 1.9  # no second connection waiting for REAPER to answer again


def test_a_run_from_reaper_still_waits_to_say_it_in_reapers_console(taken_port, quick, monkeypatch):
    port, accepted = taken_port
    rc, took, said = run(port, io.StringIO(), monkeypatch)  # the engine log: no terminal
    assert rc == 2 and said.count("\n") == 1 and f"another program on port {port}" in said
    assert len(accepted) == 2 and took >= 2.9  # 1 s for the action, then the bounded wait
