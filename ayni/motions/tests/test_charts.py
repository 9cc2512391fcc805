"""The roll-up's SVG charts: accessible, escaped, nothing but SVG."""

from __future__ import annotations

from defusedxml import ElementTree as ET  # noqa: N817

from ayni.motions.charts import bar_chart, column_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_is_an_image_named_by_its_title_with_a_bar_per_row():
    svg = bar_chart(
        [("United Kingdom", 40), ("<Bolivia> & co", 10)], chart_id="by-country", title="By country"
    )

    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "by-country-title"
    assert root.find(f"{SVG}title").text == "By country"
    assert root.find(f"{SVG}title").get("id") == "by-country-title"
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths == [300.0, 75.0]
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert texts == ["United Kingdom", "40", "<Bolivia> & co", "10"]
    assert "&lt;Bolivia&gt; &amp; co" in svg
    assert "style" not in svg and "script" not in svg


def test_a_long_label_is_shortened_and_no_rows_is_no_chart():
    svg = bar_chart([("A" * 40, 1)], chart_id="c", title="T", description="More")
    root = ET.fromstring(svg)
    assert [t.text for t in root.iter(f"{SVG}text")][0] == "A" * 23 + "…"
    assert root.get("aria-describedby") == "c-desc"
    assert bar_chart([], chart_id="c", title="T") == ""
    assert column_chart([], chart_id="c", title="T") == ""


def test_a_timeline_has_a_column_per_month_labelled_at_both_ends():
    svg = column_chart([("2027-01", 2), ("2027-02", 0), ("2027-03", 4)], chart_id="t", title="<T>")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "<T>"
    assert [float(r.get("height")) for r in root.iter(f"{SVG}rect")] == [60.0, 0.0, 120.0]
    assert [t.text for t in root.iter(f"{SVG}text")] == ["2027-01", "2027-03"]


def test_a_wider_label_column_keeps_longer_labels_and_moves_the_bars():
    label = "North West Region (Example)"
    svg = bar_chart([(label, 3)], chart_id="r", title="T", label_width=260)

    root = ET.fromstring(svg)
    assert [t.text for t in root.iter(f"{SVG}text")][0] == label
    assert root.find(f"{SVG}rect").get("x") == "260"
    assert root.get("viewBox") == "0 0 620 38"
