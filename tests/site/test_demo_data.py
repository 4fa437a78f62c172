import io

import pytest
from django.core.management import call_command

from people.models import OrgUnit, Person
from people.roles import Role
from people.selectors import user_roles

pytestmark = pytest.mark.django_db


def load(*args):
    out = io.StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue()


def test_demo_builds_a_believable_organisation():
    output = load()
    assert Person.objects.count() >= 38
    kinds = list(OrgUnit.objects.values_list("kind", flat=True))
    assert kinds.count("branch") == 1
    assert kinds.count("sub_branch") == 3
    assert kinds.count("team") == 6
    for username in ("trainee", "trainer", "risk", "manager", "admin"):
        assert username in output
    roles = set().union(*(user_roles(p.user) for p in Person.objects.select_related("user")))
    assert roles == set(Role)


def test_demo_logins_work(client):
    load()
    assert client.login(username="trainee", password="lianbing-demo")


def test_rerunning_changes_nothing_and_loses_nothing():
    load()
    trainee = Person.objects.get(user__username="trainee")
    trainee.position = "高級客戶經理"
    trainee.save()
    trainee.user.set_password("changed-by-the-trainee")
    trainee.user.save()
    extra_unit = OrgUnit.objects.get(code="demo-pudong").add_child(
        name="新團隊", code="new-team", kind="team"
    )

    before = (Person.objects.count(), OrgUnit.objects.count())
    load()
    assert (Person.objects.count(), OrgUnit.objects.count()) == before
    trainee.refresh_from_db()
    assert trainee.position == "高級客戶經理"
    assert trainee.user.check_password("changed-by-the-trainee")
    assert OrgUnit.objects.filter(pk=extra_unit.pk).exists()


def test_reset_rebuilds():
    load()
    Person.objects.filter(user__username="trainee").update(position="changed")
    load("--reset")
    assert Person.objects.get(user__username="trainee").position == "客戶經理"


def test_demo_has_drills_and_a_month_of_history():
    from quizzes.models import Attempt, Drill, MasterySnapshot

    load()
    assert Drill.objects.count() == 5
    assert Attempt.objects.filter(status="finished").count() > 10
    assert MasterySnapshot.objects.values("date").distinct().count() >= 30
    before = Attempt.objects.count()
    load()
    assert Attempt.objects.count() == before
