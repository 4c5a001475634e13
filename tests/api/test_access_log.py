"""service/access_log.py: gunicorn's access-log lines, built from the atoms the format names only."""
from __future__ import annotations

import datetime
import importlib
import io
import itertools
import json
import logging
import runpy
import time
from pathlib import Path

import pytest
from gunicorn import glogging
from gunicorn.config import Config

from service.access_log import AccessLogger

CONF = Path(__file__).resolve().parents[2] / "service" / "gunicorn.conf.py"


class Resp:
    status = "201 CREATED"
    sent = 1834
    headers = [("Content-Type", "application/json"), ("X-Request-ID", "req-7f3a"), ("Location", '/v1/analyses/"x"'),
               ("X-Request-ID", "req-last")]


class Req:
    headers = [("HOST", "api.example.com"), ("USER-AGENT", 'curl/8.5 "quoted"'), ("X-REQUEST-ID", "req-7f3a")]


ENVIRON = {"REQUEST_METHOD": "POST", "RAW_URI": "/v1/analyses?wait=10", "SERVER_PROTOCOL": "HTTP/1.1",
           "REMOTE_ADDR": "10.1.2.3", "PATH_INFO": "/v1/analyses", "QUERY_STRING": "wait=10",
           "HTTP_AUTHORIZATION": "Basic dXNlcjpwdw==", "HTTP_REFERER": "https://example.com/"}


def line(logger_class: type, log_format: str, request_time: datetime.timedelta) -> str:
    cfg = Config()
    cfg.set("access_log_format", log_format)
    logger = logger_class(cfg)
    return log_format % logger.atoms_wrapper_class(logger.atoms(Resp(), Req(), ENVIRON, request_time))


FORMATS = [
    runpy.run_path(str(CONF))["access_log_format"],   # the one we run with
    '%(h)s "%(r)s" %(s)s %(b)s %(m)s %(U)s %(q)s %(H)s %(T)s %(D)s %(M)s %(L)s',
    "%({x-request-id}i)s %({X-Request-ID}o)s %({location}o)s %({missing}o)s %({missing}i)s",
    "%({remote_addr}e)s %({HTTP_REFERER}e)s %({nothing}e)s %(nope)s",   # an unknown atom: gunicorn's own dict
    '%(h)s %(l)s %(u)s "%(f)s" "%(a)s"',                                # atoms only gunicorn's dict has
]


@pytest.mark.parametrize("log_format", FORMATS)
@pytest.mark.parametrize("microseconds", [0, 4_999, 2_345_678])
def test_lines_are_gunicorns(log_format: str, microseconds: int) -> None:
    took = datetime.timedelta(microseconds=microseconds)
    assert line(AccessLogger, log_format, took) == line(glogging.Logger, log_format, took)


def test_only_the_named_atoms_are_built() -> None:
    cfg = Config()
    cfg.set("access_log_format", runpy.run_path(str(CONF))["access_log_format"])
    atoms = AccessLogger(cfg).atoms(Resp(), Req(), ENVIRON, datetime.timedelta(milliseconds=3))
    assert atoms == {"h": "10.1.2.3", "r": "POST /v1/analyses?wait=10 HTTP/1.1", "s": "201", "b": "1834", "M": 3,
                     "{x-request-id}o": "req-last"}


def test_gunicorn_runs_it() -> None:
    logger_class = runpy.run_path(str(CONF))["logger_class"]
    assert logger_class.__name__ == "AccessLogger" and logger_class.atoms.__doc__ == AccessLogger.atoms.__doc__


# The access line written without logging (AccessLogger.access) is the line logging writes, byte for byte.

class Answer:
    def __init__(self, status: str, sent: int | None, headers: list[tuple[str, str]]) -> None:
        self.status, self.sent, self.headers = status, sent, headers


class Asked:
    def __init__(self, headers: list[tuple[str, str]]) -> None:
        self.headers = headers


def environ(method: str, raw_uri: str, **extra: str) -> dict[str, str]:
    path, _, query = raw_uri.partition("?")
    return {"REQUEST_METHOD": method, "RAW_URI": raw_uri, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "10.1.2.3",
            "PATH_INFO": path, "QUERY_STRING": query, "HTTP_AUTHORIZATION": "Bearer sk-live-secret", **extra}


