"""The address that links sent out of a request (emails, the sitemap) start with."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_BIND = "127.0.0.1:8000"
# A server listening on every interface is reached on this machine through loopback.
WILDCARD_HOSTS = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}  # noqa: S104


def served_url(address: str) -> str:
    """`scheme://host:port` for an address a server listens on: gunicorn's BIND
    (`0.0.0.0:8080`, `[::]:9000`, `localhost`) or a listener (`http://0.0.0.0:8080`).
    Wildcard hosts become loopback; a Unix socket or an unreadable address gives the
    default, 127.0.0.1:8000."""
    address = address.removeprefix("tcp://")
    if address.startswith(("unix:", "fd://")):
        address = DEFAULT_BIND
    if "://" not in address:
        address = f"http://{address}"
    parts = urlsplit(address)
    try:
        host, port = parts.hostname or "", parts.port or 8000
    except ValueError:
        return served_url(DEFAULT_BIND)
    host = WILDCARD_HOSTS.get(host, host)
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}:{port}"


def site_url() -> str:
    """SITE_URL when set (production must set it). In development, the address this
    server really listens on: gunicorn records it once bound (gunicorn.conf.py), and
    other processes (management commands) read BIND, so links follow `make run BIND=…`."""
    if settings.SITE_URL:
        return settings.SITE_URL
    return served_url(os.environ.get("HUBDIR_SERVED_AT") or os.environ.get("BIND") or DEFAULT_BIND)
