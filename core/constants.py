"""Constants shared by every layer, written once."""

# ReaGroove's own server inside REAPER listens on 127.0.0.1 at this port (install/reaper.py --port changes it).
SERVER_PORT = 2317
# Section of REAPER's extended state (reaper-extstate.ini, GetExtState/SetExtState) that ReaGroove owns.
EXT_SECTION = "reagroove"
# General MIDI drums: channel 10, 0-based 9 in mido.
DRUM_CHANNEL = 9
