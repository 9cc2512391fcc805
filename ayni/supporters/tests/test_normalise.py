"""One mailbox counts once, whatever the case, dots, +tags or spelling of the domain."""

from __future__ import annotations

import pytest

from ayni.supporters.normalise import email_domain, masked_email, normalise_email


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        # Case, surrounding spaces, a trailing dot on the domain.
        ("Ana@Example.ORG", "ana@example.org"),
        ("  ana@example.org \n", "ana@example.org"),
        ("ana@example.org.", "ana@example.org"),
        # Gmail ignores dots and +tags; googlemail.com is the same mailbox.
        ("Ana.Sample@gmail.com", "anasample@gmail.com"),
        ("a.n.a.s.a.m.p.l.e@gmail.com", "anasample@gmail.com"),
        ("anasample+bolivia@gmail.com", "anasample@gmail.com"),
        ("Ana.Sample+a+b@GMAIL.COM", "anasample@gmail.com"),
        ("ana.sample+x.y@gmail.com", "anasample@gmail.com"),
        ("Ana.Sample@googlemail.com", "anasample@gmail.com"),
        ("anasample+tag@GoogleMail.com", "anasample@gmail.com"),
        # Every other domain drops +tags (as the UK petitions service does) but keeps dots,
        # which are different mailboxes there.
        ("ana.sample+news@outlook.com", "ana.sample@outlook.com"),
        ("ana.sample+news@proton.me", "ana.sample@proton.me"),
        ("ana.sample@example.org", "ana.sample@example.org"),
        ("ana+sample@example.org", "ana@example.org"),
        ("Ana+a+b@Union.Example.NET", "ana@union.example.net"),
        ("ana.sample@gmail.co.uk", "ana.sample@gmail.co.uk"),
        ("ana.sample+x@gmail.co.uk", "ana.sample@gmail.co.uk"),
        # A local part that is nothing but a tag is kept whole: there is no mailbox before it.
        ("+ana@example.org", "+ana@example.org"),
        # International domain names: one ASCII (punycode) form, however typed.
        ("user@Bücher.DE", "user@xn--bcher-kva.de"),
        ("user@xn--bcher-kva.de", "user@xn--bcher-kva.de"),
        ("user@BÜCHER.de", "user@xn--bcher-kva.de"),
        ("josé@ejemplo.es", "josé@ejemplo.es"),
        # The last @ separates the domain.
        ('"a@b"@example.org', '"a@b"@example.org'),
    ],
)
def test_normalise_email(typed, normalised):
    assert normalise_email(typed) == normalised


def test_normalise_email_is_idempotent():
    for email in ("Ana.Sample+x@googlemail.com", "user@Bücher.de", "a.b+c@outlook.com"):
        once = normalise_email(email)
        assert normalise_email(once) == once


def test_variants_of_one_gmail_address_all_meet():
    variants = {
        "anasample@gmail.com",
        "AnaSample@gmail.com",
        "ana.sample@gmail.com",
        "a.na.sam.ple+1@gmail.com",
        "ANA.SAMPLE+petition@GOOGLEMAIL.COM",
    }

    assert {normalise_email(v) for v in variants} == {"anasample@gmail.com"}


def test_one_mailbox_counts_once_at_any_domain():
    variants = {
        "ana@union.example.org",
        "Ana+petition@union.example.org",
        "ana+2@UNION.example.org",
        "ana+@union.example.org",
    }

    assert {normalise_email(v) for v in variants} == {"ana@union.example.org"}


def test_different_people_stay_different():
    emails = [
        "ana@example.org",
        "ana@example.net",
        "ana.b@example.org",
        "anab@gmail.com",
        "ana@gmail.com",
    ]

    assert len({normalise_email(e) for e in emails}) == len(emails)


def test_a_domain_idna_cannot_encode_is_kept_as_typed():
    label = "ü" * 70  # too long for one DNS label
    assert normalise_email(f"a@{label}.de") == f"a@{label}.de"


@pytest.mark.parametrize(
    ("email", "domain"),
    [("Ana@Example.ORG", "example.org"), ("a@b@gmail.com", "gmail.com"), ("none", "none")],
)
def test_email_domain(email, domain):
    assert email_domain(email) == domain


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("nina@example.org", "n…@e….org"),
        ("Nina.Reyes@mail.example.co.uk", "N…@m….uk"),
        ("a@localhost", "a…@l…"),
        ("not-an-address", "…"),
        ("@example.org", "…"),
    ],
)
def test_masked_email_keeps_only_first_letters_and_the_last_part_of_the_domain(address, masked):
    assert masked_email(address) == masked
