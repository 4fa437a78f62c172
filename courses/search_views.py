from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

from .confidentiality import pages_visible_to


@login_required
def search(request):
    """Search the pages the user may read (confidential pages only for their groups)."""
    query = (request.GET.get("q") or "").strip()[:100]
    results = Paginator([], 20).get_page(1)
    if query:
        pages = pages_visible_to(request.user, Page.objects.live().specific())
        results = Paginator(pages.search(query), 20).get_page(request.GET.get("page"))
    return render(request, "courses/search.html", {"query": query, "results": results})
