"""Reads of mentor profiles and mentee needs, with what the drills measured.

A strength is a mentor's claim; beside each one stands the mentor's own live
mastery of the topic (quizzes.selectors.mastery). A claim the drills contradict
(measured below MENTORSHIP_STRONG_MASTERY) is flagged; a topic never drilled
says so instead of showing 0. A mentee's weak topics are their lowest measured
topics below MENTORSHIP_WEAK_MASTERY. Everything here is read in a fixed
number of queries, whatever the number of topics or people.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from people.models import GuidanceType, Person
from people.selectors import (
    managed_units_of,
    people_managed_by,
    person_for_user,
    sees_everyone,
)
from quizzes.selectors.mastery import mastery_grid
from quizzes.selectors.topics import topic_list
from requestmemo import request_memo
from requestmemo.prefetch import request_cache_get

from ..conf import mentorship_settings
from ..models import MenteeNeed, MentorProfile, MentorStatus, Pair
from ..models.pairs import OPEN_STATUSES

WEAK_TOPICS_SHOWN = 3


@dataclass(frozen=True)
class MeasuredTopic:
    """A topic with the person's measured mastery (None: no drill evidence yet)."""

    topic: object
    mastery: float | None
    answers: int = 0

    @property
    def has_evidence(self) -> bool:
        return self.mastery is not None

    @property
    def percent(self) -> int | None:
        return None if self.mastery is None else round(self.mastery * 100)

    @property
    def contradicted(self) -> bool:
        """A claimed strength the drills measured below the strong threshold."""
        return self.mastery is not None and self.mastery < mentorship_settings.STRONG_MASTERY


@dataclass(frozen=True)
class MentorProfileView:
    profile: MentorProfile
    strengths: list[MeasuredTopic]
    years_of_service: int | None
    open_pairs: int

    @property
    def contradicted(self) -> list[MeasuredTopic]:
        return [strength for strength in self.strengths if strength.contradicted]


@dataclass(frozen=True)
class MenteeNeedView:
    person: Person
    need: MenteeNeed | None
    weak_topics: list[MeasuredTopic]
    focus_topics: list[MeasuredTopic] = field(default_factory=list)
    has_evidence: bool = False


def years_of_service(person: Person, *, today: date | None = None) -> int | None:
    """Whole years since the person's hire date (None when not on file)."""
    if person.hire_date is None:
        return None
    today = today or timezone.localdate()
    hired = person.hire_date
    years = today.year - hired.year - ((today.month, today.day) < (hired.month, hired.day))
    return max(years, 0)


def _measured(topics, mastery: dict) -> list[MeasuredTopic]:
    return [
        MeasuredTopic(
            topic=topic,
            mastery=mastery[topic.pk].mastery if topic.pk in mastery else None,
            answers=mastery[topic.pk].answers if topic.pk in mastery else 0,
        )
        for topic in topics
    ]


def mentor_profile_of(person: Person) -> MentorProfile | None:
    """The person's mentor profile in any state, with its strengths (two queries)."""
    return (
        MentorProfile.objects.select_related("person__unit", "nominated_by")
        .prefetch_related(Prefetch("strengths", queryset=topic_list()))
        .filter(person=person)
        .first()
    )


def mentor_profile_view(profile: MentorProfile) -> MentorProfileView:
    """The profile with each strength's measured mastery, the years of service
    and the open pairs (four queries after mentor_profile_of)."""
    mastery = mastery_grid([profile.person_id]).get(profile.person_id, {})
    return MentorProfileView(
        profile=profile,
        strengths=_measured(profile.strengths.all(), mastery),
        years_of_service=years_of_service(profile.person),
        open_pairs=open_pairs_of_mentor(profile.person_id),
    )


def open_pairs_of_mentor(person_id: int) -> int:
    return Pair.objects.filter(mentor_id=person_id, status__in=OPEN_STATUSES).count()


def nomination_waiting_for(user) -> MentorProfile | None:
    """The nomination the user has yet to answer, if any."""
    person = person_for_user(user)
    if person is None:
        return None
    return (
        MentorProfile.objects.select_related("nominated_by__person")
        .filter(person=person, status=MentorStatus.NOMINATED)
        .first()
    )


