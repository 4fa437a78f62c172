"""tabular.decoding: encodings chosen by plausibility, control characters by line."""

import pytest
from django.utils import translation

from tabular.decoding import (
    UndecodableFile,
    control_characters,
    decode_candidates,
    decode_text,
)

GIFT = "::Q1:: 浦東支行的轄區有幾個社區？ {#12}\n\n::Q2:: 對公開戶要幾天？ {=三天 ~五天}\n"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5"])
def test_traditional_text_in_each_encoding(encoding):
    text, chosen = decode_text(GIFT.encode(encoding))
    assert (text, chosen) == (GIFT, encoding)


def test_bom():
    decoded = decode_candidates(b"\xef\xbb\xbf" + GIFT.encode())
    assert (decoded.text, decoded.encoding) == (GIFT, "utf-8-sig")


def test_candidates_are_every_clean_reading_best_first():
    decoded = decode_candidates("浦東支行".encode("big5"), expected_words=["浦東支行"])
    assert decoded.candidates == ("big5", "gb18030")


def test_explicit_encoding():
    data = GIFT.encode("big5")
    assert decode_text(data, encoding="big5") == (GIFT, "big5")
    with pytest.raises(UndecodableFile):
        decode_text(data, encoding="utf-8")


def test_control_characters_by_line_and_column():
    text = "::Q1:: 題目 {T}\r\n::Q2:: 第二\x00題 {F}\n\n::Q3::\x1b[31m {T}\rline\x7f"
    found = control_characters(text)
    assert [(c.line, c.column, c.character) for c in found] == [
        (2, 10, "\x00"),
        (4, 7, "\x1b"),
        (5, 5, "\x7f"),
    ]
    with translation.override("en"):
        assert found[0].message == (
            "Line 2, column 10: the control character U+0000 NUL is not allowed in the file; "
            "remove it."
        )


def test_tabs_and_line_ends_are_allowed():
    assert control_characters("a\tb\r\nc\rd\n") == []


def test_limit():
    assert len(control_characters("\x00" * 100, limit=5)) == 5
