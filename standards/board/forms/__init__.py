"""The board's forms, one module per part: summary, reference, tracker, report (as needed)."""
