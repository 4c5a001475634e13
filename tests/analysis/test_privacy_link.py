"""The brand's privacy policy address (brand profile `privacy_policy_url`) in the public answer to a question
about its data practices: printed as given when it is an https URL, never elsewhere, never invented."""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.analysis.reading import public_drafts, run
from worker.analysis.guardrails import CHANNEL_LIMITS, check_draft

URL = "https://colibri.example/confidentialite"


def drafts(text: str, channel: str = "facebook", **brand: Any) -> list[dict[str, Any]]:
    result = run(text, channel=channel, author={"name": "Marie"}, brand={"name": "Colibri", **brand})
    return [d for d in result["replies"] if d["kind"] == "public"]


@pytest.mark.parametrize(("text", "policy"), [
    ("Vous partagez mes données ?", "politique de confidentialité"),
    ("Est-ce que vous revendez mes données personnelles à des tiers ?", "politique de confidentialité"),
    ("Do you sell my data?", "privacy policy"),
    ("What do you do with my personal data?", "privacy policy"),
])
@pytest.mark.parametrize("channel", ["facebook", "twitter"])
def test_the_policy_address_follows_the_policy_named(text: str, policy: str, channel: str) -> None:
    found = drafts(text, channel, privacy_policy_url=URL)
    assert len(found) == 3
    for draft in found:
        body = draft["text"]
        assert body.count(URL) == 1 and body.find(policy) < body.find(URL), body
        assert draft["characters"] <= CHANNEL_LIMITS[channel] and draft["fits_channel"], draft
        assert not check_draft(body, language="fr" if "politique" in policy else "en", channel=channel,
                               comment={"text": text, "author": {"name": "Marie"}}, kind="public",
                               allowed=(URL,)), body
        # the address stands on its own: no punctuation glued to its end
        assert re.search(re.escape(URL) + r"(?:\s|$)", body), body


def test_the_address_keeps_the_voice() -> None:
    for draft in drafts("Vous partagez mes données ?", address_form="tu", privacy_policy_url=URL):
        assert URL in draft["text"] and not re.search(r"\b(?:vous|votre|vos)\b", draft["text"]), draft
    for draft in drafts("Do you sell my data?", tone="formal", privacy_policy_url=URL):
        assert URL in draft["text"] and not re.search(r"(?i)\b(?:it's|we'll|we're|you'll)\b|n't", draft["text"]), draft


@pytest.mark.parametrize("text", [
    "Mon colis n'est jamais arrivé",            # no privacy question: no address
    "Pouvez-vous supprimer mes données ?",      # a request about one's own data goes private
    "Merci pour votre aide !",
])
def test_the_address_appears_only_where_the_data_practices_are_asked_about(text: str) -> None:
    for draft in drafts(text, privacy_policy_url=URL):
        assert URL not in draft["text"], draft


@pytest.mark.parametrize("url", ["http://colibri.example/privacy", "javascript:alert(1)",
                                 "https://colibri.example/privacy now", "colibri.example/privacy"])
def test_an_address_of_another_shape_is_never_printed(url: str) -> None:
    for draft in drafts("Do you sell my data?", privacy_policy_url=url):
        assert url not in draft["text"] and "http" not in draft["text"], draft
        assert "privacy policy" in draft["text"], draft
