"""Listeners for other apps' signals."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.users.models import UserProfile

from requestmemo.prefetch import request_cache_forget

from .selectors.memory import time_zone_cache_key


@receiver(post_save, sender=UserProfile, dispatch_uid="quizzes_time_zone_saved")
@receiver(post_delete, sender=UserProfile, dispatch_uid="quizzes_time_zone_deleted")
def time_zone_forget(sender, instance, **kwargs):
    """A person's day (for the daily review cap) follows their profile's zone at once."""
    cache.delete(time_zone_cache_key(instance.user_id))
    request_cache_forget(time_zone_cache_key(instance.user_id))
