"""How the drums hear a song's form from the band (core/sections.py): a one-bar stab is a stop, a gap bar
before the chorus does not hide it, and a range of bars from mid-verse is no quiet intro."""

import mido
import numpy as np

from reagroove.core import read_midi
from reagroove.core.groove import extract_windows
from reagroove.core.stops import band_stops

VERSE, EIGHTHS = (0.0, 1.5, 2.0), (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5)


def write_song(path, notes):
    """A 4/4 file of (beat, pitch, length in beats) notes on channel 1 at 120 bpm."""
    mf = mido.MidiFile(type=0, ticks_per_beat=480)
    events = [(0, 0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    for beat, pitch, length in notes:
        on = round(beat * 480)
        events += [(on, 2, mido.Message("note_on", note=pitch, velocity=100)),
                   (on + max(1, round(length * 480)), 1, mido.Message("note_off", note=pitch, velocity=0))]
    track, now = mido.MidiTrack(), 0
    for tick, _, msg in sorted(events, key=lambda e: (e[0], e[1])):
        track.append(msg.copy(time=tick - now))
        now = tick
    track.append(mido.MetaMessage("end_of_track", time=0))
    mf.tracks.append(track)
    mf.save(path)
    return path


def band(bars, beats, length=0.4):
    """Chords (bass and two keys notes) on `beats` of each of `bars` (1-based)."""
    return [((b - 1) * 4.0 + t, p, length) for b in bars for t in beats for p in (40, 64, 67)]


def stops_of(path, bars=None):
    wins = extract_windows(read_midi(path), bars=bars)
    return band_stops(wins.grooves, wins.bars, wins.meters, wins.starts, wins.end, song_end=False,
                      sounding=wins.sounding)


def test_a_one_bar_stab_with_the_band_back_next_bar_is_a_stop(tmp_path):
    # the band plays 8ths in bars 1-7 and 9-12, hits beat 1 of bar 8 (a short stab) and rests three beats
    stab = write_song(tmp_path / "stab.mid", band([*range(1, 8), *range(9, 13)], EIGHTHS) + band([8], (0.0,), 0.25))
    stops = stops_of(stab)
    assert [(s.bar, s.back_bar) for s in stops] == [(8, 9)]  # the drums stop with the stab, crash on bar 9
    assert stops[0].lead is not None  # room for a short fill into the comeback
    # the same bar's chord held over the whole bar is the band playing on: grooved through
    held = write_song(tmp_path / "held.mid", band([*range(1, 8), *range(9, 13)], EIGHTHS) + band([8], (0.0,), 4.0))
    assert stops_of(held) == []
    # a chord ringing past beat 2 (a half note) is no stop either
    half = write_song(tmp_path / "half.mid", band([*range(1, 8), *range(9, 13)], EIGHTHS) + band([8], (0.0,), 2.0))
    assert stops_of(half) == []


def test_a_riff_ending_on_a_stab_every_other_bar_is_played_through(tmp_path):
    # a 2-bar figure: a bar of 8ths, then a stab on 1: the band's riff, not a stop every other bar
    riff = write_song(tmp_path / "riff.mid", band(range(1, 13, 2), EIGHTHS) + band(range(2, 13, 2), (0.0,), 0.25))
    assert stops_of(riff) == []


def test_audio_without_note_lengths_keeps_the_old_rule(tmp_path):
    # Windows from MIDI know where notes sound; where lengths are unknown (None) a stab bar followed by the band
    # is no stop (it could be a held chord)
    stab = write_song(tmp_path / "stab.mid", band([*range(1, 8), *range(9, 13)], EIGHTHS) + band([8], (0.0,), 0.25))
    wins = extract_windows(read_midi(stab))
    assert wins.sounding is not None and wins.sounding.shape == wins.grooves.shape[:2]
    assert band_stops(wins.grooves, wins.bars, wins.meters, wins.starts, wins.end, song_end=False) == []
    # bar 8 (window 3's second bar) sounds only on its first beat
    assert np.flatnonzero(wins.sounding[3, 16:]).tolist() == [0]


CRASH, TOMS = 7, (4, 5, 6)


def voices_in(res, bar, voices, lo=0, hi=16):
    """Whether the drums play any of `voices` on steps lo..hi-1 of `bar` (4/4, real grid)."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = (bar - int(res.bars[w])) * 16
    return bool((res.loops[w, m + lo:m + hi, list(voices)] > 0.5).any())


def test_a_gap_bar_before_the_chorus_does_not_hide_it(tmp_path, shipped):
    # verse bars 1-7 (1, 2& and 3), bar 8 played only on beats 1-2, then 8ths from bar 9: the chorus
    from reagroove.core.settings import Settings

    notes = band(range(1, 8), VERSE) + band([8], (0.0, 1.0)) + band(range(9, 17), EIGHTHS)
    res = shipped.drumify(read_midi(write_song(tmp_path / "gap.mid", notes)), Settings())
    assert 9 in res.section_bars
    assert voices_in(res, 9, [CRASH], 0, 1)  # a crash on the chorus
    assert voices_in(res, 8, TOMS, 8, 16)  # a fill in the gap
    assert not any(voices_in(res, b, [CRASH]) for b in range(2, 9))  # and no crash in the verse


def test_bars_from_mid_verse_open_no_quiet_intro(tmp_path):
    # keys alone in bars 1-4, a verse 5-12 (1, 2& and 3), a chorus of 8ths 13-20, the verse again 21-28
    from reagroove.core.sections import opens_quietly

    notes = band(range(1, 5), (0.0,), 4.0) + band([*range(5, 13), *range(21, 29)], VERSE) + band(range(13, 21), EIGHTHS)
    path = write_song(tmp_path / "song.mid", notes)
    whole = extract_windows(read_midi(path))
    assert whole.opens_part and opens_quietly(whole.grooves, whole.bars, [5, 13, 21], whole.opens_part)
    # from bar 9 (mid-verse) the verse is quieter than the chorus 4 bars later, but it is no intro: bar 9 is no
    # opening of the song, and its first bar keeps its crash
    mid = extract_windows(read_midi(path), bars=(9, 28))
    assert not mid.opens_part
    assert not opens_quietly(mid.grooves, mid.bars, [13, 21], mid.opens_part)
    # bars from the song's first bar, or from where the music starts after empty bars, do open it
    assert extract_windows(read_midi(path), bars=(1, 16)).opens_part
    late = write_song(tmp_path / "late.mid", [(b + 32.0, p, n) for b, p, n in notes])  # 8 empty bars first
    assert extract_windows(read_midi(late), bars=(9, 36)).opens_part
