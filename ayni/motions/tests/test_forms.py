"""The report form: every field's bad input gets a clear message in English and in Spanish."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from ayni.motions.enums import BodyStatus, Level
from ayni.motions.forms import ReportForm
from ayni.motions.services.reporting import Pledge, ProposedBody
from ayni.motions.tests.factories import OrganisationFactory
from ayni.motions.tests.reporting_builders import form_data, image_bytes, reportable, upload

pytestmark = pytest.mark.django_db


def errors(data, files=None, language="en") -> dict[str, list[str]]:
    with translation.override(language):
        form = ReportForm(data, files or {})
        form.is_valid()
        return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


def test_report_form_takes_a_listed_body_and_gives_what_report_adoption_takes():
    _motion, branch = reportable()
    form = ReportForm(form_data(branch))

    assert form.is_valid(), form.errors
    report = form.report
    assert report["body"] == branch
    assert report["pledges"] == [
        Pledge(kind="affiliate"),
        Pledge(kind="donate", amount=Decimal("250"), currency="GBP"),
    ]
    assert report["votes_for"] == 23
    assert report["votes_abstaining"] is None
    assert report["evidence"] is None


def test_report_form_takes_a_proposed_body():
    _motion, branch = reportable()
    organisation = branch.organisation
    data = form_data(
        None,
        new_body_name="  Hull   East branch ",
        new_body_organisation=organisation.pk,
        new_body_level=Level.BRANCH,
        new_body_parent=branch.parent_id,
    )
    form = ReportForm(data)

    assert form.is_valid(), form.errors
    assert form.report["body"] == ProposedBody(
        organisation=organisation, name="Hull East branch", level=4, parent=branch.parent
    )


# (field, value, English message, Spanish message)
BAD = [
    ("body", "abc", "Enter a whole number.", "Escribe un número entero."),
    ("body", "0", "Choose your body from the list.", "Elige tu órgano de la lista."),
    (
        "body",
        "99999999999",
        "Enter a number of 2147483647 or less.",
        "Escribe un número igual o menor que 2147483647.",
    ),
    ("meeting_date", "", "This field is required.", "Este campo es obligatorio."),
    (
        "meeting_date",
        "14/10/2026",
        "Enter the date as year-month-day, like 2027-03-14.",
        "Escribe la fecha como año-mes-día, por ejemplo 2027-03-14.",
    ),
    (
        "meeting_date",
        "2026-02-30",
        "Enter the date as year-month-day, like 2027-03-14.",
        "Escribe la fecha como año-mes-día, por ejemplo 2027-03-14.",
    ),
    (
        "meeting_date",
        "1999-12-31",
        "Enter a date from 2000 onwards.",
        "Escribe una fecha a partir del año 2000.",
    ),
    ("outcome", "", "This field is required.", "Este campo es obligatorio."),
    (
        "outcome",
        "won",
        "Select a valid choice. won is not one of the available choices.",
        "Elige una opción válida. won no es una de las opciones disponibles.",
    ),
    ("votes_for", "-1", "Enter a number of 0 or more.", "Escribe un número igual o mayor que 0."),
    ("votes_against", "1e9", "Enter a whole number.", "Escribe un número entero."),
    (
        "votes_abstaining",
        "1000001",
        "Enter a number of 1000000 or less.",
        "Escribe un número igual o menor que 1000000.",
    ),
    (
        "commitments",
        ["affiliate", "bribe"],
        "Select one of the choices.",
        "Elige una de las opciones.",
    ),
    (
        "donation_amount",
        "-5",
        "Enter an amount of 0.01 or more.",
        "Escribe una cantidad igual o mayor que 0.01.",
    ),
    (
        "donation_amount",
        "lots",
        "Enter an amount such as 250 or 99.50.",
        "Escribe una cantidad como 250 o 99.50.",
    ),
    (
        "donation_amount",
        "12.345",
        "Enter an amount with at most two decimals.",
        "Escribe una cantidad con dos decimales como mucho.",
    ),
    (
        "donation_amount",
        "99999999",
        "Enter an amount of 10000000 or less.",
        "Escribe una cantidad igual o menor que 10000000.",
    ),
    (
        "donation_currency",
        "XYZ",
        "Select a valid choice. XYZ is not one of the available choices.",
        "Elige una opción válida. XYZ no es una de las opciones disponibles.",
    ),
    (
        "evidence_url",
        "http://example.org/minutes",
        "Enter a secure address that starts with https://.",
        "Escribe una dirección segura que empiece por https://.",
    ),
    (
        "evidence_url",
        "javascript:alert(1)",
        "Enter a web address (https://…).",
        "Escribe una dirección web (https://…).",
    ),
    ("name", "", "This field is required.", "Este campo es obligatorio."),
    ("name", "x", "Please enter your name.", "Escribe tu nombre, por favor."),
    (
        "email",
        "not-an-address",
        "Enter a valid email address.",
        "Introduce una dirección de correo electrónico válida.",
    ),
    (
        "consent",
        "",
        "Please tick the box to agree, or we cannot keep it.",
        "Marca la casilla para aceptar; si no, no podemos guardarlo.",
    ),
]


@pytest.mark.parametrize(
    ("field", "value", "english", "spanish"), BAD, ids=[f"{b[0]}={b[1]}" for b in BAD]
)
def test_report_form_says_what_is_wrong_with_each_field_in_both_languages(
    field, value, english, spanish
):
    _motion, branch = reportable()
    data = {**form_data(branch), field: value}

    assert errors(data)[field] == [english]
    assert errors(data, language="es")[field] == [spanish]


def test_report_form_refuses_a_future_meeting():
    _motion, branch = reportable()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    assert errors(form_data(branch, meeting_date=tomorrow))["meeting_date"] == [
        "The meeting's date cannot be in the future."
    ]


def test_report_form_refuses_a_body_that_is_not_listed():
    _motion, branch = reportable()
    Body = type(branch)
    Body.objects.filter(pk=branch.pk).update(status=BodyStatus.PROPOSED)

    assert errors(form_data(branch))["body"] == [
        "This body is not in our list. Search again, or tell us about it below."
    ]
    assert errors(form_data(branch), language="es")["body"] == [
        "Este órgano no está en nuestra lista. Busca de nuevo o cuéntanos más abajo cuál es."
    ]


def test_report_form_needs_a_body_chosen_or_proposed_not_both():
    _motion, branch = reportable()

    assert errors(form_data(None))["body"] == [
        "Choose your body from the list, or tell us its name below."
    ]
    both = errors(form_data(branch, new_body_name="Another branch"))
    assert both["new_body_name"] == [
        "You chose a body from the list: leave the name of a new one empty."
    ]


def test_report_form_needs_the_organisation_and_level_of_a_proposed_body():
    reportable()
    found = errors(form_data(None, new_body_name="Hull East branch"), language="es")

    assert found["new_body_organisation"] == ["Elige la organización a la que pertenece el órgano."]
    assert found["new_body_level"] == ["Elige el nivel del órgano."]


def test_report_form_refuses_a_proposed_body_under_a_body_of_another_organisation_or_level():
    _motion, branch = reportable()
    other = OrganisationFactory()
    message = ["The body above must be higher up in the same organisation."]

    elsewhere = form_data(
        None,
        new_body_name="X branch",
        new_body_organisation=other.pk,
        new_body_level=Level.BRANCH,
        new_body_parent=branch.parent_id,
    )
    below = form_data(
        None,
        new_body_name="X region",
        new_body_organisation=branch.organisation_id,
        new_body_level=Level.REGION,
        new_body_parent=branch.pk,
    )
    assert errors(elsewhere)["new_body_parent"] == message
    assert errors(below)["new_body_parent"] == message
    assert errors(
        form_data(None, new_body_name="X", new_body_organisation="999999", new_body_level="9")
    )["new_body_organisation"] == ["Select one of the choices."]


def test_report_form_needs_the_amount_when_money_is_pledged_and_only_then():
    _motion, branch = reportable()

    assert errors(form_data(branch, donation_amount=""))["donation_amount"] == [
        "Give the amount pledged."
    ]
    assert errors(form_data(branch, commitments=["affiliate"]))["donation_amount"] == [
        "Tick “Donate” above if the body pledged money, or leave the amount empty."
    ]


def test_report_form_needs_the_amended_text_only_when_passed_with_amendments():
    motion, branch = reportable()
    amended = form_data(
        branch, outcome="amended", amended_notes="  ", amended_believes="B", amended_resolves="R"
    )

    assert errors(amended)["amended_notes"] == ["Give the text as passed."]
    assert errors(amended, language="es")["amended_notes"] == [
        "Escribe el texto tal como se aprobó."
    ]
    assert "amended_notes" not in errors(form_data(branch, amended_notes=""))


def test_report_form_prefills_the_amended_text_in_the_page_language():
    motion, _branch = reportable()
    version = motion.versions.get()

    english = ReportForm(version=version, language="en")
    spanish = ReportForm(version=version, language="es")

    assert english["amended_notes"].initial == version.notes_en
    assert spanish["amended_resolves"].initial == version.resolves_es


def test_report_form_needs_evidence_a_link_or_a_file():
    _motion, branch = reportable()

    assert errors(form_data(branch, evidence_url=""))["evidence_url"] == [
        "Give a link to the minutes, or upload them."
    ]
    with_file = ReportForm(
        form_data(branch, evidence_url=""),
        {"evidence_file": upload("minutes.png", image_bytes("PNG"), "image/png")},
    )
    assert with_file.is_valid(), with_file.errors
    assert with_file.report["evidence"].content_type == "image/png"


def test_report_form_refuses_an_upload_that_is_not_what_it_claims_in_both_languages():
    _motion, branch = reportable()
    files = {"evidence_file": upload("minutes.pdf", b"MZ\x90\x00 an executable")}

    assert errors(form_data(branch), files)["evidence_file"] == [
        "This file is not one we accept. Upload the minutes as a PDF, JPEG, PNG or WebP."
    ]
    assert errors(form_data(branch), files, language="es")["evidence_file"] == [
        "No aceptamos este archivo. Sube el acta en PDF, JPEG, PNG o WebP."
    ]


def test_report_form_refuses_an_oversized_upload(settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    _motion, branch = reportable()
    files = {
        "evidence_file": upload("minutes.png", image_bytes("PNG", size=(400, 400)), "image/png")
    }

    (message,) = errors(form_data(branch), files)["evidence_file"]
    assert message.startswith("This file is ")
    assert message.endswith("; the largest we accept is 1.0\xa0KB.")


def test_report_form_treats_the_honeypot_as_a_bot():
    _motion, branch = reportable()

    assert ReportForm(form_data(branch, website="http://spam.example")).is_bot
    assert not ReportForm(form_data(branch)).is_bot
