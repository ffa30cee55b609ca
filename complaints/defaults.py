"""Reference data the data migrations install (0002, and 0004 for the letters), and the app's
post_migrate hook puts back after a test database is flushed, only where a row is missing: an
administrator's changes are never overwritten. The administrator extends it in the admin; code
never names a category, a standard or a criterion."""

from __future__ import annotations

# IOPC statutory guidance on data recording (2020): 11 groups and their subcategories.
# (code, group, subcategory)
ALLEGATION_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("A1", "Delivery of duties and service", "Police action following contact"),
    ("A2", "Delivery of duties and service", "Decisions"),
    ("A3", "Delivery of duties and service", "Information"),
    ("A4", "Delivery of duties and service", "General level of service"),
    ("B1", "Police powers, policies and procedures", "Arrest"),
    ("B2", "Police powers, policies and procedures", "Detention in police custody"),
    ("B3", "Police powers, policies and procedures", "Search of premises and seizure of property"),
    ("B4", "Police powers, policies and procedures", "Stop and search"),
    ("B5", "Police powers, policies and procedures", "Use of force"),
    ("B6", "Police powers, policies and procedures", "Bail, identification and interview"),
    ("B7", "Police powers, policies and procedures", "Evidential procedures"),
    ("B8", "Police powers, policies and procedures", "Out of court disposals"),
    ("B9", "Police powers, policies and procedures", "Other policies and procedures"),
    ("C1", "Handling of or damage to property or premises", "Handling of or damage to property"),
    ("D1", "Access and/or disclosure of information", "Access or disclosure of information"),
    ("E1", "Use of police vehicles", "Use of police vehicles"),
    ("F1", "Discriminatory behaviour", "Race"),
    ("F2", "Discriminatory behaviour", "Sex"),
    ("F3", "Discriminatory behaviour", "Disability"),
    ("F4", "Discriminatory behaviour", "Age"),
    ("F5", "Discriminatory behaviour", "Religion or belief"),
    ("F6", "Discriminatory behaviour", "Sexual orientation"),
    ("F7", "Discriminatory behaviour", "Gender reassignment"),
    ("F8", "Discriminatory behaviour", "Marriage and civil partnership"),
    ("F9", "Discriminatory behaviour", "Pregnancy and maternity"),
    ("F10", "Discriminatory behaviour", "Other"),
    ("G1", "Abuse of position or corruption", "Abuse of position for a sexual purpose"),
    (
        "G2",
        "Abuse of position or corruption",
        "Abuse of position to pursue an inappropriate emotional relationship",
    ),
    ("G3", "Abuse of position or corruption", "Abuse of position for financial purpose"),
    ("G4", "Abuse of position or corruption", "Other abuse of position or corruption"),
    ("H1", "Individual behaviours", "Impolite language or tone"),
    ("H2", "Individual behaviours", "Impolite and intolerant actions"),
    ("H3", "Individual behaviours", "Lack of fairness and impartiality"),
    ("H4", "Individual behaviours", "Overbearing or harassing behaviours"),
    ("H5", "Individual behaviours", "Unprofessional attitude and disrespect"),
    ("I1", "Sexual conduct", "Sexual assault"),
    ("I2", "Sexual conduct", "Sexual harassment"),
    ("I3", "Sexual conduct", "Other sexual conduct"),
    ("J1", "Discreditable conduct", "Discreditable conduct"),
    ("K1", "Other", "Other"),
)

# Standards of Professional Behaviour (Police (Conduct) Regulations 2020, Schedule 2).
PROFESSIONAL_STANDARDS: tuple[str, ...] = (
    "Honesty and integrity",
    "Authority, respect and courtesy",
    "Equality and diversity",
    "Use of force",
    "Orders and instructions",
    "Duties and responsibilities",
    "Confidentiality",
    "Fitness for work",
    "Discreditable conduct",
    "Challenging and reporting improper conduct",
)

