"""jiedao (街道): the integrated digital platform of a Chinese sub-district office."""

__version__ = "0.1.0"
