"""Organisations, bodies, motions and adoption reports for the tests. Bodies made here get their
`path` and `region` as the services would keep them (`tree_body`)."""

from __future__ import annotations

from datetime import date

import factory
from django.utils import timezone

from ayni.motions.enums import AdoptionStatus, Level, MotionState, Outcome
from ayni.motions.models import Adoption, Body, Motion, MotionVersion, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Example Union {n}")
    code = factory.Sequence(lambda n: f"union-{n}")
    kind = "union"
    country = "GB"


def tree_body(
    name: str,
    level: int,
    *,
    parent: Body | None = None,
    organisation: Organisation | None = None,
    **fields: object,
) -> Body:
    """A listed body under `parent` (or a root of `organisation`), path and region set."""
    organisation = organisation or (parent.organisation if parent else OrganisationFactory())
    body = Body.objects.create(
        organisation=organisation,
        parent=parent,
        name=name,
        level=level,
        country=fields.pop("country", organisation.country),
        **fields,
    )
    body.path = f"{parent.path if parent else '/'}{body.pk}/"
    if level == Level.REGION:
        body.region = body
    elif parent is not None:
        body.region = parent.region
    body.save(update_fields=["path", "region"])
    return body


class MotionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Motion

    slug = factory.Sequence(lambda n: f"motion-{n}")
    title_en = "Solidarity with Bolivia"
    title_es = "Solidaridad con Bolivia"
    explanation_en = "Why this matters to us."
    explanation_es = "Por qué nos importa."
    state = MotionState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    suggested_commitments = "affiliate,donate,forward"


def publish_version(motion: Motion, number: int = 1, **texts: str) -> MotionVersion:
    defaults = {
        "notes_en": "The elected government was overthrown.\n\nThe people resisted.",
        "notes_es": "El gobierno electo fue derrocado.\n\nEl pueblo resistió.",
        "believes_en": "Democracy must be defended.",
        "believes_es": "La democracia debe defenderse.",
        "resolves_en": "To affiliate to the campaign.\n\nTo forward this motion.",
        "resolves_es": "Adherirse a la campaña.\n\nElevar esta moción.",
    }
    defaults.update(texts)
    return MotionVersion.objects.create(
        motion=motion, number=number, published_at=timezone.now(), **defaults
    )


def report(
    motion: Motion,
    body: Body,
    *,
    status: str = AdoptionStatus.VERIFIED,
    outcome: str = Outcome.PASSED,
    meeting_date: date = date(2027, 1, 12),
    **fields: object,
) -> Adoption:
    """An adoption report stored directly (the reporting services are tested on their own)."""
    version = fields.pop("version", None) or motion.versions.order_by("-number").first()
    return Adoption.objects.create(
        motion=motion,
        version=version,
        body=body,
        meeting_date=meeting_date,
        outcome=outcome,
        status=status,
        reporter_name=fields.pop("reporter_name", "Rita Reporter"),
        reporter_email=fields.pop("reporter_email", "rita@example.org"),
        email_normalised=fields.pop("email_normalised", "rita@example.org"),
        language=fields.pop("language", "en"),
        **fields,
    )


def forward(
    adoption: Adoption,
    to_body: Body,
    *,
    state: str = "submitted",
    result: Adoption | None = None,
) -> object:
    """The adoption sent on to `to_body`, with the adoption there (`result`) if it was heard."""
    from ayni.motions.models import Forwarding

    return Forwarding.objects.create(adoption=adoption, to_body=to_body, state=state, result=result)


def commit(adoption: Adoption, kind: str, amount: str | None = None, currency: str = "") -> None:
    from decimal import Decimal

    from ayni.motions.models import Commitment

    Commitment.objects.create(
        adoption=adoption,
        kind=kind,
        amount=Decimal(amount) if amount is not None else None,
        currency=currency,
    )


def draft_version(motion: Motion, number: int, **texts: str) -> MotionVersion:
    """A version written but not yet published (the back office's "new version")."""
    version = publish_version(motion, number, **texts)
    version.published_at = None
    version.save(update_fields=["published_at"])
    return version


def url_in(language: str, name: str, /, **kwargs: object) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse(name, kwargs=kwargs)


BODY_CSV_HEADER = (
    "organisation_code",
    "organisation_name",
    "organisation_kind",
    "code",
    "name",
    "type",
    "level",
    "parent_code",
    "country",
    "website",
)


def body_csv(*rows: list[str], header: tuple[str, ...] = BODY_CSV_HEADER) -> bytes:
    """A CSV file of bodies for the import (docs/operations.md "Importing bodies"), UTF-8."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()
