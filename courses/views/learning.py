"""Actions on course pages: enrol, remember where a learner is, mark a lesson
done, commit to a decision. Each is a POST: opening a page writes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from people.selectors import person_for_user, team_members

from ..confidentiality import pages_visible_to, readers_among
from ..decision_drafts import decision_draft_keep
from ..models import CaseStudyPage, CoursePage, DecisionPoint
from ..models.pages import CoursePartPage
from ..selectors.catalogue import id_from
from ..selectors.progress import course_completed_by
from ..services import (
    LearningRefused,
    decision_commit,
    enrollment_create,
    lesson_complete,
    lesson_visit,
)


def _person(request):
    person = person_for_user(request.user)
    if person is None:
        raise Http404
    return person


def _live_page(request, page_id):
    """A live page the user may read; any other id answers 404."""
    return get_object_or_404(pages_visible_to(request.user), pk=page_id).specific


@login_required
@require_POST
def enroll(request, course_id):
    course = _live_page(request, course_id)
    if not isinstance(course, CoursePage):
        raise Http404
    try:
        enrollment_create(person=_person(request), course=course, by=request.user)
    except LearningRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("You are on the course. Start with the first lesson."))
    return redirect(course.url)


@login_required
@require_POST
def enroll_team(request, course_id):
    """A manager puts people of their own units on a course."""
    course = _live_page(request, course_id)
    if not isinstance(course, CoursePage):
        raise Http404
    wanted = {id_from(pk) for pk in request.POST.getlist("people")} - {None}
    if not wanted:
        messages.error(
            request, _("Nobody was ticked, so nobody was enrolled. Tick the people to enrol first.")
        )
        return redirect(f"{course.url}#team-enrolment")
    people = [p for p in team_members(request.user) if p.pk in wanted]
    if len(people) != len(wanted):
        raise Http404  # an id outside the manager's people
    readers = readers_among(course, people)
    for person in people:
        if person.pk in readers:
            enrollment_create(
                person=person, course=course, by=request.user, require_prerequisites=False
            )
    enrolled = len(readers)
    if enrolled:
        messages.success(
            request,
            ngettext("%(count)d person enrolled.", "%(count)d people enrolled.", enrolled)
            % {"count": enrolled},
        )
    outside = [p.name for p in people if p.pk not in readers]
    if outside:
        messages.error(
            request,
            _("%(names)s may not open this course, so they were not enrolled.")
            % {"names": "、".join(outside)},
        )
    return redirect(course.url)


@login_required
@require_POST
def visit(request, page_id):
    """Posted by courses/resume.js once a lesson, case or review has loaded: the
    page becomes where "Continue where you left off" leads (if enrolled)."""
    page = _live_page(request, page_id)
    if not isinstance(page, CoursePartPage):
        raise Http404
    lesson_visit(person=_person(request), page=page)
    return HttpResponse(status=204)


@login_required
@require_POST
def complete(request, page_id):
    page = _live_page(request, page_id)
    if not isinstance(page, CoursePartPage):
        raise Http404  # a course, the catalogue, the site's root: nothing to mark done
    person = _person(request)
    course = page.get_parent().specific
    was_complete = course_completed_by(person, course)
    try:
        lesson_complete(person=person, page=page)
    except LearningRefused as refused:
        messages.error(request, refused.message)
        return redirect(page.url)
    if not was_complete and course_completed_by(person, course):
        messages.success(
            request, _("Course completed: %(title)s. Well done.") % {"title": course.title}
        )
        return redirect(course.url)
    following = pages_visible_to(request.user, page.get_next_siblings().live()).first()
    return redirect(following.url if following else course.url)


@login_required
@require_POST
def decide(request, point_id):
    point = get_object_or_404(DecisionPoint, pk=point_id)
    page = _live_page(request, point.page_id)
    if not isinstance(page, CaseStudyPage):
        raise Http404
    try:
        option = int(request.POST.get("option", "-1"))
    except ValueError:
        option = -1
    reasoning = request.POST.get("reasoning", "")
    try:
        decision_commit(
            person=_person(request), decision_point=point, option=option, reasoning=reasoning
        )
    except LearningRefused as refused:
        decision_draft_keep(request, point, option=option, reasoning=reasoning, refused=refused)
        # No fragment: browsers skip autofocus when they scroll to one, and the
        # refused field's autofocus brings the learner there anyway.
        return redirect(page.url)
    return redirect(f"{page.url}#decision-{point.pk}")
