"""The demo statement: its text, its notable signatories and a few hundred fictional signers.

Facts from the scenario (a Bolivia solidarity campaign), every sentence new; every person and
organisation is fictional. `seed_demo` is statements' demo seeder (declared in platform.py and
run by `manage.py seed_demo`).

The signers go through the services a real signer goes through: `sign_statement` records each
sending of the form, `process_submissions` folds them into signatures, `confirm_signature`
confirms them (making their Supporter and consent records). What a demo needs beyond life is
then written directly, in one place (`_backdate`): the signing spread over the last 30 days,
and the emails marked sent, since the fictional addresses must get no mail.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ayni.core.demo import people
from ayni.statements.enums import EmailDue, SignatureStatus, SignerKind
from ayni.statements.models import (
    NotableSignatory,
    Signature,
    Statement,
    StatementTranslation,
    Submission,
)
from ayni.statements.services import (
    confirm_signature,
    open_statement,
    process_submissions,
    roll_up_counts,
    sign_statement,
)

SLUG = "stand-with-democracy-in-bolivia"

STATEMENT = {
    "en": {
        "title": "Stand with Democracy and Social Progress in Bolivia",
        "target": "The UK government, trade unions and Labour movement representatives",
        "summary": (
            "No to anti-democratic violence and destabilisation. Add your name to stand with "
            "Bolivia's elected government and the popular organisations defending it."
        ),
        "image_alt": "A Wiphala flag, its squares of colour bright against the sky",
        "body": """\
Bolivia's people elected their government at the ballot box in 2020, a year after the coup
of 2019 forced out the government of Evo Morales. Since then the country has begun to rebuild
what the coup regime tore down.

**We, the undersigned, say no to anti-democratic violence and destabilisation.**

In recent weeks a campaign led from Santa Cruz has tried to paralyse the country: roads
blocked, factories forced shut, and the offices of the regional peasant workers' federation
destroyed. Bolivia's own human rights assembly has warned that union and community leaders are
being threatened and intimidated. Its purpose is plain: to weaken an elected government and
open the way to another attempt to overturn the vote.

The gains at stake are real:

- urban unemployment down from 8.1% to 5.3% in a single year, and far fewer adults living in
  moderate poverty;
- a minimum wage raised by 4% in agreement with the national trade union centre, the COB;
- a wealth tax that helps pay for health, education and the fight against hunger;
- stronger protection for women and children against violence.

We call on:

1. the UK government to respect Bolivia's sovereignty and its democratic institutions;
2. our trade unions and representatives to build direct links with their Bolivian
   counterparts;
3. union and party branches everywhere to pass motions of solidarity — at branch, regional and
   national level.

The people of Bolivia have defended their democracy before. They should not have to do it
alone.
""",
    },
    "es": {
        "title": "Con la democracia y el progreso social en Bolivia",
        "target": "El gobierno británico, los sindicatos y los representantes del movimiento laborista",
        "summary": (
            "No a la violencia antidemocrática y a la desestabilización. Suma tu nombre en apoyo al "
            "gobierno electo de Bolivia y a las organizaciones populares que lo defienden."
        ),
        "image_alt": "Una bandera wiphala, con sus cuadros de colores vivos contra el cielo",
        "body": """\
El pueblo boliviano eligió a su gobierno en las urnas en 2020, un año después de que el golpe
de 2019 derrocara al gobierno de Evo Morales. Desde entonces el país ha empezado a reconstruir
lo que el régimen golpista destruyó.

**Quienes firmamos decimos no a la violencia antidemocrática y a la desestabilización.**

En las últimas semanas, una campaña dirigida desde Santa Cruz ha intentado paralizar el país:
carreteras bloqueadas, fábricas obligadas a cerrar y la sede de la federación regional de
trabajadores campesinos destruida. La propia asamblea de derechos humanos de Bolivia ha
advertido que dirigentes sindicales y comunitarios sufren amenazas e intimidación. El propósito
es evidente: debilitar a un gobierno electo y abrir el camino a otro intento de anular el voto.

Lo que está en juego es real:

- el desempleo urbano bajó del 8,1 % al 5,3 % en un solo año, y hay muchas menos personas
  adultas en situación de pobreza moderada;
- el salario mínimo subió un 4 % en acuerdo con la central sindical nacional, la COB;
- un impuesto a las grandes fortunas ayuda a financiar la salud, la educación y la lucha
  contra el hambre;
- hay más protección para mujeres, niñas y niños frente a la violencia.

Pedimos:

1. al gobierno británico, que respete la soberanía de Bolivia y sus instituciones democráticas;
2. a nuestros sindicatos y representantes, que establezcan vínculos directos con sus pares
   bolivianos;
3. a las secciones sindicales y de partido de todas partes, que aprueben mociones de
   solidaridad en el ámbito local, regional y nacional.

