"""bludcli: check and combine the monthly financial reports of health BLUDs."""

__version__ = "0.1.0"
