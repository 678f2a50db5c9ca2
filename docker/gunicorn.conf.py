"""gunicorn settings for the web container (and scripts/run_stack_native.sh).

Every value can be changed through the environment without a new image.
"""

from __future__ import annotations

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers: 2-4 per core. Scale out with more web containers, not threads.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never takes a container down.
# The app is loaded once in the master (Django opens no connection at import),
# so a recycled worker is a fork, not a new import of Django: no stall under load.
preload_app = True
max_requests = 5000
max_requests_jitter = 500
# The reverse proxy in front sets X-Forwarded-*; only trust it from there.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory, not on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# No access log: its lines would hold IP addresses and the paths of families'
# private status links, and the balancer's /health/ hits would drown the rest.
# The reverse proxy keeps (short-lived) access logs if they are needed.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()

if os.environ.get("LOG_FORMAT") == "json":
    # gunicorn's own lines (start, worker boot, timeouts) as JSON too.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "coalition.logging.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
            # A logging config switches gunicorn's access log on: switch it off again.
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
    }
