"""A producer's tour of live play on MIDI ports (no MIDI clock): the tempo turned while playing, swung pickups,
sparse parts. The player is simulated through in-memory ports, each note a few milliseconds early or late, with
the rig `reagroove live` assembles and the shipped model."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP

KICK, SNARE = GM_DRUM_MAP.output[:2]
# a funk bass riff, (beat, pitch, velocity): accents on 1 and 3, 16ths between
RIFF = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 40, 95)]
STEP_S = 0.005


@pytest.fixture(scope="module")
def engine():
    pytest.importorskip("torch")
    from reagroove.models.drummer import default_engine

    return default_engine(patterns_path=None)


class Timeline:
    """The player's beats in seconds: `bpm` from their beat 1 at `one`, then `then_bpm` from beat `turn` on."""

    def __init__(self, one, bpm, turn=None, then_bpm=None):
        self.one, self.bpm, self.turn, self.then_bpm = one, bpm, turn, then_bpm

    def time(self, b):
        if self.turn is None or b <= self.turn:
            return self.one + b * 60.0 / self.bpm
        return self.time(self.turn) + (b - self.turn) * 60.0 / self.then_bpm

    def beat(self, t):
        if self.turn is None or t <= self.time(self.turn):
            return (t - self.one) * self.bpm / 60.0
        return self.turn + (t - self.time(self.turn)) * self.then_bpm / 60.0


def play(engine, set_bpm, notes, line, end_beat, *, jitter_s=0.008, seed=1, at_time=None):
    """`reagroove live --bpm set_bpm`; `notes` (player's beat, pitch, velocity) played on `line`, each up to
    `jitter_s` early or late; `at_time`: {seconds: callable(player)} what the producer does then.
    Returns (player, [(seconds, drum pitch)] of the drums' note-ons)."""
    rng = np.random.default_rng(seed)
    timed = [(line.time(b) + rng.uniform(-jitter_s, jitter_s), p, v) for b, p, v in notes]
    player, clock = live_rig(engine, set_bpm)
    sent = play_live(player, clock, timed, line.time(end_beat), STEP_S, actions=(at_time or {}).items())
    sent = [(t, m.note) for t, m in sent if m.type == "note_on" and m.velocity]
    return player, sent


def riff_bars(bars, part=RIFF):
    return [(bar * 4 + b, p, v) for bar in range(bars) for b, p, v in part]


def test_the_tempo_turned_up_while_playing_speeds_the_drums_up_without_a_jump_a_lost_bar_or_doubled_notes(engine):
    """The editor's Tempo box at 100 while the bass player speeds up to 110 with it: the internal clock could not change
    tempo in flight (only a restart, which lost the bar). Turned mid-beat in bar 4, the drums run on at 110 from
    where they are: the backbeat stays on the player's 2 and 4 in every bar after it, no beat is skipped or doubled."""
    turn = 14.5  # the producer turns the box in bar 4, between the player's 3 and 4
    line = Timeline(1.3, 100.0, turn, 110.0)  # the player hears the drums speed up and goes with them
    seen = []  # the clock's beat at the turn, before and after (the next step takes the request)

    def turn_up(p):
        now = line.time(turn)
        before = p.clock.beat(now)
        p.retempo(110.0)
        p.step(now)
        seen.append((before, p.clock.beat(now), p.clock.beat(now + 60 / 110) - p.clock.beat(now)))

    player, sent = play(engine, 100.0, riff_bars(10), line, 40, at_time={line.time(turn): turn_up})
    assert abs(player.clock.bpm - 110) < 2 and player.clock.set_bpm == 110
    before, after, one_beat = seen[0]
    assert after == pytest.approx(before, abs=1e-6)  # no jump at the turn
    assert one_beat == pytest.approx(1.0, abs=0.01)  # and a beat of 110 later, one beat on
    snares = [line.beat(t) for t, p in sent if p == SNARE]
    kicks = [line.beat(t) for t, p in sent if p == KICK]
    for bar in range(4, 10):  # every bar from the turn on: the snare on the player's 2 and 4
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in snares), \
                f"bar {bar + 1}: no snare on the player's beat {two_four + 1} after the tempo was turned up"
        assert any(abs(b - bar * 4) < 0.125 for b in kicks), f"bar {bar + 1}: no kick on the player's 1"
    for hits in (snares, kicks):  # nothing played twice around the turn
        assert min(np.diff(sorted(hits)), default=1.0) > 0.1
    # the drums' pace after the turn is 110: the snare's 2-to-4 span in seconds
    late = [t for t, p in sent if p == SNARE and line.beat(t) > 24]
    assert late
    backbeats = [t for t in late if min(abs(line.beat(t) % 2 - 1), 1) < 0.125]
    spans = np.diff(backbeats)
    assert np.median(spans) == pytest.approx(2 * 60 / 110, abs=0.02)


