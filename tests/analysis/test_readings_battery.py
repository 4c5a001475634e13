"""A battery that does not last, said with "à plat" / "flat" or "se vide": a failure of the product."""
from __future__ import annotations

import pytest

from worker.analysis import analyze


@pytest.mark.parametrize("text", [
    "Ma batterie est à plat au bout de 2 heures, téléphone neuf",
    "Batterie à plat en 3h, c'est nul",
    "Ma batterie se vide en une matinée",
    "My battery is flat after an hour, brand new phone",
    "Battery goes flat overnight even when switched off",
])
def test_a_battery_that_does_not_last_is_a_complaint(text: str) -> None:
    result = analyze({"text": text})
    assert (result["sentiment"]["label"], result["category"], result["flags"]["brand_error"]) == \
        ("negative", "complaint", True)


@pytest.mark.parametrize("text", ["Il faut tout remettre à plat", "Posez l'écran à plat pour le nettoyer",
                                  "Keep the phone flat on the table while it charges"])
def test_flat_elsewhere_is_no_failure(text: str) -> None:
    assert analyze({"text": text})["category"] != "complaint"
