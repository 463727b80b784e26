"""`reagroove live` hears the bass as drumify does (core/live_bass.py): the low register of what is played (a part on
a MIDI channel of its own whose median pitch is low, else the notes below C3: core/low_register.py) is the network's
second input, as drumify's Windows.bass. A funk riff on C2 at 140 had 4 kicks, 3 snares and 8th hats a bar live and
6 kicks, 2 snares and 16th hats from drumify. On the shipped model, through the rig `reagroove live` assembles
(in-memory ports, each note sent on its own MIDI channel)."""

import mido
import numpy as np
from helpers import live_rig

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.groove import extract_windows
from reagroove.core.live import LiveSession
from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

BPM, ONE, BARS = 140.0, 0.4, 6  # the player's beat 1 at 0.4 s; the drums come in on bar 2
VOICE_OF = {pitch: VOICES[v] for pitch, v in enumerate(GM_DRUM_MAP.voice_of_pitch()) if v >= 0}  # 44: the hat foot
# tests/test_live_half_time.py's funk riff (beat, velocity): 16ths between its 8ths
FUNK = ((0, 110), (0.75, 80), (1.5, 90), (2, 105), (2.5, 70), (3.25, 85), (3.5, 95))
COMP = ((0, 90), (1, 70), (1.5, 80), (2.5, 85), (3, 70))  # a keyboard's chords
BASS, KEYS = 1, 0  # MIDI channels (0-based)


def riff(rhythm, pitches, channel):
    """(beat, pitch, velocity, channel) of `rhythm` played on `pitches` at once, every bar."""
    return [(4 * bar + beat, p, vel, channel) for bar in range(BARS) for beat, vel in rhythm for p in pitches]


