"""warroom: self-hosted incident response and post-incident review."""

__version__ = "0.1.0"
