"""20,000 plausible articles for the newsroom benchmarks (bench/newsroom.py), written straight
into the database with bulk_create (the authoring forms are not what is measured).

Deterministic (seeded). Each article is in English (80 %) or Spanish (20 %), of one of eight
campaign topics; its text mixes the language's real stop-words (about 40 %), a general
vocabulary of real words (a news list and Faker's word list for the language, about 1,100),
people's names (Faker's), its topic's own words, and its topic's places and organisations
(5,000 made-up proper names a topic: the long tail a real corpus has), each drawn with Zipf's
law (the n-th commonest in proportion to 1/n).
Titles and standfirsts lean on the topic's words, as a headline does. Some Spanish articles are
translations of an English one; a tenth are metered, a few members-only; authors and tags as a
newsroom has them.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

ARTICLES = 20_000


def _w(text: str) -> list[str]:
    return text.split()


SPANISH = 0.2
TOPICS: dict[str, dict[str, list[str]]] = {
    "lithium": {
        "en": _w(
            "lithium mine mining salt flats brine water battery extraction company royalties "
            "export copper deposit reserves concession drilling plant evaporation pond cathode "
            "carbonate refinery investors contract sovereignty nationalisation miners licence "
            "tonnes ore geologists shareholders smelter tailings price market"
        ),
        "es": _w(
            "litio mina minería salar salmuera agua batería extracción empresa regalías "
            "exportación cobre yacimiento reservas concesión perforación planta evaporación piscina "
            "cátodo carbonato refinería inversores contrato soberanía nacionalización mineros "
            "licencia toneladas mineral geólogos accionistas fundición relaves precio mercado"
        ),
    },
    "unions": {
        "en": _w(
            "union strike ballot pay wages workers branch members picket dispute employer "
            "negotiation bargaining teachers nurses dockers walkout overtime pension conference "
            "delegates motion solidarity shop steward recognition contract redundancy agreement "
            "offer ballots turnout mandate"
        ),
        "es": _w(
            "sindicato huelga votación salario salarios trabajadores seccional afiliados "
            "piquete conflicto patronal negociación convenio maestros enfermeras portuarios paro "
            "horas pensión congreso delegados moción solidaridad delegado reconocimiento contrato "
            "despidos acuerdo oferta papeletas participación mandato"
        ),
    },
    "elections": {
        "en": _w(
            "election vote voters ballot count candidate party campaign polling station "
            "observers fraud recount tribunal results president parliament coalition referendum "
            "turnout constituency registration mandate opposition senate runoff debate manifesto "
            "electoral commission democracy"
        ),
        "es": _w(
            "elección votos votantes papeleta recuento candidato partido campaña mesa "
            "recinto observadores fraude tribunal resultados presidente parlamento coalición "
            "referéndum participación circunscripción padrón mandato oposición senado balotaje "
            "debate programa electoral democracia información"
        ),
    },
    "water": {
        "en": _w(
            "water river drought glacier rainfall reservoir pollution contamination "
            "irrigation wells aquifer dam flooding climate wetlands lake fish farmers crops "
            "harvest pipeline supply sanitation utility privatisation tariff rivers basin "
            "emergency shortage"
        ),
        "es": _w(
            "agua río sequía glaciar lluvias embalse contaminación polución riego pozos "
            "acuífero represa inundaciones clima humedales lago peces agricultores cultivos "
            "cosecha tubería suministro saneamiento servicio privatización tarifa ríos cuenca "
            "emergencia escasez"
        ),
    },
    "health": {
        "en": _w(
            "hospital doctors nurses clinic patients vaccine medicine health ministry "
            "budget waiting beds pandemic ward surgery pharmacy insurance care maternity "
            "ambulance disease outbreak treatment staff shortage emergency rural clinics "
            "prescription"
        ),
        "es": _w(
            "hospital médicos enfermeras clínica pacientes vacuna medicina salud ministerio "
            "presupuesto espera camas pandemia sala cirugía farmacia seguro atención maternidad "
            "ambulancia enfermedad brote tratamiento personal escasez urgencias rural "
            "consultorios receta"
        ),
    },
    "education": {
        "en": _w(
            "school schools teachers pupils students university classroom curriculum exams "
            "fees literacy textbooks headteacher lessons grants campus lecturers scholarship "
            "enrolment academy tuition graduates kindergarten reading bilingual inspection "
            "timetable"
        ),
        "es": _w(
            "escuela escuelas maestros alumnos estudiantes universidad aula currículo "
            "exámenes matrícula alfabetización libros director clases becas campus docentes "
            "beca inscripción academia colegiatura egresados kínder lectura bilingüe educación "
            "inspección horario"
        ),
    },
    "land": {
        "en": _w(
            "indigenous land territory community communities forest rights ancestral "
            "consultation title eviction settlers cattle ranchers fires deforestation highlands "
            "lowlands ayllu council autonomy leaders reserve boundary harvest quinoa coca "
            "highway protest"
        ),
        "es": _w(
            "indígena tierra territorio comunidad comunidades bosque derechos ancestral "
            "consulta título desalojo colonos ganado ganaderos incendios deforestación altiplano "
            "tierras ayllu consejo autonomía dirigentes reserva límite cosecha quinua coca "
            "carretera protesta"
        ),
    },
    "economy": {
        "en": _w(
            "debt loan lenders bonds default inflation currency exchange budget deficit "
            "austerity subsidies fuel imports exports growth interest banks reserves fund "
            "payments creditors restructuring taxes spending prices wages economists recession "
            "unemployment"
        ),
        "es": _w(
            "deuda préstamo acreedores bonos impago inflación moneda cambio presupuesto "
            "déficit austeridad subsidios combustible importaciones exportaciones crecimiento "
            "intereses bancos reservas fondo pagos reestructuración impuestos gasto precios "
            "salarios economistas recesión desempleo económica"
        ),
    },
}
GENERAL = {
    "en": _w(
        "government minister people country city week month year today report statement "
        "meeting campaign support group national international local public new old first last "
        "long small large local regional office police court law decision plan policy spokesman "
        "crisis action demand call letter march rally activists organisers solidarity friends "
        "members committee news media press radio television social network online families "
        "children women men young older history future change power control state region "
        "province capital border neighbours trade aid agreement talks protest movement resistance "
        "rights justice freedom peace violence security army military coup government's "
        "officials leaders senator mayor governor authorities residents workers citizens voices "
        "story interview speech announced warned promised rejected accused demanded criticised "
        "welcomed signed passed called organised reported confirmed denied explained"
    ),
    "es": _w(
        "gobierno ministro pueblo país ciudad semana mes año hoy informe declaración "
        "reunión campaña apoyo grupo nacional internacional local pública nuevo viejo primero "
        "último largo pequeño grande regional oficina policía tribunal ley decisión plan "
        "política vocero crisis acción demanda llamado carta marcha concentración activistas "
        "organizadores solidaridad amigos miembros comité noticias medios prensa radio "
        "televisión redes familias niños mujeres hombres jóvenes mayores historia futuro cambio "
        "poder control estado región provincia capital frontera vecinos comercio ayuda acuerdo "
        "diálogo protesta movimiento resistencia derechos justicia libertad paz violencia "
        "seguridad ejército militares golpe funcionarios dirigentes senador alcalde gobernador "
        "autoridades vecinos trabajadores ciudadanos voces historia entrevista discurso anunció "
        "advirtió prometió rechazó acusó exigió criticó celebró firmó aprobó convocó organizó "
        "informó confirmó negó explicó"
    ),
}
STOP = {
    "en": _w(
        "the of and to in a is that for on with as was by at it from be this are have has "
        "an not but they his her their which were who will would been its had or we one all "
        "there more also after over into than about out up"
    ),
    "es": _w(
        "de la que el en y a los del se las por un para con no una su al lo como más pero "
        "sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde "
        "quien desde todo nos durante todos uno les ni contra otros"
    ),
}
PLACES = 5000  # made-up proper names of each topic, in each language
SYLLABLES = [c + v for c in "bcdghklmnprstvyz" for v in "aeiou"] + ["ar", "an", "el", "on", "ta"]
SECTIONS = ["news", "news", "features", "opinion", "report-back"]
TAGS = [(topic, topic) for topic in TOPICS] + [
    ("bolivia", "Bolivia"),
    ("latin-america", "Latin America"),
    ("solidarity", "Solidarity"),
    ("interviews", "Interviews"),
]


def _cap(text: str) -> str:
    """The first letter upper-cased, the rest as it was (str.capitalize lowers names)."""
    return text[:1].upper() + text[1:]


def _cumulative(count: int) -> list[float]:
    total, sums = 0.0, []
    for n in range(1, count + 1):
        total += 1 / n
        sums.append(total)
    return sums


@dataclass
class Vocabulary:
    """One language's words, each list with its Zipf weights."""

    stop: list[str]
    general: list[str]
    people: list[str]
    topics: dict[str, list[str]]
    places: dict[str, list[str]]
    weights: dict[int, list[float]] = field(default_factory=dict)

    def cum(self, count: int) -> list[float]:
        if count not in self.weights:
            self.weights[count] = _cumulative(count)
        return self.weights[count]

    def draw(self, rng: random.Random, words: list[str], k: int) -> list[str]:
        return rng.choices(words, cum_weights=self.cum(len(words)), k=k)


