"""Access checked route by route.

Every route of the host (Django's URL resolver walked whole: the front end,
Wagtail's admin, the JSON API, the file routes) that takes an id or another
parameter is listed in ROUTES below, with how to fill its parameters with a
record outside each role's scope, or with the reason it is not swept. Each
(route, role, method) is one test: the visitor, a trainee, a trainer, a risk
expert, the manager of another team and an administrator ask for the record
that is not theirs, reading and, where the route writes, writing, and must be
refused: 403, 404 (401 from the API), or a redirect to sign in.

A route missing from ROUTES fails `test_every_route_is_known` with the line
to add, so a new page, file route, export or admin view is swept from the day
it appears.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.models import Site

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "trainee", "trainer", "risk_expert", "other_manager", "administrator")
SIGNED_IN = ROLES[1:]
ADMIN_USERS = ("trainer", "risk_expert", "administrator")  # the roles with the admin

HERE = "tests/site/test_route_access.py"


# --- the routes --------------------------------------------------------------------


def walk(patterns, prefix=""):
    """(route, pattern) of every URL pattern, with its whole route as text."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def parameters(route: str) -> list[str]:
    """The names of a route's parameters (groups of a regular expression count too)."""
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    groups = re.findall(r"\((?!\?:)(?:\?P<(\w+)>)?", route)
    return names + [name or f"group{n}" for n, name in enumerate(groups)]


def all_routes() -> list[str]:
    return list(dict.fromkeys(route for route, _pattern in walk(get_resolver().url_patterns)))


# --- the registry ------------------------------------------------------------------


@dataclass
class R:
    """How to sweep one route.

    fill(world, role) gives the parameters (a dict) or the whole path (a str)
    that point at a record outside that role's scope. methods: GET to read,
    POST where the route writes. allowed: roles for which nothing is outside
    their scope on this route, each with the reason. exempt: why the route is
    not swept at all."""

    fill: Callable | None = None
    methods: tuple = ("GET",)
    body: Callable | dict | None = None
    allowed: dict = field(default_factory=dict)
    exempt: str = ""
    # A redirect that is a refusal on this route (a regular expression of its Location).
    elsewhere: str = ""


def ex(reason):
    return R(exempt=reason)


def pk_of(attribute):
    return lambda w, role: {"pk": w.get(attribute, role).pk}


def with_key(key, attribute):
    return lambda w, role: {key: w.get(attribute, role).pk}


READ, WRITE, BOTH = ("GET",), ("POST",), ("GET", "POST")

EVERY_ADMINISTRATOR = {"administrator": "administrators keep people, units and logins"}
PAIR_MANAGERS = {
    "administrator": "administrators manage every mentee: they may change or end any pair"
}
ADMINISTRATORS_SITE = {"administrator": "administrators keep the site's settings"}
AUTHORS = {
    "trainer": "trainers write the shared question banks and drills",
    "risk_expert": "risk experts write questions too",
    "administrator": "administrators see every admin record",
}


def model_viewset(prefix, attribute, *, copy=False, allowed=None):
    """The object routes of a Wagtail ModelViewSet at admin/<prefix>/."""
    allowed = allowed or {}
    fill = pk_of(attribute)
    routes = {
        f"admin/{prefix}/edit/<int:pk>/": R(fill, BOTH, allowed=allowed),
        f"admin/{prefix}/delete/<int:pk>/": R(fill, BOTH, allowed=allowed),
        f"admin/{prefix}/history/<int:pk>/": R(fill, READ, allowed=allowed),
        f"admin/{prefix}/history-results/<int:pk>/": R(fill, READ, allowed=allowed),
        f"admin/{prefix}/usage/<int:pk>/": R(fill, READ, allowed=allowed),
    }
    if copy:
        routes[f"admin/{prefix}/copy/<int:pk>/"] = R(fill, READ, allowed=allowed)
    return routes


def import_runs(prefix, attribute, allowed=None):
    fill = pk_of(attribute)
    allowed = allowed or {}
    return {
        f"{prefix}imports/<int:pk>/": R(fill, READ, allowed=allowed),
        f"{prefix}imports/<int:pk>/status/": R(fill, READ, allowed=allowed),
        f"{prefix}imports/<int:pk>/encoding/": R(fill, WRITE, allowed=allowed),
        f"{prefix}imports/<int:pk>/confirm/": R(fill, WRITE, allowed=allowed),
        f"{prefix}imports/<int:pk>/retry/": R(fill, WRITE, allowed=allowed),
        f"{prefix}imports/<int:pk>/discard/": R(fill, WRITE, allowed=allowed),
    }


def page_id(key="page_id", attribute="admin_page"):
    return lambda w, role: {key: w.get(attribute, role).pk}


RESTRICTED_READERS = {
    "risk_expert": "risk experts read and edit restricted reviews",
    "other_manager": "every manager reads restricted reviews",
}
EXPLORABLE_ROOT = r"^/admin/pages/\d+/$"
ADMINISTRATORS_PAGES = {
    "administrator": "administrators keep the whole page tree in the admin (unpublish, move), "
    "as Wagtail's page permissions give them (tests/courses/test_administrators_pages.py)",
}
ADMINISTRATORS_FILES = {
    "administrator": "administrators keep every collection of documents and images",
}
SHARED_BANKS = {
    "trainer": "drills, categories and topics are shared: trainers keep them all",
    "administrator": "administrators keep every shared drill, category and topic",
}
DRILL_CHOOSERS = {
    **SHARED_BANKS,
    "risk_expert": "risk experts choose drills for their courses",
    "other_manager": "managers choose any drill for their morning meeting",
}
ANALYSTS = {
    "trainer": "trainers read the item analysis of every drill",
    "other_manager": "managers read the item analysis of every drill",
    "administrator": "administrators read the item analysis of every drill",
}
EXPORTERS = {
    role: "categories are shared; the export holds only the questions in the user's scope"
    for role in ("trainer", "other_manager", "administrator")
}
EVERY_FACT_SHEET = {
    "administrator": "administrators see every fact sheet and so every territory question",
}
EVERY_UPLOAD = {"administrator": "administrators follow every upload"}
RISK_FACTOR_KEEPERS = {
    "risk_expert": "risk experts keep the managed list of risk factors",
    "administrator": "administrators keep the managed list of risk factors",
}