def test_the_tempo_turned_while_playing_is_ignored_following_midi_clock():
    """Following MIDI clock, the master sets the tempo: a request from the Tempo box changes nothing, no error."""
    from helpers import MemoryInput, MemoryOutput

    from reagroove.core.live import LiveSession
    from reagroove.core.midi_clock import MidiClockFollower
    from reagroove.core.livemidi import open_live_player

    ports = {"input": MemoryInput(), "output": MemoryOutput()}
    player = open_live_player(None, "in", "out", 100.0, clock_in=True, opener=lambda name, kind: ports[kind])
    player.session = LiveSession.__new__(LiveSession)
    player.session.tempo_wanted = None
    player.session.running = False
    player.retempo(130.0)
    player.step(0.0)
    assert isinstance(player.clock, MidiClockFollower) and player.clock.bpm == 100.0


# a swung bass line: the root on 1 and 3 (accented), swung 8ths between
SWUNG_BASS = [(0, 40, 110), (1, 43, 85), (1 + 2 / 3, 45, 70), (2, 47, 100), (3, 45, 85), (3 + 2 / 3, 43, 70)]
SWUNG_KEYS = [(b + 2 / 3, 60, 60) for b in range(4)] + [(b, p, 95 - 15 * (b % 2)) for b in range(4) for p in (48, 55)]


def _backbeat(sent, line, bars):
    snares = [line.beat(t) for t, p in sent if p == SNARE]
    kicks = [line.beat(t) for t, p in sent if p == KICK]
    assert snares and kicks
    assert min(snares + kicks) > 4 - 0.2, "the drums came in before the player's bar 2"
    for bar in range(1, bars):
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in snares), \
                f"bar {bar + 1}: no snare on the player's beat {two_four + 1}"
    assert any(abs(b - bar * 4) < 0.125 for b in kicks for bar in range(1, bars))


@pytest.mark.parametrize("pickup, part", [
    ([(-1, 43, 80), (-1 / 3, 45, 82)], SWUNG_BASS),  # bass: 4, swung and-of-4, into the low accented 1
    ([(-1, 64, 70), (-1 / 3, 65, 72)], SWUNG_KEYS),  # keys: two swung 8ths up into the chord on 1
], ids=["swung bass", "swung keys"])
@pytest.mark.parametrize("player_bpm, seed", [(100.0, 1), (100.0, 2), (84.0, 3), (112.0, 1)])
def test_a_two_note_swung_pickup_puts_bar_1_on_the_note_it_leads_into(engine, pickup, part, player_bpm, seed):
    """`reagroove live --bpm 100`, two swung 8ths (the 4 and its swung 'and') into 1: their 2/3-beat gap was too
    long for a pickup's, so the first of them was beat 1 and the snare fell on the player's 1 and 3. At 84 the gap
    is 0.8 of --bpm's beat, and the swing then read as straight 8ths at 126."""
    line = Timeline(2.5, player_bpm)
    _, sent = play(engine, 100.0, pickup + riff_bars(6, part), line, 24, seed=seed, jitter_s=0.012)
    _backbeat(sent, line, 6)


@pytest.mark.parametrize("part", [SWUNG_BASS, SWUNG_KEYS, RIFF], ids=["swung bass", "swung keys", "riff"])
@pytest.mark.parametrize("player_bpm", [84.0, 100.0, 118.0])
def test_a_part_with_no_pickup_still_has_its_first_note_as_beat_1(engine, part, player_bpm):
    """What a longer pickup gap must not do: take the first beats of a swung part with no pickup as one."""
    line = Timeline(2.5, player_bpm)
    _, sent = play(engine, 100.0, riff_bars(6, part), line, 24, jitter_s=0.012)
    _backbeat(sent, line, 6)


