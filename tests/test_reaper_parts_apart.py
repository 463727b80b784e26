"""A band's parts on REAPER tracks of their own are told apart as the CLI tells a file's MIDI tracks apart.

Every selected item had been read onto one track, its parts told apart by MIDI channel only; REAPER's tracks are
usually all on channel 1, so a band of four tracks was one part: its parts joining (sections.layer_sections) or
swapped (part_swap_sections) were never heard in REAPER, while the CLI, on the same song as a file of one track
per part, played a fill into the new section and a crash on it. Simulated REAPER, the shipped model."""

import numpy as np
from conftest import build_midi
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE

from reagroove.core import read_midi
from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.groove import extract_windows
from reagroove.core.loop import VOICES
from reagroove.core.sections import layer_sections
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

BPM = 120
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
CRASH = VOICES.index("crash")
RIFF, CUT = "BBB.B.BBB.B.B.BB", "BBBBBBBBB.B....."  # the bass's riff, then cut short when the parts swap


def _bass(bars, figure):
    return [((b - 1) * 4 + i / 4, 0.2, 40, 100) for b in bars for i, c in enumerate(figure) if c == "B"]


def _funk_bass(bars):
    return [((b - 1) * 4 + t, 0.25, p, 100) for b in bars for t, p in
            [(0, 40), (0.75, 40), (1.5, 47), (2.5, 40), (3.0, 42), (3.5, 44)]]


def _lead(bars):
    return [((b - 1) * 4 + t / 2, 0.4, 72 + t % 5, 90) for b in bars for t in range(8)]


def _pad(bars):
    return [((b - 1) * 4 + t, 1.5, 60, 80) for b in bars for t in (0.0, 2.0)]


def _bell(bars):
    return [((b - 1) * 4, 1.0, 84, 90) for b in bars]


def _swapped_band():
    """{track: notes (qn, length, pitch, velocity)}: a lead and the bass's riff for bars 1-13; from bar 14 the lead
    out, a pad and a bell in, the bass's rhythm cut short."""
    first, then = range(1, 14), range(14, 25)
    return {"Lead": _lead(first), "Bass": _bass(first, RIFF) + _bass(then, CUT), "Pad": _pad(then), "Bell": _bell(then)}


def _joining_band():
    """The bass alone for bars 1-8, a pad and a bell joining it on bar 9."""
    return {"Bass": _funk_bass(range(1, 17)), "Pad": _pad(range(9, 17)), "Bell": _bell(range(9, 17))}


def _project(band: dict) -> ProjectSpec:
    """Each part an item on a REAPER track of its own, all on MIDI channel 1, from its first note's bar to its last's."""
    spec = ProjectSpec(bpm=BPM)
    for name, notes in band.items():
        lo = min(n[0] for n in notes) // 4 * 4
        hi = -(-max(n[0] + n[1] for n in notes) // 4) * 4
        spec.add_midi_item(spec.add_track(name), [(n[0] - lo, *n[1:]) for n in notes], start_qn=lo,
                           length_qn=hi - lo, selected=True, name=name)
    return spec


def _file(tmp_path, band: dict):
    """The same song as the CLI reads it: a MIDI file of one track per part, all on channel 1."""
    rows = [(n[0], n[2], n[3], 0, k) for k, notes in enumerate(band.values()) for n in notes]
    return build_midi(tmp_path / "band.mid", sorted(rows), tempos=((0, BPM),), length=0.1)


def _reaper_drums(band: dict, engine) -> tuple[list, list]:
    """(the drums Drumify writes in REAPER as (qn, voice), its messages)."""
    with reapy_inside(_project(band), purge=PURGE):
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine, Settings())
        voice = GM_DRUM_MAP.voice_of_pitch()
        hits = [(float(n[0]), int(voice[n[2]])) for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]
    return hits, res["messages"]


