"""Wagtail and frame hooks of 兩案例 (imported by courses/wagtail_hooks/__init__.py):
the navigation entry, the trainee's "n of 2 this month" on the home page, a
person's cases on their training record and, on the manager dashboard, who is
behind this month."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from frame import (
    DashboardScope,
    DashboardSection,
    DashboardTable,
    HomePanel,
    NavItem,
    RecordSection,
    named_url,
)
from people.selectors import person_for_user

from ..selectors.case_submissions import (
    behind_among,
    behind_this_month,
    behind_total,
    cases_of_person,
    home_progress,
    may_review_cases,
    month_of,
    monthly_target,
    writers_counts,
)


@hooks.register("lianbing_navigation")
def cases_navigation(user):
    """Everyone with a person writes cases; trainers go to what waits for review."""
    if may_review_cases(user):
        return [NavItem(gettext_lazy("Cases"), named_url("courses:case_review"), order=26)]
    if person_for_user(user) is None:
        return []
    return [NavItem(gettext_lazy("My cases"), named_url("courses:case_list"), order=26)]


@hooks.register("lianbing_home_panels")
def cases_panel(user):
    """The trainee's cases this month against the target."""
    progress = home_progress(user)
    if progress is None:
        return []
    return [
        HomePanel(gettext_lazy("Two cases a month"), "courses/cases/panel.html", progress, order=8)
    ]


@hooks.register("lianbing_training_record_sections")
def cases_record_section(person, viewer):
    """The person's submitted cases, latest month first (the host shows the
    record only to those who may see the person; drafts stay the author's)."""
    cases = list(cases_of_person(person)[:50])
    if not cases:
        return []  # no empty section on the records of people who wrote none
    return [
        RecordSection(
            gettext_lazy("Submitted cases"),
            "courses/cases/record.html",
            {"cases": cases, "target": monthly_target()},
            order=48,
        )
    ]


# --- the manager dashboard -----------------------------------------------------------


def behind_context(scope: DashboardScope) -> dict:
    month = month_of(scope.now)
    if scope.page_is_everyone:  # one query: the page's writers are everyone's
        written = writers_counts(scope.page_person_ids, month=month)
        counts = {pk: count for pk, count in written.items() if count < monthly_target()}
        writers, behind = len(written), len(counts)
    else:
        counts = behind_among(scope.page_person_ids, month=month)
        writers, behind = behind_total(scope.people, month=month)
    rows = [(person, counts[person.pk]) for person in scope.page_people if person.pk in counts]
    return {
        "rows": rows,
        "writers": writers,
        "behind": behind,
        "target": monthly_target(),
        "month": month,
    }


def behind_tables(scope: DashboardScope) -> list[DashboardTable]:
    month = month_of(scope.now)
    rows = [
        [p.employee_id, p.name, p.unit.name, p.case_count, monthly_target()]
        for p in behind_this_month(scope.people, month=month)
    ]
    header = [_("Employee id"), _("Name"), _("Unit"), _("Cases this month"), _("Target")]
    return [DashboardTable("behind", _("Behind on cases this month"), header, rows)]


@hooks.register("lianbing_dashboard_sections")
def cases_dashboard_sections(user, scope):
    return [
        DashboardSection(
            key="cases",
            title=gettext_lazy("Two cases a month"),
            template="courses/cases/dashboard.html",
            context=lambda: behind_context(scope),
            tables=lambda: behind_tables(scope),
            exports=(("behind", gettext_lazy("Behind on cases this month")),),
            order=45,
        )
    ]
