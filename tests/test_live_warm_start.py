"""A live session pays its first loop's one-off costs when it is made, before the first note (core/live_part.py
`warm_up`): the take's first loop had loaded numpy.ma (the bass reading's np.unique) and made the model's first
generation, 15-25 ms here against 2-3 ms for the loops after it (130-350 ms on a cold machine), out of the look-ahead
REAPER's live follow leaves at slow tempos. In a fresh interpreter (what was loaded before is what a player's process
has), on the shipped model."""

import json
import subprocess
import sys

import pytest

FIRST_TAKE = r"""
import json, sys
from reagroove.models.drummer import default_engine
from reagroove.core.live import LiveSession
session = LiveSession(default_engine(patterns_path=sys.argv[1]))
loaded = set(sys.modules)
calls = []
generate = session.engine.model.generate
session.engine.model.generate = lambda *a, **k: calls.append(1) or generate(*a, **k)
session.bpm = 120.0
session.start(0.0)
for bar in range(2):  # a bass line on the beats and keys on the "and"s, on channels of their own
    for eighth in range(8):
        session.note(40 if eighth % 2 == 0 else 64, eighth % 2)
        session.feed(4 * bar + eighth / 2, 100)
    session.advance(4 * bar + 3.8)
print(json.dumps({"loaded": sorted(m for m in set(sys.modules) - loaded if not m.startswith("_")),
                  "calls": len(calls), "made": session.stats.generated}))
"""


def test_the_takes_first_loop_loads_nothing_the_session_did_not_load_before_the_first_note(tmp_path):
    from reagroove.models.weights import DEFAULT_WEIGHTS

    if not DEFAULT_WEIGHTS.is_file():
        pytest.skip("shipped weights not built yet")
    run = subprocess.run([sys.executable, "-c", FIRST_TAKE, str(tmp_path / "patterns.json")], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    took = json.loads(run.stdout.strip().splitlines()[-1])
    assert took["calls"] >= 1 and took["made"] >= 2  # the take's loops were made by the model
    assert took["loaded"] == [], f"loaded while the first loops were made: {took['loaded']}"
