"""The incident domain: plain Python, standard library only, no I/O."""
