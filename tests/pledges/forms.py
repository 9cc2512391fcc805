from __future__ import annotations

from django import forms

from ayni.supporters.forms import ActionForm
from tests.pledges.models import Pledge


class PledgeForm(ActionForm, forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["name", "email", "wants_updates"]
