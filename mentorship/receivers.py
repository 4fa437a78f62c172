"""Forget whether a person takes part in mentoring (the navigation's cached
answer, mentorship.selectors.profiles.person_takes_part) whenever a row that
decides it is saved or deleted."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from people.selectors import user_ids_of
from requestmemo import request_memo_forget
from requestmemo.prefetch import request_cache_forget

from .models import MenteeNeed, MentorProfile, Pair
from .selectors.profiles import membership_cache_key


@receiver([post_save, post_delete], sender=MentorProfile)
@receiver([post_save, post_delete], sender=MenteeNeed)
def forget_membership_of_person(sender, instance, **kwargs):
    _forget([instance.person_id])


@receiver([post_save, post_delete], sender=Pair)
def forget_membership_of_pair(sender, instance, **kwargs):
    _forget([instance.mentor_id, instance.mentee_id])


def _forget(person_ids: list[int]) -> None:
    # The answer is kept per user (it comes with the session): one query for them.
    keys = [membership_cache_key(user_id) for user_id in user_ids_of(person_ids)]
    if not keys:
        return
    # Now and once more after the commit: a reader in between, who saw the rows
    # before the change, could otherwise keep "takes no part" for an hour (and
    # with it a mentor's view of a new mentee, mentorship.scope).
    cache.delete_many(keys)
    for key in keys:
        request_memo_forget(key)
    request_cache_forget(*keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
