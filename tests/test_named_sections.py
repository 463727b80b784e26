"""A chorus a file's markers name: the drums leave the closed hi-hat for the ride there, and come back after."""

import mido
import numpy as np
from conftest import save_tracks
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

HAT, OPEN, CRASH, RIDE = 2, 3, 7, 8
TPB = 480


class HatsKeepTime(StubModel):
    """The stub network keeping time on the closed hat only (its latent-driven ride left out)."""

    def generate(self, grooves, z, cond):
        out = super().generate(grooves, z, cond)
        out[:, :, [RIDE, 9 + RIDE, 18 + RIDE]] = 0
        return out


def marked_song(path, marks, bars=24):
    """A 4/4 band of `bars` bars (bass on 1 and 3, 8th chords) with markers [(bar, name)] on their downbeats."""
    meta = [(0, mido.MetaMessage("set_tempo", tempo=500000)),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    meta += [((bar - 1) * 4 * TPB, mido.MetaMessage("marker", text=name)) for bar, name in marks]
    band = []
    for b in range(bars):
        for beat, pitch, vel in [(0, 36, 100), (2, 36, 90)] + [(t * 0.5, 60 + t % 3, 70) for t in range(8)]:
            on = round((b * 4 + beat) * TPB)
            band += [(on, mido.Message("note_on", note=pitch, velocity=vel)),
                     (on + TPB // 4, mido.Message("note_off", note=pitch, velocity=0))]
    return save_tracks(path, [meta, band])


def bar_hits(res, bar):
    """(16, 9) hits of a 4/4 bar of a drumify result."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = bar - int(res.bars[w])
    return res.loops[w, 16 * m:16 * m + 16, :9] > 0.5


def drummed(path, settings=None):
    return Engine(HatsKeepTime()).drumify(read_midi(path), settings or Settings())


SONG = [(1, "Verse 1"), (9, "Chorus"), (17, "Verse 2")]


def test_a_marked_chorus_is_played_on_the_ride_in_its_bars_only(tmp_path):
    chorus = drummed(marked_song(tmp_path / "chorus.mid", SONG))
    plain = drummed(marked_song(tmp_path / "plain.mid", [(1, "A"), (9, "B"), (17, "C")]))
    for bar in range(1, 25):
        lifted, was = bar_hits(chorus, bar), bar_hits(plain, bar)
        if 9 <= bar <= 16:  # the chorus: the hats' steps on the ride (the 1 on the crash), no hats
            assert not lifted[:, [HAT, OPEN]].any() and lifted[:, RIDE].any(), bar
            hats = was[:, HAT] | was[:, OPEN]
            assert (lifted[:, RIDE] == (hats & ~was[:, CRASH])).all(), bar
            assert (lifted[:, [0, 1, 4, 5, 6, CRASH]] == was[:, [0, 1, 4, 5, 6, CRASH]]).all(), bar
        else:  # before and after: the hats as drummed, back on bar 17
            assert (lifted == was).all(), bar
            assert not lifted[:, RIDE].any(), bar
    assert bar_hits(chorus, 17)[:, HAT].any()
    assert "bar 9, 'Chorus': the hats move to the ride, the hats again from bar 17" in chorus.messages
    # the ride as loud and as placed as the hats it replaces
    w = int(np.flatnonzero(chorus.bars <= 11)[-1])
    on = chorus.loops[w, :, RIDE] > 0.5
    assert np.allclose(chorus.loops[w, on, 9 + RIDE], plain.loops[w, on, 9 + HAT])
    assert np.allclose(chorus.loops[w, on, 18 + RIDE], plain.loops[w, on, 18 + HAT])


def test_verse_and_bridge_markers_change_nothing_and_their_names_are_read(tmp_path):
    named = [(1, "Intro"), (9, "Verse"), (17, "Bridge")]
    content = read_midi(marked_song(tmp_path / "verse.mid", named))
    assert content.marker_names == [(0.0, "Intro"), (32.0, "Verse"), (64.0, "Bridge")]
    res = Engine(HatsKeepTime()).drumify(content, Settings())
    plain = drummed(marked_song(tmp_path / "plain.mid", [(1, "A"), (9, "B"), (17, "C")]))
    assert np.array_equal(res.loops, plain.loops)
    assert res.messages == plain.messages


def test_marker_and_cue_names_survive_reading(tmp_path):
    meta = [(0, mido.MetaMessage("marker", text="Intro")),
            (16 * TPB, mido.MetaMessage("cue_marker", text="Refrain")),
            (32 * TPB, mido.MetaMessage("marker", text="Chorus 2"))]
    band = [(0, mido.Message("note_on", note=36, velocity=90)), (64 * TPB, mido.Message("note_off", note=36))]
    content = read_midi(save_tracks(tmp_path / "names.mid", [meta, band]))
    assert content.markers == [0.0, 16.0, 32.0]  # the positions as before
    assert content.marker_names == [(0.0, "Intro"), (16.0, "Refrain"), (32.0, "Chorus 2")]
    # a DAW's UTF-8 name, and one in Latin-1 bytes (as older sequencers write): read as written
    raw = mido.MidiFile(tmp_path / "names.mid")
    raw.tracks[0][0] = mido.MetaMessage("marker", text="Estribillo – Refrain".encode().decode("latin-1"))
    raw.tracks[0][1] = mido.MetaMessage("cue_marker", text="Café", time=16 * TPB)
    raw.save(tmp_path / "utf8.mid")
    assert [n for _, n in read_midi(tmp_path / "utf8.mid").marker_names] == ["Estribillo – Refrain", "Café", "Chorus 2"]


def test_chorus_names_as_producers_write_them_lift_and_others_do_not(tmp_path):
    marks = [(1, "Verse"), (5, "Refrain"), (9, "Pre chorus"), (13, "HOOK"), (17, "Outro"), (21, "Final chorus")]
    res = drummed(marked_song(tmp_path / "names.mid", marks))
    for bar in range(1, 25):
        rides = bar_hits(res, bar)[:, RIDE].any()
        assert rides == (5 <= bar <= 8 or 13 <= bar <= 16 or bar >= 21), bar
    assert [m for m in res.messages if "the ride" in m] == [
        "bar 5, 'Refrain': the hats move to the ride, the hats again from bar 9",
        "bar 13, 'HOOK': the hats move to the ride, the hats again from bar 17",
        "bar 21, 'Final chorus': the hats move to the ride"]


def test_a_muted_ride_or_a_pre_chorus_keeps_the_hats(tmp_path):
    muted = Settings(voice_groups={"kick": True, "snare": True, "hats": True, "toms": True, "cymbals": False})
    res = drummed(marked_song(tmp_path / "muted.mid", SONG), muted)
    assert bar_hits(res, 11)[:, HAT].any() and not any("the ride" in m for m in res.messages)
    pre = drummed(marked_song(tmp_path / "pre.mid", [(1, "Verse"), (9, "Pre-Chorus"), (17, "Chorus")]))
    assert bar_hits(pre, 11)[:, HAT].any() and not bar_hits(pre, 11)[:, RIDE].any()
    assert not bar_hits(pre, 19)[:, HAT].any() and bar_hits(pre, 19)[:, RIDE].any()  # the chorus, to the end
    assert "bar 17, 'Chorus': the hats move to the ride" in pre.messages


def chorus_on_the_ride(loops, bars, first=9, last=16):
    """Each bar of `loops` (W, 32, 27 on `bars`' windows) keeps time on the ride in first..last and not elsewhere."""
    res = type("Drums", (), {"loops": loops, "bars": bars})
    for bar in range(int(bars[0]), int(bars[-1]) + 2):
        hits = bar_hits(res, bar)
        if first <= bar <= last:
            assert not hits[:, [HAT, OPEN]].any() and hits[:, RIDE].any(), bar
        else:
            assert not hits[:, RIDE].any(), bar


def test_every_variation_plays_the_marked_chorus_on_the_ride(tmp_path):
    """`reagroove drumify --variations 4`: the chorus on the ride in each version, not in version 1 alone; said once."""
    engine, settings = Engine(HatsKeepTime()), Settings()
    res = engine.drumify(read_midi(marked_song(tmp_path / "chorus.mid", SONG)), settings)
    versions = engine.variations_of(res, settings, 4)
    assert np.array_equal(versions[0], res.loops)  # version 1: the drums drumify wrote
    assert len({v.tobytes() for v in versions}) == 4  # four versions, each its own
    for v in versions:
        chorus_on_the_ride(v, res.bars)
    assert sum("the ride" in m for m in res.messages) == 1
    # the versions of the plain song: the same ones with the hats kept (the lift moves the hats, nothing else)
    plain = engine.drumify(read_midi(marked_song(tmp_path / "plain.mid", [(1, "A"), (9, "B"), (17, "C")])), settings)
    for v, p in zip(versions, engine.variations_of(plain, settings, 4)):
        assert (v[..., [0, 1, 4, 5, 6, CRASH]] == p[..., [0, 1, 4, 5, 6, CRASH]]).all()


def test_bars_drummed_again_and_their_variations_keep_the_chorus_on_the_ride(tmp_path):
    """`--bars 5-20 --variations 3`: the whole song's lifted drums there, in each version."""
    engine, settings = Engine(HatsKeepTime()), Settings()
    content = read_midi(marked_song(tmp_path / "chorus.mid", SONG))
    part = engine.drumify(content, settings, bars=(5, 20))
    assert int(part.bars[0]) == 5
    chorus_on_the_ride(part.loops, part.bars)
    assert "bar 9, 'Chorus': the hats move to the ride, the hats again from bar 17" in part.messages
    for v in engine.variations_of(part, settings, 3):
        chorus_on_the_ride(v, part.bars)


def test_sixteenth_hats_ride_the_eighths_in_a_chorus():
    """16th hats moved to the ride had given 16 ride strokes a bar (freedoom's drummers ride 16ths in 9% of their
    ride bars): the ride takes their 8ths, at the hats' velocities; 8th hats move whole, and a crash's step stays
    the crash's."""
    from reagroove.core.loop import N_VOICES, VOICES
    from reagroove.core.named_sections import ride_hats
    closed, ride, crash = (VOICES.index(v) for v in ("closed_hat", "ride", "crash"))
    bar = np.zeros((16, 3 * N_VOICES), np.float32)
    bar[:, closed], bar[:, N_VOICES + closed] = 1.0, np.where(np.arange(16) % 4 == 0, 0.9, 0.5)
    bar[0, crash] = 1.0
    ride_hats(bar)
    assert np.flatnonzero(bar[:, ride] > 0.5).tolist() == [2, 4, 6, 8, 10, 12, 14]
    assert not (bar[:, closed] > 0.5).any() and bar[4, N_VOICES + ride] == np.float32(0.9)
    eighths = np.zeros((16, 3 * N_VOICES), np.float32)
    eighths[::2, closed], eighths[::2, N_VOICES + closed] = 1.0, 0.6
    ride_hats(eighths)
    assert np.flatnonzero(eighths[:, ride] > 0.5).tolist() == list(range(0, 16, 2))
