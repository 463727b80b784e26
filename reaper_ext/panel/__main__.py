"""python -m reagroove.reaper_ext.panel [FILE.mid] [--standalone] ..."""

import sys

from .command import main

sys.exit(main())
