"""gunicorn's gthread worker, serving a kept-alive connection's next request in the thread that answered
the previous one (service/gunicorn.conf.py worker_class).

gunicorn's gthread hands every kept-alive connection back to its main thread after each answer: the
thread signals it through a pipe, the main thread registers the socket with its poller, wakes up when the
next request arrives, unregisters it and queues the connection to the thread pool again. That is two
thread switches and four system calls a request besides the request's own, which on a small machine cost
as much CPU as a fifth of the request itself. Here, when the next request is already there or arrives
within NEXT_REQUEST_WAIT, the same thread serves it at once; otherwise (or when connections are waiting
for a thread, or the worker is stopping) the connection goes back to the main thread as before. Requests
are parsed, answered, logged and timed out exactly as gunicorn does (its own handle() serves each one).

Its settings are read as plain attributes: gunicorn's Config keeps them in a dict behind __getattr__, so each
of the two dozen reads a request makes (cfg.keepalive, cfg.forwarded_allow_ips, cfg.access_log_format...)
first failed the normal lookup, building an AttributeError and its message, before __getattr__ answered. A
worker's settings are fixed once it is made (a reload makes new workers), so the worker's Config carries each
value as an attribute of its own (SettledConfig); a setting changed later with set() is updated there too.
"""
from __future__ import annotations

import select
from typing import Any

from gunicorn.config import Config
from gunicorn.workers import gthread

NEXT_REQUEST_WAIT = 0.005   # seconds a thread waits for the next request of the connection it just answered


class SettledConfig(Config):
    """gunicorn's Config whose settings are attributes of the instance (read without __getattr__). Names that
    Config defines itself (properties such as worker_class or is_ssl, methods) keep their definition."""

    @classmethod
    def of(cls, cfg: Config) -> "SettledConfig":
        settled = cls.__new__(cls)
        vars(settled).update(vars(cfg))
        settled._settle()
        return settled

    def _settle(self) -> None:
        mine = vars(self)
        for name, setting in self.settings.items():
            if not hasattr(type(self), name):
                mine[name] = setting.get()

    def set(self, name: str, value: Any) -> None:
        super().set(name, value)
        self._settle()


class ThreadWorker(gthread.ThreadWorker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if type(self.cfg) is Config:
            self.cfg = SettledConfig.of(self.cfg)

    def handle(self, conn: Any) -> Any:
        keepalive = super().handle(conn)
        while keepalive is True and self.alive and self._next_request_soon(conn):
            keepalive = super().handle(conn)
        return keepalive

    def _next_request_soon(self, conn: Any) -> bool:
        """Whether the connection's next request (or its end) is there now or within NEXT_REQUEST_WAIT, and no
        other connection is waiting for a thread."""
        queued = getattr(getattr(self.tpool, "_work_queue", None), "qsize", None)
        if queued is not None and queued() > 0:
            return False
        if conn.parser is not None and conn.parser.unreader.buf.getvalue():
            return True   # already read ahead (gunicorn's finish_request queues it at once too)
        try:
            poller = select.poll()
            poller.register(conn.sock, select.POLLIN)
            return bool(poller.poll(NEXT_REQUEST_WAIT * 1000))
        except (OSError, ValueError):   # closed meanwhile: the main thread's path deals with it
            return False
