from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .selectors import notice_get_for, notices_for, time_zone_of
from .services import notice_mark_read, notices_mark_all_read


@login_required
def notice_list(request):
    """The signed-in person's notices, newest first, 50 a page, unread ones marked."""
    page = notices_for(request.user, page=request.GET.get("page"))
    with timezone.override(time_zone_of(request.user)):
        return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notice_read(request, notice_id):
    """Mark one of one's own notices read and follow its link (404 for anyone else's)."""
    notice = notice_get_for(request.user, notice_id)
    if notice is None:
        raise Http404
    notice_mark_read(notice=notice)
    return redirect(notice.link or "notifications:list")


@login_required
@require_POST
def notice_read_all(request):
    """Mark all of one's notices read, back to the list."""
    notices_mark_all_read(user=request.user)
    return redirect("notifications:list")
