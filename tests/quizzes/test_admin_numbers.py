"""Numbers in the question form are shown exactly and read back as the same
number: the form once showed 7777777 as 7.77778e+06, so saving it unchanged
changed the accepted answer."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from people.roles import Role
from quizzes.answer_lines import fields_from_payload, format_number, payload_from_fields
from quizzes.normalise import parse_number
from tests.factories import PersonFactory, question_make

finite = st.floats(allow_nan=False, allow_infinity=False)


@given(finite)
def test_every_number_reads_back_as_itself_without_an_exponent(value):
    text = format_number(value)
    assert "e" not in text.lower()
    assert parse_number(text) == value


@given(st.floats(min_value=-1, max_value=1, allow_nan=False))
def test_every_weight_reads_back_as_itself(fraction):
    payload = {"answers": [{"text": "LPR", "fraction": fraction, "feedback": ""}]}
    lines = fields_from_payload("short", payload)
    assert payload_from_fields("short", lines)["answers"][0]["fraction"] == fraction


@given(finite, st.floats(min_value=0, allow_nan=False, allow_infinity=False))
def test_every_numeric_answer_reads_back_as_itself(value, tolerance):
    answer = {
        "value": value,
        "tolerance": tolerance,
        "tolerance_kind": "absolute",
        "fraction": 1.0,
        "feedback": "",
    }
    payload = {"answers": [answer], "unit": "元"}
    assert payload_from_fields("numeric", fields_from_payload("numeric", payload)) == payload


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (7777777, "7777777"),
        (7777777.0, "7777777"),
        (12500000.25, "12500000.25"),
        (1e-7, "0.0000001"),
    ],
)
def test_numbers_are_shown_as_people_write_them(value, shown):
    assert format_number(value) == shown


@pytest.mark.django_db
def test_the_edit_form_shows_the_exact_answer(client, org):
    client.force_login(PersonFactory(unit=org["head"], user__roles=[Role.TRAINER]).user)
    answer = {
        "value": 7777777,
        "tolerance": 0.5,
        "tolerance_kind": "absolute",
        "fraction": 1,
        "feedback": "",
    }
    question = question_make(qtype="numeric", payload={"answers": [answer], "unit": "元"})
    response = client.get(reverse("questions:edit", args=[question.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "7777777 ± 0.5</textarea>" in html
    assert "7.77778e+06" not in html
