"""The daily reminder of what is due for review."""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.models import Person

from ..conf import quizzes_settings
from ..models import MemoryState
from ..selectors.memory import end_of_today


def due_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail everyone with reviews due today (and an address on file). Returns how many."""
    now = now or timezone.now()
    counts = dict(
        MemoryState.objects.filter(due__lt=end_of_today(now))
        .values_list("person_id")
        .annotate(n=Count("id"))
        .values_list("person_id", "n")
    )
    people = Person.objects.filter(pk__in=counts).exclude(user__email="").select_related("user")
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for person in people:
            due = min(counts[person.pk], quizzes_settings.DAILY_REVIEW_CAP)
            messages.append(
                (
                    ngettext(
                        "Lianbing: %(count)d question to review today",
                        "Lianbing: %(count)d questions to review today",
                        due,
                    )
                    % {"count": due},
                    _(
                        "%(name)s, %(count)d questions are due for review today. A few minutes now keeps them in memory."
                    )
                    % {"name": person.name, "count": due},
                    settings.DEFAULT_FROM_EMAIL,
                    [person.user.email],
                )
            )
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return len(messages)
