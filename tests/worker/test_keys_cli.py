"""`ecoute keys create / list / revoke` as a process, against the real Redis: the key is printed once,
only its SHA-256 is stored, and the API accepts it until it is revoked."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import redis

from service import create_app
from service.settings import Settings


def ecoute(redis_url: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    if redis_url:
        env["REDIS_URL"] = redis_url
    return subprocess.run([sys.executable, "-m", "worker.cli", "keys", *args], capture_output=True, text=True,
                          env=env, timeout=60)


def test_create_list_revoke(redis_url: str) -> None:
    made = ecoute(redis_url, "create", "--tenant", "acme", "--name", "CRM prod")
    assert made.returncode == 0, made.stderr
    created = json.loads(made.stdout)
    key = created["key"]
    assert key.startswith("ek_") and len(key) > 40
    assert created["tenant"] == "acme" and created["name"] == "CRM prod" and created["id"].startswith("key_")
    assert "not shown again" in made.stderr

    connection = redis.Redis.from_url(redis_url)
    digest = hashlib.sha256(key.encode()).hexdigest()
    assert json.loads(connection.get(f"ecoute:apikey:{digest}"))["tenant"] == "acme"
    for name in connection.scan_iter("*"):   # the key itself is stored nowhere
        assert key.encode() not in name
        if connection.type(name) == b"string":
            assert key.encode() not in connection.get(name)
        elif connection.type(name) == b"hash":
            assert all(key.encode() not in value for value in connection.hgetall(name).values())

    other = json.loads(ecoute(redis_url, "create", "--tenant", "globex").stdout)
    listed = ecoute(redis_url, "list")
    assert listed.returncode == 0
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["id"] for r in rows] == [created["id"], other["id"]]
    assert all(set(r) == {"id", "tenant", "name", "created_at"} for r in rows)
    assert key not in listed.stdout and digest not in listed.stdout
    only = [json.loads(line) for line in ecoute(redis_url, "list", "--tenant", "globex").stdout.splitlines()]
    assert [r["id"] for r in only] == [other["id"]]

    client = create_app(Settings(redis_url=redis_url, require_auth=True, start_embedded_worker=False)).test_client()
    bearer = {"Authorization": f"Bearer {key}"}
    assert client.get("/v1/webhooks", headers=bearer).status_code == 200

    revoked = ecoute(redis_url, "revoke", created["id"])
    assert revoked.returncode == 0 and json.loads(revoked.stdout)["revoked"] is True
    assert client.get("/v1/webhooks", headers=bearer).status_code == 401
    assert not connection.exists(f"ecoute:apikey:{digest}")
    assert [json.loads(line)["id"] for line in ecoute(redis_url, "list").stdout.splitlines()] == [other["id"]]
    again = ecoute(redis_url, "revoke", created["id"])
    assert again.returncode == 1 and "no key" in again.stderr
    connection.close()


def test_usage_errors(redis_url: str) -> None:
    assert ecoute(None, "list").returncode == 2                                  # no REDIS_URL
    bad = ecoute(redis_url, "create", "--tenant", "Not Valid!")
    assert bad.returncode == 2 and "lowercase" in bad.stderr
    assert ecoute(redis_url, "create", "--tenant", "x" * 64).returncode == 2
    assert ecoute(redis_url, "create").returncode == 2                           # --tenant is required
    down = ecoute("redis://127.0.0.1:1/0", "list")
    assert down.returncode == 1 and "unreachable" in down.stderr
