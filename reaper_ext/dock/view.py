"""What the docked panel draws in one frame, and what the producer's gestures change.

`DockView.draw(ig, ctx, settings, status)` draws the panel's widgets with a
ReaImGui binding `ig` (ReaImGui 0.9+'s generated `imgui` module, or the
tests' simulated one) inside a window already begun, and returns the
settings after this frame's gestures and the commands the buttons asked for.
It keeps no settings of its own: the host (host.py) reads and writes the
settings record both panels share.

Binding conventions (ReaImGui's generated Python binding): a function
returns its result followed by its read/write arguments, so
`changed, value = ig.SliderDouble(ctx, label, value, lo, hi)`; functions
with no result and no outputs return None; enums are functions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from reagroove.core.genres import GENRE_LABELS, GENRES
from reagroove.core.settings import MAX_VARIATIONS, Settings

from ..panel.blend import PAD_VERTICES, blend_to_pad, inactive_controls, pad_changes, pad_to_blend
from ..panel.genre_notes import DICE_NOTE, pattern_label, with_note
from .keys import PAD_HINT, SLIDER_HINT, default_focus, key_hint, mouse_held, pad_flags, pad_keys
from .results import fitted

# Commands the buttons ask the host to run.
DRUMIFY, VARIATIONS, PATTERN_A, PATTERN_B, LIVE_ON, LIVE_OFF, EDITOR = (
    "drumify", "variations", "pattern A", "pattern B", "live on", "live off", "editor")
# live follow's drums fill into the next section (told to the follower's process through REAPER's ext-state)
FILL = "fill"
FILL_LABEL = "Fill into section"
# × cleared a pattern (done here, in the settings): told to the host so its message line says so
CLEAR_A, CLEAR_B = "clear A", "clear B"
# the full editor's dice, then Drumify: Drumify pressed again with nothing changed wrote nothing ("a new seed draws a
# new take"), and the dock had no seed to change
NEW_TAKE = "new take"
TAKE_SEEDS = 2**31 - 1  # as the full editor's dice (panel/controller.py new_seed)
PAD_HEIGHT_MAX = 150.0
PAD_HEIGHT_MIN = 60.0
PAD_ASPECT = 0.6  # the pad's height to its width
WIDE_RATIO = 2.0  # a docker this many times as wide as tall lays its sections side by side
WIDE_COLUMN_W = 180.0  # the least a column of controls gets there (a slider with its label beside it)
ITEM_SPACING = 8.0  # between items on a row, and between a table's columns
CHECKBOX_W = 23.0  # a checkbox's square (one frame high) and the gap before its label
MAX_FILL_EVERY = 16
LABEL_GAP = 12.0  # between a slider and its label (ImGui: ItemInnerSpacing.x, 4 px, and a margin)
MIN_SLIDER_W = 60.0
BUTTON_PAD = 8.0  # a button is its label's width plus ImGui's frame padding (4 px each side by default)

# Colours as ReaImGui takes them: 0xRRGGBBAA.
PAD_FILL, PAD_FILL_INACTIVE, PAD_EDGE, PAD_POINT, PAD_TEXT = 0x3B6FB566, 0x3B6FB522, 0x9AA3B2FF, 0xF2B134FF, 0xDCE0E8FF
LIVE_ON_COLOUR, LIVE_OFF_COLOUR = 0x2F9E6EFF, 0x9AA3B2FF


@dataclass
class LiveStatus:
    """What the panel shows about live follow (read by the host from REAPER each frame)."""

    live: bool = False  # live follow is on (REAPER's ext-state, also set by the Live follow action)
    playing: bool = False
    bar: int | None = None
    beat: float | None = None
    input_seen_s: float | None = None  # seconds since the last note on a record-armed track (None: none yet)
    loops_written: int = 0  # drum items written since live follow was turned on
    armed: bool = True  # a track is record-armed (the follower hears only those); False: it hears nothing

    def lines(self) -> list[str]:
        """One or two short lines (a docker can be narrow)."""
        if not self.live:
            return ["Live follow off"]
        # the beat it is on (floored): rounded, it read the next beat from halfway through this one
        where = "stopped" if not self.playing or self.bar is None else f"bar {self.bar} · beat {int(self.beat)}"
        heard = "no input yet" if self.input_seen_s is None else f"input {self.input_seen_s:.1f} s ago"
        if not self.armed:  # disarmed while following: say why nothing comes, not only how long ago
            heard = "no record-armed track"
        loops = f"{self.loops_written} loop{'' if self.loops_written == 1 else 's'} written"  # as the engine says it
        return [f"Live follow on · {where}", f"{heard} · {loops}"]


def new_take(settings: Settings, rng=random) -> Settings:
    """The settings with a new seed, as the full editor's dice: a temperature set to 0 plays the most likely loop for
    every seed, so it goes back to its default (a take's)."""
    seed = settings.seed
    while seed in (settings.seed, 0):  # seed 0 is the most likely loop, not a take
        seed = rng.randrange(0, TAKE_SEEDS)
    if settings.temperature == 0.0 and not settings.temperature_auto:
        return settings.replace(seed=seed, temperature=None)
    return settings.replace(seed=seed)


def elided(ig, ctx, text: str, width: float) -> str:
    """The text cut with "…" to `width` pixels (ImGui has no eliding of its own); the whole text goes in a tooltip."""
    if float(ig.CalcTextSize(ctx, text)[0]) <= width:
        return text
    while len(text) > 1 and float(ig.CalcTextSize(ctx, text + "…")[0]) > width:
        text = text[:-1]
    return text + "…"


class DockView:
    """The docked panel's widgets. Labels are the widgets' identities (ImGui ids), so keep them stable."""

    def draw(self, ig, ctx, settings: Settings, status: LiveStatus, notes=()) -> tuple[Settings, list[str]]:
        """`notes`: what the host has to say (a failed start, a bad settings file), drawn under the actions; a note
        (line, whole text) is drawn on one line cut with "…" to the docker, the whole text in its tooltip."""
        commands: list[str] = []
        why = inactive_controls(settings)
        columns = self._wide_columns(ig, ctx)
        if columns and ig.BeginTable(ctx, "##wide", len(columns), ig.TableFlags_None()):
            # A short, wide docker (one under the arrange view): the sections side by side, each from its top,
            # where stacked they showed the buttons alone above the fold.
            for name, width in columns:
                fixed = width is not None
                ig.TableSetupColumn(ctx, name, ig.TableColumnFlags_WidthFixed() if fixed
                                    else ig.TableColumnFlags_WidthStretch(), width if fixed else 1.0)
            ig.TableNextColumn(ctx)
            settings = self._top(ig, ctx, settings, status, why, notes, commands)
            ig.TableNextColumn(ctx)
            settings = self._pad(ig, ctx, settings, why, fit=True, commands=commands)
            ig.TableNextColumn(ctx)
            settings = self._pattern(ig, ctx, settings, why, commands)
            if len(columns) > 3:
                ig.TableNextColumn(ctx)
            settings = self._feel(ig, ctx, settings, why)
            ig.EndTable(ctx)
            return settings, commands
        settings = self._top(ig, ctx, settings, status, why, notes, commands)
        ig.SeparatorText(ctx, "Pattern")
        settings = self._pad(ig, ctx, settings, why, commands=commands)
        settings = self._pattern(ig, ctx, settings, why, commands, heading=False)
        settings = self._feel(ig, ctx, settings, why)
        return settings, commands

    def _wide_columns(self, ig, ctx) -> list[tuple[str, float | None]]:
        """The columns of a docker at least WIDE_RATIO times as wide as tall, [(name, fixed width or None:
        stretched)]: the actions, the pad (as tall as the docker), then the pattern's and the feel's controls
        in one column or two, each at least WIDE_COLUMN_W; none (stacked) where they do not fit."""
        width, height = (float(v) for v in ig.GetContentRegionAvail(ctx))
        if width < WIDE_RATIO * height:
            return []
        button_w = lambda label: float(ig.CalcTextSize(ctx, label)[0]) + BUTTON_PAD  # noqa: E731
        check_w = CHECKBOX_W + float(ig.CalcTextSize(ctx, "Live follow")[0])
        count_w = max(button_w(f"{MAX_VARIATIONS} versions"), MIN_SLIDER_W)  # the count's slider shows it whole
        actions = max(button_w("Drumify") + button_w("Dice") + button_w("Variations") + count_w + ITEM_SPACING,
                      check_w + button_w("Full editor…")) + 2 * ITEM_SPACING
        # the pad as tall as the docker, narrowed (down to PAD_HEIGHT_MIN tall) to leave one column of controls
        room = width - actions - 2 * ITEM_SPACING
        pad = min(min(max(height, PAD_HEIGHT_MIN), PAD_HEIGHT_MAX) / PAD_ASPECT, room - WIDE_COLUMN_W)
        if pad < PAD_HEIGHT_MIN / PAD_ASPECT:
            return []
        spare = room - pad
        columns = [("actions", actions), ("pad", pad)]
        if spare >= 2 * WIDE_COLUMN_W + ITEM_SPACING:
            return columns + [("pattern", None), ("feel", None)]
        return columns + [("controls", None)]

    def _top(self, ig, ctx, settings: Settings, status: LiveStatus, why: dict, notes, commands: list) -> Settings:
        """The actions with what the host said about them, then live follow's status."""
        # The main actions first, even above the status line: a docker is narrow and short (a 60 px strip under the
        # arrange view showed "Live follow off" and Drumify cut in half), and these must never be below its fold.
        settings = self._actions(ig, ctx, settings, status, commands)
        for note in notes:  # right under the buttons that caused them: a short docker still shows them
            if isinstance(note, tuple):  # (line, whole text): what an engine run said, one line cut to the docker
                line, whole = note  # its details dropped before its point ("wrote 16 drum items, seed 7; …")
                room = float(ig.GetContentRegionAvail(ctx)[0])
                line = fitted(line, lambda text: float(ig.CalcTextSize(ctx, text)[0]) <= room,
                              lambda text: elided(ig, ctx, text, room))
                ig.Text(ctx, line)
                ig.SetItemTooltip(ctx, whole)
            elif note:
                ig.TextWrapped(ctx, note)
        if "voice_groups" in why:  # muted in the full editor (this panel has no voice toggles): say why it is silent
            ig.TextWrapped(ctx, f"{why['voice_groups']} (Full editor… > Sound)")
        ig.PushTextWrapPos(ctx, 0.0)  # at the window's edge: "Live follow on · bar 12 · beat 3" outran a narrow docker
        for line in status.lines():
            ig.TextColored(ctx, LIVE_ON_COLOUR if status.live else LIVE_OFF_COLOUR, line)
        ig.PopTextWrapPos(ctx)
        return settings

    def _pattern(self, ig, ctx, settings: Settings, why: dict, commands: list, heading: bool = True) -> Settings:
        if heading:
            ig.SeparatorText(ctx, "Pattern")
        settings = self._patterns(ig, ctx, settings, commands)
        settings = self._slider(ig, ctx, settings, "Follow", "follow", why,
                                "how closely the drums follow your groove (0: the pattern, 1: your groove)")
        return self._slider(ig, ctx, settings, "A ↔ B", "interpolate", why, "between pattern A (0) and B (1)")

    def _feel(self, ig, ctx, settings: Settings, why: dict) -> Settings:
        ig.SeparatorText(ctx, "Feel")
        settings = self._density(ig, ctx, settings, why)
        settings = self._fills(ig, ctx, settings)
        settings = self._half_time(ig, ctx, settings)
        ig.SeparatorText(ctx, "Genre")
        return self._genres(ig, ctx, settings)

    # ------------------------------------------------------------ sections

    def _pad(self, ig, ctx, settings: Settings, why: dict, fit: bool = False,
             commands: list | None = None) -> Settings:
        """The A / B / groove triangle: drag the point (follow upwards, A ↔ B across), or the arrows (keys.py)."""
        width, room = ig.GetContentRegionAvail(ctx)
        width = max(float(width), 60.0)
        height = min(width * PAD_ASPECT, PAD_HEIGHT_MAX)
        if fit:  # the pad's column of a short, wide docker: no taller than the docker (stacked, it scrolls)
            height = max(min(height, float(room)), PAD_HEIGHT_MIN)
        ig.InvisibleButton(ctx, "##pad", width, height, pad_flags(ig))
        x0, y0 = ig.GetItemRectMin(ctx)
        if ig.IsItemActive(ctx) and mouse_held(ig, ctx):  # held by Enter / Space (the keyboard): not a drag
            mx, my = ig.GetMousePos(ctx)
            t, f = pad_to_blend((mx - x0) / width, 1.0 - (my - y0) / height, settings.interpolate)
            if (t, f) != (settings.interpolate, settings.follow):
                settings = settings.replace(**pad_changes(settings, t, f))  # a default follow not moved stays so
        t, f, drumify = pad_keys(ig, ctx, (x0, y0, x0 + width, y0 + height), settings.interpolate, settings.follow)
        if (t, f) != (settings.interpolate, settings.follow):
            settings = settings.replace(**pad_changes(settings, t, f))
        if drumify and commands is not None:
            commands.append(DRUMIFY)
        ig.SetItemTooltip(ctx, why.get("pad", "drag: up follows your groove (G), across moves between A and B")
                          + key_hint(ig, PAD_HINT))
        to_px = lambda u, v: (x0 + u * width, y0 + (1.0 - v) * height)  # noqa: E731
        draw = ig.GetWindowDrawList(ctx)
        (ax, ay), (bx, by), (gx, gy) = (to_px(*PAD_VERTICES[k]) for k in ("A", "B", "G"))
        ig.DrawList_AddTriangleFilled(draw, ax, ay, bx, by, gx, gy, PAD_FILL if "pad" not in why else PAD_FILL_INACTIVE)
        ig.DrawList_AddTriangle(draw, ax, ay, bx, by, gx, gy, PAD_EDGE)
        for name, (px, py) in (("A", (ax + 2, ay - 16)), ("B", (bx - 10, by - 16)), ("G", (gx + 6, gy))):
            ig.DrawList_AddText(draw, px, py, PAD_TEXT, name)
        px, py = to_px(*blend_to_pad(settings.interpolate, settings.follow))
        ig.DrawList_AddCircleFilled(draw, px, py, 6.0, PAD_POINT)
        return settings

    def _patterns(self, ig, ctx, settings: Settings, commands: list) -> Settings:
        for slot, command in (("A", PATTERN_A), ("B", PATTERN_B)):
            key = f"pattern_{slot.lower()}"
            name = getattr(settings, key)
            width, _ = ig.GetContentRegionAvail(ctx)
            shown = pattern_label(name) if name else "none"  # "Latin", as its genre slider names it
            text = f"{slot}: {shown}"
            # the buttons drawn beside it stay on its line: "←item", and "×" while a pattern is set (a fixed 110 px
            # for both cut "A: reaper-A" to "A: reaper…" in a 200 px docker, and "B: none" to "B: …" at 160 px)
            buttons = [f"←item##{slot}"] + ([f"×##{slot}"] if name is not None else [])
            room = float(width) - sum(ITEM_SPACING + self._button_w(ig, ctx, b.split("##")[0]) for b in buttons)
            # a docker too narrow for even "A…" beside them (~90 px): the name on its line, the buttons under it,
            # each on the next row where it does not fit (in a 60 px docker "×" was drawn past its edge, unreachable)
            under = room < float(ig.CalcTextSize(ctx, f"{slot}…")[0])
            ig.Text(ctx, elided(ig, ctx, text, float(width) if under else room))
            ig.SetItemTooltip(ctx, f"pattern {slot}: {shown}")
            if not under:
                ig.SameLine(ctx)
            if ig.Button(ctx, f"←item##{slot}"):
                commands.append(command)
            ig.SetItemTooltip(ctx, f"pattern {slot} from the selected item in REAPER")
            if name is not None:
                if under:
                    self._beside(ig, ctx, self._button_w(ig, ctx, "×"))
                else:
                    ig.SameLine(ctx)
                if ig.Button(ctx, f"×##{slot}"):
                    settings = settings.replace(**{key: None})
                    commands.append(CLEAR_A if slot == "A" else CLEAR_B)
                ig.SetItemTooltip(ctx, f"no pattern {slot}")
        return settings

    def _slider(self, ig, ctx, settings: Settings, label: str, key: str, why: dict, hint: str) -> Settings:
        reason = why.get(key)
        ig.BeginDisabled(ctx, reason is not None)  # before the label: one drawn above is greyed out with it
        changed, value = ig.SliderDouble(ctx, self._fit(ig, ctx, label), float(getattr(settings, key)), 0.0, 1.0,
                                         "%.2f")
        ig.EndDisabled(ctx)
        # the reason is shown on a disabled item too (HoveredFlags_AllowWhenDisabled: DOC UNCLEAR)
        ig.SetItemTooltip(ctx, hint + key_hint(ig, SLIDER_HINT) if reason is None else reason)
        if changed:
            settings = settings.replace(**{key: round(min(max(float(value), 0.0), 1.0), 3)})
        return settings

    def _density(self, ig, ctx, settings: Settings, why: dict) -> Settings:
        auto = settings.density is None
        toggled, on = ig.Checkbox(ctx, "auto", auto)  # first: beside a labelled slider it would leave a narrow docker
        ig.SetItemTooltip(ctx, "density as the groove suggests")
        if toggled:
            settings = settings.replace(density=None if on else 0.5)
            auto = settings.density is None
        # beside it while a slider and its label fit there, else on the next row (a docker under ~250 px)
        self._beside(ig, ctx, MIN_SLIDER_W + self._label_w(ig, ctx, "Density"))
        reason = None if toggled and not auto else why.get("density")
        ig.BeginDisabled(ctx, reason is not None)
        changed, value = ig.SliderDouble(ctx, self._fit(ig, ctx, "Density"), 0.5 if auto else float(settings.density),
                                         0.0, 1.0, "auto" if auto else "%.2f")
        ig.EndDisabled(ctx)
        ig.SetItemTooltip(ctx, "fewer to more hits" + key_hint(ig, SLIDER_HINT) if reason is None else reason)
        if changed:
            settings = settings.replace(density=round(min(max(float(value), 0.0), 1.0), 3))
        return settings

    def _fills(self, ig, ctx, settings: Settings) -> Settings:
        every = int(settings.fill_every)
        # fills at listed bars are set in the full editor: said here too, not "off" while Drumify plays them
        bars = ", ".join(str(b) for b in settings.fill_bars)
        # The value counts 2-bar loops (Settings.fill_every); shown in bars, as the full editor's Fills: "every 4
        # loops" read as every 4 bars where fills came every 8. Text with no %d: ImGui draws it as it is.
        shown = f"every {2 * every} bars" if every else f"at bars {bars}" if bars else "off"
        if every and bars:
            shown += f", at bars {bars}"
        # a count past the slider's (set in the full editor, up to 64) widens it: shown where it is, kept when moved
        most = max(MAX_FILL_EVERY, every)
        label, box = self._fitted(ig, ctx, "Fills")
        # ImGui clips a slider's text at both ends: "every 8 bars, at bars 8, 16" read "very 8 bars, at bars 8, 1"
        # in a 200 px docker (bar 1, not 16). Cut at its end with "…" instead; the tooltip names the bars.
        shown = elided(ig, ctx, shown, box - BUTTON_PAD)
        # the slider counts bars, as it reads: a value typed with Ctrl+click (8) is bars, not 2-bar loops (16 bars)
        changed, value = ig.SliderInt(ctx, label, 2 * every, 0, 2 * most, shown)
        ig.SetItemTooltip(ctx, "a fill ends every N bars of a Drumify, in steps of 2 (a 2-bar loop; 0: no fills)"
                          + (f"; fills also end bars {bars} (Full editor… > Sound)" if bars else "")
                          + key_hint(ig, SLIDER_HINT))
        if changed:
            settings = settings.replace(fill_every=int(min(max((int(value) + 1) // 2, 0), most)))  # an odd bar: up
        return settings

    @staticmethod
    def _half_time(ig, ctx, settings: Settings) -> Settings:
        """Settings.feel, as the full editor's Half time: Drumify and Variations read it from the shared record."""
        toggled, on = ig.Checkbox(ctx, "Half time", settings.feel == "half")
        ig.SetItemTooltip(ctx, "Drumify, Variations and Live follow play each 4/4 bar in half time: the kick on 1, "
                          "the backbeat on 3")
        if toggled:
            settings = settings.replace(feel="half" if on else "normal")
        return settings

    def _genres(self, ig, ctx, settings: Settings) -> Settings:
        mix = dict(settings.genre)
        width, _ = ig.GetContentRegionAvail(ctx)
        label_w = max(self._label_w(ig, ctx, GENRE_LABELS[g]) for g in GENRES)
        above = float(width) - label_w < MIN_SLIDER_W  # all names above their sliders, or all beside: one column
        # The engine plays the weights as shares of their sum (Settings.genre_weights): Funk alone at 0.30 plays
        # as at 1.00. Each slider shows its share, as the full editor's mixer does, not a weight that misleads.
        shares = dict(zip(GENRES, settings.genre_weights()))
        for genre in GENRES:
            name = GENRE_LABELS[genre]
            if above:  # cut with "…" in a docker narrower than the name ("Hip-Hop/R&B/Soul" ran past its edge)
                ig.Text(ctx, elided(ig, ctx, name, float(width)))
                ig.SetItemTooltip(ctx, name)
            ig.SetNextItemWidth(ctx, max(float(width) - (0.0 if above else label_w), 1.0))  # the longest name fits
            shown = f"{100 * shares[genre]:.0f}%%" if mix.get(genre) else "–"  # ImGui's format: %% is a "%"
            changed, value = ig.SliderDouble(ctx, f"##{name}" if above else name, float(mix.get(genre, 0.0)), 0.0,
                                             1.0, shown)
            ig.SetItemTooltip(ctx, with_note(f"{GENRE_LABELS[genre]}: its weight in the genre mix, shown as its share "
                                             "of the mix (all 0: no preference)", genre) + key_hint(ig, SLIDER_HINT))
            if changed:
                mix[genre] = round(min(max(float(value), 0.0), 1.0), 3)
        if mix != settings.genre:
            settings = settings.replace(genre=mix)
        return settings

    @staticmethod
    def _button_w(ig, ctx, label: str) -> float:
        return float(ig.CalcTextSize(ctx, label)[0]) + BUTTON_PAD

    @staticmethod
    def _label_w(ig, ctx, label: str) -> float:
        return float(ig.CalcTextSize(ctx, label)[0]) + LABEL_GAP

    def _fit(self, ig, ctx, label: str) -> str:
        """The next slider sized to the row left, its label beside it while a MIN_SLIDER_W slider and the label
        fit, else drawn above it (a docker under ~190 px); returns the slider's label ("##" + label when above).
        ImGui's default width (65% of the window) with the label after it ran past a narrow docker's edge."""
        return self._fitted(ig, ctx, label)[0]

    def _fitted(self, ig, ctx, label: str) -> tuple[str, float]:
        """As `_fit`, with the slider's own width (its frame, where its text is drawn)."""
        width = float(ig.GetContentRegionAvail(ctx)[0])
        label_w = self._label_w(ig, ctx, label)
        if width - label_w >= MIN_SLIDER_W:
            ig.SetNextItemWidth(ctx, width - label_w)
            return label, width - label_w
        shown = elided(ig, ctx, label, width)
        ig.Text(ctx, shown)
        if shown != label:  # cut ("Dens…" in a 60 px docker): whole in its tooltip, as the genre names are
            ig.SetItemTooltip(ctx, label)
        box = max(float(ig.GetContentRegionAvail(ctx)[0]), 1.0)
        ig.SetNextItemWidth(ctx, box)
        return f"##{label}", box

    @staticmethod
    def _beside(ig, ctx, width: float) -> None:
        """The next item on this row if `width` pixels are left, else on the next (a 200 px docker)."""
        ig.SameLine(ctx)
        if float(ig.GetContentRegionAvail(ctx)[0]) < width:
            ig.NewLine(ctx)  # ImGui: undoes the SameLine

    def _actions(self, ig, ctx, settings: Settings, status: LiveStatus, commands: list) -> Settings:
        button_w = lambda label: float(ig.CalcTextSize(ctx, label)[0]) + BUTTON_PAD  # noqa: E731
        if ig.Button(ctx, "Drumify"):
            commands.append(DRUMIFY)
        default_focus(ig, ctx)  # the keyboard starts here: Tab (or an arrow), then Enter, drumifies
        ig.SetItemTooltip(ctx, "drums for the selected items on the 'ReaGroove Drums' track")
        # "Dice", not "New take": in a short, wide docker the longer label left the pad beside the buttons too small
        self._beside(ig, ctx, button_w("Dice"))
        if ig.Button(ctx, "Dice"):
            commands.append(NEW_TAKE)
        ig.SetItemTooltip(ctx, "Drumify again with a new seed: another take of these settings (the full editor's "
                          f"dice); {DICE_NOTE}")
        self._beside(ig, ctx, button_w("Variations"))
        if ig.Button(ctx, "Variations"):
            commands.append(VARIATIONS)
        ig.SetItemTooltip(ctx, "this many versions on new tracks (the first plays)")
        self._beside(ig, ctx, MIN_SLIDER_W)
        width, _ = ig.GetContentRegionAvail(ctx)
        ig.SetNextItemWidth(ctx, max(float(width), MIN_SLIDER_W))
        # the count is a setting, shared with the full editor's (the engine's range, 1 to MAX_VARIATIONS)
        shown = "%d version" if settings.variations == 1 else "%d versions"  # one said as one, as Fills does
        changed, count = ig.SliderInt(ctx, "##variations", settings.variations, 1, MAX_VARIATIONS, shown)
        ig.SetItemTooltip(ctx, "how many versions Variations makes (the same count as the full editor's)"
                          + key_hint(ig, SLIDER_HINT))
        if changed:
            settings = settings.replace(variations=int(min(max(int(count), 1), MAX_VARIATIONS)))
        toggled, on = ig.Checkbox(ctx, "Live follow", status.live)
        ig.SetItemTooltip(ctx, "while REAPER plays, follow the MIDI you play on record-armed tracks")
        if toggled and on != status.live:
            commands.append(LIVE_ON if on else LIVE_OFF)
        if status.live:  # (only live follow plays it)
            self._beside(ig, ctx, button_w(FILL_LABEL))
            if ig.Button(ctx, FILL_LABEL):
                commands.append(FILL)
            ig.SetItemTooltip(ctx, "while REAPER plays: live follow's drums fill into the next section (a fill in "
                              "the bar before it, a crash on its 1), as at a marker; key F in the full editor")
        self._beside(ig, ctx, button_w("Full editor…"))
        if ig.Button(ctx, "Full editor…"):
            commands.append(EDITOR)
        ig.SetItemTooltip(ctx, "the Qt panel: piano roll, presets, sound and advanced controls")
        return settings
