"""The real-client tests: the outputs opened with LibreOffice, Chromium and a GFM renderer."""
