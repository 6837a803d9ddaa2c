"""What sits under every job: atomic file writes, forked workers, the extract record."""
