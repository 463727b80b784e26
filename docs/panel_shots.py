"""Screenshots of the panels: docs/panel.png (the Qt panel), docs/panel_reaper.png (the Qt panel connected to
REAPER, live follow on) and docs/dock.png (the docked panel).

The Qt panel is grabbed offscreen, standalone on core/examples/funk_bass.mid.
Connected, it is grabbed offscreen against the simulated REAPER (tests/fake_reaper,
the real server functions behind a LocalBridge): a project at 96 BPM whose
record-armed bass track holds funk_bass.mid as a selected item; the panel reads
that selection on connecting, then REAPER plays from bar 3 with live follow on
while funk_bass.mid is played live into the armed track, and the picture is
taken once three live loops are made (the roll shows the bass played and its
drums; the status lines are the panel's own).
The docked panel is drawn from what the simulated ReaImGui
(tests/fake_reaper/imgui.py) recorded for one frame inside the simulated
REAPER, by a small painter below: the layout is the simulation's, the
widgets and their values and states are the panel's own.

Run: QT_QPA_PLATFORM=offscreen python docs/panel_shots.py [--out docs] [--model auto|stub]
     [--sizes 1000x600,1280x800,1920x1080,3840x2160 --fonts 9,11,14]

The pictures are saved in 256 colours, dithered (the pad's gradient kept smooth): a third to a half smaller than
in full colour, with no difference to see at their size.

--sizes grabs the Qt panel instead at each window size and desktop font size (editor_WxH_Npt.png), to look
over its layout as a laptop or a 4K screen shows it: nothing cut, nothing over another.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def save_small(picture, path: Path) -> bool:
    """`picture` (a QPixmap or QImage) written to `path` as a 256-colour PNG, dithered, atomically; in full colour
    where Pillow is missing. False where it could not be written."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage

    image = picture.toImage() if hasattr(picture, "toImage") else picture
    try:
        from PIL import Image
    except ImportError:
        return image.save(str(path))
    png = QBuffer()
    png.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_RGB32).save(png, "PNG"):
        return False
    import io

    small = to_small(Image.open(io.BytesIO(bytes(png.data()))).convert("RGB"))
    part = path.with_name(path.name + ".part")
    try:
        small.save(part, "PNG", optimize=True)
        os.replace(part, path)
    except OSError:
        part.unlink(missing_ok=True)
        return False
    return True


def to_small(full):
    """`full` (a PIL RGB image) dithered onto its 256 colours (`small_palette`), every pixel whose colour the palette
    holds kept exactly. Undithered, the pad's gradient fell into blotches; dithered alone, a badge's pixels took
    error from its anti-aliased text and edges, and Pillow's lookup through coarse colour cells could give a badge's
    colour a neighbour's entry (the mode badge failed so in every full CI run of stop 68)."""
    import numpy as np
    from PIL import Image

    palette = small_palette(full)
    small = full.quantize(palette=palette, dither=Image.Dither.FLOYDSTEINBERG)
    entries = np.array(small.getpalette()[:768], np.int64).reshape(-1, 3)
    codes = entries @ (1 << 16, 1 << 8, 1)
    order = np.argsort(codes, kind="stable")
    pixels = np.asarray(full, np.int64) @ (1 << 16, 1 << 8, 1)
    at = np.searchsorted(codes[order], pixels).clip(0, len(codes) - 1)
    exact = codes[order][at] == pixels
    index = np.asarray(small).copy()
    index[exact] = order[at][exact]
    pinned = Image.fromarray(index.astype(np.uint8), "P")
    pinned.putpalette(small.getpalette())
    return pinned


FLAT_PIXELS = 48  # a colour this many pixels paint exactly is a flat colour (a point, a badge, a check mark)...
KEPT_FLAT = 32  # ... and up to this many such colours, farthest from the rest, get a palette entry of their own...
NEAR = 12  # ... where the median cut has none within this (summed RGB) distance, else that one becomes it