# Mandatory referral to the IOPC (Police (Complaints and Misconduct) Regulations 2020, reg 4).
# (code, question, hint)
REFERRAL_CRITERIA: tuple[tuple[str, str, str], ...] = (
    (
        "dsi",
        "Does it involve a death or serious injury after contact with the police?",
        "Referred even when nobody has complained.",
    ),
    ("serious_assault", "Is it an allegation of serious assault by a person serving?", ""),
    ("serious_sexual", "Is it an allegation of a serious sexual offence?", ""),
    (
        "serious_corruption",
        "Is it an allegation of serious corruption?",
        "Including abuse of position for a sexual purpose or to pursue an improper emotional "
        "relationship.",
    ),
    (
        "discrimination",
        "Is it a criminal offence or behaviour aggravated by discrimination?",
        "Race, sex, religion or another protected characteristic.",
    ),
    (
        "relevant_offence",
        "Is it a relevant offence (one punishable with 7 years' imprisonment or more)?",
        "",
    ),
    (
        "chief_officer",
        "Is it about a chief officer, where conduct cannot be ruled out?",
        "",
    ),
    (
        "same_incident",
        "Does it arise from the same incident as a complaint or matter that must be referred?",
        "For example, a second complaint about the arrest in which a serious assault is alleged "
        "(reg 4(1)(c)).",
    ),
)

# The default letters, in plain English (kind, name, subject, body). The placeholders are the
# fixed list in complaints.letters; the outcome letter keeps {{ right_of_review }}.
LETTER_TEMPLATES = (
    (
        "acknowledgement",
        "Acknowledgement",
        "Your complaint, reference {{ case_reference }}",
        """{{ complainant_name }}
{{ complainant_address }}

{{ letter_date }}

Dear {{ complainant_name }},

Thank you for your complaint, which we received on {{ received_on }}. Your reference is {{ case_reference }}. Please quote it if you contact us.

You told us about:

{{ allegations }}

What happens next: we will look at your complaint and decide how to deal with it. We will write to you to tell you what we have decided. If you need us to make any changes so that you can take part, for example large print or a phone call instead of a letter, please tell us.

Yours sincerely,

{{ sender_name }}
Professional Standards Department, {{ force_name }}""",
    ),
    (
        "handling",
        "Handling decision",
        "How we are dealing with your complaint, reference {{ case_reference }}",
        """{{ complainant_name }}
{{ complainant_address }}

{{ letter_date }}

Dear {{ complainant_name }},

We have decided how to deal with your complaint about what happened on {{ incident_date }}.

{{ handling_decision }}

The parts of your complaint we are dealing with are:

{{ allegations }}

We will keep you updated, and write to you again when we have an outcome.

Yours sincerely,

{{ sender_name }}
Professional Standards Department, {{ force_name }}""",
    ),
    (
        "outcome",
        "Outcome",
        "The outcome of your complaint, reference {{ case_reference }}",
        """{{ complainant_name }}
{{ complainant_address }}

{{ letter_date }}

Dear {{ complainant_name }},

We have finished dealing with your complaint. This letter tells you what we found and what we have done.

What we found about each part of your complaint:

{{ allegations }}

Why we reached this outcome:
{{ outcome_rationale }}

Your right to a review
{{ right_of_review }}

Yours sincerely,

{{ sender_name }}
Professional Standards Department, {{ force_name }}""",
    ),
    (
        "review_outcome",
        "Review outcome",
        "The result of your review, reference {{ case_reference }}",
        """{{ complainant_name }}
{{ complainant_address }}

{{ letter_date }}

Dear {{ complainant_name }},

You asked for a review of the outcome of your complaint. The review body, {{ review_body_name }}, has now reviewed it.

The review body decided that {{ review_result }}.

The reasons:
{{ review_rationale }}

What the review body recommends:
{{ review_recommendation }}

This is the end of the complaints process for your complaint.

Yours sincerely,

{{ sender_name }}
Professional Standards Department, {{ force_name }}""",
    ),
)


def install_missing(registry) -> None:
    """Create whichever default rows are missing (``registry``: the app registry, or a
    migration's)."""
    category = registry.get_model("complaints", "AllegationCategory")
    standard = registry.get_model("complaints", "ProfessionalStandard")
    criterion = registry.get_model("complaints", "ReferralCriterion")
    letter_template = registry.get_model("complaints", "LetterTemplate")
    for order, (code, group, name) in enumerate(ALLEGATION_CATEGORIES):
        category.objects.get_or_create(
            code=code, defaults={"group": group, "name": name, "order": order}
        )
    for order, name in enumerate(PROFESSIONAL_STANDARDS):
        standard.objects.get_or_create(name=name, defaults={"order": order})
    for order, (code, question, hint) in enumerate(REFERRAL_CRITERIA):
        criterion.objects.get_or_create(
            code=code, defaults={"question": question, "hint": hint, "order": order}
        )
    for kind, name, subject, body in LETTER_TEMPLATES:
        letter_template.objects.get_or_create(
            kind=kind, name=name, defaults={"subject": subject, "body": body}
        )
