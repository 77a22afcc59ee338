"""decode_html: the declared charset, checked against the bytes."""

import pytest

from newscrawl.extract.charset import decode_html, header_charset

TEXT = "<html><head><title>Zoë’s café — naïve</title></head><body><p>Größe</p></body></html>"


def test_header_charset_is_used():
    assert decode_html(TEXT.encode("cp1252"), "windows-1252") == (TEXT, None)
    assert decode_html(TEXT.encode("utf-8"), "UTF-8") == (TEXT, None)
    koi = "<p>Привет, мир</p>"
    assert decode_html(koi.encode("koi8-r"), "koi8-r") == (koi, None)


def test_meta_charset_when_no_header():
    page = TEXT.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">')
    assert decode_html(page.replace("’", "'").replace("—", "-").encode("iso-8859-15"), None)[0].endswith("Größe</p></body></html>")
    page = TEXT.replace("<head>", "<head><meta charset='windows-1252'>")
    assert decode_html(page.encode("cp1252"), None) == (page, None)


@pytest.mark.parametrize("label", ["iso-8859-1", "latin1", "us-ascii", "windows-1252"])
def test_latin1_header_on_a_utf8_body_is_read_as_utf8_and_reported(label):
    text, problem = decode_html(TEXT.encode("utf-8"), label)
    assert text == TEXT
    assert problem == f"charset header says {label}, body is utf-8"


def test_latin1_label_reads_cp1252_punctuation():
    # browsers read "iso-8859-1" as windows-1252: 0x92 is a curly apostrophe, not a control character
    assert decode_html(b"<p>Zo\xeb\x92s</p>", "iso-8859-1") == ("<p>Zoë’s</p>", None)


def test_unknown_charset_falls_back_and_says_so():
    text, problem = decode_html(TEXT.encode("utf-8"), "x-no-such-charset")
    assert text == TEXT and "unknown charset" in problem and "x-no-such-charset" in problem


def test_utf8_header_on_cp1252_bytes():
    text, problem = decode_html(TEXT.encode("cp1252"), "utf-8")
    assert text == TEXT and problem == "charset header says utf-8, body is not valid utf-8"


def test_no_declaration_utf8_then_cp1252_and_bom():
    assert decode_html(TEXT.encode("utf-8"), None) == (TEXT, None)
    assert decode_html(TEXT.encode("cp1252"), None) == (TEXT, None)
    assert decode_html(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "iso-8859-1") == (TEXT, None)  # a BOM wins
    assert decode_html("\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le"), None) == (TEXT, None)


def test_header_charset_parameter():
    assert header_charset('text/html; Charset="ISO-8859-1"') == "ISO-8859-1"
    assert header_charset("text/html") is None and header_charset(None) is None


def test_stray_nul_bytes_are_dropped():
    assert decode_html(b"<p>a\x00\x00b</p>", None) == ("<p>ab</p>", None)


@pytest.mark.parametrize("label", ["Shift_JIS", "EUC-JP", "EUC-KR", "ISO-8859-2", "iso-8859-15", "gb2312"])
def test_utf8_page_keeping_an_old_meta_charset_is_read_as_utf8(label):
    # a page re-saved as UTF-8 keeps its <meta charset>; valid UTF-8 beyond ASCII is no accident
    page = f'<html><head><meta charset="{label}"><title>脆弱性対策 – Łódź, sanción</title></head></html>'
    text, problem = decode_html(page.encode("utf-8"), None)
    assert text == page and problem == f"meta charset says {label}, body is utf-8"


def test_real_shift_jis_page_is_still_read_as_declared():
    page = '<html><head><meta charset="Shift_JIS"><title>脆弱性対策情報データベース</title></head></html>'
    assert decode_html(page.encode("shift_jis"), None) == (page, None)
    assert decode_html(page.encode("shift_jis"), "shift_jis") == (page, None)


def test_utf16_meta_on_ascii_bytes_means_utf8():
    page = '<html><head><meta charset="utf-16"><title>Zoë</title></head></html>'
    assert decode_html(page.encode("utf-8"), None)[0] == page
    ascii_page = '<html><head><meta charset="utf-16"><title>Zoe</title></head></html>'
    assert decode_html(ascii_page.encode("ascii"), None)[0] == ascii_page
