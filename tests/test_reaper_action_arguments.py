"""`reagroove reaper variations --count N` (what REAPER's Variations action runs, with the count the producer typed in
its dialog) with a count out of range and REAPER not answering: it said only that REAPER was not answering, and once
REAPER was up, that the count was wrong, one mistake at a time. The count is checked first, as any mistyped option
is, in one line, before REAPER is reached or the network loaded."""

import socket

import pytest
from stub_model import StubModel

from reagroove.core.engine import Engine


def unused_port() -> int:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return free.getsockname()[1]


@pytest.mark.parametrize("count", ["0", "65"])
def test_a_count_out_of_range_is_said_before_reaper_is_reached(count, monkeypatch, capsys):
    from reagroove.core.cli import main
    from reagroove.models import drummer

    loaded = []
    monkeypatch.setattr(drummer, "default_engine", lambda *a, **k: loaded.append(a) or Engine(StubModel()))
    assert main(["reaper", "variations", "--count", count, "--port", str(unused_port())]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"reagroove: error: --count must be a whole number from 1 to 64, got {count}"] and not loaded
