"""What the quizzes app adds to a person's training record: drill results and
mastery by topic, as their manager reads them."""

import re

import pytest
from django.urls import reverse

from quizzes.selectors.mastery import mastery_of
from tests.budgets import queries_of
from tests.factories import TopicFactory, drill_make, question_make

from .test_mastery import take

pytestmark = pytest.mark.django_db


def record(client, person):
    response = client.get(reverse("people:record", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def section(html, title):
    match = re.search(rf"<h2 id=\"record-section-\d+\">{title}</h2>(.*?)</section>", html, re.S)
    assert match, f"no section {title!r}"
    return match.group(1)


def test_manager_reads_drill_results_and_mastery_weakest_first(client, manager, trainee, org):
    rates, products = TopicFactory(name="利率"), TopicFactory(name="產品")
    drill = drill_make(
        [question_make(topic=rates, stem="利率一"), question_make(topic=products, stem="產品一")],
        title="週測",
    )
    attempt = take(drill, trainee, right_positions={0})
    client.force_login(manager.user)
    html = record(client, trainee)
    results = section(html, "Drill results")
    assert f'href="{reverse("quizzes:attempt_detail", args=[attempt.pk])}">週測</a>' in results
    assert "50%" in results
    mastery = section(html, "Mastery by topic")
    rows = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)%</td><td>(\d+)</td></tr>", mastery)
    now = mastery_of(trainee)
    assert rows == [
        ("產品", str(round(now[products.pk].mastery * 100)), "1"),
        ("利率", str(round(now[rates.pk].mastery * 100)), "1"),
    ]
    assert "Live figures" in mastery
    # The manager may open the attempt the record links to.
    assert client.get(reverse("quizzes:attempt_detail", args=[attempt.pk])).status_code == 200


def test_a_record_without_drills_says_so(client, trainee):
    client.force_login(trainee.user)
    html = record(client, trainee)
    assert "No drill taken yet." in section(html, "Drill results")
    assert "No topic drilled yet." in section(html, "Mastery by topic")


def test_only_the_latest_twenty_attempts_show_with_the_total(client, manager, trainee):
    drill = drill_make([question_make(topic=TopicFactory(name="利率"), stem="利率一")])
    for _ in range(21):
        take(drill, trainee, right_positions={0})
    client.force_login(manager.user)
    results = section(record(client, trainee), "Drill results")
    assert results.count("<tr>") == 21  # header and twenty attempts
    assert "The latest 20 of 21 attempts." in results


def test_record_query_budget_with_few_and_many_attempts_and_topics(
    client, manager, trainee, django_assert_max_num_queries
):
    client.force_login(manager.user)
    url = reverse("people:record", args=[trainee.pk])
    counts = []
    made = 0
    for size in (2, 12):
        while made < size:
            topic = TopicFactory(name=f"主題{made}", code=f"topic-{made}")
            drill = drill_make([question_make(topic=topic, stem=f"第{made}題")], title=f"測{made}")
            take(drill, trainee, right_positions={0})
            made += 1
        # 23: the sections of training plans, of the follow-up, of 兩案例 and of the
        # certificates read one query each.
        counts.append(queries_of(client, url, 23, django_assert_max_num_queries))
    assert counts[0] == counts[1], f"{counts[0]} queries with few attempts, {counts[1]} with many"
