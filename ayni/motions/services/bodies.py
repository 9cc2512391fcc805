"""Adding, moving and reviewing bodies, keeping each body's `path` ("/1/5/27/": the ids from
its organisation's root down to it) and `region` (its ancestor at the REGION level, itself if it
is one) right for the whole subtree, so the roll-up can read a subtree or a region in one query.

The rules every placement follows: a body's parent belongs to the same organisation and stands
at a higher level (a smaller number); a body is never placed under itself or its descendants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext as _

from ayni.motions.enums import BodyStatus, Level
from ayni.motions.models import Body, Organisation

# Rows written per UPDATE when paths are refreshed.
BATCH_SIZE = 500


def placement_errors(
    *, organisation: Organisation, parent: Body | None, level: int | None, body: Body | None = None
) -> dict[str, str]:
    """What is wrong with putting `body` (None: a new one) of `organisation` at `level` under
    `parent` (None: at the organisation's root), by field; empty when it may go there. `body`,
    when given, has the path stored in the database."""
    errors: dict[str, str] = {}
    if level not in Level.values:
        errors["level"] = _("Choose a level from 1 (national) to 5 (workplace).")
        return errors
    if parent is not None:
        if parent.organisation_id != organisation.pk:
            errors["parent"] = _("The parent body belongs to another organisation.")
        elif body is not None and body.pk is not None and _inside(parent, body):
            errors["parent"] = _("A body cannot be placed under itself or a body inside it.")
        elif parent.level >= level:
            errors["parent"] = _(
                "The parent body must be at a higher level than this one: it is at level "
                "%(parent)d (%(parent_name)s)."
            ) % {"parent": parent.level, "parent_name": parent.get_level_display()}
        elif parent.status == BodyStatus.REFUSED:
            errors["parent"] = _("A refused body cannot have bodies under it.")
    if body is not None and body.pk is not None and "level" not in errors:
        lowest = body.children.order_by("level").values_list("level", flat=True).first()
        if lowest is not None and lowest <= level:
            errors["level"] = _(
                "A body under this one is at level %(level)d: this one must stay above it."
            ) % {"level": lowest}
    return errors


def _inside(parent: Body, body: Body) -> bool:
    return parent.pk == body.pk or parent.path.startswith(body.path or f"/{body.pk}/")


def _check(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def add_body(
    *,
    organisation: Organisation,
    name: str,
    level: int,
    parent: Body | None = None,
    kind: str = "",
    country: str = "",
    website: str = "",
    code: str = "",
    status: str = BodyStatus.LISTED,
) -> Body:
    """A new body of `organisation` under `parent` (None: at its root). Side effects: the body is
    stored with its path and region. Raises ValidationError (by field) for a misplaced body or a
    bad field; nothing is stored then."""
    _check(placement_errors(organisation=organisation, parent=parent, level=level))
    body = Body(
        organisation=organisation,
        parent=parent,
        name=name.strip(),
        level=level,
        kind=kind.strip(),
        country=country,
        website=website.strip(),
        code=code.strip(),
        status=status,
    )
    body.full_clean()
    with transaction.atomic():
        body.save()
        body.path, body.region_id = placement_of(body, parent)
        body.save(update_fields=["path", "region"])
    return body


def placement_of(body: Body, parent: Body | None) -> tuple[str, int | None]:
    """The path and region `body` has under `parent`."""
    return _placement(
        body.pk,
        body.level,
        (parent.path, parent.region_id) if parent is not None else None,
    )


def _placement(pk: int, level: int, above: tuple[str, int | None] | None) -> tuple[str, int | None]:
    parent_path, parent_region = above if above is not None else ("/", None)
    region: int | None
    if level == Level.REGION:
        region = pk
    elif level > Level.REGION:
        region = parent_region
    else:
        region = None
    return f"{parent_path}{pk}/", region


def change_body(*, body: Body, parent: Body | None, level: int, **fields: str) -> Body:
    """Save an edited `body` (name, kind, country, website, code, status in `fields`), moved
    under `parent` and at `level`. Side effects: when its parent or level changes, the path and
    region of it and every body under it are refreshed. Raises ValidationError (by field) for a
    misplacement or a bad field; nothing is stored then."""
    stored = Body.objects.get(pk=body.pk)
    _check(
        placement_errors(organisation=stored.organisation, parent=parent, level=level, body=stored)
    )
    for field, value in fields.items():
        setattr(body, field, value)
    body.parent = parent
    body.level = level
    body.path = stored.path
    body.full_clean()
    with transaction.atomic():
        body.save()
        if (stored.parent_id, stored.level) != (body.parent_id, body.level):
            refresh_placements(_subtree(stored))
    body.refresh_from_db()
    return body


def _subtree(body: Body) -> QuerySet[Body]:
    """The body and those under it (all its organisation's bodies if its path was never set)."""
    if body.path:
        return Body.objects.filter(path__startswith=body.path)
    return Body.objects.filter(organisation_id=body.organisation_id)


def move_body(*, body: Body, parent: Body | None) -> Body:
    """Put `body` under `parent` (None: at its organisation's root). Side effects: the path
    and region of the body and of every body under it follow. Raises ValidationError for a
    parent in another organisation, at a level not above the body's, or inside the body."""
    stored = Body.objects.select_related("organisation").get(pk=body.pk)
    _check(
        placement_errors(
            organisation=stored.organisation, parent=parent, level=stored.level, body=stored
        )
    )
    with transaction.atomic():
        Body.objects.filter(pk=stored.pk).update(parent=parent)
        refresh_placements(_subtree(stored))
    body.refresh_from_db()
    return body


def refresh_placements(bodies: QuerySet[Body]) -> int:
    """Recompute the path and region of `bodies` (whole subtrees: a body's parent is either
    among them or keeps its own placement), top down, and store those that changed. Returns how
    many changed."""
    rows = list(bodies.values_list("pk", "parent_id", "level", "path", "region_id"))
    inside = {row[0] for row in rows}
    outside = {row[1] for row in rows if row[1] is not None and row[1] not in inside}
    above: dict[int, tuple[str, int | None]] = {
        pk: (path, region)
        for pk, path, region in Body.objects.filter(pk__in=outside).values_list(
            "pk", "path", "region_id"
        )
    }
    placed = placements(((pk, parent, level) for pk, parent, level, _p, _r in rows), above=above)
    # By depth, so that each body is written after its parent: its path is its parent's and
    # its region its parent's (or itself), read by the database from the row written before.
    by_depth: dict[int, list[int]] = defaultdict(list)
    for pk, _parent, _level, path, region in rows:
        if pk in placed and placed[pk] != (path, region):
            by_depth[placed[pk][0].count("/")].append(pk)
    for depth in sorted(by_depth):
        ids = by_depth[depth]
        for start in range(0, len(ids), BATCH_SIZE):
            Body.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).update(**PLACEMENT)
    return sum(len(ids) for ids in by_depth.values())


_PARENT = Body.objects.filter(pk=OuterRef("parent_id"))
# A body's path and region from its parent's, as one UPDATE computes them for many rows.
PLACEMENT = {
    "path": Concat(
        Coalesce(Subquery(_PARENT.values("path")[:1]), Value("/")),
        Cast("pk", CharField()),
        Value("/"),
        output_field=CharField(),
    ),
    "region": Case(
        When(level=Level.REGION, then=F("pk")),
        When(level__gt=Level.REGION, then=Subquery(_PARENT.values("region_id")[:1])),
        default=None,
        output_field=BigIntegerField(),
    ),
}


def placements(
    nodes: Iterable[tuple[int, int | None, int]], *, above: dict[int, tuple[str, int | None]]
) -> dict[int, tuple[str, int | None]]:
    """The (path, region) of each (id, parent id, level) node, from the top down; `above` holds
    the placement of parents that are not among the nodes. Nodes not reachable from a root or
    from `above` (a cycle) get none."""
    children: dict[int | None, list[tuple[int, int]]] = defaultdict(list)
    ids = set()
    for pk, parent, level in nodes:
        children[parent].append((pk, level))
        ids.add(pk)
    placed: dict[int, tuple[str, int | None]] = {}
    stack: list[tuple[int, int, tuple[str, int | None] | None]] = [
        (pk, level, None) for pk, level in children[None]
    ]
    for parent, below in children.items():
        if parent is not None and parent not in ids and parent in above:
            stack.extend((pk, level, above[parent]) for pk, level in below)
    while stack:
        pk, level, parent_placement = stack.pop()
        placed[pk] = _placement(pk, level, parent_placement)
        stack.extend((child, child_level, placed[pk]) for child, child_level in children[pk])
    return placed


def propose_body(
    *,
    organisation: Organisation,
    parent: Body | None,
    name: str,
    level: int,
    kind: str = "",
    country: str = "",
) -> Body:
    """A body a member of the public says is missing (while reporting an adoption), stored as
    PROPOSED until a moderator lists or refuses it; never shown in the public search before.
    A proposal of a name already proposed under the same parent returns that proposal. Raises
    ValidationError (by field) for a body that is listed already, a parent that is not listed
    or is misplaced, or a bad field; nothing is stored then."""
    if parent is not None and parent.status != BodyStatus.LISTED:
        raise ValidationError({"parent": _("Choose a listed body as the parent.")})
    siblings = Body.objects.filter(
        organisation=organisation, parent=parent, name__iexact=name.strip()
    ).exclude(status=BodyStatus.REFUSED)
    same = siblings.first()
    if same is not None and same.status == BodyStatus.LISTED:
        raise ValidationError({"name": _("This body is listed already: search for it.")})
    if same is not None:
        return same
    return add_body(
        organisation=organisation,
        parent=parent,
        name=name,
        level=level,
        kind=kind,
        country=country,
        status=BodyStatus.PROPOSED,
    )


def list_proposed_bodies(*, bodies: QuerySet[Body]) -> int:
    """List the proposed ones among `bodies`: they appear in the public search. Others are left
    as they are. Returns how many were listed."""
    return bodies.filter(status=BodyStatus.PROPOSED).update(status=BodyStatus.LISTED)


def refuse_proposed_bodies(*, bodies: QuerySet[Body]) -> int:
    """Refuse the proposed ones among `bodies`: they stay out of the public search (reports
    that named them stay linked, for the moderators). Others are left as they are. Returns how
    many were refused."""
    return bodies.filter(status=BodyStatus.PROPOSED).update(status=BodyStatus.REFUSED)
