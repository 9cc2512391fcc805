"""statements/selectors.py: the reads views and the back office share."""

from __future__ import annotations

import pytest

from ayni.statements.enums import SignatureStatus, SignerKind
from ayni.statements.models import Signature
from ayni.statements.selectors import live_statement_count, statement_count
from ayni.statements.services import roll_up_counts
from tests.factories import SignatureFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_live_count_nets_out_withdrawals_and_organisations_waiting_for_the_roll_up():
    statement = StatementFactory()
    leaving = SignatureFactory(statement=statement, kind=SignerKind.ORGANISATION)
    SignatureFactory(statement=statement)
    roll_up_counts()
    Signature.objects.filter(pk=leaving.pk).update(
        status=SignatureStatus.WITHDRAWN, tally_dirty=True
    )
    SignatureFactory.create_batch(2, statement=statement, kind=SignerKind.ORGANISATION)
    SignatureFactory(statement=StatementFactory())  # another statement's

    live = live_statement_count(statement)
    roll_up_counts()
    rolled_up = statement_count(statement)

    assert (live.total, live.organisations) == (3, 2)
    assert (rolled_up.total, rolled_up.organisations) == (3, 2)
    assert live_statement_count(statement).total == rolled_up.total
