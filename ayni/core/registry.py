"""How an app plugs into the site: it declares, in its own `platform.py`, what it adds.

Each app that has something to add (a section in the navigation, a block on the home page,
pages in the sitemap, periodic jobs, role grants, demo data) has a module `platform.py`
holding one `contribution = Contribution(...)`. Core collects them here, in the order of
INSTALLED_APPS, and never imports an app by name: adding an app edits no file of another.

    # ayni/events/platform.py
    contribution = Contribution(
        nav=NavEntry(label=_("Events"), url_name="events:list", order=20),
        home_blocks=(HomeBlock(template="events/_home_block.html",
                               context="ayni.events.selectors.home_block", order=20),),
        sitemaps={"events": "ayni.events.sitemaps.EventSitemap"},
        periodic_jobs=(PeriodicJob("events.dispatch_emails",
                                   "ayni.events.tasks.periodic_dispatch_emails",
                                   "EMAIL_DISPATCH_INTERVAL"),),
    )

Callables are named by dotted path, so declaring imports nothing heavy and `core` learns of
an app's code only when it runs it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.module_loading import import_string

MODULE = "platform"


@dataclass(frozen=True)
class NavEntry:
    """A section in the site header (Statements, Events, …), in `order`."""

    label: str | Promise
    url_name: str
    order: int = 50


@dataclass(frozen=True)
class HomeBlock:
    """A block on the home page: `context(request)` returns the template's context, or None
    to leave the block out. A `lead` block is the call to action and comes first."""

    template: str
    context: str
    order: int = 50
    lead: bool = False


@dataclass(frozen=True)
class PeriodicJob:
    """A job the worker runs at most once per interval across all workers; the interval is
    seconds or the name of a setting holding them. A job that `feeds_queue` turns rows
    waiting for work into queued tasks: `run_pending_tasks` (tests, `manage.py run_tasks`)
    also runs it whenever the queue is empty."""

    name: str
    task: str
    interval: str | float
    feeds_queue: bool = False

    def seconds(self) -> float:
        if isinstance(self.interval, str):
            return float(getattr(settings, self.interval))
        return float(self.interval)


@dataclass(frozen=True)
class UnconfirmedForms:
    """An app's supporter-action forms whose address is never confirmed, which the supporters'
    retention job (ayni.supporters.retention) erases once their confirmation links are dead.

    `select` names a selector: `select(before)` returns a QuerySet of the forms not confirmed
    whose last confirmation link went out before `before` (read in keyset pages by id).
    `erase` names a service: `erase(ids=[...], before=...)` locks those forms, erases the ones
    still so (the row, its personal fields, its emails) and returns an
    `ayni.supporters.retention.Erased`. `name` names them in the job's log and result."""

    name: str
    select: str
    erase: str


@dataclass(frozen=True)
class PrivacyNote:
    """A section of the privacy page: `template`, rendered with what `context()` returns (the
    figures it states, read from settings)."""

    template: str
    context: str

    def render(self, request: HttpRequest) -> str:
        return render_to_string(self.template, import_string(self.context)(), request=request)


@dataclass(frozen=True)
class Contribution:
    nav: NavEntry | None = None
    home_blocks: tuple[HomeBlock, ...] = ()
    # sitemap section -> dotted path of a django.contrib.sitemaps.Sitemap subclass
    sitemaps: Mapping[str, str] = field(default_factory=dict)
    periodic_jobs: tuple[PeriodicJob, ...] = ()
    # role name -> extra permissions beyond the defaults every app gets (see core.roles)
    role_grants: Mapping[str, Q] = field(default_factory=dict)
    # dotted path of a callable seeding the app's demo data through its own services, once
    # (a second call loads nothing); it returns what to tell the operator, one line each
    demo: str | None = None
    # paths (after the language prefix) of pages that belong to one person, such as the links
    # in a confirmation email: robots.txt keeps crawlers out of them
    private_paths: tuple[str, ...] = ()
    # purpose -> ayni.supporters.consent.ConsentText: what a supporter agrees to when they take
    # this app's action (recorded word for word by supporters.services.record_consent)
    consent_texts: Mapping[str, Any] = field(default_factory=dict)
    # forms of this app's supporter action never confirmed: erased once their links are dead
    unconfirmed: tuple[UnconfirmedForms, ...] = ()
    # kind -> dotted path of a selector `(slug) -> object | None` giving the public page of that
    # kind at that address (an object with `get_absolute_url` and a title): how one app points
    # at another's page (an article's call to action) without importing its models. See
    # `link_target`.
    link_targets: Mapping[str, str] = field(default_factory=dict)
    # text index kind -> dotted path of a callable giving every object of that kind that should
    # be found, as core.textindex.services.Document: `manage.py rebuild_text_index` reads it
    text_index: Mapping[str, str] = field(default_factory=dict)
    # sections of the privacy page saying what the app keeps about readers beyond what the
    # page's general part says (what, why, how long)
    privacy_notes: tuple[PrivacyNote, ...] = ()


