"""Variations pressed again in REAPER with nothing changed: the button gives N more versions to audition, so the
second press writes versions other than those on Var 1-4 (it had written Var 5-8 as exact copies of them, with
an undo point), each as far from every one there as drumify_variations keeps its own versions apart. Simulated
REAPER, the shipped model: in-process (LocalBridge), as REAPER's action runs it, and distant."""

import numpy as np
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, bass_project, reaper_process  # noqa: F401  (reaper_process: a fixture)
from test_reaper_distant import CONTENT_TIMEOUT_S, remote_project
from test_reaper_project_layouts import riff

from reagroove.core.settings import Settings
from reagroove.core.takes import MIN_VARIATION_CHANGE
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import DistantBridge, LocalBridge

BPM = 120


def riff_project():
    spec = ProjectSpec(bpm=BPM)
    riff(spec, spec.add_track("Bass"))
    return spec


def hits(notes) -> set:
    """{(pitch, 16th)}: what a drummer hears of a track, whatever the velocity or a tick off the grid."""
    return {(int(n[2]), int(round(float(n[0]) * 4))) for n in notes}


def change(a: set, b: set) -> float:
    return len(a ^ b) / max(len(a), len(b), 1)


def variation_tracks(bridge, rpr) -> dict:
    """{track name: hits} of the variation tracks, in track order."""
    names = [rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 256)[2] for i in range(rpr.RPR_CountTracks(0))]
    return {name: hits([n for i in bridge.call("drum_track_items", name)["items"] for n in i["notes"]])
            for name in names if name.startswith("ReaGroove Var ")}


def assert_all_apart(tracks: dict) -> None:
    names = list(tracks)
    for k, a in enumerate(names):
        for b in names[k + 1:]:
            # drumify_variations' own floor is met within one press; across presses as far, and never a copy
            assert tracks[a] != tracks[b], (a, b)
            if int(b.rsplit(" ", 1)[1]) > 4 >= int(a.rsplit(" ", 1)[1]):
                assert change(tracks[a], tracks[b]) >= MIN_VARIATION_CHANGE, (a, b, change(tracks[a], tracks[b]))


def test_variations_pressed_again_writes_other_versions_never_copies(shipped):
    """The producer pressed Variations (4) twice on the same riff, same settings: Var 5-8 were Var 1-4 again, note
    for note. Now they are 4 other versions, each differing from every one on Var 1-4 in at least 15% of its hits
    (and from each other), numbered and named on from Var 5, muted as Var 1 plays, one undo point, and the line
    says why; a third press goes on to Var 9-12, others again."""
    with reapy_inside(riff_project(), purge=PURGE) as s:
        rpr, bridge = s.rpr, LocalBridge()
        first = actions.variations_of_selection(bridge, shipped, Settings(), 4)
        assert not [m for m in first["messages"] if "already" in m]
        before = variation_tracks(bridge, rpr)
        res = actions.variations_of_selection(bridge, shipped, Settings(), 4)
        tracks = variation_tracks(bridge, rpr)
        assert list(tracks) == [f"ReaGroove Var {k}" for k in range(1, 9)]
        assert {k: tracks[k] for k in before} == before  # Var 1-4 as they were
        assert_all_apart(tracks)
        assert actions.variations_line(4, res) == ("4 variations on new tracks ReaGroove Var 5-8 (all muted, as "
                                                   "ReaGroove drums already play: unmute one in their place)")
        assert ("the versions these settings draw first for these bars are on ReaGroove Var 1-4 already: these "
                "differ from every variation there in at least 15% of the hits") in res["messages"]
        assert s.reaper.undo_names == ["ReaGroove: 4 variations"] * 2
        names = [i["name"] for k in (5, 8) for i in bridge.call("drum_track_items", f"ReaGroove Var {k}")["items"]]
        assert [n.rsplit(" · ", 1)[1] for n in names] == ["var 5"] * 2 + ["var 8"] * 2  # told apart when arranging
        res = actions.variations_of_selection(bridge, shipped, Settings(), 4)
        tracks = variation_tracks(bridge, rpr)
        assert res["first_number"] == 9 and len(tracks) == 12
        assert all(change(tracks[f"ReaGroove Var {a}"], tracks[f"ReaGroove Var {b}"]) >= MIN_VARIATION_CHANGE
                   for a in range(9, 13) for b in range(1, 9))


