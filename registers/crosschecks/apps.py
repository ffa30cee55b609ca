import importlib
import pkgutil

from django.apps import AppConfig


class CrosschecksConfig(AppConfig):
    name = "registers.crosschecks"
    label = "crosschecks"
    verbose_name = "Cross-checks"

    def ready(self) -> None:
        from registers.crosschecks import checks, rules  # noqa: F401 - rules registers the access rules
        from registers.crosschecks.demo import register_demo

        register_demo()

        # Every module in checks/ registers its check when imported: a new check is a new file.
        for module in pkgutil.iter_modules(checks.__path__):
            importlib.import_module(f"{checks.__name__}.{module.name}")

        # The integrity board's figures: PSD's findings, and the CCU's in a section of their own.
        from registers.crosschecks.board import CCU_SECTION, PSD_SECTION
        from standards.board.figures import register_board_section

        register_board_section(PSD_SECTION)
        register_board_section(CCU_SECTION)
