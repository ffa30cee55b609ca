from django.apps import AppConfig


class CcuConfig(AppConfig):
    name = "ccu"
    label = "ccu"
    verbose_name = "Counter Corruption Unit"

    def ready(self) -> None:
        from ccu import rules  # noqa: F401 - registers the access rules
