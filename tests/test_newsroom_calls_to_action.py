"""An article's call to action leads to a statement, an event or a motion: the newsroom reads
them only through the selectors their apps declare (core.registry link targets). Here, outside
the apps, because it makes pages of three of them."""

from __future__ import annotations

import pytest

from ayni.events.tests.factories import EventFactory
from ayni.motions.tests.factories import MotionFactory
from ayni.newsroom.tests.factories import published
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "make", "title", "button"),
    [
        ("statement", lambda: StatementFactory(), "Stand with the people", "Sign the statement"),
        ("event", lambda: EventFactory(), "Solidarity with Bolivia", "See the event"),
        (
            "motion",
            lambda: MotionFactory(state="published"),
            "Solidarity with Bolivia",
            "Read the motion",
        ),
    ],
)
def test_the_call_to_action_box_leads_to_the_public_page_it_names(
    client, kind, make, title, button
):
    target = make()
    article = published(cta_kind=kind, cta_slug=target.slug)

    page = client.get(article.get_absolute_url()).content.decode()

    assert '<aside class="cta-box"' in page
    assert f'<h2><a href="{target.get_absolute_url()}">{title}</a></h2>' in page
    assert button in page
