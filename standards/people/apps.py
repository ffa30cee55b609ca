from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "standards.people"
    label = "people"
    verbose_name = "Staff directory"
