"""/v1/brands/{brand_id}: brand profiles (voice, sign-off, private channel, solution catalogue)."""
from __future__ import annotations

from typing import Any

from flask.views import MethodView

from service import tenants
from service.api.common import Blueprint, document_errors
from service.brands import BRAND_ID, BrandStore
from service.errors import NotFound, UnknownBrand
from service.extensions import ecoute
from service.schemas import BrandProfileSchema

blp = Blueprint("brands", __name__, url_prefix="/v1/brands",
                description="Brand profiles: the voice and offers every draft of the brand's comments uses.")

EXAMPLE = {"name": "Colibri", "default_language": "fr", "signature": "— Julie, service client",
           "private_channel": {"kind": "email", "value": "support@colibri.example"},
           "solutions": {"delivery": ["un renvoi express offert"], "billing": ["le remboursement sous 48 h"]}}


def store() -> BrandStore:
    return BrandStore(ecoute().redis, tenants.scope())


def check_brands(comments: list[dict[str, Any]]) -> None:
    """Refuse (422) comments that name a brand profile that does not exist."""
    ids = [c["brand"]["id"] for c in comments if isinstance(c.get("brand"), dict) and c["brand"].get("id")]
    if not ids:   # nothing to look up (most comments): no store, no tenant to resolve
        return
    missing = set(store().missing(ids))
    if not missing:
        return
    if len(comments) == 1:
        errors: dict[str, Any] = {"brand": {"id": [f"Unknown brand {comments[0]['brand']['id']!r}."]}}
    else:
        errors = {"comments": {str(i): {"brand": {"id": [f"Unknown brand {c['brand']['id']!r}."]}}
                               for i, c in enumerate(comments)
                               if isinstance(c.get("brand"), dict) and c["brand"].get("id") in missing}}
    raise UnknownBrand("A comment names a brand profile that does not exist: create it with "
                       "PUT /v1/brands/{brand_id} first.", errors)


def _checked(brand_id: str) -> str:
    if not BRAND_ID.fullmatch(brand_id):
        raise NotFound(f"No brand with id {brand_id!r}.")
    return brand_id


@blp.route("/<string:brand_id>", parameters=[{
    "in": "path", "name": "brand_id", "example": "colibri-fr",
    "schema": {"type": "string", "pattern": BRAND_ID.pattern},
    "description": "Chosen by the caller: 1 to 64 letters, digits, '_', '.' or '-', a letter or digit first."}])
class BrandById(MethodView):
    @blp.arguments(BrandProfileSchema, example=EXAMPLE)
    @blp.response(200, BrandProfileSchema, description="The stored profile.")
    @document_errors(blp, 400, 401, 404, 413, 415, 422, 503)
    def put(self, profile: dict[str, Any], brand_id: str) -> dict[str, Any]:
        """Create or replace a brand profile

        Comments refer to it with `"brand": {"id": "<brand_id>"}`; workers read it when they run the job.
        """
        store().put(_checked(brand_id), profile)
        return profile

    @blp.response(200, BrandProfileSchema)
    @document_errors(blp, 401, 404, 503)
    def get(self, brand_id: str) -> dict[str, Any]:
        """Read a brand profile"""
        profile = store().get(brand_id)
        if profile is None:
            raise NotFound(f"No brand with id {brand_id!r}.")
        return profile

    @blp.response(204, description="Deleted.")
    @document_errors(blp, 401, 404, 503)
    def delete(self, brand_id: str) -> None:
        """Delete a brand profile (comments already queued keep their inline data)"""
        if not store().delete(brand_id):
            raise NotFound(f"No brand with id {brand_id!r}.")
