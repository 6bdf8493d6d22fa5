"""The pages of `rmo serve`, one module per page; common.py holds what they share."""
