"""Pages of the follow-up after training: my follow-up tasks, the trainee's
reaction survey and a checkpoint's behaviour observation. Who may open each is
courses.selectors.followup's rule; anyone else gets 404. Opening a page writes
nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms.followup import ObservationForm, ReactionForm
from ..models.followup import FollowUpKind
from ..selectors.followup import followup_task_for, followup_tasks_for
from ..services import LearningRefused, observation_record
from ..services.followup import FollowUpRefused, opens_on, reaction_answer


@login_required
def followup_tasks(request):
    rows, total = followup_tasks_for(request.user)
    return render(
        request,
        "courses/followup/tasks.html",
        {"tasks": rows, "total": total, "today": timezone.localdate()},
    )


def _task_or_404(request, task_id, kind):
    task = followup_task_for(request.user, task_id)
    if task is None or task.kind != kind or opens_on(task) > timezone.localdate():
        raise Http404
    return task


def _located(form, error: ValidationError):
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@login_required
@require_http_methods(["GET", "POST"])
def followup_reaction(request, task_id):
    task = _task_or_404(request, task_id, FollowUpKind.REACTION)
    form = ReactionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if task.done_at is not None:
            messages.error(request, _("You have already answered this survey."))
            return redirect("courses:followup_reaction", task.pk)
        if form.is_valid():
            try:
                reaction_answer(task=task, **form.cleaned_data)
            except FollowUpRefused as refused:
                messages.error(request, refused.message)
                return redirect("courses:followup_reaction", task.pk)
            except ValidationError as error:
                _located(form, error)
            else:
                messages.success(request, _("Thank you: your answer is recorded."))
                return redirect("courses:followup_tasks")
        status = 400
    return render(
        request, "courses/followup/reaction.html", {"task": task, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def followup_observation(request, task_id):
    task = _task_or_404(request, task_id, FollowUpKind.BEHAVIOUR)
    items = task.course.checklist_items
    form = ObservationForm(request.POST or None, items=items)
    status = 200
    if request.method == "POST":
        if task.done_at is not None:
            messages.error(request, _("This checkpoint has already been observed."))
            return redirect("courses:followup_observation", task.pk)
        if form.is_valid():
            try:
                observation_record(
                    person=task.person,
                    observer=request.user,
                    changed=form.cleaned_data["changed"],
                    example=form.cleaned_data["example"],
                    task=task,
                    checklist=form.checklist(),
                )
            except PermissionDenied as denied:
                raise Http404 from denied
            except LearningRefused as refused:
                messages.error(request, refused.message)
                return redirect("courses:followup_observation", task.pk)
            except ValidationError as error:
                _located(form, error)
            else:
                messages.success(request, _("The observation is recorded."))
                return redirect("courses:followup_tasks")
        status = 400
    observation = getattr(task, "observation", None) if task.done_at else None
    return render(
        request,
        "courses/followup/observation.html",
        {"task": task, "form": form, "observation": observation},
        status=status,
    )
