"""Inbound webhooks over the real Redis: Meta (handshake, X-Hub-Signature-256, documented payload shapes)
and Standard Webhooks (signed with the standardwebhooks library, webhook-id as idempotency key)."""
from __future__ import annotations

import base64
import copy
import json
from datetime import datetime, timedelta, timezone

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rq import Queue
from rq.job import Job
from standardwebhooks.webhooks import Webhook

from service import create_app, inbound
from service.settings import Settings, SettingsError

APP_SECRET = "meta-app-secret-3f9a1c"
VERIFY_TOKEN = "verify-me-81b2"
INBOUND_SECRET = "whsec_" + base64.b64encode(b"inbound-secret-of-32-bytes-long!").decode()
API_KEY = "api-key-5d0c"

# Meta's documented example shapes (Graph API webhooks reference: Page `feed`, Instagram `comments`).
PAGE_ID = "1234567890"
FACEBOOK_COMMENT = {
    "object": "page",
    "entry": [{
        "id": PAGE_ID, "time": 1520383571,
        "changes": [{"field": "feed", "value": {
            "from": {"id": "24242424242", "name": "Cinderella Hoover"},
            "item": "comment", "post_id": "1234567890_321", "comment_id": "1234567890_321_4444",
            "parent_id": "1234567890_321", "verb": "add", "created_time": 1520383571,
            "message": "Commande passée il y a 3 semaines, toujours rien reçu. Vraiment déçue.",
            "post": {"status_type": "added_photos", "is_published": True, "updated_time": "2026-11-29T10:00:00+0000",
                     "permalink_url": "https://www.facebook.com/1234567890/posts/321", "promotion_status": "inactive",
                     "id": "1234567890_321"}}}],
    }],
}
IG_ACCOUNT = "17841405822304914"
INSTAGRAM_COMMENT = {
    "object": "instagram",
    "entry": [{
        "id": IG_ACCOUNT, "time": 1520383571,
        "changes": [{"field": "comments", "value": {
            "from": {"id": "232323232", "username": "marie_l"},
            "media": {"id": "123123123", "media_product_type": "FEED"},
            "id": "17865799348089039", "parent_id": "1231231234",
            "text": "Great, another outage during my meeting. Thanks a lot 🙄"}}],
    }],
}


@pytest.fixture()
def settings(redis_url: str) -> Settings:
    return Settings(redis_url=redis_url, api_keys=(API_KEY,), start_embedded_worker=False,
                    meta_app_secret=APP_SECRET, meta_verify_token=VERIFY_TOKEN, inbound_secret=INBOUND_SECRET)


def queued(app: Flask) -> list[Job]:
    ext = app.extensions["ecoute"]
    return Queue(ext.settings.queue_name, connection=ext.redis).get_jobs()


def meta_post(client: FlaskClient, payload: object, *, secret: str = APP_SECRET, signature: str | None = None,
              raw: bytes | None = None):
    body = raw if raw is not None else json.dumps(payload).encode()
    headers = {"X-Hub-Signature-256": signature if signature is not None else inbound.meta_signature(secret, body)}
    return client.post("/v1/inbound/meta", data=body, content_type="application/json", headers=headers)


def generic_post(client: FlaskClient, payload: object, *, message_id: str = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
                 secret: str = INBOUND_SECRET, timestamp: datetime | None = None, headers: dict | None = None):
    body = json.dumps(payload)
    moment = timestamp or datetime.now(timezone.utc)
    signed = {"webhook-id": message_id, "webhook-timestamp": str(int(moment.timestamp())),
              "webhook-signature": Webhook(secret).sign(message_id, moment, body)}
    return client.post("/v1/inbound/generic", data=body, content_type="application/json",
                       headers=headers if headers is not None else signed)


# ---- Meta handshake ------------------------------------------------------------------------------

def test_meta_handshake_echoes_the_challenge(client: FlaskClient) -> None:
    response = client.get("/v1/inbound/meta", query_string={
        "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"})
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == "1158201444"


