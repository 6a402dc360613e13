"""The hostile-input suite (issue 6): a package, so its conftest and helpers do not shadow the top-level ones."""
