"""Reading a CSV file of bodies (the format is in docs/operations.md, "Importing bodies"): the
file as text, its header, and each row's cells checked one by one. What the rows mean together
(parents, cycles, what would change) is body_import's to say.

Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import functools
import io
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import Model
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from ayni.core.validators import CONTROL_CHARS, strip_invisible
from ayni.motions.enums import Level, OrganisationKind
from ayni.motions.models import Body, Organisation

REQUIRED_COLUMNS = ("organisation_code", "code", "name", "level", "parent_code")
OPTIONAL_COLUMNS = ("organisation_name", "organisation_kind", "type", "country", "website")
# In the order the documentation and the example file give them.
COLUMNS = (
    "organisation_code",
    "organisation_name",
    "organisation_kind",
    "code",
    "name",
    "type",
    "level",
    "parent_code",
    "country",
    "website",
)
# The file's column for each field of a body that is checked by the model.
BODY_COLUMNS = {"name": "name", "kind": "type", "country": "country", "website": "website"}

# Level names besides the levels' own labels (in English and Spanish), folded.
LEVEL_WORDS: dict[str, int] = {
    "national": Level.NATIONAL,
    "nacional": Level.NATIONAL,
    "region": Level.REGION,
    "nation": Level.REGION,
    "nacion": Level.REGION,
    "district": Level.DISTRICT,
    "constituency": Level.DISTRICT,
    "distrito": Level.DISTRICT,
    "circunscripcion": Level.DISTRICT,
    "branch": Level.BRANCH,
    "seccion sindical": Level.BRANCH,
    "agrupacion": Level.BRANCH,
    "agrupacion local": Level.BRANCH,
    "workplace": Level.WORKPLACE,
    "section": Level.WORKPLACE,
    "centro de trabajo": Level.WORKPLACE,
}


@dataclass(frozen=True)
class RowError:
    """One thing wrong: at `row` (None: the whole file) in `column` ("" for none)."""

    row: int | None
    column: str
    message: str


@dataclass
class Incoming:
    """One row of the file, its cells read and checked."""

    row: int
    organisation_code: str
    organisation_name: str
    organisation_kind: str
    code: str
    name: str
    kind: str
    level: int | None
    parent_code: str
    country: str
    website: str


@dataclass
class ReadFile:
    rows: list[Incoming] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Columns the file has that the import does not read.
    ignored: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(char for char in decomposed if not unicodedata.combining(char)).casefold().split()
    )


@functools.cache
def _alpha2(value: str) -> str:
    return countries.alpha2(value)


def _level_names() -> dict[str, int]:
    names: dict[str, int] = dict(LEVEL_WORDS)
    for language in ("en", "es"):
        with translation.override(language):
            names.update({fold(str(level.label)): level.value for level in Level})
    return names


def _kind_names() -> dict[str, str]:
    names = {kind.value: kind.value for kind in OrganisationKind}
    for language in ("en", "es"):
        with translation.override(language):
            names.update({fold(str(kind.label)): kind.value for kind in OrganisationKind})
    return names


def decode(data: bytes) -> tuple[str, list[RowError]]:
    """The file as text (UTF-8, with or without a byte-order mark), or why it cannot be read."""
    if len(data) > settings.BODY_IMPORT_MAX_BYTES:
        limit = settings.BODY_IMPORT_MAX_BYTES // (1024 * 1024) or 1
        return "", [
            RowError(None, "", _("The file is larger than %(limit)d MB.") % {"limit": limit})
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return "", [
            RowError(
                line,
                "",
                _(
                    "The file is not UTF-8 text (from line %(line)d). Save it as “CSV UTF-8” and "
                    "upload it again."
                )
                % {"line": line},
            )
        ]
    if not text.strip():
        return "", [RowError(None, "", _("The file is empty."))]
    return text, []


def _dialect(first_line: str) -> str:
    """The delimiter: a comma, or a semicolon or tab when the header has those and no comma
    (spreadsheets in Spanish save CSV with semicolons)."""
    if "," not in first_line:
        for delimiter in (";", "\t"):
            if delimiter in first_line:
                return delimiter
    return ","


def read_body_file(data: bytes) -> ReadFile:
    """Every row of the file, each cell checked; the errors found, by row and column."""
    text, errors = decode(data)
    result = ReadFile(errors=errors)
    if errors:
        return result
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_dialect(text.split("\n", 1)[0]), strict=True
    )
    try:
        records = list(_records(reader))
    except csv.Error as error:
        result.errors.append(
            RowError(
                reader.line_num or None,
                "",
                _("The file is not valid CSV near line %(line)d (%(reason)s).")
                % {"line": reader.line_num, "reason": str(error)},
            )
        )
        return result
    except _TooManyRows:
        result.errors.append(
            RowError(
                None,
                "",
                ngettext(
                    "The file has more than %(limit)d row.",
                    "The file has more than %(limit)d rows.",
                    settings.BODY_IMPORT_MAX_ROWS,
                )
                % {"limit": settings.BODY_IMPORT_MAX_ROWS},
            )
        )
        return result
    header = [fold(strip_invisible(cell)).replace(" ", "_") for cell in records[0][1]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        result.errors.append(
            RowError(
                1,
                "",
                _("The header row lacks the column(s) %(columns)s.")
                % {"columns": ", ".join(missing)},
            )
        )
        return result
    result.ignored = [column for column in header if column not in COLUMNS]
    if len(records) == 1:
        result.errors.append(RowError(None, "", _("The file has a header but no rows.")))
        return result
    levels, kinds = _level_names(), _kind_names()
    for number, cells in records[1:]:
        if len(cells) != len(header):
            result.errors.append(
                RowError(
                    number,
                    "",
                    _("This row has %(cells)d cells where the header has %(columns)d.")
                    % {"cells": len(cells), "columns": len(header)},
                )
            )
            continue
        values = {column: _clean_cell(cell) for column, cell in zip(header, cells, strict=True)}
        result.rows.append(_read_row(number, values, levels, kinds, result.errors))
    return result


def _clean_cell(cell: str) -> str:
    return (cell if cell.isascii() else strip_invisible(cell)).strip()


class _TooManyRows(Exception):
    pass


def _records(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of every record that is not blank, the header first."""
    number = 0
    for cells in reader:
        number += 1
        if not any(cell.strip() for cell in cells):
            continue
        if number > settings.BODY_IMPORT_MAX_ROWS + 1:
            raise _TooManyRows
        yield number, cells


