"""Reading a CSV file of bodies (services/body_csv.py): what is wrong with the file as a whole,
and with each cell, by row and column."""

from __future__ import annotations

import pytest

from ayni.motions.enums import Level
from ayni.motions.services.body_csv import RowError, read_body_file
from ayni.motions.tests.factories import body_csv

pytestmark = pytest.mark.django_db

ROW = ["unite", "Unite", "union", "nat", "Unite National", "Conference", "1", "", "GB", ""]


def errors(data: bytes) -> list[RowError]:
    return read_body_file(data).errors


def test_a_good_file_is_read_row_by_row_with_its_values_normalised():
    data = body_csv(
        ["Unite", "Unite the Union", "Trade union", "nat", " Unite ", "", "National", "", "gb", ""],
        ["unite", "", "", "w1", "Wales", "", "región", "nat", "GBR", "wales.example.org"],
        ["unite", "", "", "b1", "Cardiff", "", "sección sindical", "w1", "", ""],
    )

    read = read_body_file(data)

    assert read.errors == []
    first, second, third = read.rows
    assert (first.row, first.organisation_code, first.organisation_kind) == (2, "unite", "union")
    assert (first.name, first.level, first.country) == ("Unite", Level.NATIONAL, "GB")
    assert (second.level, second.country, second.website) == (
        Level.REGION,
        "GB",
        "https://wales.example.org",
    )
    assert third.level == Level.BRANCH


def test_a_file_with_a_byte_order_mark_semicolons_and_spaced_headers_is_read():
    text = (
        "Organisation Code;Code;Name;Level;Parent Code;Notes\r\n"
        "ccoo;c1;Comisiones Obreras;nacional;;mine\r\n"
    )

    read = read_body_file(("\ufeff" + text).encode("utf-8"))

    assert read.errors == []
    assert read.ignored == ["notes"]
    assert (read.rows[0].code, read.rows[0].level) == ("c1", Level.NATIONAL)


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    data = body_csv(ROW) + b"\n,,,,,,,,,\n" + b"unite,,,x,X,,9,,,\n"

    assert errors(data) == [
        RowError(5, "level", "“9” is not a level: use 1 (national) to 5 (workplace), or its name.")
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", [RowError(None, "", "The file is empty.")]),
        (b"  \n\n", [RowError(None, "", "The file is empty.")]),
        (body_csv(), [RowError(None, "", "The file has a header but no rows.")]),
        (
            b"organisation_code,code,name,level\nunite,a,A,1\n",
            [RowError(1, "", "The header row lacks the column(s) parent_code.")],
        ),
        (
            b"name,level\nA,1\n",
            [
                RowError(
                    1,
                    "",
                    "The header row lacks the column(s) organisation_code, code, parent_code.",
                )
            ],
        ),
        (
            "organisation_code,code,name,level,parent_code\nccoo,a,Le\u00f3n,1,\n".encode(
                "latin-1"
            ),
            [
                RowError(
                    2,
                    "",
                    "The file is not UTF-8 text (from line 2). Save it as “CSV UTF-8” and upload "
                    "it again.",
                )
            ],
        ),
        (
            b'organisation_code,code,name,level,parent_code\nunite,a,"Leeds,1,\nunite,b,B,1,\n',
            [
                RowError(
                    3,
                    "",
                    "The file is not valid CSV near line 3 (unexpected end of data).",
                )
            ],
        ),
        (
            b"organisation_code,code,name,level,parent_code\nunite,a,A\x00,1,\n",
            [RowError(2, "name", "This cell contains invisible control characters.")],
        ),
        (
            b"organisation_code,code,name,level,parent_code\nunite,a,A,1,,extra\nunite,b,B\n",
            [
                RowError(2, "", "This row has 6 cells where the header has 5."),
                RowError(3, "", "This row has 3 cells where the header has 5."),
            ],
        ),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, expected):
    read = read_body_file(data)

    assert read.errors == expected


def test_a_file_too_large_is_refused_before_it_is_read(settings):
    settings.BODY_IMPORT_MAX_BYTES = 2048
    data = body_csv(*[ROW] * 40)
    assert len(data) > 2048

    assert errors(data) == [RowError(None, "", "The file is larger than 1 MB.")]


def test_a_file_with_too_many_rows_is_refused(settings):
    settings.BODY_IMPORT_MAX_ROWS = 3

    assert errors(body_csv(*[ROW] * 3)) == []
    assert errors(body_csv(*[ROW] * 4)) == [RowError(None, "", "The file has more than 3 rows.")]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("organisation_code", "", "This cell is empty."),
        (
            "organisation_code",
            "bad code!",
            "Use letters, numbers, hyphens and underscores only (at most 40).",
        ),
        (
            "organisation_code",
            "x" * 41,
            "Use letters, numbers, hyphens and underscores only (at most 40).",
        ),
        (
            "organisation_name",
            "n" * 201,
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        (
            "organisation_kind",
            "church",
            "“church” is not a kind of organisation; use one of union, party, trades_council, "
            "confederation, campaign, other.",
        ),
        ("code", "", "This cell is empty."),
        ("code", "c" * 61, "Ensure this value has at most 60 characters (it has 61)."),
        ("name", "", "This cell is empty."),
        ("name", "n" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("name", "Two\nlines", "Please keep this on one line."),
        ("type", "t" * 61, "Ensure this value has at most 60 characters (it has 61)."),
        ("level", "", "This cell is empty."),
        ("level", "0", "“0” is not a level: use 1 (national) to 5 (workplace), or its name."),
        ("level", "6", "“6” is not a level: use 1 (national) to 5 (workplace), or its name."),
        ("level", "top", "“top” is not a level: use 1 (national) to 5 (workplace), or its name."),
        ("country", "XX", "“XX” is not a country code (use two letters, such as GB or BO)."),
        (
            "country",
            "Britain",
            "“Britain” is not a country code (use two letters, such as GB or BO).",
        ),
        ("website", "not a url", "Enter a valid URL."),
        ("website", "javascript:alert(1)", "Enter a valid URL."),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(column, value, message):
    columns = [
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
    ]
    row = list(ROW)
    row[columns.index(column)] = value

    assert errors(body_csv(ROW, row)) == [RowError(3, column, message)]