def mentee_needs_for(people: list[Person]) -> dict[int, MenteeNeedView]:
    """{person id: their needs}, for a page of people at once (five queries):
    the manager's entry (note, focus topics, looking for a mentor) and the
    weakest topics the drills measured."""
    ids = [person.pk for person in people]
    needs = {
        need.person_id: need
        for need in MenteeNeed.objects.filter(person_id__in=ids).prefetch_related(
            Prefetch("focus_topics", queryset=topic_list())
        )
    }
    grid = mastery_grid(ids)
    weak_ids: dict[int, list[int]] = {}
    for person_id, topics in grid.items():
        below = [m for m in topics.values() if m.mastery < mentorship_settings.WEAK_MASTERY]
        below.sort(key=lambda m: m.mastery)
        weak_ids[person_id] = [m.topic_id for m in below[:WEAK_TOPICS_SHOWN]]
    wanted = {tid for tids in weak_ids.values() for tid in tids}
    topics = {topic.pk: topic for topic in topic_list(ids=list(wanted))} if wanted else {}
    views = {}
    for person in people:
        mastery = grid.get(person.pk, {})
        need = needs.get(person.pk)
        weak = [topics[tid] for tid in weak_ids.get(person.pk, []) if tid in topics]
        views[person.pk] = MenteeNeedView(
            person=person,
            need=need,
            weak_topics=_measured(weak, mastery),
            focus_topics=_measured(need.focus_topics.all(), mastery) if need else [],
            has_evidence=bool(mastery),
        )
    return views


def mentee_need_of(person: Person) -> MenteeNeedView:
    return mentee_needs_for([person])[person.pk]


def people_for_mentoring(user) -> QuerySet[Person]:
    """The people the user manages (themself left out), each with their mentor
    profile, mentee need and whether they are in an open pair, in one query."""
    open_as_mentee = Pair.objects.filter(mentee=OuterRef("pk"), status__in=OPEN_STATUSES)
    open_as_mentor = Pair.objects.filter(mentor=OuterRef("pk"), status__in=OPEN_STATUSES)
    return (
        people_managed_by(user)
        .exclude(user=user)
        .select_related("mentor_profile", "mentee_need")
        .annotate(in_pair_as_mentee=Exists(open_as_mentee), mentors_now=Exists(open_as_mentor))
        .order_by("unit__path", "employee_id")
    )


def person_for_mentoring(user, person_id: int) -> Person | None:
    """A person the user manages (404 otherwise), for nominating and needs."""
    return people_managed_by(user).exclude(user=user).filter(pk=person_id).first()


MEMBERSHIP_SECONDS = 3600


def membership_cache_key(user_id: int) -> str:
    """Per user, not per person: so the navigation's answer comes in the same
    round trip as the session (requestmemo.prefetch, mentorship.apps)."""
    return f"mentorship:takes-part:user:{user_id}"


def membership_cache_keys(user_id: int) -> tuple[str]:
    """Read with the session (requestmemo.prefetch, registered in mentorship.apps)."""
    return (membership_cache_key(user_id),)


def person_takes_part(person: Person) -> bool:
    """Whether the person has a mentor profile (in any state), a mentee need or
    a pair. Asked on every page (the navigation), so it is kept in the cache
    for a person who signs in; mentorship.receivers forgets it whenever one of
    those rows is saved or deleted."""
    if person.user_id is None:  # no pages of their own: a record, asked rarely
        return _takes_part_query(person.pk)
    key = membership_cache_key(person.user_id)
    # Asked several times on some pages (the navigation, the home panels).
    return request_memo(key, lambda: _takes_part_read(key, person.pk))


def _takes_part_read(key: str, person_id: int) -> bool:
    answer = request_cache_get(key)
    if answer is None:
        answer = _takes_part_query(person_id)
        cache.set(key, answer, MEMBERSHIP_SECONDS)
    return answer


def _takes_part_query(person_id: int) -> bool:
    return (
        Person.objects.filter(pk=person_id)
        .filter(
            Exists(MentorProfile.objects.filter(person=OuterRef("pk")))
            | Exists(MenteeNeed.objects.filter(person=OuterRef("pk")))
            | Exists(Pair.objects.filter(mentor=OuterRef("pk")))
            | Exists(Pair.objects.filter(mentee=OuterRef("pk")))
        )
        .exists()
    )


def takes_part_in_mentoring(user) -> bool:
    """Managers, administrators, and anyone with a mentor profile, a mentee
    need or a pair: the people the Mentoring entry of the navigation is for."""
    if not user.is_authenticated:
        return False
    if managed_units_of(user) or sees_everyone(user):
        return True
    person = person_for_user(user)
    return person is not None and person_takes_part(person)


def guidance_type_choices() -> list[tuple[str, str]]:
    return [("", "—"), *GuidanceType.choices]


def pairs_of_person(person: Person) -> QuerySet[Pair]:
    """The pairs a person takes part in, as mentor or mentee, newest first."""
    return (
        Pair.objects.filter(Q(mentor=person) | Q(mentee=person))
        .select_related("mentor", "mentee")
        .order_by("-assigned_at")
    )


def may_manage_mentoring(user) -> bool:
    """Whether the user has people to nominate and to record needs for."""
    return bool(managed_units_of(user)) or sees_everyone(user)
