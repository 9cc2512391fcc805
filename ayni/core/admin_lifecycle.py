"""Publish, close and reopen buttons, their POST view, bulk actions and a preview, for any app.

An app's ModelAdmin declares its steps (each calls the app's own lifecycle service) and how its
page is previewed, and copies nothing::

    class EventAdmin(LifecycleAdminMixin, admin.ModelAdmin):
        lifecycle_transitions = (
            Transition(
                name="publish", label=_("Publish"), service=services.publish_event,
                when={EventState.DRAFT}, done=_("“%(object)s” is published."),
                done_count=ngettext_lazy("%(count)d event published.",
                                         "%(count)d events published.", "count"),
            ),
            ...
        )

        def render_preview(self, request, obj):
            return views.event_preview(request, obj)

What it adds to the edit page (templates/admin/lifecycle_change_form.html): the object's title
as the heading and in the breadcrumbs, its state, one POST button per step that applies (to
users who may change it), and "Preview" where "View on site" would lead to a 404; an app adds
its own (`change_form_context`) for its admin/<app>/<model>/change_form.html, which extends it.

A step declared with a `confirm` question asks first: its button leads to a page with the
question (apps may add what will follow, in `confirmation_question`) and a confirm button.

A service is called as ``service(<model_name>=obj)`` and refuses a step that does not apply by
raising ValidationError: its message is shown and nothing changes. Each step done is written to
the admin's history (LogEntry) and the log, from the button as from the bulk action.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Transition:
    """One step of an object's life cycle: a button on its edit page and a bulk action."""

    name: str  # in the URL and as the bulk action's name: "publish"
    label: StrOrPromise  # the button and the bulk action: "Publish"
    service: Callable[..., object]  # service(<model_name>=obj); ValidationError refuses
    when: Collection[str]  # the states in which the button is shown
    done: StrOrPromise  # after the button, with %(object)s
    done_count: StrOrPromise  # after the bulk action: ngettext_lazy(..., "count")
    help: StrOrPromise = ""  # one line beside the button: what the step does
    # A step that cannot be undone asks first: the question (with %(object)s) on a page with a
    # confirm button; such a step has no bulk action.
    confirm: StrOrPromise = ""


