"""core/prepared_select.py against the ORM query it stands for, field by field.

Run on SQLite by `make test` and on PostgreSQL by `make test-postgres`: the converters differ
by backend (SQLite hands back text for datetimes and integers for booleans, PostgreSQL typed
values), and the instances must come out the same either way.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Model
from django.utils import timezone

from ayni.core.prepared_select import PreparedSelect
from ayni.events.enums import EventState, RegistrationStatus
from ayni.events.models import Event
from ayni.events.selectors import PUBLIC_STATES, _how_many, event_page_stamp
from ayni.events.services.registering import cancel_registration
from ayni.events.tests.factories import EventFactory, confirmed, register
from ayni.statements.enums import StatementState
from ayni.statements.models import Invalidation, Signature, Statement
from tests.factories import StatementFactory, UserFactory

pytestmark = pytest.mark.django_db

EVENT_FIELDS = ["slug", "state", "ends_at", "registration_opens_at", "registration_closes_at"]
PUBLIC_STATEMENT = PreparedSelect(Statement, by="slug", exclude={"state": StatementState.DRAFT})
EVENT_TO_REGISTER = PreparedSelect(
    Event, by="slug", fields=EVENT_FIELDS, filter={"state__in": PUBLIC_STATES}
)
INVALIDATION = PreparedSelect(Invalidation, by="pk")


def assert_same_instance(quick: Model | None, orm: Model | None) -> None:
    """The same row, the same fields deferred, each value equal and of the same type."""
    assert quick is not None and orm is not None
    assert type(quick) is type(orm)
    assert quick.get_deferred_fields() == orm.get_deferred_fields()
    assert not quick._state.adding and quick._state.db == orm._state.db
    for field in type(orm)._meta.concrete_fields:
        if field.attname in orm.get_deferred_fields():
            continue
        quick_value, orm_value = getattr(quick, field.attname), getattr(orm, field.attname)
        assert quick_value == orm_value, field.name
        assert type(quick_value) is type(orm_value), field.name


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"deadline": timezone.now() + timedelta(days=3), "goal": 1000, "featured": True},
        {"state": StatementState.CLOSED, "closed_at": timezone.now(), "require_challenge": True},
    ],
    ids=["open", "deadline-goal-featured", "closed-challenge"],
)
def test_a_whole_row_is_the_orms_instance(fields):
    """Datetimes (set and NULL), booleans, choices, integers, every concrete field."""
    statement = StatementFactory(**fields)

    quick = PUBLIC_STATEMENT.get(statement.slug)

    orm = Statement.objects.exclude(state=StatementState.DRAFT).filter(slug=statement.slug).first()
    assert_same_instance(quick, orm)


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {
            "registration_opens_at": timezone.now() - timedelta(days=1),
            "registration_closes_at": timezone.now() + timedelta(days=2, microseconds=7),
        },
        {"state": EventState.CANCELLED},
    ],
    ids=["published", "registration-window", "cancelled"],
)
def test_chosen_fields_are_the_orms_only_instance(fields):
    """Fields left out are deferred as with .only(), and load from the database when read."""
    event = EventFactory(**fields)

    quick = EVENT_TO_REGISTER.get(event.slug)

    orm = Event.objects.filter(state__in=PUBLIC_STATES, slug=event.slug).only(*EVENT_FIELDS).first()
    assert_same_instance(quick, orm)
    assert quick is not None and quick.title_en == Event.objects.get(pk=event.pk).title_en


def test_a_json_field_and_a_foreign_key_read_as_the_orm_reads_them():
    criteria = {"country": "BO", "since": "2026-11-01", "ids": [1, 2], "strict": True}
    invalidation = Invalidation.objects.create(
        statement=StatementFactory(),
        criteria=criteria,
        affected=3,
        reason="A run of made-up addresses",
        created_by=UserFactory(),
    )

    quick = INVALIDATION.get(invalidation.pk)

    assert_same_instance(quick, Invalidation.objects.get(pk=invalidation.pk))
    assert quick is not None and quick.criteria == criteria


STAMP_FIELDS = [
    "slug",
    "state",
    "updated_at",
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "recording_url",
]


def orm_event_page_stamp(slug: str) -> Event | None:
    """The event page's stamp read the plain way: the ORM with two counting subqueries."""
    return (
        Event.objects.filter(state__in=PUBLIC_STATES, slug=slug)
        .only(*STAMP_FIELDS)
        .annotate(
            places_taken=_how_many(RegistrationStatus.CONFIRMED),
            places_waiting=_how_many(RegistrationStatus.WAITLISTED),
        )
        .first()
    )


