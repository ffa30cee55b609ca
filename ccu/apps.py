from django.apps import AppConfig


class CcuConfig(AppConfig):
    name = "ccu"
    label = "ccu"
    verbose_name = "Counter Corruption Unit"

    def ready(self) -> None:
        from ccu import rules  # noqa: F401 - registers the access rules
        from ccu.demo.checks import seed_checks
        from ccu.demo.operations import seed_operations
        from ccu.selectors.checks import check_queues, check_requested
        from standards.core import extensions
        from standards.exchange import registry

        extensions.register_queues("ccu_checks", check_queues)
        extensions.register_demo_seeder("CCU operations", seed_operations, order=40)
        extensions.register_demo_seeder("CCU checks", seed_checks, order=46)
        # The CCU answers intelligence checks: a new one goes into its queue.
        registry.register_request_handler("ccu", check_requested)