def _made_up(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """`count` new proper names (places, organisations, people) of two to four syllables."""
    found = []
    while len(found) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        if name not in taken and len(name) > 3:
            taken.add(name)
            found.append(name)
    return found


def _faker_words(locale: str) -> tuple[list[str], list[str]]:
    """Faker's real words (its lorem list is drawn from real text in the language) and its
    first and last names, in a fixed order."""
    import importlib

    lorem = importlib.import_module(f"faker.providers.lorem.{locale}").Provider
    person = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names = list(dict.fromkeys([*person.last_names, *person.first_names_male]))
    return [word for word in dict.fromkeys(lorem.word_list) if len(word) > 2], names


class Corpus:
    """The articles' texts, made one at a time (never all held at once)."""

    def __init__(self, seed: int = 10) -> None:
        self.rng = random.Random(seed)
        taken: set[str] = set()
        self.vocabulary = {}
        for code, locale in (("en", "en_US"), ("es", "es_ES")):
            real, people = _faker_words(locale)
            general = list(dict.fromkeys(GENERAL[code] + real))
            self.rng.shuffle(general)
            self.rng.shuffle(people)
            self.vocabulary[code] = Vocabulary(
                stop=STOP[code],
                general=general,
                people=people,
                topics={topic: words[code] for topic, words in TOPICS.items()},
                # Each story line has its own places, companies and people: the long tail of
                # a news corpus's vocabulary, and much of what makes two stories alike.
                places={topic: _made_up(self.rng, PLACES, taken) for topic in TOPICS},
            )

    def words(self, language: str, topic: str, count: int, *, headline: bool = False) -> str:
        """`count` words: stop-words, general words, people, the topic's words and places."""
        rng, vocabulary = self.rng, self.vocabulary[language]
        shares = (0.15, 0.25, 0.08, 0.3, 0.22) if headline else (0.38, 0.3, 0.06, 0.12, 0.14)
        pools = [
            vocabulary.stop,
            vocabulary.general,
            vocabulary.people,
            vocabulary.topics[topic],
            vocabulary.places[topic],
        ]
        picks: list[str] = []
        for share, pool in zip(shares, pools, strict=True):
            picks += vocabulary.draw(rng, pool, max(1, round(count * share)))
        rng.shuffle(picks)
        return " ".join(picks)

    def sentence(self, language: str, topic: str) -> str:
        return _cap(self.words(language, topic, self.rng.randint(8, 22))) + "."

    def body(self, language: str, topic: str) -> str:
        """Markdown: paragraphs of sentences, now and then a heading or a pull quote."""
        rng = self.rng
        blocks = []
        for n in range(rng.randint(4, 9)):
            if n and rng.random() < 0.15:
                blocks.append("## " + _cap(self.words(language, topic, 4, headline=True)))
            if n and rng.random() < 0.08:
                blocks.append("> [!PULL]\n> " + self.sentence(language, topic))
            blocks.append(
                " ".join(self.sentence(language, topic) for _ in range(rng.randint(3, 7)))
            )
        return "\n\n".join(blocks)

    def article(self, language: str, topic: str) -> dict[str, str]:
        rng = self.rng
        return {
            "title": _cap(self.words(language, topic, rng.randint(5, 10), headline=True)),
            "standfirst": _cap(self.words(language, topic, rng.randint(16, 30), headline=True))[
                :395
            ]
            + ".",
            "body": self.body(language, topic),
        }

    def query(self) -> tuple[str, str]:
        """A reader's search and its language: one to three words, mostly the topics' words and
        common ones, now and then a name, a phrase, or (in Spanish) a word typed without its
        accents."""
        rng = self.rng
        language = "es" if rng.random() < SPANISH else "en"
        vocabulary = self.vocabulary[language]
        topic = rng.choice(list(TOPICS))
        picked = []
        for _ in range(rng.choice([1, 1, 2, 2, 2, 3])):
            roll = rng.random()
            pool = (
                vocabulary.topics[topic]
                if roll < 0.5
                else vocabulary.general
                if roll < 0.85
                else vocabulary.places[topic]
            )
            picked.append(vocabulary.draw(rng, pool, 1)[0])
        if language == "es" and rng.random() < 0.3:
            picked = [_unaccented(word) for word in picked]
        if rng.random() < 0.1 and len(picked) > 1:
            return f'"{" ".join(picked)}"', language
        return " ".join(picked), language


def _unaccented(word: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def write_articles(count: int = ARTICLES, *, seed: int = 10, batch: int = 1000) -> dict[str, Any]:
    """`count` published articles (and their authors, bylines, tags) in the database Django is
    set up on. Returns facts about what was written: time taken, languages, topic of each id."""
    from django.db import transaction
    from django.utils import timezone

    from ayni.newsroom.models import Article, ArticleAuthor, Author, Tag

    started = time.monotonic()
    corpus = Corpus(seed)
    rng = corpus.rng
    now = timezone.now()
    authors = Author.objects.bulk_create(
        Author(
            name=f"{rng.choice(corpus.vocabulary['es'].people)} "
            f"{rng.choice(corpus.vocabulary['en'].people)}",
            slug=f"bench-author-{n}",
            role_en="Bench correspondent",
            role_es="Corresponsal de prueba",
        )
        for n in range(60)
    )
    tags = {
        slug: Tag.objects.get_or_create(slug=f"bench-{slug}", defaults={"name_en": name})[0]
        for slug, name in TAGS
    }
    topic_of: dict[int, str] = {}
    made = 0
    english: list[tuple[int, str]] = []  # recent English articles a Spanish one may translate
    while made < count:
        rows, topics = [], []
        for n in range(made, min(count, made + batch)):
            language = "es" if rng.random() < SPANISH else "en"
            topic = rng.choice(list(TOPICS))
            moment = now - timedelta(minutes=10 * (count - n))
            roll = rng.random()
            rows.append(
                Article(
                    language=language,
                    slug=f"bench-{n}",
                    section=rng.choice(SECTIONS),
                    visibility="members" if roll < 0.02 else "metered" if roll < 0.12 else "public",
                    state="published",
                    published_at=moment,
                    publish_at=moment,
                    **corpus.article(language, topic),
                )
            )
            topics.append(topic)
        with transaction.atomic():
            created = Article.objects.bulk_create(rows)
            bylines, tagged, translated = [], [], []
            Through = Article.tags.through
            for article, topic in zip(created, topics, strict=True):
                topic_of[article.pk] = topic
                for order, author in enumerate(rng.sample(authors, rng.choice([1, 1, 1, 2]))):
                    bylines.append(ArticleAuthor(article=article, author=author, order=order))
                chosen = {tags[topic], tags[rng.choice(TAGS[len(TOPICS) :])[0]]}
                tagged += [Through(article_id=article.pk, tag_id=tag.pk) for tag in chosen]
                same_topic = [pk for pk, t in english[-50:] if t == topic]
                if article.language == "es" and same_topic and rng.random() < 0.3:
                    article.translation_of_id = same_topic[-1]
                    english.remove((same_topic[-1], topic))
                    translated.append(article)
                elif article.language == "en":
                    english.append((article.pk, topic))
            ArticleAuthor.objects.bulk_create(bylines)
            Through.objects.bulk_create(tagged)
            Article.objects.bulk_update(translated, ["translation_of"])
        made += len(rows)
    return {
        "articles": count,
        "seconds": time.monotonic() - started,
        "spanish": Article.objects.filter(slug__startswith="bench-", language="es").count(),
        "topic_of": topic_of,
        "corpus": corpus,
    }
