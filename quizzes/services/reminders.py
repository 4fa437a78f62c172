"""The daily reminder of what is due for review."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.models import Person

from ..models import MemoryState
from ..selectors.memory import due_queue


def due_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail everyone with reviews still due today (and an address on file). Returns
    how many. Each count is the person's own due queue: their day in their zone, the
    daily cap less the reviews already done today, as the drills page shows it."""
    now = now or timezone.now()
    # Whoever has anything due before the end of the latest "today" of any zone.
    candidates = (
        MemoryState.objects.filter(due__lt=now + timedelta(days=1))
        .values_list("person_id", flat=True)
        .distinct()
    )
    people = Person.objects.filter(pk__in=candidates).exclude(user__email="").select_related("user")
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for person in people:
            due = len(due_queue(person, now=now))
            if not due:
                continue
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
