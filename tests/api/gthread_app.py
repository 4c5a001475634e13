"""A WSGI app for tests/api/test_gthread.py: answers with the thread that served the request."""
from __future__ import annotations

import threading
import time


def app(environ, start_response):   # type: ignore[no-untyped-def]
    body = environ["wsgi.input"].read()
    if environ.get("PATH_INFO") == "/slow":
        time.sleep(0.3)
    payload = f"{threading.get_ident()} {len(body)}".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(payload)))])
    return [payload]
