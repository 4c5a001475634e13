"""Brand profiles: CRUD over the API, unknown ids refused, and workers read the profile at job time."""
from __future__ import annotations

import time

from flask.testing import FlaskClient

PROFILE = {"name": "Colibri", "signature": "— Julie, service client",
           "solutions": {"delivery": ["un renvoi express offert", "le remboursement des frais de port"]}}


def wait_done(client: FlaskClient, location: str) -> dict:
    deadline = time.monotonic() + 30
    while True:
        body = client.get(location).get_json()
        if body["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(0.05)


def test_profile_crud(client: FlaskClient) -> None:
    created = client.put("/v1/brands/colibri-fr", json=PROFILE)
    assert created.status_code == 200
    assert created.get_json()["address_form"] == "vous" and created.get_json()["default_language"] == "fr"
    assert client.get("/v1/brands/colibri-fr").get_json()["signature"] == "— Julie, service client"
    assert client.put("/v1/brands/colibri-fr", json={**PROFILE, "tone": "formal"}).status_code == 200
    assert client.get("/v1/brands/colibri-fr").get_json()["tone"] == "formal"
    assert client.delete("/v1/brands/colibri-fr").status_code == 204
    assert client.get("/v1/brands/colibri-fr").status_code == 404
    assert client.delete("/v1/brands/colibri-fr").status_code == 404


def test_invalid_profiles_are_422(client: FlaskClient) -> None:
    for body in ({"signature": "x"}, {**PROFILE, "solutions": {"weather": ["x"]}}, {**PROFILE, "tone": "angry"},
                 {**PROFILE, "private_channel": {"kind": "pigeon"}}, {**PROFILE, "address_form": "toi"}):
        response = client.put("/v1/brands/colibri", json=body)
        assert response.status_code == 422, body
        assert response.content_type == "application/problem+json"
    assert client.put("/v1/brands/bad id!", json=PROFILE).status_code == 404


def test_a_trailing_newline_is_not_part_of_an_id(client: FlaskClient) -> None:
    # In Python `^…$` also matches before a final newline; ids and patterns must match whole values.
    assert client.put("/v1/brands/colibri%0A", json=PROFILE).status_code == 404
    assert client.put("/v1/brands/colibri", json=PROFILE).status_code == 200
    assert client.get("/v1/brands/colibri%0A").status_code == 404
    response = client.post("/v1/analyses", json={"text": "Colis jamais reçu", "brand": {"id": "colibri\n"}})
    assert response.status_code == 422
    assert "brand" in response.get_json()["errors"]


def test_unknown_brand_id_is_refused_and_nothing_queued(client: FlaskClient) -> None:
    response = client.post("/v1/analyses", json={"text": "Colis jamais reçu", "brand": {"id": "ghost"}})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"brand": {"id": ["Unknown brand 'ghost'."]}}
    client.put("/v1/brands/colibri", json=PROFILE)
    batch = client.post("/v1/batches", json={"comments": [{"text": "a", "brand": {"id": "colibri"}},
                                                          {"text": "b", "brand": {"id": "ghost"}}]})
    assert batch.status_code == 422
    assert list(batch.get_json()["errors"]["comments"]) == ["1"]


def test_worker_reads_the_profile_at_job_time(client: FlaskClient, worker: object) -> None:
    client.put("/v1/brands/colibri", json={"name": "Colibri"})
    accepted = client.post("/v1/analyses", json={"text": "Ma commande n'est jamais arrivée, ça fait 3 semaines",
                                                 "author": {"name": "Sophie"}, "brand": {"id": "colibri"}})
    assert accepted.status_code in (200, 202)
    client.put("/v1/brands/colibri", json=PROFILE)   # changed after the comment was accepted
    later = client.post("/v1/analyses", json={"text": "Ma commande n'est jamais arrivée, ça fait 3 semaines",
                                              "author": {"name": "Sophie"}, "brand": {"id": "colibri"}})
    result = wait_done(client, later.headers["Location"])["result"]
    public = [r["text"] for r in result["replies"] if r["kind"] == "public"]
    assert public and all(text.endswith("— Julie, service client") for text in public)
    assert any("un renvoi express offert" in text for text in public)


def test_private_channel_value_must_fit_its_kind(client: FlaskClient) -> None:
    for channel in ({"kind": "email"}, {"kind": "email", "value": "not an address"},
                    {"kind": "phone", "value": "call us"}, {"kind": "web_form", "value": "http://colibri.example/f"},
                    {"kind": "web_form", "value": "javascript:alert(1)"}):
        response = client.put("/v1/brands/colibri", json={**PROFILE, "private_channel": channel})
        assert response.status_code == 422, channel
        assert "value" in response.get_json()["errors"]["private_channel"]
    for channel in ({"kind": "dm"}, {"kind": "email", "value": "aide@colibri.example"},
                    {"kind": "phone", "value": "+33 1 23 45 67 89"},
                    {"kind": "web_form", "value": "https://colibri.example/contact?src=social"}):
        assert client.put("/v1/brands/colibri", json={**PROFILE, "private_channel": channel}).status_code == 200


def test_privacy_policy_url_must_be_https(client: FlaskClient) -> None:
    for url in ("http://colibri.example/privacy", "javascript:alert(1)", "colibri.example/privacy", "",
                "https://colibri.example/privacy now"):
        response = client.put("/v1/brands/colibri", json={**PROFILE, "privacy_policy_url": url})
        assert response.status_code == 422, url
        assert "privacy_policy_url" in response.get_json()["errors"], url
    stored = client.put("/v1/brands/colibri", json={**PROFILE, "privacy_policy_url": "https://colibri.example/privacy"})
    assert stored.status_code == 200
    assert client.get("/v1/brands/colibri").get_json()["privacy_policy_url"] == "https://colibri.example/privacy"


def test_the_privacy_policy_address_reaches_a_privacy_answer(client: FlaskClient, worker: object) -> None:
    client.put("/v1/brands/colibri", json={**PROFILE, "privacy_policy_url": "https://colibri.example/privacy"})
    accepted = client.post("/v1/analyses", json={"text": "Vous partagez mes données ?", "author": {"name": "Sophie"},
                                                 "brand": {"id": "colibri"}})
    result = wait_done(client, accepted.headers["Location"])["result"]
    public = [r["text"] for r in result["replies"] if r["kind"] == "public"]
    assert public and all("https://colibri.example/privacy" in text for text in public)


def test_the_brand_voice_reaches_the_drafts(client: FlaskClient, worker: object) -> None:
    client.put("/v1/brands/colibri", json={**PROFILE, "address_form": "tu", "nonbreaking_spaces": True,
                                           "private_channel": {"kind": "email", "value": "aide@colibri.example"}})
    accepted = client.post("/v1/analyses", json={"text": "Ma commande n'est jamais arrivée, ça fait 3 semaines",
                                                 "author": {"name": "Sophie"}, "brand": {"id": "colibri"}})
    result = wait_done(client, accepted.headers["Location"])["result"]
    public = [r["text"] for r in result["replies"] if r["kind"] == "public"]
    assert public and all("aide@colibri.example" in text for text in public)
    assert not any(word in text.split() for text in public for word in ("vous", "votre", "vos"))
    assert all(" ?" not in text and " :" not in text for text in public)
    assert result["warnings"] == []
