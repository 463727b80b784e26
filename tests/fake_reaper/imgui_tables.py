"""Tables for the simulated ReaImGui (fake_reaper/imgui.py): BeginTable, TableSetupColumn, TableNextColumn,
EndTable, and their flags, as ReaImGui's generated binding names them."""

from __future__ import annotations

from dataclasses import dataclass, field

from fake_reaper.imgui import PADDING, Context, Widget, Window, _ctx, _window, state

# A table lays its cells out side by side: each cell is drawn as a window of its own (pushed on the context's
# window stack while current), so GetContentRegionAvail inside it is the cell's width, as in Dear ImGui, and
# the rows below the table start under its tallest cell. Columns: TableSetupColumn's fixed widths; the rest
# shared by the stretch (or unset) columns. Misuse ImGui asserts on is recorded in script_errors.


def TableFlags_None():
    return 0


def TableFlags_SizingStretchProp():
    return 1 << 14


def TableColumnFlags_None():
    return 0


def TableColumnFlags_WidthStretch():
    return 1 << 3


def TableColumnFlags_WidthFixed():
    return 1 << 4


@dataclass
class _Table:
    str_id: str
    columns: int
    x: float  # the table's left and its width (the row it starts on, to the window's right edge)
    width: float
    row_y: float  # the current row's top, relative to the window's content (as cursor_y)
    window: Window
    cursor_y: float  # the window's cursor at BeginTable
    setup: list = field(default_factory=list)  # (flags, width) per column set up
    column: int = -1
    row_h: float = 0.0

    def widths(self) -> list[float]:
        setup = self.setup + [(0, 0.0)] * (self.columns - len(self.setup))
        fixed = [w if f & TableColumnFlags_WidthFixed() else None for f, w in setup[:self.columns]]
        spare = self.width - PADDING * (self.columns - 1) - sum(w for w in fixed if w is not None)
        stretch = sum(1 for w in fixed if w is None)
        return [w if w is not None else max(spare / stretch, 1.0) for w in fixed]


def BeginTable(ctx, str_id, columns, flags=None, outer_size_w=None, outer_size_h=None, inner_width=None):
    c = _ctx(ctx, "BeginTable")
    win = _window(c, "BeginTable")
    if int(columns) < 1:
        state().error("ImGui_BeginTable: Only 1..64 columns allowed!")
        raise ValueError("ImGui_BeginTable: Only 1..64 columns allowed!")
    c.same_line = False
    c.tables.append(_Table(str(str_id), int(columns), win.pos[0] + PADDING, win.size[0] - 2 * PADDING,
                           c.cursor_y, win, c.cursor_y))
    return True


def TableSetupColumn(ctx, label, flags=None, init_width_or_weight=None, user_id=None):
    c = _ctx(ctx, "TableSetupColumn")
    if not c.tables or c.tables[-1].column >= 0:
        state().error("ImGui_TableSetupColumn: need to call TableSetupColumn() before the first row!")
        raise ValueError("ImGui_TableSetupColumn: after the first row")
    c.tables[-1].setup.append((int(flags or 0), float(init_width_or_weight or 0.0)))


def _end_cell(c: Context, t: _Table) -> None:
    if t.column >= 0:
        t.row_h = max(t.row_h, c.cursor_y)
        c.stack.pop()


def TableNextColumn(ctx):
    c = _ctx(ctx, "TableNextColumn")
    if not c.tables:
        state().error("ImGui_TableNextColumn: no table begun")
        raise ValueError("ImGui_TableNextColumn: no table begun")
    t = c.tables[-1]
    _end_cell(c, t)
    t.column += 1
    if t.column >= t.columns:  # a new row, under the tallest cell of this one
        t.column, t.row_y, t.row_h = 0, t.row_y + t.row_h, 0.0
    widths = t.widths()
    x = t.x + sum(widths[:t.column]) + PADDING * t.column
    top = t.window.pos[1] + PADDING + t.row_y
    bottom = t.window.pos[1] + t.window.size[1] - PADDING
    cell = Window(f"{t.window.title}##{t.str_id}{t.column}", dock_id=t.window.dock_id,
                  pos=(x - PADDING, top - PADDING), size=(widths[t.column] + 2 * PADDING, bottom - top + 2 * PADDING))
    c.stack.append(cell)
    c.cursor_y, c.same_line = 0.0, False
    return True


def EndTable(ctx):
    c = _ctx(ctx, "EndTable")
    if not c.tables:
        state().error("ImGui_EndTable: Only call EndTable() if BeginTable() returns true!")
        raise ValueError("ImGui_EndTable: no table begun")
    t = c.tables.pop()
    _end_cell(c, t)
    height = t.row_y + t.row_h - t.cursor_y
    y = t.window.pos[1] + PADDING + t.cursor_y
    c.cursor_y, c.same_line = t.row_y + t.row_h + 4.0, False
    c.frame.append(Widget("table", f"##{t.str_id}", rect=(t.x, y, t.x + t.width, y + height)))


BINDING = ("BeginTable", "EndTable", "TableColumnFlags_None", "TableColumnFlags_WidthFixed",
           "TableColumnFlags_WidthStretch", "TableFlags_None", "TableFlags_SizingStretchProp", "TableNextColumn",
           "TableSetupColumn")