@pytest.mark.parametrize("query", [
    {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
    {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"},
    {"hub.mode": "subscribe", "hub.challenge": "1"},
    {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN[:-1], "hub.challenge": "1"},
    {},
])
def test_meta_handshake_refuses_a_wrong_token(client: FlaskClient, query: dict) -> None:
    response = client.get("/v1/inbound/meta", query_string=query)
    assert response.status_code == 403
    assert response.content_type == "application/problem+json"
    assert VERIFY_TOKEN not in response.get_data(as_text=True)


def test_handshake_compares_in_constant_time(monkeypatch: pytest.MonkeyPatch, client: FlaskClient) -> None:
    import hmac

    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    client.get("/v1/inbound/meta", query_string={"hub.mode": "subscribe", "hub.verify_token": "x",
                                                 "hub.challenge": "1"})
    assert calls


# ---- Meta deliveries -----------------------------------------------------------------------------

def test_facebook_comment_becomes_a_queued_comment(app: Flask, client: FlaskClient) -> None:
    response = meta_post(client, FACEBOOK_COMMENT)   # no bearer key: the signature authenticates
    assert response.status_code == 200
    body = response.get_json()
    assert body["ignored"] == 0 and body["batch_id"] is None
    [item] = body["analyses"]
    assert item["external_id"] == "1234567890_321_4444" and item["duplicate"] is False
    [job] = queued(app)
    assert job.id == item["id"]
    comment = job.args[0]
    assert comment["text"].startswith("Commande passée il y a 3 semaines")
    assert comment["channel"] == "facebook"
    assert comment["external_id"] == "1234567890_321_4444"
    assert comment["author"] == {"name": "Cinderella Hoover"}
    assert comment["metadata"] == {"source": "meta", "page_id": PAGE_ID, "post_id": "1234567890_321",
                                   "parent_id": "1234567890_321", "author_id": "24242424242", "verb": "add",
                                   "created_time": 1520383571}
    assert job.meta["external_id"] == "1234567890_321_4444"


def test_instagram_comment_becomes_a_queued_comment(app: Flask, client: FlaskClient, worker: object) -> None:
    response = meta_post(client, INSTAGRAM_COMMENT)
    assert response.status_code == 200
    [item] = response.get_json()["analyses"]
    analysis = client.get(f"/v1/analyses/{item['id']}", headers={"Authorization": f"Bearer {API_KEY}"})
    assert analysis.status_code == 200
    stored = Job.fetch(item["id"], connection=app.extensions["ecoute"].redis).args[0]
    assert stored["channel"] == "instagram"
    assert stored["author"] == {"name": "marie_l", "handle": "@marie_l"}
    assert stored["external_id"] == "17865799348089039"
    assert stored["metadata"] == {"source": "meta", "account_id": IG_ACCOUNT, "media_id": "123123123",
                                  "media_product_type": "FEED", "parent_id": "1231231234",
                                  "author_id": "232323232"}


def test_a_redelivery_queues_nothing_twice(app: Flask, client: FlaskClient) -> None:
    first = meta_post(client, FACEBOOK_COMMENT).get_json()["analyses"][0]
    again = meta_post(client, FACEBOOK_COMMENT).get_json()["analyses"][0]
    assert again == {**first, "duplicate": True}
    assert len(queued(app)) == 1
    edited = copy.deepcopy(FACEBOOK_COMMENT)
    edited["entry"][0]["changes"][0]["value"].update(verb="edited", message="Reçu finalement, merci !")
    assert meta_post(client, edited).get_json()["analyses"][0]["duplicate"] is False
    assert len(queued(app)) == 2


def _feed(**value: object) -> dict:
    payload = copy.deepcopy(FACEBOOK_COMMENT)
    payload["entry"][0]["changes"][0]["value"] = value
    return payload


@pytest.mark.parametrize("payload", [
    _feed(item="reaction", verb="add", reaction_type="like", post_id="1_2", from_={"id": "9"}),
    _feed(item="like", verb="add", post_id="1_2", **{"from": {"id": "9", "name": "A"}}),
    _feed(item="comment", verb="remove", comment_id="1_2_3", post_id="1_2", **{"from": {"id": "9"}}),
    _feed(item="comment", verb="add", comment_id="1_2_3", post_id="1_2", message="Merci à tous !",
          **{"from": {"id": PAGE_ID, "name": "Colibri"}}),   # the brand's own comment
    _feed(item="comment", verb="add", comment_id="1_2_3", post_id="1_2", message="   ",
          **{"from": {"id": "9", "name": "A"}}),             # a photo or sticker comment: no text
    _feed(item="status", verb="add", post_id="1_2", message="A new post", **{"from": {"id": PAGE_ID}}),
    {"object": "instagram", "entry": [{"id": IG_ACCOUNT, "time": 1, "changes": [{"field": "comments", "value": {
        "from": {"id": IG_ACCOUNT, "username": "colibri"}, "media": {"id": "1"}, "id": "2", "text": "Merci !"}}]}]},
    {"object": "instagram", "entry": [{"id": IG_ACCOUNT, "time": 1, "changes": [{"field": "mentions",
                                                                                "value": {"media_id": "1"}}]}]},
    {"object": "page", "entry": []},
    {"object": "user", "entry": [{"id": "1", "changes": [{"field": "feed", "value": {}}]}]},
    {"unexpected": True},
    [1, 2, 3],
])
def test_nothing_to_analyse_is_200_with_nothing_queued(app: Flask, client: FlaskClient, payload: object) -> None:
    response = meta_post(client, payload)
    assert response.status_code == 200
    assert response.get_json()["analyses"] == []
    assert queued(app) == []


def test_several_entries_and_changes_in_one_delivery(app: Flask, client: FlaskClient) -> None:
    payload = copy.deepcopy(FACEBOOK_COMMENT)
    like = {"field": "feed", "value": {"item": "reaction", "verb": "add", "from": {"id": "7"}}}
    second = copy.deepcopy(payload["entry"][0]["changes"][0])
    second["value"].update(comment_id="1234567890_321_5555", message="Super produit 👍")
    payload["entry"][0]["changes"] += [like, second]
    body = meta_post(client, payload).get_json()
    assert [a["external_id"] for a in body["analyses"]] == ["1234567890_321_4444", "1234567890_321_5555"]
    assert body["ignored"] == 1
    assert len(queued(app)) == 2


def test_control_characters_and_long_texts_are_made_fit(app: Flask, client: FlaskClient) -> None:
    payload = copy.deepcopy(INSTAGRAM_COMMENT)
    payload["entry"][0]["changes"][0]["value"]["text"] = "Bonjour\x00 le\x07 service " + "x" * 6000
    assert meta_post(client, payload).status_code == 200
    [job] = queued(app)
    text = job.args[0]["text"]
    assert len(text) == 5000 and "\x00" not in text and text.startswith("Bonjour  le  service")


@pytest.mark.parametrize("signature", [None, "", "sha256=" + "0" * 64, "sha1=abc", "garbage", "sha256=é",
                                       "wrong-secret"])
def test_unsigned_or_badly_signed_is_401_and_nothing_queued(app: Flask, client: FlaskClient,
                                                            signature: str | None) -> None:
    body = json.dumps(FACEBOOK_COMMENT).encode()
    if signature is None:
        response = client.post("/v1/inbound/meta", data=body, content_type="application/json")
    elif signature == "wrong-secret":
        response = meta_post(client, FACEBOOK_COMMENT, secret="another-secret")
    else:
        response = meta_post(client, FACEBOOK_COMMENT, signature=signature)
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"
    assert APP_SECRET not in response.get_data(as_text=True)
    assert queued(app) == []


def test_the_signature_covers_the_raw_bytes(app: Flask, client: FlaskClient) -> None:
    raw = json.dumps(FACEBOOK_COMMENT).encode()
    signature = inbound.meta_signature(APP_SECRET, raw)
    reformatted = json.dumps(FACEBOOK_COMMENT, indent=2).encode()   # same JSON, other bytes
    assert meta_post(client, None, raw=reformatted, signature=signature).status_code == 401
    assert meta_post(client, None, raw=raw, signature=signature).status_code == 200


def test_signed_but_not_json_is_400(app: Flask, client: FlaskClient) -> None:
    response = meta_post(client, None, raw=b"{not json")
    assert response.status_code == 400 and response.content_type == "application/problem+json"
    assert queued(app) == []


def test_a_bad_signature_is_checked_before_the_body(app: Flask, client: FlaskClient) -> None:
    response = client.post("/v1/inbound/meta", data=b"not json", content_type="text/plain",
                           headers={"X-Hub-Signature-256": "sha256=" + "1" * 64})
    assert response.status_code == 401


def test_secrets_are_never_logged(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    meta_post(client, FACEBOOK_COMMENT)
    meta_post(client, FACEBOOK_COMMENT, signature="sha256=" + "0" * 64)
    generic_post(client, {"text": "Bonjour"}, message_id="msg_log")
    assert APP_SECRET not in caplog.text and VERIFY_TOKEN not in caplog.text and INBOUND_SECRET not in caplog.text
    assert "toujours rien reçu" not in caplog.text


# ---- Standard Webhooks ---------------------------------------------------------------------------

def test_generic_single_comment_is_queued(app: Flask, client: FlaskClient) -> None:
    response = generic_post(client, {"text": "Livraison en retard", "external_id": "crm-77", "channel": "review"})
    assert response.status_code == 202
    body = response.get_json()
    [item] = body["analyses"]
    assert item["external_id"] == "crm-77" and body["batch_id"] is None
    assert response.headers["Location"] == f"/v1/analyses/{item['id']}"
    [job] = queued(app)
    assert job.args[0]["channel"] == "review"


def test_generic_list_is_a_batch(app: Flask, client: FlaskClient) -> None:
    response = generic_post(client, {"comments": [{"text": "a", "external_id": "1"}, {"text": "b"}]})
    assert response.status_code == 202
    body = response.get_json()
    assert body["batch_id"] and response.headers["Location"] == f"/v1/batches/{body['batch_id']}"
    assert len(body["analyses"]) == 2 and len(queued(app)) == 2
    batch = client.get(response.headers["Location"], headers={"Authorization": f"Bearer {API_KEY}"})
    assert [a["id"] for a in batch.get_json()["analyses"]] == [a["id"] for a in body["analyses"]]


def test_webhook_id_is_the_idempotency_key(app: Flask, client: FlaskClient) -> None:
    first = generic_post(client, {"text": "Colis abîmé"}, message_id="msg_same")
    again = generic_post(client, {"text": "Colis abîmé"}, message_id="msg_same")
    assert again.status_code == 202
    assert again.get_json()["analyses"][0]["id"] == first.get_json()["analyses"][0]["id"]
    assert again.get_json()["analyses"][0]["duplicate"] is True
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(queued(app)) == 1
    other = generic_post(client, {"text": "Autre chose"}, message_id="msg_same")
    assert other.status_code == 422
    assert len(queued(app)) == 1


@pytest.mark.parametrize("case", ["unsigned", "wrong-secret", "stale", "future", "tampered", "malformed",
                                  "no-comma", "bad-base64"])
def test_generic_bad_signatures_are_401_and_nothing_queued(app: Flask, client: FlaskClient, case: str) -> None:
    payload = {"text": "Bonjour"}
    now = datetime.now(timezone.utc)
    good = {"webhook-id": "msg_1", "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(INBOUND_SECRET).sign("msg_1", now, json.dumps(payload))}
    if case == "unsigned":
        response = generic_post(client, payload, headers={})
    elif case == "wrong-secret":
        response = generic_post(client, payload, secret="whsec_" + base64.b64encode(b"x" * 32).decode())
    elif case == "stale":
        response = generic_post(client, payload, timestamp=now - timedelta(minutes=10))
    elif case == "future":
        response = generic_post(client, payload, timestamp=now + timedelta(minutes=10))
    elif case == "tampered":
        response = client.post("/v1/inbound/generic", data=json.dumps({"text": "Bonjour!"}),
                               content_type="application/json", headers=good)
    elif case == "malformed":
        response = generic_post(client, payload, headers={**good, "webhook-timestamp": "yesterday"})
    elif case == "no-comma":
        response = generic_post(client, payload, headers={**good, "webhook-signature": "v1"})
    else:
        response = generic_post(client, payload, headers={**good, "webhook-signature": "v1,@@@"})
    assert response.status_code == 401, case
    assert response.content_type == "application/problem+json"
    assert queued(app) == []


def test_generic_invalid_comment_is_422(app: Flask, client: FlaskClient) -> None:
    response = generic_post(client, {"txt": "oops"})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"text", "txt"}
    dupes = generic_post(client, {"comments": [{"text": "a", "external_id": "1"}, {"text": "b", "external_id": "1"}]},
                         message_id="msg_dupes")
    assert dupes.status_code == 422
    assert queued(app) == []


def test_inbound_routes_ignore_the_bearer_key_but_the_rest_needs_it(client: FlaskClient) -> None:
    assert meta_post(client, FACEBOOK_COMMENT).status_code == 200
    assert generic_post(client, {"text": "Bonjour"}, message_id="msg_nokey").status_code == 202
    assert client.post("/v1/analyses", json={"text": "Bonjour"}).status_code == 401


# ---- off unless configured -----------------------------------------------------------------------

def test_unconfigured_routes_are_404(redis_url: str) -> None:
    app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False))
    client = app.test_client()
    for response in (client.get("/v1/inbound/meta", query_string={"hub.mode": "subscribe", "hub.verify_token": "",
                                                                  "hub.challenge": "1"}),
                     meta_post(client, FACEBOOK_COMMENT, secret=""),
                     generic_post(client, {"text": "Bonjour"})):
        assert response.status_code == 404
        assert response.content_type == "application/problem+json"
        assert "off on this deployment" in response.get_json()["detail"]
    unsigned = (client.post("/v1/inbound/meta", json=FACEBOOK_COMMENT),
                client.post("/v1/inbound/generic", json={"text": "Bonjour"}))
    assert [r.status_code for r in unsigned] == [401, 401]   # unsigned is refused whether on or off
    assert queued(app) == []


def test_a_secret_that_is_not_whsec_base64_is_refused_at_start() -> None:
    with pytest.raises(SettingsError, match="ECOUTE_INBOUND_SECRET"):
        Settings.from_env({"ECOUTE_INBOUND_SECRET": "whsec_not base64!!", "ECOUTE_ALLOW_ANONYMOUS": "1"}).validate()
    settings = Settings.from_env({"ECOUTE_META_APP_SECRET": APP_SECRET, "ECOUTE_META_VERIFY_TOKEN": VERIFY_TOKEN,
                                  "ECOUTE_INBOUND_SECRET": INBOUND_SECRET, "ECOUTE_ALLOW_ANONYMOUS": "1"})
    settings.validate()
    assert (settings.meta_app_secret, settings.meta_verify_token, settings.inbound_secret) == (
        APP_SECRET, VERIFY_TOKEN, INBOUND_SECRET)
    assert not any(secret in repr(settings) for secret in (APP_SECRET, VERIFY_TOKEN, INBOUND_SECRET))


def test_inbound_operations_are_documented(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    meta = spec["paths"]["/v1/inbound/meta"]
    assert meta["post"]["security"] == [] and meta["get"]["security"] == []
    assert "X-Hub-Signature-256" in [p["name"] for p in meta["post"]["parameters"]]
    assert list(meta["get"]["responses"]["200"]["content"]) == ["text/plain"]
    generic = spec["paths"]["/v1/inbound/generic"]["post"]
    names = {p["name"] for p in generic["parameters"]}
    assert {"webhook-id", "webhook-timestamp", "webhook-signature"} <= names
    assert {"401", "404", "409", "422"} <= set(generic["responses"])
    assert {"401", "404"} <= set(meta["post"]["responses"])


@pytest.mark.parametrize("raw", [b"[" * 100000 + b"]" * 100000, b'{"object": "page", "entry": NaN}',
                                 b"\xff\xfe{}", b'{"object": "page", "entry": [{"id": "\\ud800"}]}'])
def test_hostile_signed_bodies_are_400_and_nothing_queued(app: Flask, client: FlaskClient, raw: bytes) -> None:
    meta = meta_post(client, None, raw=raw)
    assert meta.status_code == 400 and meta.content_type == "application/problem+json"
    now = datetime.now(timezone.utc)
    try:
        signature = Webhook(INBOUND_SECRET).sign("msg_hostile", now, raw.decode("utf-8"))
    except UnicodeDecodeError:   # the library signs text: a non-UTF-8 body cannot carry a valid signature
        signature = "v1,AAAA"
    generic = client.post("/v1/inbound/generic", data=raw, content_type="application/json", headers={
        "webhook-id": "msg_hostile", "webhook-timestamp": str(int(now.timestamp())), "webhook-signature": signature})
    assert generic.status_code in (400, 401) and generic.content_type == "application/problem+json"
    assert queued(app) == []
