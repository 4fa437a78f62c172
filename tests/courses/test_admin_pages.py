"""Creating course pages through the Wagtail admin, with Wagtail's own test helpers.

The page-type tree; a trainer's case study with inline decision points and a
timeline, which waits for a senior trainer; a risk expert's risk case review
with its risk factors and the view restriction of its confidentiality level;
bad input answered with the form and its errors; comparing two revisions.
What test_authoring.py covers (a lesson through the workflow, preview, who may
not write) is not repeated here.
"""

import datetime
import json

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.authoring import SENIOR_TRAINERS
from courses.models import (
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    DecisionPoint,
    LessonPage,
    RiskCaseReviewPage,
    RiskFactor,
    RiskReviewCoursePage,
)
from people.roles import GROUP_NAMES, Role
from tests.courses.conftest import risk_review
from tests.factories import OrgUnitFactory, PersonFactory

COURSE_PAGE_TYPES = {
    CourseIndexPage,
    CoursePage,
    LessonPage,
    CaseStudyPage,
    RiskReviewCoursePage,
    RiskCaseReviewPage,
}


RESTRICTED_GROUPS = {GROUP_NAMES[Role.RISK_EXPERT], GROUP_NAMES[Role.MANAGER]}


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def explore_url(page):
    return reverse("wagtailadmin_explore", args=[page.pk])


class PageTypeTreeTests(WagtailPageTestCase):
    """Which page type may sit under which."""

    def test_the_catalogue_holds_courses_only(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertCanNotCreateAt(CourseIndexPage, RiskReviewCoursePage)
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)
        self.assertCanNotCreateAt(CourseIndexPage, CaseStudyPage)

    def test_a_course_holds_lessons_and_case_studies(self):
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage, CaseStudyPage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertCanNotCreateAt(CoursePage, CoursePage)
        self.assertCanNotCreateAt(CoursePage, RiskCaseReviewPage)

    def test_lessons_and_case_studies_are_leaves_under_a_course(self):
        for leaf in (LessonPage, CaseStudyPage):
            with self.subTest(leaf=leaf.__name__):
                self.assertAllowedParentPageTypes(leaf, {CoursePage})
                self.assertAllowedSubpageTypes(leaf, set())
        # A risk review course is a CoursePage subclass, yet it takes no lessons or cases.
        self.assertCanNotCreateAt(RiskReviewCoursePage, LessonPage)
        self.assertCanNotCreateAt(RiskReviewCoursePage, CaseStudyPage)

    def test_risk_reviews_live_in_their_own_part_of_the_tree(self):
        self.assertAllowedSubpageTypes(RiskReviewCoursePage, {RiskCaseReviewPage})
        self.assertAllowedParentPageTypes(RiskCaseReviewPage, {RiskReviewCoursePage})
        self.assertAllowedParentPageTypes(RiskReviewCoursePage, {Page})
        self.assertAllowedSubpageTypes(RiskCaseReviewPage, set())

    def test_under_a_plain_page_only_the_two_areas_of_courses_may_be_started(self):
        allowed = set(Page.allowed_subpage_models()) & COURSE_PAGE_TYPES
        self.assertEqual(allowed, {CourseIndexPage, RiskReviewCoursePage})
        self.assertAllowedParentPageTypes(CourseIndexPage, {Page})

    def test_there_is_one_catalogue(self):
        root = Site.objects.get(is_default_site=True).root_page
        self.assertTrue(CourseIndexPage.can_create_at(root))
        root.add_child(instance=CourseIndexPage(title="課程", slug="courses"))
        self.assertFalse(CourseIndexPage.can_create_at(root))


