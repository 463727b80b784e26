"""A pattern keeps the groove of its low register (its bass), so a path between patterns follows the bass as
drumify does: the kick plays with a bass line at the path's end, not on every beat."""

import json

import numpy as np
import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE

from reagroove.core import read_midi
from reagroove.core.patterns import Pattern, PatternError, load_patterns, pattern_from_file, save_patterns
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

FUNK_STEPS = (0, 3, 6, 7, 8, 10, 11, 14)  # a busy bass line's 16ths, each bar
KEYS = [(b * 4.0 + t, p, 80, 0) for b in range(4) for t in (0.0, 2.0) for p in (60, 64, 67)]  # chords on 1 and 3


def funk_bass(bars=4):
    return [(b * 4.0 + s / 4, 36 if s % 8 == 0 else 43, 110 if s in (0, 8) else 85, 0) for b in range(bars) for s in FUNK_STEPS]


def test_a_bass_file_pattern_carries_its_bass_and_a_keys_file_none(make_midi):
    bass = pattern_from_file(make_midi(funk_bass(), name="bass.mid"))
    keys = pattern_from_file(make_midi(KEYS, name="keys.mid"))
    assert bass.bass is not None and np.flatnonzero(bass.bass[:16, 0] > 0.5).tolist() == list(FUNK_STEPS)
    assert keys.bass is None  # nothing below D3: no bass part


def test_a_saved_pattern_keeps_its_bass_and_a_damaged_one_is_named(tmp_path, make_midi):
    p = pattern_from_file(make_midi(funk_bass(), name="bass.mid"), name="funk line")
    path = tmp_path / "patterns.json"
    save_patterns(path, {p.name: p})
    back = load_patterns(path)["funk line"]
    assert np.array_equal(back.bass, p.bass) and np.array_equal(back.groove, p.groove)
    d = p.to_dict()
    d["bass"] = [[1, 0.5]] * 32
    with pytest.raises(PatternError) as err:
        Pattern.from_dict(d)
    assert "funk line" in str(err.value) and "bass" in str(err.value) and "\n" not in str(err.value)


def test_a_path_to_a_bass_line_ends_with_a_kick_that_follows_it(shipped, make_midi):
    # keys -> funk bass line: the path's last loop is the bass line's own point, and its kick plays with the
    # line as drumify's does (without the line's bass groove it kicked 8 times, on the beats, 3 of them off it)
    keys = pattern_from_file(make_midi(KEYS, name="keys.mid"))
    line = make_midi(funk_bass(), name="bass.mid")
    bass = pattern_from_file(line)
    path = shipped.interpolate(keys, bass, 4, Settings())
    kick = path[-1, :, 0] > 0.5
    onsets = bass.bass[:, 0] > 0.5
    assert (kick & onsets).sum() >= 0.9 * kick.sum() and kick.sum() >= 0.6 * onsets.sum()
    drumified = shipped.drumify(read_midi(line), Settings()).loops[0, :, 0] > 0.5
    assert (kick & drumified).sum() >= 0.8 * (kick | drumified).sum()


def test_the_cli_path_between_two_files_follows_the_bass_line(tmp_path, make_midi):
    from reagroove.core.cli import main
    from reagroove.core.midi import read_midi as read

    keys, line = make_midi(KEYS, name="keys.mid"), make_midi(funk_bass(), name="bass.mid")
    out = tmp_path / "path.mid"
    assert main(["interpolate", str(keys), str(line), "--steps", "3", "-o", str(out), "--quiet"]) == 0
    notes = read(out).notes
    kicks = notes.start[notes.pitch == 36]
    last = kicks[kicks >= 16.0] - 16.0  # the last loop: bars 5-6
    on_line = {round(b * 4 + s / 4, 3) for b in range(2) for s in FUNK_STEPS}
    # with the line: most of its 16 notes (without its bass groove: 8, its 1, 2&, 3 and the "a" of 1)
    assert len(last) >= 0.6 * len(on_line) and np.mean([round(float(t) * 4) / 4 in on_line for t in last]) >= 0.9


def test_a_reaper_selection_as_a_pattern_carries_its_bass():
    spec = ProjectSpec(bpm=100)
    t = spec.add_track("Bass")
    notes = [[b * 4.0 + s / 4, 0.2, 36, 100] for b in range(2) for s in FUNK_STEPS]
    spec.add_midi_item(t, notes, start_qn=0.0, length_qn=8.0, selected=True)
    with reapy_inside(spec, purge=PURGE):
        pattern = actions.pattern_from_selection(LocalBridge(), "reaper-A")
    assert pattern.bass is not None and np.flatnonzero(pattern.bass[:16, 0] > 0.5).tolist() == list(FUNK_STEPS)
    assert json.loads(json.dumps(pattern.to_dict()))["bass"]


def test_a_drum_item_selected_in_reaper_as_a_pattern_keeps_its_drums():
    # Set pattern A from the producer's own drum item: a drum file's pattern keeps its drum loop (the pad then
    # leans toward those drums); REAPER's had kept only their rhythm, so the pad leaned toward a guess at them
    spec = ProjectSpec(bpm=100)
    t = spec.add_track("Drums loop")
    notes = [[b * 4.0 + q, 0.1, 36 if q in (0, 2) else 38, 110, 9] for b in range(2) for q in range(4)]
    notes += [[k / 2, 0.1, 42, 80, 9] for k in range(16)]
    spec.add_midi_item(t, notes, start_qn=0.0, length_qn=8.0, selected=True)
    with reapy_inside(spec, purge=PURGE):
        pattern = actions.pattern_from_selection(LocalBridge(), "reaper-A")
    assert pattern.loop is not None and pattern.bass is None  # drums are never the bass
    kick, snare, hat = (np.flatnonzero(pattern.loop[:, v] > 0.5).tolist() for v in (0, 1, 2))
    assert kick == [0, 8, 16, 24] and snare == [4, 12, 20, 28] and hat == list(range(0, 32, 2))