HALF_NOTES = [(0, 40, 105), (2, 45, 95)]  # bass: the root on 1 and the fifth on 3, nothing else
HALF_CHORDS = [(0, p, 100) for p in (48, 55, 64)] + [(2, p, 88) for p in (48, 55, 64)]


@pytest.mark.parametrize("part", [HALF_NOTES, HALF_CHORDS], ids=["bass", "keys"])
@pytest.mark.parametrize("player_bpm", [70.0, 90.0, 120.0])
def test_a_sparse_part_far_from_the_tempo_set_is_played_in_its_own_time(engine, part, player_bpm):
    """`reagroove live --bpm 100`, a player on half notes only at 70 (or 90, 120): the drums came in after their
    first two notes at 100, locked before a tempo could be read (or read 70 as 105, 3 beats a note), and played
    against them all song. They come in on a bar line once the tempo is heard (bar 3 at the latest), in its time."""
    line = Timeline(2.5, player_bpm)
    player, sent = play(engine, 100.0, riff_bars(8, part), line, 32, jitter_s=0.012)
    assert abs(player.clock.bpm - player_bpm) < 2
    snares = [line.beat(t) for t, p in sent if p == SNARE]
    kicks = [line.beat(t) for t, p in sent if p == KICK]
    assert min(snares + kicks) > 4 - 0.2, "the drums came in before the player's bar 2"
    first = min(snares + kicks)
    assert first < 8 + 0.2 and abs(first - round(first / 4) * 4) < 0.125, f"the drums came in at beat {first:.2f}"
    for bar in range(int(round(first / 4)), 8):
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in snares), \
                f"bar {bar + 1}: no snare on the player's beat {two_four + 1}"


# keys comping, the left hand's root on 1: on 1, the 'and' of 3 and the 'and' of 4; on 1, the 'and' of 2 and 4
COMP_AND_3 = [(0, 45, 95)] + [(t, p, v) for t, v in ((0, 95), (2.5, 75), (3.5, 70)) for p in (57, 60, 64)]
COMP_AND_2 = [(0, 45, 95)] + [(t, p, v) for t, v in ((0, 95), (1.5, 75), (3, 70)) for p in (57, 60, 64)]


@pytest.mark.parametrize("part, player_bpm", [(COMP_AND_3, 100.0), (COMP_AND_2, 90.0)], ids=["and of 3 at 100",
                                                                                           "and of 2 at 90"])
def test_a_comping_part_whose_first_chords_sit_on_the_tempo_set_is_played_in_its_own_time(engine, part, player_bpm):
    """`reagroove live` at its default --bpm 120, keys comping at 100 (1, the 'and' of 3, the 'and' of 4: the
    first two chords 3 beats of 120 apart) or at 90 (1, the 'and' of 2, 4: a bar of 120's half notes). The drums
    had come in after two or three chords at 120 and never came back to the player. They wait for the tempo,
    come in by bar 3 and keep the backbeat on the player's 2 and 4."""
    line = Timeline(2.5, player_bpm)
    player, sent = play(engine, 120.0, riff_bars(10, part), line, 40, jitter_s=0.012)
    assert abs(player.clock.bpm - player_bpm) < 2
    snares = [line.beat(t) for t, p in sent if p == SNARE]
    first = min(line.beat(t) for t, p in sent if p in (SNARE, KICK))
    assert first < 8 + 0.2, f"the drums came in at beat {first:.2f}"
    for bar in range(int(round(first / 4)), 10):
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in snares), \
                f"bar {bar + 1}: no snare on the player's beat {two_four + 1}"


def test_the_player_is_told_the_tempo_the_drums_come_in_at_and_a_tempo_they_follow(engine):
    """While playing, `reagroove live` says nothing but 'Ctrl-C stops' until the end: the player is now told the
    tempo the drums come in at (read from their playing, off --bpm) and, as they speed up from 100 to 110, the
    tempo the drums follow them at, a line each, not one per note."""
    line = Timeline(2.5, 100.0, 30.0, 110.0)
    rng = np.random.default_rng(1)
    timed = [(line.time(b) + rng.uniform(-0.01, 0.01), p, v) for b, p, v in riff_bars(20, COMP_AND_3)]
    player, clock = live_rig(engine, 120.0)
    said: list[str] = []
    player.say = said.append
    play_live(player, clock, timed, line.time(80), STEP_S)
    assert said[0] == "the drums come in at 100 BPM, read from your playing (--bpm 120)", said
    assert any(s.startswith("following you at 1") and 104 <= int(s.split()[3]) <= 111 for s in said[1:]), said
    assert len(said) <= 4, said


