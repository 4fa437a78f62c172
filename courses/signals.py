"""Signals of the courses app."""

from django.dispatch import Signal

# Sent when a person completes a lesson or case page for the first time.
# Arguments: person_id (int), page_id (int), course_id (int).
lesson_completed = Signal()

# Sent once when a person completes a course by its completion rule.
# Arguments: person_id (int), course_id (int).
course_completed = Signal()
