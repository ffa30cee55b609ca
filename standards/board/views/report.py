"""Stub: every page of this part is a 404 until it is built."""

from django.http import Http404


def _stub(request, **kwargs):
    raise Http404


report = report_pdf = report_csv = _stub
