"""The demo's comments: a short thread under the report-back in each language (a comment, a
reply to it, another comment), posted, confirmed and approved through the services as readers
and a moderator would, and one more confirmed but still waiting for a moderator. The names are
clearly made up. Their dates are then set to the days after the article's (2022), directly, as
the articles' are."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ayni.newsroom.demo import seeds
from ayni.newsroom.models import Article, Comment
from ayni.newsroom.services.comments import confirm_comment_address, post_comment
from ayni.newsroom.services.moderation import approve_comment

# (name, email, text, reply to the thread's first comment?, approved?)
THREADS = {
    "en": [
        (
            "Demo Reader Alba",
            "alba.demo@example.org",
            "I joined from Sheffield. Hearing the panel speak about the community radios made "
            "the election feel close. Thank you for the recording.",
            False,
            True,
        ),
        (
            "Demo Reader Tomás",
            "tomas.demo@example.org",
            "Same here. Our branch is putting the model motion on the agenda next month.",
            True,
            True,
        ),
        (
            "Demo Reader Ines",
            "ines.demo@example.org",
            "Is there a transcript for those of us who could not listen? See "
            "https://example.org/transcripts for what our group did last time.",
            False,
            True,
        ),
        (
            "Demo Reader Kofi",
            "kofi.demo@example.org",
            "First time here: how do I get the statement to my union branch?",
            False,
            False,
        ),
    ],
    "es": [
        (
            "Lectora de prueba Rosa",
            "rosa.demo@example.org",
            "Lo vi desde Cochabamba. Gracias por el resumen y por la grabación.",
            False,
            True,
        ),
        (
            "Lector de prueba Julián",
            "julian.demo@example.org",
            "¡Qué bueno! Lo comparto con mi sindicato.",
            True,
            True,
        ),
    ],
}


def seed_comments() -> int:
    """The demo's comments under the report-back, in both languages. Returns how many."""
    count = 0
    for language, thread in THREADS.items():
        slug = seeds.REPORT_BACK[language]["slug"]
        article = Article.objects.get(language=language, slug=slug)
        day = article.published_at
        # Posted while the article was new (the comments of a 2022 article are closed now).
        article.published_at = timezone.now()
        first = None
        for number, (name, email, text, is_reply, approved) in enumerate(thread):
            comment = post_comment(
                article=article,
                name=name,
                email=email,
                text=text,
                language=language,
                parent=first if is_reply else None,
            )
            confirm_comment_address(comment)
            if approved:
                approve_comment(comment)
            first = first or comment
            moment = day + timedelta(hours=3 + 5 * number) if day else timezone.now()
            Comment.objects.filter(pk=comment.pk).update(
                created_at=moment,
                confirmed_at=moment,
                published_at=moment if approved else None,
                moderated_at=moment if approved else None,
            )
            count += 1
    return count
