"""The admin screen for the managed list of risk factors (Admin > Risk factors).

Risk experts and administrators list, search, add, edit and delete factors;
trainers, trainees and managers do not get in. A duplicate name (compared after
trimming spaces) is a located form error; a factor that risk case reviews use,
as saved or in a draft, is not deleted, and the message says how many use it.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.admin_viewsets import RiskFactorForm
from courses.models import RiskCaseReviewPage, RiskFactor
from people.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("risk_factors:index")
ADD = reverse("risk_factors:add")


def edit_url(factor):
    return reverse("risk_factors:edit", args=[factor.pk])


def delete_url(factor):
    return reverse("risk_factors:delete", args=[factor.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def risk_expert(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT]).user


@pytest.fixture
def administrator(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR]).user


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER]).user


@pytest.fixture
def factors(db):
    return {
        name: RiskFactor.objects.create(name=name, description=f"{name}的說明")
        for name in ("行業風險", "擔保不足", "關聯交易")
    }


@pytest.fixture
def used(reviews, factors):
    """行業風險 is used by both reviews, 擔保不足 by one, 關聯交易 by none."""
    for review, names in (
        (reviews["confidential"], ["行業風險", "擔保不足"]),
        (reviews["restricted"], ["行業風險"]),
    ):
        review.risk_factors.set([factors[name] for name in names])
        review.save()
    return factors


@pytest.fixture
def signed_in(client, risk_expert):
    client.force_login(risk_expert)
    return client


class TestIndexView:
    def get(self, client, **params):
        return client.get(INDEX, params)

    def test_lists_every_factor_with_how_many_reviews_use_it(self, signed_in, used):
        response = self.get(signed_in)

        assert response.status_code == 200
        counts = {f.name: f.review_count for f in response.context["object_list"]}
        assert counts == {"行業風險": 2, "擔保不足": 1, "關聯交易": 0}
        html = response.content.decode()
        assert "行業風險的說明" in html
        assert edit_url(used["關聯交易"]) in html

    def test_searches_by_name(self, signed_in, used):
        response = self.get(signed_in, q="風險")

        assert [f.name for f in response.context["object_list"]] == ["行業風險"]

    def test_sorts_by_the_number_of_reviews(self, signed_in, used):
        response = self.get(signed_in, ordering="-review_count")

        assert [f.name for f in response.context["object_list"]] == [
            "行業風險",
            "擔保不足",
            "關聯交易",
        ]

    def test_the_admin_menu_leads_to_it(self, signed_in):
        response = signed_in.get(reverse("wagtailadmin_home"))

        assert INDEX in response.content.decode()

    def test_query_budget_is_the_same_for_3_and_60_factors(
        self, signed_in, reviews, django_assert_max_num_queries
    ):
        def listing_with(how_many):
            factors = RiskFactor.objects.bulk_create(
                RiskFactor(name=f"風險因素{n:02d}", description="說明")
                for n in range(RiskFactor.objects.count(), how_many)
            )
            for review in (reviews["confidential"], reviews["restricted"]):
                review.risk_factors.add(*factors)
                review.save()
            self.get(signed_in)  # warm the caches (content types, site) before counting

        listing_with(3)
        with CaptureQueriesContext(connection) as three:
            response = self.get(signed_in)
        assert len(response.context["object_list"]) == 3
        budget = len(three.captured_queries)  # read now: each request clears the query log
        assert budget <= QUERY_BUDGET

        listing_with(60)
        with django_assert_max_num_queries(budget):
            response = self.get(signed_in)
        assert len(response.context["object_list"]) == 50  # a page
        assert {f.review_count for f in response.context["object_list"]} == {2}


# The session, the user, their permissions and profile, the admin frame (menu, navigation,
# locales), then the paginator's count and the rows with their review counts: two queries.
QUERY_BUDGET = 17


class TestCreateView:
    def post(self, client, **data):
        return client.post(ADD, {"name": "", "description": "", **data})

    def test_adds_a_factor_with_its_name_trimmed(self, signed_in):
        assert signed_in.get(ADD).status_code == 200

        response = self.post(signed_in, name="  過度授信 ", description="多頭授信、超過還款能力")

        assert response.status_code == 302
        assert response["Location"] == INDEX
        factor = RiskFactor.objects.get()
        assert (factor.name, factor.description) == ("過度授信", "多頭授信、超過還款能力")

    def test_a_duplicate_name_is_an_error_on_the_name(self, signed_in, factors):
        response = self.post(signed_in, name=" 擔保不足　")

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["name"]
        assert RiskFactor.objects.filter(name__contains="擔保不足").count() == 1

    def test_a_stored_name_with_spaces_still_counts_as_taken(self, signed_in):
        RiskFactor.objects.create(name="匯率風險 ")

        response = self.post(signed_in, name="匯率風險")

        assert list(response.context["form"].errors) == ["name"]

    def test_a_name_taken_while_the_form_was_checked_is_still_a_form_error(
        self, signed_in, monkeypatch
    ):
        def taken_meanwhile(form):
            RiskFactor.objects.create(name="擔保不足")
            return form.cleaned_data["name"]

        monkeypatch.setattr(RiskFactorForm, "clean_name", taken_meanwhile)

        response = self.post(signed_in, name="擔保不足")

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["name"]
        assert RiskFactor.objects.count() == 1

    def test_a_blank_name_is_an_error_on_the_name(self, signed_in):
        response = self.post(signed_in, name="   ")

        assert list(response.context["form"].errors) == ["name"]
        assert not RiskFactor.objects.exists()


class TestEditView:
    def post(self, client, factor, **data):
        return client.post(
            edit_url(factor), {"name": factor.name, "description": factor.description, **data}
        )

    def test_edits_name_and_description(self, signed_in, factors):
        factor = factors["關聯交易"]
        assert signed_in.get(edit_url(factor)).status_code == 200

        response = self.post(signed_in, factor, name=" 關聯方交易 ", description="新的說明")

        assert response.status_code == 302
        factor.refresh_from_db()
        assert (factor.name, factor.description) == ("關聯方交易", "新的說明")

    def test_keeping_its_own_name_is_no_duplicate(self, signed_in, factors):
        response = self.post(signed_in, factors["擔保不足"], description="只改說明")

        assert response.status_code == 302

    def test_taking_another_factors_name_is_an_error_on_the_name(self, signed_in, factors):
        response = self.post(signed_in, factors["關聯交易"], name="擔保不足 ")

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["name"]
        assert RiskFactor.objects.get(pk=factors["關聯交易"].pk).name == "關聯交易"


class TestDeleteView:
    def test_deletes_a_factor_no_review_uses(self, signed_in, used):
        factor = used["關聯交易"]
        assert signed_in.get(delete_url(factor)).status_code == 200

        response = signed_in.post(delete_url(factor))

        assert response.status_code == 302
        assert not RiskFactor.objects.filter(pk=factor.pk).exists()

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_refuses_a_factor_reviews_use_and_says_how_many(self, signed_in, used, method):
        factor = used["行業風險"]

        response = getattr(signed_in, method)(delete_url(factor))

        assert response.status_code == 302
        assert response["Location"] == INDEX
        [message] = messages_of(response)
        assert "行業風險" in message and "2" in message
        assert RiskFactor.objects.filter(pk=factor.pk).exists()
        assert RiskCaseReviewPage.objects.filter(risk_factors=factor).count() == 2

    def test_the_message_is_shown_on_the_listing(self, signed_in, used):
        response = signed_in.post(delete_url(used["擔保不足"]), follow=True)

        assert response.redirect_chain == [(INDEX, 302)]
        shown = re.search(r'<li class="error">(.*?)</li>', response.content.decode(), re.S)
        assert "擔保不足" in shown[1] and "1" in shown[1]

    def test_a_draft_that_names_the_factor_counts_as_use(self, signed_in, reviews, factors):
        factor = factors["關聯交易"]
        review = reviews["confidential"]
        review.risk_factors = [factor]
        review.save_revision()  # a draft: the saved page does not name it yet
        assert not RiskCaseReviewPage.objects.filter(risk_factors=factor).exists()

        response = signed_in.post(delete_url(factor))

        assert RiskFactor.objects.filter(pk=factor.pk).exists()
        [message] = messages_of(response)
        assert "關聯交易" in message and "1" in message


class TestWhoMay:
    @pytest.fixture
    def factor(self, db):
        return RiskFactor.objects.create(name="行業風險")

    @pytest.mark.parametrize("who", ["risk_expert", "administrator"])
    def test_risk_experts_and_administrators_manage_the_list(self, client, request, who, factor):
        client.force_login(request.getfixturevalue(who))

        for url in (INDEX, ADD, edit_url(factor), delete_url(factor)):
            assert client.get(url).status_code == 200, url
        assert INDEX in client.get(reverse("wagtailadmin_home")).content.decode()

    @pytest.mark.parametrize("who", ["trainer", "trainee", "manager"])
    def test_others_do_not_see_the_screen(self, client, request, who, factor):
        user = request.getfixturevalue(who)
        user = getattr(user, "user", user)
        client.force_login(user)

        for url in (INDEX, ADD, edit_url(factor), delete_url(factor)):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert response.get("Location") != url
        client.post(ADD, {"name": "擔保不足"})
        client.post(edit_url(factor), {"name": "改名"})
        client.post(delete_url(factor))
        assert list(RiskFactor.objects.values_list("name", flat=True)) == ["行業風險"]
        home = client.get(reverse("wagtailadmin_home"))
        assert INDEX not in home.content.decode()
