"""A bossa nova as a producer hands it over (the bass on 1, the "and" of 2, 3 and the "and" of 4 under nylon chords
on the bossa clave, at 130). Told no genre, the drums say the latin genre plays a bossa (core/style_tips.py): R11's
bossa had got a loud rock backbeat and no word. Asked for latin, the rim plays the bossa clave (3-2: 1, the "and"
of 2, 4 | 2, the "and" of 3) and the kick the bass's figure (core/clave.py): it had played the son clave (beat 3
where a bossa's cross-stick plays its "and") over the son's tumbao kick, none on the 1 and 3 the bass plays. A son
band keeps the son clave and its tumbao."""

import os
from pathlib import Path

import mido
import numpy as np
import pytest
from test_ear_clave_comping import beat_bars

from reagroove.core.cli import main
from reagroove.core.clave import bossa_bass
from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings
from reagroove.core.style_tips import BOSSA_TIP, SKANK_TIP, bossa_bars

KICK, SNARE = (VOICES.index(v) for v in ("kick", "snare"))
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
BAND = Path(os.environ.get("REAGROOVE_BAND") or Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi")
BOSSA_SIDES = ([0, 6, 12], [4, 10])  # the bossa clave's 3 side and 2 side, a bar's 16ths
BASS_FIGURE = (0.0, 1.5, 2.0, 3.5)  # 1, the "and" of 2, 3, the "and" of 4 (beats)
HEAD, RIM = 38, 37


def bossa(bars=16, strum=False):
    """R11's p4: chords on the 3-2 bossa clave (in 8ths where `strum`), the bass's bossa figure, root and fifth."""
    comp = [(0.0, 1.5, 3.0), (1.0, 2.5)]
    notes = [(4.0 * b + t, p, 70, 0) for b in range(bars) for t in (comp[b % 2] if not strum else np.arange(8) / 2)
             for p in (60, 64, 67)]
    notes += [(4.0 * b + t, 38 if k % 2 == 0 else 45, 85, 1, 1) for b in range(bars)
              for k, t in enumerate(BASS_FIGURE)]
    return sorted(notes)


def son(bars=8):
    """test_ear_clave_comping's son band: the bass's tumbao, a piano montuno on the 8ths."""
    notes = [(4 * bar + t, p, 100, 0) for bar in range(bars) for t, p in ((1.5, 43), (3.0, 50))]
    notes += [(4 * bar + k / 2, 67 + (k % 3) * 4, 85 if k % 2 else 95, 1, 1) for bar in range(bars) for k in range(8)]
    return sorted(notes)


def part(make_midi, notes, bpm=130.0, name="bossa.mid"):
    return read_midi(make_midi(notes, name=name, tempos=((0, bpm),), length=0.2))


def test_a_bossa_told_no_genre_is_told_the_latin_genre(shipped, make_midi):
    song = part(make_midi, bossa())
    said = shipped.drumify(song, Settings()).messages
    assert BOSSA_TIP in said and SKANK_TIP not in said, said
    assert "latin" in BOSSA_TIP
    for genre in ("latin", "rock"):  # (a genre asked: the producer has chosen)
        assert BOSSA_TIP not in shipped.drumify(song, Settings(genre={genre: 1.0})).messages, genre


def test_no_bossa_tip_for_parts_that_are_not_a_bossa(make_midi):
    for path in sorted(EXAMPLES.glob("*.mid")):
        assert bossa_bars(read_midi(path)) == 0, path.name
    assert bossa_bars(part(make_midi, son(), 100.0, "son.mid")) == 0
    assert bossa_bars(part(make_midi, bossa(strum=True), name="strum.mid")) == 0  # chords on every 8th: a strum
    assert bossa_bars(part(make_midi, bossa(), 200.0, name="fast.mid")) == 0
    assert bossa_bars(part(make_midi, bossa(2), name="short.mid")) == 0


def test_no_freedoom_band_reads_as_a_bossa():
    files = sorted(BAND.glob("*.mid"))
    if not files:
        pytest.skip(f"freedoom MIDI not found at {BAND}")
    assert [f.name for f in files if bossa_bars(read_midi(f))] == []


def test_latin_over_a_bossa_plays_the_bossa_clave_and_the_kick_with_the_bass(shipped, make_midi):
    result = shipped.drumify(part(make_midi, bossa()), Settings(genre={"latin": 1.0}))
    bars = beat_bars(result)
    assert len(bars) >= 10, len(bars)
    sides = set()
    for b, h in bars:
        snare = np.flatnonzero(h[:, SNARE]).tolist()
        assert snare in BOSSA_SIDES, f"bar {b}: the rim on steps {snare}, not a bossa clave's bar"
        sides.add((b % 2, snare == BOSSA_SIDES[0]))
        kick = np.flatnonzero(h[:, KICK]).tolist()
        assert kick == [0, 6, 8, 14], f"bar {b}: kick on steps {kick}, not the bass's 1, &2, 3, &4"
    assert sides == {(1, True), (0, False)}, f"not 3-2 from the part's bar 1: {sides}"  # (the 3 side on bars 1, 3..)


def test_latin_over_a_bossa_writes_its_clave_on_the_rim(make_midi, tmp_path):
    src = make_midi(bossa(), name="bossa.mid", tempos=((0, 130.0),), length=0.2)
    assert main(["drumify", str(src), "-o", str(tmp_path / "drums.mid"), "--quiet", "--genre", "latin"]) == 0
    mid = mido.MidiFile(tmp_path / "drums.mid")
    tick, rims, heads = 0, set(), []
    for msg in mido.merge_tracks(mid.tracks):
        tick += msg.time
        if msg.type == "note_on" and msg.velocity and msg.note in (HEAD, RIM):
            step = round(tick / (mid.ticks_per_beat / 4))
            (rims.add(step % 32) if msg.note == RIM else heads.append(step))
    assert rims == {0, 6, 12, 20, 26}, rims
    assert not heads, heads  # (the 2 side's "and" of 3 had stayed on the snare's head)


def test_the_son_clave_stays_for_a_son_and_only_a_bossa_bass_reads_as_one():
    def grooves(bar_steps, loops=4):
        g = np.zeros((loops, 32, 3), np.float32)
        for start in (0, 16):
            g[:, start + np.asarray(bar_steps), 0] = 1.0
        return g

    assert bossa_bass(grooves([0, 6, 8, 14])) and bossa_bass(grooves([0, 8, 14]))
    assert not bossa_bass(grooves([6, 12]))  # a son's tumbao
    assert not bossa_bass(grooves([0, 4, 8, 12]))  # quarters
    assert not bossa_bass(grooves([0, 2, 4, 6, 8, 10, 12, 14]))  # rock 8ths
    assert not bossa_bass(grooves([0, 8]))  # a two-beat
    assert not bossa_bass(None)  # (a part's onsets, no bass read: the son clave)
