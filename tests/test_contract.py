"""The seams of docs/contract.md: the service cannot import the engine, so the vocabularies and keys
it documents are written twice on purpose. These tests keep both sides equal."""
from __future__ import annotations

from service import brands, schemas
from worker import cli, jobs
from worker.analysis import models, priority


def test_vocabularies_documented_by_the_api_are_the_engines() -> None:
    assert schemas.TOPICS == models.TOPICS
    assert schemas.FLAGS == models.FLAGS
    assert schemas.STEP_IDS == models.STEP_IDS
    assert schemas.CATEGORIES == tuple(c.value for c in models.Category)
    assert schemas.PRIORITY_LEVELS == tuple(p.value for p in models.Priority)
    assert set(schemas.CHANNELS) == set(models.CHANNEL_LIMITS)   # every channel has a reply limit
    assert set(schemas.REASON_CODES) == set(priority.REASON_CODES)


def test_service_and_worker_share_keys_and_limits() -> None:
    assert brands.BRAND_KEY == jobs.BRAND_KEY
    assert cli.MAX_TEXT == schemas.MAX_TEXT


def test_metrics_the_workers_record_are_the_ones_the_api_reads() -> None:
    from service import metrics as service_metrics
    from worker import metrics

    assert service_metrics.ENGINE_KEY == metrics.ENGINE_KEY
    assert service_metrics.WEBHOOK_KEY == metrics.WEBHOOK_KEY
    assert service_metrics.ENGINE_BUCKETS == metrics.ENGINE_BUCKETS


def test_batches_reusing_an_analysis_are_counted_by_the_worker() -> None:
    from service import queueing
    from worker import webhooks

    assert queueing.ANALYSIS_BATCHES_KEY == webhooks.ANALYSIS_BATCHES_KEY
    assert queueing.BATCH_ENDED_KEY == webhooks.BATCH_ENDED_KEY
    assert queueing.BATCH_KEY == webhooks.BATCH_KEY


def test_erasure_reaches_what_the_worker_writes() -> None:
    from service import queueing
    from service import webhooks as service_webhooks
    from worker import webhooks

    assert service_webhooks.ANALYSIS_DELIVERIES_KEY == webhooks.ANALYSIS_DELIVERIES_KEY
    assert queueing.ERASED_KEY == webhooks.ERASED_KEY

def test_the_job_name_the_service_enqueues_resolves_to_the_worker_function() -> None:
    from rq.utils import import_attribute

    from service.queueing import JOB_NAME

    assert import_attribute(JOB_NAME) is jobs.analyze_comment


def test_every_cue_signal_the_engine_emits_is_documented() -> None:
    from worker.analysis import analyze

    documented = {key.split(":", 1)[0] + (":" if ":" in key else "") for key in models.CUE_SIGNALS}
    comments = ["Bravo, 3 semaines pour livrer un colis, quel exploit 👏", "ça marche pas, pas terrible",
                "Le chargeur a pris feu", "vous êtes des incapables", "Vous livrez en Belgique ?",
                "Subscribe to my channel http://x.co/a", "My parcel never arrived after 2 weeks",
                "Allez plutôt chez Zorg, code parrain ZX12", "@Karim merci ça a marché !"]
    seen = {cue["signal"] for text in comments for cue in analyze({"text": text})["cues"]}
    assert len(seen) >= 8
    for signal in seen:
        prefix = signal.split(":", 1)[0] + (":" if ":" in signal else "")
        assert signal in models.CUE_SIGNALS or prefix in documented, signal


def test_tenants_and_keys_are_written_and_read_alike() -> None:
    """`ecoute keys` (worker/keys.py) writes what service/tenants.py reads; the tenant-scoped keys the API
    writes are the ones workers read."""
    from service import tenants
    from service import webhooks as service_webhooks
    from worker import keys
    from worker import webhooks

    for name in ("KEY_RECORD", "KEYS_INDEX", "TENANT_PATTERN", "ACTIVE"):
        assert getattr(tenants, name) == getattr(keys, name), name
    assert tenants.digest("ek_abc") == keys.digest("ek_abc")
    for tenant in (None, "acme"):
        assert tenants.tenant_key(tenant, "active") == keys.tenant_key(tenant, "active")
        assert brands.brand_key("colibri", tenant) == jobs.brand_key("colibri", tenant)
        assert service_webhooks.endpoints_key(tenant) == webhooks.endpoints_key(tenant)
    assert brands.brand_key("colibri") == "ecoute:brand:colibri"              # single-tenant layout kept
    assert service_webhooks.endpoints_key(None) == "ecoute:webhooks"
    assert brands.brand_key("colibri", "acme") == "ecoute:tenant:acme:brand:colibri"
