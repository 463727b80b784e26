"""Parts of the simulated REAPER that talk to the outside: reapy's server (on
loopback), REAPER's web interface (what reapy's client asks for the server
port), and a round-trip counter.

Import this module only where reapy has been imported *inside* the simulated
REAPER (``fake_reaper.enter_inside``): it uses the real reapy server classes.
"""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse

import reapy
from reapy.tools.network.server import Server
from reapy.tools.network.socket import Socket


class LoopbackServer(Server):
    """reapy's own ``Server``, bound to 127.0.0.1 instead of 0.0.0.0.

    ``port=0`` picks a free port (read it from :attr:`port`). Everything else
    (request decoding, HOLD/RELEASE, per-defer-tick processing) is reapy's code.
    """

    bind_host = "127.0.0.1"

    def bind(self, address):
        return super().bind((self.bind_host, address[1]))

    @property
    def port(self):
        return self._socket.getsockname()[1]

    def drop_clients(self):
        """Close the connections of all clients (as if the network dropped them)."""
        for address in list(self.connections):
            try:
                self.connections[address].shutdown(2)
            except OSError:
                pass
            try:
                self.connections[address].close()
            except OSError:
                pass
            self.connections.pop(address, None)

    def close_all(self):
        for address in list(self.connections):
            try:
                self.connections[address].close()
            except OSError:
                pass
            self.connections.pop(address, None)
        try:
            self._socket.close()
        except OSError:
            pass


class RoundTripCounter:
    """Counts messages received by server-side sockets (one per client request).

    It wraps reapy's ``Socket.accept`` (to tag server-side connections) and
    ``Socket.recv`` (to count what those connections receive), so it counts
    for any server built on reapy's ``Socket``, reapy's or ReaGroove's own.
    """

    def __init__(self, keep=2000):
        self.count = 0
        self.log = []
        self.keep = keep
        self._lock = threading.Lock()
        self._orig = None

    def install(self):
        if self._orig is not None:
            return self
        orig_accept, orig_recv = Socket.accept, Socket.recv
        counter = self

        def accept(sock_self, *args, **kwargs):
            connection, address = orig_accept(sock_self, *args, **kwargs)
            connection._fake_reaper_server_side = True
            return connection, address

        def recv(sock_self, timeout=.0001):
            data = orig_recv(sock_self, timeout)
            if getattr(sock_self, "_fake_reaper_server_side", False):
                counter._record(data)
            return data

        self._orig = (orig_accept, orig_recv)
        Socket.accept, Socket.recv = accept, recv
        return self

    def uninstall(self):
        if self._orig is not None:
            Socket.accept, Socket.recv = self._orig
            self._orig = None

    def _record(self, data):
        try:
            req = json.loads(data.decode())
            fn = req.get("function") if isinstance(req, dict) else None
            if isinstance(fn, dict):
                desc = "%s:%s" % (fn.get("module_name"), fn.get("name"))
            else:
                desc = str(fn)
        except Exception:
            desc = "<%d bytes>" % len(data)
        with self._lock:
            self.count += 1
            self.log.append(desc)
            if len(self.log) > self.keep:
                del self.log[: len(self.log) - self.keep]

    def reset(self):
        with self._lock:
            self.count = 0
            self.log = []


class ServerHandle:
    def __init__(self, server):
        self.server = server
        self.port = server.port
        self.stopped = False

    def stop(self):
        self.stopped = True
        close = getattr(self.server, "close_all", None)
        if close is not None:
            close()
        else:
            self.server.close()


def start_reapy_server(port=0, server_class=LoopbackServer, ext_section="reapy", ext_key="server_port"):
    """What ``reapy/reascripts/activate_reapy_server.py`` does, on loopback.

    Creates the server, publishes its port in the ext state (``reapy`` /
    ``server_port``, where reapy's client reads it through the web interface)
    and serves one round of requests per defer cycle with ``reapy.defer``.
    Must run inside the simulated REAPER (on its main thread).
    """
    server = server_class(port)
    handle = ServerHandle(server)
    reapy.set_ext_state(ext_section, ext_key, handle.port)

    def run_main_loop():
        if handle.stopped:
            return
        server.accept()
        requests = server.get_requests()
        results = server.process_requests(requests)
        server.send_results(results)
        if not handle.stopped:
            reapy.defer(run_main_loop)

    run_main_loop()
    reapy.at_exit(reapy.delete_ext_state, ext_section, ext_key)
    return handle


class WebInterface:
    """The bits of REAPER's web interface (``/_/`` commands) reapy's client uses.

    Supports ``GET/EXTSTATE/section/key``, ``SET/EXTSTATE/section/key/value``,
    ``SET/EXTSTATEPERSIST/...``, ``TRANSPORT``, ``NTRACK``, numeric action ids
    and named actions (``_RS...``), several separated by ``;``. Requests are
    served under the REAPER lock, so a stalled REAPER does not answer.
    """

    def __init__(self, reaper, rpr, host="127.0.0.1", port=0, lock_timeout=2.0):
        self.reaper = reaper
        self.rpr = rpr
        self.lock_timeout = lock_timeout
        web = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path
                if not path.startswith("/_/"):
                    self.send_error(404)
                    return
                if not web.reaper.lock.acquire(timeout=web.lock_timeout):
                    self.close_connection = True
                    return  # REAPER is busy: no answer
                try:
                    body = web.handle(path[3:])
                finally:
                    web.reaper.lock.release()
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = None

    def handle(self, commands):
        out = []
        for cmd in commands.split(";"):
            if not cmd:
                continue
            parts = [urllib.parse.unquote(p) for p in cmd.split("/")]
            if parts[0] == "GET" and len(parts) >= 4 and parts[1] == "EXTSTATE":
                value = self.rpr.RPR_GetExtState(parts[2], parts[3])
                out.append("EXTSTATE\t%s\t%s\t%s\n" % (parts[2], parts[3], value))
            elif parts[0] == "SET" and len(parts) >= 5 and parts[1] in ("EXTSTATE", "EXTSTATEPERSIST"):
                self.rpr.RPR_SetExtState(parts[2], parts[3], "/".join(parts[4:]), parts[1] == "EXTSTATEPERSIST")
            elif parts[0] == "TRANSPORT":
                st = self.rpr.RPR_GetPlayState()
                pos = self.rpr.RPR_GetPlayPosition() if st & 1 else self.rpr.RPR_GetCursorPosition()
                out.append("TRANSPORT\t%d\t%.6f\t%d\t%.3f\t%.3f\n" % (st, pos, self.rpr.RPR_GetSetRepeat(-1), pos, pos))
            elif parts[0] == "NTRACK":
                out.append("NTRACK\t%d\n" % self.rpr.RPR_CountTracks(0))
            elif cmd.isdigit():
                self.rpr.RPR_Main_OnCommand(int(cmd), 0)
            elif cmd.startswith("_"):
                cid = self.rpr.RPR_NamedCommandLookup(cmd)
                if cid:
                    self.rpr.RPR_Main_OnCommand(cid, 0)
        return "".join(out)

    def start(self):
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-reaper-web", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout=5.0):
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout)
            self._thread = None
        self.httpd.server_close()
