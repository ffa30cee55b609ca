from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CcuConfig(AppConfig):
    name = "ccu"
    label = "ccu"
    verbose_name = "Counter Corruption Unit"

    def ready(self) -> None:
        from ccu import rules  # noqa: F401 - registers the access rules
        from ccu.crosscheck_data import member_nominals
        from ccu.demo.checks import seed_checks
        from ccu.demo.line import seed_line
        from ccu.demo.nominals import seed_nominals
        from ccu.demo.operations import seed_operations
        from ccu.demo.reports import seed_reports
        from ccu.demo.transfers import seed_transfers
        from ccu.demo.triage import seed_triage
        from ccu.demo.watch import seed_watch
        from ccu.selectors.checks import check_queues, check_requested
        from ccu.selectors.line import line_queues
        from ccu.selectors.queues import ccu_queues
        from ccu.services.watch import alert_raise_for
        from standards.core import extensions
        from standards.exchange import registry

        # The CCU's queues: checks asked by PSD, its own work, the reporting line.
        extensions.register_queues("ccu_checks", check_queues)
        extensions.register_queues("ccu_work", ccu_queues)
        extensions.register_queues("ccu_line", line_queues)
        # /my/ offers every member the confidential reporting line; it lists nothing of theirs.
        extensions.register_section(
            extensions.PortalSection(
                key="reporting_line",
                title="Confidential reporting line",
                template="my/ccu/section.html",
                rows=_nothing_listed,
                new_url_name="my_ccu:line_start",
                new_label="Report a concern in confidence",
                order=90,
            )
        )
        # Anything new about a watched person, in any area, raises an alert in the CCU only.
        extensions.register_record_listener("ccu_watchlist", alert_raise_for)
        # The CCU-only cross-checks read the nominals through this (registers may not import us).
        extensions.register_crosscheck_data("member_nominals", "ccu", member_nominals)
        # The CCU answers intelligence checks: a new one goes into its queue.
        registry.register_request_handler("ccu", check_requested)
        # The demo, in the order the stages depend on each other.
        extensions.register_demo_seeder("CCU operations", seed_operations, order=40)
        extensions.register_demo_seeder("CCU reports", seed_reports, order=41)
        extensions.register_demo_seeder("CCU nominals", seed_nominals, order=42)
        extensions.register_demo_seeder("CCU triage", seed_triage, order=43)
        extensions.register_demo_seeder("CCU reporting line", seed_line, order=44)
        extensions.register_demo_seeder("CCU watchlists and risk", seed_watch, order=45)
        extensions.register_demo_seeder("CCU checks", seed_checks, order=46)
        extensions.register_demo_seeder("CCU transfers", seed_transfers, order=47)
        # The integrity board's counter-corruption figures (the board and the head of the CCU).
        from ccu.board import SECTION
        from standards.board.figures import register_board_section

        register_board_section(SECTION)
        # The reference lists are data; a test database flush empties them, so whatever is
        # missing is put back after every migrate (an administrator's changes are kept).
        post_migrate.connect(_install_reference_data, sender=self)


def _nothing_listed(*, user) -> list:
    # A member's line reports are not theirs to list: nothing ties a report to them.
    return []


def _install_reference_data(sender, apps=None, using="default", **kwargs) -> None:  # noqa: ARG001
    from django.apps import apps as global_apps
    from django.db import connections

    from ccu.defaults import install_missing

    registry = apps or global_apps
    try:
        model = registry.get_model("ccu", "Question")
    except LookupError:  # migrated only part of the way: this app's tables are not there yet
        return
    if model._meta.db_table not in connections[using].introspection.table_names():
        return
    install_missing(registry)
