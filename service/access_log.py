"""gunicorn's access log, with the same lines at a fraction of the cost (service/gunicorn.conf.py logger_class).

gunicorn's Logger.access builds, for every request, a dict of every atom it knows (two dozen values, among
them a formatted date and the Authorization header decoded), plus one entry per request header, response
header and WSGI environ variable (some 40 in all), then copies that dict once more to escape quotes; the
format then reads six of them. Here only the atoms the configured format names are built, with the values
gunicorn would give them, so every line is the same; a format naming an atom not handled here gets
gunicorn's own dict.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

from gunicorn import glogging

_NAMED = re.compile(r"%\(([^)]*)\)")
_SIMPLE = frozenset("hrsbmUqHTDMLp")


@lru_cache(maxsize=8)
def _atoms_of(log_format: str) -> tuple[str, ...] | None:
    """The atoms a format names (lowercase for headers and environ variables, as SafeAtoms reads them), or
    None when one is not handled here."""
    names = []
    for name in _NAMED.findall(log_format):
        if name.startswith("{"):
            if len(name) < 3 or name[-2] != "}" or name[-1] not in "ioe":
                return None
            names.append(name.lower())
        elif name in _SIMPLE:
            names.append(name)
        else:
            return None
    return tuple(dict.fromkeys(names))


_ABSENT = object()


def _last(pairs: Any, name: str) -> Any:
    """The value of the last pair whose lowercased key is `name` (what gunicorn's dict keeps), else _ABSENT."""
    found = _ABSENT
    for key, value in pairs:
        if key.lower() == name:
            found = value
    return found


class AccessLogger(glogging.Logger):
    """gunicorn.glogging.Logger whose atoms() builds only the atoms of the access-log format."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        wanted = _atoms_of(self.cfg.access_log_format)
        if wanted is None:
            return super().atoms(resp, req, environ, request_time)
        atoms: dict[str, Any] = {}
        for name in wanted:
            if name.startswith("{"):
                key, kind = name[1:-2], name[-1]
                if kind == "i":
                    headers = req.headers if hasattr(req, "headers") else req
                    value = _last(headers.items() if hasattr(headers, "items") else headers, key)
                elif kind == "o":
                    headers = resp.headers
                    value = _last(headers.items() if hasattr(headers, "items") else headers, key)
                else:
                    value = _last(environ.items(), key)
                if value is not _ABSENT:   # absent: SafeAtoms reads '-'
                    atoms[name] = value
                continue
            atoms[name] = self._atom(name, resp, environ, request_time)
        return atoms

    @staticmethod
    def _atom(name: str, resp: Any, environ: dict[str, Any], request_time: Any) -> Any:
        """One atom, as gunicorn's Logger.atoms computes it."""
        if name == "h":
            return environ.get("REMOTE_ADDR", "-")
        if name == "r":
            return "%s %s %s" % (environ["REQUEST_METHOD"], environ["RAW_URI"], environ["SERVER_PROTOCOL"])
        if name == "s":
            status = resp.status
            return status.split(None, 1)[0] if isinstance(status, str) else status
        if name == "b":
            return getattr(resp, "sent", None) is not None and str(resp.sent) or "-"
        if name == "m":
            return environ.get("REQUEST_METHOD")
        if name == "U":
            return environ.get("PATH_INFO")
        if name == "q":
            return environ.get("QUERY_STRING")
        if name == "H":
            return environ.get("SERVER_PROTOCOL")
        if name == "T":
            return request_time.seconds
        if name == "D":
            return (request_time.seconds * 1000000) + request_time.microseconds
        if name == "M":
            return (request_time.seconds * 1000) + int(request_time.microseconds / 1000)
        if name == "L":
            return "%d.%06d" % (request_time.seconds, request_time.microseconds)
        return "<%s>" % os.getpid()   # 'p'
