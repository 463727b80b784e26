"""Small builders shared by the tests: hand-made grooves and in-memory mido ports."""

import collections

import mido
import numpy as np


def groove_with(steps, vel=0.8, off=0.0):
    """A (32, 3) groove with hits on `steps`, all at velocity `vel` and offset `off`."""
    g = np.zeros((32, 3), np.float32)
    g[list(steps), 0] = 1
    g[list(steps), 1] = vel
    g[list(steps), 2] = off
    return g


class MemoryInput(mido.ports.BaseInput):
    """An in-memory input port: tests put messages in, the player takes them out."""

    def _open(self, **kw):
        self.queue = collections.deque()

    def _receive(self, block=True):
        return self.queue.popleft() if self.queue else None


class MemoryOutput(mido.ports.BaseOutput):
    """An in-memory output port: what was sent stays in `sent`."""

    def _open(self, **kw):
        self.sent = []

    def _send(self, msg):
        self.sent.append(msg)
