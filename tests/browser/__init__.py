"""The reader (build --format reader) in a real browser: headless Chromium through Selenium."""
