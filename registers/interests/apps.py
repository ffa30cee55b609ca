from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "registers.interests"
    label = "interests"
    verbose_name = "Business interests"

    def ready(self) -> None:
        from registers import portal
        from registers.interests import (
            rules,  # noqa: F401 - registers the access rules
            selectors,
        )
        from registers.portal import PortalSection

        portal.register_section(
            PortalSection(
                key="interests",
                title="Business interests",
                template="my/interests/portal_rows.html",
                rows=lambda user: selectors.interest_list_for_declarant(user=user),
                new_url_name="my_interests:new",
                new_label="Apply for a business interest",
                order=20,
            )
        )
        portal.register_queues("interests", selectors.review_queues)
