from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def finding_list(request, **kwargs):
    raise Http404


finding_detail = finding_dispose = finding_list
ccu_finding_list = ccu_finding_detail = ccu_finding_dispose = finding_list
