"""jsitext: keep a plurilateral negotiating text as YAML and turn it into documents."""

__version__ = "0.1.0"
