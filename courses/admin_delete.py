"""A Wagtail delete view that refuses while the object is in use, with a
message saying why (risk factors used by reviews, measures with figures)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.views import generic


class DeleteRefusedInUse(generic.DeleteView):
    def refusal(self) -> str | None:
        """Why the object may not be deleted now, or None. Each subclass says
        (a risk factor used by reviews, a measure with figures, a programme
        that issued certificates): this base class has no rule of its own."""
        raise NotImplementedError("a DeleteRefusedInUse view names its refusal")

    def refused(self):
        message = self.refusal()
        if message is None:
            return None
        messages.error(self.request, message)
        return redirect(reverse(self.index_url_name))

    def get(self, request, *args, **kwargs):
        return self.refused() or super().get(request, *args, **kwargs)

    def form_valid(self, form):
        # Checked again inside the delete's transaction: a use added since the
        # confirmation page still refuses it.
        with transaction.atomic():
            return self.refused() or super().form_valid(form)
