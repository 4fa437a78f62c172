"""Reads about drills: who may take them and which questions they ask."""

import random
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet

from people.models import Person
from people.selectors import unit_within

from ..conf import quizzes_settings
from ..models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    Drill,
    FeedbackTiming,
    MemoryState,
    Question,
    QuestionSelection,
)
from .drill_list_rows import listed_drills_for, recent_attempts_of
from .drill_rows import fixed_questions_for, own_unit_paths
from .memory import due_queue

# Attempts in "My recent results" on the drills page.
RECENT_RESULTS = 10


def drill_available_to(drill: Drill, person: Person) -> bool:
    audience = list(drill.audience.all())
    if not audience:
        return True
    return unit_within(person.unit, audience)


def drills_available_to(person: Person) -> list[Drill]:
    """Open drills this person may take, in two queries whatever their number.
    Drills made for training plans only are left out: the plan links to them."""
    drills = list(Drill.objects.filter(is_active=True, listed=True).prefetch_related("audience"))
    return [drill for drill in drills if drill_available_to(drill, person)]


def questions_askable_to(person: Person) -> QuerySet[Question]:
    """Active questions that are either general or about this person's own
    territory: their own facts, or those of their unit or any unit above it."""
    own_units = own_unit_paths(person)
    return Question.objects.filter(is_active=True, current_version__isnull=False).filter(
        Q(owner_person__isnull=True, owner_unit__isnull=True)
        | Q(owner_person=person)
        | Q(owner_unit__path__in=own_units)
    )


def _scope_q(drill: Drill) -> Q:
    categories = list(drill.categories.all())
    topics = list(drill.topics.all())
    scope = Q(pk__in=[])
    for category in categories:
        scope |= Q(category__path__startswith=category.path)
    if topics:
        scope |= Q(topic__in=topics)
    if not categories and not topics:
        scope = Q()
    return scope


def drill_questions_for(drill: Drill, person: Person, *, now: datetime) -> list[Question]:
    """The questions of a new attempt, in the order they will be asked, each
    with its current version."""
    if drill.selection == QuestionSelection.FIXED:
        questions = fixed_questions_for(drill, person)  # one query (drill_rows)
        if drill.shuffle_questions:
            random.shuffle(questions)
        return questions

    in_scope = questions_askable_to(person).filter(_scope_q(drill))
    count = drill.question_count
    if drill.selection == QuestionSelection.DUE:
        # The daily review: everything the person's due queue holds today (in
        # their zone, within the daily cap, as the home and drills pages count
        # it) that the drill covers, then new questions up to its number.
        queue = [state.question_id for state in due_queue(person, now=now)]
        covered = set(in_scope.filter(pk__in=queue).values_list("pk", flat=True))
        due_ids = [question_id for question_id in queue if question_id in covered]
        seen = MemoryState.objects.filter(person=person).values("question_id")
        fresh_ids = list(in_scope.exclude(pk__in=seen).values_list("pk", flat=True)[: count * 5])
        random.shuffle(fresh_ids)
        ids = due_ids + fresh_ids[: max(0, count - len(due_ids))]
        by_id = Question.objects.select_related("current_version").in_bulk(ids)
        return [by_id[i] for i in ids]

    ids = list(in_scope.values_list("pk", flat=True))
    chosen = random.sample(ids, min(count, len(ids)))
    by_id = Question.objects.select_related("current_version").in_bulk(chosen)
    return [by_id[i] for i in chosen]


def drill_passed_by(*, drill_id: int, person, since: datetime | None = None) -> bool:
    """Whether the person has passed this drill at least once (since `since`)."""
    attempts = Attempt.objects.filter(drill_id=drill_id, person=person, passed=True)
    if since is not None:
        attempts = attempts.filter(finished_at__gte=since)
    return attempts.exists()


def drills_listed_for(person: Person, *, now: datetime) -> list[Drill]:
    """drills_available_to, each with `is_open_attempt`: whether its id is
    among open_attempt_drill_ids. The drills page's list, in one statement
    (drill_list_rows)."""
    grace = timedelta(seconds=quizzes_settings.ANSWER_GRACE_SECONDS)
    return listed_drills_for(person, open_since=now - grace)


def recent_results_of(person: Person) -> list[Attempt]:
    """The person's latest RECENT_RESULTS attempts, newest first, with their
    drills: the drills page's "My recent results" (one statement)."""
    return recent_attempts_of(person, limit=RECENT_RESULTS)


def open_attempt_drill_ids(person: Person, *, now: datetime) -> set[int]:
    """The drills this person has an attempt in progress at, still within its
    deadline (and the grace): starting one of them continues that attempt."""
    grace = timedelta(seconds=quizzes_settings.ANSWER_GRACE_SECONDS)
    return set(
        Attempt.objects.filter(person=person, status=AttemptStatus.IN_PROGRESS)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=now - grace))
        .exclude(drill=None)
        .values_list("drill_id", flat=True)
    )


def attempts_left(drill: Drill, person: Person) -> int | None:
    """How many more times the person may take the drill on their own; None for no limit."""
    if drill.attempts_allowed is None:
        return None
    used = Attempt.objects.filter(drill=drill, person=person, mode=AttemptMode.SELF).count()
    return max(0, drill.attempts_allowed - used)


def attempt_results_visible(attempt: Attempt) -> bool:
    """Whether the drill's feedback rule lets its person see the results (the
    answers, the right answers, the feedback): after each answer, or only once
    the attempt is finished."""
    if attempt.status != AttemptStatus.IN_PROGRESS:
        return True
    return attempt.drill is None or attempt.drill.feedback == FeedbackTiming.IMMEDIATE


def review_drill_for(person: Person) -> Drill | None:
    """The daily review: the first open due-first drill this person may take."""
    drills = Drill.objects.filter(is_active=True, selection=QuestionSelection.DUE).order_by("pk")
    for drill in drills.prefetch_related("audience"):
        if drill_available_to(drill, person):
            return drill
    return None


def drill_results_of(person, *, limit: int = 20) -> dict:
    """The person's latest `limit` attempts (drills and reviews), newest first,
    with how many there are in all: two queries whatever the number."""
    attempts = Attempt.objects.filter(person=person)
    return {
        "attempts": list(attempts.select_related("drill").order_by("-started_at")[:limit]),
        "total": attempts.count(),
    }
