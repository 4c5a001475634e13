"""The worker's log lines: one JSON object each, UTF-8 as written, the traceback of an exception kept."""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from worker.runner import configure_logging


@pytest.fixture()
def worker_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging._srcfile,   # type: ignore[attr-defined]
             logging.logThreads, logging.logProcesses, logging.logMultiprocessing)
    try:
        yield
    finally:
        (root.handlers[:], level, logging._srcfile, logging.logThreads, logging.logProcesses,   # type: ignore[attr-defined]
         logging.logMultiprocessing) = saved
        root.setLevel(level)


def lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_a_line_is_one_json_object_with_the_fields_a_team_greps(worker_logging: None,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", "json")
    logging.getLogger("worker.runner").info("analysis %s succeeded: %s", "abc", "fr négatif réclamation")
    logging.getLogger("worker.runner").debug("not at INFO")
    err = capsys.readouterr().err
    [line] = lines(err)
    assert line["level"] == "INFO" and line["logger"] == "worker.runner" and line["job_id"] == "-"
    assert line["message"] == "analysis abc succeeded: fr négatif réclamation"
    assert "négatif" in err   # written as UTF-8, not as \\u escapes
    assert str(line["time"]).endswith("+00:00")


def test_an_exception_keeps_its_traceback(worker_logging: None, capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", "json")
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("worker.runner").exception("analysis %s: could not emit its webhook events", "abc")
    [line] = lines(capsys.readouterr().err)
    assert "Traceback" in str(line["exc_info"]) and "ValueError: boom" in str(line["exc_info"])


def test_text_format_still_names_the_job(worker_logging: None, capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", "text")
    logging.getLogger("worker.runner").warning("Redis unavailable")
    assert "WARNING worker.runner [job -] Redis unavailable" in capsys.readouterr().err
