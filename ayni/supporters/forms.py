"""What every supporter action's public form has: the honeypot."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ActionForm(forms.Form):
    """The base of an action's public form (a ModelForm may inherit it too).

    `website` is a field people never see (`supporters/_honeypot.html` renders it off-screen,
    out of the tab order); bots fill it in. A view answers a bot exactly as it answers
    anybody (the same "check your inbox"), and records nothing, so the bot learns nothing.
    """

    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
