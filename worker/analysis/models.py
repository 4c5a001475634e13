"""Vocabularies of the analysis result (a public contract: never rename silently)."""
from __future__ import annotations

from typing import Final

from enum import Enum


class Category(str, Enum):
    COMPLAINT = "complaint"
    QUESTION = "question"
    PRAISE = "praise"
    SUGGESTION = "suggestion"
    SPAM = "spam"
    OTHER = "other"


class Sentiment(str, Enum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class Priority(str, Enum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


#: Topics a comment can be about, in the order they are reported when several apply.
TOPICS: Final[tuple[str, ...]] = (
    "delivery",          # parcels, shipping, late or missing orders
    "billing",           # charges, invoices, payment cards, subscriptions
    "product_quality",   # broken, defective, poor quality, not as described
    "customer_service",  # support, hotline, staff, unanswered messages
    "technical",         # outages, bugs, app, website, network, login errors
    "pricing",           # prices, increases, promotions, value for money
    "safety",            # injuries, fire, burns, dangerous products
    "privacy",           # personal data, leaks, spam calls, consent
    "account",           # login, password, account blocked or closed
    "returns_refunds",   # returns, refunds, exchanges, warranty
    "store",             # a physical shop or agency, opening hours, queues
)

FLAGS: Final[tuple[str, ...]] = ("brand_error", "needs_more_info", "community_answered",
                          "suspected_bad_faith", "toxic", "escalate")

#: Severity families that make a comment urgent and call for escalation.
SEVERITIES: Final[tuple[str, ...]] = ("safety", "health", "legal", "data_leak", "discrimination",
                               "violence", "viral")

STEP_IDS: Final[tuple[str, ...]] = ("acknowledge", "accept_error", "offer_solution", "ask_details_publicly",
                             "move_to_private", "thank_community", "stay_factual", "escalate", "thank")

#: Maximum reply length per channel, in characters (X counts some characters double: we stay
#: conservative by counting every character once and keeping well under the limit). "x" and "twitter"
#: name the same network (the old name stays accepted); Threads allows 500 characters, Bluesky 300.
CHANNEL_LIMITS: Final[dict[str, int]] = {
    "x": 280, "twitter": 280, "instagram": 2200, "facebook": 8000, "threads": 500, "bluesky": 300,
    "youtube": 10000, "tiktok": 150, "linkedin": 1250, "review": 4000, "other": 5000,
}

#: Signals a cue can carry (`cues[].signal`): the span of the comment that led to a label.
CUE_SIGNALS: Final[dict[str, str]] = {
    "sentiment:positive": "a word, phrase, emoji or emoticon with a positive valence",
    "sentiment:negative": "a word, phrase, emoji or emoticon with a negative valence",
    "negation": "the word that flips the valence of a nearby sentiment word",
    "sarcasm": "a praise frame read as irony around a failure ('bravo', 'great, another', 👏, 🙄)",
    "topic:<topic>": "a word naming one of TOPICS",
    "category:<category>": "what made the category (question opening, request, promotion, failure)",
    "flag:<flag>": "what raised one of FLAGS",
    "priority:<severity>": "a severity family that makes the comment urgent (see SEVERITIES)",
    "duration": "how long a failure has lasted ('depuis 3 semaines', 'for 2 days')",
    "link": "a URL (spam evidence, or a screenshot/tracking link in a complaint)",
}

#: Priority reasons are short English sentences a person can act on (internal team language, not
#: shown to the author); they are built in worker/analysis/priority.py.

#: Languages with their own lexicons and reply texts.
SUPPORTED_LANGUAGES: Final[tuple[str, ...]] = ("fr", "en")
