"""Recurring django-q2 schedules of the courses app, created by name by `sync_schedules`."""

SCHEDULES = []
