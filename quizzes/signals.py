"""Signals of the quizzes app, for the other apps (courses, mentorship)."""

from django.dispatch import Signal

from .models import Attempt, MasterySnapshot, Topic

# The senders, for receivers in other apps, which name them without importing
# quizzes.models (courses and mentorship use quizzes only through its API).
ATTEMPT = Attempt
MASTERY_SNAPSHOT = MasterySnapshot
TOPIC = Topic

# Sent once when an attempt is finished (by the person, or closed at its deadline).
# Arguments: attempt_id (int), person_id (int), drill_id (int | None),
# score (float, 0 to 1), passed (bool | None: None when the drill has no pass mark).
attempt_finished = Signal()

# Sent when a person's mastery snapshot of one or more topics has been written.
# Arguments: person_id (int), topic_ids (list[int]), date (datetime.date).
mastery_changed = Signal()
