"""The public body search (views/bodies.py, selectors.search_bodies): listed bodies only, found
by any word of their name (accents and case aside) or their code, in both languages, as a plain
page and as an htmx partial, with a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from ayni.motions import selectors
from ayni.motions.enums import BodyStatus, Level
from ayni.motions.services.bodies import propose_body
from ayni.motions.tests.factories import OrganisationFactory, tree_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    union = OrganisationFactory(name="Example Union", code="example")
    national = tree_body("Example Union", Level.NATIONAL, organisation=union)
    yorkshire = tree_body("Yorkshire Region", Level.REGION, parent=national)
    leeds = tree_body("Leeds Branch", Level.BRANCH, parent=yorkshire, code="LB-01")
    ccoo = OrganisationFactory(name="Comisiones Obreras", short_name="CCOO", code="ccoo")
    spain = tree_body("Confederación", Level.NATIONAL, organisation=ccoo)
    leon = tree_body("Unión Provincial de León", Level.DISTRICT, parent=spain)
    return {"leeds": leeds, "yorkshire": yorkshire, "leon": leon, "union": union, "ccoo": ccoo}


def search(client, language="en", htmx=False, **params):
    with translation.override(language):
        url = reverse("motions:body_search")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.get(url, params, **headers)


def found(**query):
    return [body.label for body in selectors.search_bodies(**query)]


def test_search_finds_a_body_by_part_of_its_name_with_its_chain(tree):
    assert found(query="Leeds") == ["Leeds Branch — Yorkshire Region — Example Union"]
    assert found(query="leeds BRANCH") == ["Leeds Branch — Yorkshire Region — Example Union"]
    assert found(query="branch leeds") == ["Leeds Branch — Yorkshire Region — Example Union"]
    assert found(query="lb-01") == ["Leeds Branch — Yorkshire Region — Example Union"]


@pytest.mark.parametrize(
    "query", ["leon", "León", "LEÓN", "union provincial", "UNION PROVINCIAL DE LEON"]
)
def test_search_ignores_accents_and_case(tree, query):
    assert found(query=query) == ["Unión Provincial de León — Confederación — Comisiones Obreras"]


def test_search_by_organisation_name_narrows_within_it(tree):
    assert found(query="ccoo leon") == [
        "Unión Provincial de León — Confederación — Comisiones Obreras"
    ]
    assert found(query="leeds", organisation=tree["ccoo"].pk) == []
    assert found(query="leeds", organisation=tree["union"].pk, level=Level.BRANCH) == [
        "Leeds Branch — Yorkshire Region — Example Union"
    ]
    assert found(query="leeds", level=Level.REGION) == []


def test_search_orders_by_organisation_level_and_name_and_stops_at_the_limit(tree):
    for number in range(25):
        tree_body(f"Bradford {number:02d}", Level.BRANCH, parent=tree["yorkshire"])
    tree_body("Bradford District", Level.DISTRICT, parent=tree["yorkshire"])

    names = [body.name for body in selectors.search_bodies(query="bradford")]

    assert len(names) == selectors.SEARCH_LIMIT
    assert names[:3] == ["Bradford District", "Bradford 00", "Bradford 01"]


def test_search_never_shows_proposed_or_refused_bodies(tree):
    proposed = propose_body(
        organisation=tree["union"], parent=tree["yorkshire"], name="Leeds Hospital", level=4
    )
    refused = tree_body("Leeds Old", Level.BRANCH, parent=tree["yorkshire"])
    refused.status = BodyStatus.REFUSED
    refused.save()

    assert found(query="leeds") == ["Leeds Branch — Yorkshire Region — Example Union"]
    proposed.status = BodyStatus.LISTED
    proposed.save()
    assert len(found(query="leeds")) == 2


def test_search_treats_regex_characters_literally(tree):
    tree_body("St. Mary's (Leeds) [old]", Level.BRANCH, parent=tree["yorkshire"])

    assert found(query="(leeds)") == ["St. Mary's (Leeds) [old] — Yorkshire Region — Example Union"]
    assert found(query="l.eds") == []
    assert found(query="[old] .*") == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_search_page_lists_the_bodies_found_with_their_numbers(client, tree, language):
    response = search(client, language, q="leeds")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" in page
    number = ("No. " if language == "en" else "N.º ") + str(tree["leeds"].pk)
    assert f'<span class="body-number">{number}</span>' in page
    assert 'type="radio"' not in page  # nothing to choose on this page: it tells bodies apart
    assert '<span class="body-name">Leeds Branch</span> — Yorkshire Region — Example Union' in page
    assert ("Find a body" if language == "en" else "Busca un órgano") in page
    assert (
        "<small>(Branch)</small>"
        if language == "en"
        else "<small>(Sección sindical o local)</small>"
    ) in page


def test_the_search_page_without_a_query_shows_only_the_form(client, tree):
    response = search(client)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="q"' in page
    assert "body-result-list" not in page
    assert "Leeds Branch" not in page


def test_an_htmx_search_gets_only_the_results(client, tree):
    response = search(client, htmx=True, q="leon")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="body-results"')
    assert "<html" not in page
    assert "Unión Provincial de León" in page


@pytest.mark.parametrize("language", ["en", "es"])
def test_nothing_found_says_so(client, tree, language):
    response = search(client, language, q="zzzz")

    assert response.status_code == 200
    assert (
        "No body found." if language == "en" else "No encontramos ningún órgano."
    ) in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Type at least two letters of the body’s name."),
        ({"q": "l"}, "Type at least two letters of the body’s name."),
        ({"q": " l \u200b"}, "Type at least two letters of the body’s name."),
        ({"q": "x" * 101}, "Type at most 100 characters."),
        ({"q": "<script>"}, "Please do not use the characters &lt; or &gt;."),
        ({"q": "leeds\x00"}, "Null characters are not allowed."),
        ({"q": "leeds", "organisation": "999999"}, "Choose an organisation from the list."),
        ({"q": "leeds", "organisation": "abc"}, "Choose an organisation from the list."),
        ({"q": "leeds", "level": "9"}, "Choose a level from the list."),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_is_refused_with_a_clear_message_never_a_500(client, tree, params, message, htmx):
    response = search(client, htmx=htmx, **params)

    page = response.content.decode()
    assert response.status_code == 422
    assert message in page
    assert "body-result-list" not in page


def test_bad_input_is_explained_in_spanish(client, tree):
    response = search(client, "es", q="l")

    assert response.status_code == 422
    assert "Escribe al menos dos letras del nombre del órgano." in response.content.decode()


def test_the_search_is_get_only(client, tree):
    with translation.override("en"):
        response = client.post(reverse("motions:body_search"), {"q": "leeds"})

    assert response.status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_the_number_of_queries_does_not_grow_with_the_results(
    client, tree, django_assert_num_queries, count
):
    for number in range(count - 1):
        tree_body(f"Leeds {number}", Level.WORKPLACE, parent=tree["leeds"])

    # The organisations for the choice, the bodies found, the names above them.
    with django_assert_num_queries(3):
        response = search(client, htmx=True, q="leeds")

    assert response.content.decode().count('class="body-number"') == count
