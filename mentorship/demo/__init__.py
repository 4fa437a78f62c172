"""The demo's mentoring, read from `mentorship/demo/mentoring.yaml`: mentors,
mentees with their needs, pairs at every stage (with agreements, check-ins and
feedback, dated relative to today), and the trainers' guidance advice.

build() adds what is missing and leaves what exists alone; clear() removes what
build() adds. A mistake in the data file stops the build with its file and line
before anything is written. Pairs are checked against the hard rules of pairing
(mentorship.rules) as the manager named in the file.
"""

from datetime import timedelta
from functools import cache
from pathlib import Path

from django.utils import timezone

from demofiles import DemoDataError, Entry, yaml_read
from people.models import GuidanceType, Person
from quizzes.selectors.topics import topic_list

from ..models import (
    Agreement,
    CheckIn,
    EndFeedback,
    Goal,
    GuidanceAdvice,
    MatchingRun,
    MenteeNeed,
    MentorProfile,
    MentorStatus,
    Pair,
    PairEvent,
    PairEventKind,
    PairStatus,
)
from ..rules import PairingRules
from ..services.matching_runs import suggestions_run_start

DATA = Path(__file__).with_name("mentoring.yaml")

__all__ = ["DATA", "DemoDataError", "build", "clear", "data"]


def data(path: Path | None = None) -> dict:
    """The demo's mentoring from `path` (DATA when not given), checked."""
    return _read(path or DATA)


@cache
def _read(path: Path) -> dict:
    raw = yaml_read(path).take(["mentors", "mentees", "pairs", "suggestions_for", "guidance"])
    mentors = [
        entry.take(
            ["employee_id", "capacity", "strengths"], {"introduction": "", "nominated_by": None}
        )
        for entry in raw.entries("mentors")
    ]
    mentees = [
        entry.take(["employee_id"], {"focus": [], "note": "", "seeking": True})
        for entry in raw.entries("mentees")
    ]
    pairs = [_pair(entry) for entry in raw.entries("pairs")]
    guidance = raw.entry("guidance")
    for key in guidance:
        if key not in GuidanceType.values:
            raise guidance.error(f"{key} is not one of: {', '.join(GuidanceType.values)}", key)
    suggestions_for = raw["suggestions_for"]
    if not isinstance(suggestions_for, list):
        raise raw.error(
            "suggestions_for is a list of employee ids: [D0009, ...]", "suggestions_for"
        )
    return {
        "mentors": mentors,
        "mentees": mentees,
        "pairs": pairs,
        "suggestions_for": [str(e) for e in suggestions_for],
        "where": raw,
        "guidance": dict(guidance),
    }


def _pair(entry: Entry) -> Entry:
    optional = {
        "notes": "",
        "goals": [],
        "checkins": [],
        "feedback": [],
        "ended": None,
        "reason": "",
    }
    pair = entry.take(["mentor", "mentee", "by", "status", "started"], optional)
    pair.choice("status", PairStatus)
    ended = pair["status"] in (PairStatus.COMPLETED, PairStatus.ENDED_EARLY)
    if ended != (pair["ended"] is not None):
        raise pair.error("“ended” is given exactly when the status is completed or ended_early")
    if pair["status"] == PairStatus.ENDED_EARLY and not pair["reason"]:
        raise pair.error("a pair that ended early needs a “reason”")
    pair["goals"] = [g.take(["topic", "due"], {"notes": ""}) for g in pair.entries("goals")]
    pair["checkins"] = [
        c.take(["ago", "minutes"], {"notes": "", "next": ""}) for c in pair.entries("checkins")
    ]
    pair["feedback"] = [
        f.take(["from", "rating"], {"comments": ""}) for f in pair.entries("feedback")
    ]
    return pair


def _people(ids) -> dict[str, Person]:
    return {p.employee_id: p for p in Person.objects.filter(employee_id__in=set(ids))}


def _needed(entry: Entry, people: dict, key: str) -> Person:
    found = people.get(entry[key])
    if found is None:
        raise entry.error(f"{key}: nobody has employee id {entry[key]}", key)
    return found


def _topics(entry: Entry, codes, key: str) -> list:
    topics = {t.code: t for t in topic_list().filter(code__in=codes)}
    missing = [code for code in codes if code not in topics]
    if missing:
        raise entry.error(f"{key}: no topic {', '.join(missing)}", key)
    return [topics[code] for code in codes]


