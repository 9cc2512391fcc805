"""core.registry collects what each installed app declares in its platform.py."""

from __future__ import annotations

import sys
import types

import pytest
from django.apps import apps
from django.urls import reverse

from ayni.core import registry
from ayni.core.registry import Contribution, HomeBlock, NavEntry

pytestmark = pytest.mark.django_db


def empty_block(request):
    return None  # a block that has nothing to show is left out


def fake_block(request):
    return {"items": ["one", "two"]}


@pytest.fixture
def extra_app(monkeypatch, settings, tmp_path):
    """Pretend an installed app declares a nav entry and two home blocks."""
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / "_block.html").write_text(
        '<section class="fake-block">{% for item in block.items %}<b>{{ item }}</b>{% endfor %}'
        "</section>"
    )
    templates = [dict(settings.TEMPLATES[0])]
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    module = types.ModuleType("ayni.fake_platform")
    module.contribution = Contribution(  # type: ignore[attr-defined]
        nav=NavEntry(label="Events", url_name="core:about", order=5),
        home_blocks=(
            HomeBlock(template="fake/_block.html", context=f"{__name__}.fake_block", order=1),
            HomeBlock(template="fake/_block.html", context=f"{__name__}.empty_block", order=2),
        ),
    )
    real = registry.registered()
    monkeypatch.setattr(
        registry,
        "registered",
        lambda: (*real, registry.Registered("fake", module.contribution)),  # type: ignore[attr-defined]
    )
    sys.modules["ayni.fake_platform"] = module
    yield module
    del sys.modules["ayni.fake_platform"]


def test_every_installed_app_with_a_platform_module_is_collected_in_order():
    labels = [entry.app_label for entry in registry.registered()]
    installed = [config.label for config in apps.get_app_configs()]
    assert labels == [label for label in installed if label in labels]
    assert "statements" in labels


def test_nav_entries_are_ordered_and_shown_in_the_header(client, extra_app):
    entries = registry.nav_entries()
    assert [entry.label for entry in entries][:2] == ["Events", "Statements"]
    html = client.get(reverse("core:home")).content.decode()
    header = html[html.index('<nav class="wrap site-nav"') :]
    assert header.index(">Events<") < header.index(">Statements<")


def test_home_blocks_render_and_a_block_with_nothing_to_show_is_left_out(client, extra_app):
    html = client.get(reverse("core:home")).content.decode()
    assert html.count('<section class="fake-block">') == 1
    assert '<section class="fake-block"><b>one</b><b>two</b></section>' in html


def test_lead_blocks_come_first_whatever_their_order(monkeypatch):
    ordinary = Contribution(home_blocks=(HomeBlock(template="a", context="x", order=1),))
    lead = Contribution(home_blocks=(HomeBlock(template="b", context="x", order=99, lead=True),))
    monkeypatch.setattr(
        registry,
        "registered",
        lambda: (registry.Registered("one", ordinary), registry.Registered("two", lead)),
    )
    assert [block.template for block in registry.home_blocks()] == ["b", "a"]
