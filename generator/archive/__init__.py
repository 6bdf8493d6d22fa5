"""Stage 5: the archive of years: atomic writes, the register and its journal, the
ledger of issued numbers, and reading what the archive holds."""
