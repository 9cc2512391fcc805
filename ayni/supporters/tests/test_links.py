"""The signed links every supporter action's emails carry (ayni.supporters.links)."""

from __future__ import annotations

import time

from django.core import signing

from ayni.supporters.links import Link, SignedLink, make_token, read_token

CONFIRM = SignedLink(salt="tests.confirm", days_setting="SIGNATURE_CONFIRM_DAYS")
WITHDRAW = SignedLink(salt="tests.withdraw", days_setting="SIGNATURE_LINK_DAYS")


def test_signed_link_reads_back_the_row_it_names():
    assert CONFIRM.read(CONFIRM.make(42)) == Link(42)


def test_signed_link_of_another_purpose_names_nothing():
    assert CONFIRM.read(WITHDRAW.make(42)) == Link(None)
    assert not CONFIRM.read(WITHDRAW.make(42)).usable


def test_signed_link_forged_or_mangled_names_nothing():
    token = CONFIRM.make(42)

    assert CONFIRM.read(token[:-2] + "xx") == Link(None)
    assert CONFIRM.read("") == Link(None)
    assert CONFIRM.read(signing.dumps("42", salt=CONFIRM.salt)) == Link(None)
    assert CONFIRM.read(signing.dumps(True, salt=CONFIRM.salt)) == Link(None)


def test_signed_link_expires_after_its_setting_days(settings, monkeypatch):
    settings.SIGNATURE_CONFIRM_DAYS = 2
    token = CONFIRM.make(7)
    now = time.time()

    monkeypatch.setattr(time, "time", lambda: now + 2 * 86400 - 60)
    assert CONFIRM.read(token) == Link(7)
    monkeypatch.setattr(time, "time", lambda: now + 2 * 86400 + 60)
    assert CONFIRM.read(token) == Link(None, expired=True)


def test_read_token_takes_its_max_age_in_seconds():
    token = make_token(3, "tests.other")

    assert read_token(token, "tests.other", 60) == Link(3)
    assert read_token(token, "tests.confirm", 60) == Link(None)
