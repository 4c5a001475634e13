"""service/access_log.py: gunicorn's access-log lines, built from the atoms the format names only."""
from __future__ import annotations

import datetime
import runpy
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
