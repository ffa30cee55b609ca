"""The CCU's reference data, installed by a data migration: the national corruption categories
(HMICFRS glossary, DOMAIN.md) and the two risk questionnaires. Data, not code paths: the head of
the CCU may change a questionnaire's weights and threshold in the admin, and a score keeps the
threshold it was measured against."""

from __future__ import annotations

# (code, name, strategic priority in seed 001's threat assessment, or None)
CATEGORIES: tuple[tuple[str, str, int | None], ...] = (
    ("infiltration", "Infiltration", None),
    ("disclosure", "Disclosure of information", 1),
    ("perverting", "Perverting the course of justice", None),
    (
        "sexual-misconduct",
        "Sexual misconduct (including abuse of position for a sexual purpose)",
        2,
    ),
    ("drugs", "Controlled drug use and supply", None),
    ("theft-fraud", "Theft and fraud", None),
    ("systems-misuse", "Misusing force systems", 1),
    ("abuse-of-authority", "Abuse of authority", None),
    ("association", "Inappropriate association", 4),
    ("vulnerability", "Vulnerability", 3),
    (
        "assist-offender",
        "Commit, incite, aid and abet, assist an offender in the commission of a crime",
        None,
    ),
    ("other", "Other", None),
)

# slug -> (title, description, threshold, ((question, hint, weight), ...))
QUESTIONNAIRES: dict[str, tuple[str, str, int, tuple[tuple[str, str, int], ...]]] = {
    "abuse-of-position": (
        "Abuse of position for a sexual purpose",
        "Indicators that a member of the workforce may be abusing their position to pursue a "
        "sexual or improper emotional relationship (Operation Beacon).",
        10,
        (
            (
                "Contact with a victim, witness or suspect outside what their duties need",
                "Calls, texts or social media, on or off duty.",
                4,
            ),
            (
                "Force systems searched for people they have met through work, without a policing purpose",
                "",
                4,
            ),
            ("Attendance at incidents involving vulnerable people they were not sent to", "", 3),
            ("A previous complaint or intelligence about sexual misconduct", "", 3),
            (
                "Concerns raised by colleagues about their behaviour towards members of the public",
                "",
                2,
            ),
            ("Unexplained time spent at a victim's or witness's address", "", 2),
            (
                "Use of a personal phone or social media account to contact people met through work",
                "",
                2,
            ),
        ),
    ),
    "notifiable-association": (
        "Notifiable association risk",
        "How far a member's association with someone of concern puts the force at risk.",
        8,
        (
            ("The associate is involved in serious or organised crime", "", 4),
            ("The associate is under investigation by this force", "", 3),
            (
                "The member works in a role with access to sensitive information about the associate",
                "",
                3,
            ),
            ("The association was not declared, or declared late", "", 3),
            ("Frequent contact (weekly or more)", "", 2),
            ("The member has financial ties to the associate", "", 2),
            ("Previous advice about this association was not followed", "", 2),
        ),
    ),
}


def install_missing(apps) -> None:
    """Install the categories and questionnaires that are missing (the data migration, and after
    a test database flush); a row that exists, perhaps changed by the head of the CCU, is kept."""
    category_model = apps.get_model("ccu", "CorruptionCategory")
    questionnaire_model = apps.get_model("ccu", "Questionnaire")
    question_model = apps.get_model("ccu", "Question")
    for order, (code, name, priority) in enumerate(CATEGORIES, start=1):
        category_model.objects.get_or_create(
            code=code, defaults={"name": name, "order": order, "priority": priority}
        )
    for slug, (title, description, threshold, questions) in QUESTIONNAIRES.items():
        questionnaire, created = questionnaire_model.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "description": description, "threshold": threshold},
        )
        if not created:
            continue
        for order, (text, hint, weight) in enumerate(questions, start=1):
            question_model.objects.create(
                questionnaire=questionnaire, order=order, text=text, hint=hint, weight=weight
            )
