"""Records of the host site: sign-in checks in progress (see hostsite.signin)."""

from django.db import models

KEY_LENGTH = 300  # "username=<150 characters>" or "ip_address=<an IPv6 address>"


class SignInGate(models.Model):
    """One row per account name and per address that has tried to sign in.

    Its row lock (select_for_update) makes counting attempts for that account or
    address and admitting one more a single step across processes.
    """

    key = models.CharField(max_length=KEY_LENGTH, primary_key=True)

    def __str__(self):
        return self.key


class SignInCheck(models.Model):
    """A password check admitted and not yet finished (its failure not yet
    recorded by django-axes). Deleted when it ends; one left behind by a crashed
    request stops counting after SIGNIN_CHECK_TIMEOUT."""

    key = models.CharField(max_length=KEY_LENGTH, db_index=True)
    started_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key} {self.started_at:%Y-%m-%d %H:%M:%S}"
