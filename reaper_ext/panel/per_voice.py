"""The Advanced section's per-voice table: each voice's hit threshold (custom, or the model's tuned ones) and its
hit limit per 2-bar loop (or none), under column headings."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QSpinBox, QWidget

from reagroove.core.loop import STEPS, VOICES

from .controls import ValueSlider
from .events import Hook


class PerVoiceTable(QWidget):
    """Per-voice hit thresholds (custom or the model's tuned ones) and hit limits (or none)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.custom_thresholds = Hook()  # (on)
        self.threshold_changed = Hook()  # (voice index, threshold)
        self.limit_hits = Hook()  # (on)
        self.max_hits_changed = Hook()  # (voice index, hits)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(1)
        self.custom = QCheckBox("Custom hit thresholds")
        self.custom.setToolTip("Off: the model's thresholds tuned on validation data")
        self.limit = QCheckBox("Limit hits per loop")
        self.limit.setToolTip("On: at most the number on the right hits per 2-bar loop for each voice")
        grid.addWidget(self.custom, 0, 0, 1, 3)  # one row each: the table stays narrow
        grid.addWidget(self.limit, 1, 0, 1, 3)
        # the columns named: nine rows of "0.30" and "32" read as numbers without a meaning
        self.headings = (QLabel("threshold"), QLabel("max hits"))
        for heading, tip in zip(self.headings, ("a hit plays where its probability (0-1) is above this",
                                                "at most this many hits per 2-bar loop (32: no limit)")):
            heading.setStyleSheet("color: #8a93a3;")
            heading.setToolTip(tip)
        grid.addWidget(self.headings[0], 2, 0, 1, 2, Qt.AlignmentFlag.AlignRight)  # over the readouts
        grid.addWidget(self.headings[1], 2, 2, Qt.AlignmentFlag.AlignHCenter)
        self.thresholds: list[ValueSlider] = []
        self.max_hits: list[QSpinBox] = []
        for v, voice in enumerate(VOICES):
            name = voice.replace("_", " ")  # "closed hat", as the roll's lanes say it (not "closed_hat")
            s = ValueSlider(name, hint=f"{name}: a hit plays when its probability is above this")
            s.changed.connect(lambda x, v=v: self.threshold_changed.emit(v, x))
            spin = QSpinBox()
            spin.setRange(0, STEPS)
            spin.setValue(STEPS)
            spin.setToolTip(f"{name}: at most this many hits per 2-bar loop")
            spin.valueChanged.connect(lambda n, v=v: self.max_hits_changed.emit(v, n))
            self.thresholds.append(s)
            self.max_hits.append(spin)
            grid.addWidget(s, v + 3, 0, 1, 2)
            grid.addWidget(spin, v + 3, 2)
        grid.setColumnStretch(1, 1)
        self.custom.toggled.connect(lambda on: self.custom_thresholds.emit(on))
        self.limit.toggled.connect(lambda on: self.limit_hits.emit(on))

    def set_values(self, thresholds, max_hits, tuned) -> None:
        with QSignalBlocker(self.custom):
            self.custom.setChecked(thresholds is not None)
        with QSignalBlocker(self.limit):
            self.limit.setChecked(max_hits is not None)
        for v, (s, spin) in enumerate(zip(self.thresholds, self.max_hits)):
            s.set_value((thresholds or tuned)[v])
            s.setEnabled(thresholds is not None)
            with QSignalBlocker(spin):
                spin.setValue(max_hits[v] if max_hits is not None else STEPS)
            spin.setEnabled(max_hits is not None)
