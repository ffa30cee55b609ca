"""The board's demo, one module per part: summary, reference, tracker, report (as needed)."""
