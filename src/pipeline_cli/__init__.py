"""pipeline-cli: find the open handoffs to ICE where you live, and who can close them."""

__version__ = "0.1.0"
