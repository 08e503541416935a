"""gunicorn settings for Hubdir; environment variables override the defaults."""

import multiprocessing
import os

from gunicorn.glogging import Logger

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never take a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# An empty value turns the access log off (gunicorn itself would try to open "").
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


class ProbesQuietLogger(Logger):
    """The access log without the load balancer's successful probes (hubdir/health.py), one
    every few seconds per server; a failing probe is still logged: that is news."""

    PROBES = frozenset({"/healthz", "/readyz"})

    def access(self, resp, req, environ, request_time):
        status = str(resp.status).split(None, 1)[0]
        if environ.get("PATH_INFO") in self.PROBES and status.startswith("2"):
            return
        super().access(resp, req, environ, request_time)


logger_class = ProbesQuietLogger


def on_starting(server):
    # Without DATABASE_URL the master reads the settings, which start the embedded PostgreSQL
    # in development (and refuse with DEBUG=0), and hands its address to every worker, so
    # recycling workers never stops the database.
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hubdir.settings")
        from django.conf import settings

        os.environ["DATABASE_URL"] = settings.DATABASE_URL


def when_ready(server):
    # Bound now (BIND, -b or port 0 alike): workers, forked next, inherit the real address, so
    # links in emails and the sitemap follow it when SITE_URL is unset (hubdir.site).
    os.environ["HUBDIR_SERVED_AT"] = str(server.LISTENERS[0])
