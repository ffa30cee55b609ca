"""Cross-checks: the registers checked against each other and against the force's procurement
register, senior officers' diaries and expense claims (imports), every night and on demand."""
