"""The bass landing on a downbeat and leaving for good while the keys play on to the end (freedoom's d_e1m8
"Conclusion"): a drummer ends with the bass there, a kick and a crash, and lays out. bassless_outro reads that
ending as a stop with no comeback; the drums' note says it."""

import mido
from conftest import save_tracks

from reagroove.core import read_midi
from reagroove.core.form_notes import _stop_said
from reagroove.core.groove import extract_windows
from reagroove.core.stops import Stop
from reagroove.core.thinned_outro import bassless_outro

TPB = 480


def song(path, bass_bars=8, keys_bars=16, last_chord=False):
    """Keys (chords on every beat) bars 1-keys_bars, with last_chord one chord held through the last bar; a bass
    line on 1, 2& and 3 of bars 1-bass_bars, landing on the next bar's downbeat (none where it plays to the keys'
    end)."""
    def notes(channel, pitches, beats, length=TPB // 2 - 1):
        out = []
        for beat in beats:
            on = round(beat * TPB)
            for p in pitches:
                out += [(on, mido.Message("note_on", channel=channel, note=p, velocity=90)),
                        (on + length, mido.Message("note_off", channel=channel, note=p, velocity=0))]
        return out

    keys = notes(0, (60, 64, 67), [float(b) for b in range((keys_bars - last_chord) * 4)])
    keys += notes(0, (60, 64, 67), [(keys_bars - 1) * 4.0], 4 * TPB - 50) if last_chord else []
    line = [bar * 4 + t for bar in range(bass_bars) for t in (0.0, 1.5, 2.0)]
    bass = notes(1, (36,), line + ([bass_bars * 4.0] if bass_bars < keys_bars else []))
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(110))),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    return save_tracks(path, [meta, keys, bass], tpb=TPB)


def outro(path, **kw):
    content = read_midi(song(path, **kw))
    w = extract_windows(content)
    return bassless_outro(w.grooves, w.bass, w.bars, w.meters, w.starts, w.end, song_end=w.end_the_song(content.notes),
                          parts=w.parts)


def test_the_drums_end_where_the_bass_lands_and_leaves(tmp_path):
    stops = outro(tmp_path / "outro.mid")
    assert [(s.bar, s.back_bar, s.held) for s in stops] == [(9, None, True)]
    said = _stop_said(stops, int)
    assert "the bass leaves on bar 9" in said and "lay out" in said


def test_a_bass_to_the_end_or_a_long_section_without_it_is_no_outro(tmp_path):
    assert outro(tmp_path / "with_bass.mid", bass_bars=16) == []
    assert outro(tmp_path / "long.mid", bass_bars=8, keys_bars=30) == []  # 21 bars of keys: a section of its own
    assert outro(tmp_path / "short.mid", bass_bars=8, keys_bars=11) == []  # 2 bars: the last chord's ring


def test_held_pad_outros_are_said_as_before():
    run = [Stop(9, 0, 0, 12, (1, 16), held=True), Stop(12, 1, 16, held=True)]
    assert _stop_said(run, int).startswith("the band holds its chords from bar 9 to the end")
