# @description ReaGroove: Set pattern B from selection
# @about Sets interpolation pattern B from the selected item.
#
# A ReaGroove action, run by REAPER's embedded Python. Installed by install/reaper.py, which fills in
# the quoted @PLACEHOLDER@ strings; the shared code is reagroove_common.py beside this file.
import sys

INSTALL_DIR = "@INSTALL_DIR@"
PORT = "@PORT@"
REAGROOVE = "@REAGROOVE@"

if INSTALL_DIR not in sys.path:
    sys.path.insert(0, INSTALL_DIR)

import reagroove_common  # found through INSTALL_DIR

reagroove_common.run("pattern_b", port=PORT, engine=REAGROOVE)
