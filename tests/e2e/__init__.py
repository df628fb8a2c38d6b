"""End-to-end tests: Debian's chromium, driven by Playwright, against `tracker run`."""
