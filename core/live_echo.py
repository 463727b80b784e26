"""Our own drums coming back on a live session's input (a synth's MIDI thru, one loopback bus for in and out).

Fed as playing, the drums followed themselves, busier each bar and drifting late. A drum note-on that comes back
within ECHO_S of being sent, at its pitch and velocity, is our echo, once the rig has proved it echoes (ECHO_PROOF
sent notes in a row came back), or at once while the player plays on other channels (keys, bass: not pads).
"""

from __future__ import annotations

from collections import deque

from .midi import DRUM_CHANNEL

ECHO_S = 0.1
ECHO_PROOF = 4


class Echoes:
    """The drums sent in the last ECHO_S, and how many came back in a row."""

    def __init__(self):
        self._sent: deque[tuple[float, int, int]] = deque(maxlen=256)  # (seconds, pitch, velocity)
        self._echoed = 0

    def sent(self, seconds: float, pitch: int, velocity: int) -> None:
        self._sent.append((seconds, pitch, velocity))

    def is_echo(self, msg, now: float, band: bool) -> bool:
        """`msg` (at `now`) is a drum note-on we sent, back on the input; `band`: the player's last note was not on the
        drum channel. A pad player's hit that happens to match a drum just sent is still played until the rig has
        proved it echoes."""
        while self._sent and self._sent[0][0] < now - ECHO_S:
            self._sent.popleft()
            self._echoed = 0  # a note that did not come back: no echo, or not any more
        if msg.type != "note_on" or msg.channel != DRUM_CHANNEL or not msg.velocity:
            return False
        for sent in self._sent:
            if sent[1:] == (msg.note, msg.velocity):
                self._sent.remove(sent)
                self._echoed += 1
                # A player on keys or bass does not hit our drum, at its velocity, as it is sent: the first drums
                # echoed (before the rig proved it echoes) were followed as playing, hits the player never made.
                return self._echoed > ECHO_PROOF or band
        return False