GUIDANCE_WRITERS = {
    "trainer": "trainers write the advice for each guidance type",
    "administrator": "administrators keep the advice too",
}
PAIR_READERS = {"administrator": "administrators read every pair"}
HONOUR_READERS = {
    "trainer": "outstanding mentors are public recognition, read by trainers",
    "administrator": "administrators read every honour",
}

PLAN_KEEPERS = {"administrator": "administrators see and withdraw every training assignment"}
CERTIFICATE_READERS = {
    "administrator": "administrators see and revoke every certificate and keep every programme"
}

ROUTES: dict[str, R] = {
    # The front end.
    "guide/<slug:slug>/": R(
        lambda w, role: {"slug": w.guide_slug},
        allowed={role: "the guide is for every signed-in person" for role in SIGNED_IN},
    ),
    "people/<int:person_id>/record/": R(
        with_key("person_id", "person"), allowed=EVERY_ADMINISTRATOR
    ),
    "drills/facts/people/<int:person_id>/": R(
        with_key("person_id", "person"), BOTH, allowed=EVERY_ADMINISTRATOR
    ),
    "drills/facts/sheets/<int:sheet_id>/": R(
        with_key("sheet_id", "sheet"), BOTH, allowed=EVERY_ADMINISTRATOR
    ),
    "drills/<int:drill_id>/": R(with_key("drill_id", "drill")),
    "drills/attempts/<int:attempt_id>/": R(
        with_key("attempt_id", "attempt"),
        allowed={"administrator": "administrators see everyone's training record and results"},
    ),
    "drills/morning/<int:session_id>/": R(with_key("session_id", "session"), BOTH),
    "drills/morning/<int:session_id>/turns/<int:turn_id>/": R(
        lambda w, role: {"session_id": w.session.pk, "turn_id": w.turn.pk},
        WRITE,
        body={"result": "correct"},
    ),
    "drills/morning/<int:session_id>/turns/<int:turn_id>/skip/": R(
        lambda w, role: {"session_id": w.session.pk, "turn_id": w.turn.pk}, WRITE
    ),
    "drills/morning/<int:session_id>/end/": R(with_key("session_id", "session"), WRITE),
    "drills/morning/<int:session_id>/next/": R(with_key("session_id", "session"), WRITE),
    "drills/morning/<int:session_id>/undo/": R(with_key("session_id", "session"), WRITE),
    "learning/<int:course_id>/enroll/": R(with_key("course_id", "hidden_course"), WRITE),
    "learning/<int:course_id>/enroll-team/": R(with_key("course_id", "hidden_course"), WRITE),
    "learning/pages/<int:page_id>/visit/": R(with_key("page_id", "page"), WRITE),
    "learning/pages/<int:page_id>/done/": R(with_key("page_id", "page"), WRITE),
    "learning/plans/<int:assignment_id>/": R(
        with_key("assignment_id", "plan_assignment"), READ, allowed=PLAN_KEEPERS
    ),
    "learning/plans/<int:assignment_id>/withdraw/": R(
        with_key("assignment_id", "plan_assignment"), WRITE, allowed=PLAN_KEEPERS
    ),
    # 兩案例: the trainee's colleague's submitted case; for those who read every
    # submitted case (trainers, administrators), the colleague's draft.
    "learning/cases/<int:submission_id>/": R(with_key("submission_id", "case")),
    "learning/cases/<int:submission_id>/edit/": R(with_key("submission_id", "case"), BOTH),
    "learning/cases/<int:submission_id>/submit/": R(with_key("submission_id", "case"), WRITE),
    "learning/cases/<int:submission_id>/comment/": R(
        with_key("submission_id", "case"), WRITE, body={"comment": "意見"}
    ),
    "learning/cases/<int:submission_id>/return/": R(
        with_key("submission_id", "case"), WRITE, body={"comment": "意見"}
    ),
    "learning/cases/<int:submission_id>/accept/": R(with_key("submission_id", "case"), WRITE),
    "learning/cases/<int:submission_id>/promote/": R(with_key("submission_id", "case"), BOTH),
    "learning/cases/summary/export.<str:fmt>": R(
        lambda w, role: f"learning/cases/summary/export.csv?unit={w.case_unit.pk}",
        allowed={"administrator": "administrators read the summary of every unit"},
    ),
    # Certification: a colleague's certificate of a programme no role here trains;
    # enrolling in a closed programme; the verification page is public by design.
    "learning/certification/<int:programme_id>/enrol/": R(
        with_key("programme_id", "closed_programme"), WRITE
    ),
    "learning/certificates/<str:code>/": R(
        lambda w, role: {"code": w.certificate.code}, READ, allowed=CERTIFICATE_READERS
    ),
    "learning/certificates/<str:code>/revoke/": R(
        lambda w, role: {"code": w.certificate.code},
        WRITE,
        body={"reason": "x"},
        allowed=CERTIFICATE_READERS,
    ),
    "verify/<str:code>/": ex(
        "the public verification page: anyone reads a certificate's status, holder's name and "
        "programme by its code, nothing more (tests/courses/certification/"
        "test_certification_verification.py)"
    ),
    "learning/decisions/<int:point_id>/": R(
        lambda w, role: {"point_id": w.hidden_point.pk}, WRITE, body={"option": "0"}
    ),
    # Course effectiveness: those who may read it are refused an unpublished course;
    # the others (trainees, risk experts) a live one too.
    "learning/effectiveness/<int:course_id>/": R(with_key("course_id", "effectiveness_course")),
    "learning/effectiveness/<int:course_id>/export.<str:fmt>": R(
        lambda w, role: {"course_id": w.get("effectiveness_course", role).pk, "fmt": "csv"}
    ),
    "learning/effectiveness/<int:course_id>/topics/<int:topic_id>/refresher/": R(
        lambda w, role: {
            "course_id": w.get("effectiveness_course", role).pk,
            "topic_id": w.topic.pk,
        },
        WRITE,
    ),
    # The follow-up after training: the colleague's own survey; their checkpoint's observation.
    "learning/followup/<int:task_id>/reaction/": R(
        with_key("task_id", "reaction_task"), BOTH, body={"rating": "5"}
    ),
    "learning/followup/<int:task_id>/observation/": R(
        with_key("task_id", "behaviour_task"),
        BOTH,
        body={"changed": "yes", "example": "x"},
        allowed={"administrator": "administrators see everyone, so they may observe anyone"},
    ),
    **import_runs("drills/facts/", "facts_run"),
    **import_runs(
        "learning/results/import/",
        "figures_run",
        allowed={"administrator": "administrators see every import of business figures"},
    ),
    # A notice is its recipient's alone: administrators included, nobody else marks it read.
    "notices/<int:notice_id>/read/": R(with_key("notice_id", "notice"), WRITE),
    # Mentoring.
    "mentoring/pairs/<int:pair_id>/": R(
        with_key("pair_id", "pair"), allowed={"administrator": "administrators see every pair"}
    ),
    # A pair's writes: its two sides, and the mentee's managers (administrators among
    # them) for the agreement and the end; nobody else (404), or 403 for the others.
    "mentoring/pairs/<int:pair_id>/agreement/": R(
        with_key("pair_id", "pair"), WRITE, allowed=PAIR_MANAGERS
    ),
    "mentoring/pairs/<int:pair_id>/acknowledge/": R(with_key("pair_id", "pair"), WRITE),
    "mentoring/pairs/<int:pair_id>/checkins/": R(
        with_key("pair_id", "pair"), WRITE, body={"met_on": "2026-01-01", "minutes": "30"}
    ),
    "mentoring/pairs/<int:pair_id>/complete/": R(
        with_key("pair_id", "pair"), WRITE, allowed=PAIR_MANAGERS
    ),
    "mentoring/pairs/<int:pair_id>/end-early/": R(
        with_key("pair_id", "pair"), WRITE, body={"reason": "x"}, allowed=PAIR_MANAGERS
    ),
    "mentoring/pairs/<int:pair_id>/feedback/": R(
        with_key("pair_id", "pair"), WRITE, body={"rating": "3"}
    ),
    "mentoring/pairs/<int:pair_id>/observations/": R(
        with_key("pair_id", "pair"), WRITE, body={"changed": "yes", "example": "x"}
    ),
    "mentoring/people/<int:person_id>/nominate/": R(
        with_key("person_id", "person"), BOTH, body={"capacity": "2"}, allowed=EVERY_ADMINISTRATOR
    ),
    "mentoring/people/<int:person_id>/needs/": R(
        with_key("person_id", "person"),
        BOTH,
        body={"seeking": "on", "guidance_type": "complacent"},
        allowed=EVERY_ADMINISTRATOR,
    ),
    # A suggestion run and its lines are their requesting manager's alone, administrators included.
    "mentoring/suggestions/runs/<int:run_id>/progress/": R(with_key("run_id", "matching_run")),
    "mentoring/suggestions/runs/<int:run_id>/accept-all/": R(
        with_key("run_id", "matching_run"), WRITE
    ),
    "mentoring/suggestions/<int:suggestion_id>/accept/": R(
        with_key("suggestion_id", "suggestion"), WRITE
    ),
    "mentoring/suggestions/<int:suggestion_id>/change/": R(
        with_key("suggestion_id", "suggestion"),
        WRITE,
        body=lambda w, role: {"mentor": w.pair.mentor_id},
    ),
    "mentoring/suggestions/<int:suggestion_id>/reject/": R(
        with_key("suggestion_id", "suggestion"), WRITE
    ),
    # The manager dashboard's exports: the unit in the query string is the trainee's
    # team, outside the other manager's subtree (the page itself: test_dashboard_scope).
    "dashboard/<slug:section>/<slug:table>.csv": R(
        lambda w, role: f"dashboard/assignments/by-person.csv?unit={w.unit.pk}",
        allowed={"administrator": "administrators see the dashboard of any unit"},
    ),
    "dashboard/<slug:section>/<slug:table>.xlsx": R(
        lambda w, role: f"dashboard/mastery/mastery.xlsx?unit={w.unit.pk}",
        allowed={"administrator": "administrators see the dashboard of any unit"},
    ),
    # Pages, documents, images.
    r"^((?:[\w\-]+/)*)$": R(lambda w, role: w.get("page", role).url.lstrip("/"), allowed={}),
    r"^documents/(\d+)/(.*)$": R(lambda w, role: w.document_path),
    r"documents/^(\d+)/(.*)$": R(lambda w, role: w.document_path),
    r"^media/(?P<path>.+)$": R(lambda w, role: w.image_path),
    "documents/authenticate_with_password/<int:restriction_id>/": ex(
        "Wagtail's password form for a document; Lianbing sets no document passwords"
    ),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": ex(
        "Wagtail's password form for a page; Lianbing's restrictions are by group, not password"
    ),
    # The JSON API.
    "api/quizzes/drills/<drill_id>/attempts": R(with_key("drill_id", "drill"), WRITE),
    "api/quizzes/attempts/<attempt_id>": R(with_key("attempt_id", "attempt")),
    "api/quizzes/attempts/<attempt_id>/items/<position>/open": R(
        lambda w, role: {"attempt_id": w.get("attempt", role).pk, "position": 0}, WRITE
    ),
    "api/quizzes/attempts/<attempt_id>/items/<position>/reveal": R(
        lambda w, role: {"attempt_id": w.get("attempt", role).pk, "position": 0}, WRITE
    ),
    "api/quizzes/attempts/<attempt_id>/answers": R(
        with_key("attempt_id", "attempt"),
        WRITE,
        body={"position": 0, "response": {"choice": 0}},
    ),
    # The same answer sent with an answer token goes here first (the token is
    # checked there; without one, or for another's attempt, the API answers).
    "api/quizzes/attempts/<int:attempt_id>/answers": R(
        with_key("attempt_id", "attempt"),
        WRITE,
        body={"position": 0, "response": {"choice": 0}},
    ),
    "api/quizzes/attempts/<attempt_id>/finish": R(with_key("attempt_id", "attempt"), WRITE),
    # The hand-in, likewise, with an answer token.
    "api/quizzes/attempts/<int:attempt_id>/finish": R(with_key("attempt_id", "attempt"), WRITE),
    # Lianbing's own admin screens.
    **import_runs("admin/people/roster/", "roster_run", allowed=EVERY_ADMINISTRATOR),
    **import_runs("admin/quizzes/import/", "questions_run", allowed=EVERY_UPLOAD),
    "admin/quizzes/analysis/questions/<int:pk>/": R(pk_of("personal_question")),
    "admin/quizzes/analysis/drills/<int:pk>/": R(pk_of("drill"), allowed=ANALYSTS),
    "admin/quizzes/import/export/<int:category_id>/": R(
        with_key("category_id", "personal_category"), allowed=EXPORTERS
    ),
    "admin/courses/decisions/<int:page_id>/": R(with_key("page_id", "admin_page")),
    **model_viewset("org_units", "unit", allowed=EVERY_ADMINISTRATOR),
    **model_viewset("staff", "person", allowed=EVERY_ADMINISTRATOR),
    **model_viewset("drills", "drill", copy=True, allowed=SHARED_BANKS),
    **model_viewset("questions", "personal_question", allowed=EVERY_FACT_SHEET),
    **model_viewset("question_categories", "personal_category", allowed=SHARED_BANKS),
    **model_viewset("topics", "topic", allowed=SHARED_BANKS),
    **model_viewset("fact_templates", "fact_template"),
    **model_viewset("risk_factors", "risk_factor", allowed=RISK_FACTOR_KEEPERS),
    **model_viewset(
        "business_measures",
        "business_measure",
        allowed={"administrator": "administrators keep the measures of business results"},
    ),
    **model_viewset("certification_programmes", "programme", allowed=CERTIFICATE_READERS),
    # Mentoring in the admin: advice is shared; profiles and pairs are scoped to
    # the people a user manages; pairs and honours change only on their own pages.
    **model_viewset("guidance_advice", "guidance_advice", allowed=GUIDANCE_WRITERS),
    "admin/guidance_advice/inspect/<int:pk>/": R(
        pk_of("guidance_advice"), READ, allowed=GUIDANCE_WRITERS
    ),
    **model_viewset("mentor_profiles", "mentor_profile", allowed=EVERY_ADMINISTRATOR),
    "admin/mentor_profiles/inspect/<int:pk>/": R(
        pk_of("mentor_profile"), READ, allowed=EVERY_ADMINISTRATOR
    ),
    # Pairs and honours are only read here: history and usage (Wagtail's, for
    # those who may change) are refused to every role.
    **model_viewset("mentor_pairs", "pair"),
    "admin/mentor_pairs/inspect/<int:pk>/": R(pk_of("pair"), READ, allowed=PAIR_READERS),
    **model_viewset("mentor_honours", "honour"),
    "admin/mentor_honours/inspect/<int:pk>/": R(pk_of("honour"), READ, allowed=HONOUR_READERS),
    **model_viewset("sites", "site", copy=True, allowed=ADMINISTRATORS_SITE),
    **model_viewset("users", "user", copy=True, allowed=EVERY_ADMINISTRATOR),
    **model_viewset("groups", "group", allowed=EVERY_ADMINISTRATOR),
    "admin/drill_chooser/chosen/<str:pk>/": R(pk_of("drill"), allowed=DRILL_CHOOSERS),
    # Wagtail's page admin: the restricted review.
    "admin/api/main/^pages/<int:pk>/": R(page_id("pk")),
    "admin/api/main/^pages/<int:pk>/action/<str:action_name>/": R(
        lambda w, role: {"pk": w.get("admin_page", role).pk, "action_name": "copy"}, WRITE
    ),
    # Wagtail's explorer sends a user to the part of the tree they may explore.
    "admin/pages/<int:parent_page_id>/": R(page_id("parent_page_id"), elsewhere=EXPLORABLE_ROOT),
    "admin/pages/<int:parent_page_id>/results/": R(
        page_id("parent_page_id"), elsewhere=EXPLORABLE_ROOT
    ),
    "admin/pages/<int:page_id>/usage/": R(page_id()),
    "admin/pages/<int:page_id>/edit/": R(page_id(), BOTH),
    "admin/pages/<int:page_id>/edit/preview/": R(page_id(), BOTH),
    "admin/pages/<int:page_id>/view_draft/": R(page_id()),
    "admin/pages/<int:parent_page_id>/add_subpage/": R(page_id("parent_page_id")),
    "admin/pages/<int:page_id>/delete/": R(page_id(), BOTH),
    "admin/pages/<int:page_id>/unpublish/": R(page_id(), BOTH),
    "admin/pages/<int:page_id>/convert_alias/": R(page_id(), BOTH),
    "admin/pages/<int:page_to_move_id>/move/": R(page_id("page_to_move_id")),
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": R(
        lambda w, role: {
            "page_to_move_id": w.get("admin_page", role).pk,
            "destination_id": w.get("admin_page", role).get_parent().pk,
        },
        BOTH,
    ),
    "admin/pages/<int:page_to_move_id>/set_position/": R(page_id("page_to_move_id"), WRITE),
    "admin/pages/<int:page_id>/copy/": R(page_id(), BOTH),
    "admin/pages/<int:page_id>/privacy/": R(page_id(), BOTH),
    "admin/pages/<int:page_id>/lock/": R(page_id(), WRITE),
    "admin/pages/<int:page_id>/unlock/": R(page_id(), WRITE),
    # Sends on to the page's history, which is swept on its own.
    "admin/pages/<int:page_id>/revisions/": R(page_id(), elsewhere=r"^/admin/pages/\d+/history/$"),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/": R(
        lambda w, role: {
            "page_id": w.get("admin_page", role).pk,
            "revision_id": w.get("admin_page", role).latest_revision_id,
        }
    ),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/": R(
        lambda w, role: {
            "page_id": w.get("admin_page", role).pk,
            "revision_id": w.get("admin_page", role).latest_revision_id,
        }
    ),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": R(
        lambda w, role: {
            "page_id": w.get("admin_page", role).pk,
            "revision_id": w.get("admin_page", role).latest_revision_id,
        },
        BOTH,
    ),
    r"admin/pages/^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$": R(
        lambda w, role: (
            f"admin/pages/{w.get('admin_page', role).pk}/revisions/compare/earliest...latest/"
        )
    ),
    "admin/pages/<int:page_id>/workflow_history/": R(page_id()),
    "admin/pages/<int:page_id>/history/": R(page_id()),
    "admin/pages/<int:page_id>/history/results/": R(page_id()),
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/": R(
        lambda w, role: {
            "content_type_app_name": "courses",
            "content_type_model_name": "riskcasereviewpage",
            "parent_page_id": w.get("admin_page", role).get_parent().pk,
        },
        BOTH,
    ),
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/": R(
        lambda w, role: {
            "content_type_app_name": "courses",
            "content_type_model_name": "riskcasereviewpage",
            "parent_page_id": w.get("admin_page", role).get_parent().pk,
        },
        BOTH,
    ),
    "admin/choose-page/<int:parent_page_id>/": R(page_id("parent_page_id")),
    "admin/forms/submissions/<int:page_id>/": R(page_id()),
    "admin/forms/submissions/<int:page_id>/results/": R(page_id()),
    "admin/forms/submissions/<int:page_id>/delete/": R(page_id(), BOTH),
    "admin/workflows/remove/<int:page_pk>/": R(page_id("page_pk"), WRITE),
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": R(
        lambda w, role: {"page_pk": w.get("admin_page", role).pk, "workflow_pk": w.workflow.pk},
        WRITE,
    ),
    # Wagtail's documents and images: the restricted review's attachment and picture.
    "admin/api/main/^documents/<int:pk>/": R(pk_of("document")),
    "admin/api/main/^images/<int:pk>/": R(pk_of("image")),
    "admin/documents/edit/<int:document_id>/": R(with_key("document_id", "document"), BOTH),
    "admin/documents/delete/<int:document_id>/": R(with_key("document_id", "document"), BOTH),
    "admin/documents/usage/<int:document_id>/": R(with_key("document_id", "document")),
    "admin/documents/multiple/<int:doc_id>/": R(with_key("doc_id", "document"), WRITE),
    "admin/documents/multiple/<int:doc_id>/delete/": R(with_key("doc_id", "document"), WRITE),
    "admin/documents/chooser/chosen/<str:pk>/": R(pk_of("document")),
    "admin/images/<int:image_id>/": R(with_key("image_id", "image"), BOTH),
    "admin/images/<int:image_id>/delete/": R(with_key("image_id", "image"), BOTH),
    "admin/images/<int:image_id>/generate_url/": R(with_key("image_id", "image")),
    "admin/images/<int:image_id>/generate_url/output/": R(with_key("image_id", "image")),
    "admin/images/<int:image_id>/preview/<str:filter_spec>/": R(
        lambda w, role: {"image_id": w.get("image", role).pk, "filter_spec": "original"}
    ),
    "admin/images/usage/<int:image_id>/": R(with_key("image_id", "image")),
    "admin/images/multiple/<int:image_id>/": R(with_key("image_id", "image"), WRITE),
    "admin/images/multiple/<int:image_id>/delete/": R(with_key("image_id", "image"), WRITE),
    "admin/images/chooser/chosen/<str:pk>/": R(pk_of("image")),
    "admin/images/chooser/<int:image_id>/select_format/": R(with_key("image_id", "image")),
    "admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/": R(
        with_key("uploaded_file_id", "uploaded_file"), WRITE
    ),
    "admin/documents/multiple/delete_upload/<int:uploaded_file_id>/": R(
        with_key("uploaded_file_id", "uploaded_file"), WRITE
    ),
    "admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/": R(
        with_key("uploaded_file_id", "uploaded_file"), WRITE
    ),
    "admin/images/multiple/delete_upload/<int:uploaded_file_id>/": R(
        with_key("uploaded_file_id", "uploaded_file"), WRITE
    ),
    # Wagtail's settings of the site: administrators' alone.
    "admin/collections/<int:pk>/": R(pk_of("collection"), BOTH, allowed=ADMINISTRATORS_SITE),
    "admin/collections/<int:pk>/delete/": R(pk_of("collection"), BOTH, allowed=ADMINISTRATORS_SITE),
    "admin/collections/<int:collection_id>/privacy/": R(
        with_key("collection_id", "collection"), BOTH, allowed=ADMINISTRATORS_SITE
    ),
    "admin/workflows/enable/<int:pk>/": R(pk_of("workflow"), WRITE, allowed=ADMINISTRATORS_SITE),
    "admin/workflows/disable/<int:pk>/": R(pk_of("workflow"), BOTH, allowed=ADMINISTRATORS_SITE),
    "admin/workflows/edit/<int:pk>/": R(pk_of("workflow"), BOTH, allowed=ADMINISTRATORS_SITE),
    "admin/workflows/usage/<int:pk>/": R(pk_of("workflow"), READ, allowed=ADMINISTRATORS_SITE),
    "admin/workflows/usage/<int:pk>/results/": R(
        pk_of("workflow"), READ, allowed=ADMINISTRATORS_SITE
    ),
    "admin/workflows/tasks/edit/<int:pk>/": R(pk_of("task"), BOTH, allowed=ADMINISTRATORS_SITE),
    "admin/workflows/tasks/disable/<int:pk>/": R(pk_of("task"), BOTH, allowed=ADMINISTRATORS_SITE),
    "admin/workflows/tasks/enable/<int:pk>/": R(pk_of("task"), WRITE, allowed=ADMINISTRATORS_SITE),
    "admin/workflows/task_chooser/<int:task_id>/": R(
        with_key("task_id", "task"),
        READ,
        allowed={
            role: "a workflow step's name and id, as the page workflow editor shows them"
            for role in ("trainer", "risk_expert", "other_manager", "administrator")
        },
    ),
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/": R(
        lambda w, role: {"app_label": "wagtailcore", "model_name": "groupapprovaltask"},
        BOTH,
        allowed=ADMINISTRATORS_SITE,
    ),
    "admin/redirects/<int:redirect_id>/": R(
        with_key("redirect_id", "redirect"), BOTH, allowed=ADMINISTRATORS_SITE
    ),
    "admin/redirects/<int:redirect_id>/delete/": R(
        with_key("redirect_id", "redirect"), BOTH, allowed=ADMINISTRATORS_SITE
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/": ex(
        "no site settings model is installed: the route answers 404 to everybody"
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": ex(
        "no site settings model is installed: the route answers 404 to everybody"
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": ex(
        "no site settings model is installed: the route answers 404 to everybody"
    ),
    # Wagtail's admin routes whose parameters name no record.
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": ex(
        "Wagtail's bulk actions take their ids in the query and check each page's permissions; "
        "the page explorer's scoping is tests/courses/test_leaks.py"
    ),
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": ex(
        "a page type's usage: the page types report's scoping is tests/courses/test_leaks.py"
    ),
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": ex(
        "a page type's usage: the page types report's scoping is tests/courses/test_leaks.py"
    ),
    "admin/pages/create/<slug:app_label>/<slug:model_name>": ex(
        "chooses where to add a page of a type: names no record"
    ),
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/": ex(
        "tags are shared words, names no record"
    ),
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/": R(
        lambda w, role: {
            "app_label": "wagtailcore",
            "model_name": "page",
            "object_id": w.get("admin_page", role).pk,
            "session_id": 0,
        },
        WRITE,
    ),
    "admin/editing-sessions/release/<int:session_id>/": ex(
        "Wagtail's editing session release: deletes only the user's own session "
        "(filtered by user), names nothing"
    ),
    # The restricted review in moderation, at its risk expert's step.
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": R(
        lambda w, role: {
            "page_id": w.admin_page.pk,
            "action_name": "approve",
            "task_state_id": w.task_state.pk,
        },
        WRITE,
    ),
    "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/": R(
        lambda w, role: {
            "page_id": w.admin_page.pk,
            "action_name": "approve",
            "task_state_id": w.task_state.pk,
        },
        BOTH,
    ),
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/": R(page_id()),
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/": R(
        lambda w, role: {"page_id": w.admin_page.pk, "task_id": w.task_state.task_id}
    ),
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": R(
        lambda w, role: {"page_id": w.admin_page.pk, "workflow_state_id": w.workflow_state.pk}
    ),
    "admin/password_reset/confirm/<uidb64>/<token>/": ex(
        "the password reset link itself: its token is the access check"
    ),
    # A certificate to print, as a PDF, and the print page's font (courses.views.certificate_print).
    **{
        f"learning/certificates/<str:code>/{door}": R(
            lambda w, role: {"code": w.get("printed_certificate", role).code},
            allowed={"administrator": "administrators see every certificate"},
        )
        for door in ("print/", "pdf/", "font.css", "font.ttf")
    },
}


