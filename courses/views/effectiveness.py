"""Course effectiveness (trainers, administrators; managers over their own
people): the list of courses with completions, one course's four levels per
cohort with the decay ranking, its CSV and XLSX export, and the refresher
drill. Who sees what is decided in courses.selectors.effectiveness_scope."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quizzes.selectors.rollups import rollup_last_run
from replicas import reading_from_replica
from tabular import csv_response, xlsx_response

from ..selectors.effectiveness import course_effectiveness
from ..selectors.effectiveness_decay import refreshers_sent
from ..selectors.effectiveness_scope import (
    courses_with_completions,
    effectiveness_course_get,
    effectiveness_sees_everyone,
    may_see_effectiveness,
)
from ..services.refresher import refresher_assign
from .effectiveness_tables import (
    behaviour_lines,
    decay_lines,
    effectiveness_charts,
    export_header,
    export_rows,
    learning_lines,
    result_lines,
    summary_lines,
)

EXPORT_FORMATS = ("csv", "xlsx")


def _course_or_404(request, course_id):
    course = effectiveness_course_get(request.user, course_id)
    if course is None:
        raise Http404
    return course


@login_required
@reading_from_replica
def effectiveness_list(request):
    if not may_see_effectiveness(request.user):
        raise Http404
    return render(
        request,
        "courses/effectiveness/list.html",
        {
            "courses": courses_with_completions(request.user),
            "everyone": effectiveness_sees_everyone(request.user),
            "last_run": rollup_last_run(),
        },
    )


@login_required
@reading_from_replica
def effectiveness_course(request, course_id):
    course = _course_or_404(request, course_id)
    report = course_effectiveness(request.user, course)
    return render(
        request,
        "courses/effectiveness/course.html",
        {
            "course": course,
            "report": report,
            "everyone": effectiveness_sees_everyone(request.user),
            "last_run": rollup_last_run(),
            "summary_lines": summary_lines(report),
            "measures": report.cohorts[0].results if report.cohorts else [],
            "learning_lines": learning_lines(report),
            "behaviour_lines": behaviour_lines(report),
            "result_lines": result_lines(report),
            "decay_lines": decay_lines(report, refreshers_sent(course, report.today)),
            **effectiveness_charts(report),
        },
    )


@login_required
@reading_from_replica
def effectiveness_export(request, course_id, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    course = _course_or_404(request, course_id)
    report = course_effectiveness(request.user, course)
    rows, header = export_rows(report), export_header()
    name = f"course-{course.pk}-effectiveness-{report.today.isoformat()}"
    if fmt == "xlsx":
        return xlsx_response(
            rows, header=header, file_name=f"{name}.xlsx", sheet_title=_("Effectiveness")
        )
    return csv_response(rows, header=header, file_name=f"{name}.csv")


@login_required
@require_POST
def refresher_send(request, course_id, topic_id):
    course = _course_or_404(request, course_id)
    try:
        result = refresher_assign(by=request.user, course=course, topic_id=topic_id)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("courses:effectiveness_course", course_id=course.pk)
    refresher = result.refresher
    name = refresher.topic.name
    if not result.created:
        messages.info(
            request,
            _("The refresher drill on %(topic)s was already assigned today.") % {"topic": name},
        )
    elif refresher.assigned_at is None:
        messages.info(
            request,
            _(
                "The refresher drill on %(topic)s is being assigned to %(count)s people in the "
                "background; this page shows when it is done."
            )
            % {"topic": name, "count": refresher.people},
        )
    else:
        messages.success(
            request,
            _("The refresher drill on %(topic)s is assigned to %(count)s people, due in 14 days.")
            % {"topic": name, "count": refresher.people},
        )
    return redirect("courses:effectiveness_course", course_id=course.pk)
