"""The editor's opening line leaves out the windows' "bars X-Y have no notes: the drums keep time through them" where
Drumify's form says those bars' comeback with what the drums play there (form_notes.rests_said_once).

Opening a drum part whose kit rests 20 bars had read "the drums keep time through them" where Drumify says "the
drums rest with it"; a band's rest was read twice, on opening and in the preview's notes."""

from conftest import build_midi
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE

from reagroove.core import read_midi
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.panel.input_groove import input_from_midi, input_from_selection


def _kit(bars):
    """A drum kit's 8th-note hats, kick and snare (channel 10) over `bars`."""
    return [((b - 1) * 4 + t / 2, 42, 80, 9) for b in bars for t in range(8)] + \
        [((b - 1) * 4 + t, 36 if t % 2 == 0 else 38, 100, 9) for b in bars for t in range(4)]


def _bass(bars):
    return [((b - 1) * 4 + t / 2, 40 + t % 2 * 7, 90, 0) for b in bars for t in range(8)]


def _rest_lines(messages, first, last) -> list:
    return [m for m in messages if f"bars {first}-{last} " in m or f"bars {first}-{last}," in m]


def test_a_drum_parts_kit_resting_is_not_said_as_drums_keeping_time(shipped, tmp_path):
    path = build_midi(tmp_path / "kit.mid", sorted(_kit(range(1, 9)) + _kit(range(29, 37))), length=0.1)
    drumify = shipped.drumify(read_midi(path), Settings()).messages
    assert [m for m in _rest_lines(drumify, 9, 28) if "the drums rest with it" in m], drumify
    opened = input_from_midi(path).messages
    assert not [m for m in opened if "keep time" in m], opened


def test_a_bands_rest_is_said_once_by_the_form_not_also_on_opening(shipped, tmp_path):
    path = build_midi(tmp_path / "rest.mid", sorted(_bass(range(1, 5)) + _bass(range(25, 29))), length=0.1)
    drumify = shipped.drumify(read_midi(path), Settings()).messages
    assert len(_rest_lines(drumify, 5, 24)) == 1 and "comes back in bar 25" in _rest_lines(drumify, 5, 24)[0]
    opened = input_from_midi(path).messages
    assert _rest_lines(opened, 5, 24) == [], opened


def test_a_reaper_selections_rest_is_said_once_too(shipped):
    """Two bass items selected on one track, bars 1-4 and 25-28, nothing between: the rest is the form's to say."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    for first in (1, 25):
        notes = [((b - 1) * 4 + t / 2, 0.4, 40 + t % 2 * 7, 90) for b in range(1, 5) for t in range(8)]
        spec.add_midi_item(bass, notes, start_qn=(first - 1) * 4, length_qn=16, selected=True)
    with reapy_inside(spec, purge=PURGE):
        opened = input_from_selection(LocalBridge()).messages
        drumify = actions.drumify_selection(LocalBridge(), shipped, Settings())["messages"]
    assert [m for m in _rest_lines(drumify, 5, 24) if "comes back in bar 25" in m], drumify
    assert not [m for m in opened if "have no notes" in m], opened
