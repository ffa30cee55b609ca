from django.apps import AppConfig
from django.db.models.signals import post_migrate


class GiftsConfig(AppConfig):
    name = "registers.gifts"
    label = "gifts"
    verbose_name = "Gifts and hospitality"

    def ready(self) -> None:
        from registers.gifts import rules, selectors  # noqa: F401 - rules registers the access rules
        from registers.gifts.demo import seed_gifts
        from standards.core import extensions

        extensions.register_section(
            extensions.PortalSection(
                key="gifts",
                title="Gifts and hospitality",
                template="my/gifts/portal_section.html",
                rows=selectors.gift_portal_rows,
                new_url_name="my_gifts:new",
                new_label="Declare a gift or hospitality",
                order=10,
            )
        )
        extensions.register_queues("gifts", selectors.gift_review_queues)
        extensions.register_demo_seeder("Gifts and hospitality", seed_gifts, order=10)
        extensions.register_person_links("gifts", selectors.gift_links_for_person)
        # The integrity board's figures for the register.
        from registers.gifts.board import SECTION
        from standards.board.figures import register_board_section

        register_board_section(SECTION)
        # The default policy is data; a test database flush empties the table, so it is put back
        # after every migrate (only into an empty table: an administrator's bands are kept).
        post_migrate.connect(_install_default_policy, sender=self)


def _install_default_policy(sender, apps=None, using="default", **kwargs) -> None:  # noqa: ARG001
    from django.apps import apps as global_apps
    from django.db import connections

    from registers.gifts.defaults import install_default_policy

    registry = apps or global_apps
    try:
        model = registry.get_model("gifts", "GiftThreshold")
    except LookupError:  # migrated only part of the way: this app's tables are not there yet
        return
    if model._meta.db_table not in connections[using].introspection.table_names():
        return
    install_default_policy(registry)
