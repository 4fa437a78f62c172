"""No GET request writes to the database.

The demo organisation is loaded, then every GET address of the site is asked
for as each role and as an anonymous visitor, recording every statement sent
to the database: any INSERT, UPDATE or DELETE fails the test, unless it is one
of the few writes named in ALLOWED with the reason why. The addresses:

- every URL pattern without parameters (the front end, every admin listing,
  reports and forms), found by walking the URL resolver, so a new one is
  covered as soon as it exists;
- every admin URL whose one parameter is the primary key of the model its view
  is for (edit, delete confirmation, history, usage, inspect), with an object of
  that model from the demo;
- every live Wagtail page (catalogue, courses, lessons, cases, risk reviews);
- the front end's own pages that take an id (a drill, an attempt, a morning
  meeting, a fact sheet) and the admin's page explorer and page editor;
- every GET operation of the JSON API, from its OpenAPI schema.
"""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page

pytestmark = pytest.mark.django_db

ROLES = ("trainee", "trainer", "risk", "manager", "admin")
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)

#: Writes a GET may make: table, and the reason. Everything else fails.
ALLOWED = {
    # Wagtail's page editor records who has the page open, so that two editors
    # are warned of each other (wagtail.admin.models.EditingSession); it is made
    # on opening the editor, by Wagtail's own view.
    "wagtailadmin_editingsession": "Wagtail's editor notes who has a page open",
    # Wagtail keeps a person's admin preferences (language, time zone, notices) in
    # a row it creates the first time their account page is opened
    # (wagtail.users.models.UserProfile.get_for_user).
    "wagtailusers_userprofile": "Wagtail creates a person's admin preferences on first use",
    # Wagtail's page editor subscribes whoever opens it to the page's comment
    # notifications (wagtail.models.PageSubscription, made by its edit view).
    "wagtailcore_pagesubscription": "Wagtail subscribes an editor to a page's comments",
}


class WriteRecorder:
    """A database execute wrapper that keeps every write with the request it came from."""

    def __init__(self):
        self.url = None
        self.writes = []

    def __call__(self, execute, sql, params, many, context):
        if WRITE.match(sql) and _table(sql) not in ALLOWED:
            self.writes.append((self.url, sql[:200]))
        return execute(sql, params, many, context)


def _table(sql: str) -> str:
    match = re.search(r'(?:INTO|UPDATE|FROM)\s+"?(\w+)"?', sql, re.IGNORECASE)
    return match.group(1) if match else ""


def _walk(patterns, prefix=""):
    """(route, pattern) of every URL pattern, with its route as text."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _plain_path(route: str) -> str | None:
    """The path of a route without parameters, or None when it takes some."""
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    if "<" in route or re.search(r"[()\[\]*+?{}|\\]", route):
        return None
    return "/" + route


def _model_of(pattern: URLPattern):
    view_class = getattr(pattern.callback, "view_class", None)
    initkwargs = getattr(pattern.callback, "view_initkwargs", {}) or {}
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    return model if isinstance(model, type) and issubclass(model, models.Model) else None


def _admin_object_paths():
    """Admin URLs whose one parameter is the primary key of their view's model."""
    paths = set()
    for route, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/"):
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        model = _model_of(pattern)
        if model is None or names != ["pk"]:
            continue
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        paths.add("/" + re.sub(r"<(?:\w+:)?pk>", str(obj.pk), route))
    return paths


