"""The Celery application: Redis broker, settings from Django's ``CELERY_*`` names."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standards.settings")

app = Celery("standards")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
