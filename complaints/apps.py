from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Complaints and conduct"

    def ready(self) -> None:
        from complaints import rules  # noqa: F401 - registers the access rules
        from complaints.selectors import intake as intake_selectors
        from complaints.selectors import queue
        from standards.core import extensions

        # The queue and the case page: a caseworker's cases and the head's unallocated ones on
        # the review-queues page; a person's page links to the cases about them.
        extensions.register_queues("complaints", queue.case_queues)
        extensions.register_queues("complaints-intake", intake_selectors.review_queues)
        extensions.register_person_links("complaints", queue.case_links_for_person)
