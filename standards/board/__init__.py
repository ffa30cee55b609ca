"""The integrity board: the deputy chief constable's live figures, disproportionality, the HMICFRS
recommendations tracker and the quarterly report (see docs/architecture.md, "The integrity
board")."""