class AdminPageTestCase(WagtailPageTestCase):
    """A head office with a trainer, a senior trainer, two risk experts, a
    trainee and a manager; the course catalogue with one course, and a risk
    review course. Creating the two areas grants the writers' permissions and
    attaches the approval workflows (courses.authoring)."""

    @classmethod
    def setUpTestData(cls):
        head = OrgUnitFactory(name="總行", code="hq", kind="head_office")

        def person(*roles, **kwargs):
            return PersonFactory(unit=head, user__roles=list(roles), **kwargs)

        cls.trainer = person(Role.TRAINER).user
        cls.senior = person(Role.TRAINER).user
        cls.senior.groups.add(Group.objects.get(name=SENIOR_TRAINERS))
        cls.expert = person(Role.RISK_EXPERT)
        cls.second_expert = person(Role.RISK_EXPERT).user
        cls.trainee = person(Role.TRAINEE).user
        cls.manager = person(Role.MANAGER, manages=[head]).user

        root = Site.objects.get(is_default_site=True).root_page
        cls.catalogue = root.add_child(instance=CourseIndexPage(title="課程", slug="courses"))
        cls.course = cls.catalogue.add_child(
            instance=CoursePage(
                title="贏得企業客戶", slug="winning", objectives="學會案例分析", audience="客戶經理"
            )
        )
        cls.risk_course = root.add_child(
            instance=RiskReviewCoursePage(
                title="風險案例解析",
                slug="risk-reviews",
                objectives="換位思考",
                audience="客戶經理",
            )
        )
        cls.factors = {
            name: RiskFactor.objects.create(name=name)
            for name in ("行業風險", "擔保不足", "關聯交易")
        }


# --- a trainer's case study --------------------------------------------------------


def case_study_data(*, decision_points=None, **fields):
    """The add form of a case study as the admin posts it."""
    if decision_points is None:
        decision_points = [
            {
                "prompt": "客戶要求三天內放款，是否受理？",
                "options": "受理\n不受理\n補齊資料後再議",
                "expert_answer": "先核實應收賬款的真實性",
                "actual_outcome": "補齊資料後受理",
            },
            {
                "prompt": "是否接受應收賬款質押？",
                "options": "接受\n要求追加擔保",
                "expert_answer": "接受，但要核心企業確權",
                "actual_outcome": "核心企業確權後放款",
            },
        ]
    data = {
        "title": "某物流企業的供應鏈融資",
        "slug": "logistics-finance",
        "client_profile": "年營收約三億元的**物流企業**",
        "situation": "客戶急需週轉資金",
        "how_it_went": "兩週內完成授信",
        "timeline": streamfield(
            [
                ("event", {"when": "2025年3月", "what": "首次拜訪"}),
                ("event", {"when": "2025年4月", "what": "授信獲批"}),
            ]
        ),
        "decision_points": inline_formset(decision_points),
        "outcome": "success",
        "lessons_learned": "看清核心企業的信用",
        "discussion_questions": "還能怎樣控制風險？",
        "industry": "物流",
        "product": "供應鏈融資",
    }
    data.update(fields)
    return nested_form_data(data)


