"""Run by the simulated REAPER as a ReaScript: start ReaGroove's server on a free loopback port.

What the installed action 'ReaGroove: Start server' does, with port 0 so tests never collide.
"""

from reagroove.reaper_ext.server import start

start(0)
