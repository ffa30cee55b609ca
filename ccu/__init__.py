"""The Counter Corruption Unit (CCU): corruption intelligence behind the sterile corridor."""
