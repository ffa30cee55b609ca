from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "registers.interests"
    label = "interests"
    verbose_name = "Business interests"

    def ready(self) -> None:
        from registers.interests import (
            reminders,
            rules,  # noqa: F401 - registers the access rules
            selectors,
            services,
        )
        from registers.interests.demo import seed_interests
        from registers.interests.disclosure import interest_history
        from registers.interests.models import BusinessInterest
        from standards.core import extensions
        from standards.exchange import registry
        from standards.notifications.reminders import register_reminder_source

        extensions.register_section(
            extensions.PortalSection(
                key="interests",
                title="Business interests",
                template="my/interests/portal_rows.html",
                rows=lambda user: selectors.interest_list_for_declarant(user=user),
                new_url_name="my_interests:new",
                new_label="Apply for a business interest",
                order=20,
            )
        )
        extensions.register_queues("interests", selectors.review_queues)
        extensions.register_demo_seeder("Business interests", seed_interests, order=20)
        # What a transfer disclosure pack about a person says of them here.
        extensions.register_disclosure_section("interests", interest_history)
        # An interest approved for one job may conflict with the next.
        extensions.register_person_change_hook("interests", services.interest_mark_review_due_now)
        # PSD asks the CCU for intelligence checks before deciding an interest.
        registry.register_answer_handler(BusinessInterest, services.interest_check_answered)
        registry.register_check_details(BusinessInterest, selectors.interest_details_for_ccu)
        register_reminder_source(reminders.ANNUAL_REVIEWS)
        extensions.register_person_links("interests", selectors.interest_links_for_person)
        # The integrity board's figures for the register.
        from registers.interests.board import SECTION
        from standards.board.figures import register_board_section

        register_board_section(SECTION)