@pytest.mark.parametrize("memory", [0.0, 0.6])
def test_the_drums_follow_the_player_getting_loud_or_soft_within_two_bars(engine, memory):
    """A bass player soft (velocity 40) for 8 bars, loud (120) for 8, soft again: the drums play the new dynamic
    from its second bar (`--memory 0`: only the bar just played) or third (the default memory keeps some of the
    bar before), as a drummer does; the take of the last four grooves had needed five bars to follow."""
    line = Timeline(2.5, 100.0)
    rng = np.random.default_rng(3)
    soft = [(b, p, 40) for b, p, _ in RIFF]
    loud = [(b, p, 120) for b, p, _ in RIFF]
    notes = [(bar * 4 + b, p, v) for bar in range(24) for b, p, v in (loud if 8 <= bar < 16 else soft)]
    timed = [(line.time(b) + rng.uniform(-0.008, 0.008), p, v) for b, p, v in notes]
    player, clock = live_rig(engine, 100.0, memory=memory)
    sent = play_live(player, clock, timed, line.time(96), STEP_S)
    level = {}
    for t, m in sent:
        if m.type == "note_on" and m.velocity:
            level.setdefault(int(line.beat(t) // 4), []).append(m.velocity)
    mean = {bar: float(np.mean(v)) for bar, v in level.items()}
    steady_loud, steady_soft = mean[14], mean[6]
    assert steady_loud > steady_soft + 30
    late = 0 if memory == 0 else 1  # bars count from 0 here: bar 8 is the first loud one
    assert mean[9 + late] >= steady_loud - 10, mean
    assert mean[17 + late] <= steady_soft + 10, mean


CRASH = GM_DRUM_MAP.output[7]


@pytest.mark.parametrize("stop_after", [4, None])
def test_the_drums_end_when_the_player_stops_and_come_back_in_when_they_play(engine, stop_after):
    """A bass player plays 8 bars, stops for 12, plays 4 more. With `--stop-after 4` the drums keep time for 4
    bars (a drummer waits through a break), end on bar 13's downbeat with a kick and a crash, play nothing
    more while the player is away, and come in again on the bar line after the player's first note, with a
    crash; the player is told both. They had played on forever after the player stopped. Without it (REAPER's
    live follow: the transport stops them) they play on through the silence."""
    line = Timeline(2.5, 100.0)
    notes = riff_bars(8) + [(80 + b, p, v) for b, p, v in riff_bars(4)]
    rng = np.random.default_rng(5)
    timed = [(line.time(b) + rng.uniform(-0.008, 0.008), p, v) for b, p, v in notes]
    player, clock = live_rig(engine, 100.0, stop_after=stop_after)
    said: list[str] = []
    player.say = said.append
    sent = play_live(player, clock, timed, line.time(100), STEP_S)
    hits = [(line.beat(t), m.note) for t, m in sent if m.type == "note_on" and m.velocity]
    bars = {}
    for b, note in hits:
        bars.setdefault(int(np.floor(b / 4 + 1 / 32)), []).append((round(b - 4 * np.floor(b / 4 + 1 / 32), 2), note))
    assert all(bars.get(bar) for bar in range(1, 12))  # bars 2-12: the riff, then 4 bars kept in time
    if stop_after is None:
        assert all(bars.get(bar) for bar in range(12, 25)), sorted(bars)
        assert not any(s.startswith("you stopped") for s in said)
        return
    ending = bars[12]  # bar 13
    assert {n for _, n in ending} >= {KICK, CRASH} and all(abs(b) < 0.1 for b, _ in ending), ending
    assert not any(bars.get(bar) for bar in range(13, 21)), sorted(bars)  # bars 14-21: silent
    assert bars.get(21) and any(n == CRASH and abs(b) < 0.1 for b, n in bars[21]), bars.get(21)  # bar 22
    assert all(bars.get(bar) for bar in range(22, 24))
    assert "you stopped: the drums end on bar 13 and come back in when you play" in said, said
    assert "the drums come back in on bar 22" in said, said