@dataclass(frozen=True)
class Registered:
    app_label: str
    contribution: Contribution


@functools.cache
def registered() -> tuple[Registered, ...]:
    """Every installed app's contribution, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.{MODULE}"
        if find_spec(module_name) is None:
            continue
        contribution = getattr(import_module(module_name), "contribution", None)
        if isinstance(contribution, Contribution):
            found.append(Registered(config.label, contribution))
    return tuple(found)


def nav_entries() -> list[NavEntry]:
    entries = [r.contribution.nav for r in registered() if r.contribution.nav]
    return sorted(entries, key=lambda entry: entry.order)


def home_blocks() -> list[HomeBlock]:
    blocks = [block for r in registered() for block in r.contribution.home_blocks]
    return sorted(blocks, key=lambda block: (not block.lead, block.order))


def sitemaps() -> dict[str, Any]:
    return {
        section: import_string(path)
        for r in registered()
        for section, path in r.contribution.sitemaps.items()
    }


def private_paths() -> list[str]:
    return [path for r in registered() for path in r.contribution.private_paths]


def periodic_jobs() -> list[PeriodicJob]:
    return [job for r in registered() for job in r.contribution.periodic_jobs]


def privacy_notes() -> list[PrivacyNote]:
    return [note for r in registered() for note in r.contribution.privacy_notes]


def unconfirmed_forms() -> list[UnconfirmedForms]:
    return [forms for r in registered() for forms in r.contribution.unconfirmed]


def role_grants(role: str) -> Q:
    """What `role` may do beyond core's defaults, from every app's `role_grants`, each grant
    confined to its own app's permissions (an app cannot widen a role elsewhere)."""
    granted = Q(pk__in=[])
    for r in registered():
        if role in r.contribution.role_grants:
            granted |= Q(content_type__app_label=r.app_label) & r.contribution.role_grants[role]
    return granted


def consent_texts() -> dict[str, Any]:
    return {
        purpose: text
        for r in registered()
        for purpose, text in r.contribution.consent_texts.items()
    }


@dataclass(frozen=True)
class LinkTarget:
    """Another app's public page, as a link names it."""

    kind: str
    title: str
    summary: str
    url: str


def link_target(kind: str, slug: str) -> LinkTarget | None:
    """The public page of `kind` at `slug` through the selector an app declared for `kind`
    (`Contribution.link_targets`), or None (no such kind, no such page, or not public). The
    title is the object's `title` in the page's language where it has one, else its name; the
    summary its `summary` or "". A bilingual object (core.models.Bilingual) gives its
    `title_<language>`."""
    paths = {k: path for r in registered() for k, path in r.contribution.link_targets.items()}
    if kind not in paths or not slug:
        return None
    found = import_string(paths[kind])(slug)
    if found is None:
        return None
    if hasattr(found, "text") and hasattr(found, "title_en"):
        title = found.text("title")
    else:
        title = getattr(found, "title", "") or str(found)
    return LinkTarget(
        kind=kind,
        title=str(title),
        summary=str(getattr(found, "summary", "") or ""),
        url=found.get_absolute_url(),
    )


def text_sources() -> dict[str, str]:
    """Each text index kind the apps declare, and the dotted path giving its documents."""
    return {kind: path for r in registered() for kind, path in r.contribution.text_index.items()}


def demo_seeders() -> list[Callable[..., Any]]:
    return [import_string(r.contribution.demo) for r in registered() if r.contribution.demo]
