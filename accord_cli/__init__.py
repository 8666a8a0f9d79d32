"""accord: track who has signed a pledge, when, and who has not."""

__version__ = "0.1.0"
