from surat.sanitize import clean_html, html_to_text


def test_scripts_and_event_handlers_are_removed():
    dirty = '<p onclick="steal()">Yth. Bapak<script>alert(1)</script></p><img src=x onerror="x()"><iframe src="//x"></iframe>'
    assert clean_html(dirty) == "<p>Yth. Bapak</p>"


def test_simple_formatting_and_tables_survive():
    html = '<p><b>Tebal</b> <i>miring</i> <u>garis</u></p><ol><li>satu</li></ol><table><tr><td colspan="2">a</td></tr></table>'
    cleaned = clean_html(html)
    for part in ("<b>Tebal</b>", "<i>miring</i>", "<u>garis</u>", "<ol><li>satu</li></ol>", '<td colspan="2">a</td>'):
        assert part in cleaned


def test_links_styles_and_classes_dropped():
    assert clean_html('<p style="color:red" class="x"><a href="javascript:alert(1)">klik</a></p>') == "<p>klik</p>"


def test_html_to_text_gives_one_line_per_block():
    assert html_to_text(
        "<p>Satu</p><ul><li>dua</li><li>tiga</li></ul><table><tr><td>a</td><td>b</td></tr></table>"
    ) == ("Satu\ndua\ntiga\na | b")