class TrainerCaseStudyTests(AdminPageTestCase):
    def test_a_trainer_submits_a_case_study_with_decision_points_for_approval(self):
        self.client.force_login(self.trainer)
        data = case_study_data()
        data["action-submit"] = "1"

        response = self.client.post(add_url(CaseStudyPage, self.course), data)

        self.assertRedirects(response, explore_url(self.course), fetch_redirect_response=False)
        case = CaseStudyPage.objects.child_of(self.course).get(slug="logistics-finance")
        self.assertEqual(case.title, "某物流企業的供應鏈融資")
        self.assertEqual(case.outcome, "success")
        self.assertEqual((case.industry, case.product), ("物流", "供應鏈融資"))
        self.assertEqual(
            [(event.block_type, dict(event.value)) for event in case.timeline],
            [
                ("event", {"when": "2025年3月", "what": "首次拜訪"}),
                ("event", {"when": "2025年4月", "what": "授信獲批"}),
            ],
        )
        points = list(DecisionPoint.objects.filter(page=case).order_by("sort_order"))
        self.assertEqual(
            [(point.sort_order, point.prompt, point.option_list) for point in points],
            [
                (0, "客戶要求三天內放款，是否受理？", ["受理", "不受理", "補齊資料後再議"]),
                (1, "是否接受應收賬款質押？", ["接受", "要求追加擔保"]),
            ],
        )
        self.assertEqual(points[1].expert_answer, "接受，但要核心企業確權")

        # A trainer's page waits for a senior trainer.
        self.assertFalse(case.live)
        state = case.current_workflow_state
        self.assertIsNotNone(state)
        self.assertEqual(state.workflow.name, "課程審核")
        self.assertEqual(state.status, state.STATUS_IN_PROGRESS)
        self.assertEqual(state.requested_by, self.trainer)
        self.assertEqual(case.current_workflow_task.name, "資深講師核准")
        self.assertEqual(
            list(case.current_workflow_task.specific.groups.values_list("name", flat=True)),
            [SENIOR_TRAINERS],
        )

    def test_the_admin_order_of_decision_points_is_kept(self):
        """Decision points dragged into another order are saved in that order."""
        first, second = "客戶要求三天內放款，是否受理？", "是否接受應收賬款質押？"
        points = [
            {"prompt": first, "options": "受理\n不受理", "expert_answer": "甲", "ORDER": "2"},
            {"prompt": second, "options": "接受\n拒絕", "expert_answer": "乙", "ORDER": "1"},
        ]
        for point in points:
            point["actual_outcome"] = "略"
        self.client.force_login(self.trainer)
        data = case_study_data(decision_points=points)
        data["action-submit"] = "1"

        response = self.client.post(add_url(CaseStudyPage, self.course), data)

        self.assertEqual(response.status_code, 302)
        case = CaseStudyPage.objects.get(slug="logistics-finance")
        self.assertEqual(
            [point.prompt for point in case.decision_points.order_by("sort_order")],
            [second, first],
        )

    def test_a_trainer_may_keep_a_case_study_as_a_draft(self):
        self.client.force_login(self.trainer)
        self.assertCanCreate(self.course, CaseStudyPage, case_study_data(), publish=False)
        case = CaseStudyPage.objects.get(slug="logistics-finance")
        self.assertFalse(case.live)
        self.assertIsNone(case.current_workflow_state)
        self.assertEqual(case.decision_points.count(), 2)

    def test_nobody_in_the_area_publishes_without_a_peer_approving(self):
        self.client.force_login(self.trainer)
        data = case_study_data()
        data["action-publish"] = "1"
        self.client.post(add_url(CaseStudyPage, self.course), data)
        draft = CaseStudyPage.objects.get(slug="logistics-finance")
        self.assertFalse(draft.live)  # kept as a draft, not published
        self.assertIsNone(draft.current_workflow_state)

        # A senior trainer cannot publish directly either, nor approve their own page.
        self.client.force_login(self.senior)
        data = case_study_data(slug="second-case")
        data["action-publish"] = "1"
        self.client.post(add_url(CaseStudyPage, self.course), data)
        case = CaseStudyPage.objects.get(slug="second-case")
        self.assertFalse(case.live)
        data = case_study_data(slug="third-case")
        data["action-submit"] = "1"
        self.client.post(add_url(CaseStudyPage, self.course), data)
        case = CaseStudyPage.objects.get(slug="third-case")
        task_state = case.current_workflow_state.current_task_state
        approve = reverse(
            "wagtailadmin_pages:workflow_action", args=[case.pk, "approve", task_state.pk]
        )
        self.client.post(approve, {"comment": "自己批"})
        case.refresh_from_db()
        self.assertFalse(case.live, "a senior trainer does not approve their own case")

        other_senior = PersonFactory(unit=self.trainee.person.unit, user__roles=[Role.TRAINER])
        other_senior.user.groups.add(Group.objects.get(name=SENIOR_TRAINERS))
        self.client.force_login(other_senior.user)
        self.client.post(approve, {"comment": "可以"})
        case.refresh_from_db()
        self.assertTrue(case.live)
        self.assertEqual(case.decision_points.count(), 2)


