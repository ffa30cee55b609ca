from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def run_list(request, **kwargs):
    raise Http404


run_detail = run_list
