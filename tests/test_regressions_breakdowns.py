"""Breakdowns heard only where the band drops from the section before (core/breakdowns.py): a song that opens
sparse and builds (a bass note a bar alone, a few lead notes over it for four bars, the bass alone again, then the
whole band) never dropped from anything, nor does a verse thinning a little before the chorus, so the drums keep
their groove there. On freedoom's E1M3 the drums had lost their kick on 3 for bars 13-28 of such an opening, said as
a breakdown; on MAP27 they had dropped to a kick a bar through a dip whose second half was back at the verse's level.
A band dropping deep from a verse (DM26's whole notes) still is one."""

from test_song_form_arrangements import EIGHTHS, part
from test_song_form_breakdowns import breakdown_of, pop_song

BASS, KEYS, GUITAR, LEAD = range(4)


def building_song():
    """A bass note on each downbeat alone in bars 1-8, a lead note on the "and" of 2 and a keys chord on the 1 over
    it in bars 9-12, the bass alone in bars 13-28, then the band (bass and keys in 8ths, guitar 16ths, a lead) in
    bars 29-44."""
    ostinato = lambda bars: part(bars, (0.0,), (40,), BASS, 80)  # noqa: E731
    full = range(29, 45)
    return sorted(ostinato(range(1, 29)) + part(range(9, 13), (1.5,), (76,), LEAD, 70)
                  + part(range(9, 13), (0.0,), (64, 67), KEYS, 60)
                  + part(full, EIGHTHS, (40,), BASS, 95) + part(full, EIGHTHS, (64, 67, 71), KEYS, 85)
                  + part(full, [i / 4 for i in range(16)], (76, 79), GUITAR, 80)
                  + part(full, (0.0, 1.0, 1.5, 3.0), (83,), LEAD, 90))


def test_a_sparse_opening_building_to_the_band_is_no_breakdown(make_midi):
    wins, where, _ = breakdown_of(make_midi(building_song(), tempos=((0, 100.0),)))
    assert not where.any(), [int(b) for b in wins.bars[where]]


def test_the_band_dropping_from_its_chorus_is_still_a_breakdown(make_midi):
    wins, where, _ = breakdown_of(make_midi(pop_song(intro=True), tempos=((0, 100.0),)))
    assert [int(b) for b in wins.bars[where]] == [21, 23, 25, 27]


def test_a_deep_drop_from_a_verse_short_of_the_chorus_is_still_a_breakdown(make_midi):
    # freedoom's DM26: bass and keys in 8ths, then four bars of whole notes, the 8ths again; the busiest section
    # (16ths) comes later, so the verse is no near-full band, but its drop is as deep as any heard
    verse = lambda bars: part(bars, EIGHTHS, (40,), BASS, 90) + part(bars, EIGHTHS, (64, 67), KEYS, 80)  # noqa: E731
    full = range(25, 33)
    notes = (verse(range(1, 9)) + part(range(1, 9), (0.0, 2.0), (76,), LEAD, 80)
             + part(range(9, 13), (0.0,), (40,), BASS, 70) + part(range(9, 13), (0.0,), (64, 67), KEYS, 60)
             + verse(range(13, 25)) + part(range(13, 25), (0.0, 2.0), (76,), LEAD, 80)
             + part(full, [i / 4 for i in range(16)], (40,), BASS, 95) + part(full, EIGHTHS, (64, 67), KEYS, 85)
             + part(full, [i / 4 for i in range(16)], (76, 79), GUITAR, 80) + part(full, (0.0, 1.5), (83,), LEAD))
    wins, where, _ = breakdown_of(make_midi(sorted(notes), tempos=((0, 100.0),)))
    assert [int(b) for b in wins.bars[where]] == [9, 11]


def test_a_verse_dipping_a_little_before_the_chorus_is_no_breakdown(make_midi):
    # freedoom's MAP27: the chorus, a verse (bass, keys and a lead in 8ths), the bass and keys on the beats for
    # eight bars (half the verse's notes), the chorus: the band thins a little from its verse, no breakdown
    # (the drums had dropped to a kick a bar there, measured against the chorus at the song's start)
    sixteenths = [i / 4 for i in range(16)]
    chorus = lambda bars: (part(bars, sixteenths, (40,), BASS, 95)  # noqa: E731
                           + part(bars, EIGHTHS, (64, 67), KEYS, 85)
                           + part(bars, sixteenths, (76, 79), GUITAR, 80) + part(bars, (0.0, 1.5), (83,), LEAD))
    notes = (chorus(range(1, 9)) + part(range(9, 17), EIGHTHS, (40,), BASS, 90)
             + part(range(9, 17), EIGHTHS, (64, 67), KEYS, 80) + part(range(9, 17), EIGHTHS, (76,), LEAD, 80)
             + part(range(17, 25), (0.0, 1.0, 2.0, 3.0), (40,), BASS, 80)
             + part(range(17, 25), (0.0, 1.0, 2.0, 3.0), (64, 67), KEYS, 70) + chorus(range(25, 33)))
    wins, where, _ = breakdown_of(make_midi(sorted(notes), tempos=((0, 100.0),)))
    assert not where.any(), [int(b) for b in wins.bars[where]]