def small_palette(full):
    """256 colours for `full` (a PIL RGB image): a median cut, refined once (k-means), with the flat colours it
    blends away kept exactly. The pad's red point (118 pixels of one colour in 1.1 million) had no colour of its
    own in the cut and came out as speckled orange, the B corner's colour."""
    import numpy as np
    from PIL import Image

    cut = full.quantize(256 - KEPT_FLAT, method=Image.Quantize.MEDIANCUT, kmeans=1)
    colours = np.array(cut.getpalette()[:3 * (256 - KEPT_FLAT)]).reshape(-1, 3)
    flat = sorted(((n, rgb) for n, rgb in full.getcolors(1 << 24) or () if n >= FLAT_PIXELS), reverse=True)
    far, exact = [], []
    for _, rgb in flat:
        near = np.abs(colours - rgb).sum(1)
        free = np.flatnonzero((near <= NEAR) & ~np.isin(np.arange(len(colours)), kept_rows(colours, exact)))
        if near.min() == 0:
            exact.append(rgb)
        elif len(free):  # the cut's shade beside it becomes it exactly (left near, it speckled a badge)
            colours[free[near[free].argmin()]] = rgb
            exact.append(rgb)
        else:
            far.append(rgb)
    # the slots of their own go to the flat colours farthest from every colour the palette has, one at a time: by
    # pixel count they ran out (a full CI run drew 345 flat colours, the pad's point the 152nd) before the point
    far = np.array(far, int).reshape(-1, 3)
    for _ in range(min(KEPT_FLAT, len(far))):
        gap = np.abs(far[:, None, :] - colours[None]).sum(2).min(1)
        if gap.max() <= NEAR:
            break
        colours = np.vstack([colours, far[gap.argmax()]])
    palette = Image.new("P", (1, 1))
    palette.putpalette([int(v) for v in colours.reshape(-1)] + [0] * 3 * (256 - len(colours)))
    return palette


def kept_rows(colours, exact: list):
    """The rows of colours (K, 3) that are one of the colours kept exactly."""
    import numpy as np

    if not exact:
        return np.zeros(0, int)
    return np.flatnonzero((np.abs(colours[:, None, :] - np.array(exact)[None]).sum(2) == 0).any(1))


def two_patterns(engine) -> tuple[str | None, str | None]:
    """Patterns A and B for a funk bass: funk and rock, else the engine's first two (the stand-in's own)."""
    names = engine.patterns.names()
    return ("funk", "rock") if {"funk", "rock"} <= set(names) else tuple((names + [None, None])[:2])


def qt_panel(out: Path, engine, label: str) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from reagroove.core.settings import Settings
    from reagroove.reaper_ext.panel.app import PanelWindow

    config = Path(tempfile.mkdtemp(prefix="reagroove-shot-"))
    # a funk bass between funk and rock patterns, the pad's point inside the triangle (its first pattern alone,
    # "afro" by name, left A <-> B greyed at 0.00 and pattern A far from the genre mix)
    a, b = two_patterns(engine)
    Settings(pattern_a=a, pattern_b=b, interpolate=0.5, follow=0.45, genre={"funk": 0.7, "hiphop": 0.3},
             density=0.6).save(config / "settings.json")
    window = PanelWindow(engine, standalone=True, config_dir=config, midi=ROOT / "core" / "examples" / "funk_bass.mid",
                         list_ports=lambda: ([], []))
    window.show()
    loop = QEventLoop()
    QTimer.singleShot(2500, loop.quit)  # the preview generated and drawn
    loop.exec()
    saved = save_small(window.grab(), out / "panel.png")
    window.shutdown()
    if not saved:
        raise SystemExit(f"panel_shots: could not write {out / 'panel.png'}")
    print(f"{out / 'panel.png'}: Qt panel, {label}")


