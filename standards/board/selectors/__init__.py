"""The board's selectors, one module per part: summary, reference, tracker, report (as needed)."""
