"""Back-office forms for motions: validate and normalise only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.core.admin_slugs import SlugFromTitleForm
from ayni.motions.enums import CommitmentKind
from ayni.motions.models import Motion


class MotionAdminForm(SlugFromTitleForm):
    """A motion's edit form: its suggested commitments as boxes to tick (stored as their
    codes, comma-separated), and a blank address made from the English title."""

    title_inline_prefix = ""
    title_field = "title_en"

    suggested_commitments = forms.MultipleChoiceField(
        label=_("suggested commitments"),
        choices=CommitmentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What the motion asks a body to do; listed on its page."),
    )

    class Meta:
        model = Motion
        fields = "__all__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["suggested_commitments"] = self.instance.commitment_kinds

    def clean_suggested_commitments(self) -> str:
        chosen = set(self.cleaned_data["suggested_commitments"])
        # In the order the enum lists them, whatever order the boxes came in.
        return ",".join(kind for kind in CommitmentKind.values if kind in chosen)
