from django.apps import AppConfig


class CcuConfig(AppConfig):
    name = "ccu"
    label = "ccu"
    verbose_name = "Counter Corruption Unit"

    def ready(self) -> None:
        from ccu import check_rules, rules  # noqa: F401 - registers the access rules
        from ccu.checks import check_queues
        from registers import portal

        portal.register_queues("ccu_checks", check_queues)