def _read_row(
    number: int,
    values: dict[str, str],
    levels: dict[str, int],
    kinds: dict[str, str],
    errors: list[RowError],
) -> Incoming:
    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    for column in ("organisation_code", "code", "name", "level"):
        if not values[column]:
            error(column, _("This cell is empty."))
    for column, value in values.items():
        if CONTROL_CHARS.search(value):
            # NUL and the like: PostgreSQL would refuse them in text, and nobody means them.
            error(column, _("This cell contains invisible control characters."))
            values[column] = CONTROL_CHARS.sub("", value)
    organisation_code = values["organisation_code"].lower()
    if organisation_code:
        try:
            validate_slug(organisation_code)
            Organisation._meta.get_field("code").run_validators(organisation_code)
        except ValidationError:
            error(
                "organisation_code",
                _("Use letters, numbers, hyphens and underscores only (at most 40)."),
            )
    organisation_name = values.get("organisation_name", "")
    if organisation_name:
        _check_field(Organisation, "name", organisation_name, "organisation_name", error)
    organisation_kind = values.get("organisation_kind", "")
    if organisation_kind:
        kind = kinds.get(fold(organisation_kind))
        if kind is None:
            error(
                "organisation_kind",
                _("“%(value)s” is not a kind of organisation; use one of %(kinds)s.")
                % {"value": organisation_kind, "kinds": ", ".join(OrganisationKind.values)},
            )
        organisation_kind = kind or ""
    level: int | None = None
    if values["level"]:
        level = levels.get(fold(values["level"])) or (
            int(values["level"]) if values["level"] in {"1", "2", "3", "4", "5"} else None
        )
        if level is None:
            error(
                "level",
                _("“%(value)s” is not a level: use 1 (national) to 5 (workplace), or its name.")
                % {"value": values["level"]},
            )
    country = values.get("country", "")
    if country:
        code = _alpha2(country)
        if not code:
            error(
                "country",
                _("“%(value)s” is not a country code (use two letters, such as GB or BO).")
                % {"value": country},
            )
        country = code or ""
    website = values.get("website", "")
    if website and "://" not in website:
        website = f"https://{website}"
    for name, column in BODY_COLUMNS.items():
        value = {"country": country, "website": website}.get(name, values.get(column, ""))
        if value and name != "country":
            _check_field(Body, name, value, column, error)
    if values["code"]:
        _check_field(Body, "code", values["code"], "code", error)
    return Incoming(
        row=number,
        organisation_code=organisation_code,
        organisation_name=organisation_name,
        organisation_kind=organisation_kind,
        code=values["code"],
        name=values["name"],
        kind=values.get("type", ""),
        level=level,
        parent_code=values["parent_code"],
        country=country,
        website=website,
    )


def _check_field(
    model: type[Model], name: str, value: str, column: str, error: Callable[[str, str], None]
) -> None:
    try:
        model._meta.get_field(name).run_validators(value)  # type: ignore[union-attr]
    except ValidationError as invalid:
        error(column, " ".join(invalid.messages))
