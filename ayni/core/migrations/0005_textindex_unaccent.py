# The PostgreSQL full-text index ignores accents, as SQLite's FTS5 does (remove_diacritics 2):
# "informacion" finds "información", "Potosi" finds "Potosí". Each language gets a text search
# configuration of its own, a copy of PostgreSQL's with the unaccent dictionary before the
# stemmer; the generated column and its GIN index are made again with them. SQLite: nothing.

from django.db import migrations

CONFIGS = {"english": "ayni_english", "spanish": "ayni_spanish"}


def _vector(config):
    return (
        f"setweight(to_tsvector('{config}'::regconfig, title), 'A') || "
        f"setweight(to_tsvector('{config}'::regconfig, summary), 'B') || "
        f"setweight(to_tsvector('{config}'::regconfig, body), 'D')"
    )


def _column(english, spanish):
    return [
        "DROP INDEX IF EXISTS core_textdocument_search",
        "ALTER TABLE core_textdocument DROP COLUMN IF EXISTS search_vector",
        f"""ALTER TABLE core_textdocument ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS (CASE language WHEN 'es' THEN {_vector(spanish)}
                                 ELSE {_vector(english)} END) STORED""",
        "CREATE INDEX core_textdocument_search ON core_textdocument USING GIN (search_vector) "
        "WITH (fastupdate = off)",
    ]


# unaccent is a trusted extension (PostgreSQL 13+): the database's owner may create it.
FORWARD = ["CREATE EXTENSION IF NOT EXISTS unaccent"]
for base, own in CONFIGS.items():
    FORWARD += [
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {own}",
        f"CREATE TEXT SEARCH CONFIGURATION {own} (COPY = pg_catalog.{base})",
        f"ALTER TEXT SEARCH CONFIGURATION {own} ALTER MAPPING FOR hword, hword_part, word "
        f"WITH unaccent, {base}_stem",
    ]
FORWARD += _column(CONFIGS["english"], CONFIGS["spanish"])
BACKWARD = _column("english", "spanish") + [
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {own}" for own in CONFIGS.values()
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0004_textindex")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