class BadInputTests(AdminPageTestCase):
    def errors_shown(self, response, name):
        """The error text the form shows beside the field posted as `name`."""
        field = self.get_soup(response.content).find(attrs={"name": name})
        return field.find_parent(attrs={"data-field": True}).select_one("[data-field-errors]")

    def assertShown(self, response, *texts):
        html = response.content.decode()
        for text in texts:
            self.assertTrue(text in html, f"{text!r} is not shown again")

    def submit(self, data):
        self.client.force_login(self.trainer)
        data["action-submit"] = "1"
        return self.client.post(add_url(CaseStudyPage, self.course), data)

    def test_a_case_study_without_its_required_fields_is_shown_again_with_errors(self):
        response = self.submit(
            case_study_data(client_profile="", situation="", outcome="", lessons_learned="")
        )

        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        required = {"client_profile", "situation", "outcome", "lessons_learned"}
        self.assertEqual(set(form.errors), required)
        for name in required:
            self.assertTrue(self.errors_shown(response, name).get_text(strip=True), name)
        self.assertFalse(self.errors_shown(response, "how_it_went").get_text(strip=True))
        # What was typed is shown again: the fields, and the timeline in its block data.
        self.assertShown(response, "某物流企業的供應鏈融資", "客戶要求三天內放款，是否受理？")
        self.assertShown(response, json.dumps("首次拜訪")[1:-1])
        self.assertFalse(CaseStudyPage.objects.exists())
        self.assertFalse(DecisionPoint.objects.exists())

    def test_a_decision_point_without_options_is_shown_again_with_an_error(self):
        data = case_study_data()
        data["decision_points-1-options"] = ""

        response = self.submit(data)

        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertEqual(dict(form.errors), {})
        formset = form.formsets["decision_points"]
        self.assertEqual(formset.errors[0], {})
        self.assertEqual(set(formset.errors[1]), {"options"})
        self.assertTrue(
            self.errors_shown(response, "decision_points-1-options").get_text(strip=True)
        )
        self.assertFalse(
            self.errors_shown(response, "decision_points-0-options").get_text(strip=True)
        )
        self.assertShown(response, "是否接受應收賬款質押？", "接受，但要核心企業確權")
        self.assertFalse(CaseStudyPage.objects.exists())
        self.assertFalse(DecisionPoint.objects.exists())

    def test_a_timeline_event_without_its_date_is_shown_again_with_an_error(self):
        data = case_study_data()
        data["timeline-1-value-when"] = ""

        response = self.submit(data)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].errors), {"timeline"})
        self.assertFalse(CaseStudyPage.objects.exists())

    def test_a_draft_defers_the_required_fields_until_it_is_submitted(self):
        """Wagtail 8 lets a draft be saved incomplete; submitting it for
        approval is where the required fields are enforced."""
        self.client.force_login(self.trainer)
        data = case_study_data(client_profile="", outcome="")
        data["decision_points-1-options"] = ""

        response = self.client.post(add_url(CaseStudyPage, self.course), data)

        self.assertEqual(response.status_code, 302)
        case = CaseStudyPage.objects.get(slug="logistics-finance")
        self.assertFalse(case.live)
        self.assertIsNone(case.current_workflow_state)

        data = case_study_data(client_profile="", outcome="")
        data["decision_points-1-options"] = ""
        data["action-submit"] = "1"
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[case.pk]), data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].errors), {"client_profile", "outcome"})
        case.refresh_from_db()
        self.assertIsNone(case.current_workflow_state)


# --- a risk expert's risk case review ------------------------------------------------


def review_data(factors, *, reviewing_expert="", **fields):
    data = {
        "title": "授信案例丙：擔保不足",
        "slug": "case-c",
        "confidentiality": "restricted",
        "application_summary": "某建材企業申請一年期流動資金貸款",
        "decision": "conditional",
        "rationale": "追加抵押後同意",
        "mitigants": "追加廠房抵押",
        "later_status": "overdue",
        "later_notes": "第二年逾期三十天",
        "customer_manager_view": "客戶訂單充足",
        "risk_manager_view": "行業下行，擔保不足",
        "reviewing_expert": reviewing_expert,
        "review_date": "2026-03-12",
    }
    data.update(fields)
    data = nested_form_data(data)
    # A many-to-many field posts one value per choice; nested_form_data would
    # turn a list into risk_factors-0, risk_factors-1, so it is added after.
    data["risk_factors"] = [str(factor.pk) for factor in factors]
    return data


