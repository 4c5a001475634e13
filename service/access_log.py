"""gunicorn's access log, with the same lines at a fraction of the cost (service/gunicorn.conf.py logger_class).

gunicorn's Logger.access builds, for every request, a dict of every atom it knows (two dozen values, among
them a formatted date and the Authorization header decoded), plus one entry per request header, response
header and WSGI environ variable (some 40 in all), then copies that dict once more to escape quotes; the
format then reads six of them. Here only the atoms the configured format names are built, with the values
gunicorn would give them, so every line is the same; a format naming an atom not handled here gets
gunicorn's own dict.

The line itself is written without a LogRecord when the access logger is the plain one our config (or
gunicorn's default) sets up: one StreamHandler, no filters, and python-json-logger's JsonFormatter with our
fields (LOG_FORMAT=json) or gunicorn's '%(message)s' (LOG_FORMAT=text). logging.Logger.info found its caller's
frame, built a record of twenty attributes, and the JSON formatter walked them all and encoded the line with a
new encoder: a tenth of an API request's CPU for one line. Here the message is formatted as the record would
format it and the line is the JsonFormatter's, byte for byte (tests/api/test_access_log.py compares them); any
other set-up (another handler, formatter or level, a filter, a record factory) goes through logging as before.
"""
from __future__ import annotations

import json
import logging
import os
import re
import time
from datetime import datetime, timezone
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


#: The JsonFormatter's fields that make the access line (service/gunicorn.conf.py logconfig_dict).
JSON_FIELDS = ["levelname", "name", "message"]
JSON_RENAMED = {"levelname": "level", "name": "logger"}
JSON_TIMESTAMP = "time"


def _line_maker(formatter: logging.Formatter | None) -> Any:
    """A function (name, level name, message, created) -> the line this formatter makes of such a record, when
    it is one whose output is known here; else None."""
    if type(formatter) is logging.Formatter:
        if formatter._fmt == glogging.Logger.access_fmt and type(formatter._style) is logging.PercentStyle \
                and not formatter._style._defaults:
            return lambda name, level, message, created: message
        return None
    try:
        from pythonjsonlogger.json import JsonEncoder, JsonFormatter
    except ImportError:
        return None
    f: Any = formatter
    if not (type(f) is JsonFormatter and f._required_fields == JSON_FIELDS and f.rename_fields == JSON_RENAMED
            and f.timestamp == JSON_TIMESTAMP and not f.static_fields and not f.defaults and not f.prefix
            and not f.rename_fields_keep_missing and f.json_serializer is json.dumps and f.json_encoder is JsonEncoder
            and f.json_default is None and f.json_indent is None and type(f.json_ensure_ascii) is bool
            and set(vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None))) | {"message"}
            <= f._skip_fields):   # every attribute of a record is skipped: no extra field
        return None
    ascii_only = f.json_ensure_ascii
    utc = timezone.utc

    def json_line(name: str, level: str, message: str, created: float) -> str:
        # {"level": ..., "logger": ..., "message": ..., "time": ...} as json.dumps writes that dict
        return '{"level": %s, "logger": %s, "message": %s, "time": "%s"}' % (
            json.dumps(level, ensure_ascii=ascii_only), json.dumps(name, ensure_ascii=ascii_only),
            json.dumps(message, ensure_ascii=ascii_only), datetime.fromtimestamp(created, tz=utc).isoformat())
    return json_line


class AccessLogger(glogging.Logger):
    """gunicorn.glogging.Logger whose atoms() builds only the atoms of the access-log format, and whose access()
    writes the line straight to the handler when the logging set-up is the plain one."""

    _checked_formatter: Any = None   # the access handler's formatter, once looked at
    _make_line: Any = None           # its line maker (None: not a known one)

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not self.access_log_enabled:
            return
        handler = self._plain_handler()
        if handler is None:
            return super().access(resp, req, environ, request_time)
        log = self.access_log
        log_format = self.cfg.access_log_format
        atoms = self.atoms(resp, req, environ, request_time)
        if not atoms:   # logging would keep the empty dict as a tuple of arguments: its way
            return super().access(resp, req, environ, request_time)
        safe_atoms = self.atoms_wrapper_class(atoms)
        try:
            message = str(log_format) % safe_atoms
            line = self._make_line(log.name, logging.getLevelName(logging.INFO), message, time.time())
        except Exception:   # whatever logging would do of it (an error line, handleError)
            return super().access(resp, req, environ, request_time)
        handler.acquire()
        try:
            handler.stream.write(line + handler.terminator)
            handler.flush()
        except RecursionError:
            raise
        except Exception:
            handler.handleError(logging.LogRecord(log.name, logging.INFO, "", 0, log_format, (safe_atoms,), None))
        finally:
            handler.release()

    def _plain_handler(self) -> logging.StreamHandler | None:   # type: ignore[type-arg]
        """The access logger's one StreamHandler when the line can be written without logging: INFO enabled, no
        filter, no other handler, the default record factory and a formatter whose output is known."""
        log = self.access_log
        handlers = log.handlers
        if len(handlers) != 1 or log.filters or log.propagate or log.disabled or not log.isEnabledFor(logging.INFO):
            return None
        handler = handlers[0]
        if type(handler) is not logging.StreamHandler or handler.filters or handler.level > logging.INFO \
                or logging.getLogRecordFactory() is not logging.LogRecord:
            return None
        formatter = handler.formatter
        if formatter is not self._checked_formatter:
            self._make_line, self._checked_formatter = _line_maker(formatter), formatter
        return handler if self._make_line is not None else None

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
