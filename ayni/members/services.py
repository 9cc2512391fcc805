"""Writes of the members app (subscriptions, memberships, sign-in).

Other apps meet it through here and its selectors (the independence contract's doors): the
signal below is how it tells them a reader signed in, without knowing who listens."""

from __future__ import annotations

from django.dispatch import Signal

# Sent when a reader signs in through their magic link, with `request` (the new session is
# already in place) and `member`. The newsroom's meter listens: the reads counted against
# the browser's cookie before signing in are merged into the member's count.
member_logged_in = Signal()
