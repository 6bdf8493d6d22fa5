"""The command line face: rmo and rmo centre over the core."""
