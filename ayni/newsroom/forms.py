"""The reader's forms: a comment, and a search of the news (they validate and normalise only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from ayni.core.forms import VisibleCharField
from ayni.core.pow import answer_field
from ayni.core.textindex import selectors as textindex
from ayni.core.validators import CONTROL_CHARS, validate_plain_text
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
    # The answer to the proof-of-work, filled in by the widget when COMMENT_REQUIRE_CHALLENGE.
    altcha = answer_field()
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


SEARCH_MAX_LENGTH = 200  # characters: a search, not a text (the engine reads fewer still)
CONTROL_MESSAGE = _("This contains invisible control characters. Please remove them.")


class ArticleSearchForm(forms.Form):
    """What a reader looks for in the news: words, "a phrase", -left-out, this OR that. Any
    punctuation is allowed (the engine never reads it as syntax); control characters and text
    with no word to look for are refused with a message that says so."""

    q = forms.CharField(
        label=_("Search the news"),
        max_length=SEARCH_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={
            "required": _("Type a word or two to search for."),
            "max_length": _("Type at most %(limit_value)d characters."),
            "null_characters_not_allowed": CONTROL_MESSAGE,
        },
    )

    def clean_q(self) -> str:
        query: str = self.cleaned_data["q"]
        if "\ufffd" in query or CONTROL_CHARS.search(query):
            raise ValidationError(CONTROL_MESSAGE, code="control")
        if not textindex.has_words(query):
            raise ValidationError(
                _("Type a word to search for: punctuation and search signs alone find nothing."),
                code="no_words",
            )
        return query
