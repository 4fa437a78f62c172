from django.db import models


class Hit(models.Model):
    """One row per request to the bare-insert baseline: the cheapest write
    the database can do, to compare real writes against."""

    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"hit {self.pk}"