El pueblo boliviano ya ha defendido su democracia. No debería tener que hacerlo en soledad.
""",
    },
}

# Fictional, and recognisably so.
NOTABLES = [
    ("Cllr Marta Invented", "Chair, Northtown Trades Council (fictional)", "GB"),
    (
        "Dr Pablo Ejemplo",
        "Lecturer in Latin American Studies, Riverside University (fictional)",
        "GB",
    ),
    ("Rosa Placeholder MP", "Member of Parliament for Anytown East (fictional)", "GB"),
    ("Juana Ficticia Mamani", "Coordinator, Diaspora Solidarity Network (fictional)", "BO"),
]

COMMENTS = [
    "Solidarity from our branch.",
    "Democracy must be respected.",
    "Con Bolivia, siempre.",
    "",
    "",
    "",
]


def seed_demo() -> list[str]:
    """statements' demo seeder: the demo statement, once. Returns what to tell the operator."""
    statement = seed_statement()
    if statement is None:
        return []
    return [f"Loaded the demo statement: {statement.get_absolute_url()}"]


@transaction.atomic
def seed_statement(*, signers: int = 400, rng: random.Random | None = None) -> Statement | None:
    """The demo statement, open for the last 30 days, with `signers` fictional signers (one in
    17 never confirmed); None if it is already there."""
    if Statement.objects.filter(slug=SLUG).exists():
        return None
    rng = rng or random.Random(2022)  # noqa: S311 (demo data, not security)
    now = timezone.now()
    # Statements are written in the back office (the admin), so there is no service to create
    # one; opening it is a service.
    statement = Statement.objects.create(
        slug=SLUG, goal=1000, deadline=now + timedelta(days=60), featured=True
    )
    for language, text in STATEMENT.items():
        StatementTranslation.objects.create(statement=statement, language=language, **text)
    for position, (name, description, country) in enumerate(NOTABLES):
        NotableSignatory.objects.create(
            statement=statement,
            name=name,
            description=description,
            country=country,
            position=position,
        )
    open_statement(statement=statement)

    signed_at: dict[int, datetime] = {}
    for index in range(signers):
        submission = _sign(statement, index, signers, rng)
        signed_at[submission.pk] = now - (
            timedelta(days=30) * (1 - (index / signers) ** 0.6)
            + timedelta(minutes=rng.randint(5, 600))
        )
    # Backdated before the fold, so the rate limits judge the signing as spread over 30 days.
    Submission.objects.bulk_update(
        [Submission(pk=pk, created_at=moment) for pk, moment in signed_at.items()],
        ["created_at"],
    )
    process_submissions(limit=signers)
    confirmed_after: dict[int, timedelta] = {}
    for index, submission in enumerate(
        Submission.objects.filter(statement=statement).order_by("pk")
    ):
        if index % 17 == 0:
            continue  # never confirmed: pending
        confirm_signature(submission=submission)
        confirmed_after[submission.pk] = timedelta(minutes=rng.randint(1, 90))
    _backdate(statement, now=now, confirmed_after=confirmed_after)
    roll_up_counts()
    return statement


def _sign(statement: Statement, index: int, signers: int, rng: random.Random) -> Submission:
    first, last = rng.choice(people.FIRST_NAMES), rng.choice(people.SURNAMES)
    as_org = index % 25 == 0
    organisation, role = (
        rng.choice(people.ORGANISATIONS) if (as_org or index % 4 == 0) else ("", "")
    )
    if as_org:
        organisation = organisation.replace("(fictional)", f"no. {index} (fictional)")
    return sign_statement(
        statement=statement,
        kind=SignerKind.ORGANISATION if as_org else SignerKind.INDIVIDUAL,
        name=f"{first} {last}",
        email=f"{first}.{last}.{index}@example.org".lower(),
        country=rng.choice(people.COUNTRIES),
        organisation=organisation,
        role=role,
        comment=rng.choice(COMMENTS),
        show_publicly=as_org or rng.random() < 0.75,
        wants_updates=rng.random() < 0.5,
        language="es" if rng.random() < 0.3 else "en",
        # A few signers share an address, as households and offices do.
        ip_hash=f"demo{index % 97:04d}",
    )


def _backdate(
    statement: Statement, *, now: datetime, confirmed_after: dict[int, timedelta]
) -> None:
    """What a demo needs beyond what the services did: the statement opened 30 days ago, each
    signature signed (and confirmed, `confirmed_after` its submission, by submission id) when its
    submission says, and every email marked sent."""
    Statement.objects.filter(pk=statement.pk).update(opened_at=now - timedelta(days=30))
    submissions = Submission.objects.filter(statement=statement)
    submissions.update(
        processed_at=F("created_at"),
        email_due=EmailDue.NONE,
        email_due_at=None,
        email_queued_at=None,
        emailed_at=F("created_at"),
    )
    # Each demo signer sent the form once: their signature is their one submission's.
    signed = {row[0]: row[1:] for row in submissions.values_list("signature", "pk", "created_at")}
    signatures = list(Signature.objects.filter(statement=statement))
    for signature in signatures:
        submission_pk, signature.created_at = signed[signature.pk]
        if signature.status == SignatureStatus.CONFIRMED:
            signature.confirmed_at = signature.created_at + confirmed_after[submission_pk]
    Signature.objects.bulk_update(signatures, ["created_at", "confirmed_at"])
