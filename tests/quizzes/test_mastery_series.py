"""mastery_series reads many people's snapshot history in one query; mastery_at
finds the figure of any day in it (the latest snapshot on or before it)."""

from datetime import date

from quizzes.models import MasterySnapshot
from quizzes.selectors.mastery import mastery_at, mastery_series
from tests.factories import PersonFactory, TopicFactory


def test_the_series_and_the_figure_of_a_day(db, django_assert_num_queries):
    first, second = PersonFactory(), PersonFactory()
    topic, other = TopicFactory(), TopicFactory()
    for person, day, mastery in (
        (first, date(2026, 1, 5), 0.2),
        (first, date(2026, 1, 1), 0.1),
        (first, date(2026, 2, 1), 0.9),  # after `until`: left out
        (second, date(2026, 1, 3), 0.5),
    ):
        MasterySnapshot.objects.create(person=person, topic=topic, date=day, mastery=mastery)
    MasterySnapshot.objects.create(person=first, topic=other, date=date(2026, 1, 1), mastery=0.7)
    with django_assert_num_queries(1):
        series = mastery_series([first.pk, second.pk], [topic.pk], until=date(2026, 1, 31))
    points = series[first.pk][topic.pk]
    assert points == [(date(2026, 1, 1), 0.1), (date(2026, 1, 5), 0.2)]
    assert other.pk not in series[first.pk]
    assert mastery_at(points, date(2025, 12, 31)) is None
    assert mastery_at(points, date(2026, 1, 1)) == 0.1
    assert mastery_at(points, date(2026, 1, 4)) == 0.1
    assert mastery_at(points, date(2026, 1, 30)) == 0.2
