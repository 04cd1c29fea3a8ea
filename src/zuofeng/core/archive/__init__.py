"""Published years: manifests, their anchors in git, and the freeze of their records."""
