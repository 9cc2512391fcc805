"""An article's Markdown: figures with captions, pull quotes, videos that load on click, images
only from this site, nothing an author types becomes markup of their own, and the preview of a
gated article that leaves the rest unrendered."""

from __future__ import annotations

from ayni.newsroom.body import render_body


def test_an_image_alone_in_its_paragraph_is_a_figure_with_its_caption():
    body = render_body('![Marchers in El Alto](/media/march.jpg "The march, 16 May")')

    assert body.html == (
        '<figure class="article-figure"><img src="/media/march.jpg" alt="Marchers in El Alto" '
        'loading="lazy"><figcaption>The march, 16 May</figcaption></figure>'
    )


def test_an_image_from_another_host_stays_a_link_and_loads_nothing():
    body = render_body("![A tracker](https://tracker.example/pixel.png)")

    assert "<img" not in body.html
    assert 'href="https://tracker.example/pixel.png"' in body.html


def test_a_quote_marked_pull_is_a_pull_quote_and_a_plain_quote_stays_plain():
    body = render_body("> [!PULL] The people *won*.\n\n> Just a quote.")

    assert body.html == (
        '<blockquote class="pull-quote"><p>The people <em>won</em>.</p>\n</blockquote>'
        "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n"
    )


def test_a_video_address_alone_on_a_line_loads_the_player_only_on_click():
    body = render_body("https://www.youtube.com/watch?v=dQw4w9WgXcQ")

    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in body.html
    assert "<iframe" not in body.html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in body.html
    assert body.embed_origins == ("https://www.youtube-nocookie.com",)


def test_script_html_and_javascript_links_in_the_body_come_out_inert():
    body = render_body(
        "<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
        "[click](javascript:alert(1)) ![x](javascript:alert(1))\n\n"
        '<div data-embed-src="https://evil.example/">x</div>'
    )

    # What was typed as HTML is shown as text, never as an element.
    assert "<script" not in body.html
    assert "<img" not in body.html
    assert "<div" not in body.html
    assert "&lt;script&gt;" in body.html
    assert "&lt;div data-embed-src" in body.html
    assert 'href="javascript' not in body.html


def test_the_preview_keeps_the_first_paragraphs_and_renders_nothing_of_the_rest():
    text = "## Heading\n\nOne.\n\n![Photo](/media/p.jpg)\n\nTwo.\n\nThree secret.\n\nFour secret."

    body = render_body(text, preview=True)

    assert body.cut is True
    assert "One." in body.html and "Two." in body.html and "/media/p.jpg" in body.html
    assert "secret" not in body.html


def test_lists_quotes_tables_and_code_count_as_text_in_the_preview():
    # Before: only plain paragraphs counted towards the preview's blocks, so a gated article
    # written as lists, quotes, a table or code before its second paragraph sent all of it.
    text = (
        "One.\n\n- List secret.\n- More.\n\n> Quote secret.\n\n"
        "| Cell |\n| --- |\n| Table secret. |\n\n    code secret\n\nTwo secret."
    )

    body = render_body(text, preview=True)

    assert body.cut is True
    assert "One." in body.html and "List secret." in body.html
    assert "Quote secret" not in body.html and "Table secret" not in body.html
    assert "code secret" not in body.html and "Two secret" not in body.html


def test_a_short_body_is_whole_in_its_preview():
    body = render_body("One.\n\nTwo.", preview=True)

    assert body.cut is False
    assert body.html == "<p>One.</p>\n<p>Two.</p>\n"
