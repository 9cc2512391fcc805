"""Back-office forms for motions: validate and normalise only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ayni.core.admin_slugs import SlugFromTitleForm
from ayni.motions.enums import CommitmentKind
from ayni.motions.models import Adoption, Forwarding, Motion
from ayni.motions.services import forwarding, moderation


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


# --- Moderating reports (mo-moderation) -------------------------------------------------------


class RejectForm(forms.Form):
    """Why a report is not accepted: sent to the reporter as typed (plain text)."""

    reason = forms.CharField(
        label=_("Reason (the reporter is emailed it)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": moderation.REASON_MAX}),
        help_text=_(
            "Plain text, at most 2000 characters, in the reporter's language: say what is "
            "wrong and what would put it right."
        ),
    )

    def clean_reason(self) -> str:
        try:
            return moderation.clean_reason(self.cleaned_data.get("reason", ""))
        except ValidationError as error:
            raise ValidationError(error.message_dict["reason"]) from None


class MergeTargetField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Adoption) -> str:
        return _("%(date)s · %(outcome)s · %(status)s · report #%(id)s") % {
            "date": formats.date_format(obj.meeting_date, "DATE_FORMAT"),
            "outcome": obj.get_outcome_display(),
            "status": obj.get_status_display(),
            "id": obj.pk,
        }


class MergeForm(forms.Form):
    """Which report of the same motion and body this one duplicates."""

    into = MergeTargetField(
        label=_("Merge into"),
        queryset=Adoption.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the report to keep."),
            "invalid_choice": _(
                "Choose one of the listed reports: only reports of the same motion by the "
                "same body, waiting or verified, can be kept."
            ),
        },
    )

    def __init__(self, *args: Any, targets: QuerySet[Adoption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = targets  # type: ignore[attr-defined]


class ForwardingAdminForm(forms.ModelForm):
    """A forwarding's meeting, deadline and state: a state contradicting its linked result is
    refused here, with the service's words."""

    class Meta:
        model = Forwarding
        fields = ["meeting", "deadline", "state"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_state(self) -> str:
        state = self.cleaned_data["state"]
        try:
            forwarding.check_state(forwarding=self.instance, state=state)
        except ValidationError as error:
            raise ValidationError(error.message_dict["state"]) from None
        return state
