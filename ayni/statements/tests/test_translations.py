"""The Spanish catalogue speaks to the reader as "tú" throughout, never as "usted"."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.mo"

# Forms only "usted" takes, among them each one the catalogue once had: the pronoun, "su"
# with what belongs to the reader, formal imperatives. Each is unambiguous here: "su nombre"
# alone is not (it can be someone else's), "junto con su nombre" in the back office was.
USTED = [
    r"\busted(es)?\b",
    r"\b(en|de) su zona horaria\b",
    r"\bjunto con su nombre\b",
    r"\b(confirme|confírmela|haga clic|introduzca|reciba|escriba|indique|corrija|describa)\b",
    r"\b(pulse|revise|compruebe|inténtelo|asegúrese|escoja|actívelo|ciérrela)\b",
    r"\b(quiere|verá) (quitar|cuántas)\b",
    r"\buse primero\b",
    r"\benvíadme\b",  # "vosotros", and misspelt
]


def spanish_texts() -> list[str]:
    with CATALOGUE.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog  # noqa: SLF001
    return [text for key, text in catalogue.items() if key]


def test_the_catalogue_has_spanish_texts_to_scan():
    texts = spanish_texts()

    assert len(texts) > 300
    assert "Firmar la declaración" in texts


@pytest.mark.parametrize("pattern", USTED)
def test_no_spanish_text_addresses_the_reader_as_usted(pattern):
    found = [text for text in spanish_texts() if re.search(pattern, text, re.IGNORECASE)]

    assert found == []