class RiskExpertReviewTests(AdminPageTestCase):
    def restriction_groups(self, page):
        restrictions = PageViewRestriction.objects.filter(page=page)
        self.assertEqual([r.restriction_type for r in restrictions], [PageViewRestriction.GROUPS])
        return set(restrictions.get().groups.values_list("name", flat=True))

    def trainee_sees_in_course(self, text):
        client = Client()  # a browser of the trainee's own, without the author's messages
        client.force_login(self.trainee)
        return text in client.get(self.risk_course.url).content.decode()

    def test_a_risk_expert_submits_a_restricted_review_with_risk_factors(self):
        self.client.force_login(self.expert.user)
        factors = [self.factors["擔保不足"], self.factors["行業風險"]]
        data = review_data(factors, reviewing_expert=str(self.expert.pk))
        data["action-submit"] = "1"

        response = self.client.post(add_url(RiskCaseReviewPage, self.risk_course), data)

        self.assertRedirects(response, explore_url(self.risk_course), fetch_redirect_response=False)
        review = RiskCaseReviewPage.objects.child_of(self.risk_course).get(slug="case-c")
        self.assertEqual(set(review.risk_factors.all()), set(factors))
        self.assertEqual(review.confidentiality, "restricted")
        self.assertEqual(review.decision, "conditional")
        self.assertEqual(review.reviewing_expert, self.expert)
        self.assertEqual(review.review_date, datetime.date(2026, 3, 12))
        self.assertFalse(review.live)
        self.assertEqual(review.current_workflow_state.workflow.name, "風險案例解析審核")
        self.assertEqual(review.current_workflow_task.name, "風險專家核准")
        self.assertEqual(self.restriction_groups(review), RESTRICTED_GROUPS)

    def test_another_risk_expert_approves_and_the_review_goes_live_restricted(self):
        self.client.force_login(self.expert.user)
        data = review_data([self.factors["關聯交易"]])
        data["action-submit"] = "1"
        self.client.post(add_url(RiskCaseReviewPage, self.risk_course), data)
        review = RiskCaseReviewPage.objects.get(slug="case-c")
        task_state = review.current_workflow_state.current_task_state

        self.client.force_login(self.second_expert)
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action", args=[review.pk, "approve", task_state.pk]
            ),
            {"comment": "同意發布"},
        )

        self.assertRedirects(
            response,
            reverse("wagtailadmin_pages:edit", args=[review.pk]),
            fetch_redirect_response=False,
        )
        review.refresh_from_db()
        self.assertTrue(review.live)
        self.assertEqual(self.restriction_groups(review), RESTRICTED_GROUPS)
        self.client.force_login(self.trainee)
        self.assertEqual(self.client.get(review.url).status_code, 404)
        self.client.force_login(self.manager)
        self.assertEqual(self.client.get(review.url).status_code, 200)

    def test_an_unapproved_draft_does_not_loosen_the_live_restriction(self):
        review = risk_review(self.risk_course, "授信案例乙：關聯交易", "case-b", "restricted")
        self.assertFalse(self.trainee_sees_in_course("關聯交易"))

        # A risk expert drafts a looser level; nobody has approved it.
        self.client.force_login(self.expert.user)
        data = review_data(
            [], title="授信案例乙：關聯交易", slug="case-b", confidentiality="internal"
        )
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[review.pk]), data)
        self.assertEqual(response.status_code, 302)
        review.refresh_from_db()
        self.assertEqual(review.confidentiality, "restricted")  # the live version
        self.assertTrue(review.has_unpublished_changes)

        self.assertEqual(self.restriction_groups(review), RESTRICTED_GROUPS)
        self.assertFalse(self.trainee_sees_in_course("關聯交易"), "the title leaks to trainees")

    def test_each_confidentiality_level_gets_its_own_groups(self):
        everyone_but_admins = {
            GROUP_NAMES[role]
            for role in (Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT, Role.MANAGER)
        }
        expected = {
            "internal": everyone_but_admins | {GROUP_NAMES[Role.ADMINISTRATOR]},
            "confidential": everyone_but_admins,
            "restricted": RESTRICTED_GROUPS,
        }
        self.client.force_login(self.expert.user)
        for level, groups in expected.items():
            with self.subTest(level=level):
                data = review_data([self.factors["關聯交易"]], confidentiality=level, slug=level)
                self.assertCanCreate(self.risk_course, RiskCaseReviewPage, data, publish=False)
                review = RiskCaseReviewPage.objects.get(slug=level)
                self.assertEqual(self.restriction_groups(review), groups)

    def test_only_the_managed_risk_factors_can_be_chosen(self):
        self.client.force_login(self.expert.user)
        data = review_data([])
        data["risk_factors"] = ["999999"]
        data["action-submit"] = "1"

        response = self.client.post(add_url(RiskCaseReviewPage, self.risk_course), data)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].errors), {"risk_factors"})
        self.assertFalse(RiskCaseReviewPage.objects.exists())

    def test_the_reviewing_expert_is_chosen_among_risk_experts_only(self):
        self.client.force_login(self.expert.user)
        response = self.client.get(add_url(RiskCaseReviewPage, self.risk_course))
        self.assertEqual(response.status_code, 200)
        choices = {
            value for value, _label in response.context["form"].fields["reviewing_expert"].choices
        }
        experts = {self.expert.pk, self.second_expert.person.pk}
        self.assertEqual({int(str(value)) for value in choices if value}, experts)

        data = review_data([], reviewing_expert=str(self.trainee.person.pk))
        data["action-submit"] = "1"
        response = self.client.post(add_url(RiskCaseReviewPage, self.risk_course), data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].errors), {"reviewing_expert"})
        self.assertFalse(RiskCaseReviewPage.objects.exists())

    def test_a_reviewing_expert_who_left_the_role_stays_on_the_review(self):
        former = PersonFactory(user__roles=[Role.TRAINEE])
        review = risk_review(
            self.risk_course, "授信案例甲", "case-a", "confidential", reviewing_expert=former
        )
        self.client.force_login(self.expert.user)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))
        self.assertEqual(response.status_code, 200)
        choices = {
            value for value, _label in response.context["form"].fields["reviewing_expert"].choices
        }
        experts = {self.expert.pk, self.second_expert.person.pk, former.pk}
        self.assertEqual({int(str(value)) for value in choices if value}, experts)

    def test_the_level_must_be_one_of_the_three(self):
        self.client.force_login(self.expert.user)
        data = review_data([], confidentiality="public")
        data["action-submit"] = "1"

        response = self.client.post(add_url(RiskCaseReviewPage, self.risk_course), data)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].errors), {"confidentiality"})
        self.assertFalse(RiskCaseReviewPage.objects.exists())
        self.assertFalse(PageViewRestriction.objects.exclude(page=self.risk_course).exists())


