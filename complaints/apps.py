from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Complaints and conduct"

    def ready(self) -> None:
        from complaints import rules  # noqa: F401 - registers the access rules
        from complaints.selectors import intake as intake_selectors
        from standards.core import extensions

        extensions.register_queues("complaints-intake", intake_selectors.review_queues)
