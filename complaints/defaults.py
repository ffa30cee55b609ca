"""Reference data the first data migration installs. The administrator extends it in the admin;
code never names a category, a standard or a criterion."""

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
)
