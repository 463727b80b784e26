"""Drumify reads each selected item's and take's volume once (in the simulated REAPER), and still leaves out an
item or take turned down to -inf."""

import pytest


def _riff(spec, track, name, pitch):
    spec.add_midi_item(track, start_qn=0, length_qn=16, selected=True, name=name,
                       notes=[(k * 1.0, 0.5, pitch, 100) for k in range(16)])


@pytest.fixture
def volume_reads(monkeypatch):
    """Every D_VOL read of an item or a take, by (what, pointer): a spy on the simulated REAPER's API."""
    from collections import Counter

    counts: Counter = Counter()

    def spy(module, name, what):
        real = getattr(module, name)

        def read(ptr, key, *rest):
            if key == "D_VOL":
                counts[(what, str(ptr))] += 1
            return real(ptr, key, *rest)

        monkeypatch.setattr(module, name, read)

    def install_spies():
        import reaper_python  # the simulated REAPER's module, importable inside reapy_inside

        spy(reaper_python, "RPR_GetMediaItemInfo_Value", "item")
        spy(reaper_python, "RPR_GetMediaItemTakeInfo_Value", "take")
        return counts

    return install_spies


def test_drumify_reads_each_items_and_takes_volume_once(volume_reads):
    """The item's volume was read to decide 'item volume down', then again for the same item to tell a take
    turned down from an item turned down (and again for each other take with 'play all takes'). Each volume is
    read once; a take at -inf is still left out (and the other takes of a 'play all takes' item read)."""
    from fake_reaper import ProjectSpec, reapy_inside
    from test_reaper import PURGE

    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.bridge import LocalBridge, ReaperError

    spec = ProjectSpec(bpm=120)
    _riff(spec, spec.add_track("Bass"), "bass", 40)
    _riff(spec, spec.add_track("Keys"), "keys", 60)
    _riff(spec, spec.add_track("Double"), "double", 45)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bass, keys, double = (rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, k), 0) for k in range(3))
        rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(keys), "D_VOL", 0.0)  # keys' take at -inf
        # the double: two takes, all played, the active one turned down, the octave still heard
        s.reaper.add_midi_take(s.reaper.project.tracks[2].items[0], [(k * 1.0, 0.5, 57, 90) for k in range(16)],
                               name="octave")
        rpr.RPR_SetMediaItemInfo_Value(double, "B_ALLTAKESPLAY", 1)
        rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(double), "D_VOL", 0.0)
        counts = volume_reads()
        sel = actions.read_selection(LocalBridge())
        assert sorted({int(p) for p in sel.content.notes.pitch}) == [40, 57]
        assert "skipped 1 item not heard (item volume down): 'keys'" in sel.messages
        items = [str(i) for i in (bass, keys, double)]
        assert all(counts[("item", i)] == 1 for i in items), counts
        assert all(n == 1 for n in counts.values()), counts
        assert sum(1 for what, _ in counts if what == "take") == 4  # the three active takes, the octave
        # the keys alone, its take at -inf: refused as before
        counts.clear()
        for item in (bass, double):
            rpr.RPR_SetMediaItemSelected(item, False)
        with pytest.raises(ReaperError, match="item volume down"):
            actions.read_selection(LocalBridge())
        assert counts[("item", str(keys))] == 1
