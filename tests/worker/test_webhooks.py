"""Webhook pieces that send nothing: the SSRF guard's address check (stub resolver), the retry
delays, the Standard Webhooks signature, and the keys the service and the worker share."""
from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from standardwebhooks import Webhook

from service import webhooks as service_webhooks
from worker import webhooks
from worker.settings import WorkerSettings, WorkerSettingsError
from worker.webhooks import (DestinationRefused, DestinationUnresolved, Outcome, check_destination, next_delay,
                             parse_retry_after)

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)


def resolver(table: dict[str, list[str]]):
    """A stub DNS: names to addresses, anything else does not resolve; records every lookup."""
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        if host not in table:
            raise OSError("no such name")
        return table[host]

    resolve.asked = asked  # type: ignore[attr-defined]
    return resolve


NAMES = {"metadata.evil.example": ["169.254.169.254"], "intranet.evil.example": ["10.0.0.1"],
         "router.evil.example": ["192.168.1.1"], "six.evil.example": ["::1"],
         "mixed.evil.example": ["93.184.215.14", "10.0.0.1"], "public.example": ["93.184.215.14"],
         "ula.evil.example": ["fd00::1"], "mapped.evil.example": ["::ffff:127.0.0.1"],
         "cgnat.evil.example": ["100.64.0.1"], "multicast.evil.example": ["224.0.0.1"],
         "zero.evil.example": ["0.0.0.0"], "reserved.evil.example": ["240.0.0.1"],
         "receiver.test": ["127.0.0.1"]}


@pytest.mark.parametrize("url", [
    "https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/hook", "https://192.168.1.1/hook",
    "https://[::1]/hook", "https://127.0.0.1/hook", "https://[fd00:ec2::254]/", "https://[fe80::1]/",
    "https://metadata.evil.example/", "https://intranet.evil.example/", "https://router.evil.example/",
    "https://six.evil.example/", "https://mixed.evil.example/", "https://ula.evil.example/",
    "https://mapped.evil.example/", "https://cgnat.evil.example/", "https://multicast.evil.example/",
    "https://zero.evil.example/", "https://reserved.evil.example/", "https://[2002:a00:1::]/",
])
def test_non_public_addresses_are_refused(url: str) -> None:
    with pytest.raises(DestinationRefused):
        check_destination(url, (), resolver(NAMES))


def test_a_public_name_passes_and_is_pinned_to_its_checked_address() -> None:
    destination = check_destination("https://public.example/hooks?x=1", (), resolver(NAMES))
    assert destination.addresses == (ipaddress.ip_address("93.184.215.14"),)
    assert destination.host == "public.example" and destination.port == 443
    assert destination.target == "/hooks?x=1" and destination.host_header == "public.example"


@pytest.mark.parametrize("url", ["http://public.example/hook", "ftp://public.example/", "https:///nohost",
                                 "https://user:pw@public.example/", "https://public.example:99999/"])
def test_plain_http_credentials_and_malformed_urls_are_refused(url: str) -> None:
    with pytest.raises(DestinationRefused):
        check_destination(url, (), resolver(NAMES))


def test_the_allow_list_lifts_the_guard_for_its_networks_only() -> None:
    resolve = resolver(NAMES)
    allowed = check_destination("http://receiver.test:8080/hook", LOOPBACK, resolve)
    assert allowed.addresses == (ipaddress.ip_address("127.0.0.1"),) and allowed.host_header == "receiver.test:8080"
    assert check_destination("http://127.0.0.1:9/", LOOPBACK, resolve).port == 9
    for url in ("https://intranet.evil.example/", "https://metadata.evil.example/", "https://[::1]/",
                "http://public.example/"):   # outside 127.0.0.0/8: still refused (http only inside it)
        with pytest.raises(DestinationRefused):
            check_destination(url, LOOPBACK, resolve)


def test_every_resolved_address_must_pass() -> None:
    table = {"both.test": ["127.0.0.1", "10.0.0.1"]}
    with pytest.raises(DestinationRefused, match="10.0.0.1"):
        check_destination("http://both.test/", LOOPBACK, resolver(table))


def test_an_unresolvable_name_is_retryable_not_refused() -> None:
    with pytest.raises(DestinationUnresolved):
        check_destination("https://nowhere.example/", (), resolver({}))


def test_ip_literals_are_not_resolved() -> None:
    resolve = resolver(NAMES)
    with pytest.raises(DestinationRefused):
        check_destination("https://10.0.0.1/", (), resolve)
    assert resolve.asked == []  # type: ignore[attr-defined]


