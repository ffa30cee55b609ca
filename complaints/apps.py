from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Complaints and conduct"

    def ready(self) -> None:
        from complaints import rules  # noqa: F401 - registers the access rules
        from complaints.demo import seed_complaints
        from standards.core import extensions

        extensions.register_demo_seeder("Complaints and conduct", seed_complaints, order=40)
