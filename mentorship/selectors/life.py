"""What a user may do with a pair in its present state, and what its page shows.

Decided here once: the services refuse what `pair_access` forbids, and the
views show only the forms it allows. The mentor's view of the mentee's
training (mastery, drills, observations) lasts while the pair is ACTIVE only,
as people's scope does (mentorship.scope)."""

from dataclasses import dataclass

from django.db.models import Prefetch

from people.selectors import people_managed_by, person_for_user

from ..models import Agreement, CheckIn, EndFeedback, Goal, GuidanceAdvice, Pair, PairStatus

ENDED_STATUSES = (PairStatus.COMPLETED, PairStatus.ENDED_EARLY)


@dataclass(frozen=True)
class PairAccess:
    """The user's part in one pair: mentor, mentee, the mentee's manager (or an
    administrator), several at once or none; and the pair's status."""

    is_mentor: bool
    is_mentee: bool
    is_manager: bool
    status: str

    @property
    def is_side(self) -> bool:
        return self.is_mentor or self.is_mentee

    @property
    def is_open(self) -> bool:
        return self.status in (PairStatus.PROPOSED, PairStatus.ACTIVE)

    @property
    def has_ended(self) -> bool:
        return self.status in ENDED_STATUSES

    @property
    def can_edit_agreement(self) -> bool:
        return self.is_open and (self.is_side or self.is_manager)

    @property
    def can_acknowledge(self) -> bool:
        return self.is_open and self.is_side

    @property
    def can_check_in(self) -> bool:
        return self.status == PairStatus.ACTIVE and self.is_side

    @property
    def can_complete(self) -> bool:
        return self.status == PairStatus.ACTIVE and (self.is_side or self.is_manager)

    @property
    def can_end_early(self) -> bool:
        return self.is_open and (self.is_side or self.is_manager)

    @property
    def can_give_feedback(self) -> bool:
        return self.has_ended and self.is_side

    @property
    def sees_mentee_training(self) -> bool:
        """Mastery, drill results and the observation form: the mentor, while active."""
        return self.is_mentor and self.status == PairStatus.ACTIVE

    @property
    def sees_guidance(self) -> bool:
        """The trainers' advice for the mentee's guidance type: a label about the
        mentee that the mentee does not read."""
        return (self.is_mentor or self.is_manager) and not self.is_mentee


def pair_access(user, pair: Pair) -> PairAccess:
    """`user`'s part in `pair` (at most one query: whether they manage the mentee)."""
    person = person_for_user(user)
    person_id = person.pk if person else None
    return PairAccess(
        is_mentor=pair.mentor_id == person_id,
        is_mentee=pair.mentee_id == person_id,
        is_manager=people_managed_by(user).filter(pk=pair.mentee_id).exists()
        and pair.mentee_id != person_id,
        status=pair.status,
    )


def agreement_of(pair: Pair) -> Agreement | None:
    """The pair's agreement with its goals and their topics (two queries), or
    None for a pair made without one."""
    goals = Prefetch("goals", queryset=Goal.objects.select_related("topic"))
    return Agreement.objects.filter(pair=pair).prefetch_related(goals).first()


def pair_page(pair: Pair, access: PairAccess) -> dict:
    """Everything the pair's page lists, in a fixed number of queries."""
    advice = None
    if access.sees_guidance and pair.mentee.guidance_type:
        advice = GuidanceAdvice.objects.filter(guidance_type=pair.mentee.guidance_type).first()
    feedback = list(EndFeedback.objects.filter(pair=pair).select_related("author"))
    return {
        "agreement": agreement_of(pair),
        "checkins": list(CheckIn.objects.filter(pair=pair).select_related("author")),
        "events": list(pair.events.select_related("actor__person")),
        "feedback": feedback,
        "feedback_authors": {entry.author_id for entry in feedback},
        "advice": advice,
    }
