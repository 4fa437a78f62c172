"""The mentor-suggestion scenario (issue 13, item 12): one whole suggestion run
for MATCHING_MENTEES mentees and MATCHING_MENTORS mentors with
MATCHING_CAPACITY places each, end to end (load, score, solve, save), timed
inside the process, with the solve's own time apart. Not an HTTP load: a run
is a manager's single request, and many at once would only queue behind each
other; run.py reports it next to the baselines of the same run.

`matching_world_make` builds the data (idempotent): under the bench branch,
MATCHING_SUB_BRANCHES sub-branches of MATCHING_TEAMS teams each, a manager of
the branch, mentees looking for a mentor (each with two focus topics), active
mentors claiming three topics each (MATCHING_TEAM_HEADS of them heading their
team, MATCHING_EARLY_ENDS pairs ended early a month ago), and drill evidence (memory states) on a
few topics for everyone, so mastery is read as in production.
`matching_measure` times `repeat` runs after one warm-up run.

    .venv/bin/python -m tests.bench.matching     # SQLite, /tmp/lianbing-bench-matching.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianbing_bench .venv/bin/python -m tests.bench.matching
"""

import random
import statistics
import time
from datetime import timedelta

MATCHING_MENTEES = 1000
MATCHING_MENTORS = 200
MATCHING_CAPACITY = 5
MATCHING_TOPICS = 20
MATCHING_SUB_BRANCHES = 4
MATCHING_TEAMS = 5
MATCHING_TEAM_HEADS = 10  # mentors who manage their own team
MATCHING_EARLY_ENDS = 50  # pairs that ended early a month ago
MATCHING_LIMIT_MS = 1000.0  # the bound on a whole run
MATCHING_MANAGER = "bench-matching-manager"
PREFIX = "bench-m-"


def _units():
    from people.models import OrgUnit, UnitKind
    from people.services import org_unit_create

    def unit(code, name, kind, parent):
        return OrgUnit.objects.filter(code=code).first() or org_unit_create(
            name=name, code=code, kind=kind, parent=parent
        )

    hq = unit("bench-hq", "壓測總行", UnitKind.HEAD_OFFICE, None)
    branch = unit("bench-branch", "壓測分行", UnitKind.BRANCH, hq)
    teams = []
    for s in range(MATCHING_SUB_BRANCHES):
        sub = unit(f"{PREFIX}sb-{s}", f"壓測導師支行{s}", UnitKind.SUB_BRANCH, branch)
        for t in range(MATCHING_TEAMS):
            teams.append(unit(f"{PREFIX}team-{s}-{t}", f"壓測導師{s}組{t}", UnitKind.TEAM, sub))
    return branch, teams


def _topics_and_questions():
    from quizzes.models import Category, Question, Topic
    from quizzes.services import question_create

    category = Category.get_root_nodes().filter(name="壓測導師題庫").first()
    if category is None:
        category = Category.add_root(instance=Category(name="壓測導師題庫"))
    topics, questions = [], []
    for n in range(MATCHING_TOPICS):
        topic, _ = Topic.objects.get_or_create(
            code=f"{PREFIX}topic-{n}", defaults={"name": f"壓測導師主題{n}"}
        )
        name = f"壓測導師題 {n}"
        question = Question.objects.filter(category=category, name=name).first()
        if question is None:
            question = question_create(
                category=category,
                topic=topic,
                qtype="single",
                name=name,
                stem=f"主題 {n} 的問題",
                general_feedback="",
                payload={
                    "choices": [
                        {"text": "對", "fraction": 1.0, "feedback": ""},
                        {"text": "錯", "fraction": 0.0, "feedback": ""},
                    ]
                },
            )
        topics.append(topic)
        questions.append(question)
    return topics, questions


