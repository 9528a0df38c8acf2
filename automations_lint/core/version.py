"""The package's version, where every layer can read it without importing the package's public face."""

VERSION = "0.1.0"
