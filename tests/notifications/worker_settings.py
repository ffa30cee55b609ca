"""Settings for the reminder tests' worker processes: the project's own, pointed at the test
database, a queue of the test's own (e-mail tasks included) and e-mail written to files in the
test's folder, where the test counts them."""

import os

from standards.settings import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["REMINDER_TEST_DATABASE"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["REMINDER_TEST_MAIL_DIR"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["REMINDER_TEST_QUEUE"]
