"""python -m handbook: the stretch-handbook command (see handbook.cli)."""

import sys

from .cli import main

sys.exit(main())