def _cli_drums(path, engine) -> tuple[list, list]:
    """(the CLI's drums as (qn, voice) on the 16th grid, its messages) for the file."""
    res = engine.drumify(read_midi(path), Settings())
    hits = [(float(start + step / 4), int(v)) for start, loop in zip(res.starts, np.asarray(res.loops))
            for step, v in zip(*np.nonzero(loop[:, :len(VOICES)] > 0))]
    return hits, res.messages


def _fill_and_crash(hits: list, bar: int) -> tuple[bool, bool]:
    """(toms in the bar before `bar`: a fill into it; a crash on its first beat)."""
    one = (bar - 1) * 4.0
    return (any(one - 4 <= t < one and v in TOMS for t, v in hits),
            any(abs(t - one) < 0.125 and v == CRASH for t, v in hits))


def _section_line(messages: list, bar: int) -> list:
    return [m for m in messages if f"bar {bar} " in m and "new section" in m]


def test_a_band_swapping_parts_across_its_tracks_gets_the_fill_and_crash_the_cli_plays(shipped, tmp_path):
    band = _swapped_band()
    cli, cli_said = _cli_drums(_file(tmp_path, band), shipped)
    assert _fill_and_crash(cli, 14) == (True, True) and _section_line(cli_said, 14), cli_said
    reaper, said = _reaper_drums(band, shipped)
    assert _section_line(said, 14) == _section_line(cli_said, 14), said
    assert _fill_and_crash(reaper, 14) == (True, True)


def test_parts_joining_the_bass_on_their_own_tracks_start_a_section_as_in_the_cli(shipped, tmp_path):
    band = _joining_band()
    path = _file(tmp_path, band)
    wins = extract_windows(read_midi(path))
    joins = layer_sections(wins.parts, wins.bars, [], [])
    assert list(joins) == [9]  # the CLI hears the pad and the bell join the bass
    with reapy_inside(_project(band), purge=PURGE):
        sel = actions.read_selection(LocalBridge())
    ours = extract_windows(sel.content)
    assert layer_sections(ours.parts, ours.bars, [], []) == joins
    assert sorted(set(sel.content.notes.track.tolist())) == [0, 1, 2]  # each track a part of its own
    reaper, said = _reaper_drums(band, shipped)
    assert _section_line(said, 9) == _section_line(_cli_drums(path, shipped)[1], 9) != [], said
    assert _fill_and_crash(reaper, 9)[1]


def test_items_on_one_track_are_one_part_and_the_song_between_them_is_heard_on_it():
    """Two items of the bass on its track, only they selected, a third between them not: one part throughout, the
    bars between (heard as the song, with no track of their own) on the bass's track, no part leaving there."""
    spec = ProjectSpec(bpm=BPM)
    spec.add_track("Guide")  # the bass on REAPER's second track
    bass = spec.add_track("Bass")
    for k, selected in enumerate((True, False, True)):
        spec.add_midi_item(bass, _funk_bass(range(1, 5)), start_qn=16 * k, length_qn=16, selected=selected)
    with reapy_inside(spec, purge=PURGE):
        sel = actions.read_selection(LocalBridge())
    between = (sel.content.notes.start >= 16) & (sel.content.notes.start < 32)
    assert between.sum() == len(_funk_bass(range(1, 5)))  # the item not selected, heard between them
    assert set(sel.content.notes.track.tolist()) == {1}
    assert set(np.asarray(extract_windows(sel.content).parts).tolist()) == {1}


def test_one_part_joined_by_two_is_said_in_the_singular():
    """"parts of the band join in bar 9 (1 parts to 3)": one part is said as one."""
    from reagroove.core.form_notes import form_notes
    from reagroove.core.phrases import PartSections

    form = PartSections({}, [], [9], False, None, {}, {}, None, None, {}, {9: (1, 3)})
    assert "parts of the band join in bar 9 (1 part to 3)" in " ".join(form_notes(form, [], int))
