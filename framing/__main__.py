"""``python -m framing`` is the ``framing`` command."""

import sys

from .cli import main

sys.exit(main())
