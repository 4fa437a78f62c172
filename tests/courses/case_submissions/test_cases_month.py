"""The monthly target: a case counts for the month of its first submission in
the site's time zone, kept when it is sent back and resubmitted; the home
panel, the training record and the summary per unit down the tree."""

import datetime
import zoneinfo

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from courses.selectors.case_submissions import (
    behind_this_month,
    month_count,
    month_of,
    monthly_summary,
)
from courses.services.case_submissions import submission_return, submission_submit
from people.models import Person
from people.roles import Role
from tests.factories import PersonFactory

from .conftest import case_make, client_for

pytestmark = pytest.mark.django_db


def local(*args):
    return datetime.datetime(*args, tzinfo=zoneinfo.ZoneInfo(django_settings.TIME_ZONE))


def test_the_site_is_east_of_utc():
    # The tests below would not tell the months apart in UTC.
    assert local(2026, 1, 1).utcoffset() > datetime.timedelta(0)


def test_a_case_at_2359_on_the_last_day_counts_for_that_month(people):
    author = people["author"]
    late = case_make(author, now=local(2026, 11, 30, 23, 59))
    early = case_make(author, now=local(2026, 12, 1, 0, 1))
    assert late.month == datetime.date(2026, 11, 1)
    assert early.month == datetime.date(2026, 12, 1)
    # In UTC both moments fall on 30 November: the time zone decides.
    assert early.submitted_at.astimezone(datetime.UTC).month == 11
    assert month_count(author, datetime.date(2026, 11, 1)) == 1
    assert month_count(author, datetime.date(2026, 12, 1)) == 1


def test_a_resubmission_keeps_the_month_of_the_first(people):
    author = people["author"]
    case = case_make(author, now=local(2026, 11, 30, 23, 59))
    submission_return(by=people["trainer"].user, submission=case, comment="補充細節")
    submission_submit(by=author.user, submission=case, now=local(2026, 12, 2, 9, 0))
    case.refresh_from_db()
    assert case.month == datetime.date(2026, 11, 1)
    assert month_count(author, datetime.date(2026, 12, 1)) == 0


def test_a_draft_does_not_count(people):
    case_make(people["author"], submit=False)
    assert month_count(people["author"], month_of(datetime.datetime.now(datetime.UTC))) == 0


def test_who_is_behind_follows_the_target_setting(people, settings):
    author, colleague = people["author"], people["other_trainee"]
    month = datetime.date(2026, 12, 1)
    case_make(author, now=local(2026, 12, 3, 10))
    team = Person.objects.filter(unit=author.unit)
    behind = behind_this_month(team, month=month)
    assert {p.pk for p in behind} == {author.pk, colleague.pk}  # the target is 2
    settings.COURSES_CASES_MONTHLY_TARGET = 1
    assert {p.pk for p in behind_this_month(team, month=month)} == {colleague.pk}


def test_the_summary_counts_each_unit_with_those_below_it(people, org):
    month = datetime.date(2026, 12, 1)
    puxi = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    case_make(people["author"], now=local(2026, 12, 3, 10))
    case_make(people["author"], now=local(2026, 12, 4, 10))
    accepted = case_make(puxi, now=local(2026, 12, 5, 10))
    from courses.services.case_submissions import submission_accept

    submission_accept(by=people["trainer"].user, submission=accepted)
    case_make(puxi, now=local(2026, 11, 5, 10))  # another month
    rows = {row.unit.code: row for row in monthly_summary(org["branch"], month)}
    assert list(rows) == ["east", "pudong", "pudong-1", "puxi", "puxi-1"]
    assert (rows["east"].people, rows["east"].submitted, rows["east"].accepted) == (3, 3, 1)
    assert (rows["pudong-1"].submitted, rows["pudong-1"].behind) == (2, 1)
    assert (rows["puxi"].submitted, rows["puxi"].accepted, rows["puxi"].behind) == (1, 1, 1)
    assert rows["east"].behind == 2


def test_the_summary_page_and_its_export(people, org):
    case_make(people["author"])
    client = client_for(people, "manager")
    response = client.get(reverse("courses:case_summary"))
    html = response.content.decode()
    assert f'data-unit="{org["pudong"].pk}" data-submitted="1"' in html
    assert f'data-unit="{org["puxi"].pk}"' not in html  # not the manager's
    export = client.get(reverse("courses:case_summary_export", args=["csv"]))
    assert "浦東一隊" in export.content.decode("utf-8-sig")
    bad = client.get(reverse("courses:case_summary"), {"month": "不是月份"})
    assert bad.status_code == 200  # an unreadable month shows this month


def test_the_home_panel_says_n_of_the_target(people, settings):
    client = client_for(people, "author")
    assert 'data-count="0" data-target="2"' in client.get("/").content.decode()
    case_make(people["author"])
    assert 'data-count="1" data-target="2"' in client.get("/").content.decode()
    settings.COURSES_CASES_MONTHLY_TARGET = 3
    assert 'data-target="3"' in client.get("/").content.decode()
    # No panel for someone who is not a trainee.
    assert "data-target=" not in client_for(people, "trainer").get("/").content.decode()


def test_the_training_record_lists_submitted_cases(people):
    case = case_make(people["author"])
    draft = case_make(people["author"], submit=False, title="草稿")
    client = client_for(people, "manager")
    html = client.get(reverse("people:record", args=[people["author"].pk])).content.decode()
    assert f'data-submission="{case.pk}" data-status="submitted"' in html
    assert f'data-submission="{draft.pk}"' not in html


def test_the_dashboard_lists_who_is_behind(people):
    case_make(people["author"])
    client = client_for(people, "manager")
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-behind-person="{people["other_trainee"].pk}"' in html
    assert 'data-writers="2" data-behind="2"' in html
    rows = client.get(reverse("dashboard:export_csv", args=["cases", "behind"]))
    assert rows.status_code == 200
    assert people["other_trainee"].employee_id in rows.content.decode("utf-8-sig")
