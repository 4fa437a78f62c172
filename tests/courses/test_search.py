"""Search that works in Chinese, through the site's search page, respecting confidentiality."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from courses.models import CaseStudyPage
from people.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(course, reviews):
    course.add_child(
        instance=CaseStudyPage(
            title="某企業授信審批流程",
            slug="credit-case",
            client_profile="客戶經理與風險管理部門的合作",
            situation="申請流動資金貸款",
            how_it_went="三次補充材料",
            outcome="success",
            lessons_learned="Review the cases early",
        )
    )
    call_command("update_index", verbosity=0)


def titles(user, query):
    client = Client()
    client.force_login(user)
    return client.get(reverse("search"), {"q": query}).content.decode()


@pytest.mark.parametrize("query", ["風險", "授信", "风险", "客戶經理", "case"])
def test_chinese_words_inside_longer_text_are_found(indexed, trainee, query):
    assert "某企業授信審批流程" in titles(trainee.user, query)


def test_confidential_reviews_only_for_their_groups(indexed, trainee, org):
    # The query is echoed in the search box, so look for the result's own title.
    assert "授信案例乙：關聯交易" not in titles(trainee.user, "關聯交易")
    expert = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
    assert "授信案例乙：關聯交易" in titles(expert.user, "关联交易")