def _patch_allowed():
    """Who legitimately opens what, on Wagtail's page, document and image routes."""
    for route, entry in ROUTES.items():
        if entry.exempt:
            continue
        if (
            route.startswith(
                (
                    "admin/pages/",
                    "admin/api/main/^pages/",
                    "admin/choose-page/",
                    "admin/editing-sessions/ping/",
                )
            )
            or (route.startswith("admin/forms/") or route.startswith("admin/workflows/remove/"))
            or route == "admin/courses/decisions/<int:page_id>/"
        ):
            entry.allowed = {**RESTRICTED_READERS, **ADMINISTRATORS_PAGES, **entry.allowed}
        if "documents" in route or "images" in route or route.startswith("^media/"):
            entry.allowed = dict(RESTRICTED_READERS)
            if route.startswith("admin/"):
                entry.allowed.update(ADMINISTRATORS_FILES)
        if route == r"^((?:[\w\-]+/)*)$":
            entry.allowed = {}


_patch_allowed()


# --- the world ---------------------------------------------------------------------


class World:
    """The demo organisation, with a record outside each role's scope.

    `get(name, role)` answers the record of kind `name` that `role` must not
    reach: by default the same for every role, or one per role where a role's
    own scope would include the default one."""

    def __init__(self):
        self.records: dict[str, dict] = {}
        self.users: dict = {}

    def put(self, name, default, **per_role):
        self.records[name] = {"*": default, **per_role}

    def get(self, name, role):
        options = self.records[name]
        return options.get(role, options["*"])

    def __getattr__(self, name):
        records = self.__dict__.get("records", {})
        if name in records:
            return records[name]["*"]
        raise AttributeError(name)


