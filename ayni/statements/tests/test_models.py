"""statements/models: what the Signature model and its database constraints refuse."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def test_a_second_signature_for_the_same_mailbox_is_refused_by_the_database(petition):
    """signature_spec.rb: callbacks, when the signature is created "and the signature is a
    duplicate" — raises RecordNotUnique. In ayni, the (statement, normalised email) constraint."""
    SignatureFactory(statement=petition, email="womboid@wimbledon.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        SignatureFactory(statement=petition, email="WOMBOID@Wimbledon.com")


def test_a_signature_status_must_be_a_known_one(petition):
    """signature_spec.rb: validations, "does not allow blank or unknown state", "allows known
    states"; the state predicates (#pending?, #validated?, #invalidated?, #fraudulent?)."""
    signature = SignatureFactory.build(statement=petition, email="womboid@wimbledon.com")
    for status in ("", "unknown", "validated", "fraudulent"):
        signature.status = status
        with pytest.raises(ValidationError) as error:
            signature.full_clean()
        assert "status" in error.value.message_dict, status
    for status in ("pending", "confirmed", "withdrawn", "invalidated", "suspect"):
        signature.status = status
        signature.full_clean()
    assert SignatureFactory.build(statement=petition).status == SignatureStatus.CONFIRMED
    assert Signature(statement=petition).status == SignatureStatus.PENDING  # the default
