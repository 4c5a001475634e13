"""Fault-test fixtures: a redis-server of the test's own, persisting like compose.yaml (AOF, everysec)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RedisServer


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[RedisServer]:
    """Ours alone: fault tests stop, restart and kill around it."""
    (tmp_path / "redis").mkdir()
    server = RedisServer(tmp_path / "redis", appendonly=True)   # appendfsync everysec
    server.start()
    try:
        yield server
    finally:
        server.stop()
