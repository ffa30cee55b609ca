"""Every change to CCU material, one module per stage (see ``ccu.models``): one function per
transition, taking the acting user, atomic, validated, writing history with the reason."""
