"""ReaGroove's server inside REAPER: reapy's server, bound to loopback and limited to ReaGroove's functions.

reapy's stock server listens on every interface and decodes a request's
function with an object hook that imports any module named in it, so anyone
who can reach the port can run any code (reference.md). This server keeps
reapy's protocol and request loop (one request per connection per defer
tick) but:

- binds 127.0.0.1 only;
- decodes requests with a hook that accepts only the functions listed in
  reaper_side.EXPORTED, and plain JSON arguments; anything else is refused
  with an error result, and nothing is imported;
- bounds how long it waits for a request's body, so a stalled client cannot
  freeze REAPER.

Run inside REAPER by the installed "ReaGroove: Start server" action, the one
owner of the server's deferred loop (install/reaper_scripts/reagroove_common.py):
`start()` registers the defer loop and publishes the port in REAPER's ext
state ("reagroove", "server_port"). An exception in one tick is logged to
REAPER's console and the loop goes on: a loop that stopped would take the
server with it until REAPER restarts.
"""

from __future__ import annotations

import json
import socket
import time

from reapy.tools.network.server import Server

from reagroove.core.constants import EXT_SECTION, SERVER_PORT

from . import reaper_side
from .errors import RefusedRequest

MODULE = reaper_side.__name__
DEFAULT_PORT = SERVER_PORT
MAX_REQUEST_BYTES = 16 * 2**20
BODY_TIMEOUT_S = 2.0
RUNNING_KEY = "server_running"  # ext-state key (this session only): the port this REAPER's server listens on
LOGGED_TICK_ERRORS = 20  # then every 1000th, so a fault that repeats each tick cannot flood the console




def _restricted_hook(obj: dict):
    if "__callable__" in obj:
        if obj.get("module_name") == MODULE and obj.get("name") in reaper_side.EXPORTED:
            return getattr(reaper_side, obj["name"])
        raise RefusedRequest(f"refused: {obj.get('module_name')}.{obj.get('name')} is not a ReaGroove function")
    if "__reapy__" in obj or "__slice__" in obj:
        raise RefusedRequest("refused: only plain JSON arguments are accepted")
    return obj


def decode_request(data: bytes) -> dict:
    """A request as reapy's client sends it, with only ReaGroove's functions allowed."""
    request = json.loads(data.decode("utf-8"), object_hook=_restricted_hook)
    function = request.get("function")
    if function in ("HOLD", "RELEASE"):
        raise RefusedRequest("refused: held connections are not offered")
    if not callable(function):
        raise RefusedRequest("refused: no ReaGroove function named")
    inputs = request.get("input") or {}
    return {"function": function, "input": {"args": list(inputs.get("args", [])), "kwargs": dict(inputs.get("kwargs", {}))}}


def _recv_exactly(sock, length: int, deadline: float) -> bytes:
    """`length` bytes from a socket: a large request (a long selection) arrives in many TCP segments,
    and one recv returns only those already there. Raises socket.timeout past the deadline."""
    chunks, got = [], 0
    while got < length:
        left = deadline - time.monotonic()
        if left <= 0:
            raise socket.timeout("request body too slow")
        sock.settimeout(left)
        chunk = sock.recv(min(length - got, 1 << 20))
        if not chunk:
            raise ConnectionResetError("client closed mid-request")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _client_gave_up(sock) -> bool:
    """True when the client closed its end after sending (the engine stops waiting after its timeout and
    says the request failed): such a request is not run, so a write reported as failed never happens later."""
    try:
        sock.settimeout(0.0)
        return sock.recv(1, socket.MSG_PEEK) == b""
    except (BlockingIOError, socket.timeout, InterruptedError):
        return False
    except OSError:
        return True


def _refusal(message: str):
    def refuse(*args, **kwargs):
        raise PermissionError(message)

    return refuse


class ReaGrooveServer(Server):
    """reapy's Server on 127.0.0.1 that runs only reaper_side.EXPORTED."""

    def __init__(self, port: int = DEFAULT_PORT):
        # Server.__init__ binds 0.0.0.0: set the socket up ourselves instead.
        self._socket = socket.socket()
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.bind(("127.0.0.1", port))
        self.listen()
        self.connections = {}
        self.settimeout(0.0001)
        self.port = self._socket.getsockname()[1]

    def _get_request(self, connection, address):
        sock = connection._socket
        try:
            sock.settimeout(0.0001)
            head = sock.recv(8)
        except socket.timeout:
            return None
        except (ConnectionAbortedError, ConnectionResetError, OSError):
            head = b""
        if len(head) < 8:  # the client has gone: disconnect it, as reapy does
            return {"function": self.disconnect, "input": {"args": [address], "kwargs": {}}}
        length = int.from_bytes(head, "little")
        if not 0 < length <= MAX_REQUEST_BYTES:
            return {"function": self.disconnect, "input": {"args": [address], "kwargs": {}}}
        try:
            body = _recv_exactly(sock, length, time.monotonic() + BODY_TIMEOUT_S)
        except (socket.timeout, OSError):
            return {"function": self.disconnect, "input": {"args": [address], "kwargs": {}}}
        if _client_gave_up(sock):  # REAPER was stalled past the engine's timeout: it told the producer so
            return {"function": self.disconnect, "input": {"args": [address], "kwargs": {}}}
        try:
            return decode_request(body)
        except RefusedRequest as exc:
            return {"function": _refusal(str(exc)), "input": {"args": [], "kwargs": {}}}
        except (ValueError, UnicodeDecodeError, AttributeError, TypeError):
            return {"function": _refusal("refused: malformed request"), "input": {"args": [], "kwargs": {}}}

    def accept(self, *args, **kwargs):
        """reapy's accept, less its error for a client gone before the greeting (an engine that stopped waiting
        on a stalled REAPER, and says so itself): nothing to greet, nothing for the producer to read."""
        try:
            return super().accept(*args, **kwargs)
        except (BrokenPipeError, ConnectionAbortedError, ConnectionResetError):
            return None  # left in self.connections: its next read finds it closed and disconnects it

    def disconnect(self, address):
        connection = self.connections.pop(address, None)
        if connection is not None:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            connection.close()

    def tick(self) -> None:
        """One pass of the loop: accept, answer every pending request."""
        self.accept()
        self.send_results(self.process_requests(self.get_requests()))


def start(port: int = DEFAULT_PORT) -> ReaGrooveServer:
    """Inside REAPER: start the server and keep it running on REAPER's defer loop."""
    import reapy

    server = ReaGrooveServer(port)
    errors = [0]

    def loop():
        try:
            server.tick()
        except Exception as exc:  # noqa: BLE001  (one bad tick must not stop the server)
            errors[0] += 1
            if errors[0] <= LOGGED_TICK_ERRORS or errors[0] % 1000 == 0:
                reaper_side.show_message(f"ReaGroove: server error ({type(exc).__name__}: {exc}); "
                                         f"it keeps running ({errors[0]} so far)")
        reapy.defer(loop)

    reapy.set_ext_state(EXT_SECTION, "server_port", server.port)
    # while it is set, what answers on the port is this server, not another program's (the actions read it:
    # reagroove_common.server_running)
    reapy.set_ext_state(EXT_SECTION, RUNNING_KEY, server.port)
    loop()
    reapy.at_exit(reapy.delete_ext_state, EXT_SECTION, "server_port")
    reapy.at_exit(reapy.delete_ext_state, EXT_SECTION, RUNNING_KEY)
    return server
