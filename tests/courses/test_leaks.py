"""Confidential reviews never show to those outside their groups, however they
ask: the admin's page chooser and reports, 'done' redirects, home panels,
enrolment messages, the risk factor screen, guessed addresses."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import LessonPage, RiskFactor
from people.roles import Role
from tests.courses.conftest import risk_review, senior_trainer
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
SECRET = "關聯交易"  # only in the restricted review's title


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])


@pytest.fixture
def administrator(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])


def page_text(response) -> str:
    """What a response says, decoded: Wagtail's choosers answer JSON, where Chinese
    is escaped as \\uXXXX and a raw look for it would never find it."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def third_review(reviews):
    return risk_review(reviews["course"], "授信案例丙", "case-c", "confidential")


def test_the_page_chooser(reviews, trainer, administrator, catalogue):
    for user in (trainer.user, administrator.user):
        client = login(user)
        browse = client.get(reverse("wagtailadmin_choose_page_child", args=[reviews["course"].pk]))
        search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "授信案例乙"})
        assert browse.status_code in (200, 404) and SECRET not in page_text(browse)
        assert search.status_code == 200 and SECRET not in page_text(search)
    expert = PersonFactory(unit=trainer.unit, user__roles=[Role.RISK_EXPERT])
    browse = login(expert.user).get(
        reverse("wagtailadmin_choose_page_child", args=[reviews["course"].pk])
    )
    assert SECRET in browse.json()["html"], "risk experts still choose their reviews"


def test_the_page_types_report(reviews, trainer, catalogue):
    reviews["restricted"].save_revision()  # the review edited last
    client = login(trainer.user)
    for name in ("page_types_usage", "page_types_usage_results"):
        response = client.get(reverse(f"wagtailadmin_reports:{name}"))
        assert response.status_code == 200 and SECRET not in response.content.decode()


def test_done_goes_on_to_the_next_page_the_learner_may_read(reviews, trainee):
    following = third_review(reviews)
    response = login(trainee.user).post(
        reverse("courses:complete", args=[reviews["confidential"].pk])
    )
    assert response["Location"] == following.url


def test_my_learning_counts_only_pages_the_learner_may_read(reviews, trainee):
    third_review(reviews)
    client = login(trainee.user)
    client.post(reverse("courses:complete", args=[reviews["confidential"].pk]))
    assert 'aria-valuenow="50"' in client.get(reviews["course"].url).content.decode()
    home = client.get("/").content.decode()
    assert "50%" in home and "33%" not in home


def test_my_learning_leaves_out_courses_the_person_may_not_open(reviews, manager, org):
    member = PersonFactory(unit=org["pudong_team"])  # no role: outside the review groups
    response = login(manager.user).post(
        reverse("courses:enroll_team", args=[reviews["course"].pk]),
        {"people": [member.pk]},
        follow=True,
    )
    assert member.name in response.content.decode()  # named as not enrolled
    client = login(member.user)
    assert client.get(reviews["course"].url).status_code == 404
    assert "風險案例解析" not in client.get("/").content.decode()


def test_a_refused_enrolment_names_only_prerequisites_the_person_may_read(
    reviews, course, administrator
):
    course.prerequisites.add(reviews["course"])
    course.save_revision().publish()
    client = login(administrator.user)
    response = client.post(reverse("courses:enroll", args=[course.pk]), follow=True)
    html = response.content.decode()
    assert "風險案例解析" not in html
    assert "先修課程" in html  # still told why


