from django.apps import AppConfig


class CcuConfig(AppConfig):
    name = "ccu"
    label = "ccu"
    verbose_name = "Counter Corruption Unit"

    def ready(self) -> None:
        from ccu import rules  # noqa: F401 - registers the access rules
        from ccu.demo.nominals import seed_nominals
        from ccu.demo.operations import seed_operations
        from ccu.demo.reports import seed_reports
        from ccu.demo.triage import seed_triage
        from ccu.selectors.checks import check_queues, check_requested
        from ccu.selectors.queues import ccu_queues
        from standards.core import extensions
        from standards.exchange import registry

        extensions.register_queues("ccu_checks", check_queues)
        extensions.register_queues("ccu_work", ccu_queues)
        extensions.register_demo_seeder("CCU operations", seed_operations, order=40)
        extensions.register_demo_seeder("CCU reports", seed_reports, order=41)
        extensions.register_demo_seeder("CCU triage", seed_triage, order=43)
        extensions.register_demo_seeder("CCU nominals", seed_nominals, order=42)
        # The CCU answers intelligence checks: a new one goes into its queue.
        registry.register_request_handler("ccu", check_requested)
