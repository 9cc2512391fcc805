from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from ayni.statements.enums import SignatureStatus, StatementState
from ayni.statements.models import Signature, Statement, StatementTally, StatementTranslation
from ayni.supporters.normalise import email_domain, normalise_email


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"statement-{n}")
    state = StatementState.OPEN
    opened_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def texts(self, create, extracted, **kwargs):
        if not create:
            return
        StatementTally.objects.get_or_create(statement=self)
        for language, title in (
            extracted or {"en": "Stand with the people", "es": "Con el pueblo"}
        ).items():
            StatementTranslation.objects.create(
                statement=self, language=language, title=title,
                summary=f"Summary of {title}", body=f"**Body** of {title}", target="The government",
            )  # fmt: skip


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    statement = factory.SubFactory(StatementFactory)
    name = factory.Sequence(lambda n: f"Signer Number{n}")
    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    email_normalised = factory.LazyAttribute(lambda o: normalise_email(o.email))
    email_domain = factory.LazyAttribute(lambda o: email_domain(o.email))
    country = "GB"
    language = "en"
    consent_version = "test"
    ip_hash = "iphash"
    status = SignatureStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    show_publicly = True
    tally_dirty = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        self.set_password("a-good-long-password")
        self.save()
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))


# The back office's personas, for access matrices: everyone from a visitor to a superuser.
PERSONAS = ["anonymous", "not staff", "Staff", "Moderator", "Organiser", "superuser"]
OUTSIDERS = {"anonymous", "not staff"}


def log_in_as(client, persona: str):
    """Log `client` in as `persona` (one of PERSONAS); returns the user, or None."""
    if persona == "anonymous":
        return None
    if persona == "not staff":
        # Even in the Organiser group: without is_staff there is no back office.
        user = UserFactory(is_staff=False, role="Organiser")
    elif persona == "superuser":
        user = UserFactory(is_superuser=True)
    else:
        user = UserFactory(role=persona)
    client.force_login(user)
    return user