def build(*, log=print) -> None:
    demo = data()
    if MentorProfile.objects.filter(person__employee_id=demo["mentors"][0]["employee_id"]).exists():
        log("mentorship: demo mentoring already there.")
        return
    ids = [m["employee_id"] for m in demo["mentors"] + demo["mentees"]]
    ids += [p[k] for p in demo["pairs"] for k in ("mentor", "mentee", "by")]
    ids += [m["nominated_by"] for m in demo["mentors"] if m["nominated_by"]]
    ids += demo["suggestions_for"]
    people = _people(ids)
    for entry in demo["mentors"]:
        _mentor(entry, people)
    for entry in demo["mentees"]:
        need = MenteeNeed.objects.create(
            person=_needed(entry, people, "employee_id"),
            manager_note=entry["note"],
            seeking=entry["seeking"],
        )
        need.focus_topics.set(_topics(entry, entry["focus"], "focus"))
    for entry in demo["pairs"]:
        _build_pair(entry, people)
    waiting = 0
    for employee_id in demo["suggestions_for"]:
        manager = people.get(employee_id)
        if manager is None:
            raise demo["where"].error(f"suggestions_for: nobody has employee id {employee_id}")
        run = suggestions_run_start(user=manager.user, background=False)
        waiting += run.suggestions.filter(mentor__isnull=False).count()
    for guidance_type, advice in demo["guidance"].items():
        GuidanceAdvice.objects.get_or_create(
            guidance_type=guidance_type, defaults={"advice": advice}
        )
    counts = {status: 0 for status in PairStatus.values}
    for entry in demo["pairs"]:
        counts[entry["status"]] += 1
    log(
        f"mentorship: {len(demo['mentors'])} mentors and {len(demo['mentees'])} mentees; "
        f"pairs: {counts['active']} active, {counts['proposed']} proposed, "
        f"{counts['completed']} completed, {counts['ended_early']} ended early."
    )
    log(
        f"mentorship: {waiting} mentor suggestions waiting for "
        f"{len(demo['suggestions_for'])} managers to decide."
    )
    log(f"mentorship: advice for {len(demo['guidance'])} guidance types.")


def _mentor(entry: Entry, people: dict) -> None:
    person = _needed(entry, people, "employee_id")
    nominator = _needed(entry, people, "nominated_by") if entry["nominated_by"] else None
    profile = MentorProfile.objects.create(
        person=person,
        capacity=entry["capacity"],
        introduction=entry["introduction"],
        status=MentorStatus.NOMINATED if nominator else MentorStatus.ACTIVE,
        nominated_by=nominator.user if nominator else None,
    )
    profile.strengths.set(_topics(entry, entry["strengths"], "strengths"))


def _build_pair(entry: Entry, people: dict) -> None:
    mentor, mentee = _needed(entry, people, "mentor"), _needed(entry, people, "mentee")
    manager = _needed(entry, people, "by")
    today = timezone.localdate()
    rules = PairingRules.load(
        user=manager.user, mentor_ids=[mentor.pk], mentee_ids=[mentee.pk], today=today
    )
    problems = rules.problems(mentor.pk, mentee.pk)
    if problems:
        raise entry.error(f"this pair breaks the rules of pairing: {', '.join(problems)}")
    start = today - timedelta(days=entry["started"])
    started = entry["status"] != PairStatus.PROPOSED
    ended = today - timedelta(days=entry["ended"]) if entry["ended"] is not None else None
    pair = Pair.objects.create(
        mentor=mentor,
        mentee=mentee,
        assigned_by=manager.user,
        status=entry["status"],
        started_on=start if started else None,
        ended_on=ended,
        end_reason=entry["reason"],
        ended_by=mentor.user if ended else None,
    )
    assigned = timezone.now() - timedelta(days=entry["started"] + 3)
    Pair.objects.filter(pk=pair.pk).update(assigned_at=assigned)
    acknowledged = timezone.now() - timedelta(days=entry["started"]) if started else None
    agreement = Agreement.objects.create(
        pair=pair,
        notes=entry["notes"],
        mentor_acknowledged_at=acknowledged,
        mentee_acknowledged_at=acknowledged,
    )
    topics = _topics(entry, [g["topic"] for g in entry["goals"]], "goals")
    for goal, topic in zip(entry["goals"], topics, strict=True):
        Goal.objects.create(
            agreement=agreement,
            topic=topic,
            due_on=start + timedelta(days=goal["due"]),
            notes=goal["notes"],
        )
    for checkin in entry["checkins"]:
        CheckIn.objects.create(
            pair=pair,
            author=mentor,
            met_on=today - timedelta(days=checkin["ago"]),
            minutes=checkin["minutes"],
            notes=checkin["notes"],
            next_steps=checkin["next"],
        )
    for feedback in entry["feedback"]:
        EndFeedback.objects.create(
            pair=pair,
            author=_needed(feedback, people, "from"),
            rating=feedback["rating"],
            comments=feedback["comments"],
        )
    events = [(PairEventKind.ASSIGNED, manager.user)]
    if started:
        events.append((PairEventKind.ACTIVATED, None))
    if ended:
        kind = (
            PairEventKind.COMPLETED
            if entry["status"] == PairStatus.COMPLETED
            else PairEventKind.ENDED_EARLY
        )
        events.append((kind, mentor.user))
    PairEvent.objects.bulk_create(PairEvent(pair=pair, kind=k, actor=a) for k, a in events)


def clear(*, log=print) -> None:
    demo = data()
    ids = {m["employee_id"] for m in demo["mentors"] + demo["mentees"]}
    ids |= {p[k] for p in demo["pairs"] for k in ("mentor", "mentee")}
    managers = {p["by"] for p in demo["pairs"]}
    Pair.objects.filter(mentee__employee_id__in=ids).delete()
    MatchingRun.objects.filter(requested_by__person__employee_id__in=managers).delete()
    MentorProfile.objects.filter(person__employee_id__in=ids).delete()
    MenteeNeed.objects.filter(person__employee_id__in=ids).delete()
    GuidanceAdvice.objects.filter(guidance_type__in=list(demo["guidance"])).delete()
    log("mentorship: demo mentoring removed.")