def played_live(engine, notes):
    """The notes played live: ({bar (1-based): {voice: {16th step}}} of the drums heard, the loops made)."""
    player, clock = live_rig(engine, BPM)
    made, generate = [], player.session._generate

    def keep(*args):
        made.append(generate(*args))
        return made[-1]

    player.session._generate = keep
    due = sorted((ONE + beat * 60.0 / BPM, pitch, vel, chan) for beat, pitch, vel, chan in notes)
    heard, t = {}, 0.0
    player.start()
    while t < ONE + 4 * BARS * 60.0 / BPM:
        while due and due[0][0] <= t + 1e-9:
            _, pitch, vel, chan = due.pop(0)
            player.inport.queue.append(mido.Message("note_on", note=pitch, velocity=vel, channel=chan))
        clock[0], sent = t, len(player.outport.sent)
        player.step(t)
        for msg in player.outport.sent[sent:]:
            if msg.type == "note_on" and msg.velocity:
                step = int(round((t - ONE) * BPM / 60.0 * 4))
                heard.setdefault(step // 16 + 1, {}).setdefault(VOICE_OF[msg.note], set()).add(step % 16)
        t = round(t + 0.005, 6)
    return heard, made


def drumified(engine, make_midi, notes):
    """drumify of the same notes (same tempo, bars): ({bar: {voice: {16th step}}}, its Windows)."""
    content = read_midi(make_midi(notes, "part.mid", tempos=((0, BPM),), length=4 * BARS))
    loops = engine.drumify(content, Settings()).loops
    bars = {}
    for w, loop in enumerate(loops):
        for half in range(2):
            for v, voice in enumerate(VOICES):
                steps = set(map(int, np.nonzero(loop[16 * half:16 * half + 16, v] > 0.5)[0]))
                if steps:
                    bars.setdefault(2 * w + half + 1, {})[voice] = steps
    return bars, extract_windows(content)


def roll(heard) -> str:
    """The drums as a drummer reads them, bar by bar (shown when a test fails)."""
    return "\n".join(f"bar {bar:2d} {v:10s} " + "".join("x" if k in heard[bar][v] else "." for k in range(16))
                     for bar in sorted(heard) for v in VOICES if v in heard[bar])


def sixteenths(bar) -> bool:
    """The bar's hats play 16ths (a stroke between the 8ths)."""
    return any(step % 2 for step in bar.get("closed_hat", set()) | bar.get("open_hat", set()))


def same(heard, read) -> bool:
    """Two (32, 3) grooves alike: the same hits at the same velocities, timing within the rig's 5 ms steps."""
    return np.array_equal(heard[:, :2], read[:, :2]) and np.allclose(heard[:, 2], read[:, 2], atol=0.06)


def whole_windows(made, windows):
    """(live loop, drumify window index) of the loops made from a whole window of input, as drumify reads it (the
    bars before the drums came in, and a loop made before its window's first 16th was played again, are what live
    cannot know)."""
    out = []
    for m in made:
        w = int(round(m.window_start / 8.0))
        if m.boundary > 0 and w < len(windows.grooves) and same(m.groove, windows.grooves[w]):
            out.append((m, w))
    return out


def test_a_bass_riff_live_gets_drumifys_kick_snare_and_sixteenth_hats_bar_by_bar(shipped, make_midi):
    notes = riff(FUNK, (36,), BASS)
    live, made = played_live(shipped, notes)
    offline, windows = drumified(shipped, make_midi, notes)
    shown = f"live:\n{roll(live)}\ndrumify:\n{roll(offline)}"
    assert sorted(live) == list(range(2, BARS + 1)), shown
    for bar in range(2, BARS + 1):  # the kick on the bass line's notes, the snare on 2 and 4, 16th hats: drumify's
        assert live[bar]["kick"] == offline[bar]["kick"], f"bar {bar}\n{shown}"
        assert live[bar].get("snare") == offline[bar].get("snare"), f"bar {bar}\n{shown}"
        assert sixteenths(live[bar]) == sixteenths(offline[bar]), f"bar {bar}\n{shown}"
    whole = whole_windows(made, windows)
    assert whole and all(same(m.bass, windows.bass[w]) for m, w in whole)  # drumify's bass input


def test_keys_alone_leave_the_bass_unknown_and_a_left_hand_below_c3_is_the_bass_as_drumifys(shipped, make_midi):
    chords = riff(COMP, (60, 64, 67), KEYS)
    _, made = played_live(shipped, chords)
    _, windows = drumified(shipped, make_midi, chords)
    assert not windows.bass.any() and all(m.bass is None for m in made)  # no part is low: no bass, as drumify's
    # the same keyboard with a left hand on C2: its median is a chord's, so the notes below C3 are the bass
    with_left_hand = chords + riff(((0, 100), (2.5, 90)), (36,), KEYS)
    _, made = played_live(shipped, with_left_hand)
    _, windows = drumified(shipped, make_midi, with_left_hand)
    whole = whole_windows(made, windows)
    assert windows.bass[..., 0].sum() == 4 * len(windows.bass) and whole
    assert all(same(m.bass, windows.bass[w]) for m, w in whole)


def test_bass_and_keys_on_two_channels_of_one_port_get_drumifys_kicks_on_the_bass_line(shipped, make_midi):
    notes = riff(FUNK, (36,), BASS) + riff(COMP, (60, 64, 67), KEYS)
    live, made = played_live(shipped, notes)
    offline, windows = drumified(shipped, make_midi, notes)
    shown = f"live:\n{roll(live)}\ndrumify:\n{roll(offline)}"
    for bar in range(2, BARS + 1):
        assert offline[bar]["kick"] <= live[bar]["kick"], f"bar {bar}\n{shown}"  # every kick drumify puts on the bass
        assert live[bar].get("snare") == offline[bar].get("snare"), f"bar {bar}\n{shown}"
        assert sixteenths(live[bar]) == sixteenths(offline[bar]), f"bar {bar}\n{shown}"
    whole = whole_windows(made, windows)  # the bass input is the bass channel's alone, as drumify's
    assert whole and all(same(m.bass, windows.bass[w]) for m, w in whole)


def test_a_drum_part_played_live_is_unchanged_by_the_bass_reading(shipped, monkeypatch):
    """Pads on channel 10 (kick on C2, below C3) get the drums they had before the bass was read: no bass input."""
    pads = riff(((0, 110), (1, 90), (2, 105), (3, 90)), (36,), 9) + riff(((1, 100), (3, 100)), (38,), 9)
    heard, made = played_live(shipped, pads)
    assert all(m.bass is None for m in made)
    monkeypatch.setattr(LiveSession, "bass_groove", lambda self, at=None: np.zeros((32, 3), np.float32))
    assert played_live(shipped, pads)[0] == heard
