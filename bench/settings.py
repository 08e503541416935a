"""Production settings for the benchmark server, with static files collected for the run.

hubdir.settings fixes STATIC_ROOT to the checkout's staticfiles/; the benchmark collects
into a temporary directory instead (BENCH_STATIC_ROOT) and changes nothing else.
"""

import os
from pathlib import Path

from hubdir.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