def build_world() -> World:
    from courses.models import CaseStudyPage, CoursePage, DecisionPoint, RiskCaseReviewPage
    from imports.models import ImportRun
    from people.models import OrgUnit, Person
    from people.roles import Role
    from quizzes.models import Attempt, Drill, FactSheet, FactTemplate, Topic
    from quizzes.services.morning import morning_next, morning_start
    from tests.factories import PersonFactory, category_create, question_make

    call_command("load_demo_data", stdout=io.StringIO())
    w = World()
    User = get_user_model()
    by_name = {
        "trainee": "trainee",
        "trainer": "trainer",
        "risk_expert": "risk",
        "administrator": "admin",
    }
    w.users = {role: User.objects.get(username=name) for role, name in by_name.items()}
    trainee = Person.objects.get(user__username="trainee")
    manager = Person.objects.get(user__username="manager")
    other_team = OrgUnit.objects.filter(kind="team").exclude(pk=trainee.unit_id).first()
    other_manager = PersonFactory(
        unit=other_team, user__roles=[Role.MANAGER], manages=[other_team], name="隔壁隊長"
    )
    w.users["other_manager"] = other_manager.user
    colleague = PersonFactory(unit=trainee.unit, user__roles=[Role.TRAINEE], name="同隊同事")

    # People: the trainee, or, for the trainee, a colleague of their own team.
    w.put("person", trainee, trainee=colleague)
    w.put("unit", trainee.unit)
    w.put("user", trainee.user, trainee=colleague.user)

    # Drills and attempts: the trainee's own attempt, or their colleague's.
    drill = Drill.objects.filter(is_active=True).order_by("pk").first()
    w.put("drill", Drill.objects.create(title="停用的一口清", is_active=False))
    own = Attempt.objects.filter(person=trainee).order_by("pk").first()
    from quizzes.services.attempts import attempt_start

    theirs = attempt_start(drill=drill, person=colleague)
    w.put("attempt", own, trainee=theirs)

    # The trainee's own fact sheet and personal questions.
    w.put(
        "sheet",
        FactSheet.objects.create(unit=other_team, file_name="隔壁轄區.csv"),
        other_manager=FactSheet.objects.filter(unit=trainee.unit).first(),
    )
    personal_category = category_create(name="個人題庫")
    personal = question_make(name="同事的客戶", category=personal_category, owner_person=colleague)
    w.put("personal_question", personal)
    w.put("personal_category", personal_category)
    w.put("topic", Topic.objects.first())
    w.put("fact_template", FactTemplate.objects.first())
    from courses.models import RiskFactor

    w.put("risk_factor", RiskFactor.objects.first())
    from courses.models import BusinessMeasure

    w.put("business_measure", BusinessMeasure.objects.get(code="deposits"))  # from the demo

    # A notice to the trainee's colleague.
    from notifications.models import Notice

    w.put("notice", Notice.objects.create(recipient=colleague.user, text="同事的通知", link="/"))

    # A mentoring pair of two of the trainee's colleagues (none of the roles takes part).
    from mentorship.models import Pair

    senior = PersonFactory(unit=trainee.unit, user__roles=[Role.TRAINEE], name="同隊資深")
    w.put("pair", Pair.objects.create(mentor=senior, mentee=colleague, status="active"))
    from mentorship.models import GuidanceAdvice, MentorHonour, MentorProfile

    w.put("mentor_profile", MentorProfile.objects.create(person=senior))
    w.put("honour", MentorHonour.objects.create(mentor=senior, year=2026, citation="帶徒有方"))
    w.put(
        "guidance_advice",
        GuidanceAdvice.objects.update_or_create(
            guidance_type="lacks_drive", defaults={"advice": "先肯定"}
        )[0],
    )
    # Follow-up tasks of the trainee's colleague (course completed 40 days ago).
    from courses.models import FollowUpTask

    followup = {"course": CoursePage.objects.live().first(), "person": colleague}
    done_on = timezone.localdate() - timedelta(days=40)
    for kind, days in (("reaction", 0), ("behaviour", 30)):
        task = FollowUpTask.objects.get_or_create(
            **followup,
            kind=kind,
            checkpoint_days=days,
            defaults={"completed_on": done_on, "due_on": done_on, "created_at": timezone.now()},
        )[0]
        w.put(f"{kind}_task", task)

    # A suggestion run of the trainee's manager, with a waiting line.
    from mentorship.models import MatchingRun, Suggestion

    matching_run = MatchingRun.objects.create(requested_by=manager.user, status="done")
    w.put("matching_run", matching_run)
    w.put(
        "suggestion", Suggestion.objects.create(run=matching_run, mentee=colleague, mentor=senior)
    )

    # The morning meeting of the trainee's team, led by its manager.
    session = morning_start(unit=trainee.unit, led_by=manager, drill=drill)
    turn = morning_next(session=session)
    w.put("session", session)
    w.put("turn", turn)

    # Imports: each uploaded by somebody else.
    w.put(
        "facts_run",
        ImportRun.objects.create(kind="facts", created_by=manager.user, file_name="轄區.csv"),
    )
    w.put(
        "figures_run",
        ImportRun.objects.create(
            kind="business_figures", created_by=manager.user, file_name="業績.csv"
        ),
    )
    w.put(
        "roster_run",
        ImportRun.objects.create(kind="roster", created_by=None, file_name="名冊.csv"),
    )
    w.put(
        "questions_run",
        ImportRun.objects.create(kind="questions", created_by=colleague.user, file_name="題.csv"),
    )

    # Pages: the restricted risk review; for its readers, a draft nobody may open.
    restricted = RiskCaseReviewPage.objects.live().filter(confidentiality="restricted").first()
    course = CoursePage.objects.live().first()
    draft_case = course.add_child(
        instance=CaseStudyPage(
            title="未發布的案例",
            slug="unpublished-case",
            live=False,
            client_profile="製造企業",
            situation="客戶申請授信",
            how_it_went="最終放款",
            outcome="failure",
            lessons_learned="看現金流",
            decision_points=[
                DecisionPoint(prompt="是否受理？", options="受理\n不受理", expert_answer="先核實")
            ],
        )
    )
    w.put("page", restricted, risk_expert=draft_case, other_manager=draft_case)
    w.put("admin_page", restricted)
    w.put("hidden_point", draft_case.decision_points.first())
    w.put(
        "hidden_course",
        course.get_parent().add_child(
            instance=CoursePage(title="未發布的課程", slug="unpublished-course", live=False)
        ),
    )
    w.put(
        "effectiveness_course",
        w.hidden_course,
        visitor=course,
        trainee=course,
        risk_expert=course,
    )

    # The restricted review's attachment and picture.
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    risk_files = Collection.objects.get(name="Risk review files")
    document = get_document_model().objects.create(
        title="關聯交易附件",
        file=ContentFile(b"%PDF-1.4 secret", name="related.pdf"),
        collection=risk_files,
    )
    image = get_image_model().objects.create(
        title="關聯交易圖",
        file=ContentFile(_png(), name="related.png"),
        width=4,
        height=3,
        collection=risk_files,
    )
    restricted.rationale += f"\n\n[附件]({document.url})\n\n![圖]({image.file.url})"
    restricted.save_revision().publish()
    author = User.objects.get(username="risk")
    restricted.save_revision(user=author)
    workflow_state = restricted.get_workflow().start(restricted, author)
    w.put("workflow_state", workflow_state)
    w.put("task_state", workflow_state.current_task_state)
    w.put("document", document)
    w.put("image", image)
    w.document_path = document.url.lstrip("/")
    w.image_path = image.file.url.lstrip("/")

    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Task as WorkflowTask
    from wagtail.models import UploadedFile, Workflow

    w.put(
        "uploaded_file",
        UploadedFile.objects.create(
            file=ContentFile(b"x", name="upload.pdf"), uploaded_by_user=colleague.user
        ),
    )
    w.put("collection", Collection.objects.exclude(depth=1).first())
    w.put("workflow", Workflow.objects.first())
    w.put("task", WorkflowTask.objects.first())
    w.put("redirect", Redirect.objects.create(old_path="/old", redirect_link="/new"))
    w.put("site", Site.objects.get(is_default_site=True))
    w.put("group", Group.objects.get(name="Lianbing administrators"))
    # A training assignment of the trainee's team, made by its manager.
    import datetime

    from courses.services.plans import assignment_create

    today = datetime.date.today()
    w.put(
        "plan_assignment",
        assignment_create(
            by=manager.user,
            course=course,
            unit=trainee.unit,
            starts_on=today,
            due_on=today + datetime.timedelta(days=30),
        ),
    )
    # 兩案例: the colleague's cases, one submitted and one a draft.
    from courses.services.case_submissions import submission_create, submission_submit

    texts = {
        "outcome": "success", "client_profile": "某超市", "what_was_done": "走訪",
        "how_it_went": "簽約", "lessons_learned": "先懂現金流",
    }  # fmt: skip
    submitted_case = submission_create(
        by=colleague.user, author=colleague, title="同事的案例", **texts
    )
    submission_submit(by=colleague.user, submission=submitted_case)
    draft_submission = submission_create(
        by=colleague.user, author=colleague, title="同事的草稿", **texts
    )
    w.put("case", submitted_case, trainer=draft_submission, administrator=draft_submission)
    w.put("case_unit", trainee.unit)
    # A certificate of the trainee's colleague, of a programme nobody here trains.
    from courses.certificate_codes import code_new
    from courses.models import Certificate, CertificationProgramme

    programme = CertificationProgramme.objects.create(name="路由認證", code="route-sweep")
    w.put("programme", programme)
    w.put(
        "closed_programme",
        CertificationProgramme.objects.create(name="已關閉認證", code="closed", active=False),
    )
    w.put(
        "certificate",
        Certificate.objects.create(
            programme=programme,
            person=colleague,
            code=code_new(),
            holder_name=colleague.name,
            language="zh-hant",
            issued_at=timezone.now(),
        ),
    )
    w.guide_slug = "trainers"

    # A certificate to print: the trainee's, or for the trainee a colleague's, of a
    # programme whose trainers are none of the roles.
    from courses.models import Certificate, CertificationProgramme

    programme = CertificationProgramme.objects.create(name="列印認證", code="print-sweep")

    def certificate_of(person, code):
        return Certificate.objects.create(
            programme=programme,
            person=person,
            code=code,
            holder_name=person.name,
            language="zh-hant",
            issued_at=timezone.now(),
        )

    w.put(
        "printed_certificate",
        certificate_of(trainee, "PRNTSWEEP001"),
        trainee=certificate_of(colleague, "PRNTSWEEP002"),
    )
    return w


