"""The board's services, one module per part: summary, reference, tracker, report (as needed)."""