# gunicorn gives RAW_URI as the request's bytes read as latin-1: 'é' sent as UTF-8 is 'Ã©' here
REQUESTS = [
    (Answer("200 OK", 1605, [("X-Request-ID", "0123456789abcdef0123456789abcdef")]), Asked([]),
     environ("POST", "/v1/analyses?wait=10")),
    (Answer("201 CREATED", 88, [("X-Request-ID", "crm-42.a_b")]), Asked([("X-REQUEST-ID", "crm-42.a_b")]),
     environ("POST", "/v1/batches")),
    (Answer("404 NOT FOUND", 231, [("X-Request-ID", "r1")]), Asked([]),
     environ("GET", "/v1/analyses/caf\u00c3\u00a9?q=na\u00c3\u00afve&x=\u00e2\u0082\u00ac")),
    (Answer("400 BAD REQUEST", 0, [("X-Request-ID", "r2")]), Asked([]),
     environ("GET", '/v1/"quoted"\\back\tslash\x01?a="b"')),
    (Answer("500 INTERNAL SERVER ERROR", None, []), Asked([]), environ("DELETE", "/v1/analyses/x")),   # no id
    (Answer("503 SERVICE UNAVAILABLE", 12, [("x-request-id", "a"), ("X-Request-ID", "b")]), Asked([]),
     environ("GET", "/readyz")),
    (Answer("429 TOO MANY REQUESTS", 300, [("X-Request-ID", "\u00e9\u2603\U0001f600")]), Asked([]),
     environ("POST", "/v1/analyses")),
]
MOMENTS = [1764560000.0, 1764560000.5, 1764563599.123456, 1764567890.999999]
TOOK = [datetime.timedelta(0), datetime.timedelta(microseconds=4_999), datetime.timedelta(seconds=2, microseconds=345_678)]


def json_formatter() -> logging.Formatter:
    """The access handler's formatter of gunicorn.conf.py with LOG_FORMAT=json, made as dictConfig makes it."""
    spec = dict(runpy.run_path(str(CONF))["logconfig_dict"]["formatters"]["json"])
    factory = spec.pop("()")
    module, _, name = factory.rpartition(".")
    return getattr(importlib.import_module(module), name)(**spec)


def access_logger(formatter: logging.Formatter | None = None) -> tuple[AccessLogger, io.StringIO]:
    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set("access_log_format", runpy.run_path(str(CONF))["access_log_format"])
    logger = AccessLogger(cfg)
    # gunicorn's set-up of its access logger, on a logger of this test's own (not the process's gunicorn.access)
    logger.access_log = logging.getLogger("tests.gunicorn.access")
    logger.access_log.handlers.clear()
    logger.access_log.setLevel(logging.INFO)
    logger.access_log.propagate = False
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter or logging.Formatter(logger.access_fmt))
    logger.access_log.addHandler(handler)
    return logger, stream


class RecordCounter:
    """Counts the records logging makes for the access logger."""

    def __init__(self, log: logging.Logger) -> None:
        self.made = 0
        self.make = log.makeRecord

    def __call__(self, *args: object, **kwargs: object) -> logging.LogRecord:
        self.made += 1
        return self.make(*args, **kwargs)


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """time.time() answers the moment at the head of the list (logging's records read it too)."""
    moments: list[float] = []
    monkeypatch.setattr(time, "time", lambda: moments[0])
    return moments


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_the_direct_line_is_loggings_line(log_format: str, clock: list[float]) -> None:
    logger, stream = access_logger(json_formatter() if log_format == "json" else None)
    counter = logger.access_log.makeRecord = RecordCounter(logger.access_log)   # type: ignore[method-assign]
    direct, through_logging = [], []
    for (resp, req, env), moment, took in itertools.product(REQUESTS, MOMENTS, TOOK):
        clock[:] = [moment]
        logger.access(resp, req, env, took)
        direct.append(stream.getvalue())
        stream.seek(0), stream.truncate()
        glogging.Logger.access(logger, resp, req, env, took)
        through_logging.append(stream.getvalue())
        stream.seek(0), stream.truncate()
    assert direct == through_logging
    assert counter.made == len(through_logging)   # the direct lines made no record
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in direct)
    assert not any("secret" in line for line in direct)
    if log_format == "json":
        first = json.loads(direct[0])
        assert first["message"] == ('10.1.2.3 "POST /v1/analyses?wait=10 HTTP/1.1" 200 1605 0ms '
                                    'request_id=0123456789abcdef0123456789abcdef')
        assert (first["level"], first["logger"], first["time"]) == ("INFO", "tests.gunicorn.access",
                                                                      "2025-12-01T03:33:20+00:00")


def test_levels_filters_and_other_set_ups_go_through_logging(clock: list[float]) -> None:
    clock[:] = [MOMENTS[2]]
    resp, req, env = REQUESTS[0]
    logger, stream = access_logger(json_formatter())
    counter = logger.access_log.makeRecord = RecordCounter(logger.access_log)   # type: ignore[method-assign]
    logger.access_log.setLevel(logging.WARNING)
    logger.access(resp, req, env, TOOK[1])
    assert stream.getvalue() == "" and counter.made == 0
    logger.access_log.setLevel(logging.INFO)
    logging.disable(logging.INFO)
    try:
        logger.access(resp, req, env, TOOK[1])
    finally:
        logging.disable(logging.NOTSET)
    assert stream.getvalue() == ""
    (handler,) = logger.access_log.handlers
    handler.addFilter(lambda record: False)
    logger.access(resp, req, env, TOOK[1])
    assert stream.getvalue() == "" and counter.made == 1   # the filter saw a record and dropped it
    handler.filters.clear()
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))   # a formatter not known here
    logger.access(resp, req, env, TOOK[1])
    assert stream.getvalue().startswith("INFO 10.1.2.3 ") and counter.made == 2
