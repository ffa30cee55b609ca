from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "registers.associations"
    label = "associations"
    verbose_name = "Notifiable associations"

    def ready(self) -> None:
        from registers.associations import (
            reminders,
            rules,  # noqa: F401 - registers the access rules
            selectors,
        )
        from registers.associations.demo import seed_associations
        from registers.associations.disclosure import association_history
        from standards.core import extensions
        from standards.notifications.reminders import register_reminder_source

        extensions.register_section(
            extensions.PortalSection(
                key="associations",
                title="Notifiable associations",
                template="my/associations/section.html",
                rows=selectors.association_list_for_declarant,
                new_url_name="my_associations:declare",
                new_label="Declare an association",
                order=30,
            )
        )
        extensions.register_queues("associations", selectors.association_review_queues)
        extensions.register_demo_seeder("Notifiable associations", seed_associations, order=30)
        # What a transfer disclosure pack about a person says of them here.
        extensions.register_disclosure_section("associations", association_history)
        register_reminder_source(reminders.ANNUAL_REVIEWS)
        extensions.register_person_links("associations", selectors.association_links_for_person)
        # The integrity board's figures for the register (the board and the head of the CCU).
        from registers.associations.board import SECTION
        from standards.board.figures import register_board_section

        register_board_section(SECTION)
