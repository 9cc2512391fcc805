from __future__ import annotations

from ayni.newsroom.display import comment_html


def test_comment_html_escapes_markup():
    html = comment_html('<script>alert("x")</script> & more')

    assert html == "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</p>"


def test_comment_html_makes_addresses_safe_links():
    html = comment_html("See https://example.org/a?b=1&c=2. Or www.example.net")

    assert html == (
        '<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener '
        'noreferrer">https://example.org/a?b=1&amp;c=2</a>. Or <a href="https://www.example.net" '
        'rel="nofollow ugc noopener noreferrer">www.example.net</a></p>'
    )


def test_comment_html_keeps_paragraphs_and_line_breaks():
    assert comment_html("One\ntwo\n\nThree") == "<p>One<br>two</p><p>Three</p>"


def test_comment_html_links_no_javascript_address():
    html = comment_html("javascript:alert(1)")

    assert html == "<p>javascript:alert(1)</p>"
