"""Drum kits on channels other than 10 in a MIDI file: a GM2/XG drum bank, a Roland GS "use for rhythm
part" or XG "part mode" message, and the resets that undo them (read by core/midi.py's scanner).

A drum kit's notes are drums whatever channel they come on; read as a band part they would be fed to the
model as a bass or keys part, and the file's own drums missed.
"""

from __future__ import annotations

import numpy as np

from .constants import DRUM_CHANNEL  # MIDI channel 10, counted from 0

# Bank select MSB values of a drum kit: GM2's rhythm bank and XG's drum kits.
DRUM_BANKS = (120, 127)
# System exclusive messages kept while scanning (their bytes after F0): Roland (GS), Yamaha (XG) and
# universal non-real-time (GM System On), up to this length.
SETUP_SYSEX_MAKERS = (0x41, 0x43, 0x7E)
MAX_SETUP_SYSEX = 512
# Roland GS (model 42) addresses, 7 bits a byte: the GS reset (40 00 7F), the SC-88's system mode set
# (00 00 7F, a reset too), and each part's USE FOR RHYTHM PART (40 1x 15: 0 = notes, 1 or 2 = drum map 1 or 2).
GS_RESETS = ((0x40 << 14) | 0x7F, 0x7F)
GS_RHYTHM_PART = (0x40 << 14) | (0x10 << 7) | 0x15
# The MIDI channel (from 0) of the part in each block x of the GS part addresses 40 1x ..: block 0 is
# part 10, blocks 1-9 are parts 1-9, blocks A-F parts 11-16 (Roland SC-55 owner's manual).
GS_BLOCK_CHANNELS = (9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15)
# Where a message names a part a drum part: (maker, what the message calls it)
PART_MODE_SOURCES = {"gs": ("GS", "use for rhythm part"), "xg": ("XG", "part mode")}


def _sysex_drum_parts(payload: bytes) -> tuple[str | None, dict[int, tuple[str, int]]]:
    """What a system exclusive message (its bytes after F0) does to drum parts: the mode a reset
    puts a synth in ("gm", "gs", "xg"; None when it is no reset), and for each channel whose part
    it sets, ("gs" or "xg", value: 0 = notes, more = a drum part): GS USE FOR RHYTHM PART (a message
    may set a run of parameters, a part's or several parts'), XG PART MODE (08 nn 07, part nn on
    channel nn + 1). Roland checksums are not checked: a wrong one is a sequencer's slip, and the
    message says what was meant."""
    p = payload[:-1] if payload[-1:] == b"\xf7" else payload
    if p[0] == 0x7E:
        return ("gm" if p[2:3] == b"\x09" and p[3:4] in (b"\x01", b"\x03") else None), {}  # GM1 or GM2 System On
    if p[0] == 0x43:  # XG parameter change: 43 1n 4C, address (3 bytes), data
        if p[1] & 0xF0 != 0x10 or p[2:3] != b"\x4c" or len(p) < 7:
            return None, {}
        if p[3:7] == b"\x00\x00\x7e\x00":  # XG System On
            return "xg", {}
        if p[3] == 0x08 and p[5] == 0x07 and p[4] < 16:
            return None, {p[4]: ("xg", p[6])}
        return None, {}
    if p[0] != 0x41 or p[2:4] != b"\x42\x12" or len(p) < 9:  # a GS data set (DT1): address, data, checksum
        return None, {}
    address = (p[4] << 14) | (p[5] << 7) | p[6]
    values = p[7:-1]
    if address in GS_RESETS:
        return "gs", {}
    parts = {}
    for block, chan in enumerate(GS_BLOCK_CHANNELS):
        k = GS_RHYTHM_PART + (block << 7) - address
        if 0 <= k < len(values):
            parts[chan] = ("gs", values[k])
    return None, parts


def move_drum_kits(channel: np.ndarray, start_ticks: np.ndarray, metas: list, warnings: list[str]) -> None:
    """Give notes (their channels, changed in place, and start ticks) played on a drum kit on a channel
    other than 10 to channel 10, so they are read as
    drums, not as a bass or keys part: a kit selected by bank (GM2 percussion on channel 11, an XG
    drum part) or a part made a drum part by a system exclusive message (GS USE FOR RHYTHM PART,
    XG PART MODE). `metas` is sorted by tick; a note takes its channel's state at its start. A reset
    (GS reset, GM or XG System On) gives every part back its notes; after a GS reset a bank select
    makes no drum kit (bank 127 is the MT-32 sound set there); in XG a bank select sets the part's
    mode again."""
    banks: dict[int, bool] = {}  # channel -> its bank is a drum kit
    parts: dict[int, tuple[str, int]] = {}  # channel -> (its part's mode set by "gs" or "xg", value)
    mode = None
    changes: dict[int, list[tuple[int, str]]] = {}  # channel -> (tick, what makes it drums: "bank", "gs", "xg", "")

    def state(chan: int) -> str:
        source, value = parts.get(chan, ("", None))
        if chan == DRUM_CHANNEL:
            return "notes" if value == 0 else ""  # part 10 set to play notes
        if value:
            return source
        return "bank" if banks.get(chan) and mode != "gs" else ""

    for tick, mtype, payload in metas:
        if mtype == 0xB0:
            chan = payload[0]
            banks[chan] = payload[1] in DRUM_BANKS
            if parts.get(chan, ("",))[0] == "xg":  # an XG part's mode follows its latest bank select
                del parts[chan]
            touched = {chan}
        elif mtype == 0xF0:
            reset, set_parts = _sysex_drum_parts(payload)
            touched = set(set_parts)
            if reset:
                touched |= set(banks) | set(parts)
                mode = reset
                banks.clear()
                parts.clear()
            parts.update(set_parts)
        else:
            continue
        for chan in touched:
            changes.setdefault(chan, []).append((tick, state(chan)))
    moved: dict[str, list[int]] = {"bank": [], "gs": [], "xg": []}
    for chan, timeline in sorted(changes.items()):
        if not any(s for _, s in timeline):
            continue
        ticks = np.array([t for t, _ in timeline])
        states = np.array([s for _, s in timeline])
        on = np.flatnonzero(channel == chan)
        # side="right": a change at a note's own tick (written just before it) applies to it
        k = np.searchsorted(ticks, start_ticks[on], side="right") - 1
        now = np.where(k >= 0, states[np.maximum(k, 0)], "")
        if chan == DRUM_CHANNEL:
            if (now == "notes").any():
                warnings.append(f"a GS or XG message sets channel 10 to play notes, not drums; its {int((now == 'notes').sum())} "
                                "notes there are read as drums all the same (channel 10 is ReaGroove's drum channel)")
            continue
        for source in moved:
            if (now == source).any():
                moved[source].append(chan + 1)
        channel[on[now != ""]] = DRUM_CHANNEL

    def channels(chans: list[int]) -> str:
        return f"channel{'s' if len(chans) > 1 else ''} {', '.join(map(str, chans))}"

    if moved["bank"]:
        warnings.append(f"{channels(moved['bank'])} select{'' if len(moved['bank']) > 1 else 's'} "
                        "a drum kit (GM2/XG drum bank): read as drums, as channel 10 is")
    for source, (maker, what) in PART_MODE_SOURCES.items():
        if moved[source]:
            warnings.append(f"{channels(moved[source])} {'are' if len(moved[source]) > 1 else 'is'} made a drum part "
                            f"by a {maker} message ({what}): read as drums, as channel 10 is")
