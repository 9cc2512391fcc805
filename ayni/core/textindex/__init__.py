"""The text index: site search and "similar stories" for any app's texts (README in
docs/architecture.md § The text index). Writes in `services`, reads in `selectors`."""
