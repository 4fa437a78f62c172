import pytest

from people.roles import Role
from tests.factories import PersonFactory, mentor_make


@pytest.fixture
def mentee(org):
    return PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="新人甲")


@pytest.fixture
def mentor(org):
    return mentor_make(unit=org["pudong_team"], name="資深乙").person


@pytest.fixture
def mastery(monkeypatch):
    """Set people's measured mastery for suggestion runs: mastery[person] = {topic: value}."""
    from quizzes.selectors.mastery import TopicMastery

    grid: dict = {}

    def fake_grid(person_ids, now=None):
        wanted = set(person_ids)  # a list, or a subquery of ids
        return {
            person.pk: {
                topic.pk: TopicMastery(topic_id=topic.pk, recall=None, accuracy=v, answers=1)
                for topic, v in topics.items()
            }
            for person, topics in grid.items()
            if person.pk in wanted
        }

    monkeypatch.setattr("mentorship.selectors.matching.mastery_grid", fake_grid)
    return grid
