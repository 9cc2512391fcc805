"""An action's email (ayni.supporters.emails): its language, its links, its footer."""

from __future__ import annotations

import pytest

from ayni.supporters.emails import absolute_url, link_language, send_action_email

LINKS = {
    "withdraw_url": "https://campaign.example.org/en/w/",
    "data_url": "https://campaign.example.org/en/d/",
    "erase_url": "https://campaign.example.org/en/e/",
}


def test_link_language_is_the_supporters_while_the_site_has_it(settings):
    assert link_language("es") == "es"
    assert link_language("fr") == settings.LANGUAGE_CODE


def test_absolute_url_is_in_the_supporters_language(settings):
    settings.SITE_URL = "https://campaign.example.org"

    assert absolute_url("core:privacy", language="es").startswith(
        "https://campaign.example.org/es/"
    )
    assert absolute_url("core:privacy", language="fr").startswith(
        "https://campaign.example.org/en/"
    )


@pytest.mark.parametrize("missing", sorted(LINKS))
def test_an_action_email_without_its_rights_links_is_refused(missing, mailbox):
    links = {name: url for name, url in LINKS.items() if name != missing}

    with pytest.raises(ValueError, match=missing):
        send_action_email(
            to="ana@example.org",
            template="never/rendered",
            context={},
            language="en",
            links=links,
            message_id_key="test-1",
        )

    assert mailbox.messages == []


def test_the_plain_text_ends_with_the_campaign_and_one_line_break():
    """The footer closes the text: no trailing blank lines after the campaign's address."""
    from django.template.loader import render_to_string

    text = render_to_string(
        "supporters/email/_footer.txt",
        {"withdraw_url": "W", "data_url": "D", "erase_url": "E", "SITE_URL": "https://x.example"},
    )
    assert text.endswith("https://x.example")
    assert "\n\n\n" not in text


# Every page an email links to, with values as they come (slugs, signed tokens) and values
# `reverse` must quote or refuse; and a page whose converter takes no stand-in (an int).
LINKED_PAGES = [
    ("core:privacy", {}),
    ("statements:confirm", {"token": "eyJhIjoxfQ:1tXyZa:Ab-c_d"}),
    ("statements:withdraw", {"token": "12:1tXyZa:Ab-c_d"}),
    ("statements:data", {"token": "12:1tXyZa:Ab-c_d"}),
    ("statements:erase", {"token": "x"}),
    ("events:detail", {"slug": "lithium-and-sovereignty"}),
    ("events:manage", {"token": "7:1tXyZa:Q_w-e"}),
    ("events:join", {"token": "7:1tXyZa:Q_w-e"}),
    ("events:registration_ics", {"token": "7:1tXyZa:Q_w-e"}),
    ("motions:report_manage", {"token": "3:1tXyZa:Q_w-e"}),
    ("motions:version", {"slug": "bolivia", "number": 2}),
    ("events:manage", {"token": "a b ñ?#%"}),
]


@pytest.mark.parametrize("language", ["en", "es", "fr"])
@pytest.mark.parametrize(("name", "kwargs"), LINKED_PAGES)
def test_absolute_url_is_what_reverse_gives(settings, language, name, kwargs):
    from django.urls import reverse
    from django.utils import translation

    settings.SITE_URL = "https://campaign.example.org"
    with translation.override(link_language(language)):
        expected = settings.SITE_URL + reverse(name, kwargs=kwargs)

    # Twice: the second from the page's remembered shape.
    assert absolute_url(name, language=language, **kwargs) == expected
    assert absolute_url(name, language=language, **kwargs) == expected


def test_absolute_url_refuses_what_reverse_refuses():
    from django.urls import NoReverseMatch

    absolute_url("events:detail", language="en", slug="a-slug")
    with pytest.raises(NoReverseMatch):
        absolute_url("events:detail", language="en", slug="not a slug")
