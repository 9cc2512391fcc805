"""The declaration of an acting link (ayni.supporters.confirm_page); its pages are exercised
through both actions: statements' link tests and tests/pledges."""

from __future__ import annotations

import pytest

from ayni.supporters.confirm_page import ConfirmAction
from ayni.supporters.links import SignedLink

LINK = SignedLink(salt="tests.confirm", days_setting="SIGNATURE_CONFIRM_DAYS")


def test_confirm_action_without_a_way_to_finish_is_refused():
    with pytest.raises(ValueError, match="done"):
        ConfirmAction(link=LINK, load=lambda pk: None, template="t.html", confirm=str)


def test_confirm_action_with_two_ways_to_finish_is_refused():
    with pytest.raises(ValueError, match="done"):
        ConfirmAction(
            link=LINK,
            load=lambda pk: None,
            template="t.html",
            confirm=str,
            done=lambda row: None,
            done_template="d.html",
        )
