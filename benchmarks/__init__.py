"""The handbook's performance figures: `make bench` (python -m benchmarks) prints them."""
