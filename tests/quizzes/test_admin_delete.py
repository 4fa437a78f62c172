"""Deleting what questions or drills still use keeps it and says why: how many
use it, never which (a territory question's name is not for everyone)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from people.roles import Role
from quizzes.models import Question, Topic
from tests.factories import PersonFactory, TopicFactory, drill_make, question_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(org, client):
    person = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(person.user)
    return person


def test_a_topic_with_questions_is_kept_with_a_count(client, administrator, trainee):
    topic = TopicFactory(name="轄區客戶")
    question_make(topic=topic, name="一年期定存")
    question_make(topic=topic, name="華夏貿易 · 上月日均存款", owner_person=trainee)
    response = client.post(reverse("topics:delete", args=[topic.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert Topic.objects.filter(pk=topic.pk).exists()
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert texts == ["“轄區客戶” is used by 2 questions, so it was not deleted."]


def test_a_question_in_a_drill_is_kept(client, administrator):
    question = question_make(name="一年期定存")
    drill_make([question])
    response = client.post(reverse("questions:delete", args=[question.pk]))
    assert response.status_code == 302
    assert Question.objects.filter(pk=question.pk).exists()
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert len(texts) == 1 and "一年期定存" in texts[0]
    # A question nothing uses is deleted.
    unused = question_make(name="活期利率")
    client.post(reverse("questions:delete", args=[unused.pk]))
    assert not Question.objects.filter(pk=unused.pk).exists()
