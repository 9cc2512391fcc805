"""Writes about supporters. Other apps record their actions against a Supporter through these."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from ayni.supporters.consent import consent_text as text_of
from ayni.supporters.enums import ConsentMethod
from ayni.supporters.models import Consent, Supporter
from ayni.supporters.normalise import normalise_email
from ayni.supporters.selectors import supporter_is_held


@transaction.atomic
def upsert_supporter(
    *, email: str, name: str = "", language: str = "", country: str = ""
) -> Supporter:
    """Find the one Supporter for this address, or make it; fill in what we did not know.

    Side effects: creates or updates one Supporter row.
    """
    normalised = normalise_email(email)
    # Locked until the caller's transaction ends, as the action it records is stored: an
    # erasure of this Supporter (erase_unheld_supporters) either sees that action, or went
    # first and a new Supporter is made here.
    supporter = Supporter.objects.select_for_update().filter(email_normalised=normalised).first()
    if supporter is None:
        try:
            with transaction.atomic():
                supporter = Supporter(
                    email=email.strip(),
                    email_normalised=normalised,
                    name=name,
                    language=language,
                    country=country,
                )
                supporter.full_clean()
                supporter.save()
                return supporter
        except IntegrityError:
            # Another request made the same supporter a moment ago.
            supporter = Supporter.objects.get(email_normalised=normalised)
    changed = []
    for field, value in (("name", name), ("language", language), ("country", country)):
        if value and getattr(supporter, field) != value:
            setattr(supporter, field, value)
            changed.append(field)
    if changed:
        supporter.save(update_fields=[*changed, "updated_at"])
    return supporter


def record_consent(
    *,
    supporter: Supporter,
    purpose: str,
    language: str,
    method: str = ConsentMethod.WEB_FORM,
    source: str = "",
    given_at: datetime | None = None,
) -> Consent:
    """Store the exact text of `purpose` as shown in `language`.

    Side effects: creates one Consent row.
    """
    consent_text = text_of(purpose)
    with translation.override(language):
        text = str(consent_text.text)
    consent = Consent(
        supporter=supporter,
        purpose=purpose,
        text=text,
        text_version=consent_text.version,
        language=language,
        method=method,
        source=source[:200],
        given_at=given_at or timezone.now(),
    )
    consent.full_clean()
    consent.save()
    return consent


def record_consents(
    *,
    supporter: Supporter,
    purposes: Iterable[str],
    language: str,
    source: str,
    given_at: datetime | None = None,
) -> list[Consent]:
    """Store what a supporter agreed to on one form: the exact text of each of `purposes` as
    shown in `language`, all given at the same moment (`given_at`, else now) from `source`.

    Side effects: creates one Consent row per purpose, in the order given.
    """
    given_at = given_at or timezone.now()
    return [
        record_consent(
            supporter=supporter,
            purpose=purpose,
            language=language,
            source=source,
            given_at=given_at,
        )
        for purpose in purposes
    ]


def withdraw_consent(*, supporter: Supporter, purpose: str, source: str | None = None) -> int:
    """Mark the supporter's active consents for `purpose` (optionally from one source) withdrawn.

    Side effects: updates Consent rows; returns how many.
    """
    consents = Consent.objects.filter(
        supporter=supporter, purpose=purpose, withdrawn_at__isnull=True
    )
    if source is not None:
        consents = consents.filter(source=source)
    return consents.update(withdrawn_at=timezone.now())


def export_supporter(*, supporter: Supporter) -> dict[str, object]:
    """Everything ayni holds about a supporter, as JSON-able data (their right of access)."""
    from ayni.supporters.signals import supporter_exporting

    data: dict[str, object] = {
        "supporter": {
            "email": supporter.email,
            "name": supporter.name,
            "language": supporter.language,
            "country": str(supporter.country),
            "tags": list(supporter.tags.values_list("name", flat=True)),
            "created_at": supporter.created_at.isoformat(),
        },
        "consents": [
            {
                "purpose": consent.purpose,
                "text": consent.text,
                "text_version": consent.text_version,
                "language": consent.language,
                "method": consent.method,
                "source": consent.source,
                "given_at": consent.given_at.isoformat(),
                "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            }
            for consent in supporter.consents.all()
        ],
    }
    for _receiver, section in supporter_exporting.send(sender=Supporter, supporter=supporter):
        if isinstance(section, dict):
            data.update(section)
    return data


@transaction.atomic
def erase_supporter(*, supporter: Supporter) -> None:
    """Erase a supporter: every app anonymises its rows, then the Supporter and consents go.

    Side effects: supporter_erasing receivers run (statements anonymise signatures and take
    them off the count); the Supporter row and its Consent rows are deleted.
    """
    from ayni.supporters.signals import supporter_erasing

    supporter_erasing.send(sender=Supporter, supporter=supporter)
    supporter.delete()


def erase_unheld_supporters(*, supporter_ids: Iterable[int]) -> int:
    """Erase each of these Supporters that nothing holds any more (their forms were erased
    unconfirmed: ayni.supporters.retention). Returns how many.

    Side effects: per Supporter, in its own transaction with its row locked: if no row of any
    app names it (selectors.supporter_is_held), erase_supporter (every app's receivers, then
    the Supporter and its consents deleted); otherwise nothing.
    """
    erased = 0
    for supporter_id in sorted(supporter_ids):
        with transaction.atomic():
            supporter = Supporter.objects.select_for_update().filter(pk=supporter_id).first()
            if supporter is None or supporter_is_held(supporter):
                continue
            erase_supporter(supporter=supporter)
            erased += 1
    return erased