def _front_end_paths():
    Drill = apps.get_model("quizzes", "Drill")
    Attempt = apps.get_model("quizzes", "Attempt")
    MorningSession = apps.get_model("quizzes", "MorningSession")
    FactSheet = apps.get_model("quizzes", "FactSheet")
    Person = apps.get_model("people", "Person")
    paths = {page.url for page in Page.objects.live().specific() if page.url}
    paths |= {reverse("quizzes:drill_take", args=[d.pk]) for d in Drill.objects.all()}
    paths |= {reverse("quizzes:attempt_detail", args=[a.pk]) for a in Attempt.objects.all()[:5]}
    paths |= {reverse("quizzes:morning_session", args=[s.pk]) for s in MorningSession.objects.all()}
    paths |= {reverse("quizzes_facts:sheet_detail", args=[s.pk]) for s in FactSheet.objects.all()}
    paths |= {reverse("quizzes_facts:person", args=[p.pk]) for p in Person.objects.all()[:3]}
    paths |= {reverse("people:record", args=[p.pk]) for p in Person.objects.all()[:3]}
    paths |= {"/learning/results/?month=2026-01", "/learning/results/?q=D01&page=2"}
    CoursePage = apps.get_model("courses", "CoursePage")
    for course in CoursePage.objects.live():
        paths.add(reverse("courses:effectiveness_course", args=[course.pk]))
        paths.add(reverse("courses:effectiveness_export", args=[course.pk, "xlsx"]))
    PlanAssignment = apps.get_model("courses", "PlanAssignment")
    paths |= {reverse("courses:plan_detail", args=[a.pk]) for a in PlanAssignment.objects.all()[:3]}
    FollowUpTask = apps.get_model("courses", "FollowUpTask")
    for kind, name in (("reaction", "followup_reaction"), ("behaviour", "followup_observation")):
        paths |= {
            reverse(f"courses:{name}", args=[t.pk])
            for t in FollowUpTask.objects.filter(kind=kind).order_by("pk")[:4]
        }
    paths |= {"/search/?q=授信", "/search/?q=risk", "/courses/?format=classroom"}
    CaseSubmission = apps.get_model("courses", "CaseSubmission")
    for case in CaseSubmission.objects.order_by("pk")[:6]:
        for name in ("case_detail", "case_edit", "case_promote"):
            paths.add(reverse(f"courses:{name}", args=[case.pk]))
    paths |= {"/learning/cases/summary/?month=2026-01", "/learning/cases/summary/export.xlsx"}
    paths |= {"/learning/cases/review/?status=accepted"}
    # Certification: the demo's certificates, their public verification, an unknown code.
    Certificate = apps.get_model("courses", "Certificate")
    for code in Certificate.objects.values_list("code", flat=True):
        paths |= {reverse("courses:certificate", args=[code]), f"/verify/{code}/"}
    paths |= {"/verify/ABCDEFGHJKLMNPQRSTUV/", "/verify/?code=abcd-efgh"}
    # The manager dashboard's exports, and the page for a unit picked.
    paths |= {
        reverse(f"dashboard:export_{fmt}", args=[section, table])
        for section, table in (
            ("assignments", "by-person"),
            ("assignments", "totals"),
            ("followup", "tasks"),
            ("mastery", "mastery"),
            ("reviews", "reviews"),
            ("trends", "trends"),
            ("cases", "behind"),
        )
        for fmt in ("csv", "xlsx")
    }
    paths |= {
        f"/dashboard/?unit={unit.pk}"
        for unit in apps.get_model("people", "OrgUnit").objects.all()[:3]
    }
    for page in Page.objects.live().exclude(depth=1):
        paths.add(reverse("wagtailadmin_explore", args=[page.pk]))
        paths.add(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return paths


def _api_paths(client):
    schema = client.get("/api/openapi.json").json()
    Drill = apps.get_model("quizzes", "Drill")
    Attempt = apps.get_model("quizzes", "Attempt")
    ids = {
        "drill_id": Drill.objects.order_by("pk").first().pk,
        "attempt_id": Attempt.objects.order_by("pk").first().pk,
    }
    paths = set()
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        for name in re.findall(r"{(\w+)}", path):
            assert name in ids, f"no id for the API's GET {path}: add {name} to this test"
            path = path.replace("{" + name + "}", str(ids[name]))
        paths.add(path)
    return paths


@pytest.fixture
def demo():
    """The demo, with the trainee enrolled on every course they may open, so that
    their lessons, cases and reviews are pages where they could resume."""
    from courses.models import CoursePage
    from courses.services import enrollment_create
    from people.models import Person

    call_command("load_demo_data", stdout=io.StringIO())
    trainee = Person.objects.get(user__username="trainee")
    for course in CoursePage.objects.live():
        enrollment_create(person=trainee, course=course, require_prerequisites=False)


def test_no_get_request_writes_to_the_database(demo):
    plain = {
        path
        for route, _pattern in _walk(get_resolver().url_patterns)
        if (path := _plain_path(route)) is not None
    }
    addresses = sorted(plain | _admin_object_paths() | _front_end_paths() | _api_paths(Client()))
    # The walk found the kinds of pages it is meant to: admin listings, the front end, the API.
    assert "/admin/" in addresses and "/drills/" in addresses and "/api/quizzes/drills" in addresses
    assert any(path.startswith("/admin/snippets/") for path in addresses)

    recorder = WriteRecorder()
    # A page that fails answers 500 here instead of raising: the test is about writes.
    clients = {"anonymous": Client(raise_request_exception=False)}
    for username in ROLES:
        clients[username] = Client(raise_request_exception=False)
        assert clients[username].login(username=username, password="lianbing-demo")
    statuses = {}
    with connection.execute_wrapper(recorder):
        for role, client in clients.items():
            for path in addresses:
                recorder.url = f"{role} GET {path}"
                response = client.get(path)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    assert not recorder.writes, "GET requests that wrote to the database:\n" + "\n".join(
        f"{url}: {sql}" for url, sql in recorder.writes
    )
    # No address signed anybody out halfway (which would hide the writes of the
    # pages after it): every role is still signed in at the end.
    for username in ROLES:
        assert "_auth_user_id" in clients[username].session, f"{username} was signed out"
    # Most addresses answered a page, not only refusals and redirects.
    assert statuses.get(200, 0) > len(addresses), statuses