def qt_panel_sizes(out: Path, engine, sizes: list[tuple[int, int]], fonts: list[int]) -> None:
    """The Qt panel at each window size in each desktop font size, standalone on funk_bass.mid."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from reagroove.reaper_ext.panel.app import PanelWindow

    app = QApplication.instance()
    for points in fonts:
        font = app.font()
        font.setPointSize(points)
        app.setFont(font)
        for width, height in sizes:
            window = PanelWindow(engine, standalone=True, config_dir=Path(tempfile.mkdtemp(prefix="reagroove-shot-")),
                                 midi=ROOT / "core" / "examples" / "funk_bass.mid", list_ports=lambda: ([], []))
            window.resize(width, height)
            window.show()
            loop = QEventLoop()
            QTimer.singleShot(1500, loop.quit)  # laid out, the preview drawn
            loop.exec()
            path = out / f"editor_{width}x{height}_{points}pt.png"
            saved = window.grab().save(str(path))
            window.shutdown()
            window.deleteLater()
            if not saved:
                raise SystemExit(f"panel_shots: could not write {path}")
            print(f"{path}: Qt panel at {width} x {height}, {points} pt")


def reaper_panel(out: Path, engine, label: str) -> None:
    """The Qt panel connected to the simulated REAPER (tests/fake_reaper, the real server functions behind a
    LocalBridge): it reads the selected bass item on connecting, then live follow plays along with funk_bass.mid
    played live into the armed bass track while REAPER plays; the picture is taken once live loops are made."""
    from fake_reaper import ProjectSpec, reapy_inside
    from PySide6.QtCore import QEventLoop, QTimer

    from reagroove.core.midi import read_midi
    from reagroove.core.settings import Settings
    from reagroove.reaper_ext.bridge import LocalBridge
    from reagroove.reaper_ext.panel.app import PanelWindow

    bpm = 96.0
    n = read_midi(ROOT / "core" / "examples" / "funk_bass.mid").notes
    part = [(float(s), float(e - s), int(p), int(v)) for s, e, p, v in zip(n.start, n.end, n.pitch, n.velocity)]
    length_qn = 32.0  # funk_bass.mid: 8 bars of 4/4
    spec = ProjectSpec(bpm=bpm)
    bass = spec.add_track("Bass", armed=True, selected=True)
    spec.add_midi_item(bass, start_qn=0.0, length_qn=length_qn, selected=True, name="funk bass", notes=part)
    config = Path(tempfile.mkdtemp(prefix="reagroove-shot-reaper-"))
    a, b = two_patterns(engine)
    Settings(pattern_a=a, pattern_b=b, interpolate=0.3, genre={"funk": 0.7, "hiphop": 0.3}, density=0.6).save(
        config / "settings.json")

    def wait(ms: int, until=lambda: False) -> None:
        loop, step = QEventLoop(), QTimer()
        step.timeout.connect(lambda: loop.quit() if until() else None)
        step.start(20)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        step.stop()

    with reapy_inside(spec, purge=("reagroove.reaper_ext.server",)) as s:
        window = PanelWindow(engine, bridge=LocalBridge(), config_dir=config, check_every=0.05,
                             list_ports=lambda: ([], []))
        window.show()
        def read() -> bool:
            return window.controller.input is not None and window.controller.input.name == "REAPER selection"

        wait(5000, read)
        if not read():
            window.shutdown()
            raise SystemExit(f"panel_shots: the panel did not read REAPER's selection ({window.last_message})")
        wait(2500)  # the selection's preview generated and drawn
        # REAPER plays from bar 3; funk_bass.mid is played live into the armed track, as a bass player would
        transport, start_s = s.reaper.transport, 8.0 * 60.0 / bpm
        s.rpr.RPR_SetEditCurPos(start_s, False, False)
        s.rpr.RPR_OnPlayButton()
        window.live_action.trigger()
        played = {"next": 0, "clock": time.monotonic()}
        due = sorted((8.0 + start, pitch, vel) for start, _, pitch, vel in part if start + 8.0 < length_qn) + sorted(
            (length_qn + start, pitch, vel) for start, _, pitch, vel in part)  # bars 3-8, then the part again

        def play() -> None:
            now = time.monotonic()
            transport.advance(now - played["clock"])
            played["clock"] = now
            pos = transport.position()
            while played["next"] < len(due) and due[played["next"]][0] * 60.0 / bpm <= pos:
                qn, pitch, vel = due[played["next"]]
                s.reaper.input.feed(bytes([0x90, pitch, vel]), proj_pos=qn * 60.0 / bpm)
                played["next"] += 1

        player = QTimer()
        player.timeout.connect(play)
        player.start(20)
        wait(30000, lambda: window.status_labels["loops"].text().startswith("3 made"))
        player.stop()
        wait(300)
        live = window.controller.input is not None and window.controller.input.live
        status = {k: lab.text() for k, lab in window.status_labels.items()}
        saved = live and save_small(window.grab(), out / "panel_reaper.png")
        window.shutdown()
    if not live:  # no live loop in the roll: a picture of live follow that follows nothing is not taken
        raise SystemExit(f"panel_shots: live follow made no loop in 30 s ({status['loops']}); "
                         f"{out / 'panel_reaper.png'} not written")
    if not saved:
        raise SystemExit(f"panel_shots: could not write {out / 'panel_reaper.png'}")
    print(f"{out / 'panel_reaper.png'}: Qt panel connected to the simulated REAPER, {label}; {status}")


def docked_frame():
    """One frame of the docked panel in the simulated REAPER: (recorded widgets, draw list, window)."""
    from fake_reaper import ProjectSpec, reapy_inside
    from fake_reaper import imgui as fake_imgui

    from reagroove.core.constants import EXT_SECTION
    from reagroove.core.settings import Settings
    from reagroove.reaper_ext.dock import host
    from reagroove.reaper_ext.panel.store import SharedSettings

    os.environ["REAGROOVE_CONFIG"] = tempfile.mkdtemp(prefix="reagroove-shot-dock-")
    SharedSettings(Path(os.environ["REAGROOVE_CONFIG"]) / "settings.json").write(Settings(
        pattern_a="rock", pattern_b="funk", follow=0.45, interpolate=0.3, genre={"funk": 0.7, "hiphop": 0.3},
        fill_every=4))
    spec = ProjectSpec(bpm=96)
    spec.add_track("Bass", armed=True)
    with reapy_inside(spec) as s:
        fake_imgui.install_reaimgui(s.reaper)
        host.run_action(launch=lambda args: None)
        s.rpr.RPR_SetExtState(EXT_SECTION, host.LIVE_KEY, "on", False)
        s.reaper.transport.play()
        s.reaper.run_deferred()
        s.reaper.transport.advance(22.6)
        s.reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=22.5)
        time.sleep(host.INPUT_POLL_S)  # the panel looks at live input every 0.1 s
        gui = fake_imgui.state(s.reaper)
        gui.dock(host.WINDOW_TITLE, -1)
        s.reaper.run_deferred()
        s.reaper.run_deferred()
        frame, draw, window = list(gui.last_frame()), list(gui.last_draw()), gui.windows[host.WINDOW_TITLE]
        host._open["panel"] = None
        s.reaper.run_deferred()
    return frame, draw, window


def dock_panel(out: Path) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

    frame, draw, window = docked_frame()
    x0, y0 = window.pos
    width, height = window.size
    bottom = max(w.rect[3] for w in frame) - y0 + 12
    image = QImage(int(width), int(bottom), QImage.Format.Format_ARGB32)
    image.fill(QColor(37, 40, 47))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(-x0, -y0)
    rgba = lambda c: QColor((c >> 24) & 255, (c >> 16) & 255, (c >> 8) & 255, c & 255)  # noqa: E731
    text, dim = QColor(220, 224, 232), QColor(120, 126, 138)
    frame_bg, accent = QColor(52, 57, 67), QColor(64, 140, 220)
    for w in frame:
        x, y, x1, y1 = w.rect
        colour = dim if w.disabled else text
        label = w.label.split("##")[0]
        p.setPen(colour)
        if w.kind == "text":
            p.setPen(rgba(w.value) if isinstance(w.value, int) and not isinstance(w.value, bool) else colour)
            p.drawText(QPointF(x, y + 15), label)
        elif w.kind == "separator_text":
            p.drawText(QPointF(x, y + 15), label)
            p.setPen(QPen(dim))
            p.drawLine(QPointF(x + 8 * len(label) + 10, y + 11), QPointF(x1, y + 11))
        elif w.kind in ("slider", "slider_int"):
            box_w = (x1 - x) - (8.0 + 7.0 * len(label) if label else 0.0)  # the simulation's layout
            p.fillRect(QRectF(x, y, box_w, 20), frame_bg)
            lo, hi = w.range or ((0.0, 1.0) if w.kind == "slider" else (0, 16))  # the range the panel gave
            share = 0.0 if w.value is None or hi == lo else min(max((float(w.value) - lo) / (hi - lo), 0.0), 1.0)
            grab = x + 4 + share * (box_w - 18)
            # a greyed slider's grab a shade above its frame: in the text's grey it hid the value ("a▌o" for auto)
            p.fillRect(QRectF(grab, y + 2, 10, 16), frame_bg.lighter(150) if w.disabled else accent)
            # the text ImGui draws on the slider: its format with its value (a share, "every 8 bars")
            value = w.shown if w.shown is not None else f"{w.value:.2f}" if w.kind == "slider" else str(w.value)
            p.setPen(colour)
            p.drawText(QRectF(x, y, box_w, 20), Qt.AlignmentFlag.AlignCenter, value)
            p.drawText(QPointF(x + box_w + 8, y + 15), label)
        elif w.kind == "checkbox":
            p.fillRect(QRectF(x, y, 20, 20), frame_bg)
            if w.value:
                p.fillRect(QRectF(x + 5, y + 5, 10, 10), accent)
            p.drawText(QPointF(x + 28, y + 15), label)
        elif w.kind == "button":
            p.setBrush(frame_bg.lighter(130))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(QRectF(x, y, x1 - x, 20), 3, 3)
            p.setPen(colour)
            p.drawText(QRectF(x, y, x1 - x, 20), Qt.AlignmentFlag.AlignCenter, label)
    for shape, *args in draw:
        if shape in ("triangle_filled", "triangle"):
            poly = QPolygonF([QPointF(args[0], args[1]), QPointF(args[2], args[3]), QPointF(args[4], args[5])])
            p.setPen(QPen(rgba(args[6])) if shape == "triangle" else Qt.PenStyle.NoPen)
            p.setBrush(rgba(args[6]) if shape == "triangle_filled" else Qt.BrushStyle.NoBrush)
            p.drawPolygon(poly)
        elif shape == "circle_filled":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(rgba(args[3]))
            p.drawEllipse(QPointF(args[0], args[1]), args[2], args[2])
        elif shape == "text":
            p.setPen(rgba(args[2]))
            p.drawText(QPointF(args[0], args[1] + 12), args[3])
    p.end()
    if not save_small(image, out / "dock.png"):
        raise SystemExit(f"panel_shots: could not write {out / 'dock.png'}")
    print(f"{out / 'dock.png'}: docked panel, {len(frame)} widgets (REAPER docker {window.dock_id})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs"))
    ap.add_argument("--model", choices=("auto", "stub"), default="auto")
    ap.add_argument("--sizes", help="window sizes, e.g. 1000x600,1920x1080: the Qt panel at each (and --fonts)")
    ap.add_argument("--fonts", default="9,11,14", help="desktop font sizes in points for --sizes (default 9,11,14)")
    args = ap.parse_args()
    try:
        sizes = [tuple(int(n) for n in size.lower().split("x", 1)) for size in args.sizes.split(",")] if args.sizes else []
        fonts = [int(points) for points in args.fonts.split(",")]
    except ValueError:
        ap.error(f"--sizes takes WIDTHxHEIGHT,... (1000x600,1920x1080) and --fonts points,... (9,14): "
                 f"got {args.sizes!r} and {args.fonts!r}")
    if any(len(size) != 2 or min(size) <= 0 for size in sizes) or any(points <= 0 for points in fonts):
        ap.error(f"--sizes takes WIDTHxHEIGHT,... (1000x600,1920x1080) and --fonts points,... (9,14): "
                 f"got {args.sizes!r} and {args.fonts!r}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from bench_panel import make_engine
    from PySide6.QtWidgets import QApplication

    from reagroove.reaper_ext.panel.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    engine, label = make_engine(args.model, None)
    if sizes:
        qt_panel_sizes(out, engine, sizes, fonts)
        return
    qt_panel(out, engine, label)
    reaper_panel(out, engine, label)
    dock_panel(out)


if __name__ == "__main__":
    main()
