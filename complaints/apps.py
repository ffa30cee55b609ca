from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Complaints and conduct"

    def ready(self) -> None:
        from complaints import rules  # noqa: F401 - registers the access rules
        from complaints.board import COMPLAINTS_SECTION, CONDUCT_SECTION
        from complaints.crosscheck_data import person_events
        from complaints.demo import seed_complaints
        from complaints.disclosure import complaint_history
        from complaints.reminders import SOURCES as REMINDER_SOURCES
        from complaints.selectors import intake as intake_selectors
        from complaints.selectors import open_cases, queue
        from complaints.services import checks
        from complaints.services.conduct import conduct_matter_receive_referral
        from standards.board.figures import register_board_section
        from standards.core import extensions
        from standards.exchange import registry
        from standards.notifications.reminders import register_reminder_source

        # The queue and the case page: a caseworker's cases and the head's unallocated ones on
        # the review-queues page; a person's page links to the cases about them.
        extensions.register_queues("complaints", queue.case_queues)
        extensions.register_queues("complaints-intake", intake_selectors.review_queues)
        extensions.register_person_links("complaints", queue.case_links_for_person)
        extensions.register_demo_seeder("Complaints and conduct", seed_complaints, order=40)
        # What a transfer disclosure pack about a person says of them here.
        extensions.register_disclosure_section("complaints", complaint_history)
        # The CCU's sanitised referrals open conduct matters (the second corridor crossing).
        registry.register_referral_receiver("complaints", conduct_matter_receive_referral)
        # The CCU refuses a management intervention while a case about the person is open.
        extensions.register_open_cases_provider("complaints", open_cases.open_cases_about)
        # Early intervention counts a member's complaints, allegations and conduct matters.
        extensions.register_crosscheck_data("person_events", "complaints", person_events)
        # PSD asks the CCU for intelligence checks on a case's subjects.
        registry.register_answer_handler("complaints.case", checks.case_check_answered)
        registry.register_check_details("complaints.case", checks.case_details_for_ccu)
        # The integrity board's complaints and conduct figures.
        register_board_section(COMPLAINTS_SECTION)
        register_board_section(CONDUCT_SECTION)
        # The statutory clocks remind the case team and escalate to the head of PSD.
        for source in REMINDER_SOURCES:
            register_reminder_source(source)
        # The reference lists are data; a test database flush empties them, so whatever is
        # missing is put back after every migrate (an administrator's changes are kept).
        post_migrate.connect(_install_reference_data, sender=self)


def _install_reference_data(sender, apps=None, using="default", **kwargs) -> None:  # noqa: ARG001
    from django.apps import apps as global_apps
    from django.db import connections

    from complaints.defaults import install_missing

    registry = apps or global_apps
    try:
        model = registry.get_model("complaints", "LetterTemplate")
    except LookupError:  # migrated only part of the way: this app's tables are not there yet
        return
    if model._meta.db_table not in connections[using].introspection.table_names():
        return
    install_missing(registry)
