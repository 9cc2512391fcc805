"""manage.py rebuild_text_index: every declared kind indexed again from its app's source."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ayni.core import registry
from ayni.core.tests.textindex_corpus import ENGLISH
from ayni.core.textindex.selectors import search, similar
from ayni.core.textindex.services import Document

pytestmark = pytest.mark.django_db


def stories() -> list[Document]:
    return [Document(object_id=r[0], language="en", title=r[2], body=r[4]) for r in ENGLISH]


@pytest.fixture
def declared(monkeypatch):
    monkeypatch.setattr(
        registry, "text_sources", lambda: {"story": f"{__name__}.stories"}, raising=True
    )


def test_rebuild_text_index_indexes_each_declared_kind(declared):
    out = StringIO()

    call_command("rebuild_text_index", stdout=out)

    assert f"story: {len(ENGLISH)} indexed" in out.getvalue()
    assert [hit.object_id for hit in search(kind="story", query="penalties")] == [10]
    assert set(similar(kind="story", object_id=13)) == {14, 15, 16}


def test_rebuild_text_index_refuses_an_unknown_kind(declared):
    with pytest.raises(CommandError, match="Unknown kind\\(s\\): comment. Declared: story."):
        call_command("rebuild_text_index", "comment")
