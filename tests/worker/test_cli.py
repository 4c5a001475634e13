"""`ecoute analyze` on JSONL and CSV, and `ecoute worker` settings."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from worker.cli import main
from worker.settings import WorkerSettings, WorkerSettingsError


def run_cli(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "worker.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_analyze_jsonl_from_stdin_reports_bad_lines_and_goes_on() -> None:
    stdin = "\n".join([
        json.dumps({"text": "Colis jamais reçu", "external_id": 7, "extra": "ignored"}),
        "not json",
        json.dumps({"text": "   "}),
        json.dumps(["a list"]),
        json.dumps({"text": "Thanks, great service!"}),
    ]) + "\n"
    done = run_cli(["analyze", "-"], stdin)
    assert done.returncode == 0, done.stderr
    out = lines(done.stdout)
    assert [o["index"] for o in out] == [0, 1, 2, 3, 4]
    assert out[0]["external_id"] == "7" and out[0]["result"]["flags"]["brand_error"]
    assert "error" in out[1] and "error" in out[2] and "error" in out[3]
    assert out[4]["result"]["category"] == "praise"


def test_analyze_csv_file(tmp_path: Path) -> None:
    source = tmp_path / "comments.csv"
    source.write_text('external_id,text,other\na1,"Ma commande est en retard, c\'est nul",x\na2,,y\n', encoding="utf-8")
    target = tmp_path / "out.jsonl"
    assert main(["analyze", str(source), "--format", "csv", "--output", str(target), "-q"]) == 0
    out = lines(target.read_text(encoding="utf-8"))
    assert out[0]["index"] == 0 and out[0]["external_id"] == "a1"
    assert out[0]["result"]["language"]["code"] == "fr"
    assert out[1] == {"index": 1, "error": "'text' is required and must be a non-empty string"}


def test_analyze_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["analyze", str(tmp_path / "nope.jsonl")]) == 2


def test_worker_needs_redis_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    done = run_cli(["worker", "--burst"])
    assert done.returncode == 2
    assert "REDIS_URL" in done.stderr


def test_worker_settings() -> None:
    settings = WorkerSettings.from_env({"REDIS_URL": "redis://x/0", "ECOUTE_DEFAULT_LANGUAGE": "EN"})
    assert settings.default_language == "en" and settings.queue_name == "ecoute"
    with pytest.raises(WorkerSettingsError):
        WorkerSettings.from_env({"ECOUTE_DEFAULT_LANGUAGE": "xx"})
    for bad in ("soon", "0", "-1"):
        with pytest.raises(WorkerSettingsError):
            WorkerSettings.from_env({"ECOUTE_REDIS_TIMEOUT": bad})
    assert WorkerSettings.from_env({}).redis_url is None   # only `ecoute worker` requires it


def test_analyze_rejects_overlong_text_and_keeps_numbering(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(o) for o in [
        {"text": "a" * 5001}, {"text": "  " + "b" * 4990 + "  "}, {"no_text": 1}]) + "\n", encoding="utf-8")
    done = run_cli(["analyze", str(source)])
    assert done.returncode == 0
    out = lines(done.stdout)
    assert [o["index"] for o in out] == [0, 1, 2]
    assert "5000" in out[0]["error"] and "result" in out[1] and "error" in out[2]


def test_analyze_csv_uses_language_hint_and_ignores_other_columns(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text,language,channel,secret\nok,en,twitter,zzz\n", encoding="utf-8")
    done = run_cli(["analyze", str(source), "--format", "csv"])
    assert done.returncode == 0, done.stderr
    (out,) = lines(done.stdout)
    assert out["index"] == 0 and out["external_id"] is None
    assert out["result"]["replies"] and "zzz" not in done.stdout


def test_csv_without_text_column_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("body\nhello\n", encoding="utf-8")
    done = run_cli(["analyze", str(source), "--format", "csv"])
    assert done.returncode == 2 and "text" in done.stderr


def test_help_and_version() -> None:
    helped = run_cli(["--help"])
    assert helped.returncode == 0 and "worker" in helped.stdout and "analyze" in helped.stdout
    versioned = run_cli(["--version"])
    assert versioned.returncode == 0 and versioned.stdout.startswith("ecoute ")
    assert run_cli(["analyze", "--format", "xml"]).returncode == 2


def test_analyze_reports_wrongly_typed_fields_and_normalises_ids() -> None:
    stdin = "\n".join([json.dumps({"text": "hi", "author": "bob"}),
                       json.dumps({"text": "hi", "author": {"name": "bob"}, "external_id": 5})]) + "\n"
    done = run_cli(["analyze"], stdin)
    out = lines(done.stdout)
    assert out[0] == {"index": 0, "error": "'author' has the wrong type"}
    assert out[1]["external_id"] == "5" and "result" in out[1]


def test_analyze_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "hi"}\n', encoding="utf-8")
    assert main(["analyze", str(source), "-o", str(tmp_path / "missing" / "out.jsonl")]) == 2