def test_counts_of_related_rows_are_the_orms_annotations():
    event = EventFactory(capacity=2, recording_url="https://video.example.org/v/1")
    other = EventFactory()
    seen = []

    def look() -> None:
        quick, orm = event_page_stamp(event.slug), orm_event_page_stamp(event.slug)
        assert_same_instance(quick, orm)
        seen.append((quick.places_taken, quick.places_waiting))
        assert seen[-1] == (orm.places_taken, orm.places_waiting)

    look()  # none at all
    register(event, "pending@example.org")
    confirmed(other, "elsewhere@example.org")
    look()  # an unconfirmed form and another event's place: not counted
    first = confirmed(event, "first@example.org")
    confirmed(event, "second@example.org")
    confirmed(event, "third@example.org")
    look()  # two places taken, one waiting
    cancel_registration(first)
    look()  # the first waiting took the place freed
    assert seen == [(0, 0), (0, 0), (2, 1), (2, 0)]


def test_a_missing_row_or_one_the_conditions_leave_out_is_none_as_with_the_orm():
    draft = StatementFactory(state=StatementState.DRAFT)
    unpublished = EventFactory(state=EventState.DRAFT)

    for slug in (draft.slug, "no-such-statement"):
        assert PUBLIC_STATEMENT.get(slug) is None
        assert (
            Statement.objects.exclude(state=StatementState.DRAFT).filter(slug=slug).first() is None
        )
    for slug in (unpublished.slug, "no-such-event"):
        assert EVENT_TO_REGISTER.get(slug) is None
        assert Event.objects.filter(state__in=PUBLIC_STATES, slug=slug).first() is None
    assert INVALIDATION.get(10**9) is None


def test_a_read_is_one_query(django_assert_num_queries):
    event = EventFactory()
    EVENT_TO_REGISTER.get(event.slug)  # the statement is prepared on first use

    with django_assert_num_queries(1):
        assert EVENT_TO_REGISTER.get(event.slug) is not None


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        ({"by": "title_en"}, "not unique"),
        ({"by": "slug", "filter": {"registration_opens_at": timezone.now()}}, "without NULL"),
        ({"by": "slug", "filter": {"state__in": []}}, "non-empty"),
        ({"by": "slug", "filter": {"state": None}}, "non-empty"),
        ({"by": "slug", "exclude": {"starts_at__lt": timezone.now()}}, "only equal"),
        ({"by": "slug", "fields": ["hosts"]}, "not a concrete field"),
        ({"by": "slug", "counts": {"n": ("hosts", {})}}, "not a reverse foreign key"),
        ({"by": "slug", "counts": {"n": ("registrations", {"via": None})}}, "without NULL"),
    ],
    ids=[
        "by-not-unique",
        "nullable",
        "empty-in",
        "none",
        "other-lookup",
        "many-to-many",
        "count-many-to-many",
        "count-nullable",
    ],
)
def test_what_it_cannot_read_as_the_orm_does_is_refused_when_built(arguments, reason):
    with pytest.raises(ValueError, match=reason):
        PreparedSelect(Event, **arguments)


def test_a_foreign_key_column_is_a_field_it_reads():
    signature = PreparedSelect(Signature, by="pk", fields=["statement"])

    assert [field.attname for field in signature.fields] == ["id", "statement_id"]
