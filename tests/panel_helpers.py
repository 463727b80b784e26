"""What the Qt panel's test files share: Qt offscreen, the file skipped where PySide6, pyqtgraph or pytest-qt is
missing, and test_panel.py's fixtures on the stand-in model.

A panel test file imports this before anything of Qt's (importing it is what skips the file), then takes the
fixtures it uses into its own namespace, where pytest finds them:

    import panel_helpers
    make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs
"""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pyqtgraph")
pytest.importorskip("pytestqt")

import test_panel  # noqa: E402

make_panel, no_dialogs = test_panel.make_panel, test_panel.no_dialogs
