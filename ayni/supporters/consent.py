"""The consent texts shown to supporters. A change of wording needs a new version.

The purposes every action shares (showing a name, campaign updates) are here; an app whose
action needs its own (registering for an event) declares its `ConsentText` in its
`platform.py` (`Contribution.consent_texts`), so adding an app edits nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ayni.core import registry
from ayni.supporters.enums import ConsentPurpose


@dataclass(frozen=True)
class ConsentText:
    purpose: str
    version: str
    text: Promise
    label: str | Promise = ""  # what the back office calls the purpose


CONSENT_TEXTS: dict[str, ConsentText] = {
    ConsentPurpose.STATEMENT_SIGNATURE: ConsentText(
        ConsentPurpose.STATEMENT_SIGNATURE,
        "2026-11-v1",
        _(
            "We keep your name, email address, country and any organisation you give to count "
            "your signature and to show the organisers that it is genuine. We only email you to "
            "confirm it unless you tick the box for updates. You can withdraw your signature and "
            "ask us to erase your data at any time through the link in our emails."
        ),
    ),
    ConsentPurpose.SHOW_NAME: ConsentText(
        ConsentPurpose.SHOW_NAME,
        "2026-11-v1",
        _("Show my name, country and organisation publicly on the list of signatories."),
    ),
    ConsentPurpose.CAMPAIGN_UPDATES: ConsentText(
        ConsentPurpose.CAMPAIGN_UPDATES,
        "2026-11-v1",
        _("Email me updates about this campaign. I can unsubscribe at any time."),
    ),
}


def consent_text(purpose: str) -> ConsentText:
    """The text of `purpose`, shared or declared by an app. KeyError for an unknown purpose."""
    if purpose in CONSENT_TEXTS:
        return CONSENT_TEXTS[purpose]
    return registry.consent_texts()[purpose]


def purpose_choices() -> list[tuple[str, str | Promise]]:
    """Every purpose a Consent row can have, with its label (the field's choices)."""
    declared = [
        (purpose, text.label or purpose) for purpose, text in registry.consent_texts().items()
    ]
    return [*ConsentPurpose.choices, *declared]
