"""Real band songs as training/evaluation windows (core/bandset.py)."""

import numpy as np
import pytest

from helpers import write_band_song
from reagroove.core.bandset import BandSetError, bass_notes, flatten_parts, load_band_windows, read_song_list
from reagroove.core.midi import Notes, read_midi


def test_song_windows_pair_the_band_with_its_drums(tmp_path):
    write_band_song(tmp_path / "a.mid", bars=8)
    bw = load_band_windows(tmp_path)
    assert len(bw) == 7  # 2-bar windows at every bar of 8 bars
    h = bw.hvo[0]
    assert h[[0, 8, 16, 24], 0].all() and h[[4, 12, 20, 28], 1].all()  # the song's own kick and snare
    assert h[:, 2].sum() == 16
    # the input holds the keys' off-beats and the bass, never the drums
    assert bw.grooves[0, 2, 0] == 1 and bw.grooves[0, 6, 0] == 1
    # the bass groove is the low part alone: on 1, the "and" of 2, 3 and the "and" of 4
    assert np.nonzero(bw.bass[0, :16, 0])[0].tolist() == [0, 6, 8, 14]


def test_each_part_keeps_its_own_groove(tmp_path):
    write_band_song(tmp_path / "a.mid", bars=8)
    bw = load_band_windows(tmp_path)
    has = bw.parts[..., 0].any(-1)
    assert has[:, :2].all() and not has[:, 2:].any()  # keys and bass, nothing else
    assert bw.part_bass[:, :2].sum(1).tolist() == [1] * len(bw)  # one of them is the bass part
    bass_slot = int(np.argmax(bw.part_bass[0]))
    keys = bw.parts[0, 1 - bass_slot]
    assert np.nonzero(keys[:16, 0])[0].tolist() == [2, 6, 10, 14]  # the keys' off-beats
    assert np.array_equal(bw.parts[:, bass_slot], bw.bass)
    # the parts together are the band's groove, the bass parts the bass groove
    assert np.array_equal(flatten_parts(bw.parts, has), bw.grooves)
    assert np.array_equal(flatten_parts(bw.parts, bw.part_bass), bw.bass)


def test_training_also_plays_some_parts_of_the_band(tmp_path):
    """With part_prob, real band windows come in as a producer gives them too: the keys alone (and no bass
    groove), the bass alone, or both; without it, always the whole band or the bass."""
    from reagroove.models.batches import TrainData

    write_band_song(tmp_path / "a.mid", bars=16)
    bw = load_band_windows(tmp_path)
    bass_slot = int(np.argmax(bw.part_bass[0]))
    data = TrainData.__new__(TrainData)
    idx = np.zeros(400, np.int64)  # one window, many times
    keys, bass = bw.parts[0, 1 - bass_slot], bw.parts[0, bass_slot]

    def inputs(part_prob):
        b = data.band_batch(bw, idx, np.random.default_rng(0), part_prob).inputs.numpy()
        return b[..., :3], b[..., 3:]

    groove, low = inputs(0.6)
    keys_alone = np.all(groove == keys, axis=(1, 2))
    whole = np.all(groove == bw.grooves[0], axis=(1, 2))
    bass_alone = np.all(groove == bass, axis=(1, 2))
    assert (keys_alone | whole | bass_alone).all()
    assert 0.1 < keys_alone.mean() < 0.4 and whole.mean() > 0.4
    assert not low[keys_alone].any()  # keys alone: no bass part known
    groove, _ = inputs(0.0)
    assert not np.all(groove == keys, axis=(1, 2)).any()


def test_bass_is_the_low_part():
    notes = Notes.from_lists([0, 0.5, 1, 1.5], [40, 64, 43, 67], [90] * 4, channel=[1, 0, 1, 0])
    low = bass_notes(notes)
    assert low.pitch.tolist() == [40, 43]
    # one part only, mid register: its lowest notes
    notes = Notes.from_lists([0, 1, 2], [45, 60, 72], [90] * 3)
    assert bass_notes(notes).pitch.tolist() == [45]


