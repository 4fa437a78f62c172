"""Forget whether a person takes part in mentoring (the navigation's cached
answer, mentorship.selectors.profiles.person_takes_part) whenever a row that
decides it is saved or deleted."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from requestmemo import request_memo_forget

from .models import MenteeNeed, MentorProfile, Pair
from .selectors.profiles import membership_cache_key


@receiver([post_save, post_delete], sender=MentorProfile)
@receiver([post_save, post_delete], sender=MenteeNeed)
def forget_membership_of_person(sender, instance, **kwargs):
    _forget([membership_cache_key(instance.person_id)])


@receiver([post_save, post_delete], sender=Pair)
def forget_membership_of_pair(sender, instance, **kwargs):
    _forget([membership_cache_key(instance.mentor_id), membership_cache_key(instance.mentee_id)])


def _forget(keys: list[str]) -> None:
    # Now and once more after the commit: a reader in between, who saw the rows
    # before the change, could otherwise keep "takes no part" for an hour (and
    # with it a mentor's view of a new mentee, mentorship.scope).
    cache.delete_many(keys)
    for key in keys:
        request_memo_forget(key)
    transaction.on_commit(lambda: cache.delete_many(keys))
