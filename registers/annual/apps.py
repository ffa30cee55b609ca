from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AnnualConfig(AppConfig):
    name = "registers.annual"
    label = "annual"
    verbose_name = "Annual declaration"

    def ready(self) -> None:
        from registers.annual import (
            reminders,
            rules,  # noqa: F401 - registers the access rules
            selectors,
        )
        from registers.annual.demo import seed_annual_declarations
        from standards.core import extensions
        from standards.notifications.reminders import register_reminder_source

        extensions.register_section(
            extensions.PortalSection(
                key="annual",
                title="Annual declaration",
                template="my/annual/section.html",
                rows=selectors.annual_portal_rows,
                new_url_name="my_annual:declare",
                new_label="Your annual declaration",
                order=5,
            )
        )
        extensions.register_demo_seeder("Annual declarations", seed_annual_declarations, order=45)
        register_reminder_source(reminders.MEMBER_REMINDERS)
        register_reminder_source(reminders.MANAGER_REMINDERS)
        # The integrity board's figures for the declaration.
        from registers.annual.board import SECTION
        from standards.board.figures import register_board_section

        register_board_section(SECTION)
        # The current policies are data; a test database flush empties the table, so they are
        # put back after every migrate (only into an empty table: PSD's own versions are kept).
        post_migrate.connect(_install_default_policies, sender=self)


def _install_default_policies(sender, apps=None, using="default", **kwargs) -> None:  # noqa: ARG001
    from django.apps import apps as global_apps
    from django.db import connections

    from registers.annual.defaults import install_default_policies

    registry = apps or global_apps
    try:
        model = registry.get_model("annual", "PolicyVersion")
    except LookupError:  # migrated only part of the way: this app's tables are not there yet
        return
    if model._meta.db_table not in connections[using].introspection.table_names():
        return
    install_default_policies(registry)