def test_split_by_file_never_mixes_a_song(tmp_path):
    for i in range(12):
        write_band_song(tmp_path / f"s{i}.mid", seed=i)
    bw = load_band_windows(tmp_path)
    train, val = bw.split_by_file(0.3)
    assert len(train) + len(val) == len(bw) and len(val) > 0 and len(train) > 0
    assert not set(train.file_index) & set(val.file_index)
    again = load_band_windows(tmp_path).split_by_file(0.3)[1]
    assert np.array_equal(again.file_index, val.file_index)


def test_a_song_list_holds_out_those_songs_for_validation(tmp_path):
    """reagroove train --band-val: validation songs by name (e.g. all of some composers' songs)."""
    for i in range(5):
        write_band_song(tmp_path / f"s{i}.mid", seed=i)
    songs = tmp_path / "held.txt"
    songs.write_text("# two composers' songs\ns1.mid\n  s3.mid  # the second\n\n")
    assert read_song_list(songs) == ["s1.mid", "s3.mid"]
    bw = load_band_windows(tmp_path)
    rest, held = bw.split_by_names(read_song_list(songs))
    name = lambda part: {bw.files[i].rsplit("/", 1)[-1] for i in set(part.file_index.tolist())}  # noqa: E731
    assert name(held) == {"s1.mid", "s3.mid"} and name(rest) == {"s0.mid", "s2.mid", "s4.mid"}
    for bad, why in (("", "names no files"), (None, "cannot read")):
        path = tmp_path / "bad.txt"
        if bad is None:
            path = tmp_path / "missing.txt"
        else:
            path.write_text(bad)
        with pytest.raises(BandSetError, match=why):
            read_song_list(path)


def test_folders_without_songs_say_so(tmp_path):
    with pytest.raises(BandSetError, match="no .mid files"):
        load_band_windows(tmp_path)
    with pytest.raises(BandSetError, match="nope: no such folder"):
        load_band_windows(tmp_path / "nope")
    (tmp_path / "broken.mid").write_bytes(b"MThd garbage")
    with pytest.raises(BandSetError, match="not a folder"):
        load_band_windows(tmp_path / "broken.mid")
    with pytest.raises(BandSetError, match="no 4/4 windows"):
        load_band_windows(tmp_path)
    assert read_midi  # the reader that skipped the broken file


def test_one_part_brings_its_own_low_notes_as_the_bass(tmp_path):
    """A guitar part given alone: the engine takes its notes below C3 as the bass groove, and so do the
    evaluation's one-part input and training's subsets of parts; with the bass part chosen too, the bass part."""
    import mido

    from helpers import save_events
    from reagroove.core.bandset import bass_of_parts
    from reagroove.models.evaluate_band import one_part

    events = []

    def note(beat, pitch, ch):
        events.append((int(beat * 480), mido.Message("note_on", channel=ch, note=pitch, velocity=90)))
        events.append((int(beat * 480) + 100, mido.Message("note_off", channel=ch, note=pitch, velocity=0)))

    for bar in range(8):
        for e in range(8):  # drums: kick and snare on the beats, hats on the 8ths
            note(bar * 4 + e / 2, (36, 42, 38, 42)[e % 4], 9)
        for e in range(8):  # guitar: a low E on beats 1 and 3, chords above on the other 8ths
            note(bar * 4 + e / 2, 40 if e in (0, 4) else 64, 0)
            if e not in (0, 4):
                note(bar * 4 + e / 2, 67, 0)
        for q in (0, 1.5, 2.5):  # bass
            note(bar * 4 + q, 33, 1)
    save_events(tmp_path / "song.mid", events, 480, 120)
    bw = load_band_windows(tmp_path)
    groove, low, has = one_part(bw)
    assert has.all()
    assert np.nonzero(groove[0, :16, 0])[0].tolist() == list(range(0, 16, 2))  # the guitar alone
    assert np.nonzero(low[0, :16, 0])[0].tolist() == [0, 8]  # its own low E
    both = bw.parts[..., 0].any(-1)
    assert np.array_equal(bass_of_parts(bw, slice(None), both), bw.bass)  # with the bass part: the bass part
    assert np.nonzero(bw.bass[0, :16, 0])[0].tolist() == [0, 6, 10]
