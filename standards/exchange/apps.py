from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "standards.exchange"
    label = "exchange"
    verbose_name = "Corridor exchanges"

    def ready(self) -> None:
        from standards.exchange import (
            registry,
            rules,  # noqa: F401 - registers the access rule
            selectors,
            services,
        )

        # A list of people put up for checks asks a check on each of them for the list itself:
        # the exchange is its own asking side (what the CCU is shown, what an answer does).
        registry.register_answer_handler("exchange.checklist", services.check_list_answered)
        registry.register_check_details("exchange.checklist", selectors.check_list_details_for_ccu)