def test_retry_delays_follow_the_schedule_with_jitter_and_slow_down() -> None:
    schedule = (5.0, 30.0, 120.0, 600.0, 3600.0, 21600.0)
    for attempt, base in enumerate(schedule, start=1):
        delay = next_delay(attempt, schedule, Outcome(500))
        assert delay is not None and base * 0.8 <= delay <= base * 1.2
    assert next_delay(len(schedule) + 1, schedule, Outcome(500)) is None   # dead letter
    slowed = next_delay(1, schedule, Outcome(429))
    assert slowed is not None and 8.0 <= slowed <= 12.0
    assert next_delay(1, schedule, Outcome(503, retry_after=90)) == 90
    assert next_delay(1, schedule, Outcome(503, retry_after=10 ** 9)) == 21600.0   # capped


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert parse_retry_after("120") == 120
    later = datetime.now(timezone.utc) + timedelta(seconds=60)
    parsed = parse_retry_after(format_datetime(later, usegmt=True))
    assert parsed is not None and 55 <= parsed <= 61
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_signed_headers_verify_with_the_standardwebhooks_library() -> None:
    body = '{"type":"analysis.succeeded","timestamp":"2026-11-30T03:00:00.000Z","data":{"id":"x"}}'
    headers = webhooks.signed_headers(SECRET, "msg_1", body)
    assert headers["webhook-id"] == "msg_1" and headers["webhook-signature"].startswith("v1,")
    assert Webhook(SECRET).verify(body, headers)["data"] == {"id": "x"}
    with pytest.raises(Exception):
        Webhook("whsec_" + "A" * 32).verify(body, headers)


def test_worker_settings_read_the_webhook_variables() -> None:
    settings = WorkerSettings.from_env({"ECOUTE_WEBHOOK_SECRET": SECRET,
                                        "ECOUTE_WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8, ::1",
                                        "ECOUTE_WEBHOOK_RETRY_SCHEDULE": "1,2.5", "ECOUTE_WEBHOOK_TIMEOUT": "3"})
    assert settings.webhook_allowed_networks == (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))
    assert settings.webhook_retry_schedule == (1.0, 2.5) and settings.webhook_timeout == 3.0
    assert SECRET not in repr(settings)
    defaults = WorkerSettings.from_env({})
    assert defaults.webhook_retry_schedule == (5, 30, 120, 600, 3600, 21600) and defaults.webhook_timeout == 15
    for bad in ({"ECOUTE_WEBHOOK_ALLOWED_NETWORKS": "localhost"}, {"ECOUTE_WEBHOOK_RETRY_SCHEDULE": "soon"},
                {"ECOUTE_WEBHOOK_TIMEOUT": "0"}):
        with pytest.raises(WorkerSettingsError):
            WorkerSettings.from_env(bad)


def test_service_and_worker_share_webhook_keys_and_names() -> None:
    from rq.utils import import_attribute

    from service import queueing

    for name in ("EVENT_TYPES", "ENDPOINTS_KEY", "ENDPOINT_KEY", "ENDPOINT_DELIVERIES_KEY", "DELIVERY_KEY",
                 "DELIVER_JOB"):
        assert getattr(service_webhooks, name) == getattr(webhooks, name), name
    assert service_webhooks.webhook_queue("ecoute") == webhooks.webhook_queue("ecoute") == "ecoute-webhooks"
    assert webhooks.BATCH_KEY == queueing.BATCH_KEY
    assert import_attribute(webhooks.DELIVER_JOB) is webhooks.deliver
    assert import_attribute(queueing.ON_SUCCESS) is webhooks.on_analysis_succeeded
    assert import_attribute(queueing.ON_FAILURE) is webhooks.on_analysis_failed
    assert import_attribute(queueing.ON_STOPPED) is webhooks.on_analysis_stopped
    from service.schemas import WEBHOOK_EVENTS

    assert WEBHOOK_EVENTS == webhooks.EVENT_TYPES


def test_the_suite_confines_deliveries_to_loopback_without_dns() -> None:
    settings = WorkerSettings()
    with pytest.raises(DestinationRefused, match="confined"):
        webhooks.destination_for("https://93.184.215.14/hook", settings)   # public: the guard alone would pass it
    with pytest.raises(DestinationUnresolved):
        webhooks.destination_for("https://public.example/hook", settings)  # no DNS query leaves the machine
    allowed = WorkerSettings(webhook_allowed_networks=LOOPBACK)
    assert webhooks.destination_for("http://localhost:8080/", allowed).addresses == (ipaddress.ip_address("127.0.0.1"),)
