"""What the events tell other apps, without knowing who listens.

`report_back_changed(event_id=…)` is sent, inside the transaction that made the change,
whenever what the public may read of an event's report-back may have changed: it was published,
the event holding a published one was saved (its text, its recording, its state: cancelled,
say; its panel's key points and linked statements, saved after it), one of its speakers was
saved (their name, their affiliation), or it was deleted. A listener reads the report-back
again through `selectors.published_report_back` (None: nothing to show any more), so it is safe
to send twice. The newsroom listens (its report-back articles). The events send rather than
call the newsroom's services because the newsroom already depends on the events (its calls to
action name an event through `selectors.public_event`): one direction only, and the events keep
working, unchanged, without a newsroom.
"""

from __future__ import annotations

from django.dispatch import Signal

report_back_changed = Signal()


def send_report_back_changed(event_id: int) -> None:
    report_back_changed.send(sender="events", event_id=event_id)
