"""Fixtures several of statements' test modules share."""

from __future__ import annotations

import pytest

from ayni.statements import services
from ayni.statements.tests.helpers import CREATOR
from tests.factories import SignatureFactory, StatementFactory


@pytest.fixture
def petition():
    """Background: a petition "Do something!", open, with one confirmed signature (its creator's)."""
    statement = StatementFactory(texts={"en": "Do something!"})
    SignatureFactory(statement=statement, name="Petition Creator", email=CREATOR)
    services.roll_up_counts()
    return statement
