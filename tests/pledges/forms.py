from __future__ import annotations

from django import forms

from tests.pledges.models import Pledge


class PledgeForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["name", "email", "wants_updates"]