def _png() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)


# --- the tests ---------------------------------------------------------------------


def sweep_cases():
    cases = []
    for route, entry in ROUTES.items():
        if entry.exempt:
            continue
        for role in ROLES:
            if role in entry.allowed:
                continue
            for method in entry.methods:
                cases.append(pytest.param(route, role, method, id=f"{route} {role} {method}"))
    return cases


def unknown_routes(routes) -> list[str]:
    return [route for route in routes if parameters(route) and route not in ROUTES]


def test_a_new_route_with_an_id_is_caught():
    new = ["reports/<int:report_id>/export.csv", r"^files/(\d+)/$", "plain/"]
    assert unknown_routes(all_routes() + new) == new[:2]


def test_every_route_is_known():
    unknown = unknown_routes(all_routes())
    gone = [r for r in ROUTES if r not in all_routes()]
    assert not unknown, "\n".join(
        f"add {route!r} to ROUTES in {HERE}: how to fill its parameters with a record outside "
        "each role's scope, or why it is exempt"
        for route in unknown
    )
    assert not gone, f"no longer routes of the site, remove them from ROUTES in {HERE}: {gone}"


def path_of(route: str, entry: R, world: World, role: str) -> str:
    filled = entry.fill(world, role)
    if isinstance(filled, str):
        return "/" + filled
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(filled[m.group(1)]), route)
    return "/" + path.replace("^", "").replace("$", "")


