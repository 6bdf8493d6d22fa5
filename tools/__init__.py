"""Developer tools of rmo (not shipped in the wheel)."""
