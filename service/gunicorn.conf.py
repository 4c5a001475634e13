"""gunicorn settings for Écoute (`gunicorn 'service:create_app()' -c service/gunicorn.conf.py`).

Embedded mode (no REDIS_URL) keeps one worker process: the in-process queue and its worker thread
live there. With REDIS_URL, WEB_CONCURRENCY processes (default 2 x cores + 1, at most 8) each run
gthread threads, since `?wait=` holds a thread while the analysis runs.
"""
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
if os.environ.get("REDIS_URL"):
    workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
    threads = int(os.environ.get("GUNICORN_THREADS", 8))
else:
    workers = 1
    threads = int(os.environ.get("GUNICORN_THREADS", 16))
timeout = 60
graceful_timeout = 30
keepalive = 5
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Access log without query strings' secrets or bodies; Authorization is never logged by gunicorn.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