def signed_in_refusal(response, route: str) -> bool:
    if response.status_code != 302:
        return False
    location = response["Location"].split("?")[0]
    sign_in = {resolve_url(settings.LOGIN_URL), "/admin/login/", "/_util/login/"}
    if location in sign_in:
        return True
    # Wagtail's admin refuses a signed-in user by sending them to its dashboard with a message.
    if route.startswith("admin/") and location == "/admin/":
        return True
    elsewhere = ROUTES[route].elsewhere
    return (
        bool(elsewhere)
        and re.match(elsewhere, location) is not None
        and (location != response.request["PATH_INFO"])
    )


#: Leaks the sweep found that are still open: (route, role, method) and what leaks.
#: Each fails strictly, so that its fix shows here at once.
KNOWN_LEAKS: dict[tuple[str, str, str], str] = {}


@pytest.mark.parametrize("route,role,method", sweep_cases())
def test_out_of_scope_is_refused(request, world, route, role, method):
    if (route, role, method) in KNOWN_LEAKS:
        request.applymarker(
            pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[(route, role, method)])
        )
    entry = ROUTES[route]
    path = path_of(route, entry, world, role)
    client = Client(raise_request_exception=False)
    if role != "visitor":
        client.force_login(world.users[role])
    if method == "GET":
        response = client.get(path)
    else:
        body = entry.body(world, role) if callable(entry.body) else (entry.body or {})
        if route.startswith("api/"):
            import json

            response = client.post(path, json.dumps(body), content_type="application/json")
        else:
            response = client.post(path, body)
    refused = {401, 403, 404} if route.startswith("api/") else {403, 404}
    assert response.status_code in refused or signed_in_refusal(response, route), (
        f"{method} {path} ({route}) as {role}: {response.status_code} "
        f"{response.get('Location', '')}"
    )
