from django.apps import AppConfig


class CcuConfig(AppConfig):
    name = "ccu"
    label = "ccu"
    verbose_name = "Counter Corruption Unit"

    def ready(self) -> None:
        from ccu import rules  # noqa: F401 - registers the access rules
        from ccu.demo.operations import seed_operations
        from ccu.demo.watch import seed_watch
        from ccu.selectors.checks import check_queues, check_requested
        from ccu.services.watch import alert_raise_for
        from standards.core import extensions
        from standards.exchange import registry

        extensions.register_queues("ccu_checks", check_queues)
        extensions.register_demo_seeder("CCU operations", seed_operations, order=40)
        # The CCU answers intelligence checks: a new one goes into its queue.
        registry.register_request_handler("ccu", check_requested)
        # Anything new about a watched person, in any area, raises an alert in the CCU only.
        extensions.register_record_listener("ccu_watchlist", alert_raise_for)
        extensions.register_demo_seeder("CCU watchlists and risk", seed_watch, order=45)
