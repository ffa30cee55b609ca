from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "standards.accounts"
    label = "accounts"
    verbose_name = "Accounts and sign-in"

    def ready(self) -> None:
        from standards.accounts import (
            rules,  # noqa: F401 - registers the access rule
            selectors,
        )
        from standards.core import extensions

        extensions.register_queues("role_changes", selectors.role_review_queues)
