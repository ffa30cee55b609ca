"""The board's pages, one module per part: the summary, the reference figures, the tracker and the
quarterly report."""
