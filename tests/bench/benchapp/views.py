"""The two baselines every scenario is compared with. Both pass through the
full production middleware stack, so a ratio against them shows what a page
itself costs. csrf_exempt keeps the load driver free of token handling."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .models import Hit


@csrf_exempt
def bare_json(request):
    """No database, no session: the floor of a request on this server."""
    return JsonResponse({"ok": True})


@csrf_exempt
def bare_insert(request):
    """Exactly one INSERT (autocommit, so one round trip and one commit)."""
    hit = Hit.objects.create()
    return JsonResponse({"ok": True, "id": hit.pk})