class LifecycleAdminMixin(admin.ModelAdmin):
    """Declare `lifecycle_transitions` (and override `render_preview`, `object_heading`)."""

    lifecycle_transitions: tuple[Transition, ...] = ()
    lifecycle_state_field = "state"
    # The states in which the public can see the object (its get_absolute_url answers).
    lifecycle_public_states: Collection[str] = ()

    # --- What an app may override ----------------------------------------------------------

    def object_heading(self, obj: Any) -> str:
        """What the object is called in headings and breadcrumbs (its title, not its slug)."""
        return str(obj)

    def render_preview(self, request: HttpRequest, obj: Any) -> HttpResponse:
        """The object's public page as it will look, marked as a preview. Apps override."""
        raise Http404

    def confirmation_question(self, obj: Any, step: Transition) -> str:
        """What a step that asks first asks (apps may add what it will do: who is emailed)."""
        return str(step.confirm) % {"object": self.object_heading(obj)}

    def change_form_context(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        """More for the edit page of a saved object, for the app's own change_form.html (a
        notice about where the object comes from, say)."""
        return {}

    # --- Helpers -------------------------------------------------------------------------

    def _url_name(self, suffix: str) -> str:
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}_{suffix}"

    def _admin_url(self, suffix: str, *args: object) -> str:
        return reverse(f"{self.admin_site.name}:{self._url_name(suffix)}", args=args)

    def lifecycle_state(self, obj: Any) -> str:
        return getattr(obj, self.lifecycle_state_field)

    def is_public(self, obj: Any) -> bool:
        return self.lifecycle_state(obj) in self.lifecycle_public_states

    def preview_url(self, obj: Any) -> str:
        return self._admin_url("preview", obj.pk)

    def get_view_on_site_url(self, obj: Any = None) -> str | None:
        # The public page of something not public is a 404: show the preview instead.
        if obj is not None and obj.pk and not self.is_public(obj):
            return self.preview_url(obj)
        return super().get_view_on_site_url(obj)

    def transitions_for(self, request: HttpRequest, obj: Any) -> list[Transition]:
        """The steps whose buttons `request.user` sees for `obj` as it is now."""
        if not self.has_change_permission(request, obj):
            return []
        state = self.lifecycle_state(obj)
        return [step for step in self.lifecycle_transitions if state in step.when]

    def apply_transition(self, request: HttpRequest, obj: Any, step: Transition) -> str | None:
        """Run one step: None when done (and logged), else why it was refused."""
        try:
            step.service(**{self.model._meta.model_name or "obj": obj})
        except ValidationError as refusal:
            return " ".join(refusal.messages)
        self.log_change(request, obj, str(step.label))
        logger.info("User %s: %s %s %s", request.user.pk, step.name, self.model._meta.label, obj.pk)
        return None

    # --- URLs and views ---------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/", view(self.preview_view), name=self._url_name("preview")
            ),
            path(
                "<path:object_id>/lifecycle/<slug:step>/",
                view(self.transition_view),
                name=self._url_name("transition"),
            ),
            *super().get_urls(),
        ]

    def _object_or_404(self, request: HttpRequest, object_id: str) -> Any:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such object."))
        return obj

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """GET: the public page as it will look. `?language=es` shows it in another language."""
        obj = self._object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        language = request.GET.get("language", "")
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            response = self.render_preview(request, obj)
            if isinstance(response, TemplateResponse):
                response.render()
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response

    def transition_view(self, request: HttpRequest, object_id: str, step: str) -> HttpResponse:
        """POST: run one step, say what happened, and go back to the edit page."""
        obj = self._object_or_404(request, object_id)
        change_url = self._admin_url("change", obj.pk)
        if request.method != "POST":
            return HttpResponseRedirect(change_url)  # a state change is a POST, never a link
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        chosen = next((t for t in self.lifecycle_transitions if t.name == step), None)
        if chosen is None:
            raise Http404(_("No such step."))
        applies = chosen in self.transitions_for(request, obj)
        if chosen.confirm and applies and "confirmed" not in request.POST:
            # Asks only when it would act: a step that does not apply is refused at once.
            return self.confirmation_view(request, obj, chosen)
        refusal = self.apply_transition(request, obj, chosen)
        heading = self.object_heading(obj)
        if refusal is None:
            self.message_user(request, chosen.done % {"object": heading}, messages.SUCCESS)
        else:
            self.message_user(
                request,
                _("“%(object)s” was not changed: %(reason)s")
                % {"object": heading, "reason": refusal},
                messages.ERROR,
            )
        return HttpResponseRedirect(change_url)

    def confirmation_view(self, request: HttpRequest, obj: Any, step: Transition) -> HttpResponse:
        """The page a step that asks first shows: its question, confirm, or go back."""
        heading = self.object_heading(obj)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": step.label,
            "subtitle": heading,
            "object": obj,
            "heading": heading,
            "step": step,
            "question": self.confirmation_question(obj, step),
            "action_url": self._admin_url("transition", obj.pk, step.name),
            "change_url": self._admin_url("change", obj.pk),
        }
        return TemplateResponse(request, "admin/lifecycle_confirm.html", context)

    # --- The edit page and the list -----------------------------------------------------------

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        if obj is not None and obj.pk:
            heading = self.object_heading(obj)
            context.update(
                # The title as the page's heading; "Change statement" beneath it.
                subtitle=context.get("title"),
                title=heading,
                lifecycle={
                    "heading": heading,
                    "state": getattr(obj, f"get_{self.lifecycle_state_field}_display")(),
                    "steps": [
                        (step, self._admin_url("transition", obj.pk, step.name))
                        for step in self.transitions_for(request, obj)
                    ],
                    "preview_url": None if self.is_public(obj) else self.preview_url(obj),
                },
                **self.change_form_context(request, obj),
            )
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if self.change_form_template is None and isinstance(response, TemplateResponse):
            # The app's own template, if it has one, extends the lifecycle one.
            opts = self.model._meta
            response.template_name = [
                f"admin/{opts.app_label}/{opts.model_name}/change_form.html",
                f"admin/{opts.app_label}/change_form.html",
                "admin/lifecycle_change_form.html",
            ]
        return response

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if IS_POPUP_VAR in request.GET or not self.has_change_permission(request):
            return actions
        for step in self.lifecycle_transitions:
            if step.confirm:
                continue  # asks first, one object at a time
            actions[step.name] = (self._bulk_action(step), step.name, str(step.label))
        return actions

    def _bulk_action(self, step: Transition) -> Callable[..., Any]:
        def action(
            modeladmin: LifecycleAdminMixin, request: HttpRequest, queryset: QuerySet
        ) -> None:
            done, refused = 0, []
            for obj in queryset:
                refusal = self.apply_transition(request, obj, step)
                if refusal is None:
                    done += 1
                else:
                    refused.append((obj, refusal))
            self.message_user(request, step.done_count % {"count": done}, messages.SUCCESS)
            for obj, refusal in refused:
                self.message_user(
                    request,
                    _("“%(object)s” was not changed: %(reason)s")
                    % {"object": self.object_heading(obj), "reason": refusal},
                    messages.WARNING,
                )

        return action
