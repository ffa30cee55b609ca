"""The CCU's pages (under /ccu/), one module per stage. Thin: access, one service, a response."""