def test_other_settings_still_write_their_own_versions(shipped):
    """A new seed after a first press writes that seed's versions, as a fresh project would (its first version is
    Drumify's part for it), not versions picked around the ones there."""
    with reapy_inside(riff_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.variations_of_selection(bridge, shipped, Settings(), 2)
        actions.variations_of_selection(bridge, shipped, Settings(), 2)  # pressed again: others
        res = actions.variations_of_selection(bridge, shipped, Settings(seed=5), 2)
        assert res["first_number"] == 5 and not [m for m in res["messages"] if "already" in m]
        again = variation_tracks(bridge, s.rpr)
    with reapy_inside(riff_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.variations_of_selection(bridge, shipped, Settings(seed=5), 2)
        fresh = variation_tracks(bridge, s.rpr)
    assert [again["ReaGroove Var 5"], again["ReaGroove Var 6"]] == [fresh["ReaGroove Var 1"], fresh["ReaGroove Var 2"]]
    assert len(set(map(frozenset, again.values()))) == 6


class SameVersions:
    """The engine on a part so plain that every version drawn, of any seed, is one of the first press's."""

    def __init__(self, engine):
        self._engine, self._first = engine, None

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def variations_of(self, part, settings, n, **kwargs):
        if self._first is None:
            self._first = self._engine.variations_of(part, settings, n, **kwargs)
        return np.resize(self._first, (n, *self._first.shape[1:]))


def test_no_other_version_to_write_writes_nothing_and_says_so(shipped):
    """Where no other version differs enough from those there, the second press writes no copies: no track, no undo
    point, and one line says why."""
    eng = SameVersions(shipped)
    with reapy_inside(riff_project(), purge=PURGE) as s:
        bridge = LocalBridge()
        actions.variations_of_selection(bridge, eng, Settings(), 3)
        tracks = s.rpr.RPR_CountTracks(0)
        res = actions.variations_of_selection(bridge, eng, Settings(), 3)
        assert s.rpr.RPR_CountTracks(0) == tracks and s.reaper.undo_names == ["ReaGroove: 3 variations"]
        assert actions.variations_line(3, res) == ("no new variations: those drawn for these bars are on variation "
                                                   "tracks already")
        assert ("no other version differs from the variations already on these bars (ReaGroove Var 1-3) in at least "
                "15% of the hits: nothing written, no undo point; change the settings (genre, density, pattern) for "
                "others") in res["messages"]


def test_pressing_variations_again_in_reaper_says_it_in_its_lines(shipped, monkeypatch):
    """`reagroove reaper variations` as REAPER's action runs it, twice: the second line names Var 5-8 with a note
    saying they are other versions than those on Var 1-4."""
    from reagroove.core.cli import build_parser
    from reagroove.models import drummer
    from reagroove.reaper_ext import commands

    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: shipped)
    monkeypatch.setattr(commands, "_bridge", lambda args: LocalBridge())
    with reapy_inside(riff_project(), purge=PURGE) as s:
        for _ in range(2):
            args = build_parser("reaper").parse_args(["reaper", "variations", "--count", "4"])
            assert commands.run_reaper(args) == 0
        text = s.reaper.console_text()
        said = [t for t in text.splitlines() if t.startswith("ReaGroove: ")]
        assert said[1].startswith("ReaGroove: 4 variations on new tracks ReaGroove Var 5-8 (all muted"), said
        assert "  note: the versions these settings draw first for these bars are on ReaGroove Var 1-4 already" in text
        assert len(variation_tracks(LocalBridge(), s.rpr)) == 8
        assert len(set(map(frozenset, variation_tracks(LocalBridge(), s.rpr).values()))) == 8


def test_distant_variations_pressed_again_writes_other_versions(reaper_process, shipped):  # noqa: F811
    """The same over ReaGroove's server in a REAPER process: the first press reads once and writes once, as
    before; the second is refused by REAPER's side for its copies and writes others (one round trip more)."""
    proc, port = reaper_process(bass_project())
    bridge = DistantBridge(port, timeout=CONTENT_TIMEOUT_S)
    actions.variations_of_selection(bridge, shipped, Settings(seed=2), 3)
    assert bridge.round_trips == 2
    res = actions.variations_of_selection(bridge, shipped, Settings(seed=2), 3)
    project = remote_project(proc)
    tracks = {t["name"]: hits([n for i in t["items"] for n in i["notes"]]) for t in project["tracks"]
              if t["name"].startswith("ReaGroove Var ")}
    assert list(tracks) == [f"ReaGroove Var {k}" for k in range(1, 7)] and res["first_number"] == 4
    assert all(change(tracks[f"ReaGroove Var {a}"], tracks[f"ReaGroove Var {b}"]) >= MIN_VARIATION_CHANGE
               for a in (4, 5, 6) for b in (1, 2, 3))
    assert project["undo"] == ["ReaGroove: 3 variations"] * 2
    assert bridge.round_trips == 2 + 3
