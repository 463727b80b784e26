"""How the engine process reaches REAPER.

`DistantBridge` speaks reapy's wire protocol (8-byte little-endian length,
then JSON) to ReaGroove's server inside REAPER (server.py) over 127.0.0.1,
with bounded timeouts: reapy's own client waits for ever and retries for
ever. `LocalBridge` calls the same functions in this process, for code that
runs inside REAPER and for tests. Both count round trips, so tests can hold
each operation to a handful.
"""

from __future__ import annotations

import json
import socket
import time
from typing import Any

from reagroove.core.constants import SERVER_PORT

from . import reaper_side
from .errors import ReaperError, ReaperSideError, ReaperStalled

DEFAULT_PORT = SERVER_PORT
MODULE = reaper_side.__name__

CONNECT_TIMEOUT_S = 3.0
REPLY_TIMEOUT_S = 5.0


class LocalBridge:
    """Calls reaper_side directly (inside REAPER, or against a simulated REAPER in tests)."""

    def __init__(self):
        self.round_trips = 0

    def call(self, name: str, *args: Any) -> Any:
        if name not in reaper_side.EXPORTED:
            raise ReaperError(f"{name} is not a ReaGroove function")
        self.round_trips += 1
        return json.loads(json.dumps(getattr(reaper_side, name)(*args)))  # the same data as over the wire

    def connect(self) -> None:
        pass

    def close(self) -> None:
        pass


class DistantBridge:
    """A connection to ReaGroove's server inside REAPER."""

    def __init__(self, port: int = DEFAULT_PORT, host: str = "127.0.0.1", *, timeout: float = REPLY_TIMEOUT_S):
        self.port, self.host, self.timeout = port, host, timeout
        self.round_trips = 0
        self._sock: socket.socket | None = None

    def connect(self) -> None:
        """Reach the server now (a ReaperError if REAPER is not there); `call` connects when first needed."""
        self._connect()

    def _connect(self) -> socket.socket:
        if self._sock is not None:
            return self._sock
        where = f"{self.host}:{self.port}"
        try:
            sock = socket.create_connection((self.host, self.port), timeout=CONNECT_TIMEOUT_S)
        except ConnectionRefusedError:
            raise ReaperError(
                f"REAPER is not answering on {where}: start REAPER and run the action 'ReaGroove: Start server' "
                "(installed by install/reaper.py)"
            ) from None
        except (socket.timeout, OSError) as exc:
            raise ReaperError(f"cannot reach REAPER on {where}: {exc.strerror or exc}") from None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(self.timeout)
        try:
            self._recv(sock)  # the server greets with the client's address
        except ReaperError:
            sock.close()
            raise
        self._sock = sock
        return sock

    def _recv(self, sock: socket.socket) -> bytes:
        try:
            head = self._recv_exact(sock, 8)
            return self._recv_exact(sock, int.from_bytes(head, "little"))
        except socket.timeout:
            self.close()
            raise ReaperStalled(f"REAPER did not answer within {self.timeout:g} s (is it stalled, or a dialog open?)") from None
        except OSError as exc:
            self.close()
            raise ReaperError(f"the connection to REAPER was lost: {exc.strerror or exc}") from None

    @staticmethod
    def _recv_exact(sock: socket.socket, n: int) -> bytes:
        chunks, got = [], 0
        while got < n:
            chunk = sock.recv(min(n - got, 1 << 20))
            if not chunk:
                raise ConnectionResetError(104, "REAPER closed the connection")
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def call(self, name: str, *args: Any) -> Any:
        """Run reaper_side.<name>(*args) inside REAPER: one round trip."""
        sock = self._connect()
        request = {
            "function": {"__callable__": True, "module_name": MODULE, "name": name},
            "input": {"args": list(args), "kwargs": {}},
        }
        data = json.dumps(request).encode()
        try:
            sock.sendall(len(data).to_bytes(8, "little") + data)
        except OSError as exc:
            self.close()
            raise ReaperError(f"the connection to REAPER was lost: {exc.strerror or exc}") from None
        self.round_trips += 1
        reply = json.loads(self._recv(sock).decode())
        if reply.get("type") == "error":
            last = (reply.get("traceback", "").strip().splitlines()[-1:] or ["unknown error"])[0]
            # a refusal ReaGroove's side words for the producer (ReaperSideError) reads without its class's path
            kind, sep, text = last.partition(": ")
            if sep and kind.rsplit(".", 1)[-1] == ReaperSideError.__name__:
                last = text
            if name in reaper_side.EXPORTED and last.endswith(f"{MODULE}.{name} is not a ReaGroove function"):
                # a function this ReaGroove has and the server lacks: REAPER still runs the server (and the
                # REAPER-side code) it loaded before ReaGroove was updated, until it restarts
                raise ReaperError(f"REAPER runs an older ReaGroove server (started before ReaGroove was updated), "
                                  f"which lacks {name}: restart REAPER once after updating")
            raise ReaperError(f"REAPER: {last}")
        return reply.get("value")

    def close(self) -> None:
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None


def wait_for_reaper(bridge: DistantBridge, seconds: float) -> None:
    """Retry connecting for a bounded time (REAPER starting up)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            bridge.call("project_info")
            return
        except ReaperError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)
