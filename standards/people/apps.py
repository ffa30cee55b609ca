from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "standards.people"
    label = "people"
    verbose_name = "Staff directory"

    def ready(self) -> None:
        from standards.people import rules  # noqa: F401 - registers the access rules