def test_the_risk_factor_screen_counts_only_reviews_the_user_may_read(reviews, administrator):
    factor = RiskFactor.objects.create(name="關聯方")
    reviews["restricted"].risk_factors.add(factor)
    reviews["restricted"].save_revision().publish()
    client = login(administrator.user)
    listing = client.get(reverse("risk_factors:index")).content.decode()
    assert "關聯方" in listing
    response = client.get(reverse("risk_factors:delete", args=[factor.pk]), follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages and not any("1" in m for m in messages), messages
    assert RiskFactor.objects.filter(pk=factor.pk).exists()  # still refused


def test_a_visitor_who_is_not_signed_in_cannot_tell_which_reviews_exist(reviews):
    visitor = Client()
    there = visitor.get(reviews["restricted"].url)
    not_there = visitor.get(reviews["course"].url + "no-such-review/")
    assert there.status_code == not_there.status_code == 302
    assert reverse("login") in not_there["Location"]


def lesson_form(text, action=None):
    data = nested_form_data(
        {
            "title": "第三課",
            "slug": "new-lesson",
            "estimated_minutes": 10,
            "body": streamfield([("markdown", text)]),
        }
    )
    if action:
        data[action] = "1"
    return data


def test_who_rewrote_a_page_in_moderation_does_not_approve_it(client, org, course):
    author, rewriter, third = (senior_trainer(org["head"]) for _ in range(3))
    client.force_login(author.user)
    add = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk])
    client.post(add, lesson_form("作者寫的內容", action="action-submit"))
    lesson = LessonPage.objects.get(title="第三課")

    client.force_login(rewriter.user)
    client.post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), lesson_form("改寫的內容"))
    state = lesson.current_workflow_state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", state.pk])
    client.post(approve, {"comment": ""})
    assert not LessonPage.objects.get(pk=lesson.pk).live

    client.force_login(third.user)
    client.post(approve, {"comment": "看過了"})
    assert LessonPage.objects.get(pk=lesson.pk).live


def test_the_report_asks_a_visitor_to_sign_in(client):
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_move_confirmation_names_nothing_to_who_may_not_move(reviews, trainer, course):
    """Wagtail's move confirmation shows the page's title before any check (only its
    POST checks): a trainer asking to move the restricted review is refused."""
    url = reverse("wagtailadmin_pages:move_confirm", args=[reviews["restricted"].pk, course.pk])
    response = login(trainer.user).get(url)
    # Refused as Wagtail's admin refuses: back to the dashboard with a message.
    assert (response.status_code, response.get("Location")) == (302, reverse("wagtailadmin_home"))
    assert SECRET not in response.content.decode()


def test_the_page_chooser_opened_on_a_restricted_review(reviews, trainer):
    """Opened on a page the user may not read, the chooser would name it in its header."""
    url = reverse("wagtailadmin_choose_page_child", args=[reviews["restricted"].pk])
    response = login(trainer.user).get(url)
    assert response.status_code == 404
    assert SECRET not in page_text(response)


def test_the_admin_api_gives_risk_review_files_only_to_who_may_choose_them(trainer, org):
    """Wagtail's admin API would give the title of any document or image by its id."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    risk_files = Collection.objects.get(name="Risk review files")
    document = get_document_model().objects.create(
        title=SECRET, file=ContentFile(b"%PDF-1.4", name="secret.pdf"), collection=risk_files
    )
    expert = PersonFactory(unit=trainer.unit, user__roles=[Role.RISK_EXPERT])
    detail = reverse("wagtailadmin_api:documents:detail", args=[document.pk])
    listing = reverse("wagtailadmin_api:documents:listing")
    assert login(trainer.user).get(detail).status_code == 404
    assert SECRET not in page_text(login(trainer.user).get(listing))
    assert login(expert.user).get(detail).json()["title"] == SECRET


def test_the_publish_confirmation_of_a_restricted_review_in_moderation(reviews, trainer):
    """Wagtail's confirmation before publishing over a workflow says which workflow and
    step a page is at, to anybody: not of a review the user may not read."""
    page = reviews["restricted"]
    expert = PersonFactory(unit=trainer.unit, user__roles=[Role.RISK_EXPERT])
    page.save_revision(user=expert.user)
    page.get_workflow().start(page, expert.user)
    url = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page.pk])
    assert login(trainer.user).get(url).status_code == 404
    assert login(expert.user).get(url).json()["step"] == "confirm"
