"""whittle: local-first, AI-native workflow apps."""

__version__ = "0.1.0"
