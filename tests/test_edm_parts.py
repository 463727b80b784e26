"""An EDM producer's part (R10's p3): a 16th arp, a synth bass on every "and" and a pad's chords held from each
bar's one, at 128 BPM. A drummer plays four on the floor under the off-beat bass; the pad sitting in the low
register beside it had read as the bass on the one, so the house idiom missed and the kick doubled the bass on
every "and" (`x-xx --x- --x- --x-`; asked for disco, `X--x x-x- x--x x-x-`)."""

import mido
import numpy as np

from reagroove.core import read_midi
from reagroove.core.low_register import bass_notes
from reagroove.core.settings import Settings

KICK = 0
ARP, BASS, PAD = 0, 1, 2  # channels


def write_part(path, bass_beats=(0.5, 1.5, 2.5, 3.5), bars=8, bpm=128.0, pad=True):
    """A type 1 file: the arp (A minor, 16ths), the bass at bass_beats of every bar and, with pad, a chord on
    A2-E3 held 3.9 beats from each bar's one, its notes spread by a player's few ticks."""
    tpb = 480
    notes = []  # (start beat, length, pitch, velocity, channel)
    for bar in range(bars):
        notes += [(bar * 4 + s * 0.25, 0.2, (57, 60, 64, 69)[s % 4], (45, 70, 90, 105)[s % 4], ARP) for s in range(16)]
        notes += [(bar * 4 + b, 0.4, 33, 100, BASS) for b in bass_beats]
        if pad:
            notes += [(bar * 4 + i * 0.01, 3.9, p, 60, PAD) for i, p in enumerate((45, 48, 52))]
    midi = mido.MidiFile(ticks_per_beat=tpb)
    meta = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm), time=0),
                           mido.MetaMessage("time_signature", numerator=4, denominator=4, time=0)])
    midi.tracks.append(meta)
    for ch in (ARP, BASS, PAD):
        events = sorted([(round(s * tpb), 1, p, v) for s, d, p, v, c in notes if c == ch]
                        + [(round((s + d) * tpb), 0, p, 0) for s, d, p, v, c in notes if c == ch])
        track, now = mido.MidiTrack(), 0
        for tick, on, p, v in events:
            track.append(mido.Message("note_on" if on else "note_off", channel=ch, note=p, velocity=v, time=tick - now))
            now = tick
        midi.tracks.append(track)
    midi.save(path)
    return path


def kicks(result):
    return result.loops[..., KICK].reshape(-1, 16) > 0.5  # (bars, 16)


def test_a_pad_held_beside_an_off_beat_bass_is_not_the_low_register(tmp_path):
    low = bass_notes(read_midi(write_part(tmp_path / "edm.mid")).notes)
    assert set(low.channel.tolist()) == {BASS}
    assert np.allclose(np.mod(low.start, 1.0), 0.5)  # the bass alone, on the "and"s
    # a pad beside a bass on the beat (a rock bass in 8ths) stays low, as does a pad alone with the arp
    rock = bass_notes(read_midi(write_part(tmp_path / "rock.mid", bass_beats=np.arange(8) * 0.5)).notes)
    assert set(rock.channel.tolist()) == {BASS, PAD}
    alone = bass_notes(read_midi(write_part(tmp_path / "pad.mid", bass_beats=())).notes)
    assert set(alone.channel.tolist()) == {PAD}


def test_an_off_beat_synth_bass_under_a_pad_gets_four_on_the_floor(shipped, tmp_path):
    part = read_midi(write_part(tmp_path / "edm.mid"))
    kick = kicks(shipped.drumify(part, Settings()))
    assert kick[:, 0::4].all(), kick.astype(int)  # every beat
    assert not kick[:, 2::4].any(), kick.astype(int)  # never with the bass on its "and"s


def test_disco_asked_for_over_it_keeps_the_kick_off_the_bass(shipped, tmp_path):
    # disco's floor had added the network's kicks on the bass's "and"s to the four beats
    part = read_midi(write_part(tmp_path / "edm.mid"))
    kick = kicks(shipped.drumify(part, Settings(genre={"disco": 1.0})))
    assert kick[:, 0::4].all(), kick.astype(int)
    assert not kick[:, 2::4].any(), kick.astype(int)


def test_a_held_octave_bass_stays_the_bass_beside_low_strings_on_the_ands_from_bar_9(tmp_path):
    """C6's review: a bass holding root and octave through every bar, low strings pushing on the "and"s from bar 9
    only: the bass had been dropped as a pad for the whole song, and the drums laid out through bars 1-8."""
    tpb = 480
    midi = mido.MidiFile(ticks_per_beat=tpb)
    midi.tracks.append(mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(92), time=0)]))
    held = [(bar * 4.0, 3.9, p, 0) for bar in range(16) for p in (33, 45)]
    pushes = [(bar * 4.0 + b + 0.5, 0.4, 40, 1) for bar in range(8, 16) for b in range(4)]
    for ch, notes in ((0, held), (1, pushes)):
        events = sorted([(round(s * tpb), 1, p) for s, d, p, c in notes] + [(round((s + d) * tpb), 0, p) for s, d, p, c in notes])
        track, now = mido.MidiTrack(), 0
        for tick, on, p in events:
            track.append(mido.Message("note_on" if on else "note_off", channel=ch, note=p, velocity=90 if on else 0,
                                      time=tick - now))
            now = tick
        midi.tracks.append(track)
    midi.save(tmp_path / "octaves.mid")
    low = bass_notes(read_midi(tmp_path / "octaves.mid").notes)
    assert 0 in set(low.channel.tolist()) and low.start.min() == 0.0, sorted(set(low.channel.tolist()))


def test_a_pad_intro_before_the_off_beat_bass_is_the_low_register_there_only(tmp_path):
    """C7's review: a house track whose off-beat bass comes in on bar 9 over the pad had the pad read as the bass
    for the whole song (the kick back on every "and" from bar 9): the pad is left out bar by bar, where the off-beat
    line plays."""
    from reagroove.core.midi import Notes

    pad = [(bar * 4.0 + i * 0.01, 3.9, p, PAD) for bar in range(16) for i, p in enumerate((45, 48, 52))]
    bass = [(bar * 4.0 + b + 0.5, 0.4, 33, BASS) for bar in range(8, 16) for b in range(4)]
    rows = sorted(pad + bass)
    notes = Notes(start=np.array([r[0] for r in rows]), end=np.array([r[0] + r[1] for r in rows]),
                  pitch=np.array([r[2] for r in rows]), velocity=np.full(len(rows), 90),
                  channel=np.array([r[3] for r in rows]), track=np.array([r[3] for r in rows]))
    low = bass_notes(notes)
    pad_bars = sorted({int(s // 4) for s, c in zip(low.start, low.channel) if c == PAD})
    assert pad_bars == list(range(8)), pad_bars
    assert (low.channel == BASS).sum() == 32
