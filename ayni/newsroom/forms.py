"""The reader's comment form (validates and normalises only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from ayni.core.forms import VisibleCharField
from ayni.core.validators import validate_plain_text
from ayni.supporters.forms import (
    TEXT_MESSAGES,
    ActionForm,
    clean_action_email,
    email_field,
    name_field,
)


class CommentForm(ActionForm):
    name = name_field()
    email = email_field()
    text = VisibleCharField(
        label=_("Comment"),
        validators=[validate_plain_text],
        help_text=_("Plain text. Web addresses become links."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=TEXT_MESSAGES,
    )
    # The comment this one answers (a reply), if any.
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # The honeypot (`website`, `is_bot`) comes from ActionForm.

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        text = self.fields["text"]
        limit = settings.COMMENT_MAX_LENGTH
        # Read when the form is made, so a changed setting applies (the message is TOO_LONG).
        text.validators.append(MaxLengthValidator(limit))
        text.widget.attrs["maxlength"] = str(limit)

    def clean_email(self) -> str:
        return clean_action_email(self.cleaned_data["email"])
