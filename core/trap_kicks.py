"""The kick against the band's bass attacks where the network's grid cannot say them (played_part.as_written
lays it on the played loops, before the band's stops and breakdowns):

- a trap 808 line (feel.trap_tempo: 130-165 BPM, sparse, syncopated in 16ths) is the low end of the kit: its kick
  doubles the 808's attacks and leaves its sustain alone. The network, which learned rock and funk bass under a
  steady kick, put kicks under a held 808 note (the bar's 3 under a note struck on the "a" of 2, a 16th after the
  kick that doubled it): a second low thud inside the 808's tail, no trap producer's beat. Such a kick plays on the
  attack it rings from when that is a 16th or an 8th before it and has no kick, else it is dropped; the bar's 1
  (the anchor, under an 808 tied over the bar line) and a fill's kicks stay (`off_the_sustain`).
- in half time (feel.py) the loop is laid at half speed, so its kicks land on the bar's 8ths only: the network
  hears a bass attack on a 16th (a trap 808's pickup on the "a" of 2) a 16th early and puts its kick there,
  a flam against the bass. The kick moves onto the attack a 16th later (`onto_sixteenths`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .feel import TRAP_BPM, trap_tempo
from .half_time import HALF_BEAT, is_half_time
from .loop import N_VOICES, STEPS, STEPS_PER_BEAT, VOICES

_KICK, _SNARE = VOICES.index("kick"), VOICES.index("snare")
_KICK_CELLS = [_KICK + k * N_VOICES for k in range(3)]  # hit, velocity, offset
# how far before a kick under the sustain its 808's attack may be for the kick to move there (an 8th): further
# back, the kick was the network's own beat, not a late double of the attack
MOVE_STEPS = 2
BAR_STEPS = 4 * STEPS_PER_BEAT


@dataclass(frozen=True)
class BassLine:
    """A band part's low register on the real grid, as the kick rules read it."""

    attacks: np.ndarray  # (W, 32) bool: a bass note starts on the step
    ringing: np.ndarray | None  # (W, 32) bool: a bass note sounds on it, struck before (None: lengths not known)
    timing: np.ndarray  # (W, 32) each attack's offset from its step (-0.5..0.5 of a step): a kick moved onto it too
    trap: np.ndarray  # (W,) bool: the line reads as a trap 808 line (feel.trap_tempo), the window at its tempo


def bass_line(bass, sounding, meters, bpm, drum_part: bool, swing=None) -> BassLine | None:
    """The part's BassLine from Windows.bass (W, 32, 3) and Windows.bass_sounding (W, 32; None: not known) on the
    real grid; None for a drum part, a part with no bass, or a swung part (swing: swing.part_swing's; a shuffle's
    off-beat 8ths land on the beat's "a", no 808 16ths, and its kick under a walking bass is the shuffle's)."""
    if drum_part or swing is not None or bass is None or not (np.asarray(bass)[..., 0] > 0.5).any():
        return None
    attacks = np.asarray(bass)[..., 0] > 0.5
    ringing = None if sounding is None else (np.asarray(sounding) > 0) & ~attacks
    trap = np.full(len(attacks), trap_tempo(bass, meters, bpm) is not None)
    if trap.any():  # a slower intro or bridge of such a song is no 808 line (d_e4m9's 80 BPM intro)
        tempi = np.broadcast_to(np.asarray(bpm, np.float64), trap.shape)
        trap &= (tempi >= TRAP_BPM[0]) & (tempi <= TRAP_BPM[1])
    return BassLine(attacks, ringing, np.asarray(bass)[..., 2], trap)


def four_four_bars(bars) -> list[tuple[int, bool]]:
    """(first step, half time) of each 4/4 bar a window (WindowBars; None: two 4/4 bars) plays whole in its loop."""
    if bars is None:
        return [(0, False), (BAR_STEPS, False)]
    out = []
    for bar in bars:
        start = bar[0] * STEPS_PER_BEAT
        if tuple(bar[1:3]) == (4, 4) and float(start).is_integer() and 0 <= start <= STEPS - BAR_STEPS:
            out.append((int(start), is_half_time(bar)))
    return out


def kick_with_bass(loops: np.ndarray, line: BassLine | None, meters, fill_real) -> None:
    """In place on one version's (W, 32, 27) loops on the real grid: half time's kicks onto the bass's 16ths
    (`onto_sixteenths`), then a trap 808's sustain left to it (`off_the_sustain`). fill_real: (W, 32) the phrase
    plan's fill steps (a fill's kicks are the fill's), None: none."""
    if line is None:
        return
    for w in range(min(len(loops), len(line.attacks))):
        fill = np.zeros(STEPS, bool) if fill_real is None else np.asarray(fill_real[w], bool)
        for start, half in four_four_bars(None if meters is None else meters[w]):
            bar = range(start, start + BAR_STEPS)
            if half:
                onto_sixteenths(loops[w], line.attacks[w], line.timing[w], fill, bar)
            if line.trap[w] and line.ringing is not None:
                off_the_sustain(loops[w], line.attacks[w], line.timing[w], line.ringing[w], fill, bar)


def _move_kick(loop: np.ndarray, src: int, dst: int, offset: float) -> None:
    """The kick on step src played on step dst, as loud, at the bass attack's offset there."""
    loop[dst, _KICK_CELLS] = loop[src, _KICK_CELLS]
    loop[dst, _KICK_CELLS[2]] = offset
    loop[src, _KICK_CELLS] = 0.0


def onto_sixteenths(loop: np.ndarray, attacks: np.ndarray, timing: np.ndarray, fill: np.ndarray, bar: range) -> None:
    """In place on a window's (32, 27) loop: in a half-time bar (its steps `bar`), a kick on an 8th with no bass
    attack, the bass striking the 16th after it, moves onto that 16th (the bar's 1 keeps its kick, and so does the
    backbeat on its 3 where the snare plays with it: reggae's one drop, half_time_genres.py, had flammed its kick
    off the drop; and a four on the floor keeps its beats: disco's in half time, half_time_genres.py, had limped
    onto the "e" of 2 and 4 under a riff striking there)."""
    kick = loop[:, _KICK] > 0.5
    drop = bar.start + HALF_BEAT
    floor = bool(kick[bar.start:bar.stop:STEPS_PER_BEAT].all())
    for s in bar[2::2]:
        t = s + 1
        if (s == drop and loop[s, _SNARE] > 0.5) or (floor and (s - bar.start) % STEPS_PER_BEAT == 0):
            continue
        if kick[s] and not attacks[s] and attacks[t] and not kick[t] and not fill[s] and not fill[t]:
            _move_kick(loop, s, t, timing[t])


def off_the_sustain(loop: np.ndarray, attacks: np.ndarray, timing: np.ndarray, ringing: np.ndarray,
                    fill: np.ndarray, bar: range) -> None:
    """In place on a window's (32, 27) loop: a kick under a trap 808's sustain (ringing, not struck there) in the
    bar `bar` plays on the attack it rings from, if MOVE_STEPS or less before it in the bar and kickless, else
    rests; the bar's 1 and a fill's kicks stay."""
    for t in bar[1:]:
        if not (loop[t, _KICK] > 0.5 and ringing[t]) or fill[t]:
            continue
        struck = t - 1
        while struck > bar[0] and ringing[struck] and not attacks[struck]:
            struck -= 1
        if attacks[struck] and t - struck <= MOVE_STEPS and not loop[struck, _KICK] > 0.5 and not fill[struck]:
            _move_kick(loop, t, struck, timing[struck])
        else:
            loop[t, _KICK_CELLS] = 0.0
