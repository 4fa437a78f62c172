"""Recurring schedules of the import pipeline, created by name (sync_schedules)."""

from django_q.models import Schedule

SCHEDULES = [
    {
        # Imports whose worker died are failed with their reason, so they can be retried.
        "name": "imports.fail_stale",
        "func": "imports.tasks.imports_fail_stale",
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
    },
    {
        # Previews never applied are deleted a day after their upload.
        "name": "imports.delete_old_previews",
        "func": "imports.tasks.import_previews_delete",
        "schedule_type": Schedule.MINUTES,
        "minutes": 60,
    },
]
