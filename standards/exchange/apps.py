from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "standards.exchange"
    label = "exchange"
    verbose_name = "Corridor exchanges"

    def ready(self) -> None:
        from standards.exchange import rules  # noqa: F401 - registers the access rule