# --- comparing revisions -----------------------------------------------------------


class RevisionCompareTests(AdminPageTestCase):
    def lesson_data(self, text):
        return nested_form_data(
            {
                "title": "第一課",
                "slug": "lesson-1",
                "estimated_minutes": 10,
                "body": streamfield([("markdown", text)]),
            }
        )

    def compare_url(self, page, a, b):
        return reverse(
            "wagtailadmin_pages:revisions_compare",
            kwargs={"pk": page.pk, "revision_id_a": a, "revision_id_b": b},
        )

    def changes(self, response):
        """What the comparison marks as added and as deleted."""
        soup = self.get_soup(response.content)
        return (
            [element.get_text() for element in soup.select(".comparison .addition")],
            [element.get_text() for element in soup.select(".comparison .deletion")],
        )

    def test_two_revisions_of_a_lesson_are_compared(self):
        lesson = self.course.add_child(
            instance=LessonPage(title="第一課", slug="lesson-1", body=[("markdown", "先聽客戶說")])
        )
        self.client.force_login(self.trainer)
        edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
        for text in ("先聽客戶說", "先聽客戶說，再問現金流"):
            response = self.client.post(edit, self.lesson_data(text))
            self.assertEqual(response.status_code, 302)
        first, second = lesson.revisions.order_by("created_at", "pk")
        self.assertEqual(lesson.revisions.count(), 2)

        response = self.client.get(self.compare_url(lesson, first.pk, second.pk))

        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.changes(response), (["先聽客戶說，再問現金流"], ["先聽客戶說"]))
        changed = [c for c in response.context["comparison"] if c.has_changed()]
        self.assertEqual(
            [c.field_label() for c in changed], [LessonPage._meta.get_field("body").verbose_name]
        )

        # The live page against the latest draft shows the same change.
        response = self.client.get(self.compare_url(lesson, "live", "latest"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.changes(response), (["先聽客戶說，再問現金流"], ["先聽客戶說"]))

    def test_two_revisions_of_a_case_study_compare_its_decision_points(self):
        self.client.force_login(self.trainer)
        self.client.post(add_url(CaseStudyPage, self.course), case_study_data())
        case = CaseStudyPage.objects.get(slug="logistics-finance")
        points = list(case.decision_points.order_by("sort_order"))
        changed = [
            {
                "id": str(point.pk),
                "prompt": point.prompt,
                "options": point.options,
                "expert_answer": point.expert_answer,
                "actual_outcome": point.actual_outcome,
            }
            for point in points
        ]
        changed[1]["options"] = "接受\n要求追加擔保\n拒絕"
        data = case_study_data()
        data.update(
            nested_form_data({"decision_points": inline_formset(changed, initial=len(points))})
        )
        for index, event in enumerate(case.timeline):  # as the editor posts them back
            data[f"timeline-{index}-id"] = event.id
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[case.pk]), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            DecisionPoint.objects.get(pk=points[1].pk).option_list, ["接受", "要求追加擔保", "拒絕"]
        )

        response = self.client.get(self.compare_url(case, "earliest", "latest"))

        self.assertEqual(response.status_code, 200)
        changed = [c for c in response.context["comparison"] if c.has_changed()]
        self.assertEqual([c.field.name for c in changed], ["decision_points"])
        self.assertIn("拒絕", self.get_soup(response.content).select_one(".comparison").get_text())
