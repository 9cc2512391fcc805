"""The text index's rows (`core/textindex/`), imported by `core/models.py` so Django finds them.

A document is what an app asks to be found or compared: a (kind, object id) pair such as
("article", 42) with its language and three texts. The full-text index over those texts is the
database's own and is not a model: an FTS5 table kept by triggers on SQLite, a generated
`tsvector` column with a GIN index on PostgreSQL (migration 0004). Postings and neighbours are
the "similar stories" engine (`neighbours.py`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TextDocument(models.Model):
    """One indexed text, in one language, of one object of one kind."""

    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.BigIntegerField(_("object"))
    language = models.CharField(_("language"), max_length=2)
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(pgettext_lazy("the main text", "body"), blank=True)

    class Meta:
        verbose_name = _("indexed text")
        verbose_name_plural = _("indexed texts")
        constraints = [
            # One entry per object: indexing again replaces it.
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="textdocument_one_per_object"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["en", "es"]), name="textdocument_language"
            ),
        ]
        indexes = [models.Index(fields=["kind", "language"], name="textdocument_corpus")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class TextTerm(models.Model):
    """A stemmed word of one corpus (kind and language) and how many of its documents hold it."""

    kind = models.CharField(max_length=40)
    language = models.CharField(max_length=2)
    term = models.CharField(max_length=100)
    documents = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # The document counts are upserted on this key (neighbours.count_terms).
            models.UniqueConstraint(fields=["kind", "language", "term"], name="textterm_unique"),
        ]

    def __str__(self) -> str:
        return self.term


class TextPosting(models.Model):
    """One of a document's weightiest terms and its weight in the document's unit vector."""

    # Indexed by the two indexes below, each led by one of them.
    term = models.ForeignKey(TextTerm, on_delete=models.CASCADE, related_name="+", db_index=False)
    document = models.ForeignKey(
        TextDocument, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    weight = models.FloatField()

    class Meta:
        # Both cover their reads (the weight included, so the table itself is never read):
        # "who else holds these terms" when scoring, and a document's own vector.
        indexes = [
            models.Index(fields=["term", "document", "weight"], name="textposting_term"),
            models.Index(fields=["document", "term", "weight"], name="textposting_vector"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.term_id} × {self.weight:.3f}"


class TextNeighbour(models.Model):
    """One of a document's most similar documents (same kind and language) and how similar."""

    # The unique constraint's index is led by the document; the neighbour's own index answers
    # "whose lists hold this one", which an edit or a removal must revisit.
    document = models.ForeignKey(
        TextDocument, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    neighbour = models.ForeignKey(TextDocument, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "neighbour"], name="textneighbour_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} ~ {self.neighbour_id} ({self.score:.3f})"


class TextFloor(models.Model):
    """The score of the last of a document's stored neighbours when its list was last full
    (no row: the list holds every similar document, and any new one enters it). Every document
    outside the list scored no more than this; a list that has lost members since keeps it. A
    new document enters a list only by beating its floor. Floors change with most saves, so
    they live apart from the texts: on PostgreSQL, updating a text's row computes its tsvector
    again."""

    document = models.OneToOneField(
        TextDocument, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    score = models.FloatField()

    def __str__(self) -> str:
        return f"{self.document_id} ≥ {self.score:.3f}"
