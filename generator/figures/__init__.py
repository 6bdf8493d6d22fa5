"""Stage 2: the figures of a year: one association's, and the centre's over many."""
