import pytest

from quizzes.blocks import DrillBlock
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db


def test_drill_block_renders_a_start_link(org):
    drill = drill_make([question_make()], description="**利率**必背")
    block = DrillBlock()
    value = block.to_python({"drill": drill.pk, "introduction": "先練五題"})
    html = block.render(value)
    assert f"/drills/{drill.pk}/" in html
    assert "<strong>利率</strong>" in html and "先練五題" in html


def test_closed_drill_renders_nothing(org):
    drill = drill_make([question_make()], is_active=False)
    block = DrillBlock()
    assert f"/drills/{drill.pk}/" not in block.render(block.to_python({"drill": drill.pk}))


def test_drill_chooser_in_the_admin(client, org):
    from people.roles import Role
    from tests.factories import PersonFactory

    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    drill_make([question_make()], title="存款利率")
    client.force_login(trainer.user)
    response = client.get("/admin/drill_chooser/")
    assert response.status_code == 200
    assert "存款利率" in response.json()["html"]


def test_a_drill_in_a_lesson_starts_with_the_lessons_path_as_next(org, rf):
    """So the result page can lead back to the lesson (Attempt.origin)."""
    drill = drill_make([question_make()])
    block = DrillBlock()
    value = block.to_python({"drill": drill.pk})
    request = rf.get("/courses/deposits/lesson-1/")
    html = block.render(value, context={"request": request})
    assert f'href="/drills/{drill.pk}/?next=/courses/deposits/lesson-1/"' in html
