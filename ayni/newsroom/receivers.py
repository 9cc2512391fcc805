"""The newsroom's answers when a supporter asks for their data or its erasure (their comments),
when an event's report-back changes (its articles), and the meter's, when a reader signs in as
a member (the browser's count becomes theirs). Connected in apps.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ayni.events.services.signals import report_back_changed
from ayni.members.services import member_logged_in
from ayni.newsroom import meter, selectors
from ayni.newsroom.services import comments, report_backs
from ayni.supporters.models import Supporter
from ayni.supporters.signals import supporter_erasing, supporter_exporting


def on_supporter_exporting(
    sender: object, *, supporter: Supporter, **kwargs: Any
) -> dict[str, Any]:
    rows = selectors.supporter_comments(supporter.pk)
    return {"comments": [comments.comment_export(row) for row in rows]}


def on_supporter_erasing(sender: object, *, supporter: Supporter, **kwargs: Any) -> None:
    comments.delete_comments(selectors.supporter_comments(supporter.pk))


def on_report_back_changed(sender: object, *, event_id: int, **kwargs: Any) -> None:
    report_backs.sync_report_back(event_id=event_id)


def on_member_logged_in(
    sender: object, *, request: HttpRequest, member: Any, **kwargs: Any
) -> None:
    meter.merge_on_sign_in(request, member.pk)


def connect() -> None:
    report_back_changed.connect(on_report_back_changed, dispatch_uid="newsroom.report_back")
    supporter_exporting.connect(on_supporter_exporting, dispatch_uid="newsroom.export")
    supporter_erasing.connect(on_supporter_erasing, dispatch_uid="newsroom.erase")
    member_logged_in.connect(on_member_logged_in, dispatch_uid="newsroom.meter_merge")
