"""Rentan Desktop: offline registration of pekerja rentan for BPJS Ketenagakerjaan JKK/JKM."""

__version__ = "0.1.0"
APP_NAME = "Rentan Desktop"
