from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from frame import home_panels_for


@login_required
def home(request):
    return render(request, "home/home.html", {"panels": home_panels_for(request.user)})
