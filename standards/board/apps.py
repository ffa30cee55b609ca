from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "standards.board"
    label = "board"
    verbose_name = "Integrity board"

    def ready(self) -> None:
        from standards.board import rules  # noqa: F401 - registers the access rules
        from standards.board.demo.reference import seed_reference_figures
        from standards.board.demo.tracker import seed_tracker
        from standards.core import extensions

        extensions.register_demo_seeder("HMICFRS recommendations", seed_tracker, order=96)
        extensions.register_demo_seeder("National figures", seed_reference_figures, order=97)
