from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def import_list(request, **kwargs):
    raise Http404


import_new = import_mapping = import_preview = import_progress = import_detail = import_list
