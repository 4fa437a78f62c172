"""django-q2 tasks of the host site."""

from .signin import delete_old_signin_records as _delete_old_signin_records


def delete_old_signin_records() -> dict[str, int]:
    """Daily: sign-in logs and failure counts older than SIGNIN_RECORDS_KEPT_DAYS."""
    return _delete_old_signin_records()
