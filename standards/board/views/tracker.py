"""Stub: every page of this part is a 404 until it is built."""

from django.http import Http404


def _stub(request, **kwargs):
    raise Http404


tracker = inspection_new = inspection = inspection_edit = recommendation = recommendation_new = (
    _stub
)
recommendation_update = action_new = action_edit = _stub
