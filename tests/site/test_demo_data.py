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
    assert Drill.objects.filter(listed=True).count() == 5  # and the follow-up's retention drill
    assert Attempt.objects.filter(status="finished").count() > 10
    assert MasterySnapshot.objects.values("date").distinct().count() >= 30
    before = Attempt.objects.count()
    load()
    assert Attempt.objects.count() == before


def test_the_site_is_named_and_its_root_page_has_a_real_title():
    from wagtail.models import Site

    load()
    site = Site.objects.get(is_default_site=True)
    assert site.site_name == "練兵"
    root = site.root_page.specific
    assert root.title == "練兵" and root.draft_title == "練兵"
    assert root.get_latest_revision_as_object().title == "練兵"


def test_rerunning_keeps_the_site_name_and_root_title_an_administrator_chose():
    from wagtail.models import Revision, Site

    load()
    site = Site.objects.get(is_default_site=True)
    site.site_name = "分行訓練"
    site.save()
    root = site.root_page
    root.title = root.draft_title = "分行首頁"
    root.save_revision().publish()
    revisions = Revision.objects.count()
    load()
    site.refresh_from_db()
    root.refresh_from_db()
    assert (site.site_name, root.title, Revision.objects.count()) == (
        "分行訓練",
        "分行首頁",
        revisions,
    )


def test_the_demo_comes_with_its_daily_figures_computed():
    """The dashboards tell their story on first start: the rollups of the demo's
    past days and of today are computed as the nightly jobs would have."""
    from django.utils import timezone

    from quizzes.models import RollupRun, UnitTopicDay
    from quizzes.selectors.rollups import rollup_last_run

    output = load()
    assert "Daily figures:" in output
    assert rollup_last_run().status == RollupRun.Status.DONE
    today = timezone.localdate()
    months = {d.replace(day=1) for d in UnitTopicDay.objects.values_list("date", flat=True)}
    assert today.replace(day=1) in months and len(months) >= 2