def _people(kind: str, count: int, teams, group):
    from django.contrib.auth import get_user_model

    from people.models import Person

    User = get_user_model()
    names = [f"{PREFIX}{kind}-{n:04d}" for n in range(count)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create(
        User(username=name, password="!", is_active=True)  # noqa: S106 - unusable password
        for name in names
        if name not in existing
    )
    users = list(User.objects.filter(username__in=names).order_by("username"))
    group.user_set.add(*users)
    have = set(Person.objects.filter(user__in=users).values_list("user_id", flat=True))
    Person.objects.bulk_create(
        Person(
            user=user,
            employee_id=f"BM-{kind}-{n:04d}",
            name=f"壓測{'徒弟' if kind == 'mentee' else '導師'}{n:04d}",
            unit=teams[n % len(teams)],
            position="客戶經理",
        )
        for n, user in enumerate(users)
        if user.pk not in have
    )
    return list(
        Person.objects.filter(user__in=users).select_related("user", "unit").order_by("employee_id")
    )


def matching_world_make(*, seed: int = 13):
    """Build (or find) the scenario's data; returns the manager's user."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from mentorship.models import MenteeNeed, MentorProfile, Pair
    from people.models import Person
    from people.roles import GROUP_NAMES, Role
    from quizzes.models import MemoryState

    rng = random.Random(seed)
    with transaction.atomic():
        branch, teams = _units()
        topics, questions = _topics_and_questions()
        trainees = Group.objects.get(name=GROUP_NAMES[Role.TRAINEE])
        user, _ = get_user_model().objects.get_or_create(username=MATCHING_MANAGER)
        user.groups.set([Group.objects.get(name=GROUP_NAMES[Role.MANAGER])])
        manager, _ = Person.objects.get_or_create(
            user=user,
            defaults={"employee_id": "BMMGR", "name": "壓測分行行長", "unit": branch},
        )
        manager.managed_units.set([branch])
        mentees = _people("mentee", MATCHING_MENTEES, teams, trainees)
        mentors = _people("mentor", MATCHING_MENTORS, teams, trainees)
        everyone = mentees + mentors
        Pair.objects.filter(mentee__in=mentees).delete()
        # Rules that bite: some mentors head their own team (never their
        # mentees' mentor), some pairs ended early last month (not again).
        managers = Group.objects.get(name=GROUP_NAMES[Role.MANAGER])
        for mentor in mentors[:MATCHING_TEAM_HEADS]:
            mentor.user.groups.add(managers)
            mentor.managed_units.set([mentor.unit])
        ended = timezone.localdate() - timedelta(days=30)
        Pair.objects.bulk_create(
            Pair(mentor=mentor, mentee=mentee, status="ended_early", ended_on=ended)
            for mentor, mentee in zip(
                rng.sample(mentors, MATCHING_EARLY_ENDS),
                rng.sample(mentees, MATCHING_EARLY_ENDS),
                strict=True,
            )
        )
        if MenteeNeed.objects.filter(person__in=mentees).count() < len(mentees):
            MenteeNeed.objects.filter(person__in=mentees).delete()
            needs = MenteeNeed.objects.bulk_create(MenteeNeed(person=p) for p in mentees)
            MenteeNeed.focus_topics.through.objects.bulk_create(
                MenteeNeed.focus_topics.through(menteeneed_id=need.pk, topic_id=topic.pk)
                for need in needs
                for topic in rng.sample(topics, 2)
            )
        if MentorProfile.objects.filter(person__in=mentors).count() < len(mentors):
            MentorProfile.objects.filter(person__in=mentors).delete()
            profiles = MentorProfile.objects.bulk_create(
                MentorProfile(person=p, capacity=MATCHING_CAPACITY) for p in mentors
            )
            MentorProfile.strengths.through.objects.bulk_create(
                MentorProfile.strengths.through(mentorprofile_id=profile.pk, topic_id=topic.pk)
                for profile in profiles
                for topic in rng.sample(topics, 3)
            )
        if not MemoryState.objects.filter(person__in=everyone, question__in=questions).exists():
            now = timezone.now()
            MemoryState.objects.bulk_create(
                MemoryState(
                    person=person,
                    question=question,
                    stability=rng.uniform(0.5, 60.0),
                    difficulty=5.0,
                    due=now,
                    last_review=now - timedelta(days=rng.uniform(0, 20)),
                    reviews=3,
                )
                for person in everyone
                for question in rng.sample(questions, 4)
            )
    return user


def matching_measure(user, *, repeat: int = 5) -> dict:
    """Time `repeat` whole runs (after one warm-up run): the p50 and worst of
    the total and of the solve, with the run's counts."""
    from mentorship.models import MatchingRun
    from mentorship.services.matching_runs import suggestions_run_start

    runs = []
    for _ in range(repeat + 1):
        MatchingRun.objects.filter(requested_by=user).delete()  # every run from the same state
        started = time.perf_counter()
        run = suggestions_run_start(user=user, background=False)
        wall = (time.perf_counter() - started) * 1000
        if run.status != MatchingRun.Status.DONE:
            raise RuntimeError(f"the suggestion run failed: {run.error}")
        runs.append({"wall_ms": wall, "total_ms": run.total_ms, "solve_ms": run.solve_ms})
    measured = runs[1:]
    walls = [r["wall_ms"] for r in measured]
    solves = [r["solve_ms"] for r in measured]
    return {
        "mentees": run.mentee_count,
        "mentors": run.mentor_count,
        "places": run.place_count,
        "matched": run.suggestions.exclude(mentor=None).count(),
        "repeat": repeat,
        "total_p50_ms": round(statistics.median(walls), 1),
        "total_max_ms": round(max(walls), 1),
        "solve_p50_ms": round(statistics.median(solves), 1),
        "solve_max_ms": round(max(solves), 1),
        "limit_ms": MATCHING_LIMIT_MS,
        "within_limit": statistics.median(walls) <= MATCHING_LIMIT_MS,
    }


def main() -> None:  # pragma: no cover - a developer's script
    import json
    import os
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    sys.path[:0] = [str(repo), str(repo / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hostsite.settings.test")
    # A throw-away SQLite file unless DATABASE_URL names another database.
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/lianbing-bench-matching.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    user = matching_world_make()
    print(json.dumps(matching_measure(user), indent=2))


if __name__ == "__main__":
    main()
