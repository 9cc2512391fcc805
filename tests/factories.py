from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from ayni.statements.enums import SignatureStatus, StatementState
from ayni.statements.models import (
    Signature,
    Statement,
    StatementTally,
    StatementTranslation,
    Submission,
)
from ayni.statements.services.signing import DETAIL_FIELDS
from ayni.statements.tokens import make_token
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
                statement=self,
                language=language,
                title=title,
                summary=f"Summary of {title}",
                body=f"**Body** of {title}",
                target="The government",
            )


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

    @factory.post_generation
    def submission(self, create, extracted, **kwargs):
        """Every signature comes from a submission of the form with its details, as in life."""
        if not create:
            return
        first = Submission.objects.create(
            statement=self.statement,
            signature=self,
            email_normalised=self.email_normalised,
            created_at=self.created_at,
            processed_at=self.created_at,
            outcome="new",
            **{field: getattr(self, field) for field in DETAIL_FIELDS},
        )
        Signature.objects.filter(pk=self.pk).update(links_from=first.pk)
        self.links_from = first.pk


def link_token(signature: Signature, salt: str) -> str:
    """A token for the newest submission of `signature`, as its latest email carries."""
    return make_token(signature.submissions.latest("pk").pk, salt)


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


def latest_submission(signature: Signature) -> Submission:
    return signature.submissions.latest("pk")


def confirm_latest(signature: Signature):
    """Confirm with the link of the newest email about this signature, as its signer would."""
    from ayni.statements.services import confirm_signature

    return confirm_signature(submission=latest_submission(signature))


def withdraw_latest(signature: Signature) -> bool:
    from ayni.statements.services import withdraw_signature

    return withdraw_signature(submission=latest_submission(signature))


def sign_now(**fields) -> Signature:
    """Sign through the service and let the worker fold it in: the address's signature."""
    from ayni.statements.services import process_submissions, sign_statement

    submission = sign_statement(**fields)
    process_submissions()
    return Signature.objects.get(
        statement=submission.statement, email_normalised=submission.email_normalised
    )


# The back office's personas for the older matrices here; new tests use the persona fixtures and
# assert_access (tests/access.py). Everyone from a visitor to a superuser.
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
