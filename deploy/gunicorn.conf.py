"""gunicorn settings for eoffice: gunicorn -c deploy/gunicorn.conf.py eoffice.wsgi

Overridable through the environment (set them in the systemd unit or /etc/eoffice/eoffice.env):
GUNICORN_BIND (127.0.0.1:8000), GUNICORN_WORKERS (2 x cores + 1), GUNICORN_THREADS (2),
GUNICORN_TIMEOUT (60), GUNICORN_FORWARDED_ALLOW_IPS (127.0.0.1: the address of the reverse proxy).
"""

import multiprocessing
import os

wsgi_app = "eoffice.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Threads let a worker serve other pages while one waits on the database or a file download.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# Slow pages are bugs, but signing and large uploads over a slow office line take a while.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows.
max_requests = 1000
max_requests_jitter = 100
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Only the reverse proxy may set X-Forwarded-* (BEHIND_PROXY=1 makes Django read them).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
proc_name = "eoffice"
